"""Fonts for printed pages: Atkinson Hyperlegible, with Noto Sans for what it lacks.

reportlab has no automatic font fallback, so `markup` wraps each run of characters Atkinson
cannot draw in a Noto Sans (or Noto Sans Arabic) font tag; characters no font has (emoji, for
instance) become a plain "?" rather than an invisible box. Fonts are embedded in every PDF, so
what prints is the same on every computer.

Each fallback has a Regular and a Bold face, so a bold word keeps one weight for all its letters.
The fontpkg packages ship Noto only as variable fonts, which reportlab draws at their default
(Regular) weight; the Bold faces are static instances made by `scripts/static_fonts.py` and
shipped in `assets/fonts/` (see its README). Making them at run time would take seconds.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

import fontpkg_atkinson_hyperlegible as atkinson
import fontpkg_noto_sans as noto
import fontpkg_noto_sans_arabic as noto_arabic
from reportlab.lib.fonts import addMapping, ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from planner.core.resources import assets_dir

BODY = "Atkinson"
BOLD = "Atkinson-Bold"
ARABIC = "NotoSansArabic"
FALLBACKS = ("NotoSans", ARABIC)
MISSING = "?"


@lru_cache(maxsize=1)
def register() -> None:
    """Register the fonts with reportlab once per process, each family with its bold face, so
    `<b>` (and `weighted`) find it."""
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
    static = assets_dir() / "fonts"
    for family, regular in (("NotoSans", noto.ROOT / "files" / "NotoSans[wdth,wght].ttf"),
                            (ARABIC, noto_arabic.ROOT / "files" / "NotoSansArabic[wdth,wght].ttf")):
        pdfmetrics.registerFont(TTFont(family, str(regular)))
        pdfmetrics.registerFont(TTFont(f"{family}-Bold", str(static / f"{family}-Bold.ttf")))
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")


def is_bold(font_name: str) -> bool:
    """True when the registered font `font_name` is a bold face."""
    register()
    return bool(ps2tt(font_name)[1])


def weighted(font_name: str, bold: bool) -> str:
    """The face of `font_name`'s family in the given weight: ("NotoSans", True) is
    "NotoSans-Bold"."""
    register()
    family, _bold, italic = ps2tt(font_name)
    return str(tt2ps(family, int(bold), italic))


@lru_cache(maxsize=8)
def _cmap(font_name: str) -> frozenset[int]:
    register()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def has_glyph(font_name: str, character: str) -> bool:
    """True when the registered font `font_name` can draw `character`."""
    return ord(character) in _cmap(font_name)


def font_for(character: str, bold: bool = False) -> str | None:
    """The first font of the stack, in the given weight, that can draw `character`, or None."""
    for name in (BODY, *FALLBACKS):
        face = weighted(name, bold)
        if has_glyph(face, character):
            return face
    return None


def markup(text: str, bold: bool = False) -> str:
    """Escape `text` for a reportlab Paragraph and route each character to a font that has it.
    `bold` says the text is drawn bold (a bold style, or inside `<b>`): a font tag sets its own
    weight, so the fallback runs must name their Bold faces to match."""
    body = _cmap(BODY)
    if all(ord(character) in body or character in " \n\t" for character in set(text)):
        return escape(text)  # the common case: Atkinson has every letter
    parts: list[str] = []
    current = BODY
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        if current == BODY:
            parts.append(chunk)  # inherits the paragraph's weight (and <b>)
        else:
            parts.append(f'<font name="{weighted(current, bold)}">{chunk}</font>')
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
