"""Where a plan is kept: one neutral folder, chosen the same way on every start.

In order: `--data-dir DIR`; a `data` folder beside the executable when a `portable` marker file
is there (for a USB stick); otherwise the per-user application data folder. Names are neutral
("Planner"; plans have random names, see `planner.core.plans`), so a folder listing says
nothing about what the app is for.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "Planner"
PORTABLE_MARKER = "portable"


def executable_dir() -> Path:
    """The folder of the running program: the bundle's folder, or the source checkout."""
    if getattr(sys, "frozen", False):
        return _outside_app_bundle(Path(sys.executable).resolve().parent)
    return Path(__file__).resolve().parents[2]


def _outside_app_bundle(program_dir: Path) -> Path:
    """On macOS the program sits in `Planner.app/Contents/MacOS`; the folder a person sees, and
    where a USB copy keeps its marker and data, is the one holding `Planner.app` (writing inside
    the .app would also break its signature)."""
    if (program_dir.name == "MacOS" and program_dir.parent.name == "Contents"
            and program_dir.parent.parent.suffix == ".app"):
        return program_dir.parents[2]
    return program_dir


def is_portable(program_dir: Path | None = None) -> bool:
    """True when a `portable` marker file sits beside the program."""
    return ((program_dir or executable_dir()) / PORTABLE_MARKER).is_file()


def user_data_dir() -> Path:
    """The per-user application data folder for this platform."""
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / APP_FOLDER if base else home / "AppData" / "Local" / APP_FOLDER
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_FOLDER
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else home / ".local" / "share") / APP_FOLDER.lower()


def data_dir(override: Path | None = None, program_dir: Path | None = None) -> Path:
    """The folder that holds the vault (not created here: nothing is written until a plan is)."""
    if override is not None:
        return override
    folder = program_dir or executable_dir()
    if is_portable(folder):
        return folder / "data"
    return user_data_dir()

