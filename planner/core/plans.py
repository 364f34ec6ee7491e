"""Many plans in one folder, each opened by its own passphrase, none telling of the others.

A shelter computer often has one account for many residents. Each plan is its own encrypted
file with a random name (`<16 hex digits>.db`, with its `.bak`); nothing in the folder names a
person, a date or a count beyond the files themselves. "Open my plan" asks only for a
passphrase and opens the plan it unlocks.

Keys: a small `key-<random>` file records, in plain JSON, the Argon2id salt and parameters a
group of plans was made with (no secret is in it). Each group has its own file, written once
and never changed, so two copies of the app starting plans at the same moment can never undo
each other's record. One attempt runs Argon2id once per group
(normally one), then derives each plan's key with HKDF from that result and the plan's own
salt (`kdf.plan_key`) and tries it on the plan's first page, which costs microseconds: trying a
passphrase against fifty plans costs about what trying it against one does. The price, which
the threat model states: one guess tests every plan in the folder at once.

A plan made with a group whose parameters are below today's, and a `plan.db` from before this
layout (keyed by Argon2id with its own salt alone), are moved to today's parameters on their
next successful open: re-encrypted in one SQLCipher transaction, then renamed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.core import files, kdf
from planner.core.errors import PassphraseInUse, VaultDamaged, VaultError, WrongPassphrase
from planner.core.i18n import _
from planner.core.vault import (
    PAGE_SIZE,
    KeyFor,
    Vault,
    backup_path,
    passphrase_bytes,
    passphrase_key,
    writes_explained,
    zero,
)

KEY_FILE_PREFIX = "key-"
LEGACY_NAME = "plan.db"
PLAN_SUFFIX = ".db"


@dataclass(frozen=True)
class KeyGroup:
    """The Argon2id salt and parameters a group of plans in the folder is keyed with."""

    salt: bytes
    parameters: kdf.KdfParameters

    def as_dict(self) -> dict[str, object]:
        return {"salt": self.salt.hex(), **self.parameters.as_dict()}

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> KeyGroup:
        salt = bytes.fromhex(str(values["salt"]))
        if len(salt) != kdf.SALT_BYTES:
            raise ValueError("bad salt")
        return cls(salt, kdf.KdfParameters.from_dict(values))


class Attempt:
    """One passphrase, with each group's Argon2id result worked out once and kept only for
    this attempt (`close` zeroes them)."""

    def __init__(self, passphrase: str, legacy_cost: kdf.KdfParameters) -> None:
        self._secret = passphrase_bytes(passphrase)
        self._legacy_cost = legacy_cost
        self._masters: dict[KeyGroup, bytearray] = {}

    def key_for(self, group: KeyGroup) -> KeyFor:
        master = self._masters.get(group)
        if master is None:
            master = kdf.derive_key(self._secret, group.salt, group.parameters)
            self._masters[group] = master
        return lambda salt: kdf.plan_key(master, salt)

    def legacy_key_for(self) -> KeyFor:
        """A plan from before folders of plans: Argon2id with the file's own salt."""
        return passphrase_key(self._secret, self._legacy_cost)

    def close(self) -> None:
        for master in self._masters.values():
            zero(master)
        self._masters.clear()
        zero(self._secret)


