"""Print: choose an output and options, see the preview, print it or save a copy.

The preview, the printer and a saved file all come from the same PDF bytes, built in memory by
`planner.report`; QtPdf draws those bytes (from a QBuffer, never a temporary file). The preview
follows every change of output or option by itself. A long plan takes seconds to lay out, so
that happens on another thread (`page_layout`): the window keeps answering, the screen says
"Preparing the pages…", and Print and Save wait, disabled, until the newest pages are ready.
The printout's language is read once, into its options. Printing goes only to a real printer
(`printer_dialog`), painting each page image at 300 dpi with a neutral job name; with no printer
set up, the screen says so and offers Save as PDF. It says plainly that the computer's print
queue may keep a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QSize, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core import i18n
from planner.core.choices import PLATFORM_LABELS
from planner.core.content import Library, Resource
from planner.core.evidence import OTHER_PLATFORM, PICTURE_TYPES
from planner.core.i18n import N_, _, current_language
from planner.core.plan import Plan
from planner.core.policy import PLAN_SETTING
from planner.report import discreet, outputs
from planner.report.evidence_log import EvidenceChoice, ImageSize
from planner.report.layout import PrintOptions
from planner.ui.evidence_screen import platform_words, read_day
from planner.ui.page_layout import PageLayout
from planner.ui.printer_dialog import (
    JOB_NAME,
    PRINT_DPI,
    PrinterDialog,
    available_printers,
    real_printer,
)
from planner.ui.save_dialog import SaveDialog
from planner.ui.save_errors import saved
from planner.ui.speech import MessageLabel
from planner.ui.widgets import (
    ChoiceBox,
    FlowLayout,
    button,
    card,
    clear_layout,
    label,
    scrolling,
    set_text,
    tab_chain,
)
from planner.ui.wrapping_buttons import CheckBox, RadioButton

OUTPUTS = (("plan", N_("My plan")), ("card", N_("Pocket card")),
           ("rules", N_("Family rules sheet")), ("workbook", N_("Blank workbook")),
           ("evidence", N_("Evidence log")),
           # NOTE: a printout: the draft of a program's own social media policy.
           ("policy", N_("Program policy")),
           # NOTE: a printout: the policy's questions with empty boxes, for a staff meeting.
           ("worksheet", N_("Policy worksheet")))
# How each picture of the evidence log prints (the report's own sizes), small by default.
PICTURE_SIZES = ((ImageSize.SMALL, N_("Small")), (ImageSize.FULL, N_("Full size")),
                 (ImageSize.LEFT_OUT, N_("Leave it out")))
PREVIEW_DELAY_MS = 250  # a title being typed is previewed once typing pauses


class PrintScreen(QWidget):
    """Choose, preview, print, save."""

    def __init__(self, plan: Callable[[], Plan], library: Library,
                 program_resources: tuple[Resource, ...] = (),
                 printers: Callable[[], list[str]] = available_printers,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._printers = printers
        self.person_boxes: dict[int, QCheckBox] = {}
        self.picture_boxes: dict[int, ChoiceBox] = {}
        self._pictures_listed: object = None  # what the picture choices were built for
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._follow_changes)
        self.library = library
        self.program_resources = program_resources
        self.pdf_bytes = b""
        self._ready = False  # True once the preview shows the pages for the current choices
        self._layout = PageLayout(self._show, self)
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        controls = QWidget()
        column = QVBoxLayout(controls)
        self.title = label(role="title")
        self.kind_caption = label(role="subtitle")
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[str, RadioButton] = {}
        column.addWidget(self.title)
        column.addWidget(self.kind_caption)
        for key, _caption in OUTPUTS:
            radio = RadioButton()
            self.kinds.addButton(radio)
            self.kind_buttons[key] = radio
            column.addWidget(radio)
        self.kind_buttons["plan"].setChecked(True)
        self.plan_title = QLineEdit()
        self.title_label = label()
        self.title_label.setBuddy(self.plan_title)
        self.discreet, self.large, self.notes = CheckBox(), CheckBox(), CheckBox()
        self.notes.setChecked(True)
        # One plain column (no form layout): it gives wrapped choices the height they need.
        for widget in (self.title_label, self.plan_title, self.discreet, self.large, self.notes):
            column.addWidget(widget)
        self.own_words, own_words_layout = card("caution")
        self.own_words_text = label()
        own_words_layout.addWidget(self.own_words_text)
        self.own_words.hide()
        column.addWidget(self.own_words)
        self.people_caption = label(role="subtitle")
        column.addWidget(self.people_caption)
        self.people_box = QWidget()
        self.people = FlowLayout(self.people_box)
        column.addWidget(self.people_box)
        self._add_evidence_filter(column)
        self.pictures_caption = label(role="subtitle")
        self.pictures_help = label(role="muted")
        self.pictures_box = QWidget()
        self.pictures = QVBoxLayout(self.pictures_box)
        self.pictures.setContentsMargins(0, 0, 0, 0)
        for widget in (self.pictures_caption, self.pictures_help, self.pictures_box):
            column.addWidget(widget)
        self.print_button, self.save_button = button(primary=True), button()
        for widget in (self.print_button, self.save_button):
            column.addWidget(widget)
        self.no_printer, no_printer_layout = card("caution")
        self.no_printer_text = label()
        self.no_printer_save = button()
        self.no_printer_save.clicked.connect(self.save_copy)
        no_printer_layout.addWidget(self.no_printer_text)
        no_printer_layout.addWidget(self.no_printer_save)
        self.no_printer.hide()
        column.addWidget(self.no_printer)
        self.status = MessageLabel()
        column.addWidget(self.status)
        note, note_layout = card("caution")
        self.queue_note = label()
        note_layout.addWidget(self.queue_note)
        column.addWidget(note)
        column.addStretch(1)
        self.controls = scrolling(controls)
        self.controls.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the width the wrapped choices were measured at never changes when
        # the scroll bar comes and goes (which left the last line of a choice cut off).
        self.controls.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.controls.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        splitter = QSplitter()
        splitter.addWidget(self.controls)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_copy)
        self.kinds.buttonToggled.connect(lambda _button, on: on and self._kind_changed())
        for box in (self.discreet, self.large, self.notes):
            box.toggled.connect(self._options_changed)
        self.plan_title.textEdited.connect(lambda _text: self._options_changed())
        # Only a title the person changed is saved (focus also leaves the field when the plan
        # locks, and then there is nothing to save and no plan to save it to).
        self.plan_title.editingFinished.connect(self.flush)
        self.retranslate()
        self._set_ready(False)

    # -- building ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Called when the screen is shown: reload the title and the people to pick from, and
        show the preview."""
        self.plan_title.setText(self._plan().setting("print_title"))
        self.no_printer.hide()
        self.status.clear()
        clear_layout(self.people)
        self.person_boxes = {}
        for contact in self._plan().contacts():
            box = CheckBox(contact.name)
            box.setAccessibleName(_("Put {name} on the card").format(name=contact.name))
            box.toggled.connect(self._limit_people)
            self.person_boxes[contact.id] = box
            self.people.addWidget(box)
        for box in list(self.person_boxes.values())[: outputs.MAX_CARD_CONTACTS]:
            box.setChecked(True)
        # A program's policy is offered only in a plan that holds one (or when asked for by
        # the policy screen): a survivor's list of printouts stays as it was.
        self._offer_policy(bool(self._plan().setting(PLAN_SETTING))
                           or self.kind() in outputs.POLICY_KINDS)
        self._kind_changed()
        tab_chain(self.controls, self.view)  # the options first, as on screen, then the preview

    def choose_output(self, kind: str) -> None:
        """Show `kind` ("policy", "worksheet", ...) chosen, as the policy screen asks."""
        if kind in outputs.POLICY_KINDS:
            self._offer_policy(True)
        self.kind_buttons[kind].setChecked(True)

    def _offer_policy(self, offered: bool) -> None:
        for kind in outputs.POLICY_KINDS:
            self.kind_buttons[kind].setVisible(offered)

    def set_library(self, library: Library) -> None:
        self.library = library
        if self.isVisible():
            self._options_changed()

    def _add_evidence_filter(self, column: QVBoxLayout) -> None:
        """Which entries of the evidence log print: a date range and one app or site."""
        self.evidence_filter = QWidget()
        filters = QVBoxLayout(self.evidence_filter)
        filters.setContentsMargins(0, 0, 0, 0)
        self.first_day, self.last_day = QLineEdit(), QLineEdit()
        self.first_day_label, self.last_day_label = label(), label()
        self.platform_label, self.platform = label(), ChoiceBox()
        for caption, field in ((self.first_day_label, self.first_day),
                               (self.last_day_label, self.last_day),
                               (self.platform_label, self.platform)):
            caption.setBuddy(field)
            filters.addWidget(caption)
            filters.addWidget(field)
        self.filter_message = MessageLabel(assertive=True)
        filters.addWidget(self.filter_message)
        for field in (self.first_day, self.last_day):
            field.textEdited.connect(lambda _text: self._options_changed())
        self.platform.activated.connect(lambda _index: self._options_changed())
        column.addWidget(self.evidence_filter)

    def _fill_platforms(self) -> None:
        chosen = self.platform.currentData() or ""
        self.platform.clear()
        self.platform.addItem(_("All apps and sites"), "")
        for key in (*PLATFORM_LABELS, OTHER_PLATFORM):
            self.platform.addItem(platform_words(key), key)
        self.platform.setCurrentIndex(max(0, self.platform.findData(chosen)))

    def _chosen_days(self) -> tuple[date | None, date | None]:
        """The typed date range; a date that can't be read is left out, and said so."""
        days: list[date | None] = []
        unreadable = False
        for field in (self.first_day, self.last_day):
            try:
                days.append(read_day(field.text()) if field.text().strip() else None)
            except ValueError:
                days.append(None)
                unreadable = True
        message = _("Please write the date as year-month-day, for example 2026-11-02.")
        if unreadable and self.filter_message.text() != message:
            self.filter_message.setText(message)
        elif not unreadable:
            self.filter_message.clear()
        return days[0], days[1]

    def _list_pictures(self) -> None:
        """One choice per picture in the evidence log: small (the default), full size, or
        left out, so no picture ever has to be printed for the rest to print. Rebuilt only
        when the pictures or the language changed: the choices made stay, and a log of
        hundreds of pictures costs nothing to show again."""
        pictures = tuple((entry, attachment) for entry in self._plan().evidence().entries()
                         for attachment in entry.attachments
                         if attachment.media_type in PICTURE_TYPES)
        listed = (tuple((attachment.id, attachment.name, entry.happened_on)
                        for entry, attachment in pictures), current_language())
        if listed == self._pictures_listed:
            return
        self._pictures_listed = listed
        chosen = {key: box.currentData() for key, box in self.picture_boxes.items()}
        clear_layout(self.pictures)
        self.picture_boxes = {}
        for entry, attachment in pictures:
            caption = label(_("{name} ({date})").format(
                name=attachment.name, date=entry.happened_on.isoformat()))
            box = ChoiceBox()
            for size, words in PICTURE_SIZES:
                box.addItem(_(words), size.value)
            box.setAccessibleName(_("How to print {name}").format(name=attachment.name))
            box.setCurrentIndex(max(0, box.findData(chosen.get(attachment.id))))
            caption.setBuddy(box)
            box.activated.connect(lambda _index: self._options_changed())
            self.picture_boxes[attachment.id] = box
            self.pictures.addWidget(caption)
            self.pictures.addWidget(box)
        if not self.picture_boxes:
            self.pictures.addWidget(label(_("There are no pictures in your evidence log."),
                                          "muted"))

    def evidence_choice(self) -> EvidenceChoice:
        first, last = self._chosen_days()
        platform = self.platform.currentData()
        choice = EvidenceChoice(first, last, frozenset({platform} if platform else ()))
        for attachment_id, box in self.picture_boxes.items():
            choice = choice.with_size(attachment_id, ImageSize(box.currentData()))
        return choice

    def _limit_people(self) -> None:
        chosen = [box for box in self.person_boxes.values() if box.isChecked()]
        for box in self.person_boxes.values():
            box.setEnabled(box.isChecked() or len(chosen) < outputs.MAX_CARD_CONTACTS)
        self._options_changed()

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.people_caption.setVisible(kind == "card")
        self.people_box.setVisible(kind == "card")
        for widget in (self.evidence_filter, self.pictures_caption, self.pictures_help,
                       self.pictures_box):
            widget.setVisible(kind == "evidence")
        if kind == "evidence":
            self._list_pictures()  # built when wanted: the other printouts never pay for it
        self.notes.setVisible(kind == "plan")
        self.discreet.setVisible(kind not in outputs.POLICY_KINDS)  # a program's own document
        self.plan_title.setEnabled(kind in ("plan", "workbook"))
        self._options_changed()

    def _options_changed(self) -> None:
        """Any change of output, option or language: the preview follows, and the own-words
        note too."""
        self._show_own_words()
        self._pages_out_of_date()
        self._preview_timer.start()

    def _pages_out_of_date(self) -> None:
        """Stop any layout under way (its pages are not wanted now) and say the new pages are
        being prepared; Print and Save wait for them."""
        self._layout.stop()
        self._set_ready(False)
        preparing = _("Preparing the pages\u2026")
        if self.status.text() != preparing:  # said once, not again at each letter of a title
            self.status.setText(preparing)

    def _set_ready(self, ready: bool) -> None:
        self._ready = ready
        for widget in (self.print_button, self.save_button, self.no_printer_save):
            widget.setEnabled(ready)

    def _show_own_words(self) -> None:
        """With discreet wording on, name the person's own words that may give the plan away:
        they are printed as typed, never changed behind the person's back."""
        printed = self._persons_text_printed()
        found = [] if printed is None else discreet.own_words_to_check(
            printed, self.plan_title.text() if self.plan_title.isEnabled() else "",
            i18n.current_language())
        self.own_words.setVisible(bool(found))
        if found:
            listed = ", ".join(_("\u201c{word}\u201d ({place})").format(word=word, place=place)
                               for word, place in found)
            self.own_words_text.setText(_(
                "Your own words are printed as you typed them. These may show what the plan is "
                "about: {words}. You can change them on My plan before printing.")
                .format(words=listed))

    def _persons_text_printed(self) -> outputs.PrintablePlan | None:
        """Only the person's text the chosen output will print (None: discreet is off, or the
        output prints none of it)."""
        kind = self.kind()
        if not self.discreet.isChecked() or kind not in ("plan", "card"):
            return None
        printable = outputs.PrintablePlan.from_plan(self._plan())
        if kind == "card":
            chosen = [c for c in printable.contacts
                      if c.id in self.person_boxes and self.person_boxes[c.id].isChecked()]
            return replace(printable, notes={}, contacts=tuple(chosen), resources=())
        return printable if self.notes.isChecked() else replace(printable, notes={})

    def flush(self) -> None:
        """Keep a title typed but not yet confirmed (before locking, leaving or switching)."""
        if self.plan_title.isModified():
            self._remember_title()

    def _remember_title(self) -> None:
        """Keep the title for next time; if it can't be saved, show the stored one again."""
        self.plan_title.setModified(False)
        if not saved(lambda: self._plan().set_setting("print_title", self.plan_title.text())):
            self.plan_title.setText(self._plan().setting("print_title"))

    def kind(self) -> str:
        return next(key for key, radio in self.kind_buttons.items() if radio.isChecked())

    def options(self) -> PrintOptions:
        """The choices on screen; the page is printed in the language the app shows now."""
        return PrintOptions(language=i18n.current_language(), printed_on=date.today(),
                            title=self.plan_title.text().strip(),
                            discreet=self.discreet.isChecked(),
                            large_print=self.large.isChecked(),
                            include_notes=self.notes.isChecked())

    def _printout(self) -> outputs.Printout:
        """The chosen output and everything it is made from, read now (the plan from the
        vault), so it can be laid out on another thread."""
        kind = self.kind()
        plan = outputs.PrintablePlan.from_plan(self._plan()) if kind in ("plan", "card") else None
        chosen = tuple(cid for cid, box in self.person_boxes.items() if box.isChecked())
        evidence = (outputs.PrintableEvidence.from_plan(
            self._plan(), self.evidence_choice(), self._layout.read_through)
            if kind == "evidence" else None)
        policy = (outputs.PrintablePolicy.from_plan(self._plan(), self.library,
                                                    i18n.current_language())
                  if kind in outputs.POLICY_KINDS else None)
        return outputs.Printout(kind, self.options(), self.library, plan, chosen,
                                self.program_resources, evidence, policy)

    def build_pdf(self) -> bytes:
        """The chosen output as PDF bytes (the one thing preview, printer and file share)."""
        return self._printout().pdf()

    # -- actions -------------------------------------------------------------------------------

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._pages_out_of_date()
        self._preview_timer.start()

    def hideEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        # Locked, quick exit, or another screen: the plan may be closed now, so no layout goes
        # on and no pages are kept; they are laid out again when the screen is shown.
        self._preview_timer.stop()
        self._layout.stop()
        self._set_ready(False)
        self.status.clear()
        self._forget_pages()
        super().hideEvent(event)

    def _follow_changes(self) -> None:
        if self.isVisible():
            self._layout.start(self._printout())

    def show_preview(self) -> None:
        """Lay out the chosen output now, on this thread, and show it (the tour and tests use
        this; the screen itself lays out on another thread)."""
        self._preview_timer.stop()
        self._layout.stop()
        self._show(self.build_pdf())

    def _forget_pages(self) -> None:
        self.pdf_bytes = b""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None

    def _show(self, pdf: bytes) -> None:
        """Show the newest pages; printing and saving use these same bytes."""
        self._forget_pages()
        self.pdf_bytes = pdf
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self._set_ready(True)
        pages = self.document.pageCount()
        shown = i18n.ngettext("The preview shows {count} page.",
                              "The preview shows {count} pages.", pages).format(count=pages)
        self.status.setText(shown)
        # What the picture shows, in words: which output, and how many pages.
        caption = _(dict(OUTPUTS)[self.kind()])
        self.view.setAccessibleName(_("Preview: {output}").format(output=caption))
        self.view.setAccessibleDescription(shown)

    def print_to(self, printer: QPrinter) -> int:
        """Paint every page of the previewed PDF onto `printer`; returns the pages printed."""
        if not self._ready:  # only from code: Print waits, disabled, for the pages
            self.show_preview()
        printer.setDocName(JOB_NAME)
        painter = QPainter()
        if not painter.begin(printer):
            self.status.setText(_("The printer could not be started. Check that it is on and "
                                  "connected, then try again."))
            return 0
        pages = self.document.pageCount()
        for index in range(pages):
            if index:
                printer.newPage()
            target = painter.viewport()
            size_points = self.document.pagePointSize(index)
            scale = PRINT_DPI / 72
            image = self.document.render(index, QSize(int(size_points.width() * scale),
                                                      int(size_points.height() * scale)))
            image = image.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(target.topLeft(), image)
        painter.end()
        return pages

    def print_with_dialog(self) -> None:
        """Print on one of the computer's printers; with none, say so and offer a PDF."""
        printers = self._printers()
        if not printers:
            self.status.clear()
            self.no_printer.show()
            self.no_printer_save.setFocus()
            self._reveal(self.no_printer)
            return
        self.no_printer.hide()
        dialog = PrinterDialog(printers, self)
        dialog.accepted.connect(lambda: self._send_to(dialog.chosen_printer(),
                                                      dialog.copies.value()))
        dialog.open()

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the options so `widget` (a message just shown) is in view, once laid out."""
        QTimer.singleShot(0, widget, lambda: self.controls.ensureWidgetVisible(widget))

    def _send_to(self, name: str, copies: int) -> None:
        printer = real_printer(name, copies)
        if printer is None:
            self.status.setText(_("That printer can't be used. Choose another, or save a PDF "
                                  "instead."))
            self._reveal(self.status)
            return
        if self.print_to(printer):
            self.status.setText(_("Sent to the printer \u201c{name}\u201d.").format(name=name))
            self._reveal(self.status)

    def save_copy(self) -> SaveDialog:
        if not self._ready:  # only from code: Save waits, disabled, for the pages
            self.show_preview()
        dialog = SaveDialog(self.pdf_bytes, self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def _saved(self, dialog: SaveDialog) -> None:
        self.no_printer.hide()
        path = dialog.saved_path
        name = path.name if path else ""
        self.status.setText(_("Saved \u201c{name}\u201d {place}.").format(
            name=name, place=dialog.saved_place))
        self._reveal(self.status)

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Print"))
        self.controls.setAccessibleName(_("Print"))
        self.view.setAccessibleName(_("Preview"))
        self.splitter.setAccessibleName(_("Print"))
        self.splitter.handle(1).setAccessibleName(
            _("Drag to make the preview wider or narrower"))
        self.kind_caption.setText(_("What would you like to print?"))
        for key, caption in OUTPUTS:
            self.kind_buttons[key].setText(_(caption))
            self.kind_buttons[key].setAccessibleName(_(caption))
        self.title_label.setText(_("Title on the first page (optional)"))
        self.plan_title.setAccessibleName(self.title_label.text())
        self.plan_title.setPlaceholderText(_("My plan"))
        for box, text in ((self.discreet, _("Discreet wording (no words about abuse)")),
                          (self.large, _("Large print")),
                          (self.notes, _("Include my notes"))):
            box.setText(text)
            box.setAccessibleName(text)
        self.people_caption.setText(_("People on the card (up to three)"))
        self.first_day_label.setText(_("Entries from (year-month-day, optional)"))
        self.last_day_label.setText(_("Entries up to (year-month-day, optional)"))
        self.platform_label.setText(_("Entries about"))
        for caption, field in ((self.first_day_label, self.first_day),
                               (self.last_day_label, self.last_day),
                               (self.platform_label, self.platform)):
            field.setAccessibleName(caption.text())
        self._fill_platforms()
        self.pictures_caption.setText(_("Pictures in the log"))
        self.pictures_help.setText(_("Choose how each picture prints. You can leave any "
                                     "picture out; the rest of the log still prints."))
        set_text(self.print_button, _("Print\u2026"))
        set_text(self.save_button, _("Save as PDF\u2026"))
        self.no_printer_text.setText(_(
            "No printer is set up on this computer, so nothing was printed. You can save a PDF "
            "instead, for example on a USB stick, and print it somewhere else."))
        set_text(self.no_printer_save, _("Save as PDF\u2026"))
        self.queue_note.setText(_(
            "The app keeps no copy of what it prints. The computer's print queue may keep one "
            "for a while. A saved PDF is not locked with your passphrase."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible() and self.kind() == "evidence":
                self._list_pictures()  # each picture's choice names its size in words
        super().changeEvent(event)
