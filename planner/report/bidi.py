"""Right-to-left and mixed-direction text on paper (Arabic, Hebrew, Persian, Urdu...).

reportlab draws a line left to right, one character after another. Arabic needs two more steps:

- *bidi ordering*: which parts of a line read right to left, and in what order those parts sit
  on the line. python-bidi implements the Unicode Bidirectional Algorithm; we use its resolved
  embedding levels and reorder whole runs (rule L2), so each run keeps its letters in typed
  order for the next step.
- *shaping*: each Arabic letter takes its joined form (start, middle, end, alone) and marks sit
  on their letters. uharfbuzz does that, through reportlab's `shapeStr`, which returns the run's
  glyphs already in visual (right-to-left) order.

Only a paragraph that holds a right-to-left letter is laid out here; every other paragraph keeps
reportlab's own `Paragraph`. Each line is also tagged with its text in typed order (PDF
`ActualText`), so copying or reading the line aloud gives the words as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from bidi import algorithm
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from planner.report import fonts
from planner.report.text import clean

RTL_CLASSES = frozenset({"R", "AL"})
# A phone number or date with separators (1-800-799-7233, 24/11/2026).
NUMBER_WITH_SEPARATORS = re.compile(r"\+?\d+(?:[-./]\d+)+")


def has_rtl(text: str) -> bool:
    """True when `text` holds a letter written right to left."""
    return any(unicodedata.bidirectional(ch) in RTL_CLASSES for ch in text)


def starts_rtl(text: str) -> bool:
    """True when the first strong letter is right-to-left: the paragraph's direction (rule P2)."""
    return bool(algorithm.get_base_level(text) == 1)


@dataclass(frozen=True)
class Piece:
    """Part of a line ready to draw: text in drawing order, its font, its width in points."""

    text: str
    font: str
    width: float


def _levels(line: str, base_level: int) -> list[tuple[str, int]]:
    """Each character of `line` with its resolved embedding level (odd = right to left)."""
    storage = algorithm.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = "LR"[base_level]
    algorithm.get_embedding_levels(line, storage, False, False)
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    kept = [(ch["ch"], ch["level"]) for ch in storage["chars"]]
    levels: list[int] = []
    index = 0
    for character in line:
        if index < len(kept) and kept[index][0] == character:
            levels.append(kept[index][1])
            index += 1
        else:
            # Rule X9 set it aside (a zero-width joiner or non-joiner, which Persian needs for
            # shaping): it stays in the text, at its neighbour's level.
            levels.append(levels[-1] if levels else base_level)
    for match in NUMBER_WITH_SEPARATORS.finditer(line):
        # After Arabic letters the algorithm reads 1-800-799-7233 as four numbers in reverse
        # order; on paper it must read as it is dialled, so its separators join its digits.
        level = max(levels[match.start():match.end()])
        levels[match.start():match.end()] = [level] * (match.end() - match.start())
    return list(zip(line, levels, strict=False))


def _font(character: str, right_to_left: bool, base_font: str) -> tuple[str, str]:
    """The font for one character; spaces and punctuation inside a right-to-left run stay in
    the Arabic font when it has them, so the run is shaped (and mirrored) as one piece.
    Fallbacks take the base font's weight: a bold heading's Arabic is shaped with the Bold
    face's own file, so its joined forms are bold too."""
    bold = fonts.is_bold(base_font)
    arabic = fonts.weighted(fonts.ARABIC, bold)
    if right_to_left and fonts.has_glyph(arabic, character):
        return arabic, character
    if fonts.has_glyph(base_font, character):
        return base_font, character
    name = fonts.font_for(character, bold)
    return (name, character) if name else (fonts.weighted(fonts.BODY, bold), fonts.MISSING)


def _runs(line: str, base_level: int, base_font: str) -> list[tuple[int, str, str]]:
    """Runs of (level, font, text), each in typed order, themselves in visual order."""
    runs: list[tuple[int, str, str]] = []
    for character, level in _levels(line, base_level):
        font, drawn = _font(character, level % 2 == 1, base_font)
        if runs and runs[-1][0] == level and runs[-1][1] == font:
            runs[-1] = (level, font, runs[-1][2] + drawn)
        else:
            runs.append((level, font, drawn))
    if not runs:
        return runs
    # Rule L2 on whole runs: from the highest level down to 1, reverse every sequence of runs
    # at that level or higher. A run's own letters are put right to left by shaping.
    for level in range(max(run[0] for run in runs), 0, -1):
        index = 0
        while index < len(runs):
            if runs[index][0] < level:
                index += 1
                continue
            end = index
            while end < len(runs) and runs[end][0] >= level:
                end += 1
            runs[index:end] = runs[index:end][::-1]
            index = end
    return runs


def _piece(level: int, font: str, text: str, size: float) -> Piece:
    if level % 2 == 0:
        return Piece(text, font, pdfmetrics.stringWidth(text, font, size))
    if has_rtl(text):
        shaped = shapeStr(text, font, size, force=True)
        advance = sum(float(data.x_advance) for data in shaped.__shapeData__)
        return Piece(shaped, font, advance * size / 1000)
    # Neutral characters read right to left (brackets, dashes between Arabic words): reverse
    # them and use their mirror images, as a right-to-left reader expects.
    drawn = "".join(algorithm.MIRRORED.get(ch, ch) for ch in reversed(text))
    return Piece(drawn, font, pdfmetrics.stringWidth(drawn, font, size))


