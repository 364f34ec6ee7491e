"""The program policy builder: program staff answer the questions of their social media policy,
part by part, and get a draft to print and an editable document to adopt.

Six steps, reached by name or by Back and Next: the policy's header, the four parts of the
questions (`planner.core.policy`), and a last step with what is still to decide (an action list,
never a blocker), the answers that work against a survivor-centred mission, and the documents.
A line at the top says how many questions are answered.

The answers are the program's, never a survivor's. They are kept as the person goes: in the
open plan's vault (encrypted) when a plan is saved, in memory only in a session that saves
nothing (the screen says which). An answers file can be saved and opened with the app's own
dialogs, to keep with the program's other policies or to carry to another computer; a broken
one gets a message naming its line, and nothing on screen is lost.

The PDFs (draft and worksheet) go through the print screen like every other printout (the
window shows it with the output chosen); the editable document (ODT) is saved with the save
dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import i18n
from planner.core.content import Library
from planner.core.i18n import N_, _
from planner.core.plan import Plan
from planner.core.policy import (
    AnswersFileError,
    PolicyAnswers,
    PolicyGuide,
    answers_from_json,
    answers_in_plan,
    answers_to_json,
    concerns,
    draft,
    load_guide,
    save_in_plan,
    unanswered,
)
from planner.ui.open_dialog import OpenDialog
from planner.ui.policy_questions import HeaderForm, QuestionBox
from planner.ui.save_dialog import SaveDialog
from planner.ui.save_errors import saved
from planner.ui.speech import MessageLabel
from planner.ui.widgets import (
    FlowLayout,
    apart,
    button,
    card,
    clear_layout,
    follow_layout_in_tab_order,
    label,
    scrolling,
    set_text,
)

SAVE_DELAY_MS = 700  # typed words are kept once typing pauses (and at once on `flush`)
ANSWERS_FILE_NAME = "policy-answers.json"
POLICY_FILE_NAME = "policy.odt"
HEADER_STEP, LAST_STEP = "header", "finish"
STEP_NAMES = {
    # NOTE: a step of the policy builder: the policy's name, approval, dates and version.
    HEADER_STEP: N_("About this policy"),
    # NOTE: the last step of the policy builder: what is left to decide, and the documents.
    LAST_STEP: N_("Still to decide, and documents"),
}


@lru_cache(maxsize=4)
def _guide(language: str, topic_ids: frozenset[str]) -> PolicyGuide:
    from planner.core.resources import content_dir

    return load_guide(content_dir(), language, topic_ids)


def guide_for(library: Library) -> PolicyGuide:
    """The questions in the language the app shows (English where a translation lacks them)."""
    return _guide(i18n.current_language(), frozenset(topic.id for topic in library.topics))


class AnswersOpenDialog(OpenDialog):
    """The app's own open dialog, worded for an answers file (nothing is kept in the vault)."""

    def retranslate(self) -> None:
        super().retranslate()
        self.note.setText(_("Choose a policy answers file saved from Planner. It holds only "
                            "your program's answers, no survivor data."))
        set_text(self.open_button, _("Open this file"))


