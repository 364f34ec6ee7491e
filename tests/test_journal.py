"""A rollback journal left beside a plan: only the plan's own, latest one is ever replayed.

SQLite replays a hot `-journal` on any open, with any key or none: the journal's pages go back
into the plan file before the passphrase is even checked. These tests put real journals, made by
a real SQLCipher writer killed in the middle of a save, beside real plan files: one from another
plan, old ones of the same plan, and the plan's own from the crash that just happened.
"""

from __future__ import annotations

import errno
import random
import shutil
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS, PASSPHRASE, make_vault

from planner.core import files
from planner.core.plan import Plan
from planner.core.plans import PlanFolder
from planner.core.vault import Vault, WrongPassphrase

_OPEN = r"""
import os, shutil, signal, sys
from pathlib import Path
from planner.core import kdf
from planner.core.plan import Plan
from planner.core.plans import PlanFolder
from planner.core.vault import Vault, silence_sqlcipher_logging
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
where, passphrase = Path(sys.argv[1]), sys.argv[2]
if where.is_dir():
    vault = PlanFolder(where, CHEAP_KEYS).open(passphrase)
else:
    vault = Vault.open(where, passphrase, CHEAP_KEYS)
journal = vault.path.with_name(vault.path.name + "-journal")
# A small page cache makes SQLite write pages into the plan file before the save ends, as it
# does for any save bigger than its cache: then only the journal can put them back.
vault.connection.execute("PRAGMA cache_size = 4")


def big_save(connection):
    connection.execute("UPDATE topic_notes SET body = 'the big save' WHERE topic_id = 'location'")
    connection.execute("UPDATE topic_notes SET body = upper(body) WHERE topic_id != 'location'")
    for number in range(60):
        connection.execute("INSERT OR REPLACE INTO topic_notes VALUES (?, ?)",
                           (f"unsaved-{number}", "x" * 3000))
"""

CRASH_MID_SAVE = _OPEN + r"""
with vault.transaction() as connection:
    big_save(connection)
    os.kill(os.getpid(), signal.SIGKILL)  # killed in the middle of the save
"""

COPY_JOURNAL_MID_SAVE = _OPEN + r"""
# A sync tool or a copy of the folder catches the journal while a save is under way; the save
# then ends normally, and as many more saves as the third argument says follow it.
with vault.transaction() as connection:
    big_save(connection)
    shutil.copyfile(journal, sys.argv[3])
plan = Plan(vault)
for number in range(int(sys.argv[4])):
    plan.set_note("location", f"saved later {number}")
if sys.argv[5] == "close":
    vault.close()
os.kill(os.getpid(), signal.SIGKILL)  # without closing, the backup is the plan as it opened
"""

REKEY = r"""
import sys
from pathlib import Path
from planner.core import kdf
from planner.core.vault import Vault, silence_sqlcipher_logging
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
vault = Vault.open(Path(sys.argv[1]), sys.argv[2], CHEAP_KEYS)
# A small page cache makes SQLite write pages under the new key before the change ends.
vault.connection.execute("PRAGMA cache_size = 4")
print("ready", flush=True)
vault.change_passphrase(sys.argv[2], sys.argv[3], CHEAP_KEYS)
vault.close()
"""


