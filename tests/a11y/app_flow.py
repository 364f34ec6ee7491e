"""A session of the real app on a real X server with the accessibility bridge on, typed with
real X key events (xdotool), for `tests/test_screen_reader.py`.

Run as `python app_flow.py DATA_DIR` with DISPLAY, DBUS_SESSION_BUS_ADDRESS and
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 set. It creates a plan (a too-short passphrase first), visits
a topic step that has a caution, tries to add a person with no name, locks and unlocks (a
wrong passphrase first), changes the passphrase and shows the print preview. It prints one JSON
line: the passphrases typed and the texts a screen reader should have heard.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from planner.core import kdf
from planner.core.session import Session
from planner.core.vault import silence_sqlcipher_logging
from planner.ui.application import build_window, make_application

# Letter groups that occur in no English or Spanish text the app shows, so finding any of them
# on the bus can only mean the passphrase leaked.
PASSPHRASES = {"first": "qzx vkj wpf 7482", "wrong": "xqv jzk fwq 5190",
               "new": "kxz qvj pwz 3617"}
SHORT = "zqj9"

CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only


def _keys(*args: str) -> None:
    """Send real X key events, keeping Qt's event loop running meanwhile (so the app answers
    the screen reader's questions as it would), then let the app handle every key."""
    process = subprocess.Popen(["xdotool", *args])
    while process.poll() is None:
        QApplication.processEvents()
        time.sleep(0.01)
    if process.returncode:
        raise RuntimeError(f"xdotool {args} failed")
    _settle(0.3)


def _tree() -> list[dict[str, object]]:
    """What a screen reader finds on screen now (asked from outside, while the app answers)."""
    process = subprocess.Popen(["/usr/bin/python3", str(Path(__file__).with_name("tree.py")),
                                "Planner"], stdout=subprocess.PIPE, text=True)
    while process.poll() is None:
        QApplication.processEvents()
        time.sleep(0.01)
    assert process.stdout is not None
    return json.loads(process.stdout.read() or "[]")


def _tab_walk(start: QWidget, presses: int) -> list[str]:
    """Press Tab from `start`; return the accessible names focus lands on, in order."""
    _focus(start)
    names = []
    for _ in range(presses):
        _keys("key", "Tab")
        focused = QApplication.focusWidget()
        names.append(focused.accessibleName() if focused is not None else "")
    return names


def _settle(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _type(text: str) -> None:
    _keys("type", "--delay", "40", text)


def _focus(widget: QWidget) -> None:
    """Give the X input focus to the window (there is no window manager), then the widget,
    and wait until the widget really has it."""
    window = widget.window()
    window.activateWindow()
    if QApplication.activeWindow() is not window:
        _keys("windowfocus", "--sync", str(int(window.winId())))
    deadline = time.monotonic() + 5
    while not widget.hasFocus() and time.monotonic() < deadline:
        widget.setFocus()
        QApplication.processEvents()
        time.sleep(0.05)
    if not widget.hasFocus():
        raise RuntimeError(f"could not focus {widget.accessibleName()!r}")


def steps(window, quits: list[int], said: dict[str, object]) -> Iterator[None]:
    welcome = window.welcome
    welcome.new_button.click()
    yield
    _focus(welcome.new_passphrase)
    _type(SHORT)
    _keys("key", "Return")  # to the second field
    _type(SHORT)
    _keys("key", "Return")  # create: too short
    yield
    said["too_short"] = welcome.create_error.text()
    welcome.new_passphrase.clear()
    welcome.confirm_passphrase.clear()
    _focus(welcome.new_passphrase)
    _type(PASSPHRASES["first"])
    _keys("key", "Tab")
    _type(PASSPHRASES["first"])
    _keys("key", "Return")
    yield
    window.priorities.skip.click()
    yield
    topics = window.topics
    for topic in topics.topics:
        if any(action.caution for action in topic.actions):
            topics.refresh(topic.id)
            break
    row = next(r for r in topics.rows if r.caution is not None)
    said["caution"] = row.action.caution
    said["caution_step"] = row.action.text
    said["topic_title"] = topics.current.title
    _focus(next(b for b in row.buttons.values() if b.isChecked()))
    _keys("key", "Right")  # moving through the choices chooses nothing
    said["status_after_arrow"] = window.plan().status(row.action.id)
    yield
    said["topic_tree"] = _tree()
    said["topics_tab"] = _tab_walk(topics.list, 3)
    said["topic_page_name"] = topics.page.accessibleName()
    yield
    window.plan().set_status(row.action.id, "todo")
    window.show_page("plan")
    yield
    said["plan_tree"] = _tree()
    people = window.plan_screen.people
    people.add_button.click()
    yield
    _focus(people.save)
    _keys("key", "Return")  # no name yet
    yield
    said["no_name"] = people.error.text()
    people.close_form()
    _focus(window.header.quick_exit)
    _keys("key", "ctrl+l")
    yield
    _focus(window.lock_screen.passphrase)
    _type(PASSPHRASES["wrong"])
    _keys("key", "Return")
    yield
    said["wrong"] = window.lock_screen.message.text()
    _focus(window.lock_screen.passphrase)
    _type(PASSPHRASES["first"])
    _keys("key", "Return")
    yield
    said["unlocked"] = not window.session.locked
    window.show_page("settings")
    yield
    settings = window.settings
    for field, key in ((settings.old, "first"), (settings.new, "new"), (settings.again, "new")):
        _focus(field)
        _type(PASSPHRASES[key])
    settings.change_button.click()
    yield
    said["changed"] = settings.passphrase_message.text()
    window.show_page("print")
    screen = window.screens["print"]
    screen.show_preview()
    yield
    said["preview"] = screen.status.text()
    _settle(3.0)  # the listener asks about the last events while the app is still here
    quits.append(1)


def run(data_dir: Path) -> dict[str, object]:
    silence_sqlcipher_logging()
    app = make_application()
    session = Session(data_dir, CHEAP_KEYS)
    quits: list[int] = []
    window, _exit, idle = build_window(app, session, quit_app=lambda: None)
    window.show()
    idle.disarm()
    said: dict[str, object] = {}
    walk = steps(window, quits, said)

    def next_step(then: Callable[[], None]) -> None:
        try:
            next(walk)
        except StopIteration:
            then()
            return
        QTimer.singleShot(700, lambda: next_step(then))

    QTimer.singleShot(1500, lambda: next_step(app.quit))
    started = time.monotonic()
    app.exec()
    window.end_session()
    return {"passphrases": [*PASSPHRASES.values(), SHORT], "said": said,
            "finished": quits == [1], "seconds": round(time.monotonic() - started, 1)}


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]))), flush=True)
