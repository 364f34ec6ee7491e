"""The page: sizes, styles, checkboxes, write-in lines, page numbers and neutral metadata.

Every output is built in memory and returned as bytes; the preview, the printer and a saved
file all use those same bytes. `invariant=1` makes the bytes depend only on the content, so the
same plan on the same day gives the same PDF.

A printout's language is one of its options: the app's own printed words (through
`PrintOptions.gettext`, never the app's current `_()`) and the page's direction both come from
`PrintOptions.language`. Laying out can be stopped between paragraphs (`Stop`): a long plan is
laid out on another thread, and a printout no longer wanted should not keep the plan's words.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from planner.core.i18n import translator, writes_right_to_left
from planner.report import fonts
from planner.report.bidi import BidiParagraph, draw_text, has_rtl, text_width
from planner.report.text import clean, para

NEUTRAL_TITLE = "Document"
MARGIN = 18 * mm


@lru_cache(maxsize=8)
def catalog(language: str) -> gettext.NullTranslations:
    """The app's words in `language`, read once (printouts may be laid out on any thread)."""
    return translator(language)


@dataclass(frozen=True)
class PrintOptions:
    """What the person chose on the print screen, and the language the page is printed in."""

    language: str  # the printed words and the page's direction: never the app's current one
    printed_on: date  # always given: a page's date must be the day it is printed
    title: str = ""
    discreet: bool = False
    large_print: bool = False
    include_notes: bool = True

    @property
    def right_to_left(self) -> bool:
        return writes_right_to_left(self.language)

    def gettext(self, message: str) -> str:
        """The app's own `message` in the printout's language."""
        return catalog(self.language).gettext(message)


class Stopped(Exception):
    """Laying out stopped: the printout is no longer wanted (see `Stop`)."""


Stop = Callable[[], bool]  # asked between paragraphs: True stops laying out (raises `Stopped`)


def never() -> bool:
    return False


def check(stop: Stop) -> None:
    """Raise `Stopped` when `stop` says the printout is no longer wanted."""
    if stop():
        raise Stopped


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cover: ParagraphStyle
    centered: ParagraphStyle
    compact: ParagraphStyle
    size: float


def page_direction(right_to_left: bool) -> dict[str, object]:
    """ParagraphStyle settings for a page in a right-to-left language (aligned right; its
    `direction` tells flowables to mirror, see `page_is_mirrored`) or a left-to-right one."""
    return {"alignment": TA_RIGHT if right_to_left else TA_LEFT,
            "direction": "rtl" if right_to_left else "ltr"}


def page_is_mirrored(style: ParagraphStyle) -> bool:
    """True when `style` belongs to a page laid out right to left (see `page_direction`)."""
    return getattr(style, "direction", "ltr") == "rtl"


def styles(large_print: bool, right_to_left: bool) -> Styles:
    """Type sizes: 12 pt body normally, 18 pt in large print; headings scale with it. A page in
    a right-to-left language is mirrored: text aligned right, checkboxes on the right."""
    fonts.register()
    size = 18.0 if large_print else 12.0
    body = ParagraphStyle("body", fontName=fonts.BODY, fontSize=size, leading=size * 1.4,
                          spaceAfter=size * 0.4, splitLongWords=1,
                          **page_direction(right_to_left))
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=size * 0.85, leading=size * 1.2),
        h1=ParagraphStyle("h1", parent=body, fontName=fonts.BOLD, fontSize=size * 1.7,
                          leading=size * 2.1, spaceBefore=size * 0.6, spaceAfter=size * 0.6),
        h2=ParagraphStyle("h2", parent=body, fontName=fonts.BOLD, fontSize=size * 1.3,
                          leading=size * 1.7, spaceBefore=size * 0.8, spaceAfter=size * 0.4,
                          keepWithNext=1),
        cover=ParagraphStyle("cover", parent=body, fontName=fonts.BOLD, fontSize=size * 2.6,
                             leading=size * 3.2, alignment=TA_CENTER),
        centered=ParagraphStyle("centered", parent=body, alignment=TA_CENTER),
        compact=ParagraphStyle("compact", parent=body, spaceAfter=size * 0.1),
        size=size,
    )


