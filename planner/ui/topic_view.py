"""One topic on screen: its text, the advocate's prompts, its actions and a notes box.

Content text is turned into labels from the core's Markdown blocks (every run HTML-escaped, so
content can never inject markup; links are only text). Each action shows its caution *above*
its choices, so it is read before anything is chosen.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.content import Action, Topic
from planner.core.i18n import _
from planner.core.markdown import Block
from planner.core.plan import STATUS_LABELS, ActionStatus
from planner.ui.save_errors import saved
from planner.ui.widgets import FlowLayout, card, label

NOTE_SAVE_DELAY_MS = 400
NOTE_SAVE_AT_LEAST_EVERY_MS = 2000
UNDECIDED = "undecided"


def block_label(block: Block) -> QLabel:
    """A label for one Markdown block; bold runs are the only markup, all text escaped."""
    parts = []
    for run in block.runs:
        text = html.escape(run.text)
        parts.append(f"<b>{text}</b>" if run.bold else text)
    widget = QLabel()
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setWordWrap(True)
    widget.setOpenExternalLinks(False)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    body = "".join(parts)
    if block.kind == "heading":
        widget.setProperty("role", "subtitle")
        widget.setProperty("heading", True)
    elif block.kind == "bullet":
        body = "\u2022\u00a0" + body
        widget.setIndent(16 * max(1, block.level))
    widget.setText(body)
    # The screen reader gets the plain words, not the escaped HTML the label draws from.
    plain = "".join(run.text for run in block.runs)
    widget.setAccessibleName(("\u2022 " + plain) if block.kind == "bullet" else plain)
    return widget


class StatusChoice(QRadioButton):
    """One status choice. The arrow keys move between the choices without choosing (Qt's radio
    buttons choose as they move, so exploring the choices changed the plan); Space or Enter
    chooses."""

    _MOVES: ClassVar[dict[Qt.Key, int]] = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1,
                                           Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}

    def __init__(self, caption: str, group: QButtonGroup) -> None:
        super().__init__(caption)
        self._group = group

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        step = self._MOVES.get(Qt.Key(event.key()))
        if step is None or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        choices = self._group.buttons()
        choices[(choices.index(self) + step) % len(choices)].setFocus(
            Qt.FocusReason.TabFocusReason)


class ActionRow(QFrame):
    """An action: its words, any caution, and the choice of what to do about it."""

    status_chosen = Signal(str, object)  # action id, ActionStatus | None

    def __init__(self, action: Action, status: ActionStatus | None, suggested: bool,
                 advocate_view: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        text = action.text + (f"  ({_('in English')})" if action.fallback else "")
        self.text = label(text)
        self.text.setProperty("role", "action")
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        layout.addWidget(self.text)
        if suggested:
            layout.addWidget(label(_("Suggested for you, based on what matters to you."), "muted"))
        self.caution: QFrame | None = None
        if action.caution:
            self.caution, caution_layout = card("caution")
            heading = _("Before you do this")
            caution_layout.addWidget(label("\u26a0 " + heading, "subtitle"))
            caution_layout.addWidget(label(action.caution))
            if action.alerts_abuser and advocate_view:
                caution_layout.addWidget(label(_(
                    "This step may let the other person know something changed. "
                    "Talk through timing and documentation before choosing it.")))
            self.caution.setAccessibleName(heading + ": " + action.caution)
            layout.addWidget(self.caution)
        # The choices are a group named by the step, so a screen reader says which step they
        # belong to; each choice's description is the caution, heard before choosing.
        choices = QGroupBox()
        choices.setProperty("role", "choices")
        choices.setAccessibleName(action.text)
        flow = FlowLayout(choices)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        options: list[tuple[str, str]] = [(s.value, _(STATUS_LABELS[s])) for s in ActionStatus]
        options.append((UNDECIDED, _("Not decided")))
        warning = f"{_('Before you do this')}: {action.caution}" if action.caution else ""
        for value, caption in options:
            radio = StatusChoice(caption, self.group)
            radio.setAccessibleName(caption)
            radio.setAccessibleDescription(warning)
            self.group.addButton(radio)
            self.buttons[value] = radio
            flow.addWidget(radio)
        self.show_status(status)
        self.group.buttonToggled.connect(self._toggled)
        layout.addWidget(choices)

    def show_status(self, status: ActionStatus | None) -> None:
        """Select the choice for `status` without reporting it as a new choice."""
        self.group.blockSignals(True)
        self.buttons[status.value if status else UNDECIDED].setChecked(True)
        self.group.blockSignals(False)
        self._tab_to_checked()

    def _tab_to_checked(self) -> None:
        """Tab lands on the chosen status only; the arrow keys reach the others."""
        for radio in self.buttons.values():
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus if radio.isChecked()
                                 else Qt.FocusPolicy.ClickFocus)

    def _toggled(self, radio: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        self._tab_to_checked()
        value = next(key for key, button in self.buttons.items() if button is radio)
        self.status_chosen.emit(self.action.id, None if value == UNDECIDED else ActionStatus(value))


class NotesBox(QWidget):
    """A topic's notes, saved a moment after typing pauses, at least every two seconds while
    typing goes on, and at once on `flush` (lock, quick exit, leaving the topic)."""

    def __init__(self, save: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._unsaved = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = label(role="subtitle")
        self.help = label(role="muted")
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(120)
        self.caption.setBuddy(self.editor)
        layout.addWidget(self.caption)
        layout.addWidget(self.help)
        layout.addWidget(self.editor)
        self._pause = self._timer(NOTE_SAVE_DELAY_MS)
        self._deadline = self._timer(NOTE_SAVE_AT_LEAST_EVERY_MS)
        self.editor.textChanged.connect(self._typed)
        self.retranslate()

    def _timer(self, milliseconds: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(milliseconds)
        timer.timeout.connect(self.flush)
        return timer

    def _typed(self) -> None:
        self._unsaved = True
        self._pause.start()  # restarts with every keystroke
        if not self._deadline.isActive():
            self._deadline.start()  # does not: steady typing is still saved every 2 s

    def load(self, text: str) -> None:
        self._pause.stop()
        self._deadline.stop()
        self._unsaved = False
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)

    @property
    def pending(self) -> bool:
        """Typed text that is not saved yet (waiting, or refused by the vault last time)."""
        return self._unsaved

    def flush(self) -> None:
        """Save now, if there is anything unsaved. A refused save keeps the typed text on
        screen (and says why), and is tried again at the next keystroke or flush."""
        self._pause.stop()
        self._deadline.stop()
        if self._unsaved:
            self._unsaved = not saved(lambda: self._save(self.editor.toPlainText()))

    def retranslate(self) -> None:
        self.caption.setText(_("My notes for this topic"))
        self.help.setText(_("Saved as you type. Only people with your passphrase can read them."))
        self.editor.setAccessibleName(_("My notes for this topic"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def advocate_panel(topic: Topic) -> QFrame:
    """Questions an advocate can ask, their notes, and every caution in the topic."""
    frame, layout = card("banner")
    frame.setAccessibleName(_("For advocates"))
    layout.addWidget(label(_("For advocates: questions to open this topic"), "subtitle"))
    for prompt in topic.advocate_prompts:
        layout.addWidget(label("\u2022 " + prompt))
    if topic.advocate_notes:
        layout.addWidget(label(topic.advocate_notes, "muted"))
    cautions = [action for action in topic.actions if action.caution]
    if cautions:
        layout.addWidget(label(_("Steps in this topic that need care"), "subtitle"))
        for action in cautions:
            line = f"\u2022 {action.text} \u2014 {action.caution}"
            if action.alerts_abuser:
                line += " " + _("(May alert the other person.)")
            layout.addWidget(label(line))
    return frame
