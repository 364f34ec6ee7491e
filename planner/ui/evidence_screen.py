"""Evidence log: a dated record of online abuse, with the proof attached, kept in the plan.

A list of entries by date; one entry opens in a form with every field of `EntryFields`, its
files (each copied into the vault, never a path), and a way to view a picture full size inside
the app. Everything goes through the plan's `EvidenceLog`; every failure through `saved()`, and
the form stays open with what was typed. A half-filled form is kept in the vault (encrypted) when
the plan locks, as the person and place forms of My plan are, and comes back on unlock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QEvent, Qt, QTimeZone
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.core.choices import PLATFORM_LABELS
from planner.core.evidence import (
    OTHER_PLATFORM,
    PICTURE_TYPES,
    Attachment,
    EntryFields,
    EvidenceEntry,
    media_words,
)
from planner.core.i18n import N_, _, current_language, ngettext
from planner.core.plan import Plan
from planner.ui.open_dialog import OpenDialog
from planner.ui.save_errors import failures, saved
from planner.ui.speech import MessageLabel
from planner.ui.widgets import (
    ChoiceBox,
    button,
    card,
    clear_layout,
    follow_layout_in_tab_order,
    label,
    scrolling,
    set_text,
)

DRAFT_KIND = "evidence"  # the half-filled form, kept in the plan (Plan.keep_form)
FIRST_WORDS = 8  # words of "what happened" shown in the list
ROWS_AT_ONCE = 30  # entries listed before "Show older entries": a long log stays quick to show
LINE_FIELDS = ("time_zone", "account", "account_link", "reported_where", "report_reference")
TEXT_FIELDS = ("what_happened", "who_saw", "effect", "what_i_did", "proof_needed")
# Field captions, in the order the form shows them (date, time and platform come first).
CAPTIONS = {
    "time_zone": N_("Time zone"),
    "account": N_("The account, as it really is (user name, not a nickname)"),
    "account_link": N_("Link to the account, or phone number"),
    "what_happened": N_("What happened, in your own words"),
    "who_saw": N_("Who saw it"),
    "effect": N_("How it affected you"),
    "what_i_did": N_("What you did"),
    "reported_where": N_("Where you reported it (if you did)"),
    "report_reference": N_("Report number or officer's name"),
    "proof_needed": N_("Proof you still need"),
}
FORM_ORDER = ("account", "account_link", "what_happened", "who_saw", "effect", "what_i_did",
              "reported_where", "report_reference", "proof_needed")


def computer_time_zone() -> str:
    return bytes(QTimeZone.systemTimeZoneId().data()).decode("utf-8", "replace")


def platform_words(platform: str) -> str:
    if platform == OTHER_PLATFORM:
        return _("Another app or website")
    return _(PLATFORM_LABELS[platform]) if platform in PLATFORM_LABELS else platform


def first_words(text: str) -> str:
    words = text.split()
    shown = " ".join(words[:FIRST_WORDS])
    return shown + ("\u2026" if len(words) > FIRST_WORDS else "")


def size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=f"{size / (1024 * 1024):.1f}")
    return _("{size} KB").format(size=max(1, round(size / 1024)))


class UnreadableField(ValueError):
    """A date or time the form can't read; `field` is "day" or "clock"."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def read_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UnreadableField("day") from None


