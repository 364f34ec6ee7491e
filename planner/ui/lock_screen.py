"""The lock screen: the plan is hidden and its key dropped until the passphrase is typed.

Wrong passphrases get a plain message, and after a few a growing wait (the session enforces
it; this screen only counts down). During the wait the passphrase field keeps the keyboard, so
a person typing does not land on another button. A guest plan has no passphrase, so the screen
says honestly that anyone at the computer could go on, and offers to end the session instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.core.errors import VaultError
from planner.core.i18n import _, ngettext
from planner.core.session import MustWait, Session
from planner.ui.passphrase_field import PassphraseField
from planner.ui.speech import MessageLabel, announce
from planner.ui.widgets import apart, button, label, scrolling, set_text


class LockScreen(QWidget):
    """Shown while locked; emits `unlocked` or `end_requested`."""

    unlocked = Signal()
    end_requested = Signal()
    close_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.title = label(role="title")
        self.explain = label()
        self.passphrase = PassphraseField()
        self.passphrase_label = label()
        self.passphrase_label.setBuddy(self.passphrase)
        self.message = MessageLabel(role="subtitle", assertive=True, field=self.passphrase)
        self.unlock_button = button(primary=True)
        self.end_button = button()
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.end_button.clicked.connect(self._end_or_close)
        self.automatic = False
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        row = apart(self.end_button, self.unlock_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        for widget in (self.title, self.explain, self.passphrase_label, self.passphrase,
                       self.message):
            column.addWidget(widget)
        column.addLayout(row)
        column.addStretch(1)
        self.scroll_area = scrolling(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.retranslate()

    def prepare(self, automatic: bool = False) -> None:
        """Reset for a new lock; `automatic` when it locked itself after time without use."""
        self.automatic = automatic
        self.passphrase.clear()
        self.message.clear()
        guest = self.session.is_guest
        self.passphrase.setVisible(not guest)
        self.passphrase_label.setVisible(not guest)
        self.retranslate()
        (self.unlock_button if guest else self.passphrase).setFocus()
        announce(self, f"{self.title.text()}. {self.explain.text()}", assertive=True)

    def _end_or_close(self) -> None:
        (self.end_requested if self.session.is_guest else self.close_requested).emit()

    def try_unlock(self) -> None:
        wait = self.session.throttle.seconds_to_wait()
        if wait > 0:
            self._tick(speak=True)  # Enter during the wait only repeats how long; typing stays
            return
        self.message.setText(_("Opening your plan\u2026"))
        self.unlock_button.setEnabled(False)
        self.message.repaint()  # the key takes a moment to work out: show that before it starts
        try:
            self.session.unlock(self.passphrase.text())
        except MustWait:
            self._start_countdown()
            return
        except VaultError as error:
            self.passphrase.clear()
            self.passphrase.setFocus()
            self.message.setText(str(error))
            self.unlock_button.setEnabled(True)
            if self.session.throttle.seconds_to_wait() > 0:
                self._start_countdown()
            return
        except Exception:
            self.message.clear()  # never left saying "Opening…" with Unlock greyed out
            self.unlock_button.setEnabled(True)
            raise
        self.passphrase.clear()
        self.message.clear()
        self.unlock_button.setEnabled(True)
        self.unlocked.emit()

    def _start_countdown(self) -> None:
        self.unlock_button.setEnabled(False)
        self._tick(speak=True)
        self._countdown.start()

    def _tick(self, speak: bool = False) -> None:
        """Show the seconds left; say them only when asked (not on every second)."""
        wait = self.session.throttle.seconds_to_wait()
        if wait <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.message.setText(_("You can try again now."))
            return
        seconds = max(1, round(wait))
        text = ngettext("Too many tries. Please wait {seconds} second.",
                        "Too many tries. Please wait {seconds} seconds.",
                        seconds).format(seconds=seconds)
        (self.message.setText if speak else self.message.set_silently)(text)

    def retranslate(self) -> None:
        self.title.setText(_("Planner is locked"))
        self.scroll_area.setAccessibleName(self.title.text())
        guest = self.session.is_guest
        self.explain.setText(
            _("This plan is not saved, so it has no passphrase. Anyone at this computer could "
              "go on. If you are done, end the session and everything is cleared.")
            if guest else
            _("It locked itself after a while without use. Type your passphrase to go back "
              "to where you were.") if self.automatic else
            _("You locked your plan. Type your passphrase to go back to where you were."))
        self.passphrase_label.setText(_("Passphrase"))
        self.passphrase.setAccessibleName(_("Passphrase"))
        set_text(self.unlock_button, _("Go on") if guest else _("Unlock"))
        if guest:
            set_text(self.end_button, _("End session"))
        else:
            set_text(self.end_button, _("Close the app"),
                     _("Close Planner. Your plan stays saved and locked."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
