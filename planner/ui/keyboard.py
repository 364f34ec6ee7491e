"""Enter presses the focused button, everywhere in the app.

Qt buttons answer Space, but Enter only on a dialog's default button, so a person who tabs to
"Save" and presses Enter sees nothing happen. One application-wide filter makes Enter (and the
keypad's Enter) click the focused button, check box or radio button, in every window.

The filter starts when a window first has the keyboard focus, not when the app starts. PySide
makes a Python object for everything a Python event filter is shown, and for an object of a
class it does not know (the gesture helper Qt makes with the first scroll area) it builds every
Qt type it has to find the closest one: about 20 ms, which would land before the first screen
is painted. Keys reach widgets only through the focused window, so no key press is missed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class EnterPressesButtons(QObject):
    """Installed once on the application (see `install`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The isinstance test comes first: it is cheap, while reading an event's type makes a
        # Python enum, and every event in the app passes through here.
        if not isinstance(watched, QAbstractButton) or event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if (key_event.key() in _ENTER_KEYS and key_event.modifiers() in _PLAIN
                and watched.hasFocus() and watched.isEnabled()):
            if not key_event.isAutoRepeat():
                watched.click()
            return True
        return False


_INSTALLED = "planner-enter-presses-buttons"


def install(app: QApplication) -> None:
    """Install the filter once, however many windows are made, as soon as one has the focus.

    A property marks the app, not `findChild`: that would show PySide every child of the app.
    """
    if app.property(_INSTALLED):
        return
    app.setProperty(_INSTALLED, True)
    if QGuiApplication.focusWindow() is not None:
        _watch(app)
    else:
        app.focusWindowChanged.connect(lambda _window: _watch(app),
                                       Qt.ConnectionType.SingleShotConnection)


def _watch(app: QApplication) -> None:
    app.installEventFilter(EnterPressesButtons(app))
