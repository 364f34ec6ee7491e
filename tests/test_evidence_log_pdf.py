"""The printed evidence log, from a real log in a real (guest) vault, read back with pypdf: the
entries in the order things happened, the pictures chosen and only them, nothing of the
originals' metadata, and the appendix that says whether each file is unchanged."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from planner.core.evidence import EntryFields, EvidenceLog
from planner.core.vault import Vault
from planner.report.evidence_log import EvidenceChoice, ImageSize, evidence_log
from planner.report.layout import PrintOptions, Stopped

DAY = date(2026, 11, 30)
CANARY = "CANARY-7f3a-where-i-live"
OPTIONS = PrintOptions(language="en", printed_on=DAY)
EVERY_ENTRY = EvidenceChoice()


@pytest.fixture
def log() -> Iterator[EvidenceLog]:
    log = EvidenceLog(Vault.guest(), clock=lambda: datetime(2026, 11, 30, 5, 12, 9, tzinfo=UTC))
    yield log
    log.vault.close()


def _pdf(log: EvidenceLog, options: PrintOptions = OPTIONS,
         choice: EvidenceChoice = EVERY_ENTRY) -> bytes:
    return evidence_log(log.entries(), log.attachment_bytes, log.verify, options, choice)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages)
                  .replace("\u200b", ""))


def _images(pdf: bytes) -> list[StreamObject]:
    """Every image XObject the pages use, once each."""
    found: dict[int, StreamObject] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for reference in (page["/Resources"].get("/XObject") or {}).values():
            assert isinstance(reference, IndirectObject)
            image = reference.get_object()
            if image["/Subtype"] == "/Image":
                found[reference.idnum] = image
    return list(found.values())


def _decoded_streams(pdf: bytes) -> Iterator[bytes]:
    """Every stream of the PDF with its filters undone (ASCII85, Flate; a JPEG stays a JPEG)."""
    reader = PdfReader(io.BytesIO(pdf))
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject):
            yield obj.get_data()


def _picture(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48),
             kind: str = "PNG", **save: object) -> bytes:
    """A small picture with a pattern (so no two are alike), in `kind`'s format."""
    picture = Image.new("RGB", size, colour)
    for x in range(0, size[0], 8):
        picture.putpixel((x, x % size[1]), (255 - colour[0], 0, 0))
    out = io.BytesIO()
    picture.save(out, kind, **save)
    return out.getvalue()


def _jpeg_with_location() -> bytes:
    """A photo as a phone saves it: EXIF with a description and GPS, a comment, a profile."""
    exif = Image.Exif()
    exif[0x010E] = CANARY  # ImageDescription
    exif[0x0131] = CANARY  # Software
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (51.0, 30.0, 26.0), 3: "W", 4: (0.0, 7.0, 39.0)})
    return _picture((40, 120, 200), (120, 90), "JPEG", exif=exif.tobytes(),
                    comment=CANARY.encode(), icc_profile=b"profile " + CANARY.encode())


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", CANARY)
    info.add_text("Location", CANARY, zip=True)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{CANARY}</x:xmpmeta>")
    return _picture((30, 160, 60), (90, 120), "PNG", pnginfo=info)


def _entry(log: EvidenceLog, day: date, words: str, **fields: object) -> int:
    return log.add(EntryFields(happened_on=day, what_happened=words, **fields)).id


