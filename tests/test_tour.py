"""`planner tour` writes a picture of every screen, and nothing else."""

from __future__ import annotations

from pathlib import Path

from conftest import files_under

from planner.ui.tour_steps import run_tour


def test_tour_saves_every_screen(qtbot, tmp_path: Path, isolated_home: Path) -> None:
    out = tmp_path / "tour"
    out.mkdir()
    saved = run_tour(out, "en", 100, False)
    names = [path.name for path in saved]
    for expected in ("welcome", "what-matters-guest-banner", "topic-with-caution",
                     "topic-advocate-view", "plan", "settings", "help", "lock-screen"):
        assert any(expected in name for name in names), expected
    for path in saved:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 5000
    assert files_under(tmp_path) == sorted(saved)
    assert files_under(isolated_home) == []
