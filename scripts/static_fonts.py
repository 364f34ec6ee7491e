"""Make the static Bold fonts that printed pages use for bold letters Atkinson lacks.

The fontpkg packages ship Noto Sans and Noto Sans Arabic only as variable fonts, and reportlab
draws a variable font at its default (Regular) weight: a bold Vietnamese or Arabic word would
print with regular letters among bold ones. Instancing at run time takes seconds, so the Bold
instances (wght 700, wdth 100) are made here once and committed under assets/fonts/, with the
fonts' licence. The output is the same bytes on every run (the source fonts' dates are kept, no
clock is read), so a test can check the committed files against the installed packages.

    python scripts/static_fonts.py [OUT_DIR]      (default: assets/fonts; needs `.[fonts]`)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

BOLD = {"wght": 700, "wdth": 100}
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "assets" / "fonts"
# Name IDs that describe one variable font's style or axes; a static instance drops them and
# sets its own family, style and names (16/17 typographic family and style, 25 the variations
# PostScript name prefix).
STYLE_NAME_IDS = (1, 2, 3, 4, 6, 16, 17, 25)


@dataclass(frozen=True)
class Source:
    """One variable font from a fontpkg package and the static Bold file made from it."""

    package: ModuleType
    file: str
    family: str
    postscript: str  # PostScript family name, e.g. "NotoSansArabic"

    @property
    def path(self) -> Path:
        return Path(self.package.ROOT) / "files" / self.file

    @property
    def output(self) -> str:
        return f"{self.postscript}-Bold.ttf"


SOURCES = (
    Source(fontpkg_noto_sans, "NotoSans[wdth,wght].ttf", "Noto Sans", "NotoSans"),
    Source(fontpkg_noto_sans_arabic, "NotoSansArabic[wdth,wght].ttf", "Noto Sans Arabic",
           "NotoSansArabic"),
)


def bold_instance(source: Source) -> TTFont:
    """The Bold instance of `source`, named as a static font of its family."""
    variable = TTFont(str(source.path), recalcTimestamp=False)
    created, modified = variable["head"].created, variable["head"].modified
    font = instancer.instantiateVariableFont(variable, BOLD)
    version = variable["name"].getDebugName(5).removeprefix("Version ").strip()
    name = font["name"]
    for name_id in STYLE_NAME_IDS:
        name.removeNames(nameID=name_id)
    postscript = f"{source.postscript}-Bold"
    for name_id, value in ((1, source.family), (2, "Bold"),
                           (3, f"{version};GOOG;{postscript}"),
                           (4, f"{source.family} Bold"), (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English
        name.setName(value, name_id, 1, 0, 0)  # Macintosh, Roman, English
    instancer.setRibbiBits(font)  # head.macStyle and OS/2 fsSelection say "Bold"
    font["head"].created, font["head"].modified = created, modified
    return font


def licence_text() -> str:
    """The SIL Open Font License the fonts come under, with each font's copyright line."""
    texts = [(Path(source.package.ROOT) / "LICENSE").read_text(encoding="utf-8")
             for source in SOURCES]
    copyrights = [text.split("\n", 1)[0] for text in texts]
    bodies = {text.split("\n", 1)[1] for text in texts}
    if len(bodies) != 1:
        raise SystemExit("the packages' licences differ beyond their copyright lines")
    return "\n".join(copyrights) + "\n" + bodies.pop()


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        bold_instance(source).save(str(out_dir / source.output))
        print(f"{out_dir / source.output}: {source.family} Bold from {source.path.name}")
    (out_dir / "OFL.txt").write_text(licence_text(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
