"""Bold text keeps one weight in every script: Vietnamese letters Atkinson lacks and Arabic are
drawn from the static Noto Sans Bold / Noto Sans Arabic Bold fonts in assets/fonts/, not from the
variable fonts' default (Regular) weight. And those committed fonts are exactly what
scripts/static_fonts.py makes from the installed font packages.

The PDFs are real reportlab output read back with pypdf: each drawn run of text with the name
of the font it was drawn in (the embedded font's PostScript name, after the subset tag).
"""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable

from planner.core.resources import assets_dir
from planner.report import fonts
from planner.report.layout import CheckItem, PrintOptions, build, lead_in, p, styles
from planner.report.text import para

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 11, 25)
VIETNAMESE_HEADINGS = ("Kế hoạch an toàn của tôi", "Những điều cần làm")
ARABIC_HEADING = "خطة السلامة الخاصة بك"
STATIC_FILES = ("NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "OFL.txt")


def _drawn(flowables: list[Flowable]) -> list[tuple[str, str]]:
    """(text, font name) of every run drawn on the first page, the page number left out."""
    pdf = build(flowables, PrintOptions(language="en", printed_on=DAY))
    found: list[tuple[str, str]] = []

    def visit(text: str, _cm: object, _tm: object, font: dict[str, str] | None,
              _size: object) -> None:
        if text.strip() and font and not text.startswith("Page"):
            found.append((text.strip(), font["/BaseFont"].split("+")[-1]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def _not_in_atkinson(text: str) -> bool:
    return any(not fonts.has_glyph(fonts.BODY, ch) for ch in text if not ch.isspace())


def test_bold_vietnamese_headings_draw_every_letter_bold() -> None:
    s = styles(False, right_to_left=False)
    runs = _drawn([p(VIETNAMESE_HEADINGS[0], s.h1), p(VIETNAMESE_HEADINGS[1], s.h2)])
    fallback = {font for text, font in runs if _not_in_atkinson(text)}
    assert fallback == {"NotoSans-Bold"}  # ế ạ ủ ữ ề ầ, before: NotoSans-Regular
    assert {font for _text, font in runs} == {"AtkinsonHyperlegible-Bold", "NotoSans-Bold"}
    assert "".join(text for text, _font in runs).replace(" ", "") == "".join(
        VIETNAMESE_HEADINGS).replace(" ", "")


def test_bold_lead_in_words_are_bold_and_the_rest_regular() -> None:
    s = styles(False, right_to_left=False)
    runs = _drawn([lead_in("Đường dây nóng", "Gọi ngay", s.body)])
    assert ("ườ", "NotoSans-Bold") in runs  # in the bold words
    assert ("ọ", "NotoSans-Regular") in runs  # in the plain words after them


def test_bold_arabic_heading_is_shaped_with_the_bold_font() -> None:
    s = styles(False, right_to_left=True)
    runs = _drawn([p(ARABIC_HEADING, s.h1)])
    assert runs and {font for _text, font in runs} == {"NotoSansArabic-Bold"}
    # Shaped: the letters come back in their joined forms (presentation forms or the glyphs
    # harfbuzz found no code point for), as with the regular weight.
    drawn = "".join(text for text, _font in runs)
    assert any("\ufe70" <= ch <= "\ufeff" for ch in drawn)


def test_bold_status_word_in_arabic_uses_the_bold_font() -> None:
    s = styles(False, right_to_left=True)
    runs = _drawn([CheckItem("لكم مساء", s.body, "تم", done=True)])
    assert {font for _text, font in runs} == {"NotoSansArabic-Regular", "NotoSansArabic-Bold"}


def test_regular_text_keeps_the_regular_fonts() -> None:
    s = styles(False, right_to_left=False)
    runs = _drawn([p(VIETNAMESE_HEADINGS[0], s.body), p(ARABIC_HEADING, s.body)])
    assert {font for _text, font in runs} == {
        "AtkinsonHyperlegible-Regular", "NotoSans-Regular", "NotoSansArabic-Regular"}


def test_bold_markup_still_escapes_and_replaces_what_no_font_has() -> None:
    marked = para("Kế <b>&\U0001f600", bold=True)
    assert marked == 'K<font name="NotoSans-Bold">ế </font>&lt;b&gt;&amp;?'


def test_committed_bold_fonts_are_what_the_script_makes(tmp_path: Path) -> None:
    if importlib.util.find_spec("fontTools") is None:
        pytest.skip("fontTools is not installed (pip install -e '.[fonts]' or '.[test]')")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "static_fonts.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for name in STATIC_FILES:
        assert (tmp_path / name).read_bytes() == (assets_dir() / "fonts" / name).read_bytes(), (
            f"assets/fonts/{name} differs from what scripts/static_fonts.py makes from the "
            "installed font packages: run the script and commit its output")
