"""Behaviours: one domain invariant per module, hooked on other commands' pre/post phases."""
