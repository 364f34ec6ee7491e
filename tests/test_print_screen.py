"""The print screen with real widgets: preview = printer = file, and nothing else is written."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from conftest import files_under
from planner.core.content import load_library
from planner.core.plan import ActionStatus, Plan
from planner.core.resources import content_dir
from planner.core.vault import Vault
from planner.ui.print_screen import PrintScreen
from planner.ui.save_dialog import SaveDialog


def _screen(qtbot):  # type: ignore[no-untyped-def]
    library = load_library(content_dir())
    plan = Plan(Vault.guest())
    for action in library.actions[:40]:
        plan.set_status(action.id, ActionStatus.TODO)
    plan.add_contact("Dee", "555-0100", "")
    screen = PrintScreen(lambda: plan, library)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.show()
    return screen, plan


def test_preview_shows_the_same_pdf_that_is_saved_and_printed(qtbot, tmp_path: Path,
                                                               isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    screen, _plan = _screen(qtbot)
    screen.show_preview()
    pages = len(PdfReader(io.BytesIO(screen.pdf_bytes)).pages)
    assert screen.document.pageCount() == pages > 1
    assert str(pages) in screen.status.text()

    usb = tmp_path / "usb"
    usb.mkdir()
    dialog = screen.save_copy()
    dialog.other.setChecked(True)
    dialog.folder.setText(str(usb))
    dialog.name.setText("take-home")
    dialog.try_save()
    saved = usb / "take-home.pdf"
    assert dialog.saved_path == saved and saved.read_bytes() == screen.pdf_bytes
    assert oct(saved.stat().st_mode & 0o777) == "0o600"

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printer" / "out.pdf"
    printed.parent.mkdir()
    printer.setOutputFileName(str(printed))
    assert screen.print_to(printer) == pages
    assert printer.docName() == "Document"
    assert len(PdfReader(printed).pages) == pages
    assert files_under(tmp_path) == sorted([saved, printed])
    assert files_under(isolated_home) == []


def test_save_dialog_asks_before_replacing_and_explains_errors(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "document.pdf"
    target.write_bytes(b"older file")
    dialog = SaveDialog(b"%PDF-new")
    qtbot.addWidget(dialog)
    dialog.other.setChecked(True)
    dialog.folder.setText(str(tmp_path))
    dialog.try_save()
    assert target.read_bytes() == b"older file"
    assert "already there" in dialog.message.text()
    dialog.try_save()
    assert target.read_bytes() == b"%PDF-new"

    missing = SaveDialog(b"%PDF")
    qtbot.addWidget(missing)
    missing.other.setChecked(True)
    missing.folder.setText(str(tmp_path / "unplugged-stick"))
    missing.try_save()
    assert missing.saved_path is None and "can't be found" in missing.message.text()
    missing.folder.setText(str(tmp_path))
    missing.name.setText("../escape")
    missing.try_save()
    assert missing.saved_path is None and "without slashes" in missing.message.text()


def test_full_disk_is_explained_and_leaves_nothing(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import os

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):  # type: ignore[no-untyped-def]
            self.handle = handle

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *args):  # type: ignore[no-untyped-def]
            self.handle.close()

        def write(self, data):  # type: ignore[no-untyped-def]
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    dialog = SaveDialog(b"%PDF")
    qtbot.addWidget(dialog)
    dialog.other.setChecked(True)
    dialog.folder.setText(str(tmp_path))
    dialog.try_save()
    assert "not enough space" in dialog.message.text()
    assert list(tmp_path.iterdir()) == []


def test_pocket_card_takes_at_most_three_people(qtbot) -> None:  # type: ignore[no-untyped-def]
    screen, plan = _screen(qtbot)
    for name in ("Ann", "Bo", "Cy"):
        plan.add_contact(name, "555", "")
    screen.refresh()
    screen.kind_buttons["card"].setChecked(True)
    assert screen.people_box.isVisibleTo(screen)
    checked = [b for b in screen.person_boxes.values() if b.isChecked()]
    assert len(checked) == 3
    assert all(not b.isEnabled() for b in screen.person_boxes.values() if not b.isChecked())
    screen.show_preview()
    assert screen.document.pageCount() == 1
