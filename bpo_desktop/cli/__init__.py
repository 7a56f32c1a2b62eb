"""The `bpo-desktop` command: no subcommand opens the GUI, subcommands run headless."""
