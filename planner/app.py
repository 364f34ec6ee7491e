"""The composition root: start-up in one readable order, and the command line.

Order matters for privacy: the umask is set before anything could create a file, SQLCipher is
silenced before any key is tried, and Qt (slow to import) is loaded only when a window is needed,
so command-line tools such as `check-content` and `workbook` start fast and never touch Qt.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from planner import __version__

PROCESS_START = time.perf_counter()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner", description="Planner")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep the plan in this folder")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="print error details (which may include plan text) to the terminal",
    )
    parser.add_argument(
        "--startup-check",
        action="store_true",
        help="paint the first screen, print the milliseconds it took, and exit",
    )
    commands = parser.add_subparsers(dest="command")
    check = commands.add_parser("check-content", help="validate the topic library")
    check.add_argument("directory", nargs="?", type=Path)
    check.add_argument("--release", action="store_true",
                       help="also fail when a topic's review date has passed")
    commands.add_parser("vault-check", help=argparse.SUPPRESS)
    for name, text in (("tour", "save a picture of every screen"),
                       ("workbook", "write the blank workbook PDF"),
                       ("policy", "write a program's social media policy and worksheet")):
        commands.add_parser(name, help=text, add_help=False)
    return parser


def _prepare_process() -> None:
    """Privacy settings that must hold before any file is touched (SQLCipher silences itself
    when it is first loaded, see `planner.core.vault`)."""
    os.umask(0o077)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `planner` command."""
    parser = _parser()
    arguments, rest = parser.parse_known_args(argv)
    if rest and arguments.command not in ("tour", "workbook", "policy"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    _prepare_process()
    if arguments.command == "check-content":
        from planner.core import content_check

        directory = [str(arguments.directory)] if arguments.directory else []
        return content_check.main(directory + (["--release"] if arguments.release else []))
    if arguments.command == "vault-check":
        from planner import vault_check

        return vault_check.main(arguments.data_dir)
    if arguments.command == "tour":
        from planner.ui import tour

        return tour.main(rest)
    if arguments.command == "workbook":
        from planner.report.workbook import workbook_main

        return workbook_main(rest)
    if arguments.command == "policy":
        from planner.report.policy import policy_main

        return policy_main(rest)
    # Until the first screen is painted, almost nothing made is garbage: Qt's Python classes
    # and enums, the app's modules and widgets all live as long as the app. The cycle collector
    # would walk them again and again for nothing (about 5 ms of start-up), so it waits;
    # `run_gui` turns it back on once the first screen shows.
    gc.disable()
    try:
        from planner.ui.application import run_gui

        return run_gui(
            data_dir=arguments.data_dir,
            startup_check=arguments.startup_check,
            process_start=PROCESS_START,
            debug=arguments.debug,
        )
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
