"""Command handlers, one module per area. Registered only by `core.editing.editor`."""