def test_entries_print_in_the_order_they_happened_with_their_details(log: EvidenceLog) -> None:
    later = _entry(log, date(2026, 6, 2), "Second thing happened.", happened_at=time(21, 40),
                   time_zone="Europe/London", platform="instagram", account="@someone_else",
                   account_link="https://instagram.com/someone_else", who_saw="My sister",
                   effect="I could not sleep.", what_i_did="Took a screenshot.",
                   reported_where="Police, Main St station", report_reference="REF-2026-0042",
                   proof_needed="The message from June 1")
    _entry(log, date(2026, 3, 1), "First thing happened.", platform="whatsapp")
    _entry(log, date(2026, 6, 2), "Same day, time not known.")
    text_file = log.attach(later, "messages.txt", b"saved messages\n")
    text = _text(_pdf(log))
    first, unknown_time, second = (text.index(words) for words in (
        "First thing happened.", "Same day, time not known.", "Second thing happened."))
    assert first < unknown_time < second
    for detail in ("@someone_else", "https://instagram.com/someone_else", "My sister",
                   "I could not sleep.", "Took a screenshot.", "Police, Main St station",
                   "REF-2026-0042", "The message from June 1", "Instagram", "WhatsApp",
                   "Europe/London", "9:40", "time not known",
                   "Written November 30, 2026 at 05:12:09 UTC"):
        assert detail in text, detail
    assert "Printed on November 30, 2026" in text
    assert "a personal record, kept by the person who wrote it" in text
    assert "Page 1 of" in text
    assert text.index("Second thing happened.") < text.index(f"SHA-256: {text_file.sha256}")
    assert "messages.txt" in text and "unchanged since it was added" in text


def test_one_image_is_embedded_per_picture_chosen_and_none_for_those_left_out(
        log: EvidenceLog) -> None:
    entry = _entry(log, date(2026, 5, 5), "Pictures.")
    full = log.attach(entry, "full.png", _picture((200, 0, 0)))
    small = [log.attach(entry, f"small{n}.png", _picture((0, 40 * n, 0))) for n in range(1, 5)]
    left_out = log.attach(entry, "private.png", _picture((0, 0, 200)))
    log.attach(entry, "letter.pdf", b"%PDF-1.4\n%%EOF\n")
    choice = (EvidenceChoice().with_size(full.id, ImageSize.FULL)
              .with_size(left_out.id, ImageSize.LEFT_OUT))
    pdf = _pdf(log, choice=choice)
    assert len(_images(pdf)) == 1 + len(small)
    text = _text(pdf)
    assert "a picture, left out of this printout" in text
    assert "letter.pdf (PDF document), listed at the end" in text
    assert f"SHA-256: {left_out.sha256}" in text and "private.png" in text
    assert "full.png" in text and "small4.png" in text
    everything_left_out = EvidenceChoice(left_out=frozenset({full.id, left_out.id,
                                                             *(s.id for s in small)}))
    assert _images(_pdf(log, choice=everything_left_out)) == []


def test_no_metadata_of_the_originals_reaches_the_pdf(log: EvidenceLog) -> None:
    entry = _entry(log, date(2026, 5, 5), "Photo and screenshot.")
    photo = log.attach(entry, "photo.jpg", _jpeg_with_location())
    screenshot = log.attach(entry, "screenshot.png", _png_with_text())
    assert photo.has_location and screenshot.has_metadata  # the originals do carry it
    choice = EvidenceChoice().with_size(photo.id, ImageSize.FULL)
    pdf = _pdf(log, choice=choice)
    images = _images(pdf)
    assert sorted((int(i["/Width"]), int(i["/Height"])) for i in images) == [(90, 120),
                                                                            (120, 90)]
    for image in images:
        data = image.get_data()
        assert b"\xff\xe1" not in data and b"Exif" not in data  # no APP1 (EXIF or XMP)
    assert CANARY.encode() not in pdf
    assert all(CANARY.encode() not in stream for stream in _decoded_streams(pdf))


def test_a_photo_turned_by_its_exif_prints_upright(log: EvidenceLog) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: turn 90 degrees to show
    entry = _entry(log, date(2026, 5, 5), "Turned photo.")
    log.attach(entry, "turned.jpg", _picture((90, 90, 90), (40, 20), "JPEG",
                                             exif=exif.tobytes()))
    (image,) = _images(_pdf(log))
    assert (int(image["/Width"]), int(image["/Height"])) == (20, 40)


def test_a_file_changed_since_it_was_added_is_flagged(log: EvidenceLog) -> None:
    entry = _entry(log, date(2026, 5, 5), "Two files.")
    kept = log.attach(entry, "kept.txt", b"kept as it was\n")
    changed = log.attach(entry, "changed.txt", b"as it was added\n")
    with log.vault.transaction() as connection:
        connection.execute("UPDATE evidence_attachment_bytes SET data = ? WHERE attachment_id = ?",
                           (b"altered\n", changed.id))
    text = _text(_pdf(log))
    kept_at, changed_at = text.index("kept.txt"), text.index(f"SHA-256: {changed.sha256}")
    assert "unchanged since it was added" in text[kept_at:changed_at]
    assert "Warning: when checked for this printout, this file did not match its code" in (
        text[changed_at:])
    assert f"SHA-256: {kept.sha256}" in text


