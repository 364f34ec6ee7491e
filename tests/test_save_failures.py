"""A failed save is never silent: each kind of edit, on every screen, against a vault that
refuses every write.

The refusal is imitated, cheaply, inside SQLite (`PRAGMA query_only`: every write fails as it
does for a read-only file), so each screen's edit path is covered in a few milliseconds. What
the person reads on a real full disk and in a real read-only folder (a filled tmpfs, a
read-only bind mount) is tested in `test_real_disk.py`.

Every edit path must either save or show a clear message (in the one banner at the top of the
window) and put the screen back to what is really stored. Nothing reaches stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import AppUnderTest, app_with_saved_plan, buttons_named, make_vault_read_only
from vault_helpers import PASSPHRASE

from planner.core.plan import ActionStatus

NOT_SAVED = "could not be saved"


app = app_with_saved_plan  # every test here starts with a saved plan open


def _banner_says_not_saved(app: AppUnderTest) -> bool:
    banner = app.window.save_errors
    return banner.isVisible() and NOT_SAVED in banner.text.text()


def _plan(app: AppUnderTest):
    assert app.session.plan is not None
    return app.session.plan


def test_status_chosen_in_a_topic_is_put_back(qtbot, app: AppUnderTest, capfd) -> None:
    app.window.show_page("topics")
    row = app.window.topics.rows[0]
    make_vault_read_only(app)
    qtbot.mouseClick(buttons_named(row, "Done")[0], Qt.MouseButton.LeftButton)
    assert _plan(app).status(row.action.id) is None
    assert buttons_named(row, "Not decided")[0].isChecked()
    assert not buttons_named(row, "Done")[0].isChecked()
    assert _banner_says_not_saved(app)
    assert capfd.readouterr().err == ""


def test_status_chosen_on_my_plan_is_put_back(qtbot, app: AppUnderTest, capfd) -> None:
    action = app.window._library().actions[0]
    _plan(app).set_status(action.id, ActionStatus.TODO)
    app.window.show_page("plan")
    box = _status_box(app, action.text)
    make_vault_read_only(app)
    _choose_in_list(qtbot, box, "Done")
    assert _plan(app).status(action.id) is ActionStatus.TODO
    assert box.currentText() == "Add to my plan"
    assert _banner_says_not_saved(app)
    assert capfd.readouterr().err == ""


def _status_box(app: AppUnderTest, step: str):
    from PySide6.QtWidgets import QComboBox

    return next(box for box in app.window.plan_screen.findChildren(QComboBox)
                if box.accessibleName() == f"Status of: {step}" and box.isVisibleTo(app.window))


def _choose_in_list(qtbot, box, text: str) -> None:
    """Open the drop-down list with the keyboard and pick `text`, as a person does."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    row = box.findText(text)
    view.setCurrentIndex(box.model().index(row, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def test_a_note_that_cannot_be_saved_stays_on_screen_and_is_saved_later(
        qtbot, app: AppUnderTest, capfd) -> None:
    app.window.show_page("topics")
    topic = app.window.topics.current
    notes = app.window.topics.notes
    make_vault_read_only(app)
    notes.editor.setFocus()
    qtbot.keyClicks(notes.editor, "meet Dee at noon")
    qtbot.waitUntil(lambda: _banner_says_not_saved(app), timeout=3000)
    assert notes.editor.toPlainText() == "meet Dee at noon"
    assert _plan(app).note(topic.id) == ""
    _plan(app).vault.connection.execute("PRAGMA query_only = OFF")
    app.window.lock()  # locking saves what is still unsaved
    assert capfd.readouterr().err == ""
    app.window.lock_screen.passphrase.setText(PASSPHRASE)
    app.window.lock_screen.try_unlock()
    assert _plan(app).note(topic.id) == "meet Dee at noon"


@pytest.mark.parametrize("editor_name", ["people", "own_resources"])
def test_adding_an_entry_keeps_the_form_and_says_why(qtbot, app: AppUnderTest, capfd,
                                                    editor_name: str) -> None:
    app.window.show_page("plan")
    editor = getattr(app.window.plan_screen, editor_name)
    make_vault_read_only(app)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.name, "Dee")
    qtbot.keyClicks(editor.reach, "555-0100")
    qtbot.mouseClick(buttons_named(editor, "Save")[0], Qt.MouseButton.LeftButton)
    assert editor.form.isVisible()
    assert editor.name.text() == "Dee" and editor.reach.text() == "555-0100"
    assert NOT_SAVED in editor.error.text()
    assert _banner_says_not_saved(app)
    assert _plan(app).contacts() == () and _plan(app).resources() == ()
    assert capfd.readouterr().err == ""


def test_editing_and_removing_a_person_show_what_is_stored(qtbot, app: AppUnderTest) -> None:
    _plan(app).add_contact("Dee", "555-0100", "")
    app.window.show_page("plan")
    people = app.window.plan_screen.people
    make_vault_read_only(app)
    qtbot.mouseClick(buttons_named(people, "Remove")[0], Qt.MouseButton.LeftButton)
    assert [c.name for c in _plan(app).contacts()] == ["Dee"]
    qtbot.waitUntil(lambda: bool(buttons_named(people, "Remove")), timeout=2000)
    assert _banner_says_not_saved(app)
    app.window.save_errors.hide()
    qtbot.mouseClick(buttons_named(people, "Edit")[0], Qt.MouseButton.LeftButton)
    people.name.clear()
    qtbot.keyClicks(people.name, "Dee Jones")
    qtbot.mouseClick(buttons_named(people, "Save")[0], Qt.MouseButton.LeftButton)
    assert [c.name for c in _plan(app).contacts()] == ["Dee"]
    assert _banner_says_not_saved(app)


def test_priorities_stay_on_screen_as_stored(qtbot, app: AppUnderTest) -> None:
    app.window.show_page("priorities")
    priorities = app.window.priorities
    make_vault_read_only(app)
    box = priorities.priority_boxes["location"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()
    qtbot.mouseClick(priorities.save, Qt.MouseButton.LeftButton)
    assert app.window.stack.currentWidget() is priorities
    assert not box.isChecked()
    assert _plan(app).priorities() == frozenset()
    assert _banner_says_not_saved(app)


SETTINGS: dict[str, Callable[[object], None]] = {
    "text size": lambda s: _pick(s.text_size, "200%"),
    "high contrast": lambda s: s.contrast.click(),
    "lock minutes": lambda s: s.minutes.stepUp(),
    "advocate view": lambda s: s.advocate.click(),
}


def _pick(box, text: str) -> None:
    index = box.findText(text)
    box.setCurrentIndex(index)
    box.activated.emit(index)


@pytest.mark.parametrize("setting", SETTINGS)
def test_each_setting_is_put_back_when_it_cannot_be_saved(qtbot, app: AppUnderTest, capfd,
                                                         setting: str) -> None:
    app.window.show_page("settings")
    settings = app.window.settings
    font_before = QApplication.font().pointSizeF()
    sheet_before = QApplication.instance().styleSheet()
    shown_before = settings.preferences()
    make_vault_read_only(app)
    SETTINGS[setting](settings)
    assert settings.preferences() == shown_before
    assert QApplication.font().pointSizeF() == font_before
    assert QApplication.instance().styleSheet() == sheet_before
    assert _banner_says_not_saved(app)
    assert capfd.readouterr().err == ""


def test_print_title_is_put_back_when_it_cannot_be_saved(qtbot, app: AppUnderTest) -> None:
    _plan(app).set_setting("print_title", "Stored title")
    app.window.show_page("print")
    screen = app.window.screens["print"]
    make_vault_read_only(app)
    screen.plan_title.setFocus()
    screen.plan_title.selectAll()
    qtbot.keyClicks(screen.plan_title, "New title")
    QTest.keyClick(screen.plan_title, Qt.Key.Key_Return)
    assert screen.plan_title.text() == "Stored title"
    assert _banner_says_not_saved(app)


def test_unexpected_errors_reach_stderr_only_in_debug_mode(qtbot, app: AppUnderTest, capfd,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.ui.save_errors import install_exception_hook, something_went_wrong

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook(debug=False)
    try:
        raise ValueError("a note about the shelter")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert capfd.readouterr().err == ""
    assert app.window.save_errors.isVisible()
    assert app.window.save_errors.text.text() == something_went_wrong()
    install_exception_hook(debug=True)
    try:
        raise ValueError("details for a developer")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert "details for a developer" in capfd.readouterr().err


def test_steady_typing_is_saved_at_least_every_two_seconds(qtbot, app: AppUnderTest) -> None:
    """A person who types without a 400 ms pause must not have everything at risk until they
    stop: the note is saved while they are still typing."""
    import time

    app.window.show_page("topics")
    topic = app.window.topics.current
    editor = app.window.topics.notes.editor
    editor.setFocus()
    started = time.monotonic()
    saved_while_typing = ""
    while time.monotonic() - started < 3.0:
        QTest.keyClick(editor, Qt.Key.Key_A)
        qtbot.wait(150)  # a steady typist: never a pause long enough to save on
        saved_while_typing = _plan(app).note(topic.id)
        if saved_while_typing:
            break
    waited = time.monotonic() - started
    assert saved_while_typing, "nothing was saved during three seconds of typing"
    assert waited < 2.6
