"""Help: the keyboard shortcuts, and what quick exit and locking can and cannot do."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.core.i18n import N_, _
from planner.ui.widgets import clear_layout, label, scrolling

SHORTCUTS = (
    ("Shift, Shift, Shift", N_("Quick exit: hide and close the app")),
    ("Ctrl+1", N_("Topics")),
    ("Ctrl+2", N_("My plan")),
    ("Ctrl+3", N_("Print")),
    ("Ctrl+4", N_("Settings")),
    ("F1", N_("This help")),
    ("Ctrl+L", N_("Lock now")),
    ("Alt+Left / Alt+Right", N_("Previous or next topic")),
    ("Tab / Shift+Tab", N_("Move between controls")),
    ("Space", N_("Choose the option that has focus")),
)


class HelpPanel(QWidget):
    """Plain-language help, always one key away (F1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(10)
        scroll = scrolling(inner, text_only=True)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

    def refresh(self) -> None:
        """Help shows no plan, so there is nothing to bring up to date."""

    def flush(self) -> None:
        """Nothing is typed here."""

    def set_library(self, library: object) -> None:
        """Help is the app's own words (retranslated on LanguageChange), not content."""

    def retranslate(self) -> None:
        clear_layout(self.column)
        self.column.addWidget(label(_("Help"), "title"))
        self.scroll_area.setAccessibleName(_("Help"))
        self.column.addWidget(label(_("Keyboard shortcuts"), "subtitle"))
        for keys, meaning in SHORTCUTS:
            self.column.addWidget(label(f"{keys}  \u2014  {_(meaning)}"))
        self.column.addWidget(label(_("What quick exit does"), "subtitle"))
        self.column.addWidget(label(_(
            "Quick exit hides the app at once, clears anything this app put on the clipboard, "
            "locks your saved plan and closes. What you saved stays saved. If you were not "
            "saving, everything is gone.")))
        self.column.addWidget(label(_("What it cannot do"), "subtitle"))
        self.column.addWidget(label(_(
            "It does not erase the computer's own history, and it cannot hide anything from "
            "spying apps or keyloggers, which may have recorded what you typed. A printed page "
            "or a saved PDF is not protected by your passphrase.")))
        self.column.addWidget(label(_("Locking"), "subtitle"))
        self.column.addWidget(label(_(
            "Your plan locks itself after some minutes without use (you can choose how many in "
            "Settings). To open it again you need your passphrase.")))
        self.column.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
