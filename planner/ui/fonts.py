"""The app's typeface, from PyPI packages rather than copied files.

Atkinson Hyperlegible was designed for low-vision readers; registering it at start-up means
every shelter computer shows the same letters. Noto Sans covers what Atkinson lacks (Vietnamese
tone marks, Cyrillic, Greek) and Noto Sans Arabic covers Arabic script; both are fallbacks.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson
import fontpkg_noto_sans as noto
import fontpkg_noto_sans_arabic as noto_arabic
from PySide6.QtGui import QFont, QFontDatabase

UI_FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILY = "Noto Sans"
ARABIC_FAMILY = "Noto Sans Arabic"
FAMILIES = [UI_FAMILY, FALLBACK_FAMILY, ARABIC_FAMILY]
BASE_POINT_SIZE = 12.0


_registered: list[str] = []


def font_files() -> list[Path]:
    """The packaged TTF files of the UI font stack, in fallback order."""
    return [path for package in (atkinson, noto, noto_arabic)
            for path in sorted((package.ROOT / "files").glob("*.ttf"))]


def register_fonts() -> list[str]:
    """Load the packaged font files into Qt once; returns the families that loaded."""
    if _registered:
        return list(_registered)
    loaded: list[str] = []
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    QFont.insertSubstitutions(UI_FAMILY, FAMILIES[1:])
    _registered.extend(sorted(set(loaded)))
    return list(_registered)


def ui_font(scale_percent: int = 100) -> QFont:
    """The application font at the person's chosen text size."""
    font = QFont(UI_FAMILY)
    font.setFamilies(FAMILIES)
    font.setPointSizeF(BASE_POINT_SIZE * scale_percent / 100)
    return font
