"""Generate pseudo-locale catalogs from the template, to test that the UI is ready for any
language before real translations exist.

- `en_XA`: every letter accented, text about 40% longer, wrapped in [brackets], so untranslated
  strings (plain ASCII) and clipped text (a missing bracket) are easy to spot.
- `ar_XB`: the same text mirrored into a right-to-left script marker form, so layouts must
  mirror.

Placeholders like {name} and %s are kept intact so formatting still works.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "\u00e5\u0180\u00e7\u00f0\u00e9\u0192\u011d\u0125\u00ee\u0135\u0137\u013c\u0271\u00f1\u00f6"
    "\u00fe\u01eb\u0155\u0161\u0163\u00fb\u1e7d\u0175\u1e8b\u00fd\u017e"
    "\u00c5\u0181\u00c7\u00d0\u00c9\u0191\u011c\u0124\u00ce\u0134\u0136\u013b\u1e3e\u00d1\u00d6"
    "\u00de\u01ea\u0154\u0160\u0162\u00db\u1e7c\u0174\u1e8a\u00dd\u017d",
)
PLACEHOLDER = re.compile(r"(\{[^}]*\}|%\(?[a-z_]*\)?[sd]|\n)")
RLM, RLE, PDF = "\u200f", "\u202b", "\u202c"


def accent(text: str) -> str:
    """Accent letters outside placeholders and pad to about 140% of the length."""
    parts = PLACEHOLDER.split(text)
    out = "".join(part if PLACEHOLDER.fullmatch(part) else part.translate(ACCENTS)
                  for part in parts)
    padding = "\u00b7" * max(1, round(len(text) * 0.4))
    return f"[{out} {padding}]" if text.strip() else text


def mirror(text: str) -> str:
    """Wrap in right-to-left embedding so Qt lays the string out right-to-left."""
    return f"{RLE}{RLM}{accent(text)}{RLM}{PDF}" if text.strip() else text


def generate(template: Path, folder: Path, locale: str, transform) -> Path:  # type: ignore[no-untyped-def]
    with template.open("rb") as handle:
        source = read_po(handle)
    catalog = Catalog(locale=locale.split("_")[0], domain="planner", project="planner",
                      fuzzy=False)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            forms = catalog.num_plurals
            string = tuple(transform(message.id[min(index, 1)]) for index in range(forms))
        else:
            string = transform(message.id)
        catalog.add(message.id, string, context=message.context)
    target = folder / locale / "LC_MESSAGES" / "planner.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return target


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("translations")
    template = folder / "planner.pot"
    print(generate(template, folder, "en_XA", accent))
    print(generate(template, folder, "ar_XB", mirror))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
