"""Where the app's read-only files are: content, catalogs, assets.

From a source checkout they sit beside the package; in a PyInstaller bundle they sit in the
bundle's folder (`sys._MEIPASS`). Nothing here is ever written to.
"""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder that holds `content/`, `translations/` and `assets/`."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def content_dir() -> Path:
    """The topic library shipped with the app."""
    return install_root() / "content"


def translations_dir() -> Path:
    """Compiled gettext catalogs (`<lang>/LC_MESSAGES/planner.mo`)."""
    return install_root() / "translations"


def assets_dir() -> Path:
    """Icons and images."""
    return install_root() / "assets"
