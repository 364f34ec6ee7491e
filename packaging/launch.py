"""Entry script of the PyInstaller bundle: the same `main` as the `planner` command.

Kept outside the package so PyInstaller freezes `planner` as an ordinary package (an entry
script inside it would run as `__main__` and be imported a second time under its own name).
"""

import sys

from planner.app import main

if __name__ == "__main__":
    sys.exit(main())
