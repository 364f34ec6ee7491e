"""Enter presses the focused button, everywhere in the app.

Qt buttons answer Space, but Enter only on a dialog's default button, so a person who tabs to
"Save" and presses Enter sees nothing happen. One application-wide filter makes Enter (and the
keypad's Enter) click the focused button, check box or radio button, in every window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class EnterPressesButtons(QObject):
    """Installed once on the application (see `install`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractButton):
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if (key_event.key() in _ENTER_KEYS and key_event.modifiers() in _PLAIN
                and watched.hasFocus() and watched.isEnabled()):
            if not key_event.isAutoRepeat():
                watched.click()
            return True
        return False


def install(app: QApplication) -> None:
    """Install the filter once, however many windows are made."""
    if app.findChild(EnterPressesButtons) is None:
        watcher = EnterPressesButtons(app)
        app.installEventFilter(watcher)
