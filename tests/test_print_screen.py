"""The print screen with real widgets: preview = printer = file, and nothing else is written;
the window keeps answering while a long plan is laid out."""

from __future__ import annotations

import io
import itertools
import threading
import time
from pathlib import Path

import pytest
from conftest import files_under
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from ui_helpers import AppUnderTest, accessible_name, app_with_saved_plan, words_in_widgets

from planner.core.content import load_library
from planner.core.plan import ActionStatus, Plan
from planner.core.resources import content_dir
from planner.core.vault import Vault
from planner.ui.print_screen import PREVIEW_DELAY_MS, PrintScreen
from planner.ui.save_dialog import SaveDialog

LONG_NOTE = "a line of a long note, typed over many days\n" * 23_000  # about a million letters
LONG_PLAN_PAGES = 700  # what that note takes on paper; a plan without it takes a few pages
LAYOUT_THREAD = "printout layout"  # the name of the thread pages are laid out on
PREPARING = "Preparing the pages\u2026"
# Laid out on the GUI thread, a long plan left the window unanswered for the whole layout (2 s);
# now the longest pause is 40-70 ms on an idle machine (a garbage collection, or the preview
# taking in 700 pages). The margin is for busy test machines.
LONGEST_PAUSE = 0.25

saved_app = app_with_saved_plan  # the real window with a saved plan open


def _screen(qtbot, note: str = "", wait: bool = True):
    """The print screen on a guest plan with 40 steps and a person (and `note`, when given),
    shown; with `wait`, once its pages are ready, as a person would wait before printing."""
    from planner.ui.application import make_application

    make_application()  # the app-wide keyboard handling, as in the app
    library = load_library(content_dir())
    plan = Plan(Vault.guest())
    for action in library.actions[:40]:
        plan.set_status(action.id, ActionStatus.TODO)
    plan.add_contact("Dee", "555-0100", "")
    if note:
        plan.set_note(library.topics[0].id, note)
    screen = PrintScreen(lambda: plan, library)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.show()
    if wait:
        _wait_for_pages(qtbot, screen)
    return screen, plan


def _wait_for_pages(qtbot, screen: PrintScreen) -> None:
    """Until the preview shows pages and Print can be pressed."""
    qtbot.waitUntil(lambda: screen.document.pageCount() > 0 and screen.print_button.isEnabled(),
                    timeout=60_000)


def _laying_out() -> bool:
    """True while pages are being laid out off the GUI thread."""
    return any(thread.name == LAYOUT_THREAD for thread in threading.enumerate())


def test_preview_shows_the_same_pdf_that_is_saved_and_printed(qtbot, tmp_path: Path,
                                                               isolated_home: Path) -> None:
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


def test_save_dialog_asks_before_replacing_and_explains_errors(qtbot, tmp_path: Path) -> None:
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


def test_full_disk_is_explained_and_leaves_nothing(qtbot, tmp_path: Path, monkeypatch) -> None:
    import errno
    import os

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *args):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    dialog = SaveDialog(b"%PDF")
    qtbot.addWidget(dialog)
    dialog.other.setChecked(True)
    dialog.folder.setText(str(tmp_path))
    dialog.try_save()
    assert "not enough space" in dialog.message.text()
    assert list(tmp_path.iterdir()) == []


def test_pocket_card_takes_at_most_three_people(qtbot) -> None:
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


