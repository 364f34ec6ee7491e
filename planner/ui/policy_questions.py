"""The pieces of the policy builder's pages: one question asked the checklist way, and the
policy's header fields.

A `QuestionBox` shows a question, why it matters, each option with what it means in practice
(visible under the option, and its description for a screen reader), a box for the program's
own words where the question takes them, and, beside the question, a calm note when a chosen
answer works against a survivor-centred mission (never a pop-up). It reads and reports an
`Answer`; saving is the screen's job (`policy_screen`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core.i18n import _
from planner.core.policy import (
    HEADER_LABELS,
    STATUS_LABELS,
    Answer,
    PolicyHeader,
    PolicyStatus,
    Question,
)
from planner.ui.speech import MessageLabel
from planner.ui.widgets import card, label
from planner.ui.wrapping_buttons import CheckBox, RadioButton

WORDS_LINES = 4  # lines a box for the program's own words shows before it scrolls
DATE_FIELDS = ("approved_on", "next_review")


class WordsBox(QPlainTextEdit):
    """A few lines for the program's own words; Tab moves on, as everywhere else. Its height
    follows the text size, so it is the same number of lines at 100 % and 200 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        lines = self.fontMetrics().lineSpacing() * WORDS_LINES
        margins = self.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        return QSize(super().sizeHint().width(), lines + extra)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()


