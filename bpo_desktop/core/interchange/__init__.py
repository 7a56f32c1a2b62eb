"""Interchange with other tools' formats (BPMN 2.0 XML with DI)."""