def _close_any_modal_dialog_soon(qtbot) -> None:
    """A watchdog: a system dialog opened with exec() would block the test; close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def close() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    for delay in (500, 1500, 3000):
        QTimer.singleShot(delay, close)


def test_with_no_printer_print_says_so_and_offers_a_pdf(qtbot, isolated_home: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    screen, _plan = _screen(qtbot)
    screen.resize(900, 450)  # a short window: the message must come into view by itself
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=2000)
    screen._printers = lambda: []
    _close_any_modal_dialog_soon(qtbot)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert "No printer is set up" in screen.no_printer_text.text()
    assert screen.no_printer.isVisible()
    qtbot.waitUntil(lambda: not screen.no_printer_text.visibleRegion().isEmpty(), timeout=2000)
    offer = QApplication.focusWidget()
    assert offer is screen.no_printer_save and offer.text() == "Save as PDF\u2026"
    assert "printer" not in screen.status.text().lower()
    assert files_under(isolated_home) == []
    dialog_seen = []
    screen.save_copy = lambda: dialog_seen.append(1)
    screen.no_printer_save.clicked.disconnect()
    screen.no_printer_save.clicked.connect(screen.save_copy)
    qtbot.keyClick(offer, Qt.Key.Key_Return)
    assert dialog_seen == [1]


def test_a_printer_that_would_write_a_file_is_refused(qtbot, isolated_home: Path,
                                                      tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from planner.ui.printer_dialog import PrinterDialog

    screen, _plan = _screen(qtbot)
    screen._printers = lambda: ["Not a printer on this computer"]
    _close_any_modal_dialog_soon(qtbot)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    dialog = screen.findChild(PrinterDialog)
    assert dialog is not None and dialog.isVisible()
    assert [dialog.printer.itemText(i) for i in range(dialog.printer.count())] == \
        ["Not a printer on this computer"]
    qtbot.keyClick(dialog.go, Qt.Key.Key_Return)
    assert "can't be used" in screen.status.text()
    assert files_under(isolated_home) == []
    assert files_under(tmp_path) == []


def test_preview_follows_each_change_by_itself(qtbot) -> None:
    from PySide6.QtCore import Qt

    screen, _plan = _screen(qtbot)
    qtbot.waitUntil(lambda: screen.document.pageCount() > 0, timeout=3000)
    changes = (lambda: qtbot.keyClick(screen.kind_buttons["card"], Qt.Key.Key_Space),
               lambda: qtbot.keyClick(screen.large, Qt.Key.Key_Space),
               lambda: qtbot.keyClick(screen.kind_buttons["plan"], Qt.Key.Key_Space),
               lambda: qtbot.keyClicks(screen.plan_title, "Home list"))
    for change in changes:
        before = screen.pdf_bytes
        change()
        qtbot.waitUntil(lambda old=before: screen.pdf_bytes != old, timeout=3000)
        assert screen.pdf_bytes == screen.build_pdf()
    assert "Home list" in PdfReader(io.BytesIO(screen.pdf_bytes)).pages[0].extract_text()


def test_discreet_wording_names_the_persons_own_words_and_prints_them_as_typed(qtbot) -> None:
    from PySide6.QtCore import Qt

    screen, plan = _screen(qtbot)
    plan.add_contact("Maria (shelter)", "555-0199", "")
    screen.refresh()
    assert not screen.own_words.isVisibleTo(screen)
    qtbot.mouseClick(screen.discreet, Qt.MouseButton.LeftButton)
    assert screen.own_words.isVisibleTo(screen)
    assert "\u201cshelter\u201d (People I trust)" in screen.own_words_text.text()
    screen.show_preview()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(screen.pdf_bytes)).pages)
    assert "Maria (shelter)" in text
    assert "Maria (program)" not in text


def test_after_saving_the_screen_says_where_the_file_went(qtbot, tmp_path: Path) -> None:
    screen, _plan = _screen(qtbot)
    dialog = screen.save_copy()
    dialog.other.setChecked(True)
    dialog.folder.setText(str(tmp_path))
    dialog.name.setText("my plan")
    dialog.try_save()
    assert screen.status.text() == f"Saved \u201cmy plan.pdf\u201d in the folder {tmp_path}."


def test_the_window_keeps_answering_while_a_long_plan_is_laid_out(qtbot) -> None:
    from PySide6.QtCore import QTimer

    screen, _plan = _screen(qtbot, note=LONG_NOTE, wait=False)
    ticks: list[float] = []
    clock = QTimer()
    clock.setInterval(10)
    clock.timeout.connect(lambda: ticks.append(time.perf_counter()))
    clock.start()
    _wait_for_pages(qtbot, screen)
    clock.stop()
    assert screen.document.pageCount() > LONG_PLAN_PAGES
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert max(gaps) < LONGEST_PAUSE  # the clock never stopped for long...
    assert len(ticks) > 50  # ...while laying out took a while: the window kept answering


def test_print_and_save_wait_until_the_pages_are_ready(qtbot, monkeypatch) -> None:
    from planner.ui import speech

    said: list[str] = []
    monkeypatch.setattr(speech, "announce",
                        lambda _source, text, assertive=False: said.append(text))
    screen, _plan = _screen(qtbot, wait=False)
    buttons = (screen.print_button, screen.save_button)
    assert not any(button.isEnabled() for button in buttons)
    assert accessible_name(screen.status) == PREPARING
    _wait_for_pages(qtbot, screen)
    assert all(button.isEnabled() for button in buttons)
    pages = f"The preview shows {screen.document.pageCount()} pages."
    assert screen.status.text() == pages

    qtbot.keyClicks(screen.plan_title, "Home list")  # each letter changes what will print
    assert not any(button.isEnabled() for button in buttons)
    assert accessible_name(screen.status) == PREPARING
    _wait_for_pages(qtbot, screen)
    assert all(button.isEnabled() for button in buttons)
    assert "Home list" in PdfReader(io.BytesIO(screen.pdf_bytes)).pages[0].extract_text()
    # Said once each time the pages are being prepared, not at every letter typed.
    assert [text for text in said if text] == [PREPARING, pages, PREPARING, pages]


def test_an_older_layout_never_replaces_a_newer_one(qtbot) -> None:
    from PySide6.QtCore import Qt

    screen, _plan = _screen(qtbot, note=LONG_NOTE, wait=False)
    shown: list[int] = []
    screen.document.pageCountChanged.connect(shown.append)
    qtbot.waitUntil(lambda: _laying_out() or screen.document.pageCount() > 0, timeout=60_000)
    qtbot.keyClick(screen.notes, Qt.Key.Key_Space)  # leave the long note out: asked later
    _wait_for_pages(qtbot, screen)
    qtbot.waitUntil(lambda: not _laying_out(), timeout=5_000)  # the long one was stopped...
    qtbot.keyClick(screen.large, Qt.Key.Key_Space)  # ...and does not turn up later either
    _wait_for_pages(qtbot, screen)
    assert shown and max(shown) < LONG_PLAN_PAGES  # the long plan's pages were never shown
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(screen.pdf_bytes)).pages)
    assert "typed over many days" not in text


@pytest.mark.parametrize("leave", ["lock", "end session", "quick exit"])
def test_leaving_while_pages_are_laid_out_keeps_no_plan_text_and_writes_nothing(
        qtbot, saved_app: AppUnderTest, tmp_path: Path, isolated_home: Path, capfd,
        leave: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = saved_app
    plan = app.session.plan
    topic = app.window.topics.library.topics[0]
    plan.set_status(topic.actions[0].id, ActionStatus.TODO)
    plan.set_note(topic.id, "NOTE-CANARY " + LONG_NOTE)
    plan.add_contact("PERSON-CANARY Dee", "555-0100", "")
    app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window, timeout=2000)
    files_before = files_under(tmp_path) + files_under(isolated_home)
    handle = app.window.windowHandle()
    keys = {"lock": [(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)],
            "quick exit": [(Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)] * 3}
    pressed: dict[str, float | bool] = {}

    def person() -> None:
        """Leaves a moment after the screen starts preparing the pages, as a person might."""
        if pressed or time.perf_counter() < due:
            return
        pressed.update(late=time.perf_counter() - due, laying_out=_laying_out())
        if leave == "end session":
            qtbot.mouseClick(app.window.header.end_button, Qt.MouseButton.LeftButton)
        for key, modifier in keys.get(leave, []):
            QTest.keyClick(handle, key, modifier)

    app.window.show_page("print")
    due = time.perf_counter() + (PREVIEW_DELAY_MS + 100) / 1000  # a moment after it starts
    clock = QTimer()
    clock.timeout.connect(person)
    clock.start(10)
    qtbot.waitUntil(lambda: bool(pressed), timeout=60_000)
    clock.stop()
    assert pressed["late"] < LONGEST_PAUSE, "the window answered only once pages were ready"
    assert pressed["laying_out"], "the pages were not being laid out when the person left"
    if leave == "lock":
        assert app.session.locked
    else:
        assert app.session.plan is None
    assert app.quits == ([1] if leave == "quick exit" else [])
    qtbot.waitUntil(lambda: not _laying_out(), timeout=1000)  # no thread keeps the words
    held = words_in_widgets()
    assert "typed over many days" not in held  # no PDF pages of the plan are kept
    if leave != "quick exit":  # quick exit hides the window and quits at once
        assert "NOTE-CANARY" not in held and "PERSON-CANARY" not in held
    assert files_under(tmp_path) + files_under(isolated_home) == files_before
    assert capfd.readouterr().err == ""
