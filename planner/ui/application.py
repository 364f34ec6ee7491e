"""Starting the GUI: Qt application, fonts, theme, quick exit, the main window.

Kept apart from `planner.app` so the command-line tools never import Qt.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from planner.core import i18n, paths
from planner.core.session import Session
from planner.ui import fonts, theme
from planner.ui.main_window import MainWindow
from planner.ui.quick_exit import QuickExit


class FirstPaint(QObject):
    """Notices the first paint of a widget (for `--startup-check`)."""

    def __init__(self, on_paint: "callable[[], None]") -> None:  # type: ignore[valid-type]
        super().__init__()
        self._on_paint = on_paint
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._on_paint)
        return False


def make_application() -> QApplication:
    """The QApplication with neutral names; no organisation name, so Qt stores no settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Planner")
    app.setApplicationDisplayName("Planner")
    app.setQuitOnLastWindowClosed(True)
    fonts.register_fonts()
    app.setFont(fonts.ui_font())
    app.setStyleSheet(theme.stylesheet())
    return app  # type: ignore[return-value]


def run_gui(data_dir: Path | None, startup_check: bool, process_start: float) -> int:
    """Run the app until it quits; with `startup_check`, report the first paint and exit."""
    app = make_application()
    session = Session(paths.data_dir(data_dir))

    def change_language(code: str) -> None:
        i18n.set_language(code)
        app.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
        for widget in app.allWidgets():
            app.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))

    window = MainWindow(session, quick_exit=lambda: exit_now.trigger(),
                        change_language=change_language)
    exit_now = QuickExit(app, end_session=session.end)
    if startup_check:
        def report() -> None:
            print(f"{(time.perf_counter() - process_start) * 1000:.0f}")
            app.exit(0)

        watcher = FirstPaint(report)
        window.installEventFilter(watcher)
    window.show()
    code = app.exec()
    session.end()
    return code
