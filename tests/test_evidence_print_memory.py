"""Printing a long evidence log stays bounded in memory: its files are read one at a time while
the pages are laid out on the layout thread (through the GUI thread, which owns the vault's
connection), never all beforehand (issue 17)."""

from __future__ import annotations

import io
import os
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from vault_helpers import CHEAP_KEYS, PASSPHRASE

from planner.core.evidence import EntryFields
from planner.core.plan import Plan
from planner.core.vault import Vault
from planner.report import outputs
from planner.report.evidence_log import EvidenceChoice
from planner.report.layout import PrintOptions
from planner.ui.page_layout import PageLayout

PICTURES = 16
SIDE = 1600  # noise of 1600 x 1600 pixels: a 2.4 MB photo, printed as a small copy


def noise_photo() -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", (SIDE, SIDE), os.urandom(SIDE * SIDE * 3)).save(out, "JPEG",
                                                                            quality=92)
    return out.getvalue()


@pytest.fixture
def plan_with_pictures(tmp_path: Path) -> Iterator[tuple[Plan, int]]:
    vault = Vault.create(tmp_path / "plan.db", PASSPHRASE, CHEAP_KEYS)
    plan = Plan(vault)
    log = plan.evidence()
    total = 0
    for number in range(PICTURES):
        entry = log.add(EntryFields(date(2026, 11, 1 + number), what_happened=f"Day {number}"))
        data = noise_photo()
        total += len(data)
        log.attach(entry.id, f"photo-{number}.jpg", data)
    yield plan, total
    vault.close()


def lay_out(qtbot, plan: Plan, last_day: date) -> tuple[bytes, list[int], int]:
    """The log up to `last_day` laid out by the screen's own `PageLayout` (the layout thread,
    reading through the GUI thread): its PDF, the files read in order, and the peak of memory
    allocated meanwhile."""
    reads: list[int] = []
    pdfs: list[bytes] = []
    layout = PageLayout(pdfs.append)

    def counted(read):  # what the print screen passes: the layout's own read_through
        threaded = layout.read_through(read)

        def read_and_count(key: int) -> bytes:
            reads.append(key)
            return threaded(key)
        return read_and_count

    printable = outputs.PrintableEvidence.from_plan(plan, EvidenceChoice(None, last_day),
                                                    read_through=counted)
    assert reads == []  # nothing is read beforehand
    options = PrintOptions(language="en", printed_on=date(2026, 11, 30))
    tracemalloc.start()
    try:
        layout.start(outputs.Printout("evidence", options, library=None,  # type: ignore[arg-type]
                                      evidence=printable))
        qtbot.waitUntil(lambda: bool(pdfs), timeout=60_000)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return pdfs[0], reads, peak


def test_the_log_is_laid_out_off_the_gui_thread_one_file_at_a_time(
        qtbot, plan_with_pictures: tuple[Plan, int]) -> None:
    """Twice the pictures must not take twice the memory: with every file held (or every
    picture's pixels kept until the end) the second layout's peak would grow by the size of
    the added files; read one at a time, it grows by their small copies in the PDF."""
    plan, total = plan_with_pictures
    lay_out(qtbot, plan, date(2026, 11, 2))  # loads fonts and languages once
    half_pdf, half_reads, half_peak = lay_out(qtbot, plan, date(2026, 11, PICTURES // 2))
    pdf, reads, peak = lay_out(qtbot, plan, date(2026, 11, PICTURES))
    assert len(half_reads) == PICTURES // 2
    assert sorted(set(reads)) == sorted(reads) and len(reads) == PICTURES  # each file once
    added_files = total / 2
    assert peak - half_peak < added_files / 4, (
        f"peak grew {(peak - half_peak) / 2**20:.1f} MiB for {added_files / 2**20:.1f} MiB of "
        "files more")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert sum(len(page.images) for page in pages) == PICTURES
    assert "could not" not in "".join(page.extract_text() for page in pages).lower()
    assert len(half_pdf) < len(pdf)