def _run(script: str, *arguments: object) -> None:
    child = subprocess.run([sys.executable, "-c", script, *map(str, arguments)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == -signal.SIGKILL, child.stderr


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _refused(path: Path) -> Path:
    return path.with_name(path.name + "-journal.refused")


def _puts_pages_back(journal: bytes) -> bool:
    """Whether SQLite would copy pages from this journal into the plan (its header counts
    synced page records), so replaying it is not a no-op."""
    magic = bytes.fromhex("d9d505f920a163d7")
    (records,) = struct.unpack(">I", journal[8:12])
    return journal[:8] == magic and records > 0


def _crash_mid_save(where: Path, passphrase: str = PASSPHRASE) -> None:
    _run(CRASH_MID_SAVE, where, passphrase)


def _contents(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    """Everything the person saved (every table but the vault's own bookkeeping in `meta`)."""
    tables = [row[0] for row in vault.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'")]
    return {table: sorted(vault.query(f"SELECT * FROM {table}"), key=repr) for table in tables}


def _open_contents(path: Path, passphrase: str = PASSPHRASE) -> dict[str, list[tuple[object, ...]]]:
    vault = Vault.open(path, passphrase, CHEAP_KEYS)
    try:
        return _contents(vault)
    finally:
        vault.close()


def _plan(folder: Path) -> Path:
    """A plan with thirty notes, so a big save rewrites many of its pages; bigger than the plan
    `_other_plans_journal` crashes, so that plan's journal would also cut this one short (SQLite
    truncates the file to the length its journal recorded)."""
    path = make_vault(folder)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    for number in range(30):
        plan.set_note(f"topic-{number}", f"kept {number} " + "y" * 2000)
    vault.close()
    return path


def _other_plans_journal(tmp_path: Path) -> bytes:
    """A hot journal from another plan (same passphrase, its own salt, so its own key)."""
    other = make_vault(tmp_path / "other")
    _crash_mid_save(other)
    journal = _journal(other).read_bytes()
    assert _puts_pages_back(journal)
    return journal


# -- a journal from another plan -----------------------------------------------------------


def test_another_plans_journal_is_set_aside_and_the_plan_opens_with_nothing_lost(
        tmp_path: Path) -> None:
    path = _plan(tmp_path / "mine")
    saved = _open_contents(path)
    size = path.stat().st_size
    foreign = _other_plans_journal(tmp_path)
    _journal(path).write_bytes(foreign)

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert _contents(vault) == saved
    vault.close()
    assert path.stat().st_size == size  # not cut to the other plan's length
    assert not _journal(path).exists()
    assert _refused(path).read_bytes() == foreign  # set aside, never deleted
    assert vault.set_aside_journal == _refused(path)
    assert vault.journal_notice()


def test_a_wrong_passphrase_with_another_plans_journal_beside_changes_no_byte(
        tmp_path: Path) -> None:
    path = _plan(tmp_path / "mine")
    saved = _open_contents(path)
    _journal(path).write_bytes(_other_plans_journal(tmp_path))
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase", CHEAP_KEYS)
    assert path.read_bytes() == before
    assert _open_contents(path) == saved


def test_trying_a_passphrase_in_a_folder_never_replays_another_plans_journal(
        tmp_path: Path) -> None:
    """On a shared computer: one person's journal lies beside another person's plan (a copy of
    the folder put back, a sync tool). Trying any passphrase changes no byte of that plan; its
    owner opens it whole, and the other plan still rolls back its own crash."""
    data = tmp_path / "data"
    folder = PlanFolder(data, CHEAP_KEYS)
    ana, bea = "ana's own quiet river", "bea keeps the blue lamp"
    for passphrase in (ana, bea):
        vault = folder.create(passphrase)
        plan = Plan(vault)
        plan.set_note("location", f"{passphrase}'s safe place")
        for number in range(20):
            plan.set_note(f"topic-{number}", "z" * 2000)
        vault.close()
    vault = folder.open(ana)
    vault.close()
    assert vault.path is not None
    mine = vault.path
    _crash_mid_save(data, bea)
    (bea_path,) = [p for p in folder.plan_files() if _journal(p).exists()]
    assert _puts_pages_back(_journal(bea_path).read_bytes())
    shutil.copyfile(_journal(bea_path), _journal(mine))
    before = mine.read_bytes()

    with pytest.raises(WrongPassphrase):
        folder.open("nobody's passphrase")
    assert mine.read_bytes() == before
    vault = folder.open(bea)
    assert Plan(vault).note("location") == f"{bea}'s safe place"
    vault.close()
    assert mine.read_bytes() == before
    vault = folder.open(ana)
    assert vault.path == mine
    assert Plan(vault).note("location") == f"{ana}'s safe place"
    assert vault.set_aside_journal == _refused(mine)
    vault.close()


# -- an old journal of the same plan -------------------------------------------------------


def _old_journal_then_later_saves(path: Path) -> bytes:
    """A real crash mid-save; its journal is copied; the plan is opened (the crash rolled
    back), two notes are saved and the plan is closed. Returns the old journal."""
    _crash_mid_save(path)
    old = _journal(path).read_bytes()
    assert _puts_pages_back(old)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    plan.set_note("location", "the new safe place")
    plan.set_note("documents", "passports moved")
    vault.close()
    return old


def test_an_old_journal_put_back_after_later_saves_undoes_none_of_them(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    old = _old_journal_then_later_saves(path)
    saved = _open_contents(path)
    _journal(path).write_bytes(old)

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert Plan(vault).note("location") == "the new safe place"
    assert Plan(vault).note("documents") == "passports moved"
    assert _contents(vault) == saved
    vault.close()
    assert _refused(path).read_bytes() == old


def test_a_wrong_passphrase_with_an_old_journal_beside_changes_no_byte(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    old = _old_journal_then_later_saves(path)
    _journal(path).write_bytes(old)
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase", CHEAP_KEYS)
    assert path.read_bytes() == before
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert Plan(vault).note("location") == "the new safe place"
    vault.close()


def test_a_journal_copied_mid_save_and_put_back_after_later_saves_undoes_none_of_them(
        tmp_path: Path) -> None:
    """All in one session that then crashes (so the backup is the plan as it was opened, and
    cannot tell): the count of saves the plan keeps tells this journal is two saves old."""
    path = _plan(tmp_path)
    copied = tmp_path / "copied-journal"
    _run(COPY_JOURNAL_MID_SAVE, path, PASSPHRASE, copied, 2, "kill")
    assert _puts_pages_back(copied.read_bytes())
    assert not _journal(path).exists()  # every save in that session finished
    shutil.copyfile(copied, _journal(path))

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert Plan(vault).note("location") == "saved later 1"
    assert "unsaved-0" in Plan(vault).notes()  # the save the journal was copied during
    vault.close()
    assert _refused(path).read_bytes() == copied.read_bytes()


def test_the_journal_of_the_last_save_put_back_after_the_plan_was_closed_is_refused(
        tmp_path: Path) -> None:
    """Closing refreshes the backup, which then holds the finished save: a witness that the
    journal is older than the plan."""
    path = _plan(tmp_path)
    copied = tmp_path / "copied-journal"
    _run(COPY_JOURNAL_MID_SAVE, path, PASSPHRASE, copied, 0, "close")
    shutil.copyfile(copied, _journal(path))

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert Plan(vault).note("location") == "the big save"  # that save finished: it stays
    vault.close()
    assert _refused(path).exists()


def test_the_journal_of_the_last_save_put_back_at_once_is_replayed_a_known_limit(
        tmp_path: Path) -> None:
    """Not detectable: the journal of the last save, put back before any later save and before
    the backup was refreshed, makes exactly the files a crash at the very end of that save
    leaves (SQLite counts a save as done only once its journal is gone). It is replayed."""
    path = _plan(tmp_path)
    copied = tmp_path / "copied-journal"
    _run(COPY_JOURNAL_MID_SAVE, path, PASSPHRASE, copied, 0, "kill")
    shutil.copyfile(copied, _journal(path))

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert Plan(vault).note("location").startswith("note ")  # as before that save
    vault.close()
    assert not _journal(path).exists() and not _refused(path).exists()


# -- the plan's own journal after a real crash ---------------------------------------------


def test_a_real_crash_mid_save_is_still_rolled_back(tmp_path: Path) -> None:
    path = _plan(tmp_path)
    saved = _open_contents(path)
    _crash_mid_save(path)
    assert _puts_pages_back(_journal(path).read_bytes())
    without_journal = tmp_path / "without" / "plan.db"
    without_journal.parent.mkdir()
    shutil.copyfile(path, without_journal)
    # The journal matters: without it the file holds part of the unfinished save.
    assert _open_contents(without_journal) != saved

    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert _contents(vault) == saved
    vault.close()
    assert not _journal(path).exists() and not _refused(path).exists()


def test_a_wrong_passphrase_after_a_crash_changes_no_byte_and_leaves_the_journal(
        tmp_path: Path) -> None:
    path = _plan(tmp_path)
    saved = _open_contents(path)
    _crash_mid_save(path)
    plan_before, journal_before = path.read_bytes(), _journal(path).read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase", CHEAP_KEYS)
    assert path.read_bytes() == plan_before
    assert _journal(path).read_bytes() == journal_before
    assert _open_contents(path) == saved


def test_a_change_of_passphrase_cut_short_is_undone_by_the_old_one_and_the_new_changes_nothing(
        tmp_path: Path) -> None:
    """Kill a change of passphrase once its journal exists, after a random moment. The new
    passphrase is tried first: it changes no byte unless every page was already written under
    it (then it opens the whole plan and the journal is set aside); the old passphrase rolls the
    change back."""
    path = _plan(tmp_path)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    for number in range(30, 130):  # more pages: a change that lasts long enough to be cut
        Plan(vault).set_note(f"topic-{number}", "w" * 3000)
    vault.close()
    old, new = PASSPHRASE, "a new passphrase for the plan"
    rng = random.Random(15)
    hot_journals = 0
    for _ in range(8):
        _kill_a_change_of_passphrase(path, old, new, rng)
        if _journal(path).exists():
            hot_journals += 1
            before = path.read_bytes()
            try:
                vault = Vault.open(path, new, CHEAP_KEYS)
            except WrongPassphrase:
                assert path.read_bytes() == before
                vault = Vault.open(path, old, CHEAP_KEYS)
            else:
                assert vault.set_aside_journal is not None
                old, new = new, old
        else:
            try:
                vault = Vault.open(path, old, CHEAP_KEYS)
            except WrongPassphrase:
                vault = Vault.open(path, new, CHEAP_KEYS)
                old, new = new, old
        assert Plan(vault).note("topic-29").startswith("kept 29 ")
        vault.close()
    assert hot_journals >= 4, "the kills hardly ever landed in the middle of the change"


def _kill_a_change_of_passphrase(path: Path, old: str, new: str, rng: random.Random) -> None:
    child = subprocess.Popen([sys.executable, "-c", REKEY, str(path), old, new],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    while not _journal(path).exists() and child.poll() is None:
        time.sleep(0.001)  # waiting for the change to begin, not for a guessed moment
    time.sleep(rng.uniform(0, 0.02))
    child.send_signal(signal.SIGKILL)
    child.communicate()


def test_with_no_room_to_copy_the_plan_sqlites_own_recovery_still_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check reads copies of the plan and its journal written beside it. On a disk too full
    for them it is skipped, and SQLite's own crash recovery runs as it always did."""
    path = _plan(tmp_path)
    saved = _open_contents(path)
    _crash_mid_save(path)

    def no_room(source: Path, target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "copy_atomically", no_room)
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert _contents(vault) == saved
    vault.close()
    assert not _journal(path).exists() and not _refused(path).exists()


# -- what is kept aside --------------------------------------------------------------------


def test_erasing_a_plan_erases_a_journal_set_aside_beside_it(tmp_path: Path) -> None:
    path = _plan(tmp_path / "mine")
    _journal(path).write_bytes(_other_plans_journal(tmp_path))
    Vault.open(path, PASSPHRASE, CHEAP_KEYS).close()
    assert _refused(path).exists()
    Vault.erase(path)
    assert sorted(path.parent.iterdir()) == []


def test_the_window_says_a_leftover_file_was_not_used_and_the_plan_is_whole(
        qtbot, tmp_path: Path) -> None:
    from ui_helpers import start_app

    data = tmp_path / "data"
    vault = PlanFolder(data, CHEAP_KEYS).create(PASSPHRASE)
    Plan(vault).set_note("location", "the library on Tuesdays")
    vault.close()
    _journal(vault.path).write_bytes(_other_plans_journal(tmp_path))
    app = start_app(data, qtbot)
    welcome = app.window.welcome
    welcome.open_button.click()
    qtbot.keyClicks(welcome.open_passphrase, PASSPHRASE)
    welcome.open_go.click()
    assert app.session.plan is not None
    assert app.session.plan.note("location") == "the library on Tuesdays"
    banner = app.window.save_errors
    assert banner.isVisibleTo(app.window)
    assert "not used" in banner.text.text() and "kept" in banner.text.text()
    app.window.end_session()
