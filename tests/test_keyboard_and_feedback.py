"""Keyboard and feedback in real hands: Enter presses buttons, every tab stop shows where the
focus is, erasing says what it is doing and that it is done, Topics keeps its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import files_under
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import buttons_named, create_saved_plan, start_app
from vault_helpers import PASSPHRASE


def _press_enter_on(widget: QWidget) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_enter_presses_the_focused_button_everywhere(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    window = app.window
    _press_enter_on(buttons_named(window.welcome, "Use without saving")[0])
    assert app.session.is_guest
    _press_enter_on(buttons_named(window.priorities, "Skip for now")[0])
    assert window.stack.currentWidget() is window.topics
    _press_enter_on(buttons_named(window.header, "My plan")[0])
    assert window.stack.currentWidget() is window.plan_screen
    _press_enter_on(buttons_named(window.plan_screen, "Add a person")[0])
    assert window.plan_screen.people.form.isVisible()
    box = window.settings.advocate
    window.show_page("settings")
    _press_enter_on(box)
    assert box.isChecked()
    _press_enter_on(buttons_named(window.header, "End session")[0])
    assert app.session.plan is None


def _grab(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


def _tab_stops_of(window: QWidget, root: QWidget) -> list[QWidget]:
    """Every control Tab reaches on the screen under `root`, once round."""
    window.activateWindow()
    QApplication.processEvents()
    start = window.header.quick_exit
    start.setFocus()
    stops: list[QWidget] = []
    for _ in range(400):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start or focused is None:
            break
        if root.isAncestorOf(focused) or focused is root:
            stops.append(focused)
    return stops


def _focus_is_visible(window: QWidget, widget: QWidget) -> bool:
    widget.setFocus()
    focused = _grab(widget)
    window.header.quick_exit.setFocus()
    return focused != _grab(widget)


def _stops_without_visible_focus(window: QWidget, name: str, root: QWidget) -> list[str]:
    stops = _tab_stops_of(window, root)
    assert stops, f"{name}: no tab stops"
    return [f"{name}: {type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
            for w in stops if not _focus_is_visible(window, w)]


@pytest.mark.parametrize("contrast", [False, True], ids=["calm", "high contrast"])
def test_every_tab_stop_shows_focus(qtbot, tmp_path: Path, contrast: bool) -> None:
    from planner.core.preferences import Preferences

    app = start_app(tmp_path / "data", qtbot)
    window = app.window
    unseen = _stops_without_visible_focus(window, "welcome", window.welcome)
    create_saved_plan(qtbot, app, PASSPHRASE)
    plan = app.session.plan
    plan.add_contact("Dee", "555-0100", "")
    plan.set_status(window._library().actions[0].id, "todo")
    preferences = Preferences(high_contrast=contrast)
    preferences.save(plan)
    window.settings.preferences_changed.emit(preferences)
    for page in ("priorities", "topics", "plan", "print", "settings", "help"):
        window.show_page(page)
        unseen += _stops_without_visible_focus(window, page, window.screens[page])
    window.lock()
    unseen += _stops_without_visible_focus(window, "lock", window.lock_screen)
    assert unseen == []
    window.end_session()


def test_erase_shows_it_is_working_and_says_it_is_done(qtbot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.core.plans import PlanFolder

    app = start_app(tmp_path / "data", qtbot)
    create_saved_plan(qtbot, app, PASSPHRASE)
    window = app.window
    window.show_page("settings")
    settings = window.settings
    seen_while_erasing: list[str] = []
    real_erase = PlanFolder.erase

    def watching_erase(folder: PlanFolder, path: Path) -> None:
        seen_while_erasing.append(settings.erase_help.text())
        real_erase(folder, path)

    monkeypatch.setattr(PlanFolder, "erase", watching_erase)
    qtbot.keyClicks(settings.erase_confirm, "ERASE")
    qtbot.mouseClick(buttons_named(settings, "Erase my plan")[0], Qt.MouseButton.LeftButton)
    assert seen_while_erasing and "Erasing" in seen_while_erasing[0]
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.notice.isVisible()
    assert "erased" in window.welcome.notice.text()
    assert files_under(tmp_path / "data") == []
    qtbot.mouseClick(window.welcome.guest_button, Qt.MouseButton.LeftButton)
    window.end_session()
    assert not window.welcome.notice.isVisible()


def test_going_back_to_topics_keeps_the_list_where_it_was(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    window = app.window
    qtbot.mouseClick(window.welcome.guest_button, Qt.MouseButton.LeftButton)
    window.show_page("topics")
    topics_list = window.topics.list
    bar = topics_list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    topics_list.setCurrentRow(1)
    bar.setValue(bar.maximum())  # looking further down the list, as a person scrolls
    position = bar.value()
    assert position > 0
    window.show_page("plan")
    window.show_page("topics")
    QApplication.processEvents()
    assert bar.value() == position
    window.end_session()
