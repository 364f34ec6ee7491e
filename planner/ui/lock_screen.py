"""The lock screen: the plan is hidden and its key dropped until the passphrase is typed.

Wrong passphrases get a plain message, and after a few a growing wait (the session enforces
it; this screen only counts down). A guest plan has no passphrase, so the screen says honestly
that anyone at the computer could go on, and offers to end the session instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.core.i18n import _, ngettext
from planner.core.session import MustWait, Session
from planner.core.errors import VaultError
from planner.ui.welcome import PassphraseField
from planner.ui.widgets import button, label, scrolling, set_text


class LockScreen(QWidget):
    """Shown while locked; emits `unlocked` or `end_requested`."""

    unlocked = Signal()
    end_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = label(role="title")
        self.explain = label()
        self.passphrase = PassphraseField()
        self.passphrase_label = label()
        self.passphrase_label.setBuddy(self.passphrase)
        self.message = label(role="subtitle")
        self.unlock_button = button(primary=True)
        self.end_button = button()
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.end_button.clicked.connect(self.end_requested.emit)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        row = QHBoxLayout()
        row.addWidget(self.end_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        for widget in (self.title, self.explain, self.passphrase_label, self.passphrase,
                       self.message):
            column.addWidget(widget)
        column.addLayout(row)
        column.addStretch(1)
        self.scroll = scrolling(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.retranslate()

    def prepare(self) -> None:
        """Reset for a new lock."""
        self.passphrase.clear()
        self.message.clear()
        guest = self.session.is_guest
        self.passphrase.setVisible(not guest)
        self.passphrase_label.setVisible(not guest)
        self.retranslate()
        (self.unlock_button if guest else self.passphrase).setFocus()

    def try_unlock(self) -> None:
        try:
            self.session.unlock(self.passphrase.text())
        except MustWait as error:
            self._start_countdown(error.seconds)
            return
        except VaultError as error:
            self.passphrase.clear()
            wait = self.session.throttle.seconds_to_wait()
            self.message.setText(str(error))
            if wait > 0:
                self._start_countdown(wait)
            return
        self.passphrase.clear()
        self.message.clear()
        self.unlocked.emit()

    def _start_countdown(self, seconds: float) -> None:
        self.unlock_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self._tick()
        self._countdown.start()

    def _tick(self) -> None:
        wait = self.session.throttle.seconds_to_wait()
        if wait <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.passphrase.setEnabled(True)
            self.message.setText(_("You can try again now."))
            self.passphrase.setFocus()
            return
        seconds = max(1, round(wait))
        self.message.setText(ngettext("Too many tries. Please wait {seconds} second.",
                                      "Too many tries. Please wait {seconds} seconds.",
                                      seconds).format(seconds=seconds))

    def retranslate(self) -> None:
        self.title.setText(_("Planner is locked"))
        self.scroll.setAccessibleName(self.title.text())
        guest = self.session.is_guest
        self.explain.setText(
            _("This plan is not saved, so it has no passphrase. Anyone at this computer could "
              "go on. If you are done, end the session and everything is cleared.")
            if guest else
            _("It locked itself after a while without use. Type your passphrase to go back "
              "to where you were."))
        self.passphrase_label.setText(_("Passphrase"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        set_text(self.unlock_button, _("Go on") if guest else _("Unlock"))
        set_text(self.end_button, _("End session") if guest else _("Close the app"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
