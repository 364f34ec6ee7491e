"""`planner tour` writes a picture of every screen, and nothing else; in Vietnamese and Arabic
every screen it visits is translated, fits, and (in Arabic) reads right to left."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import files_under

import planner
from planner.ui import tour_steps
from planner.ui.tour_steps import run_tour


def test_tour_saves_every_screen(qtbot, tmp_path: Path, isolated_home: Path) -> None:
    out = tmp_path / "tour"
    out.mkdir()
    saved = run_tour(out, "en", 100, False)
    names = [path.name for path in saved]
    for expected in ("welcome", "what-matters-guest-banner", "topic-with-caution",
                     "topic-advocate-view", "plan", "settings", "help", "lock-screen"):
        assert any(expected in name for name in names), expected
    for path in saved:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 5000
    assert files_under(tmp_path) == sorted(saved)
    assert files_under(isolated_home) == []


def _english_only(language: str) -> set[str]:
    """Text a person would see in English if something were left untranslated in `language`:
    the app's own strings and the topics' words that the language says differently."""
    from planner.core.markdown import parse_blocks
    from planner.core.resources import install_root, translations_dir
    from planner.ui.application import library_for

    with (translations_dir() / language / "LC_MESSAGES" / "planner.po").open("rb") as handle:
        catalog = {m.id: m.string for m in read_po(handle) if isinstance(m.id, str)}
    config = tomllib.loads((install_root() / "pyproject.toml").read_text())
    method_map = [(m["pattern"], m["method"]) for m in config["tool"]["babel"]["mappings"]]
    ids = {message for _file, _line, message, _comments, _context
           in extract_from_dir(Path(planner.__file__).parent, method_map)
           if isinstance(message, str) and len(message) > 3}  # from the code, not the template
    # A string the catalog translates as itself ("Instagram") is the same in both languages.
    english = {text for text in ids if catalog.get(text) != text}

    def words(library) -> set[str]:
        found = set()
        for topic in library.topics:
            found |= {topic.title, topic.summary, *(a.text for a in topic.actions)}
            found |= {block.text for block in parse_blocks(topic.body)}
        return found

    return english | (words(library_for("en")) - words(library_for(language)))


@pytest.mark.parametrize("language", ["vi", "ar"])
def test_the_tour_in_each_translation_shows_no_english_and_no_clipped_text(
        qtbot, tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        language: str) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel
    from ui_helpers import clipped_buttons, clipped_labels

    english = _english_only(language)
    seen: list[str] = []
    problems: list[tuple[str, str, str]] = []
    real_save = tour_steps._save

    def look_then_save(window, folder: Path, name: str, saved: list[Path]) -> None:
        tour_steps._settle(window)
        seen.append(name)
        texts = [w.text() for kind in (QLabel, QAbstractButton) for w in window.findChildren(kind)
                 if w.isVisibleTo(window) and w.text()]
        problems.extend((name, "in English", text[:60]) for text in texts if text in english)
        problems.extend((name, "clipped", text) for text in clipped_labels(window))
        problems.extend((name, "clipped", text) for text in clipped_buttons(window))
        if language == "ar" and not window.isRightToLeft():
            problems.append((name, "not mirrored", ""))
        real_save(window, folder, name, saved)

    monkeypatch.setattr(tour_steps, "_save", look_then_save)
    out = tmp_path / "tour"
    out.mkdir()
    run_tour(out, language, 100, False)
    assert len(seen) >= 11
    assert problems == [], "\n".join(map(str, problems))
