"""Quick exit: hide everything and leave, from anywhere, in well under 100 ms.

Two ways in, after GOV.UK's "Exit this page" research: a clearly labelled button that comes
first in keyboard order on every screen, and pressing Shift three times. The keyboard trigger is
an application-wide event filter, because a QShortcut does not fire while a modal dialog or a
menu has the keyboard. Until the first window has been shown on screen, a filter on that
window alone does the job (see `QuickExit`).

What it does, in order: close popups and dialogs, hide every window, clear the clipboard and
the X11 selection if this app put text there, end the session (the vault key is dropped; a
guest plan is gone), then quit. Saved work is already committed, so nothing is lost. What it
cannot do is erase what the computer or monitoring software recorded; the help says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from planner.core.i18n import _

_KEY_PRESS = QEvent.Type.KeyPress
_EXPOSE = QEvent.Type.Expose
WATCH_ALL_WINDOWS_AFTER_MS = 1000
PRESSES_NEEDED = 3
WINDOW_SECONDS = 1.5


class QuickExit(QObject):
    """Watches every key press in the app and runs the exit when asked.

    Given the `first_window`, it watches that window's keys from the moment the window exists,
    and every window's (dialogs, pop-up lists) from just after that window first shows on
    screen. Why not the whole app at once: an application-wide Python filter makes PySide build
    a Python class, with all its enums, for each kind of Qt object that gets any event (styles,
    scroll bars, a list's hidden parts), about 10 ms before the first screen could paint. Until
    that first paint, nothing else can have the keyboard. The handover happens in one step, so
    no key press is missed or counted twice.
    """

    def __init__(self, app: QApplication, end_session: Callable[[], None],
                 clipboard: ClipboardGuard, quit_app: Callable[[], None] | None = None,
                 parent: QObject | None = None, first_window: QWidget | None = None) -> None:
        super().__init__(parent or app)
        self._app = app
        self._end_session = end_session
        self._quit = quit_app or (lambda: app.exit(0))
        self._presses: list[float] = []
        self.triggered = False
        self.clipboard = clipboard
        self._first: QWindow | None = None
        if first_window is None:
            app.installEventFilter(self)
            return
        first_window.winId()  # makes its QWindow now, so its keys are watched before it shows
        self._first = first_window.windowHandle()
        self._first.installEventFilter(self)
        # In case the window is never exposed (started minimised, say), all windows are watched
        # after a moment anyway.
        QTimer.singleShot(WATCH_ALL_WINDOWS_AFTER_MS, self._watch_all_windows)

    @property
    def watches_all_windows(self) -> bool:
        return self._first is None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # A key press reaches its QWindow once, then is re-sent to widgets: count it once.
        # The isinstance test comes first: it is cheap, and most events go to widgets.
        if isinstance(watched, QWindow):
            kind = event.type()
            if kind == _KEY_PRESS:
                self._count(event)  # type: ignore[arg-type]
            elif kind == _EXPOSE and watched is self._first:
                # Qt paints the window as it handles this event; the whole app is watched
                # right after.
                QTimer.singleShot(0, self._watch_all_windows)
        return False

    def _watch_all_windows(self) -> None:
        if self._first is None:
            return
        self._first.removeEventFilter(self)
        self._first = None
        self._app.installEventFilter(self)

    def _count(self, event: QKeyEvent) -> None:
        if event.key() != Qt.Key.Key_Shift or event.isAutoRepeat():
            self._presses.clear()
            return
        now = time.monotonic()
        self._presses = [t for t in self._presses if now - t < WINDOW_SECONDS] + [now]
        if len(self._presses) >= PRESSES_NEEDED:
            self._presses.clear()
            self.trigger()

    def trigger(self) -> None:
        """Hide everything, forget everything, quit."""
        if self.triggered:
            return
        self.triggered = True
        close_popups()
        for window in QApplication.topLevelWidgets():
            window.setWindowTitle("Planner")
            window.hide()
        self.clipboard.clear()
        self._end_session()
        self._quit()


def close_popups() -> None:
    """Close open menus and pop-ups (each may have opened another), innermost first."""
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        following = QApplication.activePopupWidget()
        popup = None if following is popup else following


class ClipboardGuard(QObject):
    """Knows whether this app put text on the clipboard, and clears it on lock and exit.

    On X11 `ownsClipboard()` says so; other platforms (and the offscreen one used by tests)
    don't report ownership, so a change seen while one of our windows is active counts too.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.copied_here = False
        QGuiApplication.clipboard().dataChanged.connect(self._changed)

    def _changed(self) -> None:
        if QApplication.activeWindow() is not None or \
                QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive:
            self.copied_here = True

    def clear(self) -> None:
        """Empty the clipboard and selection, but only where this app put something."""
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard() or self.copied_here:
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and (clipboard.ownsSelection() or self.copied_here):
            clipboard.clear(QClipboard.Mode.Selection)
        self.copied_here = False


class QuickExitButton(QPushButton):
    """The visible way out. Each screen puts one first in its tab order."""

    def __init__(self, on_click: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "quick-exit")
        self.setObjectName("quick-exit")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(on_click)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Quick exit"))
        self.setToolTip(_("Hide this app now and close it. Shortcut: press Shift three times."))
        self.setAccessibleName(_("Quick exit"))
        self.setAccessibleDescription(self.toolTip())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
