"""The PySide6 user interface. Qt lives only below this package (ARCHITECTURE §7.3 rule 1)."""
