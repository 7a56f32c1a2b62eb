"""One module per subcommand, each with `add_arguments(parser)` and `run(args) -> int`.

COMMANDS maps a command to its module and one-line help, in `--help` order. Only the module of
the command being run is imported, so a headless call pays for nothing it does not use.
"""

COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("new", "create a .bpo workspace file"),
    "list": ("list", "list the processes and scenarios of a workspace"),
    "screenshot": ("screenshot", "render the main window offscreen to a PNG"),
    "validate": (
        "validate",
        "check processes for modelling errors, unsound gateways and guardrail violations",
    ),
    "analyze": (
        "analyze",
        "compute lead time, touch time, PCE, handoffs, cost, capacity and paths of a process",
    ),
    "simulate": (
        "simulate",
        "simulate a process: lead time, waiting, cost and utilisation with 95 %% intervals",
    ),
    # `import` is a Python keyword, so its module has another name.
    "import": (
        "import_bpmn",
        "import a BPMN 2.0 XML file into a .bpo workspace (created if missing)",
    ),
    "export": (
        "export",
        "export a process or workshop: BPMN, Prosimos, PNG, SVG, PDF, HTML report, minutes",
    ),
}
