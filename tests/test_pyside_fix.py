"""A long session must not abort inside PySide6: each Qt call that returns nothing takes a
reference from None on PySide6 6.12 with Python 3.11 (see planner/ui/pyside_fix.py)."""

from __future__ import annotations

import os
import subprocess
import sys

LONG_SESSION = r"""
import sys
import planner.ui  # what every screen imports first
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel
app = QApplication([])
label, box = QLabel(), QCheckBox()
for number in range(30_000):  # far more than None's own count of references at start
    label.setVisible(number % 2 == 0)
    label.setText("words")
    box.setChecked(number % 2 == 0)
print("still here", flush=True)
"""


def test_a_long_session_of_qt_calls_does_not_abort_the_app() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", LONG_SESSION], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "still here" in done.stdout


SOURCE_READ = r"""
import linecache, sys
sys.path.insert(0, sys.argv[2])
if sys.argv[1] == "app":
    import planner.ui  # what every screen imports first
import PySide6.QtCore
import fresh_module
print("read" if any(name.endswith("fresh_module.py") for name in linecache.cache) else "not read")
"""


def test_pyside_no_longer_reads_the_source_of_each_module_imported_after_it(tmp_path) -> None:
    """PySide6 reads every later module's whole source (looking for `__feature__`, which the
    app never uses): about 5 ms of start-up. Plain PySide6 does read it, so this can tell."""
    (tmp_path / "fresh_module.py").write_text("VALUE = 1\n")

    def after(first: str) -> str:
        done = subprocess.run([sys.executable, "-c", SOURCE_READ, first, str(tmp_path)],
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen",
                                       PYTHONDONTWRITEBYTECODE="1"),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-500:]
        return done.stdout.strip()

    assert after("pyside") == "read"
    assert after("app") == "not read"
