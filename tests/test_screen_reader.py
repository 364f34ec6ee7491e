"""What a screen reader really receives: the app on a real X server with a real AT-SPI bus,
typed with real keys, and a listener registered on the bus the way Orca registers.

Accessible names set on widgets are not what a screen reader says; these tests read the
events and objects that reach the bus. They need Xvfb, xdotool, D-Bus, at-spi2-core and the
AT-SPI Python bindings of the system Python (Debian: xvfb xdotool dbus at-spi2-core python3-gi
gir1.2-atspi-2.0; `.ci/run` installs them); without them they are skipped, saying why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ISOLATED_VARIABLES

HERE = Path(__file__).parent / "a11y"
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
PACKAGES = "xvfb xdotool dbus at-spi2-core python3-gi gir1.2-atspi-2.0"
MASK = "\u25cf"


def _missing() -> str:
    """What this machine lacks for a real accessibility bus ('' when nothing)."""
    for tool in ("xdotool", "dbus-daemon"):
        if shutil.which(tool) is None:
            return tool
    if not Path(BUS_LAUNCHER).exists():
        return BUS_LAUNCHER
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
                           capture_output=True, check=False) if Path(SYSTEM_PYTHON).exists() \
        else None
    if probe is None or probe.returncode != 0:
        return "the AT-SPI bindings of the system Python"
    return ""


def _wait_for(path: Path, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(encoding="utf-8"):
            return
        time.sleep(0.1)
    raise TimeoutError(f"{text!r} never appeared in {path}")


@pytest.fixture(scope="module")
def session_heard(x_display: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[tuple[dict[str, object], list[dict[str, object]]]]:
    """Run the app flow once; give its report and every event the listener heard."""
    missing = _missing()
    if missing:
        pytest.skip(f"no real accessibility bus: {missing} is missing (Debian packages: "
                    f"{PACKAGES}; .ci/run installs them)")
    root = tmp_path_factory.mktemp("a11y")
    environment = dict(os.environ, DISPLAY=x_display)
    for name in ISOLATED_VARIABLES:
        folder = root / "home" / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        environment[name] = str(folder)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                           env=environment)
    helpers: list[subprocess.Popen[str]] = [bus]
    try:
        assert bus.stdout is not None
        environment["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        helpers.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"],
                                        env=environment, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, text=True))
        heard_file = root / "heard.jsonl"
        helpers.append(subprocess.Popen([SYSTEM_PYTHON, str(HERE / "listener.py"),
                                         str(heard_file)], env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        text=True))
        _wait_for(heard_file, "listening", 30)
        app_environment = dict(environment, QT_QPA_PLATFORM="xcb",
                               QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        result = subprocess.run([sys.executable, str(HERE / "app_flow.py"),
                                 str(root / "data")], env=app_environment,
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        time.sleep(1.0)  # the last events in flight
        report = json.loads(result.stdout.strip().splitlines()[-1])
        assert report["finished"], report
        events = [json.loads(line) for line in
                  heard_file.read_text(encoding="utf-8").splitlines() if line.strip()]
        (Path(os.environ.get("PLANNER_A11Y_DUMP", os.devnull))).write_text(
            json.dumps({"report": report, "events": events}, ensure_ascii=False),
            encoding="utf-8") if os.environ.get("PLANNER_A11Y_DUMP") else None
        yield report, events
    finally:
        for process in reversed(helpers):
            process.terminate()
            process.wait(timeout=10)


def _texts(event: dict[str, object]) -> list[str]:
    """Every string an event carries: its data, and its source's (and parent's) words."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(event)
    return found


def test_no_character_of_a_passphrase_reaches_the_bus(session_heard) -> None:
    report, events = session_heard
    from_password_fields = [e for e in events if e["type"].startswith("object:text-changed")
                            and e["source"].get("role") == "password text"]
    assert len(from_password_fields) >= 60, "the typing was not heard at all"
    assert all(set(str(e["data"])) <= {MASK} for e in from_password_fields)
    pieces = {word for passphrase in report["passphrases"] for word in passphrase.split()}
    leaks = [text for event in events for text in _texts(event)
             if any(piece in text for piece in pieces)]
    assert leaks == [], "part of a passphrase reached the bus"


def _announced(events: list[dict[str, object]]) -> list[str]:
    return [str(e["data"]) for e in events if e["type"] == "object:announcement"]


def test_errors_and_results_are_announced(session_heard) -> None:
    report, events = session_heard
    said = report["said"]
    announced = _announced(events)
    for key in ("too_short", "no_name", "wrong", "changed", "preview"):
        assert said[key] and said[key] in announced, key


def test_safety_notices_are_spoken_when_they_matter(session_heard) -> None:
    _report, events = session_heard
    announced = " ".join(_announced(events))
    assert "There is no way to get it back" in announced  # opening the create page
    assert "Planner is locked" in announced


def _focused(events: list[dict[str, object]]) -> list[dict[str, object]]:
    return [e["source"] for e in events if e["type"] == "focus:"]


def test_a_status_choice_says_its_step_and_its_caution_before_choosing(session_heard) -> None:
    report, events = session_heard
    said = report["said"]
    choices = [source for source in _focused(events) if source.get("role") == "radio button"]
    assert choices, "no status choice got the focus"
    first = choices[0]
    assert first["parent"]["name"] == said["caution_step"]  # the group is named by the step
    assert said["caution"] in first["description"]
    assert said["status_after_arrow"] is None  # an arrow key moved, and chose nothing


def test_topic_text_is_plain_and_headings_are_headings(session_heard) -> None:
    report, _events = session_heard
    tree = report["said"]["topic_tree"]
    assert len(tree) > 50
    escaped = [node["name"] for node in tree if "&#" in node["name"] or "&amp;" in node["name"]
               or "<b>" in node["name"]]
    assert escaped == []
    headings = [node["name"] for node in tree if node["role"] == "heading"]
    assert report["said"]["topic_title"] in headings
    assert len(headings) >= 3  # screen title, topic title, the topic's own section headings


def test_page_buttons_are_buttons_and_no_pane_is_unnamed(session_heard) -> None:
    report, _events = session_heard
    tree = report["said"]["topic_tree"]
    page_buttons = [node for node in tree if node["name"] in ("Topics", "My plan", "Print",
                                                              "Settings", "Help")
                    and node["description"].startswith(node["name"] + " (")]
    assert len(page_buttons) == 5
    assert {node["role"] for node in page_buttons} == {"push button"}
    assert [n["name"] for n in page_buttons if "You are here" in n["description"]] == ["Topics"]
    assert not [node for node in tree if node["role"] in ("layered pane", "split pane")
                and not node["name"]]


def test_a_status_box_on_my_plan_is_named_by_its_step(session_heard) -> None:
    report, _events = session_heard
    boxes = [node for node in report["said"]["plan_tree"] if node["role"] == "combo box"]
    assert boxes
    assert all(node["name"].startswith("Status of: ") for node in boxes)
    assert any(report["said"]["caution_step"] in node["name"] for node in boxes)


def test_tab_in_topics_goes_from_the_list_into_the_topic(session_heard) -> None:
    report, _events = session_heard
    landed = report["said"]["topics_tab"]
    assert landed[0] == report["said"]["topic_page_name"], landed
    assert "Back" not in landed[:2] and "Next topic" not in landed[:2]


def test_the_app_describes_itself_neutrally(session_heard) -> None:
    report, _events = session_heard
    application = report["said"]["topic_tree"][0]
    assert application["role"] == "application"
    assert application["name"] == "Planner" and application["description"] == "Planner"
