"""The welcome screen with real widgets: create, open, guest, wrong passphrase, damage."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from vault_helpers import CHEAP_KEYS, PASSPHRASE

from planner.core.session import Session
from planner.ui.welcome import WelcomeScreen


@pytest.fixture
def welcome(qtbot, tmp_path: Path) -> WelcomeScreen:
    screen = WelcomeScreen(Session(tmp_path / "data", CHEAP_KEYS))
    qtbot.addWidget(screen)
    screen.show()
    return screen


def _screen_words(welcome: WelcomeScreen) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    shown = [w for kind in (QLabel, QAbstractButton) for w in welcome.findChildren(kind)
             if w.isVisibleTo(welcome)]
    return [w.text() for w in shown] + [str(w.isEnabled()) for w in shown]


def test_create_then_open(qtbot, welcome: WelcomeScreen) -> None:
    before = _screen_words(welcome)
    assert welcome.open_button.isEnabled() and welcome.new_button.isEnabled()
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.new_passphrase, "short")
    assert "at least 8" in welcome.strength.text()
    welcome.new_passphrase.setText(PASSPHRASE)
    welcome.confirm_passphrase.setText(PASSPHRASE + "x")
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert "not the same" in welcome.create_error.text()
    assert welcome.session.folder.plan_files() == []
    welcome.confirm_passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(welcome.started) as signal:
        qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert signal.args == [True]
    assert len(welcome.session.folder.plan_files()) == 1
    welcome.session.end()

    welcome.show_choices()
    assert _screen_words(welcome) == before  # nothing on screen says a plan exists now
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.open_passphrase, "wrong one")
    qtbot.keyClick(welcome.open_passphrase, Qt.Key.Key_Return)
    assert "doesn't open" in welcome.open_error.text()
    welcome.open_passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(welcome.started):
        qtbot.keyClick(welcome.open_passphrase, Qt.Key.Key_Return)
    assert welcome.session.plan is not None
    welcome.session.end()


def test_damaged_vault_offers_restore(qtbot, welcome: WelcomeScreen) -> None:
    session = welcome.session
    session.start_new(PASSPHRASE)
    session.plan.set_note("location", "kept")
    (path,) = session.folder.plan_files()
    session.end()
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(data)
    welcome.show_choices()
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    welcome.open_passphrase.setText(PASSPHRASE)
    qtbot.keyClick(welcome.open_passphrase, Qt.Key.Key_Return)
    assert welcome.restore_button.isVisible()
    assert "damaged" in welcome.open_error.text()
    qtbot.mouseClick(welcome.restore_button, Qt.MouseButton.LeftButton)
    welcome.open_passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(welcome.started):
        qtbot.keyClick(welcome.open_passphrase, Qt.Key.Key_Return)
    assert session.plan.note("location") == "kept"
    session.end()


def test_guest_writes_nothing(qtbot, welcome: WelcomeScreen, tmp_path: Path) -> None:
    with qtbot.waitSignal(welcome.started):
        qtbot.mouseClick(welcome.guest_button, Qt.MouseButton.LeftButton)
    assert welcome.session.is_guest
    welcome.session.plan.set_note("x", "y")
    welcome.session.end()
    assert list(tmp_path.rglob("*")) == []


@pytest.mark.parametrize("code", ["en_XA", "ar_XB"])
def test_the_first_screen_opens_in_a_language_babel_does_not_know(
        qtbot, tmp_path: Path, code: str) -> None:
    """The pseudo-locales (and any catalog babel has no data for) are named by their code."""
    from planner.core import i18n

    i18n.set_language(code)
    try:
        screen = WelcomeScreen(Session(tmp_path, CHEAP_KEYS))
        qtbot.addWidget(screen)
        assert screen.language.itemText(0) == code
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)


def test_the_language_box_names_the_language_chosen_before_the_list_was_filled(
        qtbot, tmp_path: Path) -> None:
    """The list of languages is filled after the first paint; a language chosen before that
    (from the command line, or by the tour) must still be the one the box shows."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from planner.core import i18n

    screen = WelcomeScreen(Session(tmp_path, CHEAP_KEYS))
    qtbot.addWidget(screen)
    i18n.set_language("es")
    try:
        QApplication.sendEvent(screen, QEvent(QEvent.Type.LanguageChange))
        screen.show()
        qtbot.waitUntil(lambda: screen.language.count() > 1, timeout=2000)
        assert screen.language.currentData() == "es"
        assert screen.language.currentText() == "Español"
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)


def test_the_shipped_languages_are_named_as_babel_names_them() -> None:
    """The welcome screen names the shipped languages from its own table (no locale data on
    the first screen): each name must be the one babel's data gives, capitalised, and every
    shipped catalog must be in the table."""
    from babel import Locale

    from planner.core.i18n import available_languages
    from planner.ui.welcome import LANGUAGE_NAMES

    assert set(available_languages()) <= set(LANGUAGE_NAMES)
    for code, name in LANGUAGE_NAMES.items():
        from_babel = Locale.parse(code).get_display_name(code) or code
        assert name == from_babel[:1].upper() + from_babel[1:], code


def test_passphrase_pages_built_after_a_language_change_speak_that_language(
        qtbot, welcome: WelcomeScreen) -> None:
    """The passphrase pages are built when first chosen; chosen after a change of language,
    they come in that language, and follow later changes too."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from planner.core import i18n

    def change_to(code: str) -> None:
        i18n.set_language(code)
        QApplication.sendEvent(welcome, QEvent(QEvent.Type.LanguageChange))

    try:
        change_to("es")
        qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
        assert welcome.create_title.text() == "Empezar un plan nuevo"
        welcome.show_choices()
        qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
        assert welcome.open_title.text() == "Abrir mi plan"
        change_to(i18n.SOURCE_LANGUAGE)
        assert welcome.create_title.text() == "Start a new plan"
        assert welcome.open_title.text() == "Open my plan"
    finally:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
