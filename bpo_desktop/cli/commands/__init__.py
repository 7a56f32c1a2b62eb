"""One module per subcommand. Each defines HELP, `add_arguments(parser)` and `run(args) -> int`.

To add a subcommand, add its module here and its name to COMMANDS (the order of `--help`).
"""

COMMANDS = ("new", "list", "screenshot")
