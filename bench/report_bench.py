"""Printing: the plan PDF for the sample plan and a 300-action plan, against reportlab building a
plain document of the same text in the same run (target: within 1.5x), the time from "Print" to
the preview shown, and the longest the print screen leaves the window unanswered while it lays
out a plan with a million-letter note (target: under 100 ms)."""

from __future__ import annotations

import io
import os
from datetime import date

from timing import median_ms


def _plain(texts: list[str]) -> bytes:
    """The same words as plain reportlab paragraphs in the same font: the baseline."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from planner.report import fonts

    fonts.register()
    style = ParagraphStyle("plain", fontName=fonts.BODY, fontSize=12, leading=16.8)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(escape(t), style) for t in texts])
    return buffer.getvalue()


def _with_at_least(library, count: int):  # type: ignore[no-untyped-def]
    """The real library, with its actions repeated under new ids until there are `count`."""
    from dataclasses import replace

    topics = list(library.topics)
    extra = 0
    while sum(len(t.actions) for t in topics) < count:
        topic = topics[extra % len(topics)]
        copies = tuple(replace(a, id=f"extra-{extra}-{a.id}") for a in topic.actions)
        topics[extra % len(topics)] = replace(topic, actions=topic.actions + copies)
        extra += 1
    return type(library)(tuple(topics))


def measure() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from planner.core.content import load_library
    from planner.core.plan import ActionStatus, Plan
    from planner.core.resources import content_dir
    from planner.core.vault import Vault
    from planner.report import outputs
    from planner.report.layout import PrintOptions
    from planner.ui.tour_steps import fill_sample_plan

    library = load_library(content_dir())
    options = PrintOptions(language="en", printed_on=date(2026, 11, 24))
    sample = Plan(Vault.guest())
    fill_sample_plan(sample)
    printable_sample = outputs.PrintablePlan.from_plan(sample)
    big_library = _with_at_least(library, 300)
    printable_big = outputs.PrintablePlan({a.id: ActionStatus.TODO for a in big_library.actions},
                                          {}, (), ())

    def texts(plan: outputs.PrintablePlan) -> list[str]:
        """Every line our PDF prints (read back with pypdf): the same text, laid out plainly."""
        from pypdf import PdfReader

        source = big_library if plan is printable_big else library
        pdf = outputs.my_plan(plan, source, options)
        return [line for page in PdfReader(io.BytesIO(pdf)).pages
                for line in page.extract_text().splitlines() if line.strip()]

    sample_lines, big_lines = texts(printable_sample), texts(printable_big)

    results = {
        "plan_pdf_sample_ms": median_ms(
            lambda: outputs.my_plan(printable_sample, library, options)),
        "plain_reportlab_sample_ms": median_ms(lambda: _plain(sample_lines)),
        "plan_pdf_300_actions_ms": median_ms(
            lambda: outputs.my_plan(printable_big, big_library, options)),
        "plain_reportlab_300_actions_ms": median_ms(lambda: _plain(big_lines)),
        "actions_in_big_plan": len(printable_big.statuses),
    }
    results["ratio_sample"] = round(
        results["plan_pdf_sample_ms"] / results["plain_reportlab_sample_ms"], 2)
    results["ratio_300"] = round(
        results["plan_pdf_300_actions_ms"] / results["plain_reportlab_300_actions_ms"], 2)
    results["print_to_preview_ms"] = _preview_ms(sample, library)
    # A million letters of notes (the most the app stores per note), as lines and as one line.
    for shape, note in (("lines", LONG_NOTE), ("one_line", "word " * 200_000)):
        long_plan = outputs.PrintablePlan({}, {library.topics[0].id: note}, (), ())
        results[f"plan_pdf_1mb_note_{shape}_ms"] = median_ms(
            lambda plan=long_plan: outputs.my_plan(plan, library, options), 3)
    results["print_screen_1mb_note_longest_pause_ms"] = _longest_pause_ms(library)
    return results


LONG_NOTE = "a line of a long note, typed over many days\n" * 23_000


def _longest_pause_ms(library) -> float:  # type: ignore[no-untyped-def]
    """The longest gap between ticks of a 10 ms timer while the print screen, as shown to a
    person, lays out a plan with a million-letter note: how long the window can go without
    repainting or seeing a key (quick exit included)."""
    import itertools
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    from planner.core.plan import Plan
    from planner.core.vault import Vault
    from planner.ui.application import make_application
    from planner.ui.print_screen import PrintScreen

    make_application()
    plan = Plan(Vault.guest())
    plan.set_note(library.topics[0].id, LONG_NOTE)
    screen = PrintScreen(lambda: plan, library)
    ticks: list[float] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    ready = QTimer()
    ready.timeout.connect(lambda: screen.document.pageCount() > 100 and loop.quit())
    clock.start(10)
    ready.start(10)
    screen.refresh()
    screen.show()
    loop.exec()
    clock.stop()
    ready.stop()
    screen.close()
    plan.vault.close()
    return round(max(b - a for a, b in itertools.pairwise(ticks)) * 1000, 1)


def _preview_ms(plan, library) -> float:  # type: ignore[no-untyped-def]
    from planner.ui.application import make_application
    from planner.ui.print_screen import PrintScreen

    make_application()
    screen = PrintScreen(lambda: plan, library)
    screen.refresh()
    screen.show()
    return median_ms(screen.show_preview)
