"""What a screen reader says when a message appears: errors, results and safety notices.

Changing a label's text is silent to a screen reader; a blind person would never hear "That
passphrase doesn't open this plan" or "Saved a copy". `MessageLabel` announces its text through
Qt's accessibility announcements (AT-SPI `object:announcement`, which Orca speaks) whenever it
is set, and holds no name once cleared, so an old error does not linger. Errors interrupt
(assertive); results wait for a pause (polite).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QWidget

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive


def announce(source: QWidget, text: str, assertive: bool = False) -> None:
    """Ask the screen reader to say `text` now (nothing happens when none is listening)."""
    if not text or not QAccessible.isActive():
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(ASSERTIVE if assertive else POLITE)
    QAccessible.updateAccessibility(event)


class MessageLabel(QLabel):
    """A label for messages that appear after an action: each new text is spoken once.

    `field`, when given, is the control the message is about: while the message stands it is
    that control's description too (before the field's own description, which comes back when
    the message is cleared), so moving back to it repeats what is wrong.
    """

    def __init__(self, role: str = "", assertive: bool = False,
                 field: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # as every label: see `widgets.label`
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if role:
            self.setProperty("role", role)
        self.assertive = assertive
        self.field = field
        self.field_description = ""  # the field's own description, kept under any message

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802 - Qt API
        self.set_silently(text)
        announce(self, text, self.assertive)

    def set_silently(self, text: str) -> None:
        """Change the text without speaking it (a countdown that ticks every second)."""
        super().setText(text)
        self.setAccessibleName(text)
        if self.field is not None:
            self.field.setAccessibleDescription(
                " ".join(part for part in (text, self.field_description) if part))

    def clear(self) -> None:
        self.setText("")
