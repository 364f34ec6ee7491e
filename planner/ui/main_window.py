"""The one window: a header with quick exit, and the screens it switches between.

It only hosts screens and moves between them; each screen lives in its own module and talks to
the core through the session and plan it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from planner.core.i18n import _
from planner.core.session import Session
from planner.ui.quick_exit import QuickExitButton
from planner.ui.welcome import WelcomeScreen
from planner.ui.widgets import label

WINDOW_TITLE = "Planner"


class MainWindow(QMainWindow):
    """Hosts the screens; its title stays neutral whatever is shown."""

    def __init__(self, session: Session, quick_exit: Callable[[], None],
                 change_language: Callable[[str], None]) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1000, 720)
        central = QWidget()
        outer = QVBoxLayout(central)
        header = QHBoxLayout()
        self.quick_exit_button = QuickExitButton(quick_exit)
        self.brand = label(role="subtitle")
        header.addWidget(self.brand)
        header.addStretch(1)
        header.addWidget(self.quick_exit_button)
        outer.addLayout(header)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.welcome = WelcomeScreen(session)
        self.welcome.language_chosen.connect(change_language)
        self.stack.addWidget(self.welcome)
        self.retranslate()

    def retranslate(self) -> None:
        self.brand.setText(_("Planner"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
