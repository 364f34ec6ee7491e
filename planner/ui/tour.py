"""`planner tour`: a guest session with a sample plan, every screen saved as a PNG.

For reviewers (and translators): run it offscreen, open the pictures, and see every screen and
state at a given language, text size and theme without clicking through the app. Nothing is
written but the PNGs in the chosen folder.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from planner.core import files


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner tour")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--locale", default="en")
    parser.add_argument("--scale", type=int, choices=(100, 125, 150, 175, 200), default=100)
    parser.add_argument("--contrast", action="store_true")
    return parser


def main(argv: Sequence[str]) -> int:
    arguments = _parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from planner.ui.tour_steps import run_tour

    files.ensure_private_dir(arguments.out)
    saved = run_tour(arguments.out, arguments.locale, arguments.scale, arguments.contrast)
    for path in saved:
        print(path)
    return 0
