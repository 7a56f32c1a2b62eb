"""The base of every error that is the user's input, not a bug: shown as one line, never a trace.

Kept in its own tiny module so the CLI can catch it without importing the services.
"""


class InputError(Exception):
    """A file, name or value the user gave cannot be used; `str()` says which and why."""
