"""Listen on the accessibility bus (AT-SPI) like a screen reader, and write what it hears.

Run with the system Python that has the AT-SPI bindings (Debian: python3-gi,
gir1.2-atspi-2.0), not the project's virtual environment: `python3 listener.py OUT`. Each event
an assistive technology would receive from the app is written to OUT as one JSON line: its
type, the details and text it carries, and the role, name and description of its source. The
process stops on SIGTERM.
"""

from __future__ import annotations

import json
import signal
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

ERRORS: list[str] = []
# What Orca acts on when a person types, moves focus or an app announces something. (Not the
# thousands of "showing"/"defunct" changes: asking about each would leave the listener behind.)
EVENTS = ("object:text-changed", "object:state-changed:focused",
          "object:state-changed:checked", "object:state-changed:invalid-entry",
          "object:announcement", "focus:", "window:activate")


def _ask(question, default: object = None) -> object:
    try:
        return question()
    except Exception as error:
        ERRORS.append(str(error)[:200])
        return default


def describe(accessible: Atspi.Accessible | None, with_parent: bool = True
             ) -> dict[str, object]:
    """What a screen reader can ask about the object: role, name, description, whether it is
    marked invalid, and its parent's role and name (a group announces its name on entry)."""
    if accessible is None:
        return {}
    found: dict[str, object] = {
        "role": _ask(accessible.get_role_name),
        "name": _ask(accessible.get_name),
        "description": _ask(accessible.get_description),
        "invalid": _ask(lambda: accessible.get_state_set().contains(
            Atspi.StateType.INVALID_ENTRY), False),
    }
    if with_parent:
        found["parent"] = describe(_ask(accessible.get_parent), with_parent=False)
    return found


def main(path: str) -> None:
    out = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - closed at the end

    def heard(event: Atspi.Event) -> None:
        value = event.any_data
        if isinstance(value, Atspi.Accessible):
            value = describe(value)
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)
        source = describe(event.source)
        record = {"type": event.type, "detail1": event.detail1, "detail2": event.detail2,
                  "data": value, "source": source}
        if ERRORS:
            record["errors"] = list(dict.fromkeys(ERRORS))
            ERRORS.clear()
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

    listener = Atspi.EventListener.new(heard)
    for name in EVENTS:
        listener.register(name)
    out.write(json.dumps({"type": "listening"}) + "\n")
    loop = GLib.MainLoop()
    signal.signal(signal.SIGTERM, lambda *_args: loop.quit())
    GLib.timeout_add(200, lambda: True)  # lets Python see the signal
    loop.run()
    out.close()


if __name__ == "__main__":
    main(sys.argv[1])
