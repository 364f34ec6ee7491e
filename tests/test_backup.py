"""The last-good backup is refreshed only when the plan holds saves it lacks, and never from a
damaged plan (real SQLCipher files; issue 17: a plan of large evidence files must not be read
whole and copied at every opening)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS, PASSPHRASE, digest, make_vault

from planner.core.evidence import EntryFields, EvidenceLog
from planner.core.plan import Plan
from planner.core.vault import PAGE_SIZE, Vault, VaultDamaged, backup_path


def backup_identity(path: Path) -> tuple[int, int, str]:
    """What a rewrite of the backup changes: its inode (a copy is renamed into place), its time
    and its bytes."""
    status = backup_path(path).stat()
    return status.st_ino, status.st_mtime_ns, digest(backup_path(path))


def note_in_the_backup(path: Path) -> str:
    """The location note as the backup holds it (read from a copy of the backup)."""
    copy = path.with_name("copy-of-backup.db")
    copy.write_bytes(backup_path(path).read_bytes())
    vault = Vault.open(copy, PASSPHRASE, CHEAP_KEYS)
    try:
        return Plan(vault).note("location")
    finally:
        vault.close()
        Vault.erase(copy)


def test_opening_and_closing_an_unchanged_plan_leaves_its_backup_as_it_was(
        tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    before = backup_identity(path)
    for _ in range(2):
        vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
        Plan(vault).note("location")  # reading is not a change
        vault.close()
    assert backup_identity(path) == before


def test_a_change_is_in_the_backup_once_the_plan_is_closed(tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    Plan(vault).set_note("location", "written in this session")
    assert note_in_the_backup(path) != "written in this session"  # not yet: still open
    vault.close()
    assert note_in_the_backup(path) == "written in this session"


WRITE_AND_VANISH = r"""
import os, sys
sys.path.insert(0, sys.argv[2])
from vault_helpers import CHEAP_KEYS, PASSPHRASE
from planner.core.plan import Plan
from planner.core.vault import Vault
Plan(Vault.open(__import__("pathlib").Path(sys.argv[1]), PASSPHRASE, CHEAP_KEYS)).set_note(
    "location", "saved, then the app was gone")
os._exit(0)  # no close: as a crash, a kill or a power cut after the save
"""


def test_a_session_that_ended_without_closing_is_backed_up_at_the_next_opening(
        tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    subprocess.run([sys.executable, "-c", WRITE_AND_VANISH, str(path),
                    str(Path(__file__).parent)], check=True, timeout=60)
    assert note_in_the_backup(path) != "saved, then the app was gone"
    Vault.open(path, PASSPHRASE, CHEAP_KEYS).close()
    assert note_in_the_backup(path) == "saved, then the app was gone"


def flip_inside_the_last_file(path: Path, file_size: int) -> None:
    """Change one byte in the middle of the bytes of the file attached last (they fill the end
    of the plan file, in overflow pages an opening does not read)."""
    offset = path.stat().st_size - file_size // 2
    with open(path, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x40]))
        handle.flush()
        os.fsync(handle.fileno())


def test_damage_inside_an_evidence_file_never_replaces_the_backup_and_is_named_next_time(
        tmp_path: Path) -> None:
    """A byte of a photo changes on disk while the plan is open (a failing disk). The session
    then changes something, so closing would refresh the backup: it reads every page first,
    finds the damage and keeps the good copy. The next opening, with the backup due, reads
    every page too and names the damage, with the copy to restore; the photo comes back."""
    size = 40 * PAGE_SIZE
    photo = b"\xff\xd8\xff\xe0" + os.urandom(size - 4)
    path = make_vault(tmp_path)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    log = EvidenceLog(vault)
    attachment = log.attach(log.add(EntryFields(date(2026, 11, 2))).id, "photo.jpg", photo)
    vault.close()
    good_backup = backup_identity(path)

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    flip_inside_the_last_file(path, size)
    Plan(vault).set_note("location", "written after the damage")
    vault.close()
    assert backup_identity(path) == good_backup

    with pytest.raises(VaultDamaged) as caught:
        Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert caught.value.restorable
    Vault.restore_backup(path)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    log = EvidenceLog(vault)
    assert log.attachment_bytes(attachment.id) == photo and log.verify(attachment.id)
    vault.close()
    assert len(list(path.parent.glob("plan.db.damaged*"))) == 1  # the damaged file kept aside
