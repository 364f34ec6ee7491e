"""Kill the app with SIGKILL while it imports evidence: nothing it acknowledged may be lost.

A child adds entries and attaches a multi-MB file to each, in a loop, on a real SQLCipher file,
printing a line after each commit. The parent kills it at random moments, then opens the vault:
every acknowledged entry and file must be there, and every file must still match its hash.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS, PASSPHRASE

from planner.core.plan import Plan
from planner.core.vault import Vault

IMPORTER = r"""
import os, sys
from datetime import date
from pathlib import Path
from planner.core import kdf
from planner.core.evidence import EntryFields
from planner.core.plan import Plan
from planner.core.vault import Vault, silence_sqlcipher_logging
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
log = Plan(Vault.open(Path(sys.argv[1]), sys.argv[2], CHEAP_KEYS)).evidence()
start = int(sys.argv[3])
photo_head = bytes.fromhex("ffd8ffe000104a46494600010100000100010000")
for i in range(start, start + 100000):
    entry = log.add(EntryFields(date(2026, 11, 30), what_happened=f"entry number {i}"))
    print("entry", i, entry.id, flush=True)
    data = photo_head + os.urandom(3 * 1024 * 1024)
    attachment = log.attach(entry.id, f"photo-{i}.jpg", data)
    print("file", i, attachment.id, flush=True)
"""

KILLS = 10


def _run_and_kill(path: Path, start: int, rng: random.Random) -> list[str]:
    """Start an importer, read a few acknowledgements, wait a moment, SIGKILL it."""
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(path), PASSPHRASE, str(start)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    acknowledged = []
    for _ in range(rng.randint(1, 3)):
        line = child.stdout.readline()
        if not line.endswith("\n"):
            break
        acknowledged.append(line.strip())
    time.sleep(rng.uniform(0, 0.05))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate()
    # A line cut short by the kill is not an acknowledgement: only whole lines count.
    acknowledged += [line.strip() for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    return acknowledged


@pytest.mark.slow
def test_every_acknowledged_entry_and_file_survives_sigkill_during_import(
        tmp_path: Path) -> None:
    path = tmp_path / "vault" / "plan.db"
    Vault.create(path, PASSPHRASE, CHEAP_KEYS).close()
    rng = random.Random(20261130)
    entries: dict[int, int] = {}  # entry id -> its number
    files: dict[int, int] = {}  # attachment id -> its entry's number
    next_number = 0
    hot_journals = 0
    for _ in range(KILLS):
        for line in _run_and_kill(path, next_number, rng):
            kind, number, row_id = line.split()
            (entries if kind == "entry" else files)[int(row_id)] = int(number)
            next_number = max(next_number, int(number) + 1)
        next_number += 1  # an entry in flight may or may not have landed; never reuse its number

        if path.with_name("plan.db-journal").exists():
            hot_journals += 1  # this kill landed in the middle of a transaction
        vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
        try:
            log = Plan(vault).evidence()
            for entry_id, number in entries.items():
                assert log.entry(entry_id).what_happened == f"entry number {number}"
            for attachment_id, number in files.items():
                attachment = log.attachment(attachment_id)
                assert attachment.name == f"photo-{number}.jpg"
                assert attachment.size > 3 * 1024 * 1024
                assert log.verify(attachment_id)
        finally:
            vault.close()
    assert files, "no import was ever acknowledged: the test proved nothing"
    assert hot_journals >= 1, "no kill landed mid-transaction: the test proved nothing"
