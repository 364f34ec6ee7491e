"""The evidence log: a person's own dated record of online abuse, with the proof attached.

Advocates ask survivors to save proof before they block, report or change settings, and a
photo folder is where the other person may look. Here each entry and each file lives inside the
encrypted vault, committed the moment it is made, like the rest of the plan:

- A file is copied into the vault (never a path to the original) with its SHA-256 and the time
  it was imported, so the log can later show that the file has not changed since it was added.
- A file's bytes sit in their own table (see `schema.EVIDENCE_TABLES`): listing entries and
  their files reads only the small rows that describe them, never a page of a photo.
- Photos can give away where they were taken. Each image is checked on import for EXIF GPS
  data and for other embedded metadata (EXIF, XMP, IPTC, PNG text chunks), by reading the
  file's own structure here, with no imaging library, so the screen can warn about it.
- Deleting an entry deletes its files' bytes in the same commit; the vault's `secure_delete`
  overwrites the freed pages.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING, Any

from planner.core.i18n import N_, _
from planner.core.plan import PlanError, _checked
from planner.core.vocabulary import PLATFORMS

if TYPE_CHECKING:
    from planner.core.vault import Vault

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
OTHER_PLATFORM = "other"
ENTRY_PLATFORMS = (*PLATFORMS, OTHER_PLATFORM)
UNKNOWN_MEDIA_TYPE = "application/octet-stream"
# Pictures the app can show and print; other files (PDFs, text, HEIC photos) are listed only.
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
MEDIA_WORDS = {
    "image/jpeg": N_("JPEG picture"),
    "image/png": N_("PNG picture"),
    "image/gif": N_("GIF picture"),
    "image/webp": N_("WebP picture"),
    "image/heic": N_("HEIC picture"),
    "image/heif": N_("HEIF picture"),
    "application/pdf": N_("PDF document"),
    "text/plain": N_("Text file"),
}
OTHER_FILE = N_("Other file")


def media_words(media_type: str) -> str:
    """What kind of file this is, in plain words (untranslated: the caller translates it)."""
    return MEDIA_WORDS.get(media_type, OTHER_FILE)
_MAX_NAME_LENGTH = 255
_UNNAMED = "unnamed"


@dataclass(frozen=True)
class Attachment:
    """What the log knows about a file kept in the vault; its bytes are read only on demand
    (`EvidenceLog.attachment_bytes`), so a list of entries stays small however large the files."""

    id: int
    entry_id: int
    name: str  # the original's file name only: the app keeps no path to where it was
    media_type: str
    size: int
    sha256: str  # hex, of the bytes as imported
    imported_at: datetime  # aware, UTC
    has_location: bool  # EXIF GPS data (or XMP GPS fields) inside the file
    has_metadata: bool  # any EXIF, XMP, IPTC, comment or PNG text inside the file


@dataclass(frozen=True)
class EntryFields:
    """What the person writes in an entry: the input to `add` and `update`.

    The account is as it really is (username, and a link or phone number), not a nickname, so
    an advocate or a court can tell which account it was.
    """

    happened_on: date
    happened_at: time | None = None  # None: the person does not know the time
    time_zone: str = ""
    platform: str = OTHER_PLATFORM  # a word from `ENTRY_PLATFORMS`
    account: str = ""
    account_link: str = ""
    what_happened: str = ""
    who_saw: str = ""
    effect: str = ""
    what_i_did: str = ""
    reported_where: str = ""
    report_reference: str = ""
    proof_needed: str = ""


@dataclass(frozen=True)
class EvidenceEntry:
    """One entry of the log as saved, with when it was created and last changed."""

    id: int
    happened_on: date
    happened_at: time | None
    time_zone: str
    platform: str
    account: str
    account_link: str
    what_happened: str
    who_saw: str
    effect: str
    what_i_did: str
    reported_where: str
    report_reference: str
    proof_needed: str
    created_at: datetime  # aware, UTC
    changed_at: datetime  # aware, UTC
    attachments: tuple[Attachment, ...] = field(default=())

    @property
    def fields(self) -> EntryFields:
        """The entry's own words, ready to be edited and handed to `update`."""
        return EntryFields(*(getattr(self, name) for name in _FIELD_COLUMNS))


_FIELD_COLUMNS = ("happened_on", "happened_at", "time_zone", "platform", "account",
                  "account_link", "what_happened", "who_saw", "effect", "what_i_did",
                  "reported_where", "report_reference", "proof_needed")
