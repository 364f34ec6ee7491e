"""What can go wrong with a plan, as exceptions whose text is written for the person.

Kept apart from `vault` so screens can name these errors without loading SQLCipher and
Argon2 at start-up.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Something stopped a vault from opening or saving. `str()` is for the person to read."""


class WrongPassphrase(VaultError):
    """The passphrase does not open this vault."""


class VaultDamaged(VaultError):
    """The file is not a readable vault. `restorable` says a good backup exists; `path` says
    which file, where a folder holds many."""

    def __init__(self, message: str, *, restorable: bool = False,
                 path: Path | None = None) -> None:
        super().__init__(message)
        self.restorable = restorable
        self.path = path


class VaultFromNewerVersion(VaultError):
    """The vault was written by a newer version of the app; opening it would risk the data."""


class VaultNotFound(VaultError):
    """There is no vault at that place."""


class DiskFull(VaultError):
    """A write failed because the disk (or the person's quota on it) is full."""


class VaultInaccessible(VaultError):
    """The operating system refused to let the app read or write the vault."""


class PassphraseInUse(VaultError):
    """A passphrase chosen for a plan already opens another plan here (each opens one)."""
