"""Fonts for printed pages: Atkinson Hyperlegible, with Noto Sans for what it lacks.

reportlab has no automatic font fallback, so `markup` wraps each run of characters Atkinson
cannot draw in a Noto Sans (or Noto Sans Arabic) font tag; characters no font has (emoji, for
instance) become a plain "?" rather than an invisible box. Fonts are embedded in every PDF, so
what prints is the same on every computer.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

import fontpkg_atkinson_hyperlegible as atkinson
import fontpkg_noto_sans as noto
import fontpkg_noto_sans_arabic as noto_arabic
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

BODY = "Atkinson"
BOLD = "Atkinson-Bold"
ARABIC = "NotoSansArabic"
FALLBACKS = ("NotoSans", ARABIC)
MISSING = "?"


@lru_cache(maxsize=1)
def register() -> None:
    """Register the fonts with reportlab once per process."""
    files = atkinson.ROOT / "files"
    for name, file in ((BODY, "AtkinsonHyperlegible-Regular.ttf"),
                       (BOLD, "AtkinsonHyperlegible-Bold.ttf"),
                       ("Atkinson-Italic", "AtkinsonHyperlegible-Italic.ttf"),
                       ("Atkinson-BoldItalic", "AtkinsonHyperlegible-BoldItalic.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(files / file)))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, "Atkinson-Italic")
    addMapping(BODY, 1, 1, "Atkinson-BoldItalic")
    noto_file = noto.ROOT / "files" / "NotoSans[wdth,wght].ttf"
    arabic_file = noto_arabic.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf"
    pdfmetrics.registerFont(TTFont("NotoSans", str(noto_file)))
    pdfmetrics.registerFont(TTFont("NotoSansArabic", str(arabic_file)))


@lru_cache(maxsize=8)
def _cmap(font_name: str) -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def has_glyph(font_name: str, character: str) -> bool:
    """True when the registered font `font_name` can draw `character`."""
    return ord(character) in _cmap(font_name)


def font_for(character: str) -> str | None:
    """The first font of the stack that can draw `character`, or None."""
    code = ord(character)
    for name in (BODY, *FALLBACKS):
        if code in _cmap(name):
            return name
    return None


def markup(text: str) -> str:
    """Escape `text` for a reportlab Paragraph and route each character to a font that has it."""
    body = _cmap(BODY)
    if all(ord(character) in body or character in " \n\t" for character in set(text)):
        return escape(text)  # the common case: Atkinson has every letter
    parts: list[str] = []
    current: str | None = BODY
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        parts.append(chunk if current == BODY else f'<font name="{current}">{chunk}</font>')
        run.clear()

    for character in text:
        if character in " \n\t":
            run.append(character)
            continue
        name = font_for(character)
        if name is None:
            name, character = BODY, MISSING
        if name != current:
            flush()
            current = name
        run.append(character)
    flush()
    return "".join(parts)
