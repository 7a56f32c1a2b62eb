"""Helpers shared by test packages (importable because pytest puts tests/ on sys.path)."""
