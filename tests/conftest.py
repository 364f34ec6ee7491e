"""Shared test set-up: headless Qt and an isolated home.

Every test runs with HOME, the XDG folders and TMPDIR pointed at a fresh folder, so a test can
check that the app wrote nothing anywhere else (dangerzone's `isolated_settings` does the same).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from planner.core.vault import silence_sqlcipher_logging

silence_sqlcipher_logging()

ISOLATED_VARIABLES = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                      "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "TMPDIR")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every place an app may write at a fresh, empty folder tree."""
    root = tmp_path_factory.mktemp("home")
    for name in ISOLATED_VARIABLES:
        folder = root / name.lower()
        folder.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield root


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """A test that switches the language (as a person may, at any time) leaves the next test
    in English: the language is process-wide, and a test must not depend on the one before."""
    yield
    from planner.core import i18n

    if i18n.current_language() != i18n.SOURCE_LANGUAGE:
        i18n.set_language(i18n.SOURCE_LANGUAGE)
        from PySide6.QtCore import QLocale, Qt
        from PySide6.QtWidgets import QApplication

        QLocale.setDefault(QLocale(i18n.SOURCE_LANGUAGE))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def no_stick(monkeypatch: pytest.MonkeyPatch) -> None:
    """No USB stick plugged in, whatever the test machine has mounted (the save dialog lists
    sticks first)."""
    from planner.ui import save_dialog

    monkeypatch.setattr(save_dialog, "removable_drives", list)


def files_under(root: Path) -> list[Path]:
    """Every file (not folder) below `root`."""
    return sorted(path for path in root.rglob("*") if path.is_file() or path.is_symlink())


@pytest.fixture(autouse=True)
def flush_deferred_deletes() -> Iterator[None]:
    """Tests don't run Qt's event loop, so objects given to deleteLater() must be freed here."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


X_PACKAGES = ("xvfb libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 "
              "libxcb-image0 libxcb-render-util0 libxcb-shape0")


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """A real X server (Xvfb) for tests of what Qt's xcb platform does that the offscreen one
    does not (its own dialogs, settings files). Skipped, with the reason, where the machine
    lacks Xvfb or the libraries Qt's xcb plugin needs (`.ci/run` installs them)."""
    import shutil
    import subprocess
    import sys

    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip(f"no X server: install the Debian packages {X_PACKAGES} (.ci/run does)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0",
                               "1280x1024x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        display = ":" + ready.readline().strip()
    check = subprocess.run([sys.executable, "-c",
                            "from PySide6.QtWidgets import QApplication; QApplication([])"],
                           env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
                           capture_output=True, text=True, timeout=120, check=False)
    if check.returncode != 0:
        server.terminate()
        pytest.skip(f"Qt's xcb platform does not start ({check.stderr.strip()[-200:]}): "
                    f"install the Debian packages {X_PACKAGES} (.ci/run does)")
    yield display
    server.terminate()
    server.wait(timeout=10)
