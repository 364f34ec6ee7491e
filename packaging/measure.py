"""Report the bundle's size and start-up time beside the source install's, in the same run.

Size: the unpacked bundle folder (file bytes, not disk blocks) and its portable archive (the
same archive `make portable` writes, compressed in memory here, so nothing is written). The
largest parts of `_internal/` are listed, to see what to trim next.
Start-up: wall time from spawning `--startup-check` to reading its output (the first paint of
the welcome screen), for `dist/planner/planner` and `.venv/bin/planner`, interleaved, headless,
each with a fresh empty HOME, XDG folders and TMPDIR; the median of several runs after one
warm-up each. The app's own count (from its first import to first paint) is shown beside it.

Usage: .venv/bin/python packaging/measure.py [--runs 7] [--bundle dist/planner]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import portable

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000


class CountingSink:
    """A file-like object that only counts the bytes written to it."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes of every regular file under `folder` (symlinks not followed), and the file count."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def archived_size(bundle: Path) -> int:
    """The size of the portable archive of `bundle`, compressed in memory."""
    sink = CountingSink()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / portable.FOLDER_NAME
        portable.make_folder(bundle, folder)
        portable.write_archive(folder, sink)  # type: ignore[arg-type]
    return sink.size


def isolated_env(home: Path) -> dict[str, str]:
    """Headless, with every per-user folder pointing at fresh empty folders under `home`."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "QT_"))}
    folders = {"HOME": "home", "XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data",
               "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "state",
               "XDG_RUNTIME_DIR": "runtime", "TMPDIR": "tmp"}
    for key, name in folders.items():
        path = home / name
        path.mkdir(mode=0o700)
        env[key] = str(path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def startup_once(command: list[str]) -> tuple[float, float]:
    """(ms from spawn to the printed line, ms the app counted itself)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = isolated_env(Path(scratch))
        started = time.perf_counter()
        process = subprocess.Popen([*command, "--startup-check"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=env, text=True)
        assert process.stdout is not None
        line = process.stdout.readline()
        wall = (time.perf_counter() - started) * 1000
        if process.wait(timeout=60) != 0 or not line.strip().isdigit():
            raise SystemExit(f"{command[0]} --startup-check failed: {line!r}")
    return wall, float(line)


def measure_startup(commands: dict[str, list[str]],
                    runs: int) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for command in commands.values():
        startup_once(command)  # warm-up: the first start also fills the OS's file cache
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(startup_once(command))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="bundle size and start-up vs source install")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "planner")
    parser.add_argument("--source", type=Path, default=ROOT / ".venv" / "bin" / "planner")
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    executable = arguments.bundle / ("planner.exe" if sys.platform == "win32" else "planner")
    if not executable.is_file():
        raise SystemExit(f"no bundle at {arguments.bundle}: run `make bundle` first")

    unpacked, count = tree_size(arguments.bundle)
    print(f"bundle {arguments.bundle}")
    print(f"  unpacked  {unpacked / MB:7.1f} MB  ({count} files)")
    print(f"  archived  {archived_size(arguments.bundle) / MB:7.1f} MB  "
          f"({portable.archive_name()}, compressed in memory)")
    print("  largest parts of _internal:")
    parts = [(tree_size(path)[0] if path.is_dir() else path.lstat().st_size, path.name)
             for path in (arguments.bundle / "_internal").iterdir()]
    for size, name in sorted(parts, reverse=True)[:12]:
        print(f"    {size / MB:6.1f} MB  {name}")

    commands = {"bundle": [str(executable)], "source": [str(arguments.source)]}
    results = measure_startup(commands, arguments.runs)
    print(f"start-up, spawn to first paint, headless (median of {arguments.runs}, "
          "after one warm-up each):")
    for name, samples in results.items():
        wall = statistics.median(sample[0] for sample in samples)
        own = statistics.median(sample[1] for sample in samples)
        low, high = min(s[0] for s in samples), max(s[0] for s in samples)
        print(f"  {name:7s} {wall:6.0f} ms  (range {low:.0f}-{high:.0f}; app's own count "
              f"{own:.0f} ms)  {' '.join(commands[name])} --startup-check")
    bundle_ms = statistics.median(sample[0] for sample in results["bundle"])
    source_ms = statistics.median(sample[0] for sample in results["source"])
    print(f"  bundle/source: {bundle_ms / source_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