_ENTRY_SELECT = ("SELECT id, " + ", ".join(_FIELD_COLUMNS)
                 + ", created_at, changed_at FROM evidence_entries")
# Only the columns that describe a file: never `evidence_attachment_bytes`.
_ATTACHMENT_SELECT = ("SELECT id, entry_id, name, media_type, size, sha256, imported_at,"
                      " has_location, has_metadata FROM evidence_attachments")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class EvidenceLog:
    """The evidence log of one vault (a saved plan, or a guest session's memory).

    `clock` gives the app's own time stamps (created, changed, imported); tests pass a fixed
    one. Every method that changes something commits at once, as the rest of the plan does.
    """

    def __init__(self, vault: Vault, clock: Callable[[], datetime] = _utc_now) -> None:
        self.vault = vault
        self._clock = clock

    # -- entries -------------------------------------------------------------------------------

    def entries(self) -> tuple[EvidenceEntry, ...]:
        """Every entry in the order things happened (date, then time, unknown times first,
        then the order they were added), with their files' descriptions but not their bytes."""
        attachments: dict[int, list[Attachment]] = {}
        for attachment in self._attachments(" ORDER BY entry_id, id"):
            attachments.setdefault(attachment.entry_id, []).append(attachment)
        rows = self.vault.query(_ENTRY_SELECT + " ORDER BY happened_on, happened_at, id")
        return tuple(_entry(row, attachments.get(row[0], ())) for row in rows)

    def entry(self, entry_id: int) -> EvidenceEntry:
        rows = self.vault.query(_ENTRY_SELECT + " WHERE id = ?", (entry_id,))
        if not rows:
            raise _entry_gone()
        return _entry(rows[0], self._attachments(" WHERE entry_id = ? ORDER BY id", (entry_id,)))

    def add(self, fields: EntryFields) -> EvidenceEntry:
        values = _stored_fields(fields)
        now = self._now()
        with self.vault.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO evidence_entries (" + ", ".join(_FIELD_COLUMNS)
                + ", created_at, changed_at) VALUES (" + ", ".join("?" * len(_FIELD_COLUMNS))
                + ", ?, ?)", (*values, now, now))
            entry_id = int(cursor.lastrowid or 0)
        return self.entry(entry_id)

    def update(self, entry_id: int, fields: EntryFields) -> EvidenceEntry:
        """Save new words for an entry; it keeps its creation time and its files."""
        values = _stored_fields(fields)
        assignments = ", ".join(f"{name} = ?" for name in _FIELD_COLUMNS)
        with self.vault.transaction() as connection:
            cursor = connection.execute(
                f"UPDATE evidence_entries SET {assignments}, changed_at = ? WHERE id = ?",
                (*values, self._now(), entry_id))
            if cursor.rowcount == 0:
                raise _entry_gone()
        return self.entry(entry_id)

    def delete(self, entry_id: int) -> None:
        """Delete an entry and its files, bytes and all, in one commit: never an entry without
        its files or files without their entry."""
        with self.vault.transaction() as connection:
            connection.execute(
                "DELETE FROM evidence_attachment_bytes WHERE attachment_id IN"
                " (SELECT id FROM evidence_attachments WHERE entry_id = ?)", (entry_id,))
            connection.execute("DELETE FROM evidence_attachments WHERE entry_id = ?", (entry_id,))
            connection.execute("DELETE FROM evidence_entries WHERE id = ?", (entry_id,))

    # -- files ---------------------------------------------------------------------------------

    def attach(self, entry_id: int, name: str, data: bytes) -> Attachment:
        """Copy a file into the vault under an entry, with its hash and import time.

        Everything is checked and worked out before the commit, so a refused file (too large,
        an entry that is gone, a full disk) changes nothing. Adding a file changes the entry,
        so its "last changed" time moves.
        """
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise PlanError(_(
                "This file is too large to add. Files can be up to {limit} MB each. "
                "Nothing was added.").format(limit=MAX_ATTACHMENT_BYTES // (1024 * 1024)))
        base_name = file_name_only(name)
        digest = hashlib.sha256(data).hexdigest()
        media_type = sniff_media_type(data)
        has_metadata, has_location = embedded_metadata(data, media_type)
        now = self._now()
        with self.vault.transaction() as connection:
            changed = connection.execute(
                "UPDATE evidence_entries SET changed_at = ? WHERE id = ?", (now, entry_id))
            if changed.rowcount == 0:
                raise _entry_gone()
            cursor = connection.execute(
                "INSERT INTO evidence_attachments (entry_id, name, media_type, size, sha256,"
                " imported_at, has_location, has_metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_id, base_name, media_type, len(data), digest, now, int(has_location),
                 int(has_metadata)))
            attachment_id = int(cursor.lastrowid or 0)
            connection.execute(
                "INSERT INTO evidence_attachment_bytes (attachment_id, data) VALUES (?, ?)",
                (attachment_id, data))
        return self.attachment(attachment_id)

    def attachment(self, attachment_id: int) -> Attachment:
        found = self._attachments(" WHERE id = ?", (attachment_id,))
        if not found:
            raise _attachment_gone()
        return found[0]

    def attachment_bytes(self, attachment_id: int) -> bytes:
        """The file exactly as it was imported (read only now: the one place bytes are read).
        Read as a BLOB whatever was stored, so bytes changed by hand are checked, not fatal."""
        rows = self.vault.query(
            "SELECT CAST(data AS BLOB) FROM evidence_attachment_bytes WHERE attachment_id = ?",
            (attachment_id,))
        if not rows:
            raise _attachment_gone()
        return bytes(rows[0][0])

    def verify(self, attachment_id: int) -> bool:
        """Whether the file's bytes still hash to what was recorded when it was imported."""
        recorded = self.attachment(attachment_id).sha256
        try:
            data = self.attachment_bytes(attachment_id)
        except PlanError:
            return False  # its description is here but its bytes are not: nothing to vouch for
        return hashlib.sha256(data).hexdigest() == recorded

    def remove_attachment(self, attachment_id: int) -> None:
        """Delete a file, bytes and description together; its entry's "last changed" moves."""
        with self.vault.transaction() as connection:
            connection.execute(
                "UPDATE evidence_entries SET changed_at = ? WHERE id ="
                " (SELECT entry_id FROM evidence_attachments WHERE id = ?)",
                (self._now(), attachment_id))
            connection.execute(
                "DELETE FROM evidence_attachment_bytes WHERE attachment_id = ?", (attachment_id,))
            connection.execute("DELETE FROM evidence_attachments WHERE id = ?", (attachment_id,))

    # -- helpers -------------------------------------------------------------------------------

    def _attachments(self, where: str, parameters: tuple[Any, ...] = ()) -> list[Attachment]:
        return [_attachment(row) for row in self.vault.query(_ATTACHMENT_SELECT + where,
                                                             parameters)]

    def _now(self) -> str:
        moment = self._clock()
        if moment.tzinfo is None:
            raise ValueError("the evidence log's clock must give aware times")
        return moment.astimezone(UTC).isoformat()


def _entry_gone() -> PlanError:
    return PlanError(_("This entry is no longer in your log. Nothing was changed."))


def _attachment_gone() -> PlanError:
    return PlanError(_("This file is no longer in your log."))


def _stored_fields(fields: EntryFields) -> tuple[str | None, ...]:
    """The entry's fields as stored, checked before anything is written."""
    if isinstance(fields.happened_on, datetime) or not isinstance(fields.happened_on, date):
        raise TypeError("happened_on is a date (its time goes in happened_at)")
    if fields.happened_at is not None and fields.happened_at.tzinfo is not None:
        raise TypeError("happened_at is a wall-clock time; its zone goes in time_zone")
    if fields.platform not in ENTRY_PLATFORMS:
        raise ValueError(f"unknown platform {fields.platform!r}")
    texts = (_checked(getattr(fields, name)) for name in _FIELD_COLUMNS[2:])
    when = None if fields.happened_at is None else fields.happened_at.isoformat()
    return (fields.happened_on.isoformat(), when, *texts)


def _entry(row: tuple[Any, ...], attachments: Iterable[Attachment]) -> EvidenceEntry:
    entry_id, happened_on, happened_at, *texts, created_at, changed_at = row
    return EvidenceEntry(
        id=int(entry_id), happened_on=date.fromisoformat(happened_on),
        happened_at=None if happened_at is None else time.fromisoformat(happened_at),
        **{name: str(text) for name, text in zip(_FIELD_COLUMNS[2:], texts, strict=True)},
        created_at=datetime.fromisoformat(created_at),
        changed_at=datetime.fromisoformat(changed_at),
        attachments=tuple(attachments))


def _attachment(row: tuple[Any, ...]) -> Attachment:
    attachment_id, entry_id, name, media_type, size, sha256, imported_at, location, metadata = row
    return Attachment(int(attachment_id), int(entry_id), str(name), str(media_type), int(size),
                      str(sha256), datetime.fromisoformat(imported_at), bool(location),
                      bool(metadata))


def file_name_only(name: str) -> str:
    """The last part of a file's name, whichever system's separators it uses: a folder's name
    can say who the person is or where they live, so none is kept."""
    base = PureWindowsPath(name.replace("\x00", "")).name
    # A name read from a disk in another encoding may carry lone surrogates: keep what can be.
    base = base.encode("utf-8", "replace").decode("utf-8")[:_MAX_NAME_LENGTH]
    return base.strip() or _UNNAMED


# -- what a file is --------------------------------------------------------------------------

_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
_HEIF_BRANDS = {b"mif1", b"msf1"}
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TEXT_SAMPLE = 64 * 1024


def sniff_media_type(data: bytes) -> str:
    """The file's type from its first bytes, never from its name (a name can say anything)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":
        if data[8:12] in _HEIC_BRANDS:
            return "image/heic"
        if data[8:12] in _HEIF_BRANDS:
            return "image/heif"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data and _looks_like_text(data):
        return "text/plain"
    return UNKNOWN_MEDIA_TYPE


def _looks_like_text(data: bytes) -> bool:
    """UTF-8 (or ASCII) with no control characters but tabs, line and page breaks: saved
    messages and notes. Only the start is read; a character cut at its end is allowed."""
    sample = data[:_TEXT_SAMPLE]
    if _CONTROL_BYTES.search(sample):
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        cut_at_the_end = len(data) > _TEXT_SAMPLE and error.start >= len(sample) - 3
        return cut_at_the_end and error.reason == "unexpected end of data"
    return True


# -- what a photo says about itself ----------------------------------------------------------

_EXIF_HEADER = b"Exif\x00\x00"
_TIFF_HEADERS = (b"II*\x00", b"MM\x00*")
_GPS_IFD_TAG = 0x8825
_TIFF_WINDOW = 1024 * 1024  # an EXIF block is at most 64 KB in a JPEG; far less elsewhere
_MAX_EXIF_BLOCKS = 16
_XMP_MARKERS = (b"<x:xmpmeta", b"http://ns.adobe.com/xap/1.0/")
_XMP_GPS = (b"GPSLatitude", b"GPSLongitude")
_TEXT_CHUNK_LIMIT = 4 * 1024 * 1024
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_JPEG_APP1, _JPEG_APP13, _JPEG_COMMENT = 0xE1, 0xED, 0xFE
_JPEG_END_OF_HEADERS = {0xD9, 0xDA}  # end of image, start of scan: the picture itself follows


@dataclass
class _Findings:
    metadata: bool = False
    location: bool = False

    def exif(self, tiff: bytes) -> None:
        if tiff[:4] in _TIFF_HEADERS:
            self.metadata = True
            self.location = self.location or _tiff_has_gps(tiff)

    def text(self, text: bytes) -> None:
        """A block of embedded text (XMP, a PNG text chunk): metadata, and location if it
        names GPS fields."""
        self.metadata = True
        self.location = self.location or any(marker in text for marker in _XMP_GPS)


def embedded_metadata(data: bytes, media_type: str) -> tuple[bool, bool]:
    """(has_metadata, has_location) for an image: EXIF, XMP, IPTC, comments or PNG text, and
    whether any of it holds GPS data. Other files are not images and answer (False, False).

    Each format's own structure is read (JPEG segments, PNG chunks, WebP chunks); then, for
    every image, EXIF blocks and XMP packets are looked for anywhere in the file, which finds
    them where no walk above goes (HEIC items, a JPEG's embedded previews, GIF extensions).
    When in doubt it says yes: a false warning costs a glance, a missed one a location.
    """
    if not media_type.startswith("image/"):
        return False, False
    found = _Findings()
    if media_type == "image/jpeg":
        _jpeg_segments(data, found)
    elif media_type == "image/png":
        _png_chunks(data, found)
    elif media_type == "image/webp":
        _webp_chunks(data, found)
    _embedded_blocks(data, found)
    return found.metadata, found.location


def _tiff_has_gps(tiff: bytes) -> bool:
    """Whether a TIFF (EXIF) block's first directory points to a GPS directory with entries.
    A pointer that cannot be followed counts as GPS: something there was meant to be."""
    order = "<" if tiff[:2] == b"II" else ">"
    try:
        (directory,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, directory)
        for index in range(count):
            tag, _type, _count, value = struct.unpack_from(order + "HHII", tiff,
                                                           directory + 2 + 12 * index)
            if tag == _GPS_IFD_TAG:
                return _gps_entries(tiff, order, value) > 0
    except struct.error:
        return False
    return False


def _gps_entries(tiff: bytes, order: str, offset: int) -> int:
    try:
        (count,) = struct.unpack_from(order + "H", tiff, offset)
    except struct.error:
        return 1
    return int(count)


def _jpeg_segments(data: bytes, found: _Findings) -> None:
    """Walk the segments before the picture: APP1 (EXIF, XMP), APP13 (IPTC), comments."""
    offset = 2
    while offset + 4 <= len(data) and data[offset] == 0xFF:
        marker = data[offset + 1]
        if marker == 0xFF:  # padding before a marker
            offset += 1
            continue
        if marker in _JPEG_STANDALONE:
            offset += 2
            continue
        if marker in _JPEG_END_OF_HEADERS:
            return
        length = int.from_bytes(data[offset + 2:offset + 4], "big")
        payload = data[offset + 4:offset + 2 + length]
        if marker == _JPEG_APP1 and payload.startswith(_EXIF_HEADER):
            found.exif(payload[len(_EXIF_HEADER):])
        elif marker == _JPEG_APP1 and payload.startswith(b"http://ns.adobe.com/"):
            found.text(payload)
        elif marker in (_JPEG_APP13, _JPEG_COMMENT):
            found.metadata = True
        offset += 2 + max(length, 2)


def _png_chunks(data: bytes, found: _Findings) -> None:
    """Walk the chunks: eXIf holds EXIF; tEXt, zTXt and iTXt hold text (XMP among it)."""
    offset = 8
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        kind = data[offset + 4:offset + 8]
        body = data[offset + 8:offset + 8 + length]
        if kind == b"eXIf":
            found.metadata = True
            found.exif(body[len(_EXIF_HEADER):] if body.startswith(_EXIF_HEADER) else body)
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            _png_text(kind, body, found)
        elif kind == b"IEND":
            return
        offset += 12 + length


def _png_text(kind: bytes, body: bytes, found: _Findings) -> None:
    keyword, _null, rest = body.partition(b"\x00")
    if kind == b"zTXt":
        text = _inflate(rest[1:])
    elif kind == b"iTXt":
        compressed = rest[:1] == b"\x01"
        text = rest[2:].split(b"\x00", 2)[-1]  # after the language tag and translated keyword
        text = _inflate(text) if compressed else text
    else:
        text = rest
    found.text(text)
    if keyword.lower().startswith(b"raw profile type"):
        _raw_profile(text, found)  # EXIF written as hex text (ImageMagick does this)


def _raw_profile(text: bytes, found: _Findings) -> None:
    """`\\nexif\\n   <length>\\n<hex…>`: decode the hex and read it as EXIF."""
    lines = text.split(b"\n", 3)
    if len(lines) < 4:
        return
    try:
        block = bytes.fromhex(re.sub(rb"\s", b"", lines[3]).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return
    found.exif(block[len(_EXIF_HEADER):] if block.startswith(_EXIF_HEADER) else block)


def _inflate(compressed: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(compressed, _TEXT_CHUNK_LIMIT)
    except zlib.error:
        return b""


def _webp_chunks(data: bytes, found: _Findings) -> None:
    """Walk a WebP's RIFF chunks: EXIF and "XMP "."""
    offset = 12
    while offset + 8 <= len(data):
        kind = data[offset:offset + 4]
        length = int.from_bytes(data[offset + 4:offset + 8], "little")
        body = data[offset + 8:offset + 8 + length]
        if kind == b"EXIF":
            found.metadata = True
            found.exif(body[len(_EXIF_HEADER):] if body.startswith(_EXIF_HEADER) else body)
        elif kind == b"XMP ":
            found.text(body)
        offset += 8 + length + (length & 1)


def _embedded_blocks(data: bytes, found: _Findings) -> None:
    """EXIF blocks ("Exif\\0\\0" then a TIFF header) and XMP packets anywhere in the file."""
    start = data.find(_EXIF_HEADER)
    for _block in range(_MAX_EXIF_BLOCKS):
        if start < 0:
            break
        tiff = data[start + len(_EXIF_HEADER):start + len(_EXIF_HEADER) + _TIFF_WINDOW]
        found.exif(tiff)
        start = data.find(_EXIF_HEADER, start + 1)
    if any(marker in data for marker in _XMP_MARKERS):
        found.text(data)
