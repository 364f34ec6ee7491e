"""One passphrase attempt against 1 plan and against 50, with the real Argon2 parameters.

The bar (issue 14): at least 64 MiB and 0.25-0.5 s per attempt, and an attempt against 50
plans costing at most 1.2x one against a single plan. Each attempt runs in a fresh child
process, so its peak memory (VmHWM) is the attempt's own.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from planner.core import kdf
from planner.core.plans import PlanFolder
from planner.core.vault import silence_sqlcipher_logging

OWNER = "the first person's passphrase"
ATTEMPT = r"""
import json, resource, sys, time
from pathlib import Path
from planner.core.errors import WrongPassphrase
from planner.core import kdf
from planner.core.plans import PlanFolder
from planner.core.vault import silence_sqlcipher_logging
silence_sqlcipher_logging()
folder = PlanFolder(Path(sys.argv[1]), kdf.REAL)
start = time.perf_counter()
try:
    folder.open(sys.argv[2]).close()
    opened = True
except WrongPassphrase:
    opened = False
seconds = time.perf_counter() - start
peak_kib = next(int(line.split()[1]) for line in open("/proc/self/status")
                if line.startswith("VmHWM:"))
print(json.dumps({"ms": seconds * 1000, "peak_mib": peak_kib / 1024, "opened": opened}))
"""


def _attempt(folder: Path, passphrase: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", ATTEMPT, str(folder), passphrase],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _fill(folder: Path, count: int) -> None:
    plans = PlanFolder(folder, kdf.REAL)
    plans.create(OWNER).close()
    for number in range(1, count):
        plans.create(f"person number {number} passphrase").close()


def measure(repeats: int = 5) -> dict[str, float]:
    silence_sqlcipher_logging()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as root:
        for count in (1, 50):
            folder = Path(root) / f"plans-{count}"
            _fill(folder, count)
            for label, passphrase in (("wrong", "nobody's passphrase"), ("right", OWNER)):
                runs = [_attempt(folder, passphrase) for _ in range(repeats)]
                results[f"{label}_attempt_{count}_plans_ms"] = round(
                    statistics.median(r["ms"] for r in runs), 1)
                results[f"{label}_attempt_{count}_plans_peak_mib"] = round(
                    max(r["peak_mib"] for r in runs), 1)
    results["wrong_attempt_50_vs_1"] = round(
        results["wrong_attempt_50_plans_ms"] / results["wrong_attempt_1_plans_ms"], 3)
    results["right_attempt_50_vs_1"] = round(
        results["right_attempt_50_plans_ms"] / results["right_attempt_1_plans_ms"], 3)
    return results


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