class PlanFolder:
    """The plans kept in one folder (see the module docstring)."""

    def __init__(self, folder: Path, cost: kdf.KdfParameters) -> None:
        """`cost` is what new plans are keyed with (and weaker plans moved up to); the app
        hands in `kdf.REAL`. A plan from before folders of plans was keyed with it too."""
        self.folder = folder
        self.cost = cost

    # -- what is in the folder -------------------------------------------------------------

    def plan_files(self) -> list[Path]:
        """Every plan file here (a damaged one too), never a backup or a half-made file."""
        if not self.folder.is_dir():
            return []
        return sorted(path for path in self.folder.iterdir()
                      if path.suffix == PLAN_SUFFIX and not path.name.startswith("."))

    def groups(self) -> list[KeyGroup]:
        """The key groups recorded in the folder. An unreadable record is skipped (the plans
        that need it stay closed, and are never overwritten)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob(f"{KEY_FILE_PREFIX}*")):
            try:
                found.append(KeyGroup.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return found

    def _current_group(self) -> KeyGroup:
        """The group new and upgraded plans join: today's parameters (recorded if new)."""
        wanted = self.cost
        for group in self.groups():
            if group.parameters == wanted:
                return group
        group = KeyGroup(os.urandom(kdf.SALT_BYTES), wanted)
        files.ensure_private_dir(self.folder)
        record = json.dumps({"format": 1, **group.as_dict()}, indent=1).encode()
        files.atomic_write(self.folder / f"{KEY_FILE_PREFIX}{secrets.token_hex(8)}", record,
                           overwrite=False)
        return group

    def _candidates(self, attempt: Attempt) -> Iterator[tuple[Path, KeyFor, KeyGroup | None]]:
        """(plan, its key under this passphrase, its group) for every way a plan here may be
        keyed; a group is None for a plan from before folders of plans."""
        plans = self.plan_files()
        for group in self.groups():
            key_for = attempt.key_for(group)
            for path in plans:
                yield path, key_for, group
        legacy = self.folder / LEGACY_NAME
        if legacy in plans:
            yield legacy, attempt.legacy_key_for(), None

    def clear_leftovers(self) -> None:
        """Remove what a crash can leave and no one can use: files half-built under a hidden
        name, and plan files too short to hold anything with no backup to restore. In a folder
        that cannot be written (read-only), they stay until an opening can remove them."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            half_built = path.name.startswith(".") and path.name.endswith(".part")
            empty_plan = (path.suffix == PLAN_SUFFIX and path.is_file()
                          and path.stat().st_size < PAGE_SIZE
                          and not backup_path(path).is_file())
            if half_built or empty_plan:
                with contextlib.suppress(OSError):
                    files.overwrite_and_delete(path)

    # -- opening, creating, changing -------------------------------------------------------

    def open(self, passphrase: str) -> Vault:
        """Open the plan `passphrase` unlocks; raise WrongPassphrase if it unlocks none here, or
        VaultDamaged (restorable, with its path) if it unlocks only a plan's backup."""
        self.clear_leftovers()
        attempt = Attempt(passphrase, self.cost)
        try:
            for path, key_for, group in self._candidates(attempt):
                if Vault.key_opens(path, key_for):
                    try:
                        vault = Vault.open_keyed(path, key_for)
                    except VaultDamaged as error:
                        error.path = path  # its first page opened: it is this person's plan
                        raise
                    return self._bring_up_to_date(vault, attempt, group)
            for path, key_for, _group in self._candidates(attempt):
                if Vault.key_opens(backup_path(path), key_for):
                    raise _damaged_with_backup(path)
            raise _opens_no_plan()
        finally:
            attempt.close()

    def open_plan(self, path: Path, passphrase: str) -> Vault:
        """Open one known plan again (unlocking): another person's passphrase opens nothing."""
        attempt = Attempt(passphrase, self.cost)
        try:
            for candidate, key_for, _group in self._candidates(attempt):
                if candidate == path and Vault.key_opens(path, key_for):
                    return Vault.open_keyed(path, key_for)
            raise _opens_no_plan()
        finally:
            attempt.close()

    def create(self, passphrase: str) -> Vault:
        """Make a new plan under a random name, unless `passphrase` already opens one here."""
        self.clear_leftovers()
        attempt = Attempt(passphrase, self.cost)
        try:
            if self._opens_any(attempt):
                raise PassphraseInUse(_(
                    "This passphrase already opens a plan on this computer. To use that plan, "
                    "choose \u201cOpen my plan\u201d. For a new plan, choose another "
                    "passphrase."))
            with writes_explained():  # a full disk, a read-only folder: said as for a save
                group = self._current_group()
                vault = Vault.create_keyed(self._new_plan_path(), attempt.key_for(group))
            _record_parameters(vault, group)
            return vault
        finally:
            attempt.close()

    def change_passphrase(self, vault: Vault, old: str, new: str) -> None:
        """Re-key an open plan: `old` must open it, and `new` must open no other plan here."""
        path = vault.path
        if path is None:
            raise VaultError(_("A plan that isn't saved has no passphrase."))
        old_attempt, new_attempt = Attempt(old, self.cost), Attempt(new, self.cost)
        try:
            old_key_for = next((key_for for candidate, key_for, _g in
                                self._candidates(old_attempt)
                                if candidate == path and Vault.key_opens(path, key_for)), None)
            if old_key_for is None:
                raise _opens_no_plan()
            if self._opens_any(new_attempt, other_than=path):
                raise PassphraseInUse(_(
                    "This passphrase already opens another plan on this computer. Please "
                    "choose a different one."))
            vault.change_key(old_key_for, new_attempt.key_for(self._current_group()))
        finally:
            old_attempt.close()
            new_attempt.close()

    def erase(self, path: Path) -> None:
        """Erase one plan (overwritten, then deleted). When it was the last plan here, the key
        group records go too: nothing is left to say a plan was ever kept in this folder."""
        Vault.erase(path)
        if not self.plan_files():
            for record in self.folder.glob(f"{KEY_FILE_PREFIX}*"):
                files.overwrite_and_delete(record)

    def _opens_any(self, attempt: Attempt, other_than: Path | None = None) -> bool:
        return any(Vault.key_opens(path, key_for) or Vault.key_opens(backup_path(path), key_for)
                   for path, key_for, _group in self._candidates(attempt)
                   if path != other_than)

    def _new_plan_path(self) -> Path:
        while True:
            path = self.folder / f"{secrets.token_hex(8)}{PLAN_SUFFIX}"
            if not path.exists():
                return path

    def _bring_up_to_date(self, vault: Vault, attempt: Attempt,
                          group: KeyGroup | None) -> Vault:
        """Move a plan keyed the old way, or with weaker parameters than today's, to today's
        group; a `plan.db` also gets a random name. Its data is untouched."""
        current = self.cost
        if group is not None and group.parameters.at_least(current):
            return vault
        path = vault.path
        assert path is not None
        old_key_for = attempt.legacy_key_for() if group is None else attempt.key_for(group)
        current_group = self._current_group()
        new_key_for = attempt.key_for(current_group)
        vault.change_key(old_key_for, new_key_for)
        _record_parameters(vault, current_group)
        if path.name != LEGACY_NAME:
            return vault
        vault.close()
        renamed = self._new_plan_path()
        for old, new in ((backup_path(path), backup_path(renamed)), (path, renamed)):
            if old.exists():
                os.replace(old, new)
        files.ensure_private_dir(self.folder)
        return Vault.open_keyed(renamed, new_key_for)


def _record_parameters(vault: Vault, group: KeyGroup) -> None:
    """Keep, inside the plan itself, the key parameters it was last keyed with (the folder's
    records say the same; this copy travels with the plan)."""
    with vault.transaction() as connection:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES ('key_parameters', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (json.dumps(group.parameters.as_dict()),))


def _opens_no_plan() -> WrongPassphrase:
    return WrongPassphrase(_(
        "That passphrase doesn't open a plan on this computer. Check for typing mistakes and "
        "try again."))


def _damaged_with_backup(path: Path) -> VaultDamaged:
    return VaultDamaged(
        _("Your plan file is damaged, but a recent copy of it is safe. Choose \u201cRestore the "
          "copy\u201d to go on from that copy. Nothing has been deleted."), restorable=True,
        path=path)