def read_time(text: str) -> time | None:
    """None for an empty field: the person does not know the time."""
    text = text.strip()
    if not text:
        return None
    try:
        hours, minutes = (int(part) for part in text.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise UnreadableField("clock") from None


def file_warning(attachment: Attachment) -> str:
    """What a photo may give away, in plain words ("" when nothing was found)."""
    if attachment.has_location:
        return _("This photo may show where it was taken. It stays inside this app; printed "
                 "and saved logs never carry that information.")
    if attachment.has_metadata:
        return _("This file holds hidden details, such as the camera or the date. They stay "
                 "inside this app; printed and saved logs never carry them.")
    return ""


class PictureDialog(QDialog):
    """A picture at full size, scrollable, inside the app (no other program opens it)."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Planner")
        self.picture = QLabel()
        image = QImage.fromData(data)
        if image.isNull():
            self.picture.setText(_("This picture can't be shown here."))
        else:
            self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.setAccessibleName(_("Picture: {name}").format(name=name))
        self.area = QScrollArea()
        self.area.setWidget(self.picture)
        self.area.setAccessibleName(self.picture.accessibleName())
        self.close_button = button(primary=True)
        set_text(self.close_button, _("Close"))
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        available = parent.screen().availableGeometry() if parent else None
        if available is not None:
            self.resize(available.width() * 4 // 5, available.height() * 4 // 5)


class EntryForm(QWidget):
    """Every field of one entry; `fields()` reads them, `load()` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One plain column (no form layout): it gives wrapped captions the width they need.
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.captions: dict[str, QLabel] = {}
        # Plain text fields, not date and time pickers: typed and read the same way by keyboard
        # and screen reader, in every language ("2026-11-02", "21:40").
        self.day, self.clock = QLineEdit(), QLineEdit()
        self.platform = ChoiceBox()
        self.lines = {name: QLineEdit() for name in LINE_FIELDS}
        self.texts: dict[str, QPlainTextEdit] = {}
        for name in TEXT_FIELDS:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            self.texts[name] = editor
        self._row("day", self.day)
        self._row("clock", self.clock)
        self._row("time_zone", self.lines["time_zone"])
        self._row("platform", self.platform)
        for name in FORM_ORDER:
            self._row(name, self.lines.get(name) or self.texts[name])
        self.load(None)

    def _row(self, name: str, field: QWidget) -> None:
        caption = label()
        caption.setBuddy(field)
        self.captions[name] = caption
        self.layout_.addWidget(caption)
        self.layout_.addWidget(field)

    def load(self, fields: EntryFields | None) -> None:
        fields = fields or EntryFields(date.today(), time_zone=computer_time_zone())
        self.day.setText(fields.happened_on.isoformat())
        self.clock.setText(fields.happened_at.strftime("%H:%M") if fields.happened_at else "")
        self._fill_platforms(fields.platform)
        for name in LINE_FIELDS:
            self.lines[name].setText(getattr(fields, name))
        for name in TEXT_FIELDS:
            self.texts[name].setPlainText(getattr(fields, name))

    def _fill_platforms(self, chosen: str) -> None:
        self.platform.clear()
        for key in (*PLATFORM_LABELS, OTHER_PLATFORM):
            self.platform.addItem(platform_words(key), key)
        self.platform.setCurrentIndex(max(0, self.platform.findData(chosen)))

    def fields(self) -> EntryFields:
        """What the form holds; ValueError names the field whose date or time can't be read."""
        return EntryFields(
            happened_on=read_day(self.day.text()), happened_at=read_time(self.clock.text()),
            platform=self.platform.currentData() or OTHER_PLATFORM,
            **{name: self.lines[name].text().strip() for name in LINE_FIELDS},
            **{name: self.texts[name].toPlainText() for name in TEXT_FIELDS})

    def typed_anything(self) -> bool:
        return bool(self.clock.text().strip()) or any(
            field.text().strip() for name, field in self.lines.items()
            if name != "time_zone") or any(
            editor.toPlainText().strip() for editor in self.texts.values())

    def clear(self) -> None:
        for field in self.lines.values():
            field.clear()
        for editor in self.texts.values():
            editor.clear()

    def retranslate(self) -> None:
        chosen = self.platform.currentData() or OTHER_PLATFORM
        words = {"day": _("Date it happened (year-month-day, for example 2026-11-02)"),
                 "clock": _("Time it happened, if you know it (hours:minutes, for example "
                            "21:40)"),
                 "platform": _("Where it happened"),
                 **{name: _(caption) for name, caption in CAPTIONS.items()}}
        for name, caption in self.captions.items():
            caption.setText(words[name])
        for name, field in (("day", self.day), ("clock", self.clock),
                            ("platform", self.platform), *self.lines.items(),
                            *self.texts.items()):
            field.setAccessibleName(words[name])
        self._fill_platforms(chosen)


class EvidenceScreen(QWidget):
    """The list of entries, and the form that adds or changes one."""

    def __init__(self, plan: Callable[[], Plan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._editing: int | None = None
        self._confirmed: Callable[[], None] | None = None
        self._rows_wanted = ROWS_AT_ONCE
        self._shown: tuple[tuple[EvidenceEntry, ...], int, str] | None = None  # what rows show
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(12)
        self.title = label(role="title")
        self.intro = label(role="muted")
        self.status = MessageLabel()
        self.list_box = QWidget()
        self.rows = QVBoxLayout(self.list_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = button(primary=True)
        self.add_button.clicked.connect(lambda: self.open_entry(None))
        for widget in (self.title, self.intro, self.status, self.add_button, self.list_box):
            self.column.addWidget(widget)
        self._build_form()
        self.column.addWidget(self.form_card)
        self.column.addStretch(1)
        self.scroll_area = scrolling(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._inner = inner
        self.retranslate()

    # -- building ------------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.form_card, form = card()
        self.form_title = label(role="subtitle")
        self.entry_form = EntryForm()
        self.files_caption = label(role="subtitle")
        self.files_help = label(role="muted")
        self.files_box = QWidget()
        self.files = QVBoxLayout(self.files_box)
        self.files.setContentsMargins(0, 0, 0, 0)
        self.add_file = button()
        self.add_file.clicked.connect(self.choose_file)
        self.file_message = MessageLabel()
        self.error = MessageLabel(assertive=True)
        self.confirm_card, confirm = card("caution")
        self.confirm_text = label()
        confirm_row = QHBoxLayout()
        self.confirm_yes, self.confirm_no = button(), button()
        self.confirm_yes.clicked.connect(self._do_confirmed)
        self.confirm_no.clicked.connect(self._cancel_confirm)
        confirm_row.addWidget(self.confirm_yes)
        confirm_row.addWidget(self.confirm_no)
        confirm_row.addStretch(1)
        confirm.addWidget(self.confirm_text)
        confirm.addLayout(confirm_row)
        self.confirm_card.hide()
        buttons = QHBoxLayout()
        self.cancel, self.delete, self.save = button(), button(), button(primary=True)
        self.cancel.clicked.connect(self.close_entry)
        self.delete.clicked.connect(self._ask_delete)
        self.save.clicked.connect(self.save_entry)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        for widget in (self.form_title, self.entry_form, self.files_caption, self.files_help,
                       self.files_box, self.add_file, self.file_message, self.error,
                       self.confirm_card):
            form.addWidget(widget)
        form.addLayout(buttons)
        self.form_card.hide()

    # -- the protocol the window asks of screens ----------------------------------------------

    def refresh(self) -> None:
        """Show the log as it is now; a form left half-filled (before a lock) comes back."""
        self._show_list()
        draft = self._take_draft()
        if draft is not None:
            self._restore(draft)

    def flush(self) -> None:
        """Keep a half-filled form in the vault (encrypted): locking drops every widget."""
        if self.form_card.isHidden():
            return
        if self._editing is None and not self.entry_form.typed_anything():
            return
        draft = self._draft()
        saved(lambda: self._plan().keep_form(DRAFT_KIND, draft))

    def set_library(self, _library: object) -> None:
        """Nothing here comes from the topics; the words follow the language by themselves."""

    # -- the list ------------------------------------------------------------------------------

    def _show_list(self, focus_row: int | None = None) -> None:
        """Build the rows, newest first and ROWS_AT_ONCE at a time (a button shows older ones),
        unless the log, the number shown and the language are as they were last time: a log of
        hundreds of entries then costs little to show, and nothing to show again."""
        entries = self._plan().evidence().entries()
        shown = (entries, self._rows_wanted, current_language())
        if shown == self._shown:
            return
        self._shown = shown
        clear_layout(self.rows)
        if not entries:
            self.rows.addWidget(label(_("No entries yet. Add one each time something "
                                        "happens, while you remember it well."), "muted"))
        newest_first = list(reversed(entries))  # the newest is the one most often looked for
        rows = [self._entry_row(entry) for entry in newest_first[:self._rows_wanted]]
        for row in rows:
            self.rows.addWidget(row)
        older = len(newest_first) - len(rows)
        if older > 0:
            more = button()
            set_text(more, ngettext("Show {count} older entry", "Show {count} older entries",
                                    min(older, ROWS_AT_ONCE)).format(
                                        count=min(older, ROWS_AT_ONCE)))
            more.clicked.connect(self._show_older)
            self.rows.addWidget(more)
        follow_layout_in_tab_order(self._inner)
        first_new = rows[focus_row].findChild(QPushButton) \
            if focus_row is not None and focus_row < len(rows) else None
        if first_new is not None:
            first_new.setFocus()  # a keyboard goes on where the newly shown rows begin

    def _show_older(self) -> None:
        first_new = self._rows_wanted
        self._rows_wanted += ROWS_AT_ONCE
        self._show_list(focus_row=first_new)

    def _entry_row(self, entry: EvidenceEntry) -> QWidget:
        frame, inner = card()
        when = entry.happened_on.isoformat()
        if entry.happened_at is not None:
            when += " " + entry.happened_at.strftime("%H:%M")
        heading = _("{date} \u00b7 {platform}").format(date=when,
                                                       platform=platform_words(entry.platform))
        inner.addWidget(label(heading, "subtitle"))
        words = first_words(entry.what_happened)
        if words:
            inner.addWidget(label(words))
        if entry.attachments:
            inner.addWidget(label(_("Files: {count}").format(count=len(entry.attachments)),
                                  "muted"))
        row = QHBoxLayout()
        open_button = button()
        set_text(open_button, _("Open"))
        open_button.setAccessibleName(_("Open the entry of {date}: {words}").format(
            date=when, words=words or platform_words(entry.platform)))
        open_button.clicked.connect(lambda _c=False, e=entry.id: self.open_entry(e))
        row.addWidget(open_button)
        row.addStretch(1)
        inner.addLayout(row)
        return frame

    # -- the form ------------------------------------------------------------------------------

    def open_entry(self, entry_id: int | None) -> None:
        """Open the form: a new entry (None) or a saved one."""
        found: list[EvidenceEntry] = []
        if entry_id is not None and not saved(
                lambda: found.append(self._plan().evidence().entry(entry_id))):
            self._show_list()
            return
        entry = found[0] if found else None
        self._editing = entry_id
        self.entry_form.load(entry.fields if entry else None)
        self._show_form(entry)

    def _show_form(self, entry: EvidenceEntry | None) -> None:
        self.status.clear()
        self.error.clear()
        self.file_message.clear()
        self._cancel_confirm()
        self.form_title.setText(_("New entry") if entry is None else _("Entry of {date}")
                                .format(date=entry.happened_on.isoformat()))
        self.delete.setVisible(entry is not None)
        self._show_files(entry)
        self.list_box.hide()
        self.add_button.hide()
        self.form_card.show()
        follow_layout_in_tab_order(self._inner)
        self.entry_form.day.setFocus()

    def close_entry(self) -> None:
        self._editing = None
        self.entry_form.clear()
        clear_layout(self.files)
        self.form_card.hide()
        self.list_box.show()
        self.add_button.show()
        self._show_list()
        self.add_button.setFocus()

    def save_entry(self) -> bool:
        """Save the form; on failure it stays open with everything typed."""
        if not self._save_fields():
            return False
        self.close_entry()
        self.status.setText(_("The entry was saved."))
        return True

    def _save_fields(self) -> bool:
        try:
            fields = self.entry_form.fields()
        except UnreadableField as problem:
            self._say_unreadable(problem.field)
            return False
        log = self._plan().evidence()
        editing = self._editing

        def store() -> None:
            entry = log.add(fields) if editing is None else log.update(editing, fields)
            self._editing = entry.id

        if not saved(store):
            self.error.setText(failures.last_message)
            return False
        self.delete.show()
        return True

    def _say_unreadable(self, field: str) -> None:
        if field == "day":
            self.error.setText(_("Please write the date as year-month-day, for example "
                                 "2026-11-02."))
            self.entry_form.day.setFocus()
        else:
            self.error.setText(_("Please write the time as hours:minutes, for example 21:40, "
                                 "or leave it empty."))
            self.entry_form.clock.setFocus()

    # -- files ---------------------------------------------------------------------------------

    def _show_files(self, entry: EvidenceEntry | None) -> None:
        clear_layout(self.files)
        attachments = entry.attachments if entry else ()
        if not attachments:
            self.files.addWidget(label(_("No files yet."), "muted"))
        for attachment in attachments:
            self.files.addWidget(self._file_row(attachment))

    def _file_row(self, attachment: Attachment) -> QWidget:
        frame, inner = card()
        inner.addWidget(label(attachment.name, "subtitle"))
        kind = _(media_words(attachment.media_type))
        inner.addWidget(label(_("{kind}, {size}").format(kind=kind,
                                                         size=size_words(attachment.size))))
        warning = file_warning(attachment)
        if warning:
            caution, caution_layout = card("caution")
            caution_layout.addWidget(label(warning))
            inner.addWidget(caution)
        row = QHBoxLayout()
        if attachment.media_type in PICTURE_TYPES:
            view = button()
            set_text(view, _("View"))
            view.setAccessibleName(_("View {name}").format(name=attachment.name))
            view.clicked.connect(lambda _c=False, a=attachment: self.view_file(a))
            row.addWidget(view)
        remove = button()
        set_text(remove, _("Remove file"))
        remove.setAccessibleName(_("Remove the file {name}").format(name=attachment.name))
        remove.clicked.connect(lambda _c=False, a=attachment: self._ask_remove(a))
        row.addWidget(remove)
        row.addStretch(1)
        inner.addLayout(row)
        return frame

    def choose_file(self) -> OpenDialog:
        """Let the person pick a file with the app's own dialog (no trace left)."""
        dialog = OpenDialog(self)
        dialog.accepted.connect(lambda: self._attach(dialog))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _attach(self, dialog: OpenDialog) -> None:
        name, data = dialog.name, dialog.data
        dialog.data = b""
        self.file_message.clear()
        if self._editing is None and not self._save_fields():  # a new entry is saved first
            return
        entry_id = self._editing
        assert entry_id is not None
        log = self._plan().evidence()
        if not saved(lambda: log.attach(entry_id, name, data)):
            self.error.setText(failures.last_message)
            return
        self._show_files(log.entry(entry_id))
        follow_layout_in_tab_order(self._inner)
        self.file_message.setText(_(
            "A copy is now kept safely inside this app. The original is still where it was; "
            "you may want to delete it."))
        self.add_file.setFocus()

    def view_file(self, attachment: Attachment) -> PictureDialog | None:
        found: list[bytes] = []
        if not saved(lambda: found.append(
                self._plan().evidence().attachment_bytes(attachment.id))):
            return None
        dialog = PictureDialog(attachment.name, found[0], self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    # -- asking once before anything is deleted -----------------------------------------------

    def _ask(self, text: str, yes: str, action: Callable[[], None]) -> None:
        self.confirm_text.setText(text)
        set_text(self.confirm_yes, yes)
        self._confirmed = action
        self.confirm_card.show()
        self.confirm_no.setFocus()
        self.scroll_area.ensureWidgetVisible(self.confirm_card)

    def _cancel_confirm(self) -> None:
        self._confirmed = None
        self.confirm_card.hide()

    def _do_confirmed(self) -> None:
        action, self._confirmed = self._confirmed, None
        self.confirm_card.hide()
        if action is not None:
            action()

    def _ask_delete(self) -> None:
        self._ask(_("Delete this entry and all its files? They will be gone from this app for "
                    "good. This can't be undone."), _("Delete for good"), self._delete_entry)

    def _delete_entry(self) -> None:
        editing = self._editing
        if editing is None:
            return
        if not saved(lambda: self._plan().evidence().delete(editing)):
            self.error.setText(failures.last_message)
            return
        self.close_entry()
        self.status.setText(_("The entry was deleted."))

    def _ask_remove(self, attachment: Attachment) -> None:
        self._ask(_("Remove the file \u201c{name}\u201d from this entry? It will be gone from "
                    "this app for good.").format(name=attachment.name), _("Remove for good"),
                  lambda: self._remove_file(attachment))

    def _remove_file(self, attachment: Attachment) -> None:
        log = self._plan().evidence()
        if not saved(lambda: log.remove_attachment(attachment.id)):
            self.error.setText(failures.last_message)
            return
        self._show_files(log.entry(attachment.entry_id))
        follow_layout_in_tab_order(self._inner)
        self.file_message.setText(_("The file was removed."))
        self.add_file.setFocus()

    # -- drafts --------------------------------------------------------------------------------

    def _draft(self) -> dict[str, object]:
        """The form as typed (a date not yet readable is kept as typed too)."""
        form = self.entry_form
        return {"editing": self._editing, "day": form.day.text(), "clock": form.clock.text(),
                "platform": form.platform.currentData() or OTHER_PLATFORM,
                **{name: field.text() for name, field in form.lines.items()},
                **{name: editor.toPlainText() for name, editor in form.texts.items()}}

    def _take_draft(self) -> dict[str, object] | None:
        plan = self._plan()
        draft = plan.kept_form(DRAFT_KIND)
        if draft is not None:
            saved(lambda: plan.keep_form(DRAFT_KIND, None))
        return draft

    def _restore(self, draft: dict[str, object]) -> None:
        editing = draft.get("editing")
        entry = None
        if isinstance(editing, int):
            found: list[EvidenceEntry] = []
            if saved(lambda: found.append(self._plan().evidence().entry(editing))):
                entry = found[0]
        self._editing = entry.id if entry else None
        form = self.entry_form
        form.load(None)
        form.platform.setCurrentIndex(max(0, form.platform.findData(draft.get("platform"))))
        for name, field in (("day", form.day), ("clock", form.clock), *form.lines.items()):
            field.setText(str(draft.get(name, "")))
        for name, editor in form.texts.items():
            editor.setPlainText(str(draft.get(name, "")))
        self._show_form(entry)

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Evidence log"))
        self.scroll_area.setAccessibleName(self.title.text())
        self.intro.setText(_(
            "Keep a record of what happened online, with screenshots and other proof. It is "
            "locked inside this app with your plan. You can print it for an advocate or a "
            "court."))
        set_text(self.add_button, _("Add an entry"))
        self.entry_form.retranslate()
        self.files_caption.setText(_("Files"))
        self.files_help.setText(_("Screenshots, photos, saved messages or PDFs. The app keeps "
                                  "its own copy and a code that shows the file has not "
                                  "changed since it was added."))
        set_text(self.add_file, _("Add a file\u2026"))
        set_text(self.confirm_no, _("Keep it"))
        set_text(self.cancel, _("Cancel"))
        set_text(self.delete, _("Delete entry"))
        set_text(self.save, _("Save entry"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible() and self.form_card.isHidden():
                self._show_list()
        super().changeEvent(event)
