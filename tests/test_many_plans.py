"""Many people, one computer, through the real window: separate plans, each opened by its own
passphrase, and nothing on screen about anyone else."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import AppUnderTest, buttons_named, create_saved_plan, start_app
from vault_helpers import CHEAP_KEYS

from planner.core.errors import WrongPassphrase
from planner.core.plans import PlanFolder
from planner.core.session import MustWait, Session

ANA, BEA = "ana's own quiet river", "bea keeps the blue lamp"


def _write_note(qtbot, app: AppUnderTest, text: str) -> None:
    app.window.show_page("topics")
    app.window.topics.notes.editor.setFocus()
    qtbot.keyClicks(app.window.topics.notes.editor, text)
    app.window.flush()


def _open(qtbot, app: AppUnderTest, passphrase: str) -> None:
    welcome = app.window.welcome
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.open_passphrase, passphrase)
    qtbot.keyClick(welcome.open_passphrase, Qt.Key.Key_Return)


def test_two_people_each_see_only_their_own_plan(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    create_saved_plan(qtbot, app, ANA)
    _write_note(qtbot, app, "Ana: call Dee on Sunday")
    qtbot.mouseClick(buttons_named(app.window.header, "Lock")[0], Qt.MouseButton.LeftButton)
    app.window.end_session()  # an advocate ends Ana's session; Bea walks up
    welcome_words = [b.text() for b in app.window.welcome.findChildren(type(app.window.welcome
                                                                             .new_button))]
    assert app.window.welcome.new_button.isEnabled()
    create_saved_plan(qtbot, app, BEA)
    assert app.window.stack.currentWidget() is app.window.priorities
    app.window.show_page("topics")
    assert app.window.topics.notes.editor.toPlainText() == ""  # nothing of Ana's
    _write_note(qtbot, app, "Bea: library on Tuesday")
    app.window.end_session()
    assert [b.text() for b in app.window.welcome.findChildren(
        type(app.window.welcome.new_button))] == welcome_words

    for passphrase, mine, theirs in ((ANA, "Ana: call Dee on Sunday", "Bea"),
                                     (BEA, "Bea: library on Tuesday", "Ana")):
        _open(qtbot, app, passphrase)
        assert app.session.plan is not None
        notes = app.session.plan.notes()
        assert mine in notes.values()
        assert not any(theirs in note for note in notes.values())
        app.window.end_session()
    assert len(PlanFolder(tmp_path / "data", CHEAP_KEYS).plan_files()) == 2


def test_a_passphrase_in_use_is_refused_on_screen_and_points_to_open(qtbot, tmp_path: Path) -> None:
    app = start_app(tmp_path / "data", qtbot)
    create_saved_plan(qtbot, app, ANA)
    app.window.end_session()
    welcome = app.window.welcome
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.new_passphrase, ANA)
    qtbot.keyClicks(welcome.confirm_passphrase, ANA)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert "Open my plan" in welcome.create_error.text()
    assert app.session.plan is None
    assert len(PlanFolder(tmp_path / "data", CHEAP_KEYS).plan_files()) == 1


def test_change_passphrase_waits_after_wrong_current_passphrases(tmp_path: Path) -> None:
    now = [1000.0]
    session = Session(tmp_path / "data", CHEAP_KEYS, clock=lambda: now[0])
    session.start_new(ANA)
    for guess in range(3):
        with pytest.raises(WrongPassphrase):
            session.change_passphrase(f"guess {guess}", "a new passphrase here")
    with pytest.raises(MustWait):
        session.change_passphrase(ANA, "a new passphrase here")  # even the right one waits
    now[0] += 61
    session.change_passphrase(ANA, "a new passphrase here")
    session.end()
    assert session.open_saved("a new passphrase here") is not None
    session.end()


def _digests(paths: list[Path]) -> dict[Path, str]:
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


WORKER = """
import sys
from pathlib import Path
from planner.core import kdf
from planner.core.plans import PlanFolder
from planner.core.plan import Plan
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
folder = PlanFolder(Path(sys.argv[1]), CHEAP_KEYS)
print("ready", flush=True)
for round in range(1_000_000):
    # Passphrases of this process and round only: a plan left by an earlier, killed worker
    # never makes this one's passphrase "already in use".
    first, second = f"bea {sys.argv[2]} {round} first", f"bea {sys.argv[2]} {round} second"
    vault = folder.create(first)
    Plan(vault).set_note("location", "x" * 5000)
    folder.change_passphrase(vault, first, second)
    vault.close()
    vault = folder.open(second)
    vault.close()
    folder.erase(vault.path)
"""


@pytest.mark.slow
def test_a_crash_around_another_plan_never_changes_this_one(tmp_path: Path) -> None:
    """Kill a process that creates, re-keys, opens and erases a second plan, at random moments:
    the first plan's files stay byte-for-byte the same, and it always opens."""
    data = tmp_path / "data"
    folder = PlanFolder(data, CHEAP_KEYS)
    first = folder.create(ANA)
    first.close()
    assert first.path is not None
    from planner.core.vault import backup_path

    mine = [first.path, backup_path(first.path)]
    before = _digests(mine)
    caught_mid_work = 0
    for kill in range(40):
        worker = subprocess.Popen([sys.executable, "-c", WORKER, str(data), str(kill)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert worker.stdout is not None and worker.stdout.readline() == "ready\n"
        time.sleep((kill % 9) * 0.004)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        caught_mid_work += any(p.name.endswith(("-journal", ".part")) for p in data.iterdir())
        assert _digests(mine) == before, f"kill {kill} changed the first plan"
        vault = folder.open(ANA)  # it opens (and opening it records the opening: new bytes)
        assert vault.path == first.path
        vault.close()
        before = _digests(mine)
    print("kills that landed mid-write:", caught_mid_work)
    assert caught_mid_work >= 10, "the kills hardly ever landed in the middle of a write"
