"""Starting the GUI: Qt application, fonts, look, quick exit, auto-lock, the main window.

Kept apart from `planner.app` so the command-line tools never import Qt. Order follows the
composition-root rule: language, data folder, Qt application, fonts, then the window. Content
is loaded only when a plan opens, and printing (reportlab) only when the print screen is first
shown, so the welcome screen paints fast.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner.core import i18n, kdf, paths
from planner.core.i18n import _
from planner.core.resources import assets_dir, content_dir
from planner.core.session import Session
from planner.ui import accessibility, fonts, keyboard, theme
from planner.ui.auto_lock import IdleLock
from planner.ui.languages import LanguageSwitch
from planner.ui.main_window import MainWindow
from planner.ui.quick_exit import ClipboardGuard, QuickExit
from planner.ui.save_errors import install_exception_hook, report

if TYPE_CHECKING:
    from planner.core.content import Library, Resource
    from planner.core.plan import Plan
    from planner.ui.print_screen import PrintScreen
from planner.core.preferences import Preferences

MEMORY_TEMP_DIRS = (Path("/dev/shm"),)



class FirstPaint(QObject):
    """Calls back once, just after a widget's first paint (for `--startup-check`)."""

    def __init__(self, on_paint: Callable[[], None]) -> None:
        super().__init__()
        self._on_paint = on_paint
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self._on_paint)
        return False


def use_memory_temp_dir() -> None:
    """Point TMPDIR at a memory-backed folder where one exists (Qt or a print system may
    write temporary files; in RAM they never reach the disk)."""
    for folder in MEMORY_TEMP_DIRS:
        if folder.is_dir() and os.access(folder, os.W_OK):
            os.environ["TMPDIR"] = str(folder)
            return


def no_session_bus_autolaunch() -> None:
    """Where no D-Bus session bus runs (a bare X session, a kiosk), Qt's accessibility bridge
    would make libdbus start one, and that writes ~/.dbus/session-bus/…: a trace in the home
    folder. Saying there is no session bus stops that; a screen reader still finds the app
    through the accessibility bus the X server advertises."""
    if "DBUS_SESSION_BUS_ADDRESS" in os.environ:
        return
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    user_bus = Path(runtime, "bus") if runtime else None
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = (
        f"unix:path={user_bus}" if user_bus is not None and user_bus.exists() else "disabled:")


def make_application() -> QApplication:
    """The QApplication with neutral names; no organisation name, so Qt stores no settings."""
    no_session_bus_autolaunch()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Planner")
    app.setApplicationDisplayName("Planner")
    app.setDesktopFileName("planner")
    app.setWindowIcon(QIcon(str(assets_dir() / "planner.png")))
    fonts.register_fonts()
    keyboard.install(app)
    accessibility.install(app)
    apply_preferences(app, Preferences())
    return app


LOOK_PROPERTY = "planner-look"


def apply_preferences(app: QApplication, preferences: Preferences) -> None:
    """Text size and theme for the whole app. Restyling every widget takes a moment, so it is
    done only when the look really changes (not, say, on every unlock)."""
    look = f"{preferences.text_scale}:{preferences.high_contrast}"
    if app.property(LOOK_PROPERTY) == look:
        return
    app.setFont(fonts.ui_font(preferences.text_scale))
    app.setStyleSheet(theme.stylesheet(preferences.text_scale, preferences.high_contrast))
    app.setProperty(LOOK_PROPERTY, look)


@lru_cache(maxsize=4)
def library_for(language: str) -> Library:
    """The topic library in `language` (English where a translation is missing)."""
    from planner.core.content import load_library

    return load_library(content_dir(), language)


def program_resources(data_dir: Path) -> tuple[Resource, ...]:
    """The program's own resources: shipped with the app, and in the data folder. A file in the
    data folder that can't be read is left out, with a word in the banner: it must never stop
    anyone from opening a plan or starting without saving."""
    from planner.core.content import ContentError, load_resources

    shipped = load_resources(content_dir() / "local" / "resources.toml")
    try:
        local = load_resources(data_dir / "resources.toml")
    except (ContentError, TypeError, ValueError):
        report(_("This computer's list of local help lines (resources.toml in the Planner "
                 "folder) can't be read, so it is left out. The national help lines are "
                 "still here. Ask the program that set up this computer to fix the list."))
        return shipped
    return shipped + local


def build_window(app: QApplication, session: Session, quit_app: Callable[[], None] | None = None,
                 ) -> tuple[MainWindow, QuickExit, IdleLock]:
    """Wire the main window, quick exit and auto-lock together (used by run_gui and the tour).

    In order: what the window needs, the window, then what answers the window's requests
    (its signals), each made once and in the order it is used.
    """
    def make_print_screen(plan: Callable[[], Plan], library: Library) -> PrintScreen:
        """Built the first time it is shown: only printing needs reportlab and QtPdf."""
        from planner.ui.print_screen import PrintScreen

        return PrintScreen(plan, library, program_resources(session.data_dir))

    clipboard = ClipboardGuard(app)

    def use_preferences(preferences: Preferences) -> None:
        apply_preferences(app, preferences)
        if session.plan is not None:
            idle.arm(preferences.lock_minutes * 60_000)

    window = MainWindow(session, library=lambda: library_for(i18n.current_language()),
                        program_resources=lambda: program_resources(session.data_dir),
                        clipboard=clipboard, use_preferences=use_preferences,
                        make_print_screen=make_print_screen)
    # The event filters come after the window is built, and watch the whole app only once the
    # window has painted (quick exit) or a plan is open (auto-lock): a Python filter makes
    # PySide wrap every object it sees, building a Python enum class for each Qt enum of each
    # new type (a combo box's hidden list, model and delegate, the style, scroll bars), for
    # objects nobody looks at yet. Parented to the window, so they (and their filters) go when
    # it goes.
    idle = IdleLock(app, parent=window)
    clipboard.setParent(window)
    exit_now = QuickExit(app, end_session=window.leave_now, clipboard=clipboard,
                         quit_app=quit_app, parent=window, first_window=window)
    languages = LanguageSwitch(app)

    def change_language(code: str) -> None:
        languages.apply(code)
        window.set_library(library_for(code))

    idle.expired.connect(lambda: window.lock(automatic=True))
    window.quick_exit_requested.connect(exit_now.trigger)
    window.language_chosen.connect(change_language)
    return window, exit_now, idle


def run_gui(data_dir: Path | None, startup_check: bool, process_start: float,
            debug: bool = False) -> int:
    """Run the app until it quits; with `startup_check`, report the first paint and exit."""
    use_memory_temp_dir()
    install_exception_hook(debug)
    app = make_application()
    session = Session(paths.data_dir(data_dir), kdf.REAL)
    window, exit_now, _idle = build_window(app, session)

    def first_paint() -> None:
        if startup_check:
            print(f"{(time.perf_counter() - process_start) * 1000:.0f}", flush=True)
            app.exit(0)
        # The collector was paused for start-up (`planner.app.main`). What start-up made lives
        # as long as the app, so it is set aside for good rather than walked by every later
        # collection (turning the collector on would start with a 7 ms walk over it all).
        gc.freeze()
        gc.enable()

    watcher = FirstPaint(first_paint)
    window.welcome.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(500, window.welcome.say_before_you_start)  # once a screen reader is there
    code = app.exec()
    window.leave_now()
    exit_now.clipboard.clear()
    return code
