"""The evidence log's core against real SQLCipher files: entries, files kept in the vault,
their hashes, what photos say about where they were taken, and what reaches the disk."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import files_under
from PIL import Image, PngImagePlugin
from vault_helpers import CANARY, CHEAP_KEYS, PASSPHRASE, make_old_vault

from planner.core import schema
from planner.core.errors import DiskFull
from planner.core.evidence import (
    MAX_ATTACHMENT_BYTES,
    EntryFields,
    EvidenceLog,
    embedded_metadata,
    sniff_media_type,
)
from planner.core.plan import ActionStatus, Plan, PlanError
from planner.core.vault import Vault, VaultDamaged, backup_path

HOSTILE = "\u202eevil\u202c \u200d👩‍👧 nul\x00 عربى"


class Clock:
    """A clock the test moves by hand, so "created" and "changed" can be told apart."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int = 5) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def saved(tmp_path: Path) -> Iterator[Path]:
    """A saved, closed vault's path."""
    path = tmp_path / "data" / "plan.db"
    Vault.create(path, PASSPHRASE, CHEAP_KEYS).close()
    yield path


def open_log(path: Path, clock: Callable[[], datetime]) -> EvidenceLog:
    return EvidenceLog(Vault.open(path, PASSPHRASE, CHEAP_KEYS), clock=clock)


def full_fields(day: date = date(2026, 11, 2), at: time | None = time(21, 40)) -> EntryFields:
    return EntryFields(
        happened_on=day, happened_at=at, time_zone="Europe/Madrid", platform="instagram",
        account="@real.handle_99", account_link="https://instagram.com/real.handle_99",
        what_happened=f"Threatening message {HOSTILE}", who_saw="My sister",
        effect="Could not sleep", what_i_did="Took a screenshot, blocked",
        reported_where="Police, station 4", report_reference="Ref 2026-1182, Officer Ruiz",
        proof_needed="Screenshot of the first message")


def jpeg(exif: Image.Exif | bytes | None = None) -> bytes:
    """A real JPEG written by Pillow (an encoder independent of the code under test)."""
    out = io.BytesIO()
    picture = Image.new("RGB", (16, 16), "teal")
    if exif is None:
        picture.save(out, "JPEG")
    else:
        picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    return exif


def big_endian_exif(gps: bool) -> bytes:
    """An EXIF block written out by hand in Motorola byte order (Pillow writes Intel order):
    IFD0 holds a GPS pointer (to a directory with a latitude) or only a camera make."""
    ifd0_entry = (struct.pack(">HHII", 0x8825, 4, 1, 26) if gps
                  else struct.pack(">HHI", 0x010F, 2, 4) + b"Cam\x00")
    tiff = b"MM\x00*" + struct.pack(">I", 8) + struct.pack(">H", 1) + ifd0_entry
    tiff += struct.pack(">I", 0)  # no next directory; the GPS directory starts at 26
    if gps:
        tiff += struct.pack(">H", 2) + struct.pack(">HHI", 1, 2, 2) + b"N\x00\x00\x00"
        tiff += struct.pack(">HHII", 2, 5, 3, 26 + 2 + 24 + 4) + struct.pack(">I", 0)
        tiff += struct.pack(">6I", 40, 1, 26, 1, 46, 1)
    return b"Exif\x00\x00" + tiff


def png(info: PngImagePlugin.PngInfo | None = None) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, "PNG", pnginfo=info)
    return out.getvalue()


SAVES = "SELECT coalesce((SELECT value FROM meta WHERE key = 'saves'), 0)"


def stored(log: EvidenceLog, sql: str, parameters: tuple[object, ...] = ()) -> object:
    return log.vault.query(sql, parameters)[0][0]


# -- entries ---------------------------------------------------------------------------------


