"""Quick exit in the real app process: `planner.app.main`, a large saved plan open on My plan,
three Shift presses arriving through the event loop. How fast is for `make bench`
(`bench/quick_exit_bench.py`, which runs the same child); this test checks what happens."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))

import quick_exit_bench

from planner.core import kdf
from planner.core.plan import Plan
from planner.core.plans import PlanFolder


def test_three_shifts_hide_every_window_and_end_the_process_keeping_the_plan(
        tmp_path: Path) -> None:
    folder = tmp_path / "data"
    made = quick_exit_bench.make_large_plan(folder)
    assert made["notes_kib"] >= 1000
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    # Raises unless the third press reached the app, every window was hidden, and the
    # process exited with 0.
    hidden_ms, gone_ms = quick_exit_bench._one(folder, "posted", env)
    assert 0 <= hidden_ms <= gone_ms
    assert [p.name for p in folder.iterdir() if p.name.endswith("-journal")] == []
    plan = Plan(PlanFolder(folder, kdf.REAL).open(quick_exit_bench.PASSPHRASE))
    assert len(plan.contacts()) == made["people"]
    plan.vault.close()
