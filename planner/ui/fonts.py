"""The app's typeface, from PyPI packages rather than copied files.

Atkinson Hyperlegible was designed for low-vision readers; registering it at start-up means
every shelter computer shows the same letters. Noto Sans covers the scripts Atkinson lacks
(Vietnamese tone marks, Arabic…) and is set as its fallback.
"""

from __future__ import annotations

import fontpkg_atkinson_hyperlegible as atkinson
import fontpkg_noto_sans as noto
from PySide6.QtGui import QFont, QFontDatabase

UI_FAMILY = "Atkinson Hyperlegible"
FALLBACK_FAMILY = "Noto Sans"
BASE_POINT_SIZE = 12.0


_registered: list[str] = []


def register_fonts() -> list[str]:
    """Load the packaged font files into Qt once; returns the families that loaded."""
    if _registered:
        return list(_registered)
    loaded: list[str] = []
    for package in (atkinson, noto):
        for path in sorted((package.ROOT / "files").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    QFont.insertSubstitution(UI_FAMILY, FALLBACK_FAMILY)
    _registered.extend(sorted(set(loaded)))
    return list(_registered)


def ui_font(scale_percent: int = 100) -> QFont:
    """The application font at the person's chosen text size."""
    font = QFont(UI_FAMILY)
    font.setFamilies([UI_FAMILY, FALLBACK_FAMILY])
    font.setPointSizeF(BASE_POINT_SIZE * scale_percent / 100)
    return font
