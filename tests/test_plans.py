"""Many plans in one folder, against real SQLCipher files: each opened by its own passphrase,
none touching another, nothing saying how many there are or whose they are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS, digest

from planner.core import kdf
from planner.core.errors import PassphraseInUse, VaultDamaged, WrongPassphrase
from planner.core.plan import ActionStatus, Plan
from planner.core.plans import LEGACY_NAME, PlanFolder
from planner.core.vault import PAGE_SIZE, Vault, backup_path

ANA, BEA = "ana's own quiet river", "bea keeps the blue lamp"


def _plan_with_note(folder: PlanFolder, passphrase: str, note: str) -> Path:
    vault = folder.create(passphrase)
    Plan(vault).set_note("location", note)
    vault.close()
    assert vault.path is not None
    return vault.path


def _note(folder: PlanFolder, passphrase: str) -> str:
    vault = folder.open(passphrase)
    try:
        return Plan(vault).note("location")
    finally:
        vault.close()


def test_each_passphrase_opens_its_own_plan_and_no_other(tmp_path: Path) -> None:
    folder = PlanFolder(tmp_path / "data", CHEAP_KEYS)
    ana = _plan_with_note(folder, ANA, "Ana's note")
    bea = _plan_with_note(folder, BEA, "Bea's note")
    assert ana != bea
    assert _note(folder, ANA) == "Ana's note"
    assert _note(folder, BEA) == "Bea's note"
    with pytest.raises(WrongPassphrase):
        folder.open("nobody's passphrase")


def test_file_names_say_nothing(tmp_path: Path) -> None:
    folder = PlanFolder(tmp_path / "data", CHEAP_KEYS)
    for passphrase in (ANA, BEA):
        folder.create(passphrase).close()
    names = sorted(p.name for p in (tmp_path / "data").iterdir())
    assert all(len(name.split(".")[0].removeprefix("key-")) == 16 for name in names)
    assert not any(word in "".join(names).lower() for word in ("ana", "bea", "2026", "plan"))


def test_a_passphrase_in_use_cannot_start_another_plan(tmp_path: Path) -> None:
    folder = PlanFolder(tmp_path / "data", CHEAP_KEYS)
    path = _plan_with_note(folder, ANA, "mine")
    before = digest(path)
    with pytest.raises(PassphraseInUse) as refused:
        folder.create(ANA)
    assert "Open my plan" in str(refused.value)
    assert digest(path) == before and len(folder.plan_files()) == 1


def test_changing_erasing_and_restoring_one_plan_leave_the_other_alone(tmp_path: Path) -> None:
    folder = PlanFolder(tmp_path / "data", CHEAP_KEYS)
    ana = _plan_with_note(folder, ANA, "Ana's note")
    bea = _plan_with_note(folder, BEA, "Bea's note")
    untouched = (digest(bea), digest(backup_path(bea)))
    vault = folder.open(ANA)
    with pytest.raises(PassphraseInUse):
        folder.change_passphrase(vault, ANA, BEA)
    folder.change_passphrase(vault, ANA, "ana's new passphrase")
    vault.close()
    assert _note(folder, "ana's new passphrase") == "Ana's note"
    with ana.open("r+b") as handle:  # damage Ana's plan past its first page
        handle.seek(PAGE_SIZE)
        handle.write(os.urandom(PAGE_SIZE))
    with pytest.raises(VaultDamaged) as damaged:
        folder.open("ana's new passphrase")
    assert damaged.value.restorable and damaged.value.path == ana
    Vault.restore_backup(ana)
    assert _note(folder, "ana's new passphrase") == "Ana's note"
    Vault.erase(ana)
    assert (digest(bea), digest(backup_path(bea))) == untouched
    assert _note(folder, BEA) == "Bea's note"


def _everything(plan: Plan) -> tuple[object, ...]:
    settings = dict(plan.vault.query("SELECT key, value FROM settings"))
    settings.pop("key_parameters", None)
    return (plan.statuses(), plan.notes(), plan.contacts(), plan.resources(), plan.priorities(),
            plan.platforms(), settings)


def test_a_plan_from_the_single_file_layout_keeps_working_and_moves_over(tmp_path: Path) -> None:
    data = tmp_path / "data"
    legacy = Plan(Vault.create(data / LEGACY_NAME, ANA, CHEAP_KEYS))
    legacy.set_note("location", "from before")
    legacy.set_status("acct-turn-on-2sv", ActionStatus.LATER)
    legacy.add_contact("Dee", "555-0100", "sister")
    legacy.set_priorities(["location"])
    legacy.set_setting("text_scale", "150")
    before = _everything(legacy)
    legacy.vault.close()
    folder = PlanFolder(data, CHEAP_KEYS)
    migrated = Plan(folder.open(ANA))
    assert _everything(migrated) == before  # nothing lost
    migrated.vault.close()
    assert not (data / LEGACY_NAME).exists(), "moved to a random name"
    assert not (data / (LEGACY_NAME + ".bak")).exists()
    (moved,) = folder.plan_files()
    again = Plan(folder.open(ANA))  # and keeps opening, the new way
    assert _everything(again) == before
    again.vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(moved, ANA, CHEAP_KEYS)  # no longer keyed the old way


def test_a_half_made_or_empty_plan_blocks_nobody_and_is_cleared(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / LEGACY_NAME).write_bytes(b"")  # what a kill just after creation used to leave
    (data / ".0123456789abcdef.db.1234abcd.part").write_bytes(os.urandom(5000))
    folder = PlanFolder(data, CHEAP_KEYS)
    vault = folder.create(ANA)
    vault.close()
    assert not (data / LEGACY_NAME).exists()
    assert not list(data.glob(".*.part"))
    assert _note(folder, ANA) == ""


def test_weaker_parameters_are_raised_on_the_next_open(tmp_path: Path) -> None:
    import json

    from planner.core.plans import KeyGroup

    data = tmp_path / "data"
    folder = PlanFolder(data, CHEAP_KEYS)
    _plan_with_note(folder, ANA, "kept")
    stronger = kdf.KdfParameters(time_cost=2, memory_kib=16, parallelism=1)
    folder = PlanFolder(data, stronger)  # a later version of the app asks for more
    assert _note(folder, ANA) == "kept"  # opened with the old group, then moved to today's
    assert [g.parameters for g in folder.groups()].count(stronger) == 1
    vault = folder.open(ANA)
    assert json.loads(Plan(vault).setting("key_parameters")) == stronger.as_dict()
    vault.close()
    for record in data.glob("key-*"):  # forget the old group: the plan must not need it now
        if KeyGroup.from_dict(json.loads(record.read_text())).parameters != stronger:
            record.unlink()
    assert _note(folder, ANA) == "kept"