class PolicyScreen(QWidget):
    """The builder. `print_requested(kind)` asks the window to show the print screen with the
    draft ("policy") or the worksheet ("worksheet") chosen."""

    print_requested = Signal(str)

    def __init__(self, plan: Callable[[], Plan], library: Library,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.library = library
        self.guide = guide_for(library)
        self.answers = answers_in_plan(plan(), self.guide) or PolicyAnswers()
        self._guest = plan().is_guest  # read once: the words may change after the plan closed
        self._unsaved = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self.questions: dict[str, QuestionBox] = {}
        self.step_buttons: dict[str, QPushButton] = {}

        self.title = label(role="title")
        self.intro = label()
        self.kept, kept_layout = card("card")
        self.no_survivor_data, self.where_kept = label(), label(role="muted")
        kept_layout.addWidget(self.no_survivor_data)
        kept_layout.addWidget(self.where_kept)
        self.progress = label(role="subtitle")
        self.steps_box = QWidget()
        self.steps_row = FlowLayout(self.steps_box)
        # The steps' pages sit in one column and only the current one is shown: the whole
        # screen scrolls as one (a stacked widget would be as tall as its longest page, and a
        # scroll area per page left little room at 200 % text under the fixed top).
        self.pages: dict[str, QWidget] = {}
        self._step = HEADER_STEP
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        for widget in (self.title, self.progress, self.steps_box):
            self.column.addWidget(widget)
        self.area = scrolling(inner)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the width wrapped words were measured at never changes when the
        # scroll bar comes and goes (as on the print screen: it left lines cut off).
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.back, self.next = button(), button(primary=True)
        self.back.clicked.connect(lambda: self._move(-1))
        self.next.clicked.connect(lambda: self._move(1))
        moves = apart(self.back, self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addLayout(moves)
        self._build_header_page()
        self._build_part_pages()
        self._build_last_page()
        self.column.addStretch(1)
        self.retranslate()
        follow_layout_in_tab_order(self)  # hidden steps are skipped by Tab, so once is enough
        self._show_step(HEADER_STEP)

    # -- building ------------------------------------------------------------------------------

    def _add_step(self, key: str, page: QWidget) -> None:
        step = button()
        step.clicked.connect(lambda _c=False, k=key: self._show_step(k, focus=True))
        self.steps_row.addWidget(step)
        self.step_buttons[key] = step
        page.layout().setContentsMargins(0, 0, 0, 0)
        self.pages[key] = page
        self.column.addWidget(page)

    def _build_header_page(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.intro)
        column.addWidget(self.kept)
        self.header_caption = label(role="subtitle")
        self.header_form = HeaderForm()
        self.header_form.load(self.answers.header)
        self.header_form.changed.connect(self._header_changed)
        self.file_caption = label(role="subtitle")
        self.file_help = label()
        self.export_button, self.import_button = button(), button()
        self.export_button.clicked.connect(self.export_answers)
        self.import_button.clicked.connect(self.import_answers)
        self.file_message = MessageLabel(assertive=True)
        row = FlowLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        for item in (self.header_caption, self.header_form, self.file_caption, self.file_help):
            column.addWidget(item)
        column.addLayout(row)
        column.addWidget(self.file_message)
        self._add_step(HEADER_STEP, page)

    def _build_part_pages(self) -> None:
        """One page per part: its title, what it is about, and its questions."""
        self.part_pages: dict[str, QVBoxLayout] = {}
        for part in self.guide.parts:
            page = QWidget()
            column = QVBoxLayout(page)
            column.setSpacing(12)
            self.part_pages[part.id] = column
            self._add_step(part.id, page)
        self._fill_parts()

    def _fill_parts(self) -> None:
        """(Re)make the questions, in the guide's language, with the answers kept."""
        translated = i18n.current_language() != i18n.SOURCE_LANGUAGE
        titles = {topic.id: topic.title for topic in self.library.topics}
        self.questions = {}
        for part in self.guide.parts:
            column = self.part_pages[part.id]
            clear_layout(column)
            column.addWidget(label(part.title, "subtitle"))
            column.addWidget(label(part.intro))
            for question in part.questions:
                box = QuestionBox(question, self.answers.answer(question.id), titles, translated)
                box.changed.connect(self._answer_changed)
                self.questions[question.id] = box
                column.addWidget(box)
        for number, part in enumerate(self.guide.parts, start=1):
            # A part's title is too long for a button at 200 % text in some languages: the
            # button says which part, and the page's heading (and the description) its title.
            # NOTE: a button of the policy builder: go to part {number} of the questions.
            set_text(self.step_buttons[part.id], _("Part {number}").format(number=number),
                     part.title)
        follow_layout_in_tab_order(self)

    def _build_last_page(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(10)
        self.todo_caption, self.todo_help = label(role="subtitle"), label()
        self.todo_box = QWidget()
        self.todo = QVBoxLayout(self.todo_box)
        self.todo.setContentsMargins(0, 0, 0, 0)
        self.concerns_caption = label(role="subtitle")
        self.concerns_box = QWidget()
        self.concern_list = QVBoxLayout(self.concerns_box)
        self.concern_list.setContentsMargins(0, 0, 0, 0)
        self.documents_caption, self.documents_help = label(role="subtitle"), label()
        self.print_policy, self.print_worksheet = button(primary=True), button()
        self.save_odt = button()
        self.print_policy.clicked.connect(lambda: self._print("policy"))
        self.print_worksheet.clicked.connect(lambda: self._print("worksheet"))
        self.save_odt.clicked.connect(self.save_document)
        self.documents_message = MessageLabel()
        for item in (self.todo_caption, self.todo_help, self.todo_box, self.concerns_caption,
                     self.concerns_box, self.documents_caption, self.documents_help,
                     self.print_policy, self.print_worksheet, self.save_odt,
                     self.documents_message):
            column.addWidget(item)
        self._add_step(LAST_STEP, page)

    # -- moving between steps ------------------------------------------------------------------

    def steps(self) -> list[str]:
        return [HEADER_STEP, *(part.id for part in self.guide.parts), LAST_STEP]

    def current_step(self) -> str:
        return self._step

    def _move(self, by: int) -> None:
        steps = self.steps()
        index = min(max(steps.index(self.current_step()) + by, 0), len(steps) - 1)
        self._show_step(steps[index], focus=True)

    def _show_step(self, key: str, focus: bool = False) -> None:
        steps = self.steps()
        if key == LAST_STEP:
            self._list_what_is_left()
        self._step = key
        for step, page in self.pages.items():
            page.setVisible(step == key)
        for step, widget in self.step_buttons.items():
            widget.setProperty("current", step == key)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            name = widget.text()
            widget.setAccessibleDescription(_("You are here.") if step == key else "")
            widget.setAccessibleName(name)
        self.back.setEnabled(key != steps[0])
        self.next.setEnabled(key != steps[-1])
        self.area.verticalScrollBar().setValue(0)
        if focus:
            self._focus_in_step(key)

    def focus_step(self) -> None:
        """Put the keyboard in the step on screen: its first field or choice."""
        self._focus_in_step(self.current_step())

    def _focus_in_step(self, key: str) -> None:
        first = next((box for box in self.questions.values() if box.question.part_id == key),
                     None)
        if first is not None:
            first.focus_first()
        elif key == HEADER_STEP:
            self.header_form.fields["program"].setFocus()
        else:
            self.step_buttons[key].setFocus()

    def go_to_question(self, question_id: str) -> None:
        """Show the question's part, the question in view, and its first choice focused."""
        box = self.questions[question_id]
        self._show_step(box.question.part_id)
        box.focus_first()
        QTimer.singleShot(0, box, lambda: self.area.ensureWidgetVisible(box))

    # -- answers -------------------------------------------------------------------------------

    def _answer_changed(self, question_id: str) -> None:
        box = self.questions[question_id]
        self.answers = self.answers.with_answer(question_id, box.answer())
        self._changed()

    def _header_changed(self) -> None:
        self.answers = PolicyAnswers(self.header_form.header(self.answers.header),
                                     self.answers.answers)
        self._changed()

    def _changed(self) -> None:
        """Kept once typing pauses (a choice is a click: that pause comes at once too)."""
        self._unsaved = True
        self._save_timer.start()
        self._show_progress()

    def flush(self) -> None:
        """Keep the answers in the plan now (before a lock, quick exit or another screen)."""
        self._save_timer.stop()
        if not self._unsaved:
            return
        self._unsaved = False
        saved(lambda: save_in_plan(self._plan(), self.answers))

    def _show_progress(self) -> None:
        total = len(self.guide.questions)
        answered = sum(1 for q in self.guide.questions if self.answers.answer(q.id).answered)
        self.progress.setText(i18n.ngettext("{answered} of {total} question answered",
                                            "{answered} of {total} questions answered",
                                            total).format(answered=answered, total=total))
        if self.isVisible() and self.current_step() == LAST_STEP:
            self._list_what_is_left()

    def _list_what_is_left(self) -> None:
        """The action list by step, each with a button to go there, and the concerns."""
        clear_layout(self.todo)
        actions = unanswered(self.guide, self.answers)
        names = {HEADER_STEP: _(STEP_NAMES[HEADER_STEP]),
                 **{part.id: part.title for part in self.guide.parts}}
        for step in self.steps()[:-1]:
            here = [a for a in actions if (a.part_id or HEADER_STEP) == step]
            if not here:
                continue
            self.todo.addWidget(label(names[step], "subtitle"))
            for action in here:
                self.todo.addWidget(label("\u2022 " + action.text))
            go = button(_("Go to \u201c{step}\u201d").format(
                step=self.step_buttons[step].text()))
            first = here[0].key
            go.clicked.connect(lambda _c=False, s=step, k=first: self._go_to(s, k))
            self.todo.addWidget(go)
        if not actions:
            self.todo.addWidget(label(_("Every question is answered."), "muted"))
        clear_layout(self.concern_list)
        found = concerns(self.guide, self.answers)
        self.concerns_caption.setVisible(bool(found))
        for concern in found:
            self.concern_list.addWidget(label(_("{question} You chose \u201c{answer}\u201d. "
                                                "{concern}").format(
                question=concern.question.ask, answer=concern.option.label,
                concern=concern.text)))
        follow_layout_in_tab_order(self)

    def _go_to(self, step: str, key: str) -> None:
        if key in self.questions:
            self.go_to_question(key)
        else:
            self._show_step(step, focus=True)

    # -- answers files -------------------------------------------------------------------------

    def export_answers(self) -> SaveDialog:
        self.flush()
        return self._offer_to_save(answers_to_json(self.answers).encode("utf-8"),
                                   ANSWERS_FILE_NAME, self.file_message)

    def _offer_to_save(self, data: bytes, file_name: str, say_in: MessageLabel) -> SaveDialog:
        """The app's own save dialog for `data`; where it was saved is said in `say_in`."""
        dialog = SaveDialog(data, self, file_name=file_name)
        dialog.accepted.connect(lambda: say_in.setText(
            _("Saved \u201c{name}\u201d {place}.").format(
                name=dialog.saved_path.name if dialog.saved_path else "",
                place=dialog.saved_place)))
        dialog.open()
        return dialog

    def import_answers(self) -> OpenDialog:
        dialog = AnswersOpenDialog(self)
        dialog.accepted.connect(lambda: self._read_answers(dialog.data, dialog.name))
        dialog.open()
        return dialog

    def _read_answers(self, data: bytes, name: str) -> None:
        """Use an answers file's answers; a broken file changes nothing and says where."""
        try:
            answers = answers_from_json(data.decode("utf-8"), self.guide, name)
        except UnicodeDecodeError:
            self.file_message.setText(_("\u201c{name}\u201d is not a policy answers file. "
                                        "Nothing was changed.").format(name=name))
            return
        except AnswersFileError as error:
            # `error` names the file, the line (`error.line`) and the problem.
            self.file_message.setText(_("This answers file could not be used, so nothing was "
                                        "changed. {problem}").format(problem=error))
            return
        self.answers = answers
        self.header_form.load(answers.header)
        self._fill_parts()
        self._unsaved = True
        self.flush()
        self._show_progress()
        self.file_message.setText(_("Opened \u201c{name}\u201d: its answers are shown now.")
                                  .format(name=name))

    # -- documents -----------------------------------------------------------------------------

    def _print(self, kind: str) -> None:
        self.flush()  # the print screen reads the answers from the plan
        self.print_requested.emit(kind)

    def save_document(self) -> SaveDialog:
        """The draft as an editable document (ODT) for the program's word processor."""
        from planner.report.policy import policy_odt  # loads odfdo only when asked for

        self.flush()
        titles = {topic.id: topic.title for topic in self.library.topics}
        data = policy_odt(draft(self.guide, self.answers, topic_titles=titles))
        return self._offer_to_save(data, POLICY_FILE_NAME, self.documents_message)

    # -- the protocol the window asks of screens ----------------------------------------------

    def refresh(self) -> None:
        self._show_progress()
        if self.current_step() == LAST_STEP:
            self._list_what_is_left()

    def set_library(self, library: Library) -> None:
        """The questions in the newly chosen language; every answer and typed word stays."""
        self.flush()
        self.library = library
        step = self.current_step()
        self.guide = guide_for(library)
        self._fill_parts()
        self._show_step(step)
        self._show_progress()

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Your program's social media policy"))
        self.intro.setText(_(
            "Answer the questions with your team. Each one says why it matters for survivors' "
            "safety. Skip any question and come back to it: what is left becomes a list of "
            "things still to decide, and the draft can be printed at any time."))
        self.no_survivor_data.setText(_(
            "These answers are about your program. They hold no survivor data."))
        if self._guest:
            self.where_kept.setText(_(
                "This session saves nothing: the answers are kept only in memory until you "
                "close the app or end the session. Save an answers file to keep them."))
        else:
            self.where_kept.setText(_("The answers are kept in this plan, locked with its "
                                      "passphrase, as you go."))
        for key in (HEADER_STEP, LAST_STEP):
            set_text(self.step_buttons[key], _(STEP_NAMES[key]))
        self.steps_box.setAccessibleName(_("Steps"))
        set_text(self.back, _("Back"))
        set_text(self.next, _("Next"))
        self.header_caption.setText(_(STEP_NAMES[HEADER_STEP]))
        self.file_caption.setText(_("Answers file"))
        self.file_help.setText(_(
            "Save your answers as a file to keep with your other policies, or to open again "
            "here or on another computer. The answers file holds no survivor data: only your "
            "program's choices."))
        set_text(self.export_button, _("Save an answers file\u2026"))
        set_text(self.import_button, _("Open an answers file\u2026"))
        self.todo_caption.setText(_("Still to decide"))
        self.todo_help.setText(_("Nothing here stops you: the draft lists what is still to "
                                 "decide, so your team can finish it together."))
        self.concerns_caption.setText(_("Answers to think about again"))
        self.documents_caption.setText(_("Documents"))
        self.documents_help.setText(_(
            "See the draft policy, print it or save it as a PDF; print the worksheet for a "
            "staff meeting; or save the draft as a document to edit and adopt in your word "
            "processor."))
        set_text(self.print_policy, _("See and print the draft policy"))
        set_text(self.print_worksheet, _("See and print the worksheet"))
        set_text(self.save_odt, _("Save the draft to edit (.odt)\u2026"))
        self._show_progress()  # and the action list, when it is on screen

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
