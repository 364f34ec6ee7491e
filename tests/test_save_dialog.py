"""The "Save as PDF" dialog used the way a person uses it: places by name, a folder list,
Enter to save, plain messages that never squash the form, and nothing left behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import files_under
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QWidget,
)
from ui_helpers import accessible_name, clipped_buttons, clipped_labels, visible_controls

from planner.core import i18n
from planner.core.preferences import Preferences
from planner.ui import fonts, save_dialog, theme
from planner.ui.application import apply_preferences, make_application
from planner.ui.save_dialog import SaveDialog

PDF = b"%PDF-1.7 test"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    """The person's (fresh, empty) home folder."""
    return Path.home()


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A USB stick called KINGSTON is plugged in."""
    drive = tmp_path / "media" / "KINGSTON"
    drive.mkdir(parents=True)
    monkeypatch.setattr(save_dialog, "removable_drives", lambda: [drive])
    return drive


@pytest.fixture
def text_size() -> Iterator[None]:
    """The app as a person sees it; tests switch to 200 % and back."""
    make_application()
    yield
    apply_preferences(QApplication.instance(), Preferences())
    i18n.set_language("en")


def _larger_text(high_contrast: bool = False) -> None:
    app = QApplication.instance()
    app.setFont(fonts.ui_font(200))
    app.setStyleSheet(theme.stylesheet(200, high_contrast))


def _open(qtbot, data: bytes = PDF) -> SaveDialog:
    dialog = SaveDialog(data)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def _radio(dialog: QWidget, text: str) -> QRadioButton:
    found = [r for r in dialog.findChildren(QRadioButton) if r.text() == text]
    assert len(found) == 1, [r.text() for r in dialog.findChildren(QRadioButton)]
    return found[0]


def _push(dialog: QWidget, text: str) -> QPushButton:
    found = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, text
    return found[0]


def _field(dialog: QWidget, name: str) -> QLineEdit:
    found = [f for f in dialog.findChildren(QLineEdit) if accessible_name(f) == name]
    assert len(found) == 1, name
    return found[0]


def _folder_list(dialog: QWidget) -> QAbstractItemView:
    found = [v for v in dialog.findChildren(QAbstractItemView) if accessible_name(v) == "Folders"]
    assert len(found) == 1, "no folder list named 'Folders'"
    return found[0]


def _type(qtbot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def _fully_visible(widget: QWidget) -> bool:
    return widget.visibleRegion().boundingRect() == widget.rect()


def test_places_are_named_in_words_and_a_usb_stick_is_chosen_first(
        qtbot, home: Path, stick: Path) -> None:
    (home / "Documents").mkdir()
    (home / "Downloads").mkdir()
    dialog = _open(qtbot)
    places = [r.text() for r in dialog.findChildren(QRadioButton)]
    assert "USB stick (KINGSTON)" in places and "Documents" in places
    assert "Downloads" in places and "Desktop" not in places
    assert _radio(dialog, "USB stick (KINGSTON)").isChecked()
    assert [type(w).__name__ for w in visible_controls(dialog) if not accessible_name(w)] == []


def test_documents_is_chosen_when_no_stick_is_plugged_in(
        qtbot, home: Path, no_stick: None) -> None:
    (home / "Documents").mkdir()
    (home / "Desktop").mkdir()
    dialog = _open(qtbot)
    assert _radio(dialog, "Documents").isChecked()
    qtbot.mouseClick(_push(dialog, "Save"), Qt.MouseButton.LeftButton)
    assert (home / "Documents" / "document.pdf").read_bytes() == PDF


def test_folder_list_starts_at_home_and_is_browsed_with_keys(
        qtbot, home: Path, no_stick: None) -> None:
    kids = home / "Letters" / "Kids"
    kids.mkdir(parents=True)
    (home / ".hidden-settings").mkdir()
    dialog = _open(qtbot)
    folders = _folder_list(dialog)
    folders.setFocus()
    qtbot.keyClicks(folders, "Letters")
    qtbot.keyClick(folders, Qt.Key.Key_Right)
    qtbot.keyClick(folders, Qt.Key.Key_Down)
    assert folders.currentIndex().data() == "Kids"
    assert _field(dialog, "Folder").text() == str(kids)
    assert dialog.other.isChecked()
    qtbot.keyClick(folders, Qt.Key.Key_Return)
    assert (kids / "document.pdf").read_bytes() == PDF
    shown = [folders.model().index(row, 0, folders.model().index(0, 0)).data()
             for row in range(folders.model().rowCount(folders.model().index(0, 0)))]
    assert shown == ["Letters"]


def test_tabbing_through_the_folder_list_keeps_the_chosen_place(
        qtbot, home: Path, stick: Path) -> None:
    (home / "Letters").mkdir()
    dialog = _open(qtbot)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    _radio(dialog, "USB stick (KINGSTON)").setFocus()
    save = _push(dialog, "Save")
    visited: list[QWidget] = []
    while QApplication.focusWidget() not in (save, None) and len(visited) < 20:
        visited.append(QApplication.focusWidget())
        qtbot.keyClick(visited[-1], Qt.Key.Key_Tab)
    assert _folder_list(dialog) in visited
    qtbot.keyClick(save, Qt.Key.Key_Return)
    assert (stick / "document.pdf").read_bytes() == PDF
    assert dialog.saved_place == "on the USB stick KINGSTON"


@pytest.mark.parametrize("where", ["File name", "Folder", "Save"])
def test_enter_saves(qtbot, tmp_path: Path, no_stick: None, where: str) -> None:
    dialog = _open(qtbot)
    _type(qtbot, _field(dialog, "Folder"), str(tmp_path))
    _type(qtbot, _field(dialog, "File name"), "plan")
    target = _push(dialog, "Save") if where == "Save" else _field(dialog, where)
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert (tmp_path / "plan.pdf").read_bytes() == PDF
    assert not dialog.isVisible()


def test_enter_on_cancel_closes_without_saving(qtbot, tmp_path: Path, no_stick: None) -> None:
    dialog = _open(qtbot)
    _type(qtbot, _field(dialog, "Folder"), str(tmp_path))
    cancel = _push(dialog, "Cancel")
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert not dialog.isVisible() and list(tmp_path.iterdir()) == []


def test_long_error_at_200_percent_wraps_and_no_field_is_squashed(
        qtbot, tmp_path: Path, no_stick: None, text_size: None) -> None:
    _larger_text()
    dialog = _open(qtbot)
    _type(qtbot, _field(dialog, "Folder"), str(tmp_path / "unplugged"))
    qtbot.mouseClick(_push(dialog, "Save"), Qt.MouseButton.LeftButton)
    assert "can't be found" in dialog.message.text()
    QApplication.processEvents()
    assert clipped_labels(dialog) == [] and clipped_buttons(dialog) == []
    fields = [w for w in dialog.findChildren(QWidget) if isinstance(w, (QLineEdit, QAbstractButton))
              and w.isVisibleTo(dialog)]
    for field in fields:
        assert field.height() >= field.sizeHint().height(), field.text()
    assert _fully_visible(dialog.message)
    assert _fully_visible(_push(dialog, "Save")) and _fully_visible(_push(dialog, "Cancel"))
    assert dialog.screen().availableGeometry().contains(dialog.frameGeometry())


def test_changing_name_folder_or_place_clears_the_replace_warning(
        qtbot, home: Path, tmp_path: Path, no_stick: None) -> None:
    (home / "Documents").mkdir()
    (tmp_path / "document.pdf").write_bytes(b"older")
    dialog = _open(qtbot)
    folder, name = _field(dialog, "Folder"), _field(dialog, "File name")

    def warn() -> None:
        dialog.other.setChecked(True)
        _type(qtbot, folder, str(tmp_path))
        _type(qtbot, name, "document.pdf")
        qtbot.mouseClick(_push(dialog, "Save"), Qt.MouseButton.LeftButton)
        assert "already there" in dialog.message.text()
        assert _push(dialog, "Replace it")

    warn()
    qtbot.keyClicks(name, "x")
    assert dialog.message.text() == "" and _push(dialog, "Save")
    warn()
    qtbot.keyClick(folder, Qt.Key.Key_Backspace)
    assert dialog.message.text() == "" and _push(dialog, "Save")
    warn()
    qtbot.mouseClick(_radio(dialog, "Documents"), Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "" and _push(dialog, "Save")
    assert (tmp_path / "document.pdf").read_bytes() == b"older"


def test_saved_place_says_where_in_words(qtbot, home: Path, stick: Path, tmp_path: Path) -> None:
    (home / "Documents").mkdir()
    on_stick = _open(qtbot)
    qtbot.mouseClick(_push(on_stick, "Save"), Qt.MouseButton.LeftButton)
    assert on_stick.saved_path == stick / "document.pdf"
    assert on_stick.saved_place == "on the USB stick KINGSTON"

    in_documents = _open(qtbot)
    qtbot.mouseClick(_radio(in_documents, "Documents"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_push(in_documents, "Save"), Qt.MouseButton.LeftButton)
    assert in_documents.saved_place == "in your Documents folder"

    elsewhere = _open(qtbot)
    _type(qtbot, _field(elsewhere, "Folder"), str(tmp_path))
    qtbot.mouseClick(_push(elsewhere, "Save"), Qt.MouseButton.LeftButton)
    assert elsewhere.saved_place == f"in the folder {tmp_path}"


@pytest.mark.parametrize("high_contrast", [False, True])
def test_fits_at_200_percent_in_spanish_with_no_clipping_or_sideways_scrolling(
        qtbot, home: Path, stick: Path, text_size: None, high_contrast: bool) -> None:
    for name in ("Documents", "Desktop", "Downloads", "Cartas"):
        (home / name).mkdir()
    i18n.set_language("es")
    _larger_text(high_contrast)
    dialog = _open(qtbot)
    QApplication.processEvents()
    assert _push(dialog, "Guardar") and _push(dialog, "Cancelar")
    assert clipped_labels(dialog) == [] and clipped_buttons(dialog) == []
    sideways = [bar for bar in dialog.findChildren(QScrollBar)
                if bar.orientation() == Qt.Orientation.Horizontal and bar.isVisibleTo(dialog)]
    assert sideways == []
    screen = dialog.screen().availableGeometry()
    assert dialog.fontMetrics().averageCharWidth() * 30 <= dialog.width() <= screen.width()


def test_browsing_and_saving_leaves_nothing_but_the_saved_file(
        qtbot, isolated_home: Path, home: Path, no_stick: None) -> None:
    for folder in ("Letters/Kids", "Letters/Work", "Photos"):
        (home / folder).mkdir(parents=True)
    dialog = _open(qtbot)
    folders = _folder_list(dialog)
    folders.setFocus()
    for key in ("End", "Home", "Down", "Right", "Down", "Down", "Up"):
        qtbot.keyClick(folders, getattr(Qt.Key, f"Key_{key}"))
    assert folders.currentIndex().data() == "Kids"
    qtbot.mouseClick(_push(dialog, "Save"), Qt.MouseButton.LeftButton)
    dialog.close()
    QApplication.processEvents()
    assert files_under(isolated_home) == [home / "Letters" / "Kids" / "document.pdf"]
