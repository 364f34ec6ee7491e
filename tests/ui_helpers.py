"""Building the real app window for GUI tests, and walking its widgets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from vault_helpers import CHEAP_KEYS

from planner.core.session import Session
from planner.ui.application import build_window, make_application
from planner.ui.auto_lock import IdleLock
from planner.ui.main_window import MainWindow
from planner.ui.quick_exit import QuickExit


@dataclass
class AppUnderTest:
    window: MainWindow
    quick_exit: QuickExit
    idle: IdleLock
    session: Session
    quits: list[int] = field(default_factory=list)


def start_app(data_dir: Path, qtbot=None) -> AppUnderTest:
    """The real window, wired as in the app, except that quitting is recorded, not done.

    Passing `qtbot` closes and deletes the window after the test, so windows don't pile up.
    """
    app = make_application()
    session = Session(data_dir, CHEAP_KEYS)
    quits: list[int] = []
    window, exit_now, idle = build_window(app, session, quit_app=lambda: quits.append(1))
    if qtbot is not None:
        qtbot.addWidget(window)
    window.resize(1100, 780)
    window.show()
    # As a person finds it: the window is drawn, so quick exit watches every window (it
    # watches the first window alone until then).
    for _ in range(500):
        if exit_now.watches_all_windows:
            break
        QTest.qWait(10)
    return AppUnderTest(window, exit_now, idle, session, quits)


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractScrollArea)


def visible_controls(root: QWidget) -> Iterator[QWidget]:
    """Every visible control a keyboard or screen-reader user can reach under `root`."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box or combo box is named by its owner
        if isinstance(widget, INTERACTIVE) and widget.isVisibleTo(root) and widget.isEnabled():
            if isinstance(widget, QAbstractScrollArea) and not widget.focusPolicy():
                continue
            yield widget


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (Qt's accessibility layer, buddies included)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface else ""


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text needs more height than they were given."""
    clipped = []
    for widget in root.findChildren(QLabel):
        if not widget.isVisibleTo(root) or not widget.text():
            continue
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
        else:
            needed = widget.sizeHint().height()
        if widget.height() + 1 < needed or (not widget.wordWrap()
                                            and widget.width() + 1 < widget.sizeHint().width()):
            clipped.append(widget.text()[:60])
    return clipped


def button_is_cut_short(button: QAbstractButton) -> bool:
    """Narrower or shorter than its text needs (for text that wraps: shorter than its text
    needs at the width it has)."""
    if button.hasHeightForWidth():
        return button.height() + 1 < button.heightForWidth(button.width())
    return (button.width() + 1 < button.minimumSizeHint().width()
            or button.height() + 1 < button.minimumSizeHint().height())


def clipped_buttons(root: QWidget) -> list[str]:
    """Visible buttons narrower or shorter than their text needs."""
    return [button.text() for button in root.findChildren(QAbstractButton)
            if button.isVisibleTo(root) and button.text() and button_is_cut_short(button)]


def clipped_when_focused(root: QWidget) -> list[str]:
    """Check boxes and radio buttons whose text no longer fits once they have the focus
    (a focus frame that takes room the text needed)."""
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    clipped = []
    for button in root.findChildren(QAbstractButton):
        if isinstance(button, (QCheckBox, QRadioButton)) and button.isVisibleTo(root) \
                and button.isEnabled():
            button.setFocus()
            QApplication.processEvents()
            if button_is_cut_short(button) or (button.width() + 1 < button.sizeHint().width() \
                    and not button.hasHeightForWidth()):
                clipped.append(button.text()[:40])
    return clipped


def create_saved_plan(qtbot, app: AppUnderTest, passphrase: str) -> None:
    """Start a new saved plan through the welcome screen, as a person does, and skip the
    priorities screen."""
    from PySide6.QtCore import Qt

    welcome = app.window.welcome
    qtbot.mouseClick(welcome.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(welcome.new_passphrase, passphrase)
    qtbot.keyClicks(welcome.confirm_passphrase, passphrase)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)


def make_vault_read_only(app: AppUnderTest) -> None:
    """From now on every write to the open vault fails. An imitation, cheap enough for every
    screen: SQLite refuses with its read-only code, though not the one a real read-only
    folder gives (that is tested for real in tests/test_real_disk.py)."""
    assert app.session.plan is not None
    app.session.plan.vault.connection.execute("PRAGMA query_only = ON")


def buttons_named(root: QWidget, text: str) -> list[QAbstractButton]:
    """Visible buttons whose text a person reads as `text`."""
    return [b for b in root.findChildren(QAbstractButton)
            if b.isVisibleTo(root) and b.text().replace("&", "") == text]


@pytest.fixture
def app_with_saved_plan(qtbot, tmp_path: Path):
    """The real window with a new saved plan open (import this fixture into a test module)."""
    from vault_helpers import PASSPHRASE

    app = start_app(tmp_path / "data", qtbot)
    create_saved_plan(qtbot, app, PASSPHRASE)
    yield app
    app.window.end_session()


def words_in_widgets() -> str:
    """Every piece of text any widget of the app holds now, and any PDF pages it keeps (what a
    memory dump would find), after widgets deleted "later" are really gone."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QPlainTextEdit

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop does
    found = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        found.append(widget.accessibleName())
    for window in QApplication.topLevelWidgets():
        for document in window.findChildren(QPdfDocument):
            found += [document.getAllText(page).text() for page in range(document.pageCount())]
    return "\n".join(found)
