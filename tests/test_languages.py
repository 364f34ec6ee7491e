"""Languages: the catalogs are complete and current, the UI has no untranslated or clipped text
in the pseudo-locale, right-to-left mirrors, switching keeps what was typed, fonts cover."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QRawFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from ui_helpers import (
    AppUnderTest,
    app_with_saved_plan,  # noqa: F401 - a fixture
    buttons_named,
    clipped_buttons,
    clipped_labels,
    start_app,
)

import planner
from planner.core import i18n
from planner.core.resources import install_root, translations_dir
from planner.ui import fonts

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
TRANSLATED = ["es", "vi", "ar"]  # the real translations: complete, as English is
SAMPLES = {
    "es": "¿Dónde está la configuración? Añadir contraseña, niño, señal.",
    "vi": "Bảo mật tài khoản của bạn: mật khẩu mạnh, xác minh hai bước.",
    "ar": "خطة السلامة الخاصة بك: كلمة المرور والموقع",
}


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _source_messages() -> set[str]:
    config = tomllib.loads((install_root() / "pyproject.toml").read_text())
    method_map = [(m["pattern"], m["method"]) for m in config["tool"]["babel"]["mappings"]]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            Path(planner.__file__).parent, method_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_template_is_up_to_date_with_the_code() -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0]
                for m in _catalog(translations_dir() / "planner.pot") if m.id}
    assert _source_messages() == template, "run `make translations`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_translation_is_complete_with_no_fuzzy_entries_and_matching_placeholders(
        language: str) -> None:
    catalog = _catalog(translations_dir() / language / "LC_MESSAGES" / "planner.po")
    messages = [m for m in catalog if m.id]
    assert len(messages) > 150
    problems = []
    for message in messages:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.fuzzy:
            problems.append(("fuzzy", ids[0]))
        elif not all(strings):
            problems.append(("untranslated", ids[0]))
        elif set(PLACEHOLDER.findall(strings[0])) != set(PLACEHOLDER.findall(ids[0])):
            problems.append(("placeholders differ", ids[0]))
    assert problems == [], f"{len(problems)} problems, the first: {problems[:5]}"


def _visible_texts(root) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    return [t for t in texts if t]


def test_pseudo_locale_leaves_no_untranslated_or_clipped_text(qtbot, tmp_path: Path) -> None:
    english = {m.id for m in _catalog(translations_dir() / "planner.pot")
               if isinstance(m.id, str) and len(m.id) > 3}
    from planner.core.markdown import parse_blocks
    from planner.ui.application import library_for

    content = set()  # topic text is content, shown in English until translated: not UI
    for topic in library_for("en").topics:
        content |= {topic.title, topic.summary, *(a.text for a in topic.actions)}
        content |= {block.text for block in parse_blocks(topic.body)}
    english -= content
    app = start_app(tmp_path / "data", qtbot)
    app.window.language_chosen.emit("en_XA")
    try:
        screens = [("welcome", app.window.welcome)]
        qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
        for page in ("priorities", "topics", "plan", "settings", "help"):
            app.window.show_page(page)
            screens.append((page, app.window))
            QApplication.processEvents()
            leftovers = [t for t in _visible_texts(app.window.header) if t in english]
            leftovers += [t for t in _visible_texts(app.window.stack.currentWidget())
                          if t in english]
            assert leftovers == [], page
            assert clipped_labels(app.window) == [], page
            assert clipped_buttons(app.window) == [], page
    finally:
        app.window.end_session()
        app.window.language_chosen.emit("en")


@pytest.mark.parametrize("language", ["ar_XB", "ar"])
def test_right_to_left_mirrors_the_layout(qtbot, tmp_path: Path, language: str) -> None:
    app = start_app(tmp_path / "data", qtbot)
    app.window.language_chosen.emit(language)
    try:
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert app.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        QApplication.processEvents()
        app.window.centralWidget().layout().activate()
        quick_exit = app.window.header.quick_exit
        assert quick_exit.mapTo(app.window, quick_exit.rect().center()).x() > app.window.width() / 2
        # The row of page buttons reads right to left too: Topics first, at the right.
        qtbot.mouseClick(app.window.welcome.guest_button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        topics, help_ = (buttons_named(app.window.header, i18n._(name))[0]
                         for name in ("Topics", "Help"))
        assert topics.mapTo(app.window, topics.rect().center()).x() \
            > help_.mapTo(app.window, help_.rect().center()).x()
    finally:
        app.window.end_session()
        app.window.language_chosen.emit("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("language", TRANSLATED)
def test_switching_language_keeps_typed_text(qtbot, tmp_path: Path, language: str) -> None:
    app = start_app(tmp_path / "data", qtbot)
    welcome = app.window.welcome
    welcome.new_button.click()
    welcome.new_passphrase.setText("half typed passphrase")
    app.window.language_chosen.emit(language)
    try:
        assert welcome.new_passphrase.text() == "half typed passphrase"
        assert welcome.create_title.text() == i18n._("Start a new plan") != "Start a new plan"
        welcome.show_choices()
        qtbot.mouseClick(welcome.guest_button, Qt.MouseButton.LeftButton)
        app.window.show_page("topics")
        app.window.topics.notes.editor.setPlainText("nota escrita a medias")
        app.window.language_chosen.emit("en")
        assert app.window.topics.notes.editor.toPlainText() == "nota escrita a medias"
        assert app.session.plan.note(app.window.topics.current.id) == "nota escrita a medias"
    finally:
        app.window.end_session()
        app.window.language_chosen.emit("en")


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_ui_font_stack_covers_each_language(qtbot, language: str) -> None:
    assert set(fonts.FAMILIES) <= set(fonts.register_fonts())
    raw_fonts = [QRawFont(str(path), 12) for path in fonts.font_files()]
    assert all(raw.isValid() for raw in raw_fonts)
    missing = [ch for ch in SAMPLES[language] if not ch.isspace()
               and not any(raw.supportsCharacter(ord(ch)) for raw in raw_fonts)]
    assert missing == []


def _characters_of(language: str) -> set[str]:
    """Every character the topics and the catalog of `language` can put on screen or paper."""
    text = "".join(path.read_text(encoding="utf-8")
                   for path in sorted((install_root() / "content" / language).glob("*")))
    for message in _catalog(translations_dir() / language / "LC_MESSAGES" / "planner.po"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        text += "".join(strings)
    return {ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_character_of_each_translation_has_a_font_on_screen_and_on_paper(
        qtbot, language: str) -> None:
    from planner.report import fonts as paper_fonts

    fonts.register_fonts()
    raw_fonts = [QRawFont(str(path), 12) for path in fonts.font_files()]
    characters = _characters_of(language)
    assert len(characters) > 60
    on_screen = sorted(ch for ch in characters
                       if not any(raw.supportsCharacter(ord(ch)) for raw in raw_fonts))
    on_paper = sorted(ch for ch in characters if paper_fonts.font_for(ch) is None)
    assert (on_screen, on_paper) == ([], [])


@pytest.mark.parametrize(("language", "typed", "confirms"), [
    ("vi", "xoa", True), ("vi", "XÓA", True), ("vi", "ERASE", True), ("vi", "XÓAA", False),
    ("ar", "مسح", True), ("ar", "ERASE", True), ("ar", "حذف", False),
    ("es", "borrar", True), ("es", "BORRA", False),
])
def test_the_erase_word_can_be_typed_without_its_accents_or_as_erase(
        app_with_saved_plan: AppUnderTest, qtbot,  # noqa: F811 - the fixture
        language: str, typed: str, confirms: bool) -> None:
    window = app_with_saved_plan.window
    window.language_chosen.emit(language)
    try:
        window.show_page("settings")
        settings = window.settings
        erase = buttons_named(settings, i18n._("Erase my plan"))[0]
        assert i18n._("ERASE") in settings.erase_help.text()
        settings.erase_confirm.setFocus()
        for character in typed:  # as a keyboard of that language sends it (QTest has no Arabic)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(settings.erase_confirm, QKeyEvent(
                    kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character))
        assert settings.erase_confirm.text() == typed
        assert erase.isEnabled() is confirms
    finally:
        window.language_chosen.emit("en")


def test_arabic_lines_made_of_placeholders_start_right_to_left() -> None:
    """Qt and the printed page take a line's direction from its first strong letter: a line
    made only of a date and an app's name would sit on the left of a mirrored Arabic screen.
    Such Arabic strings start with a right-to-left mark (U+200F), so they read right to left."""
    import re

    catalog = _catalog(translations_dir() / "ar" / "LC_MESSAGES" / "planner.po")
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if "{" in text and not re.search("[\u0600-\u06ff]", text):
                assert text.startswith("\u200f"), message.id
