"""Three Shift presses reach quick exit from the moment the window exists: its own window is
watched first, then (once it has painted) every window, handed over without a press lost or
counted twice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui_helpers import start_app
from vault_helpers import CHEAP_KEYS

from planner.core.session import Session
from planner.ui import quick_exit
from planner.ui.application import build_window, make_application


def _built_not_shown(tmp_path: Path, qtbot):
    session = Session(tmp_path / "data", CHEAP_KEYS)
    quits: list[int] = []
    window, exit_now, _idle = build_window(make_application(), session,
                                           quit_app=lambda: quits.append(1))
    qtbot.addWidget(window)
    return window, exit_now, quits


def test_three_shifts_work_before_the_window_first_paints(qtbot, tmp_path: Path) -> None:
    window, exit_now, quits = _built_not_shown(tmp_path, qtbot)
    assert not exit_now.watches_all_windows
    for _ in range(3):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert quits == [1]


def test_once_painted_every_window_is_watched_and_no_press_counts_twice(
        qtbot, tmp_path: Path) -> None:
    """Later windows (a modal dialog) are covered by
    `test_app_flow.py::test_quick_exit_from_a_modal_dialog_by_keyboard`."""
    app = start_app(tmp_path / "data", qtbot)  # waits until the window has painted
    assert app.quick_exit.watches_all_windows
    for _ in range(2):  # counted twice, two presses would be four
        QTest.keyClick(app.window.windowHandle(), Qt.Key.Key_Shift)
    assert app.quits == []
    QTest.keyClick(app.window.windowHandle(), Qt.Key.Key_Shift)
    assert app.quits == [1]


def test_a_window_never_shown_still_hands_over_to_every_window(qtbot, tmp_path: Path) -> None:
    """Started minimised, say: no first paint comes, so the handover comes after a moment."""
    _window, exit_now, _quits = _built_not_shown(tmp_path, qtbot)
    qtbot.waitUntil(lambda: exit_now.watches_all_windows,
                    timeout=quick_exit.WATCH_ALL_WINDOWS_AFTER_MS + 2000)