def test_entries_survive_reopening_and_update_moves_only_changed_at(
        saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    added = log.add(full_fields())
    assert added.fields == full_fields()
    assert added.created_at == added.changed_at == clock.now
    assert added.created_at.tzinfo is not None and added.created_at.utcoffset() == timedelta(0)
    log.vault.close()

    clock.advance()
    log = open_log(saved, clock)
    assert log.entries() == (added,)
    edited = EntryFields(happened_on=date(2026, 11, 3), platform="other",
                         account="+34 600 000 000", what_happened="Call at night")
    updated = log.update(added.id, edited)
    log.vault.close()

    log = open_log(saved, clock)
    assert log.entry(added.id) == updated
    assert updated.fields == edited
    assert updated.created_at == added.created_at
    assert updated.changed_at == clock.now > added.changed_at
    log.delete(added.id)
    log.vault.close()

    log = open_log(saved, clock)
    assert log.entries() == ()
    with pytest.raises(PlanError):
        log.entry(added.id)
    with pytest.raises(PlanError):
        log.update(added.id, edited)
    log.vault.close()


def test_entries_are_listed_in_the_order_things_happened(saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    late = log.add(EntryFields(date(2026, 5, 2), time(23, 0)))
    unknown_time = log.add(EntryFields(date(2026, 5, 2)))
    early = log.add(EntryFields(date(2026, 5, 2), time(8, 5)))
    same_time_added_later = log.add(EntryFields(date(2026, 5, 2), time(8, 5)))
    last_year = log.add(EntryFields(date(2025, 12, 31), time(23, 59)))
    next_day = log.add(EntryFields(date(2026, 5, 3), time(0, 1)))
    order = [entry.id for entry in log.entries()]
    assert order == [last_year.id, unknown_time.id, early.id, same_time_added_later.id,
                     late.id, next_day.id]
    log.vault.close()


def test_entry_fields_are_checked_before_anything_is_written(saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    saves_before = stored(log, SAVES)
    with pytest.raises(ValueError):
        log.add(EntryFields(date(2026, 1, 1), platform="myspace"))
    with pytest.raises(TypeError):
        log.add(EntryFields(datetime(2026, 1, 1, 9, 0)))
    with pytest.raises(TypeError):
        log.add(EntryFields(date(2026, 1, 1), time(9, 0, tzinfo=UTC)))
    with pytest.raises(PlanError):
        log.add(EntryFields(date(2026, 1, 1), what_happened="x" * (2 * 1024 * 1024)))
    with pytest.raises(PlanError):
        log.add(EntryFields(date(2026, 1, 1), account="lone \ud800 surrogate"))
    assert log.entries() == ()
    assert stored(log, SAVES) == saves_before
    log.vault.close()


# -- files -----------------------------------------------------------------------------------


def test_attach_keeps_the_bytes_their_hash_and_import_time_and_verifies(
        saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    clock.advance()
    data = b"saved message\nfrom @real.handle_99\n" * 1000
    attachment = log.attach(entry.id, "message.txt", data)
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.size == len(data)
    assert attachment.imported_at == clock.now
    assert attachment.media_type == "text/plain"
    assert log.entry(entry.id).changed_at == clock.now  # adding proof changes the entry
    log.vault.close()

    log = open_log(saved, clock)
    assert log.entry(entry.id).attachments == (attachment,)
    assert log.attachment_bytes(attachment.id) == data
    assert log.verify(attachment.id)
    log.vault.close()


def test_verify_is_false_once_the_stored_bytes_are_changed(saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    attachment = log.attach(entry.id, "shot.png", png())
    with log.vault.transaction() as connection:
        connection.execute(
            "UPDATE evidence_attachment_bytes SET data = substr(data, 1, 40) || x'00'"
            " || substr(data, 42) WHERE attachment_id = ?", (attachment.id,))
    log.vault.close()

    log = open_log(saved, clock)
    assert log.attachment_bytes(attachment.id) != png()
    assert log.attachment(attachment.id).sha256 == attachment.sha256
    assert not log.verify(attachment.id)
    log.vault.close()


@pytest.mark.parametrize(("given", "kept"), [
    ("C:\\Users\\Ana Lopez\\Pictures\\shot 1.png", "shot 1.png"),
    ("/home/ana/Desktop/threats/msg.txt", "msg.txt"),
    ("\\\\server\\share\\ana\\call.pdf", "call.pdf"),
    ("just-a-name.jpg", "just-a-name.jpg"),
    ("/home/ana/", "ana"),
    ("", "unnamed"),
    ("folder/bad \udcff byte.txt", "bad ? byte.txt"),
])
def test_a_file_keeps_its_name_but_never_its_folder(
        saved: Path, clock: Clock, given: str, kept: str) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    attachment = log.attach(entry.id, given, b"proof")
    log.vault.close()
    log = open_log(saved, clock)
    assert log.attachment(attachment.id).name == kept
    names = [name for (name,) in log.vault.query("SELECT name FROM evidence_attachments")]
    assert names == [kept]
    log.vault.close()


@pytest.mark.parametrize(("data", "media_type"), [
    (jpeg(), "image/jpeg"),
    (png(), "image/png"),
    (b"GIF89a" + bytes(20), "image/gif"),
    (b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(8), "image/webp"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
    (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "image/heif"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
    ("Él dijo: «te veo» 👀\r\n\tfin\n".encode(), "text/plain"),
    (b"a" * 65535 + "é".encode(), "text/plain"),  # a character cut by the sample's end
    (b"text with a NUL \x00 inside", "application/octet-stream"),
    (b"\xff\xfeu\x00t\x00f\x00", "application/octet-stream"),
    (b"PK\x03\x04 a zip", "application/octet-stream"),
    (b"", "application/octet-stream"),
])
def test_the_type_comes_from_the_bytes_not_the_name(data: bytes, media_type: str) -> None:
    assert sniff_media_type(data) == media_type


def test_a_photo_with_gps_is_flagged_and_one_without_is_not(saved: Path, clock: Clock) -> None:
    with_gps = jpeg(exif_with_gps())
    assert Image.open(io.BytesIO(with_gps)).getexif().get_ifd(0x8825)  # Pillow sees GPS too
    camera_only = Image.Exif()
    camera_only[0x010F] = "PhoneMaker"
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    located = log.attach(entry.id, "IMG_0001.jpg", with_gps)
    exif_only = log.attach(entry.id, "IMG_0002.jpg", jpeg(camera_only))
    bare = log.attach(entry.id, "IMG_0003.jpg", jpeg())
    log.vault.close()

    log = open_log(saved, clock)
    assert (log.attachment(located.id).has_location, log.attachment(located.id).has_metadata) \
        == (True, True)
    assert (exif_only.has_location, exif_only.has_metadata) == (False, True)
    assert (bare.has_location, bare.has_metadata) == (False, False)
    log.vault.close()


@pytest.mark.parametrize("gps", [True, False])
def test_exif_in_motorola_byte_order_is_read_too(gps: bool) -> None:
    data = jpeg(big_endian_exif(gps))
    assert (Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825) != {}) is gps
    assert embedded_metadata(data, "image/jpeg") == (True, gps)


def test_an_empty_gps_directory_is_not_a_location() -> None:
    tiff = b"MM\x00*" + struct.pack(">IHHHIII", 8, 1, 0x8825, 4, 1, 26, 0)
    tiff += struct.pack(">HI", 0, 0)  # the GPS directory, with no entries
    data = jpeg(b"Exif\x00\x00" + tiff)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825) == {}
    assert embedded_metadata(data, "image/jpeg") == (True, False)


def test_png_text_chunks_and_png_exif_are_flagged() -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at home")
    compressed = PngImagePlugin.PngInfo()
    compressed.add_text("Description", "x" * 2000, zip=True)
    xmp = PngImagePlugin.PngInfo()
    xmp.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description'
                 ' exif:GPSLatitude="40,26.7N"/></x:xmpmeta>', zip=True)
    assert embedded_metadata(png(), "image/png") == (False, False)
    assert embedded_metadata(png(text), "image/png") == (True, False)
    assert embedded_metadata(png(compressed), "image/png") == (True, False)
    assert embedded_metadata(png(xmp), "image/png") == (True, True)
    with_exif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(with_exif, "PNG", exif=exif_with_gps())
    assert embedded_metadata(with_exif.getvalue(), "image/png") == (True, True)


def test_webp_exif_and_exif_inside_other_containers_are_flagged() -> None:
    webp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(webp, "WEBP", exif=exif_with_gps())
    assert embedded_metadata(webp.getvalue(), "image/webp") == (True, True)
    plain_webp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(plain_webp, "WEBP")
    assert embedded_metadata(plain_webp.getvalue(), "image/webp") == (False, False)
    # HEIC keeps EXIF as an item inside the file: found by looking for the block anywhere.
    heic = b"\x00\x00\x00\x18ftypheic" + bytes(40) + b"\x00\x00\x00\x06" + big_endian_exif(True)
    assert embedded_metadata(heic, "image/heic") == (True, True)
    assert embedded_metadata(b"%PDF-1.4 Exif\x00\x00MM\x00*", "application/pdf") == (False,
                                                                                     False)


def test_a_png_attachment_with_a_text_chunk_is_flagged_in_the_log(
        saved: Path, clock: Clock) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Ana Lopez")
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    flagged = log.attach(entry.id, "screen.png", png(info))
    clean = log.attach(entry.id, "screen2.png", png())
    assert (flagged.has_metadata, flagged.has_location) == (True, False)
    assert (clean.has_metadata, clean.has_location) == (False, False)
    log.vault.close()


def test_hostile_image_bytes_never_crash_the_import() -> None:
    """Truncated and lying structures: a length past the end, a pointer out of the file."""
    samples = [
        b"\xff\xd8\xff\xe1\xff\xffExif\x00\x00MM\x00*\x00\x00\x00\x08",
        b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\xff",
        b"\xff\xd8\xff\xe1\x00\x02\xff\xe1\x00\x00\xff\xe1\x00\x01",
        b"\x89PNG\r\n\x1a\n\xff\xff\xff\xffzTXt" + b"k\x00\x00garbage",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x05iTXtk\x00\x01\x00",
        b"RIFF\x00\x00\x00\x00WEBPEXIF\xff\xff\xff\xff",
        jpeg(exif_with_gps())[:300],
    ]
    for data in samples:
        has_metadata, has_location = embedded_metadata(data, sniff_media_type(data))
        assert isinstance(has_metadata, bool) and isinstance(has_location, bool)
    # A GPS pointer leading outside the file still warns: something there was meant to be.
    lost_pointer = b"Exif\x00\x00MM\x00*" + struct.pack(">IHHHII", 8, 1, 0x8825, 4, 1, 9999)
    assert embedded_metadata(jpeg(lost_pointer), "image/jpeg") == (True, True)


# -- what reaches the disk -------------------------------------------------------------------


def canary_needles() -> list[bytes]:
    return [CANARY.encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def assert_no_canary_on_disk(folder: Path) -> None:
    for file in files_under(folder):
        data = file.read_bytes()
        assert not any(needle in data for needle in canary_needles()), file


def test_attachment_bytes_never_reach_the_disk_in_plain_form(
        tmp_path: Path, saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    secret = (b"photo bytes " + CANARY.encode() + b" " + CANARY.encode("utf-16-le")) * 5000
    log.attach(entry.id, "IMG.jpg", jpeg() + secret)
    assert_no_canary_on_disk(tmp_path)  # while open
    log.vault.close()
    assert saved in files_under(tmp_path) and backup_path(saved) in files_under(tmp_path)
    assert_no_canary_on_disk(tmp_path)  # and with its backup refreshed


def test_deleting_an_entry_deletes_its_files_bytes_and_all(
        tmp_path: Path, saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    kept = log.add(full_fields())
    kept_file = log.attach(kept.id, "kept.txt", b"keep me")
    doomed = log.add(full_fields(date(2026, 11, 5)))
    for number in range(3):
        log.attach(doomed.id, f"{number}.bin", CANARY.encode() * (1000 * (number + 1)))
    log.delete(doomed.id)
    log.vault.close()

    log = open_log(saved, clock)
    assert [entry.id for entry in log.entries()] == [kept.id]
    assert stored(log, "SELECT count(*) FROM evidence_attachments") == 1
    assert stored(log, "SELECT count(*) FROM evidence_attachment_bytes") == 1
    assert stored(log, "SELECT count(*) FROM evidence_attachment_bytes WHERE instr(data, ?)",
                  (CANARY.encode(),)) == 0
    assert stored(log, "PRAGMA secure_delete") == 1  # freed pages are overwritten
    assert log.verify(kept_file.id)
    log.vault.close()
    assert_no_canary_on_disk(tmp_path)


def test_removing_one_file_keeps_the_others_and_moves_changed_at(
        saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    first = log.attach(entry.id, "a.txt", b"first")
    second = log.attach(entry.id, "b.txt", b"second")
    clock.advance()
    log.remove_attachment(first.id)
    assert log.entry(entry.id).attachments == (second,)
    assert log.entry(entry.id).changed_at == clock.now
    with pytest.raises(PlanError):
        log.attachment_bytes(first.id)
    assert stored(log, "SELECT count(*) FROM evidence_attachment_bytes") == 1
    log.vault.close()


def test_an_oversized_file_is_refused_clearly_and_changes_nothing(
        saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    log.vault.close()
    log = open_log(saved, clock)
    saves_before = stored(log, SAVES)
    clock.advance()
    with pytest.raises(PlanError, match="50 MB") as refused:
        log.attach(entry.id, "video.mp4", bytes(MAX_ATTACHMENT_BYTES + 1))
    assert "Nothing was added" in str(refused.value)
    assert stored(log, SAVES) == saves_before
    assert log.entry(entry.id) == entry
    log.vault.close()


def test_a_file_of_exactly_the_limit_is_kept(saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    attachment = log.attach(entry.id, "big.bin", bytes(MAX_ATTACHMENT_BYTES))
    assert attachment.size == MAX_ATTACHMENT_BYTES
    assert log.verify(attachment.id)
    log.vault.close()


def test_a_full_disk_during_import_loses_nothing_saved_before(
        saved: Path, clock: Clock) -> None:
    """SQLite's page limit stands in for a full disk: the write fails with SQLITE_FULL exactly
    as it would, inside the import's transaction."""
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    earlier = log.attach(entry.id, "earlier.txt", b"saved before")
    pages = stored(log, "PRAGMA page_count")
    log.vault.connection.execute(f"PRAGMA max_page_count = {int(str(pages)) + 5}").fetchall()
    clock.advance()
    with pytest.raises(DiskFull):
        log.attach(entry.id, "photo.jpg", jpeg() + bytes(1024 * 1024))
    assert log.entry(entry.id).attachments == (earlier,)
    assert log.entry(entry.id).changed_at == entry.changed_at
    assert stored(log, "SELECT count(*) FROM evidence_attachment_bytes") == 1
    log.vault.close()
    log = open_log(saved, clock)
    assert log.verify(earlier.id)
    log.vault.close()


def test_a_file_for_an_entry_that_is_gone_is_refused(saved: Path, clock: Clock) -> None:
    log = open_log(saved, clock)
    with pytest.raises(PlanError):
        log.attach(404, "a.txt", b"x")
    assert stored(log, "SELECT count(*) FROM evidence_attachments") == 0
    assert stored(log, "SELECT count(*) FROM evidence_attachment_bytes") == 0
    log.vault.close()


def test_listing_and_opening_entries_never_read_a_files_bytes(
        saved: Path, clock: Clock) -> None:
    """SQLite's authorizer names every table a statement reads: the list and one entry touch
    only the rows that describe files; the bytes table is read only when asked for."""
    log = open_log(saved, clock)
    entry = log.add(full_fields())
    attachment = log.attach(entry.id, "big.bin", bytes(5 * 1024 * 1024))
    read: set[str] = set()

    def record(action: int, table: str | None, *_rest: object) -> int:
        if action == 20 and table:  # SQLITE_READ
            read.add(table)
        return 0  # SQLITE_OK

    log.vault.connection.set_authorizer(record)
    assert log.entries()[0].attachments == (attachment,)
    assert log.entry(entry.id).attachments == (attachment,)
    assert log.attachment(attachment.id) == attachment
    assert "evidence_attachments" in read
    assert "evidence_attachment_bytes" not in read
    log.attachment_bytes(attachment.id)
    assert "evidence_attachment_bytes" in read
    log.vault.connection.set_authorizer(None)
    log.vault.close()


def test_a_guest_session_keeps_the_log_in_memory_and_writes_no_file(
        isolated_home: Path, tmp_path: Path, clock: Clock) -> None:
    plan = Plan(Vault.guest())
    log = plan.evidence()
    assert log.vault is plan.vault
    entry = log.add(full_fields())
    attachment = log.attach(entry.id, "/home/ana/IMG.jpg", jpeg(exif_with_gps()) +
                            CANARY.encode() * 1000)
    assert attachment.has_location and attachment.name == "IMG.jpg"
    assert log.verify(attachment.id)
    assert plan.evidence().entries()[0].attachments == (attachment,)
    log.delete(entry.id)
    assert log.entries() == ()
    plan.vault.close()
    assert files_under(isolated_home) == []
    assert files_under(tmp_path) == []


def test_the_plan_gives_the_log_of_its_own_vault(saved: Path) -> None:
    plan = Plan(Vault.open(saved, PASSPHRASE, CHEAP_KEYS))
    entry = plan.evidence().add(full_fields())
    assert plan.evidence().entries() == (entry,)
    assert entry.created_at.tzinfo is not None
    plan.vault.close()


def test_the_evidence_module_needs_no_imaging_library() -> None:
    """Pillow is there only because reportlab needs it; importing the log must not load it."""
    code = ("import sys; import planner.core.evidence; "
            "sys.exit(1 if any(m == 'PIL' or m.startswith('PIL.') for m in sys.modules) else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=120)
    assert result.returncode == 0, result.stderr


# -- migration -------------------------------------------------------------------------------


def test_a_version_two_vault_is_migrated_keeping_all_its_data(tmp_path: Path,
                                                              clock: Clock) -> None:
    path = make_old_vault(
        tmp_path / "plan.db", 2,
        ("INSERT INTO action_status VALUES ('acct-turn-on-2sv', 'later')", ()),
        ("INSERT INTO topic_notes VALUES ('location', ?)", (f"note {HOSTILE}",)),
        ("INSERT INTO choices VALUES ('priority', 'children'), ('platform', 'instagram')", ()),
        ("INSERT INTO contacts (name, reach, note, position) VALUES ('B', '2', '', 2),"
         " ('A', '1', 'first', 1)", ()),
        ("INSERT INTO resources (name, reach, note, position) VALUES ('Library', '9-5', '', 1)",
         ()),
        ("INSERT INTO settings VALUES ('text_scale', '150')", ()))
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert schema.stored_version(vault.connection) == schema.SCHEMA_VERSION == 3
    assert schema.has_tables(vault.connection, 3)
    plan = Plan(vault)
    assert plan.statuses() == {"acct-turn-on-2sv": ActionStatus.LATER}
    assert plan.note("location") == f"note {HOSTILE}"
    assert plan.priorities() == {"children"} and plan.platforms() == {"instagram"}
    assert [(c.name, c.note) for c in plan.contacts()] == [("A", "first"), ("B", "")]
    assert [r.name for r in plan.resources()] == ["Library"]
    assert plan.setting("text_scale") == "150"
    log = EvidenceLog(vault, clock=clock)
    entry = log.add(full_fields())
    log.attach(entry.id, "a.png", png())
    vault.close()

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert [e.id for e in EvidenceLog(vault).entries()] == [entry.id]
    assert Plan(vault).note("location") == f"note {HOSTILE}"
    vault.close()


def test_a_version_two_vault_missing_a_table_is_damaged_not_migrated(tmp_path: Path) -> None:
    """Each older version is checked against its own tables, not the newest ones."""
    path = make_old_vault(tmp_path / "plan.db", 2, ("DROP TABLE resources", ()))
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE, CHEAP_KEYS)
