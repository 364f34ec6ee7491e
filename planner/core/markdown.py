"""A tiny reader for the restricted Markdown in topic bodies, shared by the screen and the PDF.

Topic bodies use only headings, paragraphs, bullet lists and **bold**. Reading them here means
neither the Qt UI nor reportlab needs a Markdown library, and nothing here can ever produce
HTML: the result is plain text runs that each renderer styles itself. Links become their label
(topic links) or "label (address)" (web links): the app shows addresses, it never opens them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
NUMBERED = re.compile(r"^(\s*)\d+[.)]\s+(.*)$")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


@dataclass(frozen=True)
class Run:
    """A stretch of text that is bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or bullet, as runs of plain text."""

    kind: str
    level: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def _unlink(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2)
        return label if target.startswith("topic:") else f"{label} ({target})"

    return LINK.sub(replace, text)


def _runs(text: str) -> tuple[Run, ...]:
    text = _unlink(text).replace("`", "")
    runs: list[Run] = []
    position = 0
    for match in BOLD.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position:match.start()]))
        runs.append(Run(match.group(1) or match.group(2), bold=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return tuple(run for run in runs if run.text)


def parse_blocks(body: str) -> tuple[Block, ...]:
    """Split a body into blocks; consecutive text lines join into one paragraph."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", 0, _runs(" ".join(paragraph))))
            paragraph.clear()

    for raw in body.splitlines():
        line = raw.rstrip()
        if not line.strip():
            end_paragraph()
            continue
        heading = HEADING.match(line)
        item = BULLET.match(line) or NUMBERED.match(line)
        if heading:
            end_paragraph()
            blocks.append(Block("heading", len(heading.group(1)), _runs(heading.group(2))))
        elif item:
            end_paragraph()
            level = 1 + len(item.group(1).expandtabs(4)) // 2
            blocks.append(Block("bullet", level, _runs(item.group(2))))
        elif blocks and blocks[-1].kind == "bullet" and raw.startswith((" ", "\t")) \
                and not paragraph:
            previous = blocks.pop()
            blocks.append(Block("bullet", previous.level,
                                previous.runs + _runs(" " + line.strip())))
        else:
            paragraph.append(line.strip())
    end_paragraph()
    return tuple(blocks)


def plain_text(body: str) -> str:
    """The body as plain text, one block per line (for reading-level checks and search)."""
    return "\n".join(block.text for block in parse_blocks(body))
