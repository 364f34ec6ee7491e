"""Choosing a printer: the app's own small dialog instead of the system print dialog.

Qt's own print dialog (used on Linux) offers "Print to File (PDF)" and, on a computer with no
printer set up, chooses it by itself, with a file in the home folder: pressing Print would
write the whole plan there, unencrypted. Its "…" button opens the system file dialog, which
writes folder history to ~/.config. So the app never shows it. This dialog lists only the real
printers the computer knows, and `real_printer` refuses any printer that would write a file.
Saving a file is done only through "Save as PDF…", where the person chooses the place.
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core.i18n import _
from planner.ui.widgets import ChoiceBox, button, label, set_text

PRINT_DPI = 300
JOB_NAME = "Document"
MAX_COPIES = 20


def available_printers() -> list[str]:
    """The printers set up on this computer (none on many shelter and library computers)."""
    return list(QPrinterInfo.availablePrinterNames())


def real_printer(name: str, copies: int = 1) -> QPrinter | None:
    """A printer that sends pages to the printer called `name`, or None if Qt would write a
    file instead (an unknown name makes Qt fall back to PDF output)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setPrinterName(name)
    printer.setResolution(PRINT_DPI)
    printer.setDocName(JOB_NAME)
    printer.setCopyCount(copies)
    writes_a_file = (printer.outputFormat() != QPrinter.OutputFormat.NativeFormat
                     or bool(printer.outputFileName()) or printer.printerName() != name)
    return None if writes_a_file else printer


class PrinterDialog(QDialog):
    """Pick one of the computer's printers and how many copies."""

    def __init__(self, printers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planner")
        layout = QVBoxLayout(self)
        self.heading = label(role="subtitle")
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.printer = ChoiceBox()
        for name in printers:
            self.printer.addItem(name, name)
        default = QPrinterInfo.defaultPrinterName()
        if default in printers:
            self.printer.setCurrentIndex(printers.index(default))
        self.copies = QSpinBox()
        self.copies.setRange(1, MAX_COPIES)
        self.printer_label, self.copies_label = label(), label()
        self.printer_label.setBuddy(self.printer)
        self.copies_label.setBuddy(self.copies)
        form.addRow(self.printer_label, self.printer)
        form.addRow(self.copies_label, self.copies)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.cancel, self.go = button(), button(primary=True)
        self.go.setDefault(True)
        self.cancel.clicked.connect(self.reject)
        self.go.clicked.connect(self.accept)
        row.addWidget(self.cancel)
        row.addStretch(1)
        row.addWidget(self.go)
        layout.addLayout(row)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.retranslate()

    def chosen_printer(self) -> str:
        return str(self.printer.currentData())

    def retranslate(self) -> None:
        self.heading.setText(_("Print"))
        self.printer_label.setText(_("Printer"))
        self.printer.setAccessibleName(_("Printer"))
        self.copies_label.setText(_("Copies"))
        self.copies.setAccessibleName(_("Copies"))
        set_text(self.cancel, _("Cancel"))
        set_text(self.go, _("Print"))
