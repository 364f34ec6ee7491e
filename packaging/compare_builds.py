"""Compare two builds of the same commit: file lists, sizes and contents.

Reproducibility check: build once, keep a copy, build again, compare.

    make portable && cp -a dist /tmp/first && make portable
    .venv/bin/python packaging/compare_builds.py /tmp/first/planner dist/planner
    cmp /tmp/first/Planner-portable-*.tar.gz dist/Planner-portable-*.tar.gz

Prints every difference and exits 1 if there is one (0 when the builds are identical).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path


def inventory(folder: Path) -> dict[str, tuple[str, int, str]]:
    """relative path -> (kind, size, sha256 or link target) for everything under `folder`."""
    found: dict[str, tuple[str, int, str]] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = ("link", 0, os.readlink(path))
        elif path.is_dir():
            found[name] = ("dir", 0, "")
        else:
            found[name] = ("file", path.stat().st_size,
                           hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    first, second = (inventory(Path(argument)) for argument in sys.argv[1:])
    differences = 0
    for name in sorted(first.keys() | second.keys()):
        a, b = first.get(name), second.get(name)
        if a == b:
            continue
        differences += 1
        if a is None or b is None:
            print(f"only in {'second' if a is None else 'first'}: {name}")
        elif a[1] != b[1]:
            print(f"size differs: {name} ({a[1]} vs {b[1]} bytes)")
        else:
            print(f"content differs (same size): {name}")
    files = sum(1 for entry in first.values() if entry[0] == "file")
    print(f"{len(first)} entries ({files} files) compared, {differences} differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
