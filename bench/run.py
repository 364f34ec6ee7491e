"""`make bench`: every benchmark the issues ask for, printed and written as JSON."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import evidence_bench
import plans_bench
import quick_exit_bench
import report_bench
import startup_bench
import ui_bench
import vault_bench


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    arguments = parser.parse_args()
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(),
                    "cpu": platform.processor() or platform.machine()},
        "vault": vault_bench.measure(),
        "plans": plans_bench.measure(),
        "startup": startup_bench.measure(),
        "ui": ui_bench.measure(),
        "quick_exit": quick_exit_bench.measure(),
        "report": report_bench.measure(),
        "evidence": evidence_bench.measure(),
    }
    text = json.dumps(results, indent=2)
    print(text)
    arguments.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