class QuestionBox(QFrame):
    """One question: asked, explained, answered. Emits `changed(question_id)` on every change
    a person makes (choices at once, words as they are typed)."""

    changed = Signal(str)

    def __init__(self, question: Question, answer: Answer, topic_titles: Mapping[str, str],
                 translated: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.ask = label(question.ask, "subtitle")
        self.why = label(role="muted")
        layout.addWidget(self.ask)
        layout.addWidget(self.why)
        self.in_english = label(role="muted")
        self.in_english.setVisible(question.fallback and translated)
        layout.addWidget(self.in_english)
        self.choices: dict[str, QAbstractButton] = {}
        self.meanings: list[QLabel] = []
        self._group: QButtonGroup | None = None
        if question.kind == "single":
            self._group = QButtonGroup(self)
        for option in question.options:
            choice = RadioButton(option.label) if question.kind == "single" else \
                CheckBox(option.label)
            choice.setAccessibleName(option.label)
            choice.setAccessibleDescription(option.means)
            meaning = label(option.means, "muted")
            meaning.setContentsMargins(choice.fontMetrics().height() * 2, 0, 0, 4)
            self._add_choice(layout, option.id, choice, option.id in answer.chosen)
            layout.addWidget(meaning)
            self.meanings.append(meaning)
        # A one-answer question can be taken back to undecided (radio buttons alone can't be
        # cleared), which puts it back on the draft's list of what is still to decide.
        self.undecided: RadioButton | None = None
        if self._group is not None:
            self.undecided = RadioButton()
            self.undecided.setChecked(not answer.chosen)
            self._group.addButton(self.undecided)
            self.undecided.toggled.connect(self._chose)
            layout.addWidget(self.undecided)
        for topic_id in question.topics:
            title = topic_titles.get(topic_id, topic_id)
            box = CheckBox(title)
            box.setAccessibleName(title)
            self._add_choice(layout, topic_id, box, topic_id in answer.chosen)
        self.words_caption, self.words, self.hint = label(), WordsBox(), label(role="muted")
        self.words_caption.setBuddy(self.words)
        self.words.setPlainText(answer.own_text)
        for widget in (self.words_caption, self.hint, self.words):
            widget.setVisible(question.takes_text)
            layout.addWidget(widget)
        self.hint.setVisible(question.kind == "text" and bool(question.hint))
        self.words.textChanged.connect(lambda: self.changed.emit(question.id))
        self.concern, concern_layout = card("caution")
        self.concern_text = label()
        concern_layout.addWidget(self.concern_text)
        layout.addWidget(self.concern)
        self.retranslate()
        self._show_concern()

    def _add_choice(self, layout: QVBoxLayout, key: str, choice: QAbstractButton,
                    checked: bool) -> None:
        choice.setChecked(checked)
        if self._group is not None:
            self._group.addButton(choice)
        choice.toggled.connect(self._chose)
        self.choices[key] = choice
        layout.addWidget(choice)

    def _chose(self, on: bool) -> None:
        if self._group is not None and not on:
            return  # the radio button switched on reports the change
        self._show_concern()
        self.changed.emit(self.question.id)

    def answer(self) -> Answer:
        chosen = tuple(key for key, choice in self.choices.items() if choice.isChecked())
        words = self.words.toPlainText() if self.question.takes_text else ""
        return Answer(chosen, words)

    def _show_concern(self) -> None:
        """Each chosen option's concern, said calmly beside the question."""
        found = [option.concern for option in self.question.options
                 if option.concern and self.choices[option.id].isChecked()]
        self.concern.setVisible(bool(found))
        text = "\n\n".join(_("Think about this: {concern}").format(concern=concern)
                           for concern in found)
        self.concern_text.setText(text)
        self.concern.setAccessibleName(text)

    def focus_first(self) -> None:
        target: QWidget = next(iter(self.choices.values()), None) or self.words
        target.setFocus()

    def retranslate(self) -> None:
        if self.undecided is not None:
            # NOTE: the last choice of a one-answer question in the policy builder.
            self.undecided.setText(_("Not decided yet"))
            self.undecided.setAccessibleName(self.undecided.text())
        self.why.setText(_("Why it matters: {why}").format(why=self.question.why))
        self.in_english.setText(_("This question is not fully translated yet, so some of it is "
                                  "in English."))
        caption = _("Your answer") if self.question.kind == "text" else \
            _("Your own words (optional)")
        self.words_caption.setText(caption)
        self.words.setAccessibleName(f"{caption}: {self.question.ask}")
        self.hint.setText(self.question.hint)
        self.words.setAccessibleDescription(self.question.hint)
        self._show_concern()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class UnreadableDate(ValueError):
    """A date field holds text that is not a date (`field` is its name)."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class HeaderForm(QWidget):
    """The policy's header: program, approved by, date, version, next review date, and draft
    or adopted. `changed` on every change; `header()` reads it (raising `UnreadableDate`)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.captions: dict[str, QLabel] = {}
        self.fields: dict[str, QLineEdit] = {}
        for name, _label in HEADER_LABELS:
            caption = label()
            self.captions[name] = caption
            layout.addWidget(caption)
            if name == "status":
                break
            field = QLineEdit()
            caption.setBuddy(field)
            field.textEdited.connect(lambda _text: self.changed.emit())
            self.fields[name] = field
            layout.addWidget(field)
        self.status = QButtonGroup(self)
        self.status_buttons: dict[PolicyStatus, RadioButton] = {}
        for status in PolicyStatus:
            radio = RadioButton()
            self.status.addButton(radio)
            self.status_buttons[status] = radio
            radio.toggled.connect(lambda on: on and self.changed.emit())
            layout.addWidget(radio)
        self.message = MessageLabel(assertive=True)
        layout.addWidget(self.message)
        self.retranslate()

    def load(self, header: PolicyHeader) -> None:
        for name, field in self.fields.items():
            value = getattr(header, name)
            field.setText(value.isoformat() if isinstance(value, date) else value or "")
        self.status.blockSignals(True)
        for status, radio in self.status_buttons.items():
            radio.blockSignals(True)
            radio.setChecked(status is header.status)
            radio.blockSignals(False)
        self.status.blockSignals(False)

    def header(self, kept: PolicyHeader) -> PolicyHeader:
        """The header as typed; a date that can't be read keeps the one in `kept` and is
        said so under the fields."""
        values: dict[str, object] = {}
        unreadable = []
        for name, field in self.fields.items():
            text = field.text().strip()
            if name not in DATE_FIELDS:
                values[name] = field.text()
                continue
            try:
                values[name] = date.fromisoformat(text) if text else None
            except ValueError:
                values[name] = getattr(kept, name)
                unreadable.append(self.captions[name].text())
        message = _("Please write the date as year-month-day, for example 2026-11-02.") \
            if unreadable else ""
        if self.message.text() != message:
            self.message.setText(message)
        status = next(s for s, radio in self.status_buttons.items() if radio.isChecked())
        return PolicyHeader(status=status, **values)  # type: ignore[arg-type]

    def retranslate(self) -> None:
        for name, words in HEADER_LABELS:
            caption = _(words)
            if name in DATE_FIELDS:
                caption = _("{field} (year-month-day)").format(field=caption)
            self.captions[name].setText(caption)
            if name in self.fields:
                self.fields[name].setAccessibleName(caption)
        for status, radio in self.status_buttons.items():
            radio.setText(_(STATUS_LABELS[status]))
            radio.setAccessibleName(radio.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
