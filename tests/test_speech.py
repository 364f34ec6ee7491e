"""Messages for screen readers, offscreen: a cleared error leaves nothing behind, an error is
tied to its field, and the screen reader is told the app's language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLineEdit
from ui_helpers import accessible_name, start_app

from planner.core import i18n
from planner.ui.speech import MessageLabel


def test_a_cleared_error_does_not_linger_and_the_field_gets_its_own_words_back(qtbot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    message = MessageLabel(assertive=True, field=field)
    qtbot.addWidget(message)
    message.field_description = "If you forget it, no one can open your plan."
    field.setAccessibleDescription(message.field_description)
    message.setText("Please use at least 8 characters.")
    assert accessible_name(message) == "Please use at least 8 characters."
    assert field.accessibleDescription().startswith("Please use at least 8 characters.")
    message.clear()
    assert accessible_name(message) == ""
    assert field.accessibleDescription() == "If you forget it, no one can open your plan."


def test_the_screen_reader_is_told_the_apps_language(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    try:
        app.window.language_chosen.emit("es")
        assert QLocale().name().startswith("es")
    finally:
        app.window.language_chosen.emit(i18n.SOURCE_LANGUAGE)
    assert QLocale().name().startswith("en")
