"""The printed evidence log: a person's dated record of online abuse, for an advocate or a court.

The entries print in the order things happened, each with its details in the person's own words
(printed exactly; discreet wording changes only the app's words) and its pictures. An appendix
lists every file with its SHA-256 code, the time it was added, and whether it still matches.

Pictures never leave the app as they were imported: a photo's EXIF, XMP, IPTC, colour profile
or PNG text can say where it was taken, and embedding a JPEG as it is would carry all of that
into the PDF. Each picture is decoded to its pixels, shrunk, and copied onto a fresh image that
holds pixels only; that fresh image is what the page carries. Which pictures print, and how big,
is the person's choice (`EvidenceChoice`): any one can be left out and the rest still prints.

A log may hold hundreds of megabytes of photos. Each picture is read and decoded only when its
row of the page is laid out, one file at a time, and let go once drawn: memory holds one
original at a time and one row of shrunk copies, whatever the size of the log. (The PDF itself
is built in memory, as every printout is, so its own size still counts.)
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from planner.core.choices import PLATFORM_LABELS
from planner.core.evidence import (
    OTHER_PLATFORM,
    PICTURE_TYPES,
    Attachment,
    EvidenceEntry,
    media_words,
)
from planner.report import discreet
from planner.report.layout import (
    LONG_TEXT_PIECE,
    MARGIN,
    PrintOptions,
    Stop,
    Styles,
    build,
    check,
    lead_in,
    long_text,
    never,
    p,
    page_is_mirrored,
    printed_date,
    styles,
)

if TYPE_CHECKING:
    from PIL.Image import Image

SMALL_BOX: float = 5.5 * cm  # a small picture fits a square this size: three go across the page
SMALL_ACROSS = 3
# A full-size picture is as wide as the page, and never so tall that it and its caption cannot
# share a page (a flowable taller than the page cannot be laid out at all).
FULL_HEIGHT: float = (LETTER[1] - 2 * MARGIN) * 0.75
PRINT_DPI = 200  # pixels kept per inch of paper: sharp on paper, small in the file
MAX_DECODED_PIXELS = 40_000_000  # a PNG, GIF or WebP this large decodes whole: about 160 MB
PICTURE_GAP: float = 0.4 * cm


class ImageSize(Enum):
    """How a picture prints."""

    FULL = "full"  # as large as the page allows
    SMALL = "small"  # a thumbnail, three across: the default
    LEFT_OUT = "left out"  # not printed; a line says a picture was left out


@dataclass(frozen=True)
class EvidenceChoice:
    """Which entries a printout holds, and how big each picture prints.

    Every picture prints small unless it is chosen full size or left out, so a picture (an
    intimate image, say) never has to be printed for the rest of the log to print. A picture in
    both `full` and `left_out` is left out: the safer reading of a contradiction.
    """

    first_day: date | None = None  # None: from the first entry
    last_day: date | None = None  # None: up to the last entry
    platforms: frozenset[str] = frozenset()  # empty: every platform
    full: frozenset[int] = frozenset()  # attachment ids printed full size
    left_out: frozenset[int] = frozenset()  # attachment ids not printed

    def holds(self, entry: EvidenceEntry) -> bool:
        """Whether `entry` is one of the chosen entries (by its date and platform)."""
        return ((self.first_day is None or entry.happened_on >= self.first_day)
                and (self.last_day is None or entry.happened_on <= self.last_day)
                and (not self.platforms or entry.platform in self.platforms))

    def size(self, attachment_id: int) -> ImageSize:
        if attachment_id in self.left_out:
            return ImageSize.LEFT_OUT
        return ImageSize.FULL if attachment_id in self.full else ImageSize.SMALL

    def with_size(self, attachment_id: int, size: ImageSize) -> EvidenceChoice:
        """The same choice with one picture's size changed."""
        full, left_out = self.full - {attachment_id}, self.left_out - {attachment_id}
        if size is ImageSize.FULL:
            full |= {attachment_id}
        elif size is ImageSize.LEFT_OUT:
            left_out |= {attachment_id}
        return replace(self, full=full, left_out=left_out)


