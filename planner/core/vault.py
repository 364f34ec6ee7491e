"""The encrypted vault: one SQLCipher file that holds a plan, keyed from the person's passphrase.

Design (the README explains it for people):
- The key is Argon2id(passphrase, salt) (see `kdf`), where the salt is the 16 random bytes that
  SQLCipher keeps at the start of the file. The raw key is handed to SQLCipher with `set_key`,
  never inside an SQL string, and the bytearray holding it is zeroed straight after.
- Every change is committed the moment it is made (`synchronous = FULL`, rollback journal), so
  there is no Save button. Notes are the one thing typed continuously: the screen commits them
  when typing pauses (0.4 s) and at least every 2 s while it goes on, so a crash loses at most
  the last two seconds of typing in a note, and nothing else.
- Beside the vault lives an encrypted last-good copy (`plan.db.bak`). It lets a damaged vault
  be restored, and it tells a wrong passphrase (the backup refuses it too) from damage (the
  backup accepts it). It is refreshed at opening and closing only when the plan holds saves the
  copy lacks (both count their saves), and only after every page of the plan passed its check,
  so a plan of large evidence files is neither read whole nor copied when nothing changed.
- An opening checks every page except the evidence files' bytes (which can be hundreds of MB);
  those are checked before any backup refresh, and each file's hash whenever it is shown or
  printed.
- Nothing here ever overwrites a vault it could not open.
- A rollback journal left beside the vault is replayed only if it is the vault's own latest:
  it is tried on a copy first, with the key, and every save counts itself so the key can date
  it. Any other journal is set aside, never deleted (see `_settle_journal`).
- A guest session is the same code over an in-memory database, so nothing reaches the disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

import sqlcipher3

from planner.core import files, kdf, schema
from planner.core.errors import (
    DiskFull,
    VaultDamaged,
    VaultError,
    VaultFromNewerVersion,
    VaultInaccessible,
    VaultNotFound,
    WrongPassphrase,
)
from planner.core.i18n import _

PAGE_SIZE = 4096
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".bak"
DAMAGED_SUFFIX = ".damaged"
REFUSED_SUFFIX = ".refused"
_JOURNAL_SUFFIXES = ("-journal", "-wal", "-shm")
__all__ = ["Vault", "VaultDamaged", "VaultError", "VaultFromNewerVersion", "VaultInaccessible",
           "VaultNotFound", "WrongPassphrase", "backup_path", "silence_sqlcipher_logging"]
_HEX = b"0123456789abcdef"

_PRAGMAS = (
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
)


def silence_sqlcipher_logging() -> None:
    """Stop SQLCipher printing to stderr (a wrong passphrase must leave no trace anywhere)."""
    connection = sqlcipher3.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
    finally:
        connection.close()


def passphrase_bytes(passphrase: str) -> bytearray:
    """UTF-8 bytes of the NFC form, so the same passphrase typed on any keyboard matches."""
    return bytearray(unicodedata.normalize("NFC", passphrase), "utf-8")


def _raw_key_literal(key: bytearray, salt: bytes | None) -> bytearray:
    """SQLCipher's raw-key form `x'<hex key><hex salt>'`, built without immutable copies."""
    literal = bytearray(b"x'")
    for byte in key:
        literal.append(_HEX[byte >> 4])
        literal.append(_HEX[byte & 15])
    if salt is not None:
        literal.extend(salt.hex().encode("ascii"))
    literal.append(ord("'"))
    return literal


def zero(buffer: bytearray) -> None:
    """Overwrite a key or passphrase buffer in place."""
    buffer[:] = bytes(len(buffer))


def backup_path(path: Path) -> Path:
    """Where the last-good copy of the vault at `path` lives."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def _read_salt(path: Path) -> bytes:
    """The vault's salt: its first 16 bytes."""
    with open(path, "rb") as handle:
        return handle.read(kdf.SALT_BYTES)


def _damaged(restorable: bool = False) -> VaultDamaged:
    if restorable:
        return VaultDamaged(
            _(
                "Your plan file is damaged, but a recent copy of it is safe. "
                "Choose “Restore the copy” to go on from that copy. "
                "Nothing has been deleted."
            ),
            restorable=True,
        )
    return VaultDamaged(
        _(
            "This file can't be opened as a plan. It may be damaged, or it may not be a plan "
            "file. Nothing in it was changed. If you have another copy, try that one."
        )
    )


