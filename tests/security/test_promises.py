"""The app's promises, tested against a whole session in a separate process.

No network, no trace, no plaintext, clipboard cleared. Each test names the promise it backs
in docs/threat-model.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ISOLATED_VARIABLES, files_under

FLOW = Path(__file__).with_name("gui_flow.py")
sys.path.insert(0, str(FLOW.parent))
from gui_flow import CANARIES  # noqa: E402


def _run_flow(mode: str, root: Path, display: str | None
              ) -> tuple[dict[str, object], Path, Path, Path]:
    """Run the GUI flow with HOME, XDG_* and TMPDIR pointed at fresh folders under `root`:
    offscreen, or on a real X server (`display`), where Qt's xcb platform may do more."""
    home = root / "home"
    environment = dict(os.environ)
    for name in ISOLATED_VARIABLES:
        folder = home / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        environment[name] = str(folder)
    environment["QT_QPA_PLATFORM"] = "offscreen" if display is None else "xcb"
    if display is not None:
        environment["DISPLAY"] = display
    data_dir = home / "xdg_data_home" / "planner"
    export_dir = root / "usb-stick"
    export_dir.mkdir()
    result = subprocess.run([sys.executable, str(FLOW), mode, str(data_dir), str(export_dir)],
                            env=environment, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report, home, data_dir, export_dir


def _encodings(text: str) -> list[bytes]:
    forms = {text, unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)}
    return [form.encode(codec) for form in forms
            for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le")]


PLATFORMS = ["offscreen", "x11"]


@pytest.fixture(scope="module", params=PLATFORMS)
def display(request: pytest.FixtureRequest) -> str | None:
    """Each promise is checked offscreen and on a real X server."""
    return request.getfixturevalue("x_display") if request.param == "x11" else None


@pytest.fixture(scope="module")
def saved_flow(display: str | None, tmp_path_factory: pytest.TempPathFactory):
    return _run_flow("saved", tmp_path_factory.mktemp("saved"), display)


@pytest.fixture(scope="module")
def guest_flow(display: str | None, tmp_path_factory: pytest.TempPathFactory):
    return _run_flow("guest", tmp_path_factory.mktemp("guest"), display)


def test_no_network_and_no_processes_in_a_whole_session(saved_flow, guest_flow) -> None:
    for report, *_ in (saved_flow, guest_flow):
        assert report["events"] == []
        assert report["quit"] is True


def test_saved_session_leaves_only_the_vault_and_its_backup(saved_flow) -> None:
    report, home, data_dir, export = saved_flow
    written = files_under(home)
    assert all(path.parent == data_dir for path in written)
    names = sorted(path.name for path in written)
    assert len(names) == 3 and names[0].endswith(".db") and names[1] == names[0] + ".bak"
    assert names[2].startswith("key-")  # the plan, its backup, and its key group's record
    assert report["printed"] == ["document.pdf", "printer-output.pdf"]
    assert [p.name for p in files_under(export)] == report["printed"]


def test_guest_session_leaves_nothing(guest_flow) -> None:
    _report, home, _data, _export = guest_flow
    assert files_under(home) == []


def test_no_canary_in_any_file_in_any_encoding(saved_flow, guest_flow) -> None:
    checked = 0
    for _report, home, _data, export in (saved_flow, guest_flow):
        written = files_under(home) + [p for p in files_under(export) if "printer" in p.name]
        for path in written:
            data = path.read_bytes()
            checked += 1
            for canary in CANARIES:
                for needle in _encodings(canary):
                    assert needle not in data, f"{canary!r} found in {path}"
    assert checked >= 2


def test_clipboard_is_cleared_on_lock_and_quick_exit(saved_flow, guest_flow) -> None:
    for report, *_ in (saved_flow, guest_flow):
        assert report["clipboard_after_lock"] == ""
        assert report["clipboard_after_exit"] == ""


