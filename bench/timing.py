"""The one way the benchmarks time things: the median of a few runs, in milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(run: Callable[[], object], repeats: int = 5) -> float:
    """Run `run` `repeats` times; the median wall time in milliseconds, to 0.01 ms."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)