def test_a_picture_that_cannot_be_decoded_prints_a_line_instead(log: EvidenceLog) -> None:
    entry = _entry(log, date(2026, 5, 5), "Broken photo.")
    log.attach(entry, "broken.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    log.attach(entry, "fine.png", _picture((10, 10, 10)))
    pdf = _pdf(log)
    assert len(_images(pdf)) == 1
    assert "This picture could not be printed. It is listed at the end." in _text(pdf)


def test_entries_are_chosen_by_date_and_platform(log: EvidenceLog) -> None:
    _entry(log, date(2026, 1, 10), "January on Instagram.", platform="instagram")
    _entry(log, date(2026, 2, 10), "February on Instagram.", platform="instagram")
    _entry(log, date(2026, 2, 11), "February by email.", platform="email")
    _entry(log, date(2026, 3, 10), "March on Instagram.", platform="instagram")
    choice = EvidenceChoice(first_day=date(2026, 2, 1), last_day=date(2026, 2, 28),
                            platforms=frozenset({"instagram"}))
    text = _text(_pdf(log, choice=choice))
    assert "February on Instagram." in text
    for left in ("January on Instagram.", "February by email.", "March on Instagram."):
        assert left not in text
    assert "Entries: 1" in text


def test_discreet_wording_leaves_the_persons_words_as_typed(log: EvidenceLog) -> None:
    words = "My abuser posted my address. The shelter advocate saw it."
    _entry(log, date(2026, 5, 5), words)
    text = _text(_pdf(log, PrintOptions(language="en", printed_on=DAY, discreet=True)))
    assert words in text


def test_hostile_text_and_a_right_to_left_page_print(log: EvidenceLog) -> None:
    entry = _entry(log, date(2026, 5, 5), "\u202eevil\u202c " + "ما حدث " * 200 + "🙂\x00",
                   account="حساب", who_saw="x" * 5000)
    picture = log.attach(entry, "صورة.png", _picture((0, 100, 100)))
    pdf = _pdf(log, PrintOptions(language="ar_XB", printed_on=DAY, large_print=True))
    assert len(_images(pdf)) == 1
    assert picture.sha256[:16] in _text(pdf).replace(" ", "")


def test_a_printout_no_longer_wanted_stops_at_its_next_paragraph(log: EvidenceLog) -> None:
    for day in range(1, 20):
        entry = _entry(log, date(2026, 5, day), f"Entry {day}.")
        log.attach(entry, f"p{day}.png", _picture((day * 10, 0, 0)))
    read: list[int] = []

    def no_longer_wanted() -> bool:
        return len(read) == 3

    def images(attachment_id: int) -> bytes:
        read.append(attachment_id)
        return log.attachment_bytes(attachment_id)

    with pytest.raises(Stopped):
        evidence_log(log.entries(), images, log.verify, OPTIONS, EVERY_ENTRY,
                     no_longer_wanted)
    assert len(read) == 3  # laid out up to the third picture: the rest were never read


def test_a_heic_photo_is_kept_and_listed_with_its_code_but_not_drawn(
        log: EvidenceLog) -> None:
    """iPhone photos (HEIC) cannot be decoded here: the file is kept in the vault and the
    printed log names it, its kind and its code in the appendix, without a picture."""
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(2000)
    entry = log.add(EntryFields(date(2026, 11, 2), what_happened="A photo from my phone"))
    attachment = log.attach(entry.id, "IMG_0001.HEIC", heic)
    assert attachment.media_type == "image/heic"
    pdf = _pdf(log)
    text = _text(pdf)
    assert "IMG_0001.HEIC" in text and "HEIC picture" in text
    assert attachment.sha256 in text.replace(" ", "")
    assert _images(pdf) == []
