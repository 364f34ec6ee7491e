"""Small builders shared by the vault tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planner.core import kdf
from planner.core.plan import Plan
from planner.core.vault import Vault

PASSPHRASE = "a calm river at dawn"
CANARY = "CANARY-7f3a-Zebra-Ωmega"
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)
"""A key cost for tests only: the app always hands `kdf.REAL` to the sessions it builds."""


def make_vault(folder: Path, passphrase: str = PASSPHRASE) -> Path:
    """Create a vault with some of everything in it, closed, and return its path."""
    path = folder / "data" / "plan.db"
    vault = Vault.create(path, passphrase, CHEAP_KEYS)
    plan = Plan(vault)
    plan.set_note("location", f"note {CANARY}")
    plan.add_contact(f"Friend {CANARY}", "555-0100", "call after 6")
    vault.close()
    return path


def make_version_one_vault(path: Path, *rows: tuple[str, tuple[object, ...]]) -> Path:
    """A vault as the first release wrote it (schema version 1), holding `rows` (SQL with its
    parameters), closed: what a migration starts from."""
    return make_old_vault(path, 1, *rows)


def make_old_vault(path: Path, version: int, *rows: tuple[str, tuple[object, ...]]) -> Path:
    """A vault as the release with schema `version` wrote it, holding `rows`, closed."""
    from planner.core import schema

    vault = Vault.create(path, PASSPHRASE, CHEAP_KEYS)
    with vault.transaction() as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            connection.execute(f"DROP TABLE {table}")
        schema.create(connection, version=version)
        for sql, parameters in rows:
            connection.execute(sql, parameters)
    vault.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
