"""Process analysis: lint, soundness and metrics as pure functions of a process snapshot."""
