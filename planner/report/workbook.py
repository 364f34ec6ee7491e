"""`planner workbook --locale en --out FILE.pdf`: the blank workbook, with no plan at all.

For people who want paper and no file: nothing is read from or written to a vault.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planner.core import files
from planner.core.content import ContentError, load_library
from planner.core.resources import content_dir
from planner.report.layout import PrintOptions
from planner.report.outputs import workbook


def workbook_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="planner workbook")
    parser.add_argument("--locale", default="en")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--discreet", action="store_true")
    parser.add_argument("--large-print", action="store_true")
    arguments = parser.parse_args(list(argv))
    try:
        library = load_library(content_dir(), arguments.locale)
    except ContentError as error:
        print(f"The topics could not be read: {error}", file=sys.stderr)
        return 1
    options = PrintOptions(language=arguments.locale, printed_on=date.today(),
                           discreet=arguments.discreet, large_print=arguments.large_print)
    data = workbook(library, options)
    try:
        files.atomic_write(arguments.out, data)
    except OSError as error:
        print(f"The workbook could not be saved to {arguments.out}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    print(arguments.out)
    return 0
