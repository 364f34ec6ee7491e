"""The lock screen in real hands: typing during the wait, what its buttons say and do, and
coming back to exactly where the person was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import AppUnderTest, app_with_saved_plan, buttons_named, words_in_widgets
from vault_helpers import PASSPHRASE

app = app_with_saved_plan  # every test here starts with a saved plan open


def _type(text: str) -> None:
    """Type where the keyboard focus is, as a person does."""
    QTest.keyClicks(QApplication.focusWidget(), text)


def _press(key: Qt.Key) -> None:
    QTest.keyClick(QApplication.focusWidget(), key)


def test_during_the_wait_typing_stays_in_the_passphrase_field(qtbot, app: AppUnderTest) -> None:
    app.window.lock()
    lock = app.window.lock_screen
    for attempt in range(3):
        _type(f"wrong guess {attempt}")
        _press(Qt.Key.Key_Return)
    assert "wait" in lock.message.text().lower()
    assert QApplication.focusWidget() is lock.passphrase
    _type("a calm river")  # spaces, as the app recommends: none may press a button
    _press(Qt.Key.Key_Return)
    assert app.window.isVisible() and app.window.stack.currentWidget() is lock
    assert app.session.locked
    assert QApplication.focusWidget() is lock.passphrase
    assert lock.passphrase.text() == "a calm river"
    assert "wait" in lock.message.text().lower()


def test_close_the_app_closes_the_window_and_keeps_the_plan(qtbot, app: AppUnderTest) -> None:
    app.window.lock()
    close = buttons_named(app.window.lock_screen, "Close the app")[0]
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not app.window.isVisible()
    assert len(app.session.folder.plan_files()) == 1


def test_a_manual_lock_does_not_claim_it_locked_itself(qtbot, app: AppUnderTest) -> None:
    QTest.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = app.window.lock_screen
    assert app.window.stack.currentWidget() is lock
    assert "without use" not in lock.explain.text()
    assert "You locked" in lock.explain.text()
    lock.passphrase.setText(PASSPHRASE)
    lock.try_unlock()
    app.idle.arm(100)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is lock, timeout=3000)
    assert "without use" in lock.explain.text()


def test_unlocking_clears_the_old_error_and_shows_it_is_working(
        qtbot, app: AppUnderTest, monkeypatch: pytest.MonkeyPatch) -> None:
    app.window.lock()
    lock = app.window.lock_screen
    _type("not my passphrase")
    _press(Qt.Key.Key_Return)
    old_error = lock.message.text()
    assert old_error
    seen_while_working: list[str] = []
    real_unlock = app.session.unlock

    def watching_unlock(passphrase: str):
        seen_while_working.append(lock.message.text())
        return real_unlock(passphrase)

    monkeypatch.setattr(app.session, "unlock", watching_unlock)
    _type(PASSPHRASE)
    _press(Qt.Key.Key_Return)
    assert seen_while_working and seen_while_working[0] != old_error
    assert "Opening" in seen_while_working[0]
    assert not app.session.locked


def test_unlocking_returns_to_the_same_topic_and_scroll_position(qtbot, app: AppUnderTest) -> None:
    app.window.show_page("topics")
    topics = app.window.topics
    topics.list.setCurrentRow(3)
    chosen = topics.current
    page = topics.page
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 400, timeout=3000)
    page.verticalScrollBar().setValue(400)
    app.window.lock()
    lock = app.window.lock_screen
    lock.passphrase.setText(PASSPHRASE)
    lock.try_unlock()
    topics = app.window.topics  # rebuilt after the lock
    assert app.window.stack.currentWidget() is topics
    assert topics.current == chosen
    qtbot.waitUntil(lambda: topics.page.verticalScrollBar().value() == 400, timeout=2000)


def test_locking_takes_the_plans_words_out_of_the_window(qtbot, app: AppUnderTest) -> None:
    plan = app.session.plan
    action = app.window._library().actions[0]
    plan.set_status(action.id, "todo")
    plan.set_note(action.topic_id, "NOTE-CANARY Dee at the library")
    plan.add_contact("PERSON-CANARY Dee", "555-0100", "")
    for page in ("topics", "plan", "print", "settings"):
        app.window.show_page(page)
    QApplication.processEvents()
    assert "NOTE-CANARY" in words_in_widgets() and "PERSON-CANARY" in words_in_widgets()
    app.window.lock()
    held = words_in_widgets()
    assert "NOTE-CANARY" not in held and "PERSON-CANARY" not in held
    app.window.lock_screen.passphrase.setText(PASSPHRASE)
    app.window.lock_screen.try_unlock()
    app.window.show_page("plan")
    QApplication.processEvents()
    assert "PERSON-CANARY" in words_in_widgets()


def _unlock(app: AppUnderTest) -> None:
    app.window.lock_screen.passphrase.setText(PASSPHRASE)
    app.window.lock_screen.try_unlock()
    assert not app.session.locked


def test_a_half_filled_person_form_comes_back_after_unlock(qtbot, app: AppUnderTest) -> None:
    app.window.show_page("plan")
    people = app.window.plan_screen.people
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(people.name, "FORM-CANARY Sam")
    qtbot.keyClicks(people.reach, "555-0142")
    app.window.lock()
    assert "FORM-CANARY" not in words_in_widgets()  # kept in the vault, not in a widget
    _unlock(app)
    people = app.window.plan_screen.people
    assert app.window.stack.currentWidget() is app.window.plan_screen
    assert people.form.isVisibleTo(app.window)
    assert (people.name.text(), people.reach.text()) == ("FORM-CANARY Sam", "555-0142")
    assert app.session.plan.contacts() == ()  # a draft, not a saved person
    qtbot.mouseClick(people.save, Qt.MouseButton.LeftButton)
    assert [c.name for c in app.session.plan.contacts()] == ["FORM-CANARY Sam"]
    app.window.show_page("topics")
    app.window.show_page("plan")
    assert not app.window.plan_screen.people.form.isVisibleTo(app.window)  # saved: no draft


def test_a_print_title_typed_but_not_confirmed_is_kept_when_the_plan_locks(
        qtbot, app: AppUnderTest) -> None:
    app.window.show_page("print")
    title = app.window.screens["print"].plan_title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "For Tuesday")  # no Enter, focus still in the field
    app.window.lock()
    assert app.session.locked
    _unlock(app)
    assert app.session.plan.setting("print_title") == "For Tuesday"
    assert app.window.screens["print"].plan_title.text() == "For Tuesday"