def _wrong_passphrase() -> WrongPassphrase:
    return WrongPassphrase(
        _("That passphrase doesn't open this plan. Check for typing mistakes and try again.")
    )


def _check_file(path: Path) -> None:
    """Refuse, before any key work, anything that cannot be a vault file."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise _damaged()
    if not path.exists():
        raise VaultNotFound(_("There is no saved plan here yet."))
    if not os.access(path, os.R_OK | os.W_OK):
        raise _inaccessible()
    size = path.stat().st_size
    if size < PAGE_SIZE:
        # Not even one page: no salt to derive a key from, so it cannot be a vault.
        raise _damaged(restorable=backup_path(path).is_file())
    with open(path, "rb") as handle:
        if handle.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER:
            raise _damaged()


def _connect(path: Path | str, key: bytearray | None, salt: bytes | None) -> sqlcipher3.Connection:
    """Open a connection in autocommit mode (we issue BEGIN/COMMIT) and key it."""
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    if key is not None:
        literal = _raw_key_literal(key, salt)
        try:
            connection.set_key(literal)
        finally:
            zero(literal)
    return connection


def _configure(connection: sqlcipher3.Connection) -> None:
    for pragma in _PRAGMAS:
        connection.execute(pragma).fetchall()


class _KeyRejected(Exception):
    """The first page did not decrypt: a wrong passphrase, or damage at the start of the file."""


class _PagesDamaged(Exception):
    """The key is right (the first page decrypted) but later pages fail their checks."""


# Tables an opening does not read through: the evidence files' bytes. Reading them would make
# opening a plan with 300 MB of photos take seconds; they are checked before each backup refresh.
_BULK_TABLES = frozenset({"evidence_attachment_bytes"})


def _verify(connection: sqlcipher3.Connection, *, every_page: bool = False) -> None:
    """Check the plan's pages (all of them with `every_page`, else all but the bulk tables');
    tell "this key is wrong" from "this file is damaged"."""
    try:
        _configure(connection)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        # SQLCipher answers "not a database" when the first page fails its check (a wrong key,
        # or that page damaged); "malformed" means the key opened it and the rest is broken.
        if (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_CORRUPT:
            raise _PagesDamaged from None
        raise _KeyRejected from None
    try:
        if every_page and connection.execute("PRAGMA cipher_integrity_check").fetchall():
            raise _PagesDamaged
        results = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()] \
            if every_page else _quick_check_but_bulk(connection)
        version = schema.stored_version(connection)
        if version <= schema.SCHEMA_VERSION and not schema.has_tables(connection, version):
            raise _PagesDamaged
    except (sqlcipher3.DatabaseError, LookupError, ValueError):
        raise _PagesDamaged from None
    if any(result != "ok" for result in results):
        raise _PagesDamaged


def _quick_check_but_bulk(connection: sqlcipher3.Connection) -> list[str]:
    """SQLite's quick check of every table but the bulk ones, whose tree pages alone are read
    (a blob's length is in its row; its bytes, in overflow pages, are not). Each page read is
    also checked against its SQLCipher HMAC."""
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    for bulk in _BULK_TABLES.intersection(tables):
        connection.execute(f'SELECT sum(length(data)) FROM "{bulk}"').fetchone()
    return [row[0] for table in ["sqlite_master", *tables] if table not in _BULK_TABLES
            for row in connection.execute(f'PRAGMA quick_check("{table}")').fetchall()]


KeyFor = Callable[[bytes], bytearray]
"""Gives the key for a file from the file's own salt: the key's source (a passphrase through
Argon2id for a single file, or an attempt's Argon2id result for a folder of plans) stays with
the caller."""


def passphrase_key(secret: bytearray, cost: kdf.KdfParameters) -> KeyFor:
    """Keys from a passphrase and each file's own salt (one Argon2id per file)."""
    return lambda salt: kdf.derive_key(secret, salt, cost)


def _try_open(path: Path, key_for: KeyFor) -> tuple[sqlcipher3.Connection, bytearray, Path | None]:
    """Key and verify the file at `path`, after judging any journal left beside it (the third
    value is where a refused journal was set aside); raise _KeyRejected or _PagesDamaged."""
    key = key_for(_read_salt(path))
    try:
        set_aside = _settle_journal(path, key)
        connection = _connect(path, key, None)
    except BaseException:
        zero(key)
        raise
    try:
        _verify(connection)
    except BaseException:
        connection.close()
        zero(key)
        raise
    return connection, key, set_aside


def _first_page_opens(path: Path, key: bytearray) -> bool:
    try:
        connection = _connect(path, key, None)
    except sqlcipher3.Error:
        return False
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.Error:
        return False
    finally:
        connection.close()


def _opens(path: Path, key_for: KeyFor) -> bool:
    """Whether `path` opens cleanly with its key (used to consult the backup)."""
    try:
        connection, key, _set_aside = _try_open(path, key_for)
    except (_KeyRejected, _PagesDamaged, sqlcipher3.Error, OSError):
        return False
    connection.close()
    zero(key)
    return True


# -- a journal left beside a plan ------------------------------------------------------------
#
# SQLite replays a leftover ("hot") rollback journal on the first read of a file, before any key
# is checked: a journal's pages are copied back as they are. That is how a crash in the middle of
# a save is undone, and it must stay so. But nothing in a journal says which file it belongs to
# or when it was written: its plain header holds a random nonce, the page size (the same for
# every plan) and a length, and in SQLCipher the rest is encrypted. So another plan's journal
# (a folder copied back, a sync tool) would overwrite this plan's pages with pages it cannot
# read, and an old journal of this plan would put back pages from before later saves. SQLite's
# own file change counter could date a journal, but SQLCipher encrypts it, so each save counts
# itself in `meta` (`_count_save`) and the key reads that count instead.


class _Reading(NamedTuple):
    """What a key finds in one state of a plan file."""

    opens: bool  # its first page opens with the key
    whole: bool  # and every page passes every check
    saves: int | None  # the saves it counts, where that can be read


def _journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _saves(connection: sqlcipher3.Connection, schema_name: str = "main") -> int | None:
    """The saves counted in `schema_name` (the plan, or a copy attached to it), or None when
    they cannot be read."""
    try:
        row = connection.execute(
            f"SELECT value FROM {schema_name}.meta WHERE key = 'saves'").fetchone()
        return int(row[0]) if row else 0
    except (sqlcipher3.Error, ValueError):
        return None


def _reading(path: Path, key: bytearray) -> _Reading:
    connection = _connect(path, key, None)
    try:
        _verify(connection)
        return _Reading(True, True, _saves(connection))
    except _KeyRejected:
        return _Reading(False, False, None)
    except _PagesDamaged:
        return _Reading(True, False, _saves(connection))
    finally:
        connection.close()


def _as_it_stands_and_replayed(path: Path, key: bytearray) -> tuple[_Reading, _Reading]:
    """Read the plan as it stands, then as SQLite's replay of its journal would leave it. Both
    on a copy beside it, so neither the plan nor its journal changes, whatever the key."""
    scratch = files.building_name(path)
    try:
        files.copy_atomically(path, scratch)
        as_it_stands = _reading(scratch, key)
        files.copy_atomically(_journal_of(path), _journal_of(scratch))
        replayed = _reading(scratch, key)  # its first read replays the journal
    finally:
        for leftover in (_journal_of(scratch), scratch):
            files.overwrite_and_delete(leftover)
    return as_it_stands, replayed


def _is_latest(replayed: _Reading, as_it_stands: _Reading, backup: _Reading | None) -> bool:
    """Whether the save a journal undoes is the plan's last one.

    An interrupted save starts from the last finished one and writes its own count at most, so
    the plan as it stands counts the same saves as the state the journal puts back, or one more
    (unreadable mid-way through a change of passphrase: then it cannot tell). The backup is a
    copy of a finished state, so it never counts more.
    """
    start = replayed.saves
    if start is None or (backup is not None and backup.whole and (backup.saves or 0) > start):
        return False
    return as_it_stands.saves is None or as_it_stands.saves - start in (0, 1)


def _settle_journal(path: Path, key: bytearray) -> Path | None:
    """Let SQLite replay a journal left beside `path` only if it is this plan's latest.

    It is, if the plan it puts back opens whole with this key and `_is_latest` holds. If not,
    and the plan opens whole without it, the journal is set aside (renamed, never deleted) and
    its path returned. If neither opens whole, nothing is touched: a wrong passphrase must
    change nothing, and a change of passphrase cut short is undone only by the old one (the
    journal holds the old key's pages); raise as opening would. When no copy can be written
    (a full disk), the check is skipped and SQLite's own rule applies, as it always did.
    """
    journal = _journal_of(path)
    if not journal.is_file():
        return None
    try:
        as_it_stands, replayed = _as_it_stands_and_replayed(path, key)
    except OSError:
        return None
    backup = _reading(backup_path(path), key) if backup_path(path).is_file() else None
    if replayed.whole and _is_latest(replayed, as_it_stands, backup):
        return None
    if as_it_stands.whole:
        set_aside = _free_name(journal.with_name(journal.name + REFUSED_SUFFIX))
        os.replace(journal, set_aside)
        return set_aside
    raise _PagesDamaged if as_it_stands.opens or replayed.opens else _KeyRejected


class _Refresh(Enum):
    """What a backup refresh did."""

    CURRENT = "the backup already holds every save"
    COPIED = "the plan was checked and copied"
    DAMAGED = "the plan failed its check: the backup was kept"
    NOT_NOW = "nothing to refresh now (a guest, a save under way, a disk that refused)"


class Vault:
    """An open plan store: an encrypted file, or memory for a guest session."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path | None, key: bytearray):
        self._connection: sqlcipher3.Connection | None = connection
        self.path = path
        self._key = key
        zero(self._key)
        # Where a journal found beside the plan at opening was set aside instead of replayed.
        self.set_aside_journal: Path | None = None

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, cost: kdf.KdfParameters) -> Vault:
        """Create a new vault at `path` keyed by `passphrase` alone (a single file)."""
        secret = passphrase_bytes(passphrase)
        try:
            return cls.create_keyed(path, passphrase_key(secret, cost))
        finally:
            zero(secret)

    @classmethod
    def create_keyed(cls, path: Path, key_for: KeyFor) -> Vault:
        """Create a new vault at `path` (refusing to replace anything already there).

        It is built complete under a hidden temporary name and only then renamed into place, so
        a crash never leaves a half-made or empty file under a plan's name.
        """
        if path.exists() or path.is_symlink():
            raise VaultError(_("A plan is already saved here. Open it, or erase it first."))
        files.ensure_private_dir(path.parent)
        salt = os.urandom(kdf.SALT_BYTES)
        key = key_for(salt)
        building = files.building_name(path)
        descriptor = os.open(building, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.PRIVATE_FILE)
        os.close(descriptor)
        try:
            connection = _connect(building, key, salt)
            _configure(connection)
            with _transaction_on(connection, counted=False):  # no `meta` to count in yet
                schema.create(connection)
            connection.close()
            files.move_into_place(building, path)
        except sqlcipher3.Error as error:
            building.unlink(missing_ok=True)
            zero(key)
            raise _save_failed(error) from None
        except BaseException:
            building.unlink(missing_ok=True)
            zero(key)
            raise
        vault = cls(_connect(path, key, None), path, key)
        _configure(vault.connection)
        vault.refresh_backup()
        return vault

    @classmethod
    def open(cls, path: Path, passphrase: str, cost: kdf.KdfParameters) -> Vault:
        """Open the vault at `path` keyed by `passphrase` alone (a single file)."""
        secret = passphrase_bytes(passphrase)
        try:
            return cls.open_keyed(path, passphrase_key(secret, cost))
        finally:
            zero(secret)

    @classmethod
    def open_keyed(cls, path: Path, key_for: KeyFor) -> Vault:
        """Open the vault at `path`, migrating an older one; see the module doc for the rules."""
        try:
            _check_file(path)
        except VaultDamaged:
            # Not a plan at all (a plain database, a folder, a link, a pipe): its backup may
            # still be good, and this passphrase may open it.
            raise _damaged(restorable=_backup_opens(path, key_for)) from None
        _tighten(path)
        try:
            connection, key, set_aside = _try_open(path, key_for)
        except _KeyRejected:
            raise cls._explain_failure(path, key_for) from None
        except (_PagesDamaged, sqlcipher3.DatabaseError):
            raise _damaged(restorable=_backup_opens(path, key_for)) from None
        except PermissionError:
            raise _inaccessible() from None
        vault = cls(connection, path, key)
        vault.set_aside_journal = set_aside
        vault._upgrade()
        vault._refuse_if_older_than_its_backup()
        if vault._refresh() is _Refresh.DAMAGED:
            vault._refuse_as_damaged()
        for leftover in _leftovers(path):
            files.overwrite_and_delete(leftover)
        return vault

    @classmethod
    def guest(cls) -> Vault:
        """An in-memory store for "Use without saving": nothing is ever written to disk."""
        connection = _connect(":memory:", None, None)
        connection.execute("PRAGMA temp_store = MEMORY")
        vault = cls(connection, None, bytearray())
        with _transaction_on(connection, counted=False):
            schema.create(connection)
        return vault

    @staticmethod
    def key_opens(path: Path, key_for: KeyFor) -> bool:
        """Whether the key opens the file's first page: a quick test, no full check. Used to
        find which of many plans a passphrase opens without reading all of each. With a journal
        beside the file the test runs on copies (with and without it): trying a key must never
        let SQLite replay a journal the key has not judged."""
        try:
            if not path.is_file() or path.is_symlink() or path.stat().st_size < PAGE_SIZE:
                return False
            key = key_for(_read_salt(path))
        except (OSError, ValueError):
            return False
        try:
            if _journal_of(path).is_file():
                with contextlib.suppress(OSError):  # no room for the copies: as SQLite would
                    return any(state.opens for state in _as_it_stands_and_replayed(path, key))
            return _first_page_opens(path, key)
        finally:
            zero(key)

    @staticmethod
    def _explain_failure(path: Path, key_for: KeyFor) -> VaultError:
        """Tell a wrong passphrase from damage, using the last-good backup as the witness."""
        if _backup_opens(path, key_for):
            return _damaged(restorable=True)
        if path.stat().st_size % PAGE_SIZE == 0:
            return _wrong_passphrase()
        return _damaged()

    def _upgrade(self) -> None:
        version = schema.stored_version(self.connection)
        if version > schema.SCHEMA_VERSION:
            self.close()
            raise VaultFromNewerVersion(
                _(
                    "This plan was saved by a newer version of Planner. To keep it safe, it "
                    "was not opened or changed. Please use the newer version to open it."
                )
            )
        if version < schema.SCHEMA_VERSION:
            with self.transaction():
                schema.migrate(self.connection, version)

    def close(self) -> None:
        """Refresh the backup, close the connection (SQLCipher wipes its key) and zero ours.

        Everything was already committed; the backup is refreshed here so that it holds the
        session's work (it costs nothing when the session changed nothing).
        """
        if self._connection is not None:
            self.refresh_backup()
            self._connection.close()
            self._connection = None
        zero(self._key)

    @property
    def is_open(self) -> bool:
        return self._connection is not None

    @property
    def is_guest(self) -> bool:
        return self.path is None

    @property
    def connection(self) -> sqlcipher3.Connection:
        if self._connection is None:
            raise VaultError(_("Your plan is locked. Unlock it to go on."))
        return self._connection

    # -- reading and writing -------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[sqlcipher3.Connection]:
        """Run statements as one durable commit; on any failure roll back and explain."""
        return _transaction_on(self.connection)

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows for a read-only statement; a read that fails is explained, not raised raw."""
        try:
            rows: list[tuple[Any, ...]] = self.connection.execute(sql, parameters).fetchall()
            return rows
        except sqlcipher3.Error:
            raise VaultDamaged(_(
                "Part of your plan could not be read. Close the app and open it again; if this "
                "keeps happening, your plan file may be damaged.")) from None

    # -- a plan file put back from an older copy ------------------------------------------------
    #
    # Every save counts itself in `meta` (`_count_save`), and a backup is a byte copy, so its
    # count says which saves it holds. That one number both dates a plan against its backup
    # and tells whether the backup needs refreshing.

    def _saves(self) -> int:
        return _saves(self.connection) or 0  # unreadable here means damage, found on opening

    def _backup_saves(self) -> int | None:
        """The saves counted in the backup (read with this vault's key), or None when there is
        no backup it can read."""
        if self.path is None or not backup_path(self.path).is_file():
            return None
        try:
            self.connection.execute("ATTACH DATABASE ? AS backup_copy",
                                    (str(backup_path(self.path)),))
        except sqlcipher3.Error:
            return None
        try:
            return _saves(self.connection, "backup_copy")
        finally:
            self.connection.execute("DETACH DATABASE backup_copy")

    def _refuse_if_older_than_its_backup(self) -> None:
        """A plan file older than its own backup was put back from an old copy (by a person, a
        sync tool, a restore). Opening it would, at the next backup refresh, overwrite the newer
        copy: say so and offer the copy instead."""
        backup = self._backup_saves()
        if backup is not None and backup > self._saves():
            self._connection_close_without_backup()
            raise VaultDamaged(_(
                "This plan file is older than its own backup copy, as if an old copy was put "
                "back. Choose \u201cRestore the copy\u201d to go on from the newer copy. "
                "Nothing has been deleted."), restorable=True, path=self.path)

    def journal_notice(self) -> str | None:
        """What to tell the person when a journal was set aside at opening (None if not)."""
        if self.set_aside_journal is None:
            return None
        return _(
            "Your plan opened as it was last saved. A leftover file next to it came from "
            "another plan or from an older save, so it was not used. That file was kept, not "
            "deleted."
        )

    def _connection_close_without_backup(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _every_page_whole(self) -> bool:
        try:
            _verify(self.connection, every_page=True)
        except (_KeyRejected, _PagesDamaged):
            return False
        return True

    def refresh_backup(self) -> None:
        """Copy the (encrypted) vault file to its last-good backup, atomically, when the plan
        holds saves the backup lacks, and only after every page passed its check: a damaged
        plan never replaces a good copy, and an unchanged one is neither read whole nor copied."""
        self._refresh()

    def _refresh(self) -> _Refresh:
        if self.path is None or self.connection.in_transaction:
            return _Refresh.NOT_NOW
        backup = self._backup_saves()
        if backup is not None and backup >= self._saves():
            return _Refresh.CURRENT  # the copy holds every save (or is newer: it must be kept)
        if not self._every_page_whole():
            return _Refresh.DAMAGED
        # A missing backup is not worth failing the open for; the vault itself is fine.
        with contextlib.suppress(OSError):
            files.copy_atomically(self.path, backup_path(self.path))
            return _Refresh.COPIED
        return _Refresh.NOT_NOW

    def _refuse_as_damaged(self) -> None:
        """An opening reads every page but the evidence files' bytes; when the backup was due
        (the last session's saves are not in it), the refresh read every page, and damage it
        found (inside a file's bytes) is reported like any other, with the backup to restore."""
        restorable = self._backup_saves() is not None  # the key reads it
        self._connection_close_without_backup()
        raise _damaged(restorable=restorable)

    def change_passphrase(self, old: str, new: str, cost: kdf.KdfParameters) -> None:
        """Re-encrypt a single-file vault under `new`, after checking `old`."""
        old_secret, new_secret = passphrase_bytes(old), passphrase_bytes(new)
        try:
            self.change_key(passphrase_key(old_secret, cost), passphrase_key(new_secret, cost))
        finally:
            zero(old_secret)
            zero(new_secret)

    def change_key(self, old_key_for: KeyFor, new_key_for: KeyFor) -> None:
        """Re-encrypt the vault under a new key, after checking the old one; the backup follows.

        SQLCipher re-encrypts every page in one journaled transaction, so a crash midway leaves
        the vault under the old key.
        """
        if self.path is None:
            raise VaultError(_("A plan that isn't saved has no passphrase."))
        if not _opens(self.path, old_key_for):
            raise _wrong_passphrase()
        new_key = new_key_for(_read_salt(self.path))
        # The old backup goes first (overwritten: the old passphrase may be the reason for the
        # change). Until the new one is written the vault stands alone, which keeps the rule
        # "the backup always opens with the vault's passphrase" true at every instant.
        files.overwrite_and_delete(backup_path(self.path))
        literal = _raw_key_literal(new_key, None)
        try:
            self.connection.reset_key(literal)
        except sqlcipher3.Error as error:
            raise _save_failed(error) from None
        finally:
            zero(literal)
            zero(new_key)
        self.refresh_backup()

    # -- removing ------------------------------------------------------------------------------

    @staticmethod
    def erase(path: Path) -> None:
        """Overwrite, then delete, the vault, its backup, a set-aside damaged copy, any journal
        (a refused one too) and any half-written copy left beside it."""
        targets = [path, backup_path(path), *path.parent.glob(f"{path.name}{DAMAGED_SUFFIX}*")]
        targets += [path.with_name(path.name + suffix) for suffix in _JOURNAL_SUFFIXES]
        targets += path.parent.glob(f"{_journal_of(path).name}{REFUSED_SUFFIX}*")
        targets += _leftovers(path)
        for target in targets:
            files.overwrite_and_delete(target)

    @staticmethod
    def restore_backup(path: Path) -> None:
        """Put the last-good copy in place of a damaged vault, keeping the damaged file aside."""
        backup = backup_path(path)
        if not backup.is_file():
            raise _damaged()
        if path.exists() or path.is_symlink():
            os.replace(path, _free_damaged_name(path))  # each damaged copy is kept
        files.copy_atomically(backup, path)


@contextmanager
def _transaction_on(connection: sqlcipher3.Connection, *,
                    counted: bool = True) -> Iterator[sqlcipher3.Connection]:
    """One durable commit on `connection`, counted; on any failure roll back and explain."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        if counted:
            _count_save(connection)
        yield connection
        connection.execute("COMMIT")
    except sqlcipher3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise _save_failed(error) from None
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _count_save(connection: sqlcipher3.Connection) -> None:
    """Add one to the plan's count of saves, first thing in the save: the page holding the
    count is then the first page any journal of that save keeps, and that journal is dated by
    the count in the state it would put back (see `_settle_journal`)."""
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('saves', '1')"
        " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")


def _free_damaged_name(path: Path) -> Path:
    """`plan.db.damaged`, or `.damaged.2`, `.3`…: a second restore never overwrites the first
    damaged copy."""
    return _free_name(path.with_name(path.name + DAMAGED_SUFFIX))


def _free_name(wanted: Path) -> Path:
    """`wanted`, or `wanted.2`, `.3`…: whatever is set aside never overwrites what was before."""
    candidate = wanted
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = wanted.with_name(f"{wanted.name}.{number}")
        number += 1
    return candidate


def _leftovers(path: Path) -> list[Path]:
    """Half-written copies of the plan and its backup, and the journal of a copy made to judge
    a journal (`_as_it_stands_and_replayed`), that a killed process left behind."""
    scratch_journals = sorted(path.parent.glob(f".{path.name}.*.part-journal"))
    return files.partial_writes(path) + files.partial_writes(backup_path(path)) + scratch_journals


def _tighten(path: Path) -> None:
    """Make an existing plan and its folder private again, whatever copied or unpacked them with
    looser permissions (a 0644 file in a 0755 folder can be read by other accounts)."""
    files.ensure_private_dir(path.parent)
    for file in (path, backup_path(path)):
        if file.is_file() and not file.is_symlink():
            os.chmod(file, files.PRIVATE_FILE)


def _backup_opens(path: Path, key_for: KeyFor) -> bool:
    backup = backup_path(path)
    return backup.is_file() and backup.stat().st_size > 0 and _opens(backup, key_for)


# SQLite's primary result codes (the low byte of an extended code), which do not change with
# the wording or language of its messages.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 11, 13, 14


# The same for the system's own error numbers, when a plan's file is written without SQLite.
_ERRNO_CODES = {errno.ENOSPC: _SQLITE_FULL, errno.EDQUOT: _SQLITE_FULL,
                errno.EROFS: _SQLITE_READONLY, errno.EACCES: _SQLITE_PERM,
                errno.EPERM: _SQLITE_PERM}


def _save_failed(error: Exception) -> VaultError:
    """Explain a write that failed (full disk, read-only folder); the last commit is intact."""
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if isinstance(error, OSError):
        code = _ERRNO_CODES.get(error.errno or 0, 0)
    if code == _SQLITE_FULL:
        return DiskFull(
            _(
                "Your last change could not be saved because the disk is full. Everything "
                "saved before it is safe. Free some space, then make the change again."
            )
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return VaultError(
            _(
                "Your last change could not be saved because this computer won't let the app "
                "write here. Everything saved before it is safe."
            )
        )
    return VaultError(
        _("Your last change could not be saved. Everything saved before it is safe.")
    )


@contextmanager
def writes_explained() -> Iterator[None]:
    """Explain a plan's file that could not be written outside SQLite (its folder, its key
    record, a new plan being built) just as a failed save is explained."""
    try:
        yield
    except OSError as error:
        raise _save_failed(error) from None


def _inaccessible() -> VaultInaccessible:
    return VaultInaccessible(
        _(
            "This computer won't let the app read or change your plan file. "
            "Ask the person who looks after this computer to check its permissions."
        )
    )


# Silenced as soon as SQLCipher is loaded, before any key can be tried, so a wrong passphrase
# never prints anything anywhere.
silence_sqlcipher_logging()
