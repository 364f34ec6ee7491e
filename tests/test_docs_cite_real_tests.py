"""Every test the README and the threat model cite exists: a promise backed by a test that was
renamed or removed is a promise backed by nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DOCUMENTS = ("README.md", "docs/threat-model.md")


def _test_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        names |= set(re.findall(r"^\s*def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    return names


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_cited_test_and_test_file_exists(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    names = _test_names()
    missing = sorted({name for name in re.findall(r"::(test_\w+)", text) if name not in names})
    missing += sorted({path for path in re.findall(r"`(tests/[\w/]+\.py)", text)
                       if not (ROOT / path).exists()})
    assert missing == []
