"""One person's time with the app: which plan is open, locking, unlocking, ending.

The GUI asks this object to start, open, lock and end; it never handles vault files itself.
The folder may hold many people's plans (`planner.core.plans`); a session only ever touches the
one its passphrase opened. Failed passphrases are throttled here (a growing wait after repeated
failures), on opening, unlocking and changing the passphrase alike, so the rule holds whatever
screen asks. The wait lives in memory and a restart resets it: it only slows someone at the
keyboard; the memory-hard key derivation is what makes guessing expensive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planner.core.errors import PassphraseInUse, VaultError, WrongPassphrase
from planner.core.i18n import _

if TYPE_CHECKING:
    from planner.core.kdf import KdfParameters
    from planner.core.plan import Plan
    from planner.core.plans import PlanFolder
    from planner.core.vault import Vault

T = TypeVar("T")
FREE_TRIES = 3
MAX_WAIT_SECONDS = 60.0


class UnlockThrottle:
    """After a few wrong passphrases, each further try must wait longer (2, 4, 8 … 60 s)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.failures = 0
        self._next_allowed = 0.0

    def seconds_to_wait(self) -> float:
        return max(0.0, self._next_allowed - self._clock())

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= FREE_TRIES:
            delay = min(MAX_WAIT_SECONDS, 2.0 ** (self.failures - FREE_TRIES + 1))
            self._next_allowed = self._clock() + delay

    def succeeded(self) -> None:
        self.failures = 0
        self._next_allowed = 0.0


class MustWait(VaultError):
    """Too many wrong passphrases in a row; `seconds` says how long until the next try."""

    def __init__(self, message: str, seconds: float) -> None:
        super().__init__(message)
        self.seconds = seconds


class Session:
    """The plan in use (saved or guest) and whether it is locked."""

    def __init__(self, data_dir: Path, key_cost: KdfParameters,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """`key_cost` is the Argon2id cost of each passphrase guess: the app hands in
        `kdf.REAL`, and nothing else in the app chooses one."""
        self.data_dir = data_dir
        self.key_cost = key_cost
        self.plan: Plan | None = None
        self.plan_path: Path | None = None
        self.locked = False
        self.throttle = UnlockThrottle(clock)

    @property
    def folder(self) -> PlanFolder:
        # Loaded when first needed: it brings SQLCipher and Argon2 (a faster first screen).
        from planner.core.plans import PlanFolder

        return PlanFolder(self.data_dir, self.key_cost)

    @property
    def is_guest(self) -> bool:
        return self.plan is not None and self.plan.is_guest

    def start_new(self, passphrase: str) -> Plan:
        """Start a new plan beside any others; never touches them. Throttled too: "this
        passphrase is in use" answers a guess as surely as opening does."""
        return self._opened(self._throttled(lambda: self.folder.create(passphrase)))

    def open_saved(self, passphrase: str) -> Plan:
        """Open the plan this passphrase unlocks."""
        return self._opened(self._throttled(lambda: self.folder.open(passphrase)))

    def _opened(self, vault: Vault) -> Plan:
        # The plan model (and json, its enums and dataclasses) loads with the first plan: the
        # first screen needs none of it.
        from planner.core.plan import Plan

        self.plan = Plan(vault)
        self.plan_path = vault.path
        self.locked = False
        return self.plan

    def start_guest(self) -> Plan:
        from planner.core.plan import Plan
        from planner.core.vault import Vault

        self.plan = Plan(Vault.guest())
        self.locked = False
        return self.plan

    def _throttled(self, attempt: Callable[[], T]) -> T:
        """Run a passphrase attempt, unless the wait after earlier failures is not over."""
        wait = self.throttle.seconds_to_wait()
        if wait > 0:
            raise MustWait(_("Please wait a moment before you try again."), wait)
        try:
            result = attempt()
        except (WrongPassphrase, PassphraseInUse):
            self.throttle.failed()
            raise
        self.throttle.succeeded()
        return result

    def lock(self) -> None:
        """Close a saved vault (dropping its key). A guest plan stays in memory: it has no key."""
        if self.plan is None or self.plan.is_guest:
            self.locked = self.plan is not None
            return
        self.plan.vault.close()
        self.locked = True

    def unlock(self, passphrase: str) -> Plan:
        """Reopen the locked plan with its passphrase."""
        if self.plan is None:
            raise VaultError("nothing to unlock")
        if self.plan.is_guest:
            self.locked = False
            return self.plan
        path = self.plan_path
        assert path is not None
        return self._opened(self._throttled(lambda: self.folder.open_plan(path, passphrase)))

    def change_passphrase(self, old: str, new: str) -> None:
        """Re-key the open plan; a wrong current passphrase counts toward the same wait."""
        if self.plan is None or self.plan.is_guest:
            raise VaultError(_("A plan that isn't saved has no passphrase."))
        vault = self.plan.vault
        self._throttled(lambda: self.folder.change_passphrase(vault, old, new))

    def end(self) -> None:
        """Close everything; a guest plan is gone for good."""
        if self.plan is not None:
            self.plan.vault.close()
        self.plan = None
        self.plan_path = None
        self.locked = False

    def restore(self, damaged_plan: Path) -> None:
        """Put a damaged plan's last-good copy in its place (the damaged file is kept aside)."""
        from planner.core.vault import Vault

        Vault.restore_backup(damaged_plan)

    def erase(self) -> None:
        """End the session and overwrite-then-delete this plan (only this one)."""
        path = self.plan_path
        self.end()
        if path is not None:
            self.folder.erase(path)