def p(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of user or content text, made safe (see `text.para`); text with
    right-to-left letters is ordered and shaped by `bidi.BidiParagraph`."""
    if has_rtl(text):
        return BidiParagraph(text, style, right_to_left=page_is_mirrored(style) or None)
    return Paragraph(para(text, fonts.is_bold(style.fontName)), style)


def lead_in(first: str, rest: str, style: ParagraphStyle) -> Flowable:
    """One paragraph that opens with `first` in bold, then `rest`: "Emergency Call 911". The eye
    finds the bold words when skimming. Right-to-left text is laid out by `BidiParagraph`,
    which has one weight, so there both parts are plain."""
    text = f"{first} {rest}" if rest else first
    if has_rtl(text):
        return p(text, style)
    bold = f"<b>{para(first, bold=True)}</b>"
    return Paragraph(f"{bold} {para(rest, fonts.is_bold(style.fontName))}" if rest else bold,
                     style)


LONG_TEXT_PIECE = 1500  # characters: reportlab lays out one paragraph in time that grows with
# the square of its length, so a long note is printed as many short paragraphs instead.


LONG_TEXT_BATCH = 40  # paragraphs made at a time, about a page of them (see `LongText`)


def long_text(text: str, style: ParagraphStyle) -> Flowable:
    """A person's long text (a note may hold a million letters) as paragraphs of at most about
    `LONG_TEXT_PIECE` characters: each line its own paragraph, and a very long line cut at a
    space. Layout time then grows in step with the text, and every line is kept."""
    pieces: list[str] = []
    for line in text.splitlines() or [""]:
        while len(line) > LONG_TEXT_PIECE:
            cut = line.rfind(" ", LONG_TEXT_PIECE // 2, LONG_TEXT_PIECE)
            cut = cut if cut > 0 else LONG_TEXT_PIECE
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        pieces.append(line)
    return LongText(pieces, style)


class LongText(Flowable):
    """The pieces of a long text, made into paragraphs only as the pages need them, a batch at a
    time. Made all at once, a million-letter note's 23,000 paragraphs stay in memory for the
    whole layout, and Python's garbage collector, walking them again and again, pauses every
    thread: the window too, while the pages are laid out in the background."""

    def __init__(self, pieces: list[str], style: ParagraphStyle, start: int = 0) -> None:
        super().__init__()
        self.pieces = pieces
        self.style = style
        self.start = start

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, available_height + 1  # never placed whole: always split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        end = self.start + LONG_TEXT_BATCH
        # reportlab places the first part of a split at once: one that always fits
        made: list[Flowable] = [Spacer(1, 0)]
        for piece in self.pieces[self.start:end]:
            made.append(p(piece, self.style) if piece.strip()
                        else Spacer(1, self.style.leading * 0.5))
        if end < len(self.pieces):
            made.append(LongText(self.pieces, self.style, end))
        return made


class CheckItem(Flowable):
    """A checkbox line: the box (empty, or ticked when done), an optional status word, the text.

    The status is written in words, never shown by colour alone, so it survives black-and-white
    printing and photocopying. It is drawn in its own column (`label_width`) rather than as bold
    markup inside the paragraph: the steps line up, and reportlab lays out a one-font paragraph
    about twice as fast. A step written right to left is mirrored: box and status on the right.
    A `caution` (a line such as "Before you do this: ...") sits under the step's text, in line
    with it, so it is read before the box is ticked.
    """

    def __init__(self, text: str, style: ParagraphStyle, status_word: str = "",
                 done: bool = False, label_width: float = 0.0,
                 caution: Flowable | None = None) -> None:
        super().__init__()
        self.box = style.fontSize * 0.95
        self.style = style
        self.paragraph = p(text, style)
        self.caution = caution
        self.mirrored = page_is_mirrored(style) or (isinstance(self.paragraph, BidiParagraph)
                                                     and self.paragraph.right_to_left)
        self.status_word = clean(status_word)
        self.label_width = label_width
        self.done = done

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.indent = self.box * 1.8 + self.label_width
        _width, height = self.paragraph.wrap(available_width - self.indent, available_height)
        if self.caution is not None:
            _width, below = self.caution.wrap(available_width - self.indent, available_height)
            height += self.style.fontSize * 0.15 + below
        self.width = available_width
        self.height = max(height, self.box * 1.3)
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        # The paragraph's first baseline: box, tick and status word all sit on it.
        top = self.height - pdfmetrics.getAscent(style.fontName, style.fontSize)
        left = self.width - self.box if self.mirrored else 0.0
        canvas.setLineWidth(1.2)
        canvas.setStrokeColor(colors.black)
        canvas.rect(left, top - self.box * 0.15, self.box, self.box, stroke=1, fill=0)
        if self.done:
            canvas.setLineWidth(2)
            base = top - self.box * 0.15
            canvas.line(left + self.box * 0.2, base + self.box * 0.5,
                        left + self.box * 0.42, base + self.box * 0.2)
            canvas.line(left + self.box * 0.42, base + self.box * 0.2,
                        left + self.box * 0.85, base + self.box * 0.85)
        if self.status_word:
            canvas.setFillColor(colors.black)
            if self.mirrored:
                draw_text(canvas, self.status_word, self.width - self.box * 1.8, top, fonts.BOLD,
                          style.fontSize, anchor="right")
            else:
                draw_text(canvas, self.status_word, self.box * 1.8, top, fonts.BOLD,
                          style.fontSize)
        x = 0.0 if self.mirrored else self.indent
        self.paragraph.drawOn(canvas, x, self.height - self.paragraph.height)
        if self.caution is not None:
            below = self.height - self.paragraph.height - self.style.fontSize * 0.15
            self.caution.drawOn(canvas, x, below - self.caution.height)


def label_width(words: list[str], style: ParagraphStyle) -> float:
    """The width of a column that fits the widest of `words` in bold, plus a gap."""
    fonts.register()
    widest = max((text_width(w, fonts.BOLD, style.fontSize) for w in words), default=0.0)
    return widest + style.fontSize * 0.6 if widest else 0.0


class WriteInLines(Flowable):
    """Blank ruled lines for what the person adds by hand."""

    def __init__(self, count: int, spacing: float) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Only the lines that fit at the foot of a page: blank lines are spare room, and a page
        that opens with them, or a page turned for them, wastes paper."""
        return [WriteInLines(min(self.count, int(available_height // self.spacing)),
                             self.spacing)]

    def draw(self) -> None:
        self.canv.setLineWidth(0.6)
        self.canv.setStrokeColor(colors.black)
        for index in range(self.count):
            y = index * self.spacing + 2
            self.canv.line(0, y, self.width, y)


class Framed(Flowable):
    """A rounded box drawn round a group of paragraphs (the help lines), so a person finds them
    at a glance. Its paragraphs keep their own spacing; a box taller than the room left on a page
    splits between paragraphs, or inside a long one, and each part gets its own box."""

    def __init__(self, content: Sequence[Flowable], padding: float) -> None:
        super().__init__()
        self.content = list(content)
        self.padding = padding

    def _gaps(self) -> list[float]:
        """The space above each paragraph: none above the first, then each one's space after."""
        return [0.0] + [float(item.getSpaceAfter()) for item in self.content[:-1]]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = available_width - 2 * self.padding
        heights = [item.wrap(inner, available_height)[1] for item in self.content]
        self.width = available_width
        self.height = 2 * self.padding + sum(heights) + sum(self._gaps())
        return available_width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        inner, room = available_width - 2 * self.padding, available_height - 2 * self.padding
        taken: list[Flowable] = []
        rest = list(self.content)
        while rest:
            space = float(taken[-1].getSpaceAfter()) if taken else 0.0
            height = rest[0].wrap(inner, room - space)[1]
            if space + height > room:
                parts = rest[0].split(inner, room - space) if room > space else []
                if len(parts) == 2:
                    taken.append(parts[0])
                    rest[0] = parts[1]
                break
            taken.append(rest.pop(0))
            room -= space + height
        if len(taken) < 2 or not rest:  # never leave a heading alone at the foot of a page
            return []
        return [Framed(taken, self.padding), Framed(rest, self.padding)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(1.5)
        canvas.setStrokeColor(colors.black)
        canvas.roundRect(0, 0, self.width, self.height, self.padding * 0.6, stroke=1, fill=0)
        top = self.height - self.padding
        for item, space in zip(self.content, self._gaps(), strict=False):
            top -= space + item.height
            item.drawOn(canvas, self.padding, top)


def make_canvas_class(options: PrintOptions, footer: bool = True) -> type[Canvas]:
    """A canvas that writes neutral metadata and "Page N of M" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []
            self.setTitle(NEUTRAL_TITLE)
            self.setAuthor("")
            self.setSubject("")
            self.setCreator("")
            self.setProducer("")
            self.setKeywords("")

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if footer:
                    self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            fonts.register()
            self.setFillColor(colors.black)
            text = options.gettext("Page {page} of {total}").format(page=self._pageNumber,
                                                                    total=total)
            draw_text(self, text, self._pagesize[0] / 2, 10 * mm, fonts.BODY, 10, anchor="center")

    return NumberedCanvas


PageDecoration = Callable[[Canvas, BaseDocTemplate], None]


def build(story: list[Flowable], options: PrintOptions, pagesize: tuple[float, float] = LETTER,
          margin: float = MARGIN, footer: bool = True, frames: Sequence[Frame] = (),
          decorate: PageDecoration | None = None, stop: Stop = never) -> bytes:
    """Lay out `story` and return the PDF bytes. By default the story runs down one frame
    inside the margins; pocket cards give one frame per card (text flows from card to card) and
    a `decorate` that draws the card outlines and cut marks on every page. `stop` is asked
    after each paragraph (reportlab's progress callback)."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin,
                               topMargin=margin, bottomMargin=margin + 6 * mm,
                               title=NEUTRAL_TITLE, author="", subject="", creator="",
                               producer="", keywords="", invariant=1)
    frames = frames or [Frame(document.leftMargin, document.bottomMargin, document.width,
                              document.height, id="normal")]
    document.addPageTemplates([PageTemplate(frames=list(frames), onPage=decorate or _plain_page)])
    document.setProgressCallBack(lambda _kind, _count: check(stop))
    document.build(story, canvasmaker=make_canvas_class(options, footer))
    return buffer.getvalue()


def _plain_page(_canvas: Canvas, _document: BaseDocTemplate) -> None:
    """Nothing drawn behind the text: page numbers come from the canvas (see `build`)."""


def printed_date(options: PrintOptions) -> str:
    """"Printed on 24 November 2026", in the person's language."""
    day = format_date(options.printed_on, format="long", locale=options.language.split("_")[0])
    return options.gettext("Printed on {date}").format(date=day)


def gap(styles_: Styles, factor: float = 1.0) -> Spacer:
    return Spacer(1, styles_.size * factor)
