"""Printing: the plan PDF for the sample plan and a 300-action plan, against reportlab building a
plain document of the same text in the same run (target: within 1.5x), and the time from
"Print" to the preview shown."""

from __future__ import annotations

import io
import os
import statistics
import time
from collections.abc import Callable
from datetime import date


def _median_ms(run: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def _plain(texts: list[str]) -> bytes:
    """The same words as plain reportlab paragraphs in the same font: the baseline."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    from planner.report import fonts

    fonts.register()
    style = ParagraphStyle("plain", fontName=fonts.BODY, fontSize=12, leading=16.8)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(escape(t), style) for t in texts])
    return buffer.getvalue()


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
    options = PrintOptions(printed_on=date(2026, 11, 24))
    sample = Plan(Vault.guest())
    fill_sample_plan(sample)
    big = Plan(Vault.guest())
    for action in library.actions:
        big.set_status(action.id, ActionStatus.TODO)
    printable_sample = outputs.PrintablePlan.from_plan(sample)
    statuses = dict(big.statuses())
    extra = {f"extra-{i}": ActionStatus.TODO for i in range(300 - len(statuses))}
    printable_big = outputs.PrintablePlan({**statuses, **extra}, {}, (), ())

    def texts(plan: outputs.PrintablePlan) -> list[str]:
        chosen = [a for a in library.actions if a.id in plan.statuses]
        return [a.text for a in chosen] + [t.title for t in library.topics]

    results = {
        "plan_pdf_sample_ms": _median_ms(lambda: outputs.my_plan(printable_sample, library, options)),
        "plain_reportlab_sample_ms": _median_ms(lambda: _plain(texts(printable_sample))),
        "plan_pdf_300_actions_ms": _median_ms(lambda: outputs.my_plan(printable_big, library, options)),
        "plain_reportlab_300_actions_ms": _median_ms(lambda: _plain(texts(printable_big))),
        "actions_in_big_plan": len([a for a in library.actions if a.id in statuses]),
    }
    results["ratio_sample"] = round(results["plan_pdf_sample_ms"] / results["plain_reportlab_sample_ms"], 2)
    results["ratio_300"] = round(results["plan_pdf_300_actions_ms"] / results["plain_reportlab_300_actions_ms"], 2)
    results["print_to_preview_ms"] = _preview_ms(sample, library)
    return results


def _preview_ms(plan, library) -> float:  # type: ignore[no-untyped-def]
    from planner.ui.application import make_application
    from planner.ui.print_screen import PrintScreen

    make_application()
    screen = PrintScreen(lambda: plan, library)
    screen.refresh()
    screen.show()
    return _median_ms(screen.show_preview)
