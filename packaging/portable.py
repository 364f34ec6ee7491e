"""Make the USB-stick copy of a built bundle: a folder with the `portable` marker, and an archive.

With the marker beside the program, the app keeps its plan in a `data` folder next to it and
writes nothing to the computer's user folder (see `planner.core.paths`). The archive is
reproducible: entries sorted, owners and dates fixed (SOURCE_DATE_EPOCH), permissions reduced
to "executable or not", so two builds of the same commit give the same bytes.

Usage: python packaging/portable.py dist/planner dist
Writes dist/Planner-portable/ and dist/Planner-portable-<version>-<platform>.tar.gz (.zip on
Windows, where people open archives with Explorer).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import stat
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parents[1]
FOLDER_NAME = "Planner-portable"
MARKER = "portable"  # the name planner.core.paths looks for
MARKER_TEXT = (
    "This file tells Planner to keep its data in the \"data\" folder beside it, instead of in\n"
    "the computer's user folder. Keep this file, the program and the data folder together.\n"
)
ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest date a zip file can hold


def source_date_epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH_MIN))


def version() -> str:
    text = (ROOT / "planner" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if match is None:
        raise SystemExit("planner/__init__.py has no __version__")
    return match[1]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def make_folder(bundle: Path, folder: Path) -> None:
    """Copy the bundle to `folder` (replacing an older copy) and put the marker in it."""
    if not (bundle / "_internal").is_dir():
        raise SystemExit(f"{bundle} is not a built bundle: run `make bundle` first")
    if folder.exists():
        shutil.rmtree(folder)
    # On Linux, install.sh stays in: the same download installs the app for one user (it copies
    # the program without the marker), so advocates need only one file.
    shutil.copytree(bundle, folder, symlinks=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _entries(folder: Path) -> Iterator[Path]:
    """Every path under `folder`, the folder itself first, in a stable order."""
    yield folder
    yield from sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())


def _mode(path: Path) -> int:
    if path.is_dir() and not path.is_symlink():
        return 0o755
    return 0o755 if os.lstat(path).st_mode & stat.S_IXUSR else 0o644


def write_tar(folder: Path, out: BinaryIO) -> None:
    """A gzip'd tar of `folder` (top-level entry named after it) with fixed metadata."""
    epoch = source_date_epoch()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=epoch,
                       compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for path in _entries(folder):
                name = (Path(folder.name) / path.relative_to(folder)).as_posix()
                info = tar.gettarinfo(str(path), arcname=name)
                info.mtime = epoch
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                info.mode = _mode(path)
                info.pax_headers = {}
                if info.isfile():
                    with path.open("rb") as handle:
                        tar.addfile(info, handle)
                else:
                    tar.addfile(info)


def write_zip(folder: Path, out: BinaryIO) -> None:
    """A zip of `folder` with fixed dates; symlinks are stored as the files they point to."""
    date = max(source_date_epoch(), ZIP_EPOCH_MIN)
    stamp = time.gmtime(date)[:6]
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in _entries(folder):
            name = (Path(folder.name) / path.relative_to(folder)).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", date_time=stamp)
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (0o100000 | _mode(path)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def archive_name() -> str:
    suffix = ".zip" if sys.platform == "win32" else ".tar.gz"
    return f"{FOLDER_NAME}-{version()}-{platform_tag()}{suffix}"


def write_archive(folder: Path, out: BinaryIO) -> None:
    (write_zip if sys.platform == "win32" else write_tar)(folder, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the built bundle folder (dist/planner)")
    parser.add_argument("out", type=Path, help="where to put the folder and the archive")
    arguments = parser.parse_args()
    folder = arguments.out / FOLDER_NAME
    make_folder(arguments.bundle, folder)
    archive = arguments.out / archive_name()
    with archive.open("wb") as out:
        write_archive(folder, out)
    print(folder)
    print(archive)
    return 0


if __name__ == "__main__":
    sys.exit(main())
