"""`python -m bpo_desktop`: the same entry point as the `bpo-desktop` command."""

from bpo_desktop.cli.main import main

raise SystemExit(main())
