"""My plan in real hands: a status changes only on purpose, the person keeps their place, a
step that leaves the plan can come back, and Tab follows the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton, QWidget
from ui_helpers import AppUnderTest, buttons_named, start_app

from planner.core.plan import ActionStatus

STEPS = 30


@pytest.fixture
def app(qtbot, tmp_path: Path):
    app = start_app(tmp_path / "data", qtbot)
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    plan = app.session.plan
    assert plan is not None
    for action in app.window._library().actions[:STEPS]:
        plan.set_status(action.id, ActionStatus.TODO)
    app.window.show_page("plan")
    QApplication.processEvents()
    yield app
    app.window.end_session()


def _status_boxes(app: AppUnderTest) -> list[QComboBox]:
    screen = app.window.plan_screen
    return [box for box in screen.findChildren(QComboBox)
            if box.accessibleName().startswith("Status of:") and box.isVisibleTo(screen)]


def _step_of(box: QComboBox) -> str:
    return box.accessibleName().removeprefix("Status of: ")


def _stored(app: AppUnderTest, box: QComboBox) -> ActionStatus | None:
    action = next(a for a in app.window._library().actions if a.text == _step_of(box))
    return app.session.plan.status(action.id)


def _choose(qtbot, box: QComboBox, text: str) -> None:
    """Open the list from the keyboard and pick `text` with Enter."""
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    view.setCurrentIndex(box.model().index(box.findText(text), 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def _scrolled_to_a_middle_box(qtbot, app: AppUnderTest) -> QComboBox:
    scroll = app.window.plan_screen.scroll_area
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 600, timeout=3000)
    box = _status_boxes(app)[STEPS // 2]
    scroll.ensureWidgetVisible(box)
    QApplication.processEvents()
    return box


def test_changing_a_status_keeps_focus_and_scroll(qtbot, app: AppUnderTest) -> None:
    box = _scrolled_to_a_middle_box(qtbot, app)
    step = _step_of(box)
    position = app.window.plan_screen.scroll_area.verticalScrollBar().value()
    assert position > 0
    _choose(qtbot, box, "Done")
    QApplication.processEvents()
    assert _stored(app, box) is ActionStatus.DONE
    focused = app.window.focusWidget()  # the offscreen platform does not re-activate the
    # window after a pop-up closes, so ask the window which control keeps its focus
    assert isinstance(focused, QComboBox) and _step_of(focused) == step
    assert focused.currentText() == "Done"
    assert app.window.plan_screen.scroll_area.verticalScrollBar().value() == position


def test_arrow_keys_and_letters_do_not_change_a_status(qtbot, app: AppUnderTest) -> None:
    box = _status_boxes(app)[0]
    box.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End, Qt.Key.Key_D):
        QTest.keyClick(box, key)
        if box.view().isVisible():
            QTest.keyClick(box.view(), Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda: not box.view().isVisible(), timeout=2000)
        assert _stored(app, box) is ActionStatus.TODO
        assert box.currentText() == "Add to my plan"


def test_a_step_that_leaves_the_plan_can_be_brought_back(qtbot, app: AppUnderTest) -> None:
    box = _scrolled_to_a_middle_box(qtbot, app)
    step = _step_of(box)
    _choose(qtbot, box, "Remove from my plan")
    assert _stored(app, box) is None
    undo = QApplication.focusWidget()
    assert undo is not None and undo.text() == "Undo"
    assert step in undo.accessibleDescription()
    QTest.keyClick(undo, Qt.Key.Key_Return)
    assert _stored(app, box) is ActionStatus.TODO
    assert QApplication.focusWidget() is box
    _choose(qtbot, box, "Not for me")
    assert _stored(app, box) is ActionStatus.NOT_FOR_ME
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert _stored(app, box) is ActionStatus.TODO


def _tab_stops(app: AppUnderTest, start: QWidget, count: int) -> list[QWidget]:
    app.window.activateWindow()  # offscreen leaves a closed pop-up as the active window
    QApplication.processEvents()
    start.setFocus()
    seen = [start]
    for _ in range(count):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            break  # once round
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_follows_the_screen_from_top_to_bottom(qtbot, app: AppUnderTest) -> None:
    screen = app.window.plan_screen
    _choose(qtbot, _status_boxes(app)[1], "Later, when it is safe")
    for name in ("Dee", "Sam"):  # each save rebuilds the list of people
        qtbot.mouseClick(buttons_named(screen, "Add a person")[0], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(screen.people.name, name)
        qtbot.mouseClick(buttons_named(screen.people, "Save")[0], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    first = _status_boxes(app)[0]
    add_person = buttons_named(screen, "Add a person")[0]
    inner = screen.scroll_area.widget()
    everywhere = _tab_stops(app, first, STEPS * 3 + 40)
    inside = [inner.isAncestorOf(w) for w in everywhere]
    leaves = inside.index(False)
    assert not any(inside[leaves:]), "Tab leaves My plan and comes back into it"
    stops = everywhere[:leaves]
    assert add_person in stops
    boxes_before = [w for w in stops[: stops.index(add_person)] if isinstance(w, QComboBox)]
    assert len(boxes_before) == STEPS
    edits = [w for w in stops if isinstance(w, QPushButton) and w.text() == "Edit"]
    assert len(edits) == 2, "each person's Edit button is a tab stop"
    heights = [w.mapTo(inner, QPoint(0, 0)).y() for w in stops]
    assert heights == sorted(heights), "Tab jumps up and down the screen"


def test_coming_back_to_my_plan_unchanged_keeps_the_place(qtbot, app: AppUnderTest) -> None:
    box = _scrolled_to_a_middle_box(qtbot, app)
    scroll = app.window.plan_screen.scroll_area.verticalScrollBar()
    where = scroll.value()
    assert where > 0
    for page in ("topics", "settings", "plan"):
        app.window.show_page(page)
    QApplication.processEvents()
    assert scroll.value() == where
    assert box in _status_boxes(app)  # the same line, not one made again


def test_changes_made_on_either_screen_show_on_the_other(qtbot, app: AppUnderTest) -> None:
    library = app.window._library()
    first = library.actions[0]
    topic = next(t for t in library.topics if first in t.actions)
    app.window.show_page("topics")
    app.window.topics.show_topic(topic)  # its page is built now, showing "To do"
    app.window.show_page("plan")
    box = next(b for b in _status_boxes(app) if _step_of(b) == first.text)
    _choose(qtbot, box, "Done")
    note = next(n for n in app.window.plan_screen.notes if n.isVisibleTo(app.window))
    note.editor.setPlainText("Typed on My plan")
    app.window.show_page("topics")  # leaving saves the note
    topics = app.window.topics
    topics.show_topic(topic)
    row = next(r for r in topics.rows if r.action.id == first.id)
    assert row.buttons[ActionStatus.DONE.value].isChecked()
    later = next(a for a in library.actions if app.session.plan.status(a.id) is None)
    topics.show_topic(next(t for t in library.topics if later in t.actions))
    next(r for r in topics.rows if r.action.id == later.id).buttons["later"].click()
    app.window.show_page("plan")
    steps = [_step_of(b) for b in _status_boxes(app)]
    assert later.text in steps
    app.window.show_page("topics")
    shown_notes = {t.id: p.notes.editor.toPlainText() for t, p in
                   ((t, topics._pages.get(t.id)) for t in library.topics) if p is not None}
    assert "Typed on My plan" in shown_notes.values()
