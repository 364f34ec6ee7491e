"""Kill a writer with SIGKILL at random moments: what it acknowledged must survive."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS, PASSPHRASE

from planner.core.plan import Plan
from planner.core.vault import Vault, WrongPassphrase

WRITER = r"""
import sys
from pathlib import Path
from planner.core import kdf
from planner.core.plan import Plan
from planner.core.vault import Vault, silence_sqlcipher_logging
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
vault = Vault.open(Path(sys.argv[1]), sys.argv[2], CHEAP_KEYS)
plan = Plan(vault)
start = int(sys.argv[3])
for i in range(start, start + 100000):
    plan.set_note(f"topic-{i}", f"note number {i} " + "x" * (i % 500))
    plan.add_contact(f"person {i}", "555", "")
    print(i, flush=True)
"""

REKEYER = r"""
import sys
from pathlib import Path
from planner.core import kdf
from planner.core.vault import Vault, silence_sqlcipher_logging
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
old, new = sys.argv[2], sys.argv[3]
vault = Vault.open(Path(sys.argv[1]), old, CHEAP_KEYS)
print("ready", flush=True)
vault.change_passphrase(old, new, CHEAP_KEYS)
print("changed", flush=True)
vault.close()
"""

KILLS = 50


def _run_and_kill(arguments: list[str], rng: random.Random, lines_before_kill: int) -> list[str]:
    """Start a child, read `lines_before_kill` acknowledgements, wait a moment, SIGKILL it."""
    child = subprocess.Popen([sys.executable, "-c", *arguments], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    acknowledged = []
    for _ in range(lines_before_kill):
        line = child.stdout.readline()
        if not line.endswith("\n"):
            break
        acknowledged.append(line.strip())
    time.sleep(rng.uniform(0, 0.02))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate()
    # A line cut short by the kill is not an acknowledgement: only whole lines count.
    acknowledged += [line.strip() for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    return acknowledged


def _wrong_passphrase_after_crash_only_recovers(path: Path, scratch: Path) -> None:
    """A wrong passphrase tried after a crash changes nothing but SQLite's own crash recovery.

    Recovery copies the pre-crash pages back from the journal; it needs no key, so a wrong
    passphrase may trigger it. The file must then be exactly what the right passphrase's
    recovery makes of it (checked on a copy), never anything else.
    """
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(path.parent, scratch)
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "not the passphrase", CHEAP_KEYS)
    if path.read_bytes() != before:
        _recover_with_the_right_key(scratch / path.name)
        assert path.read_bytes() == (scratch / path.name).read_bytes()


def _recover_with_the_right_key(path: Path) -> None:
    """Only SQLite's crash recovery, done by the right key's first read (opening a plan also
    records the opening, which would change the file further)."""
    from planner.core import kdf
    from planner.core import vault as vault_module

    key = kdf.derive_key(vault_module.passphrase_bytes(PASSPHRASE), vault_module._read_salt(path),
                         CHEAP_KEYS)
    connection = vault_module._connect(path, key, None)
    connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    connection.close()


@pytest.mark.slow
def test_every_acknowledged_change_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "vault" / "plan.db"
    Vault.create(path, PASSPHRASE, CHEAP_KEYS).close()
    rng = random.Random(20261124)
    expected: set[int] = set()
    next_number = 0
    hot_journals = 0
    for _ in range(KILLS):
        acknowledged = _run_and_kill([WRITER, str(path), PASSPHRASE, str(next_number)], rng,
                                     rng.randint(0, 30))
        numbers = [int(n) for n in acknowledged]
        expected.update(numbers)
        next_number = (max(numbers) + 1) if numbers else next_number
        next_number += 1  # a change in flight may or may not have landed; never reuse its key

        journal = path.with_name("plan.db-journal")
        if journal.exists():
            hot_journals += 1  # this kill landed in the middle of a transaction
            _wrong_passphrase_after_crash_only_recovers(path, tmp_path / "copy")
        vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
        plan = Plan(vault)
        notes = plan.notes()
        names = {c.name for c in plan.contacts()}
        vault.close()
        for number in expected:
            assert notes[f"topic-{number}"].startswith(f"note number {number} ")
            assert f"person {number}" in names
    assert len(expected) > KILLS
    assert hot_journals >= 1, "no kill landed mid-transaction: the test proved nothing"


@pytest.mark.slow
def test_change_passphrase_killed_midway_keeps_one_passphrase_working(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    vault = Vault.create(path, "passphrase-a", CHEAP_KEYS)
    Plan(vault).set_note("location", "must survive")
    vault.close()
    rng = random.Random(7)
    current, other = "passphrase-a", "passphrase-b"
    for _ in range(10):
        said = _run_and_kill([REKEYER, str(path), current, other], rng, 1)
        try:
            vault = Vault.open(path, current, CHEAP_KEYS)
        except WrongPassphrase:
            vault = Vault.open(path, other, CHEAP_KEYS)
            current, other = other, current
        else:
            assert "changed" not in said
        assert Plan(vault).note("location") == "must survive"
        vault.close()


def test_half_written_copies_are_cleared_on_open(tmp_path: Path) -> None:
    path = tmp_path / "plan.db"
    Vault.create(path, PASSPHRASE, CHEAP_KEYS).close()
    leftover = tmp_path / ".plan.db.bak.0badf00d.part"
    leftover.write_bytes(path.read_bytes()[:4096])
    Vault.open(path, PASSPHRASE, CHEAP_KEYS).close()
    assert not leftover.exists()
