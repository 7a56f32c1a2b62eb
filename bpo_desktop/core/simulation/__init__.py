"""Discrete-event simulation: a pure function of (process snapshot, parameters, seed)."""
