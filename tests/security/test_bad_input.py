"""Hostile and broken input: damaged vaults, full disks, read-only folders, strange text.

Every case must end in a clear VaultError (or a clean success), never a crash, and must leave
the saved data exactly as it was.
"""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3
from vault_helpers import CANARY, CHEAP_KEYS, PASSPHRASE, digest, make_vault, make_version_one_vault

from planner.core import kdf, schema
from planner.core.plan import Plan, PlanError
from planner.core.vault import (
    PAGE_SIZE,
    Vault,
    VaultDamaged,
    VaultError,
    WrongPassphrase,
    backup_path,
)

Damage = Callable[[Path], None]


def _truncate(at: int) -> Damage:
    return lambda path: path.write_bytes(path.read_bytes()[:at])


def _flip(offset: int) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[offset % len(data)] ^= 0x5A
        path.write_bytes(data)
    return damage


def _replace(content: Callable[[int], bytes]) -> Damage:
    return lambda path: path.write_bytes(content(path.stat().st_size))


def _plain_sqlite(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta (key, value)")


def _wrong_schema(path: Path) -> None:
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    with vault.transaction() as connection:
        connection.execute("DROP TABLE contacts")
    vault.close()


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _symlink(path: Path) -> None:
    target = path.with_name("elsewhere.db")
    path.rename(target)
    path.symlink_to(target)


# Each kind of damage, grouped by the way the app can tell it: what it says with the plan's
# backup beside it (always: damaged, and the copy can be restored), and without one.
DAMAGED, WRONG = "damaged", "wrong passphrase"
GROUPS: dict[str, tuple[str, dict[str, Damage]]] = {
    # Shorter than one page: there is no key check to make, it cannot be a plan.
    "too short to be a plan": (DAMAGED, {
        **{f"truncate-{at}": _truncate(at) for at in (1, 15, 16, 17, 100, 1024, 4095)},
        "random-short": _replace(lambda size: random.Random(1).randbytes(37)),
        "empty": _replace(lambda size: b""),
    }),
    # Not a plan file at all: refused before any key is tried.
    "not a plan file": (DAMAGED, {
        "plain-sqlite": _plain_sqlite,
        "directory": _directory,
        "symlink": _symlink,
        "text-file": _replace(lambda size: b"hello, this is not a plan\n" * 200),
    }),
    # The first page opens with this key, later pages fail their checks or are missing.
    "the key opens it, later pages damaged": (DAMAGED, {
        **{f"truncate-{at}": _truncate(at) for at in (4096, 4097, 8191, 12000)},
        **{f"flip-{where}": _flip(offset) for where, offset in (
            ("page2", PAGE_SIZE + 100), ("last", -1), ("last-page", -2000))},
    }),
    # The salt or the first page is changed: the key cannot be checked against anything, so
    # without a backup this cannot be told from a wrong passphrase (the README says so).
    "first page unreadable: looks like a wrong passphrase": (WRONG, {
        **{f"flip-{where}": _flip(offset) for where, offset in (
            ("salt", 0), ("salt-end", 15), ("header", 20), ("page1-mid", 2000),
            ("page1-hmac", PAGE_SIZE - 10))},
        "zero-bytes": _replace(lambda size: bytes(size)),
        "random-bytes": _replace(lambda size: random.Random(size).randbytes(size)),
    }),
}
DAMAGES: dict[str, Damage] = {name: damage for _outcome, cases in GROUPS.values()
                              for name, damage in cases.items()}
WITHOUT_BACKUP = {name: outcome for outcome, cases in GROUPS.values() for name in cases}


def _outcome(path: Path) -> tuple[str, bool]:
    try:
        Vault.open(path, PASSPHRASE, CHEAP_KEYS).close()
    except VaultDamaged as error:
        return DAMAGED, error.restorable
    except WrongPassphrase:
        return WRONG, False
    return "opened", False


@pytest.mark.parametrize("name", sorted(DAMAGES))
def test_damaged_vaults_give_clear_errors_and_change_nothing(tmp_path: Path, name: str) -> None:
    """With its backup, every kind of damage is named as damage the copy can repair; without
    it, exactly the outcome of its group; and no file changes either way."""
    path = make_vault(tmp_path)
    DAMAGES[name](path)
    backup = backup_path(path)
    before = {p: digest(p) for p in path.parent.iterdir() if p.is_file() and not p.is_symlink()}
    assert _outcome(path) == (DAMAGED, True)
    after = {p: digest(p) for p in path.parent.iterdir() if p.is_file() and not p.is_symlink()}
    assert after == before
    kept = backup.read_bytes()
    backup.unlink()
    assert _outcome(path) == (WITHOUT_BACKUP[name], False)
    backup.write_bytes(kept)
    assert Plan(Vault.open(backup, PASSPHRASE, CHEAP_KEYS)).note("location") == f"note {CANARY}"


def test_every_group_of_damage_is_reached_by_several_kinds() -> None:
    """The count means something: each way of telling damage is exercised more than once."""
    assert all(len(cases) >= 3 for _outcome, cases in GROUPS.values())
    assert len(DAMAGES) == sum(len(cases) for _outcome, cases in GROUPS.values()) >= 25


def test_wrong_schema_is_damage_not_a_crash(tmp_path: Path) -> None:
    path = make_vault(tmp_path)
    _wrong_schema(path)
    before = digest(path)
    with pytest.raises(VaultDamaged):
        Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert digest(path) == before


def test_unreadable_file_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_vault(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == path
                        else real_access(p, mode, **kw))
    with pytest.raises(VaultError) as caught:
        Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert "permission" in str(caught.value)


HOSTILE = [
    "\u202eevil\u202c override", "zero\u200bwidth\u200djoin", "nul\x00inside", "emoji \U0001f469\u200d\U0001f467",  # noqa: E501 - a table row reads best whole
    "\ufeffbom", "tab\tnew\nline\r\n", "a" * 5000, "\U0010ffff edge", "combining e\u0301\u0301\u0301",  # noqa: E501 - a table row reads best whole
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_stored_exactly(tmp_path: Path, text: str) -> None:
    vault = Vault.create(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    plan.set_note("location", text)
    contact = plan.add_contact(text, text, text)
    vault.close()
    plan = Plan(Vault.open(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS))
    assert plan.note("location") == text
    assert plan.contacts() == (contact,)
    plan.vault.close()


def test_lone_surrogates_are_refused_clearly_and_change_nothing(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    plan.set_note("location", "kept")
    with pytest.raises(PlanError) as caught:
        plan.set_note("location", "half \ud800 a pair")
    assert "character" in str(caught.value)
    assert plan.note("location") == "kept"
    vault.close()


def test_one_megabyte_note_round_trips_and_more_is_refused(tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    big = ("\u00e9" * 100 + "\n") * 5000
    assert len(big.encode()) < 1024 * 1024
    plan.set_note("location", big)
    with pytest.raises(PlanError):
        plan.set_note("children", "x" * (1024 * 1024 + 1))
    vault.close()
    assert Plan(Vault.open(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS)).note("location") == big


@pytest.mark.parametrize("passphrase", ["\u202eevil", "\U0001f511\U0001f511\U0001f511 keys",
                                        "nul\x00pass", "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # noqa: E501 - a table row reads best whole
                                        "x" * 2000, " leading and trailing "])
def test_any_unicode_passphrase(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "plan.db"
    Vault.create(path, passphrase, CHEAP_KEYS).close()
    Vault.open(path, passphrase, CHEAP_KEYS).close()
    with pytest.raises(VaultError):
        Vault.open(path, passphrase.strip() + "!", CHEAP_KEYS)


def _recording_keys(monkeypatch: pytest.MonkeyPatch) -> list[bytearray]:
    """Every key buffer the app derives (Argon2id results and per-plan keys), as it made them."""
    made: list[bytearray] = []
    real_derive, real_plan_key = kdf.derive_key, kdf.plan_key

    def derive(*args, **kwargs):
        made.append(real_derive(*args, **kwargs))
        return made[-1]

    def plan_key(*args, **kwargs):
        made.append(real_plan_key(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(kdf, "derive_key", derive)
    monkeypatch.setattr(kdf, "plan_key", plan_key)
    return made


def test_after_lock_the_connection_is_closed_and_no_key_buffer_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The buffers that really held the keys (Python's copies; SQLCipher wipes its own on
    close with cipher_memory_security) are all zeros once the plan is open and again locked."""
    from planner.core.session import Session

    made = _recording_keys(monkeypatch)
    session = Session(tmp_path / "data", CHEAP_KEYS)
    session.start_new(PASSPHRASE)
    assert made and all(len(key) == 32 for key in made)
    vault = session.plan.vault
    session.lock()
    assert not vault.is_open
    assert not any(any(key) for key in made)
    with pytest.raises(VaultError):
        session.plan.notes()
    session.unlock(PASSPHRASE)
    assert not any(any(key) for key in made)
    session.end()


def test_migrating_keeps_schema_version_and_data_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails halfway leaves the old version with all its data (one
    transaction); the next open migrates it for real."""
    path = make_version_one_vault(
        tmp_path / "plan.db", ("INSERT INTO topic_notes VALUES ('location', ?)", (HOSTILE[0],)))

    def half_then_fail(connection, from_version):
        connection.execute("CREATE TABLE half_done (x)")
        raise sqlcipher3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "migrate", half_then_fail)
    with pytest.raises(VaultError):
        Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    monkeypatch.undo()
    vault = Vault.open(path, PASSPHRASE, CHEAP_KEYS)
    assert schema.stored_version(vault.connection) == schema.SCHEMA_VERSION
    tables = {row[0] for row in vault.query("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert Plan(vault).note("location") == HOSTILE[0]
    vault.close()
