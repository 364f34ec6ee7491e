"""The whole app with real widgets: a full session, guest, quick exit, auto-lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import files_under
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout
from ui_helpers import AppUnderTest, start_app
from vault_helpers import CHEAP_KEYS, PASSPHRASE

from planner.core.plan import ActionStatus, Plan
from planner.core.plans import PlanFolder
from planner.ui.topic_view import UNDECIDED

CHOICES = (ActionStatus.TODO, ActionStatus.LATER, ActionStatus.DONE)


def _create_plan(qtbot, app: AppUnderTest) -> None:
    welcome = app.window.welcome
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.new_passphrase, PASSPHRASE)
    qtbot.keyClicks(welcome.confirm_passphrase, PASSPHRASE)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert app.window.stack.currentWidget() is app.window.priorities


def _work_through_topics(qtbot, app: AppUnderTest, count: int) -> dict[str, ActionStatus]:
    topics = app.window.topics
    chosen: dict[str, ActionStatus] = {}
    for step in range(count):
        for index, row in enumerate(topics.rows[:3]):
            status = CHOICES[index]
            qtbot.mouseClick(row.buttons[status.value], Qt.MouseButton.LeftButton)
            chosen[row.action.id] = status
        topics.notes.editor.setFocus()
        qtbot.keyClicks(topics.notes.editor, f"note for topic {step}")
        topics.notes.editor.insertPlainText(" \u2014 caf\u00e9 \U0001f30a")
        qtbot.mouseClick(topics.next, Qt.MouseButton.LeftButton)
    return chosen


def test_full_flow_survives_quick_exit_and_reopen(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    _create_plan(qtbot, app)
    priorities = app.window.priorities
    priorities.priority_boxes["location"].setChecked(True)
    priorities.platform_boxes["instagram"].setChecked(True)
    qtbot.mouseClick(priorities.save, Qt.MouseButton.LeftButton)
    assert app.window.stack.currentWidget() is app.window.topics
    first_three = [t.id for t in app.window.topics.topics[:3]]
    chosen = _work_through_topics(qtbot, app, 3)

    app.window.show_page("plan")
    people = app.window.plan_screen.people
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(people.name, "Dee")
    qtbot.keyClicks(people.reach, "library phone")
    qtbot.mouseClick(people.save, Qt.MouseButton.LeftButton)
    assert "Dee" in [c.name for c in app.session.plan.contacts()]

    app.quick_exit.trigger()
    assert app.quits == [1]
    assert app.session.plan is None
    assert not app.window.isVisible()

    plan = Plan(PlanFolder(tmp_path / "data", CHEAP_KEYS).open(PASSPHRASE))
    assert plan.statuses() == chosen
    assert plan.priorities() == {"location"} and plan.platforms() == {"instagram"}
    for step, topic_id in enumerate(first_three):
        assert plan.note(topic_id) == f"note for topic {step} \u2014 caf\u00e9 \U0001f30a"
    assert [c.reach for c in plan.contacts()] == ["library phone"]
    plan.vault.close()


def test_undecided_takes_a_choice_back(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    app.window.show_page("topics")
    row = app.window.topics.rows[0]
    qtbot.mouseClick(row.buttons[ActionStatus.DONE.value], Qt.MouseButton.LeftButton)
    assert app.session.plan.status(row.action.id) is ActionStatus.DONE
    qtbot.mouseClick(row.buttons[UNDECIDED], Qt.MouseButton.LeftButton)
    assert app.session.plan.status(row.action.id) is None
    app.window.end_session()


def test_guest_flow_leaves_no_file(qtbot, tmp_path: Path, isolated_home: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    assert app.window.header.banner.isVisible()
    qtbot.mouseClick(app.window.priorities.skip, Qt.MouseButton.LeftButton)
    _work_through_topics(qtbot, app, 2)
    qtbot.mouseClick(app.window.header.end_button, Qt.MouseButton.LeftButton)
    assert app.session.plan is None
    assert app.window.stack.currentWidget() is app.window.welcome
    assert app.window.open_screens is None
    assert files_under(tmp_path) == []
    assert files_under(isolated_home) == []


def test_quick_exit_from_a_modal_dialog_by_keyboard(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    QGuiApplication.clipboard().setText("copied from the plan")
    dialog = QDialog(app.window)
    dialog.setModal(True)
    QVBoxLayout(dialog).addWidget(QLabel("a modal question"))
    dialog.show()
    qtbot.waitExposed(dialog)
    for _ in range(3):
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Shift)
    assert app.quits == [1]
    assert not dialog.isVisible() and not app.window.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert app.session.plan is None


def test_two_shifts_or_other_keys_do_not_exit(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    handle = app.window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    QTest.keyClick(handle, Qt.Key.Key_A)
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    assert app.quits == []
    assert app.window.isVisible()


def _first_in_tab_order(window):
    widget = window.nextInFocusChain()
    while widget is not window:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible() \
                and widget.isEnabled():
            return widget
        widget = widget.nextInFocusChain()
    return None


def test_quick_exit_button_is_first_in_tab_order_on_every_screen(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    assert _first_in_tab_order(app.window) is app.window.header.quick_exit
    _create_plan(qtbot, app)
    for page in ("priorities", "topics", "plan", "settings", "help"):
        app.window.show_page(page)
        assert _first_in_tab_order(app.window) is app.window.header.quick_exit, page
    app.window.lock()
    assert _first_in_tab_order(app.window) is app.window.header.quick_exit
    app.window.end_session()


def test_auto_lock_and_unlock_returns_to_the_same_place(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    _create_plan(qtbot, app)
    app.window.show_page("plan")
    app.idle.arm(150)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.lock_screen,
                    timeout=3000)
    assert app.session.locked and not app.session.plan.vault.is_open
    lock = app.window.lock_screen
    for attempt in range(3):
        lock.passphrase.setText(f"wrong {attempt}")
        lock.try_unlock()
    assert "wait" in lock.message.text().lower()
    assert not lock.unlock_button.isEnabled()
    app.session.throttle._next_allowed = 0.0
    lock._tick()
    lock.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.unlocked):
        lock.try_unlock()
    assert app.window.stack.currentWidget() is app.window.plan_screen
    app.window.end_session()


@pytest.mark.parametrize("language", ["es", "en_XA"])
def test_notes_survive_switching_topics_and_language(qtbot, tmp_path: Path,
                                                      language: str) -> None:
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    app.window.show_page("topics")
    topics = app.window.topics
    first = topics.current.id
    topics.notes.editor.setPlainText("typed just now")
    assert topics.notes.pending
    qtbot.mouseClick(topics.next, Qt.MouseButton.LeftButton)  # to another topic
    assert topics.current.id != first
    assert app.session.plan.note(first) == "typed just now"
    topics.notes.editor.setPlainText("typed in the second topic")
    second = topics.current.id
    app.window.language_chosen.emit(language)
    try:
        assert topics.current.id == second
        assert topics.notes.editor.toPlainText() == "typed in the second topic"
        assert app.session.plan.note(second) == "typed in the second topic"
        assert topics.list_caption.text() != "Topics"  # the screen really is in another language
        topics.list.setCurrentRow(topics.topics.index(next(t for t in topics.topics
                                                           if t.id == first)))
        assert topics.notes.editor.toPlainText() == "typed just now"
    finally:
        app.window.language_chosen.emit("en")
    app.window.end_session()


def test_lock_and_end_clear_what_the_app_copied(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    _create_plan(qtbot, app)
    app.window.activateWindow()
    QGuiApplication.clipboard().setText("a contact's number")
    app.window.lock()
    assert QGuiApplication.clipboard().text() == ""
    app.window.lock_screen.passphrase.setText(PASSPHRASE)
    app.window.lock_screen.try_unlock()
    QGuiApplication.clipboard().setText("a note")
    app.window.end_session()
    assert QGuiApplication.clipboard().text() == ""


@pytest.mark.parametrize("content", [b"resources = [ broken", b"resources = 7",
                                     b"\xff\xfe not text", b"resources = [1, 2]"])
def test_a_bad_local_resources_file_is_left_out_with_a_word(qtbot, tmp_path: Path,
                                                            content: bytes, capfd) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "resources.toml").write_bytes(content)
    app = start_app(data, qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    assert app.window.stack.currentWidget() is app.window.priorities  # not stuck on Welcome
    banner = app.window.save_errors
    assert banner.isVisible() and "resources.toml" in banner.text.text()
    app.window.show_page("print")
    screen = app.window.screens["print"]
    screen.kind_buttons["card"].setChecked(True)
    screen.show_preview()
    assert screen.document.pageCount() == 1
    app.window.end_session()
    assert capfd.readouterr().err == ""
