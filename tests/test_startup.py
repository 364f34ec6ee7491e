"""Start-up in a real child process, the way `make bench` times it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STARTUP_CHECK = r"""
import sys
from planner.app import main
sys.exit(main(["--startup-check", "--data-dir", sys.argv[1]]))
"""

# Asks, a moment after the window is built (so after its first paint), whether Python's cycle
# collector runs: start-up pauses it, and the app must turn it back on.
COLLECTOR_AFTER_FIRST_PAINT = r"""
import gc, sys
import planner.ui.application as application
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

built = application.build_window

def build_then_ask(*args, **kwargs):
    window = built(*args, **kwargs)
    def ask():
        print("collector on:", gc.isenabled(), flush=True)
        QApplication.quit()
    QTimer.singleShot(300, ask)
    return window

application.build_window = build_then_ask
from planner.app import main
main(["--data-dir", sys.argv[1]])
"""


def _run(code: str, folder: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code, str(folder)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout.strip().splitlines()


def test_startup_check_paints_the_first_screen_and_writes_nothing(tmp_path: Path) -> None:
    lines = _run(STARTUP_CHECK, tmp_path)
    assert 0 < int(lines[-1]) < 60_000  # milliseconds from process start to the first paint
    assert not any(tmp_path.iterdir())


def test_the_cycle_collector_runs_again_once_the_first_screen_is_painted(tmp_path: Path) -> None:
    """Without it, a long session would keep every reference cycle it makes (a closed screen,
    a laid-out page) until the app quits."""
    assert _run(COLLECTOR_AFTER_FIRST_PAINT, tmp_path)[-1] == "collector on: True"
