"""One person's time with the app: which plan is open, locking, unlocking, ending.

The GUI asks this object to start, open, lock and end; it never handles vault files itself.
Failed unlocks are throttled here (a growing wait after repeated failures) so the rule holds
whatever screen asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.i18n import _
from planner.core.paths import vault_path
from planner.core.plan import Plan
from planner.core.errors import VaultError, WrongPassphrase

if TYPE_CHECKING:
    from planner.core.vault import Vault

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

    def __init__(self, data_dir: Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.data_dir = data_dir
        self.plan: Plan | None = None
        self.locked = False
        self.throttle = UnlockThrottle(clock)

    @property
    def vault_path(self) -> Path:
        return vault_path(self.data_dir)

    def has_saved_plan(self) -> bool:
        return self.vault_path.exists()

    @property
    def is_guest(self) -> bool:
        return self.plan is not None and self.plan.is_guest

    def start_new(self, passphrase: str) -> Plan:
        from planner.core.vault import Vault

        self.plan = Plan(Vault.create(self.vault_path, passphrase))
        self.locked = False
        return self.plan

    def open_saved(self, passphrase: str) -> Plan:
        self.plan = Plan(self._open_throttled(passphrase))
        self.locked = False
        return self.plan

    def start_guest(self) -> Plan:
        from planner.core.vault import Vault

        self.plan = Plan(Vault.guest())
        self.locked = False
        return self.plan

    def _open_throttled(self, passphrase: str) -> Vault:
        from planner.core.vault import Vault

        wait = self.throttle.seconds_to_wait()
        if wait > 0:
            raise MustWait(_("Please wait a moment before you try again."), wait)
        try:
            vault = Vault.open(self.vault_path, passphrase)
        except WrongPassphrase:
            self.throttle.failed()
            raise
        self.throttle.succeeded()
        return vault

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
        self.plan = Plan(self._open_throttled(passphrase))
        self.locked = False
        return self.plan

    def end(self) -> None:
        """Close everything; a guest plan is gone for good."""
        if self.plan is not None:
            self.plan.vault.close()
        self.plan = None
        self.locked = False

    def erase(self) -> None:
        """End the session and overwrite-then-delete the saved plan."""
        from planner.core.vault import Vault

        self.end()
        Vault.erase(self.vault_path)
