"""Print, as JSON, what a screen reader finds in the running app: every object on screen with
its role, name, description and its parent's role and name.

Run with the system Python that has the AT-SPI bindings: `python3 tree.py APP_NAME`.
"""

from __future__ import annotations

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

LIMIT = 5000


def walk(node: Atspi.Accessible, parent: dict[str, str], found: list[dict[str, object]]) -> None:
    if len(found) >= LIMIT:
        return
    try:
        states = node.get_state_set()
        if not states.contains(Atspi.StateType.SHOWING):
            return
        entry = {"role": node.get_role_name(), "name": node.get_name(),
                 "description": node.get_description(), "parent": parent}
    except Exception:
        return
    found.append(entry)
    here = {"role": str(entry["role"]), "name": str(entry["name"])}
    for index in range(node.get_child_count()):
        try:
            child = node.get_child_at_index(index)
        except Exception:
            continue
        if child is not None:
            walk(child, here, found)


def main(app_name: str) -> None:
    desktop = Atspi.get_desktop(0)
    found: list[dict[str, object]] = []
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_name() == app_name:
            found.append({"role": app.get_role_name(), "name": app.get_name(),
                          "description": app.get_description(), "parent": {}})
            for window in range(app.get_child_count()):
                walk(app.get_child_at_index(window), {"role": "application", "name": app_name},
                     found)
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
