"""Exit codes and the error for bad input the CLI reports in one line."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class UsageError(Exception):
    """Bad input or usage: reported as one line on stderr, exit code 2."""
