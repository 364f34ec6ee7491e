"""Auto-lock: lock the plan after the chosen minutes without keyboard or mouse use.

An application-wide event filter, installed when the lock is first armed, restarts the idle
timer on any input, in any window or dialog (input events reach the window first, so only
events sent to a QWindow are looked at).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleLock(QObject):
    """Says `expired` after `milliseconds` of no input while armed."""

    expired = Signal()

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent or app)
        self._app = app
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expired)

    def arm(self, milliseconds: int) -> None:
        if not self._watching:
            # Watching input only from the first arming (a plan opened): an app-wide filter
            # costs the first screen about 10 ms (see `planner.ui.quick_exit.QuickExit`), and
            # until a plan is open there is nothing to lock.
            self._app.installEventFilter(self)
            self._watching = True
        self._timer.setInterval(milliseconds)
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Input reaches a QWindow before any widget; checking that first keeps this cheap.
        if isinstance(watched, QWindow) and event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
