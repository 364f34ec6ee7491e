"""Every screen: every control has a name a screen reader can say, and nothing clips at 200%."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import accessible_name, clipped_buttons, clipped_labels, start_app, visible_controls

from planner.core.plan import ActionStatus
from planner.core.preferences import Preferences
from planner.ui.application import apply_preferences

PAGES = ("priorities", "topics", "plan", "settings", "help")


def _guest_app_with_content(qtbot, tmp_path: Path, scale: int = 100):
    app = start_app(tmp_path / "data", qtbot)
    apply_preferences(QApplication.instance(), Preferences(text_scale=scale))
    app.window.resize(1100, 780)
    QApplication.processEvents()
    assert clipped_labels(app.window.welcome) == [], "welcome"
    assert clipped_buttons(app.window.welcome) == [], "welcome"
    qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
    plan = app.session.plan
    for topic in app.window.topics.library.topics[:3]:
        for action in topic.actions[:2]:
            plan.set_status(action.id, ActionStatus.TODO)
        plan.set_note(topic.id, "a note")
    plan.add_contact("Dee", "555-0100", "sister")
    preferences = Preferences(text_scale=scale, advocate_view=True)
    preferences.save(plan)
    app.window.settings.preferences_changed.emit(preferences)
    return app


def _screens(app):
    for page in PAGES:
        app.window.show_page(page)
        QApplication.processEvents()
        yield page, app.window


def test_every_control_has_an_accessible_name(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    welcome = app.window.welcome
    for show in (welcome.show_choices, welcome.show_create_page, welcome.show_open_page):
        show()
        unnamed = [type(w).__name__ for w in visible_controls(app.window)
                   if not accessible_name(w)]
        assert unnamed == []
    app.window.close()
    app = _guest_app_with_content(qtbot, tmp_path / "again")
    checked = 0
    for page, root in _screens(app):
        for widget in visible_controls(root):
            checked += 1
            assert accessible_name(widget), f"{page}: unnamed {type(widget).__name__}"
    app.window.lock()
    for widget in visible_controls(app.window):
        assert accessible_name(widget), f"lock: unnamed {type(widget).__name__}"
    assert checked > 50
    app.window.end_session()


@pytest.mark.parametrize("scale", [200])
def test_nothing_clips_at_large_text(qtbot, tmp_path: Path, scale: int) -> None:
    app = _guest_app_with_content(qtbot, tmp_path, scale)
    for page, root in _screens(app):
        root.resize(1100, 780)
        QApplication.processEvents()
        assert clipped_labels(root) == [], page
        assert clipped_buttons(root) == [], page
    app.window.end_session()
    apply_preferences(QApplication.instance(), Preferences())
