"""The one place the app writes files: private folders, atomic replaces, overwrite-then-delete.

Every file the app creates (the vault, its backup, a PDF the person chose to save) goes through
here so that permissions (0600 files in 0700 folders), fsync and atomic renames are done the same
way everywhere, and so a review of "what can this app leave on disk" starts and ends in this file.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_OVERWRITE_CHUNK = 1 << 20
_COPY_CHUNK = 4 << 20


def ensure_private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) readable only by this user; tighten it if it exists."""
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    os.chmod(folder, PRIVATE_DIR)
    return folder


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: on POSIX the folder entry itself must reach the disk."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one.

    The bytes go to a sibling temporary name (created 0600, exclusive), are fsynced, then renamed
    over `path`. On failure (a full disk, a removed drive) the temporary file is removed and the
    original is untouched; the OSError is re-raised for the caller to explain.
    """
    if not overwrite and path.exists():
        raise FileExistsError(path)
    _write_atomically(path, lambda handle: handle.write(data))


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    temporary = building_name(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def building_name(target: Path) -> Path:
    """A hidden sibling name for a file being built, which `partial_writes` finds if the build
    never finished."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")


def move_into_place(built: Path, target: Path) -> None:
    """Make a file that was built under `building_name` appear under its real name at once:
    before the rename nothing is there, after it the whole file is."""
    fd = os.open(built, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(built, target)
    _fsync_dir(target.parent)


def partial_writes(target: Path) -> list[Path]:
    """Temporary files `atomic_write` left for `target` when the process was killed midway."""
    return sorted(target.parent.glob(f".{target.name}.*.part"))


def copy_atomically(source: Path, target: Path) -> None:
    """Copy `source` over `target` atomically (used for the vault's last-good backup), a chunk
    at a time: a plan with hundreds of MB of evidence files is never held in memory whole."""
    with open(source, "rb") as reading:
        _write_atomically(target, lambda handle: shutil.copyfileobj(reading, handle, _COPY_CHUNK))


def overwrite_and_delete(path: Path) -> None:
    """Overwrite a file's bytes with random data, fsync, then delete it.

    This defeats casual recovery on a plain hard disk. It cannot guarantee the old bytes are gone
    on SSDs (wear levelling) or copy-on-write and journaling file systems; the README says so.
    """
    if not path.is_file() or path.is_symlink():
        path.unlink(missing_ok=True)
        return
    size = path.stat().st_size
    with open(path, "r+b", buffering=0) as handle:
        written = 0
        while written < size:
            chunk = min(_OVERWRITE_CHUNK, size - written)
            handle.write(secrets.token_bytes(chunk))
            written += chunk
        os.fsync(handle.fileno())
    path.unlink()
    _fsync_dir(path.parent)
