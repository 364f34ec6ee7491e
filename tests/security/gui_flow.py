"""A whole session of the real app, run in its own process by the security tests.

Run as `python gui_flow.py MODE DATA_DIR EXPORT_DIR` with MODE `saved` or `guest`. It installs an
audit hook first (audit hooks can never be removed, hence a separate process), then drives the
real window: start a plan, choose priorities, work through topics, write notes, add a contact,
give the plan a title, open the print preview, press Print (accepting any dialog that appears,
as a hurried person would), open every dialog the app has and browse folders in the save
dialog, save a PDF to EXPORT_DIR, lock, unlock, copy text, and quick exit. It prints one JSON
line: the network and process events the hook saw.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

EVENTS_WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                  "urllib.Request", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn",
                  "webbrowser.open"}
seen: list[str] = []


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event in EVENTS_WATCHED:
        seen.append(f"{event} {str(args)[:120]}")


sys.addaudithook(_hook)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.core import kdf  # noqa: E402
from planner.core.plan import ActionStatus  # noqa: E402
from planner.core.session import Session  # noqa: E402
from planner.core.vault import silence_sqlcipher_logging  # noqa: E402
from planner.ui.application import build_window, make_application, use_memory_temp_dir  # noqa: E402

CANARIES = ("CANARY-NOTE-\u00e9t\u00e9-Zq7", "CANARY-CONTACT-\u00d1and\u00fa-Wx3",
            "CANARY-TITLE-\u00e5ngstr\u00f6m-Kp9")
PASSPHRASE = "security flow passphrase"

CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only


def run(mode: str, data_dir: Path, export_dir: Path) -> dict[str, object]:
    silence_sqlcipher_logging()
    use_memory_temp_dir()
    app = make_application()
    session = Session(data_dir, CHEAP_KEYS)
    quits: list[int] = []
    window, quick_exit, _idle = build_window(app, session, quit_app=lambda: quits.append(1))
    window.show()
    QApplication.processEvents()
    welcome = window.welcome
    if mode == "saved":
        welcome.new_button.click()
        welcome.new_passphrase.setText(PASSPHRASE)
        welcome.confirm_passphrase.setText(PASSPHRASE)
        welcome.create_button.click()
    else:
        welcome.guest_button.click()
    window.priorities.priority_boxes["location"].setChecked(True)
    window.priorities.save.click()
    topics = window.topics
    for _ in range(3):
        for row, status in zip(topics.rows, (ActionStatus.TODO, ActionStatus.LATER,
                                             ActionStatus.DONE), strict=False):
            row.buttons[status.value].setChecked(True)
        topics.notes.editor.setPlainText(f"{CANARIES[0]} typed in a note")
        topics.next.click()
    window.show_page("plan")
    people = window.plan_screen.people
    people.add_button.click()
    people.name.setText(CANARIES[1])
    people.reach.setText("555-0100")
    people.save.click()
    window.plan().set_setting("print_title", CANARIES[2])
    printed = _print_and_save(window, export_dir)
    QGuiApplication.clipboard().setText(CANARIES[1])
    window.lock()
    clipboard_after_lock = QGuiApplication.clipboard().text()
    if mode == "saved":
        window.lock_screen.passphrase.setText(PASSPHRASE)
    window.lock_screen.try_unlock()
    QGuiApplication.clipboard().setText(CANARIES[0])
    quick_exit.trigger()
    return {"events": seen, "quit": quits == [1], "printed": printed,
            "clipboard_after_lock": clipboard_after_lock,
            "clipboard_after_exit": QGuiApplication.clipboard().text()}


def _accept_every_dialog() -> None:
    """Press Enter in any modal dialog that opens (a system print dialog included), as a
    person in a hurry does: whatever such a dialog would write, it writes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.accept()

    timer = QTimer(QApplication.instance())
    timer.timeout.connect(accept)
    timer.start(300)


def _open_every_dialog(screen) -> None:
    """The app's printer dialog (with a printer name from nowhere), and the save dialog with
    its folder list browsed and then cancelled."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from planner.ui.printer_dialog import PrinterDialog

    real_printers = screen._printers
    screen._printers = lambda: ["Office printer"]
    screen.print_button.click()
    for dialog in screen.findChildren(PrinterDialog):
        dialog.reject()
    screen._printers = real_printers
    dialog = screen.save_copy()
    dialog.folders.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Right):
        QTest.keyClick(dialog.folders, key)
        QApplication.processEvents()
    dialog.reject()


def _print_and_save(window, export_dir: Path) -> list[str]:
    """Open the print screen, press Print, show the preview, print to a PDF printer target,
    open every dialog, save a PDF."""
    from PySide6.QtPrintSupport import QPrinter

    window.show_page("print")
    screen = window.screens["print"]
    screen.show_preview()  # the pages are ready: Print and Save wait for them
    _accept_every_dialog()
    screen.print_button.click()
    _open_every_dialog(screen)
    screen.show_preview()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(export_dir / "printer-output.pdf"))
    screen.print_to(printer)
    dialog = screen.save_copy()
    dialog.other.setChecked(True)
    dialog.folder.setText(str(export_dir))
    dialog.try_save()
    return sorted(path.name for path in export_dir.iterdir())


if __name__ == "__main__":
    result = run(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    print(json.dumps(result), flush=True)