def evidence_log(entries: Sequence[EvidenceEntry], images: Callable[[int], bytes],
                 verified: Callable[[int], bool], options: PrintOptions,
                 choice: EvidenceChoice = EvidenceChoice(), stop: Stop = never) -> bytes:
    """The PDF bytes of the chosen entries, oldest first, then the appendix of their files.

    `images(id)` gives a file's bytes as imported, and is asked only while the page with that
    picture is laid out. `verified(id)` says whether the file still matches its SHA-256; it is
    asked once per file, when the appendix is laid out (after the pictures). `stop` is asked
    between paragraphs (`layout.Stop`).
    """
    _ = options.gettext
    say = discreet.app_words(options)
    s = styles(options.large_print, options.right_to_left)
    chosen = sorted((entry for entry in entries if choice.holds(entry)), key=_happened)
    numbers = {attachment.id: number for number, attachment
               in enumerate((a for entry in chosen for a in entry.attachments), start=1)}
    title = options.title or say(_("Evidence log"))
    story: list[Flowable] = [p(title, s.h1), p(printed_date(options), s.small),
                             *_introduction(chosen, choice, options, s)]
    for number, entry in enumerate(chosen, start=1):
        check(stop)
        story += _entry(number, entry, numbers, images, choice, options, s)
    story += _appendix(chosen, numbers, verified, options, s, stop)
    return build(story, options, stop=stop)


def _happened(entry: EvidenceEntry) -> tuple[date, bool, time, int]:
    """Date, then time (an unknown time first), then the order the entries were added."""
    return (entry.happened_on, entry.happened_at is not None, entry.happened_at or time.min,
            entry.id)


def _locale(options: PrintOptions) -> str:
    return options.language.split("_")[0]


def _day(day: date, options: PrintOptions, format_: str = "long") -> str:
    return format_date(day, format=format_, locale=_locale(options))


def _moment(moment: datetime, options: PrintOptions) -> str:
    """A time the app recorded (created, changed, imported), in UTC: "30 November 2026 at
    05:12:09 UTC", the same whichever computer printed it."""
    utc = moment.astimezone(UTC)
    return options.gettext("{date} at {time} UTC").format(
        date=_day(utc.date(), options),
        time=format_time(utc.time(), format="HH:mm:ss", locale=_locale(options)))


def _when(entry: EvidenceEntry, options: PrintOptions) -> str:
    """When it happened, as the person gave it: the day, the time if known, its time zone."""
    _ = options.gettext
    day = _day(entry.happened_on, options, "full")
    if entry.happened_at is None:
        return _("{date} (time not known)").format(date=day)
    clock = format_time(entry.happened_at, format="short", locale=_locale(options))
    if entry.time_zone:
        return _("{date}, {time} ({time_zone})").format(date=day, time=clock,
                                                       time_zone=entry.time_zone)
    return _("{date}, {time}").format(date=day, time=clock)


def _platform(platform: str, options: PrintOptions) -> str:
    if platform == OTHER_PLATFORM:
        return options.gettext("Another app or website")
    label = PLATFORM_LABELS.get(platform)
    return options.gettext(label) if label else platform


def _introduction(chosen: Sequence[EvidenceEntry], choice: EvidenceChoice,
                  options: PrintOptions, s: Styles) -> list[Flowable]:
    """The note on what this record is, and which entries it holds."""
    _ = options.gettext
    say = discreet.app_words(options)
    story: list[Flowable] = [
        p(say(_("This is a personal record, kept by the person who wrote it. Each entry says "
                "what happened in their own words, in the order it happened.")), s.body),
        p(say(_("The pictures are printed from copies kept in the app. Details stored inside "
                "the files, such as where a photo was taken, are not printed. The list of files "
                "at the end shows whether each file has changed since it was added.")), s.body),
    ]
    if not chosen:
        return [*story, p(say(_("No entries match what was chosen for this printout.")), s.body)]
    first, last = chosen[0].happened_on, chosen[-1].happened_on
    story.append(p(say(_("Entries: {count}, from {first} to {last}.")).format(
        count=len(chosen), first=_day(first, options), last=_day(last, options)), s.body))
    if choice.first_day is not None or choice.last_day is not None:
        story.append(p(say(_("Only entries from {first} to {last} were chosen.")).format(
            first=_day(choice.first_day or first, options),
            last=_day(choice.last_day or last, options)), s.small))
    if choice.platforms:
        names = ", ".join(_platform(name, options) for name in sorted(choice.platforms))
        story.append(p(say(_("Only entries about these apps or sites were chosen: {names}."))
                       .format(names=names), s.small))
    return story


