"""Vault timings with the real Argon2 parameters: create, open (right and wrong), one edit."""

from __future__ import annotations

import tempfile
from pathlib import Path

from timing import median_ms

from planner.core import kdf
from planner.core.plan import Plan
from planner.core.vault import Vault, WrongPassphrase, silence_sqlcipher_logging

PASSPHRASE = "benchmark passphrase"


def measure(repeats: int = 7) -> dict[str, float]:
    """Median milliseconds for each vault operation, and the KDF memory per guess."""
    silence_sqlcipher_logging()
    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(1_000_000))

        def create() -> None:
            fresh = Path(folder) / f"c{next(counter)}" / "plan.db"
            Vault.create(fresh, PASSPHRASE, kdf.REAL).close()

        path = Path(folder) / "main" / "plan.db"
        Vault.create(path, PASSPHRASE, kdf.REAL).close()

        def open_right() -> None:
            Vault.open(path, PASSPHRASE, kdf.REAL).close()

        def open_wrong() -> None:
            try:
                Vault.open(path, "wrong passphrase", kdf.REAL)
            except WrongPassphrase:
                return
            raise AssertionError("wrong passphrase opened the vault")

        vault = Vault.open(path, PASSPHRASE, kdf.REAL)
        plan = Plan(vault)
        edits = iter(range(1_000_000))

        def commit_edit() -> None:
            plan.set_note("location", f"edit {next(edits)}")

        results = {
            "create_ms": median_ms(create, repeats),
            "open_right_passphrase_ms": median_ms(open_right, repeats),
            "open_wrong_passphrase_ms": median_ms(open_wrong, repeats),
            "commit_one_edit_ms": median_ms(commit_edit, repeats * 5),
            "kdf_ms_per_guess": median_ms(
                lambda: kdf.derive_key(bytearray(b"guess"), bytes(16), kdf.REAL), repeats),
            "kdf_memory_mib_per_guess": kdf.REAL.memory_kib / 1024,
            "kdf_time_cost": kdf.REAL.time_cost,
        }
        vault.close()
    return results
