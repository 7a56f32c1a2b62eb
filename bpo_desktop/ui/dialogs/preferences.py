"""Edit > Preferences…: the autosave interval (QSettings `autosave/interval_seconds`)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bpo_desktop.ui.autosave import INTERVAL_KEY, autosave_interval

MAX_INTERVAL_S = 3600


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.interval = QSpinBox()
        self.interval.setObjectName("preferences.autosave_interval")
        self.interval.setRange(0, MAX_INTERVAL_S)
        self.interval.setSingleStep(15)
        self.interval.setSuffix(" s")
        self.interval.setSpecialValueText("Off")  # shown for 0
        self.interval.setValue(autosave_interval(settings))
        note = QLabel(
            "Unsaved work is copied to a recovery folder, never over your file. After a crash "
            "the next start offers it back."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Autosave every:", self.interval)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("preferences.buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def interval_seconds(self) -> int:
        return self.interval.value()

    def accept(self) -> None:
        if self._settings is not None:
            self._settings.setValue(INTERVAL_KEY, self.interval_seconds())
            self._settings.sync()
        super().accept()