def visual_line(line: str, right_to_left: bool, size: float,
                font: str = fonts.BODY) -> list[Piece]:
    """The pieces of one line, left to right as they are drawn."""
    fonts.register()
    return [_piece(level, name, text, size)
            for level, name, text in _runs(line, int(right_to_left), font)]


@lru_cache(maxsize=4096)
def _word_width(word: str, right_to_left: bool, font: str, size: float) -> float:
    return sum(piece.width for piece in visual_line(word, right_to_left, size, font))


class BidiParagraph(Flowable):
    """A paragraph of plain text with right-to-left letters: wrapped in typed order, each line
    then ordered and shaped for display. Right-to-left paragraphs are aligned to the right."""

    def __init__(self, text: str, style: ParagraphStyle, lines: list[str] | None = None,
                 right_to_left: bool | None = None) -> None:
        """`right_to_left` sets the paragraph's direction (a page in Arabic); by default it is
        the direction of the first letter that has one (Unicode rule P2)."""
        super().__init__()
        self.text = clean(text)
        self.style = style
        self.right_to_left = starts_rtl(self.text) if right_to_left is None else right_to_left
        self.lines = lines or []
        self.fixed = lines is not None  # a part of a split paragraph keeps its lines
        self.wrapped_for = -1.0
        self.width = 0.0
        self.height = 0.0

    def _wrap_lines(self, width: float) -> list[str]:
        size, rtl = self.style.fontSize, self.right_to_left
        space = pdfmetrics.stringWidth(" ", fonts.BODY, size)
        lines: list[str] = []
        for paragraph in self.text.split("\n"):
            current, used = "", 0.0
            for word in _breakable_words(paragraph.split(), width, rtl, self.style.fontName, size):
                needed = _word_width(word, rtl, self.style.fontName, size)
                if current and used + space + needed > width:
                    lines.append(current)
                    current, used = word, needed
                else:
                    used += (space if current else 0.0) + needed
                    current = f"{current} {word}" if current else word
            lines.append(current)
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if not self.fixed and self.wrapped_for != available_width:
            self.lines = self._wrap_lines(available_width)
            self.wrapped_for = available_width
        self.height = len(self.lines) * self.style.leading
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        fit = int(available_height // self.style.leading)
        if fit <= 0 or fit >= len(self.lines):
            return [] if fit <= 0 else [self]
        return [BidiParagraph(self.text, self.style, self.lines[:fit], self.right_to_left),
                BidiParagraph(self.text, self.style, self.lines[fit:], self.right_to_left)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        size = self.style.fontSize
        for number, line in enumerate(self.lines):
            pieces = visual_line(line, self.right_to_left, size, self.style.fontName)
            width = sum(piece.width for piece in pieces)
            if self.style.alignment == TA_CENTER:
                x = (self.width - width) / 2
            else:
                x = self.width - width if self.right_to_left else 0.0
            baseline = self.height - size - number * self.style.leading
            draw_pieces(self.canv, pieces, x, baseline, size, actual_text=line)


def _breakable_words(words: list[str], width: float, rtl: bool, font: str,
                     size: float) -> Iterator[str]:
    """Words, with any word wider than the line cut into pieces that fit."""
    for word in words:
        if _word_width(word, rtl, font, size) <= width:
            yield word
            continue
        chunk = ""
        for character in word:
            if chunk and _word_width(chunk + character, rtl, font, size) > width:
                yield chunk
                chunk = ""
            chunk += character
        if chunk:
            yield chunk


def draw_pieces(canvas: Canvas, pieces: list[Piece], x: float, baseline: float, size: float,
                actual_text: str = "") -> None:
    """Draw `pieces` left to right from `x`; `actual_text` (typed order) is what a copy or a
    screen reader gets for the whole line."""
    code = canvas._code
    if actual_text:
        hex_text = actual_text.encode("utf-16-be").hex()
        code.append(f"/Span <</ActualText <FEFF{hex_text}>>> BDC")
    for piece in pieces:
        canvas.setFont(piece.font, size)
        canvas.drawString(x, baseline, piece.text)
        x += piece.width
    if actual_text:
        code.append("EMC")


def _short_line(text: str, font: str, size: float) -> tuple[list[Piece], str]:
    """Pieces for one short line, and the typed text to tag them with (none when plain)."""
    text = clean(text).replace("\n", " ")
    if not has_rtl(text) and all(fonts.has_glyph(font, ch) for ch in text):
        return [Piece(text, font, pdfmetrics.stringWidth(text, font, size))], ""
    return visual_line(text, starts_rtl(text), size, font), text


def text_width(text: str, font: str, size: float) -> float:
    """The printed width of one short line, fallback fonts and shaping included."""
    return sum(piece.width for piece in _short_line(text, font, size)[0])


def draw_text(canvas: Canvas, text: str, x: float, baseline: float, font: str, size: float,
              anchor: str = "left") -> None:
    """One short line (a status word, a page number) in any language: `anchor` says whether
    `x` is its left end, right end or centre. Letters the font lacks come from the fallbacks."""
    pieces, actual = _short_line(text, font, size)
    width = sum(piece.width for piece in pieces)
    start = {"left": x, "right": x - width, "center": x - width / 2}[anchor]
    draw_pieces(canvas, pieces, start, baseline, size, actual_text=actual)