def _entry(number: int, entry: EvidenceEntry, numbers: dict[int, int],
           images: Callable[[int], bytes], choice: EvidenceChoice, options: PrintOptions,
           s: Styles) -> list[Flowable]:
    """One entry: when, where, the account, the person's words, then its files."""
    _ = options.gettext
    say = discreet.app_words(options)
    story: list[Flowable] = [p(say(_("Entry {number}: {when}")).format(
        number=number, when=_when(entry, options)), s.h2)]
    # NOTE: the app or website where it happened ("Where: Instagram").
    story += _field(say(_("Where:")), _platform(entry.platform, options), s)
    story += _field(say(_("Account:")), entry.account, s)
    story += _field(say(_("Link or phone number:")), entry.account_link, s)
    for label, text in ((_("What happened:"), entry.what_happened),
                        (_("Who saw it:"), entry.who_saw),
                        (_("How it affected me:"), entry.effect),
                        (_("What I did:"), entry.what_i_did)):
        story += _field(say(label), text, s, paragraph=True)
    story += _field(say(_("Reported to:")), entry.reported_where, s)
    # NOTE: the number or name a report was given (by the police, a platform, a court).
    story += _field(say(_("Reference:")), entry.report_reference, s)
    story += _field(say(_("Proof still needed:")), entry.proof_needed, s, paragraph=True)
    story.append(p(say(_("Written {created}. Last changed {changed}.")).format(
        created=_moment(entry.created_at, options), changed=_moment(entry.changed_at, options)),
        s.small))
    return story + _files(entry.attachments, numbers, images, choice, options, s)


def _field(label: str, text: str, s: Styles, paragraph: bool = False) -> list[Flowable]:
    """A label and the person's words, exactly as typed; nothing when they wrote nothing. Short
    words share the label's line; a longer text goes below it, as many short paragraphs (see
    `layout.long_text`), so a million letters still lay out in reasonable time."""
    if not text.strip():
        return []
    if not paragraph and "\n" not in text and len(text) <= LONG_TEXT_PIECE:
        return [lead_in(label, text, s.compact)]
    return [lead_in(label, "", s.compact), long_text(text, s.body)]


def _files(attachments: Sequence[Attachment], numbers: dict[int, int],
           images: Callable[[int], bytes], choice: EvidenceChoice, options: PrintOptions,
           s: Styles) -> list[Flowable]:
    """An entry's files in the order they were added: small pictures in rows, full-size ones
    alone, and a line for each file that is not printed here."""
    _ = options.gettext
    say = discreet.app_words(options)
    unprintable = say(_("This picture could not be printed. It is listed at the end."))
    story: list[Flowable] = []
    row: list[Picture] = []

    def end_row() -> None:
        if row:
            story.append(PictureRow(list(row), images, s.small, unprintable, SMALL_ACROSS,
                                    (SMALL_BOX, SMALL_BOX)))
            row.clear()

    for attachment in attachments:
        number = numbers[attachment.id]
        size = choice.size(attachment.id)
        caption = say(_("File {number}: {name}")).format(number=number, name=attachment.name)
        if attachment.media_type not in PICTURE_TYPES:
            end_row()
            story.append(p(say(_("File {number}: {name} ({kind}), listed at the end.")).format(
                number=number, name=attachment.name, kind=_kind(attachment, options)), s.small))
        elif size is ImageSize.LEFT_OUT:
            end_row()
            story.append(p(say(_("File {number}: a picture, left out of this printout. It is "
                                 "listed at the end.")).format(number=number), s.small))
        elif size is ImageSize.FULL:
            end_row()
            story.append(PictureRow([Picture(attachment.id, caption)], images, s.small,
                                    unprintable, 1, (None, FULL_HEIGHT)))
        else:
            row.append(Picture(attachment.id, caption))
            if len(row) == SMALL_ACROSS:
                end_row()
    end_row()
    return story


def _kind(attachment: Attachment, options: PrintOptions) -> str:
    return options.gettext(media_words(attachment.media_type))


@dataclass(frozen=True)
class Picture:
    """A picture to print: its file, and the caption under it."""

    attachment_id: int
    caption: str


@dataclass(frozen=True)
class CleanPicture:
    """A picture ready for the page: pixels only, and its size in pixels."""

    reader: ImageReader
    width: int
    height: int


