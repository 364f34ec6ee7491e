"""Making any text safe to lay out on a page.

People type anything: control characters, right-to-left override marks that would scramble a
line, 5,000-letter "words", emoji. None of it may crash the layout or hide what a line says.
"""

from __future__ import annotations

import re
import unicodedata

from planner.report.fonts import markup

# Bidi embedding/override/isolate controls can make a printed line read differently from what
# was typed; on paper they are removed (the letters stay, in typed order).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
LONG_WORD = 40
SOFT_BREAK = "\u200b"


def clean(text: str) -> str:
    """Remove control characters (keeping new lines and tabs) and bidi overrides."""
    text = BIDI_CONTROLS.sub("", text.replace("\r\n", "\n"))
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
                   or ch == SOFT_BREAK)


def breakable(text: str) -> str:
    """Let very long words wrap by adding invisible break points every few letters."""
    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        return SOFT_BREAK.join(word[i:i + 20] for i in range(0, len(word), 20))

    return re.sub(rf"\S{{{LONG_WORD},}}", split, text)


def para(text: str, bold: bool = False) -> str:
    """Paragraph markup for user or content text: cleaned, wrappable, escaped, font-routed;
    `bold` when it is drawn bold (see `fonts.markup`)."""
    return markup(breakable(clean(text)), bold).replace("\n", "<br/>")
