"""The program policy builder in real hands: reached from the first screen without a plan and
from a saved plan in advocate view; questions answered by clicks and keys; a concern said beside
the question; the action list; answers kept over a lock; an answers file saved and opened with
the app's own dialogs (a broken one named by its line); the draft and the worksheet through the
print screen, read back with pypdf, and the editable document read back with odfdo; Spanish,
200 % text and a right-to-left language."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from odfdo import Document
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton
from ui_helpers import (
    AppUnderTest,
    accessible_name,
    app_with_saved_plan,  # noqa: F401 - a fixture
    buttons_named,
    clipped_buttons,
    clipped_labels,
    start_app,
    visible_controls,
)
from vault_helpers import PASSPHRASE

from planner.core import i18n
from planner.core.preferences import Preferences
from planner.ui.open_dialog import OpenDialog
from planner.ui.policy_screen import PolicyScreen
from planner.ui.save_dialog import SaveDialog

MISSION_WORDS = "We stand with survivors of violence in Lakeside County"
PROGRAM = "Lakeside Safe Harbor"


pytestmark = pytest.mark.usefixtures("no_stick")  # see conftest


@pytest.fixture
def staff(qtbot, tmp_path: Path):
    """The app as program staff start it: the fourth choice on the first screen."""
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.program_button, Qt.MouseButton.LeftButton)
    yield app
    if i18n.current_language() != i18n.SOURCE_LANGUAGE:  # a test that failed half-way
        app.window.language_chosen.emit(i18n.SOURCE_LANGUAGE)
    app.window.end_session()


def builder(app: AppUnderTest) -> PolicyScreen:
    screen = app.window.screens["policy"]
    assert isinstance(screen, PolicyScreen)
    return screen


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


def pdf_text(pdf: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def choice(screen: PolicyScreen, question_id: str, option_id: str):
    return screen.questions[question_id].choices[option_id]


def answer(qtbot, screen: PolicyScreen, question_id: str, option_id: str) -> None:
    """Go to the question's part with its step button, then click the option."""
    go(qtbot, screen, screen.guide.part(screen.guide.question(question_id).part_id).title)
    target = choice(screen, question_id, option_id)
    screen.area.ensureWidgetVisible(target)
    QApplication.processEvents()  # laid out and scrolled to, as a person sees it
    # On its words' first line: a short option's middle may be past its words.
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton,
                     pos=QPoint(target.fontMetrics().height(), target.height() // 2))
    assert target.isChecked(), (question_id, option_id)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def go(qtbot, screen: PolicyScreen, step: str) -> None:
    """Press a step's button ("Part 2", or a step's name), as a person does."""
    names = {part.title: f"Part {n}" for n, part in enumerate(screen.guide.parts, start=1)}
    (button,) = buttons_named(screen, names.get(step, step))
    click(qtbot, button)


def first_single(screen: PolicyScreen, concern: bool = False):
    """A one-answer question and one of its options (one with a concern, if asked)."""
    for question in screen.guide.questions:
        if question.kind != "single":
            continue
        for option in question.options:
            if bool(option.concern) == concern:
                return question, option
    raise AssertionError("no such question")


def save_with_dialog(qtbot, dialog: SaveDialog, folder: Path, name: str) -> Path:
    """Type a folder and a name into the app's own save dialog and press Save."""
    dialog.other.setChecked(True)
    dialog.folder.setText(str(folder))
    dialog.name.setText(name)
    click(qtbot, dialog.save)
    assert dialog.saved_path is not None, dialog.message.text()
    return dialog.saved_path


def open_with_dialog(qtbot, dialog: OpenDialog, path: Path) -> None:
    dialog.show_folder(path.parent)
    items = dialog.files.findItems(path.name, Qt.MatchFlag.MatchExactly)
    dialog.files.setCurrentItem(items[0])
    click(qtbot, dialog.open_button)


# -- where it lives --------------------------------------------------------------------------


def test_program_staff_reach_the_builder_from_the_first_screen_without_a_plan(
        qtbot, staff: AppUnderTest) -> None:
    window = staff.window
    assert window.current_page == "policy"
    assert staff.session.is_guest  # nothing saved on this computer
    screen = builder(staff)
    assert screen.isVisible()
    assert "saves nothing" in screen.where_kept.text()
    assert "no survivor data" in screen.no_survivor_data.text()
    assert window.header.nav["policy"].isVisible()
    assert screen.progress.text() == f"0 of {len(screen.guide.questions)} questions answered"
    assert window.focusWidget() is screen.header_form.fields["program"]  # the keyboard starts
    banner = window.header.banner_text.text()  # what staff came for, not a survivor's plan
    assert "Save an answers file" in banner and "Print your plan" not in banner


def test_a_survivors_session_without_saving_still_says_to_print_the_plan(
        qtbot, staff: AppUnderTest) -> None:
    """The banner's staff wording lasts only as long as the staff's session."""
    staff.window.end_session()
    qtbot.mouseClick(staff.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    banner = staff.window.header.banner_text.text()
    assert "Print your plan" in banner and "answers file" not in banner
    assert not staff.window.header.nav["policy"].isVisible()


def test_the_survivors_choices_come_first_on_the_first_screen(qtbot, tmp_path: Path) -> None:
    welcome = start_app(tmp_path / "data", qtbot).window.welcome
    order = [welcome.new_button, welcome.open_button, welcome.guest_button,
             welcome.program_button]
    tops = [widget.mapTo(welcome, widget.rect().topLeft()).y() for widget in order]
    assert tops == sorted(tops)
    welcome.guest_button.setFocus()
    QTest.keyClick(welcome.guest_button, Qt.Key.Key_Tab)
    assert welcome.window().focusWidget() is welcome.program_button
    assert accessible_name(welcome.program_button) == "Write your program's social media policy"


def test_a_survivors_plan_shows_no_policy_until_advocate_view_is_on(
        qtbot, app_with_saved_plan: AppUnderTest) -> None:  # noqa: F811 - the fixture
    app = app_with_saved_plan
    window = app.window
    window.show_page("topics")
    assert not window.header.nav["policy"].isVisible()
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "topics"  # Ctrl+6 does nothing for a survivor
    window.show_page("settings")
    window.settings.advocate.click()
    assert window.header.nav["policy"].isVisible()
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_page == "policy", timeout=2000)
    assert "kept in this plan" in builder(app).where_kept.text()
    click(qtbot, window.header.nav["print"])
    assert not window.screens["print"].kind_buttons["policy"].isVisible()  # nothing answered


# -- how it asks -----------------------------------------------------------------------------


def test_questions_are_answered_by_click_and_by_keys_and_the_action_list_follows(
        qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    total = len(screen.guide.questions)
    go(qtbot, screen, "Start from the mission")
    mission = screen.questions["mission-statement"]
    focused = staff.window.focusWidget  # the offscreen platform may not activate the window
    assert focused() is mission.words  # the step's first question
    QTest.keyClicks(mission.words, MISSION_WORDS)
    QTest.keyClick(mission.words, Qt.Key.Key_Tab)  # Tab leaves the box, never types a tab
    assert "\t" not in mission.words.toPlainText()
    goals = screen.questions["mission-goals"]
    assert focused() is goals.choices["awareness"]
    QTest.keyClick(focused(), Qt.Key.Key_Space)
    assert goals.choices["awareness"].isChecked()
    question, option = first_single(screen)
    go(qtbot, screen, screen.guide.part(question.part_id).title)
    click(qtbot, choice(screen, question.id, option.id))
    assert screen.progress.text() == f"3 of {total} questions answered"
    assert isinstance(choice(screen, question.id, option.id), QRadioButton)
    assert isinstance(goals.choices["awareness"], QCheckBox)
    go(qtbot, screen, "Still to decide, and documents")
    listed = flat(" ".join(w.text() for w in screen.todo_box.findChildren(
        type(screen.progress)) if w.isVisibleTo(screen)))
    for other in screen.guide.questions:
        assert (f"Decide: {other.ask}" in listed) == (
            other.id not in ("mission-statement", "mission-goals", question.id)), other.id
    assert "Write your program's name." in listed
    click(qtbot, screen.next) if screen.next.isEnabled() else None
    assert not screen.next.isEnabled()  # the last step: Next goes nowhere, nothing blocks


def test_each_option_says_what_it_means_and_topics_use_the_librarys_titles(
        qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    question, option = first_single(screen)
    box = screen.questions[question.id]
    assert option.means in [meaning.text() for meaning in box.meanings]
    assert box.choices[option.id].accessibleDescription() == option.means
    topics = next(q for q in screen.guide.questions if q.kind == "topics")
    titles = {t.id: t.title for t in screen.library.topics}
    shown = {c.text() for c in screen.questions[topics.id].choices.values()}
    assert shown == {titles[topic] for topic in topics.topics}
    for control in visible_controls(screen):
        assert accessible_name(control), type(control).__name__


def test_a_concerning_choice_is_pointed_out_beside_the_question_not_in_a_popup(
        qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    question, option = first_single(screen, concern=True)
    box = screen.questions[question.id]
    go(qtbot, screen, screen.guide.part(question.part_id).title)
    assert not box.concern.isVisible()
    click(qtbot, box.choices[option.id])
    assert box.concern.isVisible()
    assert option.concern in box.concern_text.text()
    assert QApplication.activeModalWidget() is None
    calm = next(o for o in question.options if not o.concern)
    click(qtbot, box.choices[calm.id])
    assert not box.concern.isVisible()
    click(qtbot, box.choices[option.id])
    go(qtbot, screen, "Still to decide, and documents")
    assert screen.concerns_caption.isVisible()
    assert option.concern in flat(" ".join(
        w.text() for w in screen.concerns_box.findChildren(type(screen.progress))))


def test_a_one_answer_question_can_be_taken_back_to_not_decided(
        qtbot, staff: AppUnderTest) -> None:
    """Radio buttons alone cannot be cleared; "Not decided yet" takes the answer (and its
    concern) back, and the question is on the list of what is still to decide again."""
    screen = builder(staff)
    total = len(screen.guide.questions)
    question, option = first_single(screen, concern=True)
    box = screen.questions[question.id]
    go(qtbot, screen, screen.guide.part(question.part_id).title)
    assert box.undecided is not None and box.undecided.isChecked()
    assert box.undecided.text() == "Not decided yet"
    click(qtbot, box.choices[option.id])
    assert screen.progress.text() == f"1 of {total} questions answered"
    assert box.concern.isVisible()
    click(qtbot, box.undecided)
    assert not box.choices[option.id].isChecked() and not box.concern.isVisible()
    assert screen.progress.text() == f"0 of {total} questions answered"
    assert box.answer().chosen == ()
    go(qtbot, screen, "Still to decide, and documents")
    listed = flat(" ".join(w.text() for w in screen.todo_box.findChildren(
        type(screen.progress)) if w.isVisibleTo(screen)))
    assert f"Decide: {question.ask}" in listed


# -- kept as the person goes -----------------------------------------------------------------


def test_answers_survive_leaving_the_screen_and_a_lock_in_a_saved_plan(
        qtbot, app_with_saved_plan: AppUnderTest) -> None:  # noqa: F811 - the fixture
    app = app_with_saved_plan
    window = app.window
    window.show_page("settings")
    window.settings.advocate.click()
    window.show_page("policy")
    screen = builder(app)
    question, option = first_single(screen)
    answer(qtbot, screen, question.id, option.id)
    QTest.keyClicks(screen.questions["mission-statement"].words, MISSION_WORDS)
    QTest.keyClicks(screen.header_form.fields["program"], PROGRAM)
    window.show_page("topics")
    window.show_page("policy")
    assert choice(builder(app), question.id, option.id).isChecked()
    QTest.keyClicks(screen.questions["mission-statement"].words, ", always.")
    window.lock()  # before the typing pause: the words are kept on the way out
    assert window.current_page == "locked"
    assert window.open_screens is None
    window.lock_screen.passphrase.setText(PASSPHRASE)
    window.lock_screen.try_unlock()
    qtbot.waitUntil(lambda: window.current_page == "policy", timeout=10_000)
    screen = builder(app)
    assert choice(screen, question.id, option.id).isChecked()
    assert screen.questions["mission-statement"].words.toPlainText() == MISSION_WORDS + \
        ", always."
    assert screen.header_form.fields["program"].text() == PROGRAM


def test_typed_words_are_kept_in_the_plan_once_typing_pauses(
        qtbot, app_with_saved_plan: AppUnderTest) -> None:  # noqa: F811 - the fixture
    from planner.core.policy import answers_in_plan

    app = app_with_saved_plan
    app.window.show_page("settings")
    app.window.settings.advocate.click()
    app.window.show_page("policy")
    screen = builder(app)
    QTest.keyClicks(screen.questions["mission-statement"].words, MISSION_WORDS)

    def kept() -> str:
        answers = answers_in_plan(app.window.plan(), screen.guide)
        return answers.answer("mission-statement").own_text if answers else ""

    qtbot.waitUntil(lambda: kept() == MISSION_WORDS, timeout=3000)


# -- the answers file ------------------------------------------------------------------------


def test_an_answers_file_saved_with_the_apps_dialog_opens_again_in_a_new_session(
        qtbot, staff: AppUnderTest, tmp_path: Path) -> None:
    screen = builder(staff)
    assert "holds no survivor data" in screen.file_help.text()
    QTest.keyClicks(screen.header_form.fields["program"], PROGRAM)
    question, option = first_single(screen)
    answer(qtbot, screen, question.id, option.id)
    QTest.keyClicks(screen.questions["mission-statement"].words, MISSION_WORDS)
    folder = tmp_path / "policies"
    folder.mkdir()
    dialog = screen.export_answers()
    path = save_with_dialog(qtbot, dialog, folder, "lakeside")
    assert path.name == "lakeside.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["header"]["program"] == PROGRAM
    assert "Saved \u201clakeside.json\u201d" in screen.file_message.text()

    staff.window.end_session()  # everything in memory is gone
    click(qtbot, staff.window.welcome.program_button)
    screen = builder(staff)
    assert not choice(screen, question.id, option.id).isChecked()
    dialog = screen.import_answers()
    assert "no survivor data" in dialog.note.text()
    open_with_dialog(qtbot, dialog, path)
    assert choice(screen, question.id, option.id).isChecked()
    assert screen.questions["mission-statement"].words.toPlainText() == MISSION_WORDS
    assert screen.header_form.fields["program"].text() == PROGRAM
    assert screen.progress.text().startswith("2 of ")


def test_a_broken_answers_file_names_its_line_and_changes_nothing(
        qtbot, staff: AppUnderTest, tmp_path: Path) -> None:
    screen = builder(staff)
    question, option = first_single(screen)
    answer(qtbot, screen, question.id, option.id)
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "planner-policy-answers",\n  "version": 1,\n'
                      '  "header": {"program": "X",}\n}\n', encoding="utf-8")
    open_with_dialog(qtbot, screen.import_answers(), broken)
    message = screen.file_message.text()
    assert "line 4" in message and "nothing was changed" in message
    assert choice(screen, question.id, option.id).isChecked()
    wrong_option = tmp_path / "wrong.json"
    wrong_option.write_text(json.dumps({"format": "planner-policy-answers", "version": 1,
                                        "answers": {question.id: {"chosen": ["nope"]}}},
                                       indent=2), encoding="utf-8")
    open_with_dialog(qtbot, screen.import_answers(), wrong_option)
    assert "line 7" in screen.file_message.text()
    assert choice(screen, question.id, option.id).isChecked()


# -- what it produces ------------------------------------------------------------------------


def test_the_draft_and_the_worksheet_print_through_the_print_screen(
        qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    QTest.keyClicks(screen.header_form.fields["program"], PROGRAM)
    chosen = []
    for part in screen.guide.parts:
        question = next(q for q in part.questions if q.kind in ("single", "multi"))
        option = question.options[0]
        answer(qtbot, screen, question.id, option.id)
        chosen.append(option)
    QTest.keyClicks(screen.questions["mission-statement"].words, MISSION_WORDS)
    go(qtbot, screen, "Still to decide, and documents")
    click(qtbot, screen.print_policy)
    window = staff.window
    assert window.current_page == "print"
    printing = window.screens["print"]
    assert printing.kind() == "policy" and printing.kind_buttons["policy"].isVisible()
    printing.show_preview()
    text = pdf_text(printing.pdf_bytes)
    assert PROGRAM in text and MISSION_WORDS in text
    for part in screen.guide.parts:
        assert flat(part.heading) in text
    for option in chosen:
        assert flat(option.policy) in text
    assert printing.save_button.isEnabled()
    window.show_page("policy")
    click(qtbot, screen.print_worksheet)
    printing.show_preview()
    worksheet = pdf_text(printing.pdf_bytes)
    for part in screen.guide.parts:
        assert flat(part.title) in worksheet


def test_the_editable_document_is_saved_with_the_apps_dialog(
        qtbot, staff: AppUnderTest, tmp_path: Path) -> None:
    screen = builder(staff)
    QTest.keyClicks(screen.header_form.fields["program"], PROGRAM)
    question, option = first_single(screen)
    answer(qtbot, screen, question.id, option.id)
    path = save_with_dialog(qtbot, screen.save_document(), tmp_path, "our-policy")
    assert path.name == "our-policy.odt"
    text = flat(Document(str(path)).get_formatted_text())
    assert PROGRAM in text and flat(option.policy) in text
    for part in screen.guide.parts:
        assert flat(part.heading) in text
    assert "Saved \u201cour-policy.odt\u201d" in screen.documents_message.text()


# -- languages, text size, direction ---------------------------------------------------------


def test_switching_to_spanish_keeps_what_was_typed(qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    question, option = first_single(screen)
    answer(qtbot, screen, question.id, option.id)
    QTest.keyClicks(screen.questions["mission-statement"].words, MISSION_WORDS)
    QTest.keyClicks(screen.header_form.fields["program"], PROGRAM)
    staff.window.language_chosen.emit("es")
    assert screen.back.text() == "Atrás"
    assert screen.questions["mission-statement"].words.toPlainText() == MISSION_WORDS
    assert choice(screen, question.id, option.id).isChecked()
    assert screen.header_form.fields["program"].text() == PROGRAM
    spanish = Path(__file__).parent.parent / "content" / "es" / "policy.toml"
    box = screen.questions[question.id]
    if spanish.is_file():
        assert box.ask.text() == screen.guide.question(question.id).ask
        assert screen.guide.locale == "es"
    else:  # not written yet: every question is in English, and says so
        assert box.in_english.isVisibleTo(screen)
        assert box.ask.text() == question.ask


def test_at_200_percent_text_no_step_cuts_a_label_or_button_short(
        qtbot, staff: AppUnderTest) -> None:
    window = staff.window
    window.resize(1024, 720)
    preferences = Preferences(text_scale=200)
    preferences.save(window.plan())
    window.settings.preferences_changed.emit(preferences)
    window.show_page("policy")
    screen = builder(staff)
    question, option = first_single(screen, concern=True)
    choice(screen, question.id, option.id).setChecked(True)
    found = []
    for step in screen.steps():
        click(qtbot, screen.step_buttons[step])
        QApplication.processEvents()
        found += [f"{step}: {text}" for text in clipped_labels(screen) + clipped_buttons(screen)]
    assert not found, "\n".join(found)
    window.settings.preferences_changed.emit(Preferences())


def test_a_right_to_left_language_mirrors_the_builder(qtbot, staff: AppUnderTest) -> None:
    screen = builder(staff)
    staff.window.language_chosen.emit("ar_XB")
    QApplication.processEvents()
    assert screen.isRightToLeft()
    screen.steps_box.layout().activate()
    assert screen.next.x() < screen.back.x()  # Next on the left, where the reading ends
    staff.window.language_chosen.emit(i18n.SOURCE_LANGUAGE)