class PictureRow(Flowable):
    """Pictures side by side, each fitted into its box with its caption under it.

    The files are read and decoded when the row is first laid out (`wrap`), one after another,
    each original let go as soon as its shrunk copy is made, and the copies once the row is
    drawn: a log of a thousand photos never holds more than one row of them. A picture that
    cannot be decoded prints `unprintable` in its place. On a page laid out right to left the
    first picture is on the right.
    """

    def __init__(self, pictures: list[Picture], images: Callable[[int], bytes],
                 style: ParagraphStyle, unprintable: str, across: int,
                 box: tuple[float | None, float]) -> None:
        super().__init__()
        self.pictures = pictures
        self.images = images
        self.style = style
        self.unprintable = unprintable
        self.across = across
        self.box = box  # (width, height) in points; no width: the column's width
        self.ready: list[CleanPicture | None] | None = None

    def _cell_width(self, available_width: float) -> float:
        return (available_width - PICTURE_GAP * (self.across - 1)) / self.across

    def _fitted(self, picture: CleanPicture, box: tuple[float, float]) -> tuple[float, float]:
        scale = min(box[0] / picture.width, box[1] / picture.height)
        return picture.width * scale, picture.height * scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        cell = self._cell_width(available_width)
        box = (min(cell, self.box[0] or cell), self.box[1])
        if self.ready is None:
            pixels = (round(box[0] / 72 * PRINT_DPI), round(box[1] / 72 * PRINT_DPI))
            self.ready = [_decoded(self.images(picture.attachment_id), pixels)
                          for picture in self.pictures]
        self.drawn = [self._fitted(ready, box) if ready else (0.0, 0.0) for ready in self.ready]
        self.captions = [p(picture.caption if ready else f"{picture.caption}\n{self.unprintable}",
                           self.style) for picture, ready in zip(self.pictures, self.ready,
                                                                 strict=True)]
        caption_heights = [caption.wrap(cell, available_height)[1] for caption in self.captions]
        self.picture_height = max(height for _width, height in self.drawn)
        self.cell = cell
        self.width = available_width
        self.height = self.picture_height + PICTURE_GAP / 2 + max(caption_heights)
        return available_width, self.height

    def draw(self) -> None:
        mirrored = page_is_mirrored(self.style)
        for index, (ready, (width, height), caption) in enumerate(
                zip(self.ready or [], self.drawn, self.captions, strict=True)):
            column = self.across - 1 - index if mirrored else index
            left = column * (self.cell + PICTURE_GAP)
            if ready is not None:  # on the caption's side of its column, as text is
                self.canv.drawImage(ready.reader, left + (self.cell - width if mirrored else 0),
                                    self.height - height, width, height)
            caption.drawOn(self.canv, left,
                           self.height - self.picture_height - PICTURE_GAP / 2 - caption.height)
        for ready in self.ready or []:
            if ready is not None:
                _let_go(ready.reader)
        self.ready = None  # drawn: the pixels are in the page now, and need not stay in memory


def _let_go(reader: ImageReader) -> None:
    """Free a drawn picture's pixels now. reportlab's ImageReader refers to itself (its
    `jpeg_fh` is its own bound method), so it lives until Python's cycle collector runs, and
    with it the raw pixels it kept for the page: without this, a log of hundreds of photos
    would hold them all until the end of the layout."""
    reader._data = None  # the cache reportlab fills in getRGBData
    reader._image = None


def _decoded(data: bytes, largest: tuple[int, int]) -> CleanPicture | None:
    """`data` decoded and shrunk to fit `largest` pixels, or None when it cannot be decoded."""
    from PIL import Image, UnidentifiedImageError  # only a log with pictures loads Pillow

    try:
        return clean_picture(data, largest)
    except (OSError, ValueError, SyntaxError, EOFError, UnidentifiedImageError,
            Image.DecompressionBombError):
        return None


def clean_picture(data: bytes, largest: tuple[int, int]) -> CleanPicture:
    """A picture with nothing of the original but its pixels, at most `largest` pixels.

    The pixels are turned the way the photo's EXIF says to show it, laid on white (paper has no
    transparency) and copied onto a new image, which carries no EXIF, XMP, IPTC, colour profile,
    comment or text of the original. A photo stays a JPEG (small in the file); a screenshot or
    drawing stays lossless, so its text stays crisp. Raises what Pillow raises for a file it
    cannot decode, and ValueError for one too large to decode safely.
    """
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as original:
        photo = original.format == "JPEG"
        if original.format not in {"JPEG", "PNG", "GIF", "WEBP"}:
            raise ValueError("not a picture this log prints")
        if not photo and original.width * original.height > MAX_DECODED_PIXELS:
            raise ValueError("too large to decode")  # a JPEG decodes at a fraction of its size
        # A JPEG decodes straight to 1/2, 1/4 or 1/8 of its size when that is still enough.
        original.thumbnail(largest, reducing_gap=1.0)
        pixels = _on_white(ImageOps.exif_transpose(original))
    if not photo:
        return CleanPicture(ImageReader(pixels), pixels.width, pixels.height)
    encoded = io.BytesIO()
    pixels.save(encoded, "JPEG", quality=85)
    encoded.seek(0)
    return CleanPicture(ImageReader(encoded), pixels.width, pixels.height)


def _on_white(picture: Image) -> Image:
    """A new image holding only `picture`'s pixels, any transparent part on white."""
    from PIL import Image

    if picture.mode in ("1", "L") and "transparency" not in picture.info:
        fresh = Image.new("L", picture.size, 255)
        fresh.paste(picture.convert("L"))
        return fresh
    transparent = picture.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        "transparency" in picture.info)
    colour = picture.convert("RGBA" if transparent else "RGB")
    fresh = Image.new("RGB", picture.size, (255, 255, 255))
    fresh.paste(colour, mask=colour.getchannel("A") if transparent else None)
    return fresh


class CheckedWhenLaidOut(Flowable):
    """A file's check result, asked for when the appendix is laid out rather than when the
    story is put together: by then each picture above was read (and hashed) for its own page,
    so no file is read twice."""

    def __init__(self, check_file: Callable[[], bool], unchanged: Flowable,
                 changed: Flowable) -> None:
        super().__init__()
        self._check_file = check_file
        self._results = (unchanged, changed)
        self._result: Flowable | None = None

    def _chosen(self) -> Flowable:
        if self._result is None:
            self._result = self._results[0 if self._check_file() else 1]
        return self._result

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self._chosen().wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self._chosen().drawOn(self.canv, 0, 0)


def _appendix(chosen: Sequence[EvidenceEntry], numbers: dict[int, int],
              verified: Callable[[int], bool], options: PrintOptions, s: Styles,
              stop: Stop) -> list[Flowable]:
    """Every file of the chosen entries: what it is, when it was added, its SHA-256 code, and
    whether it still matches that code now; with what a matching code shows and does not."""
    _ = options.gettext
    say = discreet.app_words(options)
    files = [(number, entry_number, attachment) for entry_number, entry in enumerate(chosen, 1)
             for attachment in entry.attachments
             for number in (numbers[attachment.id],)]
    if not files:
        return []
    mono = ParagraphStyle("hash", parent=s.small, fontName="Courier", splitLongWords=1)
    story: list[Flowable] = [
        PageBreak(), p(say(_("The files and their codes")), s.h1),
        p(say(_("When a file was added to this app, the app worked out a code from its exact "
                "contents (its SHA-256 code). A file that matches its code has not changed "
                "since it was added to this app.")), s.body),
        p(say(_("A matching code does not show that a screenshot or photo is genuine, or who "
                "made it: only that the file is the same as when it was added.")), s.body),
    ]
    unchanged = say(_("Checked when printed: unchanged since it was added."))
    # NOTE: "Warning:" is printed in bold, then the sentence that follows it.
    warning, changed = say(_("Warning:")), say(_(
        "when checked for this printout, this file did not match its code. It has changed or "
        "been damaged since it was added."))
    for number, entry_number, attachment in files:
        check(stop)
        result = CheckedWhenLaidOut(partial(verified, attachment.id),
                                    p(unchanged, s.body), lead_in(warning, changed, s.body))
        # A file's lines stay on one page: a code is never read apart from its file's name.
        story.append(KeepTogether([
            lead_in(say(_("File {number}:")).format(number=number), attachment.name, s.compact),
            p(say(_("{kind}, {size} bytes. From entry {entry}. Added {added}.")).format(
                kind=_kind(attachment, options), entry=entry_number,
                size=format_decimal(attachment.size, locale=_locale(options)),
                added=_moment(attachment.imported_at, options)), s.small),
            Paragraph(f"SHA-256: {escape(attachment.sha256)}", mono),
            result]))
    return story
