"""The first screen: an honest note, the language, and three ways to begin (and, below them,
a fourth for program staff: writing the program's social media policy).

Nothing on it mentions abuse: the window may be seen by someone else. The note about
monitoring comes before any choice, because the safest decision may be to use another device.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core import passphrase as passphrase_rules
from planner.core.errors import VaultDamaged, VaultError
from planner.core.i18n import SOURCE_LANGUAGE, _, available_languages, current_language, ngettext
from planner.core.session import MustWait, Session
from planner.ui.passphrase_field import PassphraseField
from planner.ui.speech import MessageLabel, announce
from planner.ui.widgets import ChoiceBox, apart, button, card, label, scrolling, set_text


def _wait_text(seconds: float) -> str:
    whole = max(1, round(seconds))
    return ngettext("Please wait {seconds} second, then try again.",
                    "Please wait {seconds} seconds, then try again.", whole).format(seconds=whole)


# The shipped languages named in themselves, as babel's locale data names them (a test keeps
# the two equal): listing them then needs no locale data, which would cost about 15 ms and
# 7 MiB on the first screen.
LANGUAGE_NAMES = {SOURCE_LANGUAGE: "English", "es": "Español", "vi": "Tiếng Việt",
                  "ar": "العربية"}


def language_name(code: str) -> str:
    """A language named in itself ("Español", not "Spanish"), as people look for their own."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).display_name or code
    except (ValueError, LookupError, UnknownLocaleError):
        return code  # a pseudo-locale, or a catalog babel has no data for
    return name[:1].upper() + name[1:]


class WelcomeScreen(QWidget):
    """Choose how to begin; emits `started(is_new)` once a plan is open, or `program_started`
    once a session that saves nothing is open for program staff's policy builder."""

    started = Signal(bool)
    program_started = Signal()
    language_chosen = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.pages = QStackedWidget(self)
        self._build_choice_page()
        # The passphrase pages are built when first chosen: a third of the screen's widgets,
        # and about 3 ms before the first screen could paint.
        self._create_built = self._open_built = False
        self._damaged_plan: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.retranslate()
        self.show_choices()

    # -- pages ---------------------------------------------------------------------------------

    def _build_choice_page(self) -> None:
        page = QWidget()
        self.choice_page = scrolling(page)
        self.pages.addWidget(self.choice_page)
        layout = QVBoxLayout(page)
        layout.setSpacing(14)
        self.title = label(role="title")
        self.note_frame, note_layout = card("caution")
        self.note_title = label(role="subtitle")
        self.note = label()
        note_layout.addWidget(self.note_title)
        note_layout.addWidget(self.note)
        language_row = QHBoxLayout()
        self.language_label = label()
        self.language = ChoiceBox()
        self.language.addItem(language_name(current_language()), current_language())
        self._languages_listed = False  # the others are added once the screen is painted
        self.language.currentIndexChanged.connect(
            lambda: self.language_chosen.emit(self.language.currentData()))
        self.language_label.setBuddy(self.language)
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)
        self.new_button = button(primary=True)
        self.open_button = button()
        self.guest_button = button()
        self.new_help, self.open_help, self.guest_help = (label(role="muted") for _ in range(3))
        self.new_button.clicked.connect(self.show_create_page)
        self.open_button.clicked.connect(self.show_open_page)
        self.guest_button.clicked.connect(self._start_guest)
        # Program staff's choice comes after the three a survivor needs, in look and in Tab
        # order, so the survivor's path is no longer than it was.
        self.program_caption = label(role="subtitle")
        self.program_button = button()
        self.program_help = label(role="muted")
        self.program_button.clicked.connect(self._start_for_program)
        self.notice = MessageLabel(role="subtitle")
        self.notice.hide()
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(self.note_frame)
        layout.addLayout(language_row)
        for choice, helper in ((self.new_button, self.new_help), (self.open_button, self.open_help),
                               (self.guest_button, self.guest_help)):
            layout.addWidget(choice)
            layout.addWidget(helper)
        layout.addSpacing(16)
        for widget in (self.program_caption, self.program_button, self.program_help):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _build_create_page(self) -> None:
        page = QWidget()
        self.create_page = scrolling(page)
        self.pages.addWidget(self.create_page)
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        self.create_title = label(role="title")
        self.forget_frame, forget_layout = card("caution")
        self.forget_warning = label()
        forget_layout.addWidget(self.forget_warning)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.new_passphrase = PassphraseField()
        self.confirm_passphrase = PassphraseField()
        self.new_label, self.confirm_label = label(), label()
        self.new_label.setBuddy(self.new_passphrase)
        self.confirm_label.setBuddy(self.confirm_passphrase)
        self.strength = label(role="muted")
        self.strength.setAccessibleName("")
        form.addRow(self.new_label, self.new_passphrase)
        form.addRow(self.strength)
        form.addRow(self.confirm_label, self.confirm_passphrase)
        self.create_error = MessageLabel(assertive=True, field=self.new_passphrase)
        self.create_error.setProperty("role", "subtitle")
        self.create_button = button(primary=True)
        self.create_back = button()
        self.new_passphrase.textChanged.connect(lambda _masks: self._update_strength())
        self.new_passphrase.returnPressed.connect(self.confirm_passphrase.setFocus)
        self.confirm_passphrase.returnPressed.connect(self._create)
        self.create_button.clicked.connect(self._create)
        self.create_back.clicked.connect(self.show_choices)
        row = apart(self.create_back, self.create_button)
        for widget in (self.create_title, self.forget_frame):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.create_error)
        layout.addLayout(row)
        layout.addStretch(1)
        self._create_built = True
        self._retranslate_create_page()

    def _build_open_page(self) -> None:
        page = QWidget()
        self.open_page = scrolling(page)
        self.pages.addWidget(self.open_page)
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        self.open_title = label(role="title")
        self.open_label = label()
        self.open_passphrase = PassphraseField()
        self.open_label.setBuddy(self.open_passphrase)
        self.open_error = MessageLabel(assertive=True, field=self.open_passphrase)
        self.open_error.setProperty("role", "subtitle")
        self.restore_button = button()
        self.restore_button.hide()
        self.open_go = button(primary=True)
        self.open_back = button()
        self.open_passphrase.returnPressed.connect(self._open)
        self.open_go.clicked.connect(self._open)
        self.open_back.clicked.connect(self.show_choices)
        self.restore_button.clicked.connect(self._restore)
        row = apart(self.open_back, self.open_go)
        for widget in (self.open_title, self.open_label, self.open_passphrase, self.open_error,
                       self.restore_button):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addStretch(1)
        self._open_built = True
        self._retranslate_open_page()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self._languages_listed:
            # The other languages' names need babel's locale data (about 15 ms and 7 MiB
            # here): the list is filled just after the screen is first shown, not before.
            self._languages_listed = True
            QTimer.singleShot(0, self._add_languages)

    def _add_languages(self) -> None:
        self.language.blockSignals(True)
        for code in available_languages():
            if self.language.findData(code) < 0:
                self.language.addItem(language_name(code), code)
        # The language may have changed since the list held only one (before the first paint).
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.blockSignals(False)

    # -- behaviour -----------------------------------------------------------------------------

    def show_choices(self) -> None:
        if self._create_built:
            self.new_passphrase.clear()
            self.confirm_passphrase.clear()
            self.create_error.clear()
        if self._open_built:
            self.open_passphrase.clear()
            self.open_error.clear()
            self.restore_button.hide()
        self.notice.hide()
        self._damaged_plan = None
        self.pages.setCurrentWidget(self.choice_page)

    def show_notice(self, text: str) -> None:
        """A one-time word on the first screen (after erasing), gone at the next step."""
        self.notice.set_silently(text)
        self.notice.show()
        announce(self.notice, text)

    def show_create_page(self) -> None:
        if not self._create_built:
            self._build_create_page()
        # The warning is spoken before a passphrase is chosen.
        self._show_page(self.create_page, self.new_passphrase, self.forget_warning.text())

    def show_open_page(self) -> None:
        if not self._open_built:
            self._build_open_page()
        self._show_page(self.open_page, self.open_passphrase)

    def _show_page(self, page: QWidget, focus: QWidget, say: str = "") -> None:
        self.notice.hide()
        self.pages.setCurrentWidget(page)
        if say:
            announce(self, say)
        focus.setFocus()

    def _update_strength(self) -> None:
        self.strength.setText(passphrase_rules.hint(self.new_passphrase.text()))

    def _create(self) -> None:
        first, second = self.new_passphrase.text(), self.confirm_passphrase.text()
        if len(first) < passphrase_rules.MIN_LENGTH:
            self._error(self.create_error, _("Please use at least 8 characters."))
            return
        if first != second:
            self._error(self.create_error, _(
                "The two passphrases are not the same. Please type them again."))
            self.confirm_passphrase.clear()
            return
        try:
            self.session.start_new(first)
        except MustWait as error:
            self._error(self.create_error, _wait_text(error.seconds))
            return
        except VaultError as error:
            self._error(self.create_error, str(error))
            return
        self.started.emit(True)

    def _open(self) -> None:
        self.restore_button.hide()
        try:
            self.session.open_saved(self.open_passphrase.text())
        except MustWait as error:
            self._error(self.open_error, _wait_text(error.seconds))
            return
        except VaultDamaged as error:
            self._error(self.open_error, str(error))
            self._damaged_plan = error.path
            self.restore_button.setVisible(error.restorable and error.path is not None)
            return
        except VaultError as error:
            self._error(self.open_error, str(error))
            self.open_passphrase.selectAll()
            return
        self.open_passphrase.clear()
        self.started.emit(False)

    def _restore(self) -> None:
        if self._damaged_plan is None:
            return
        try:
            self.session.restore(self._damaged_plan)
        except (VaultError, OSError):
            self._error(self.open_error, _("The copy could not be restored. Nothing was deleted."))
            return
        self.restore_button.hide()
        self._error(self.open_error,
                    _("The copy is back in place. Type your passphrase to open it."))

    def _start_guest(self) -> None:
        self.notice.hide()
        self.session.start_guest()
        self.started.emit(True)

    def _start_for_program(self) -> None:
        self.notice.hide()
        self.session.start_guest()
        self.program_started.emit()

    @staticmethod
    def _error(target: MessageLabel, text: str) -> None:
        target.setText(text)  # spoken, and the field's description while it stands

    # -- language ------------------------------------------------------------------------------

    def say_before_you_start(self) -> None:
        """Speak the monitoring warning: it comes before any choice, for every person."""
        announce(self, f"{self.note_title.text()}. {self.note.text()}")

    def _update_choice_help(self) -> None:
        """The same words whether no plan, one or many are saved here: the screen must not tell
        anyone who walks up whether others use this computer."""
        self.new_help.setText(_(
            "Save your plan on this computer, locked with a passphrase only you know."))
        self.open_help.setText(_("Go back to a plan you saved here. You only need its "
                                 "passphrase."))
        # Each choice's help line is read with the choice, not only seen under it.
        for choice, helper in ((self.new_button, self.new_help), (self.open_button, self.open_help),
                               (self.guest_button, self.guest_help)):
            choice.setAccessibleDescription(helper.text())

    def retranslate(self) -> None:
        self.choice_page.setAccessibleName(_("Welcome"))
        self.pages.setAccessibleName(_("Welcome"))
        self.title.setText(_("Welcome"))
        self.note_title.setText(_("Before you start"))
        self.note.setText(_(
            "If someone may be watching this computer or your phone, use a safer device if you "
            "can, like a computer at a library or a friend's. This app can't stop spying apps, "
            "keyloggers or stalkerware from seeing what you type here."))
        self.language_label.setText(_("Language"))
        self.language.setAccessibleName(_("Language"))
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.blockSignals(False)
        set_text(self.new_button, _("Start a new plan"))
        set_text(self.open_button, _("Open my plan"))
        set_text(self.guest_button, _("Use without saving"))
        self.guest_help.setText(_(
            "Nothing is saved. Everything disappears when you close the app or use quick exit. "
            "You can still print."))
        self.program_caption.setText(_("For program staff"))
        # NOTE: a button for program staff: start the builder of the program's own social
        # media policy.
        set_text(self.program_button, _("Write your program's social media policy"))
        self.program_help.setText(_(
            "Answer questions about how your program uses social media, and get a draft policy "
            "to edit and adopt. Nothing is saved unless you save an answers file."))
        self.program_button.setAccessibleDescription(self.program_help.text())
        self._update_choice_help()
        if self._create_built:
            self._retranslate_create_page()
        if self._open_built:
            self._retranslate_open_page()

    def _retranslate_create_page(self) -> None:
        self.create_page.setAccessibleName(_("Welcome"))
        self.create_title.setText(_("Start a new plan"))
        self.forget_warning.setText(_(
            "Choose a passphrase only you know. If you forget it, no one can open your plan, "
            "not even us. There is no way to get it back."))
        self.create_error.field_description = self.forget_warning.text()
        self.new_passphrase.setAccessibleDescription(self.forget_warning.text())
        self.new_label.setText(_("Passphrase"))
        self.new_passphrase.setAccessibleName(_("Passphrase"))
        self.confirm_label.setText(_("Type it again"))
        self.confirm_passphrase.setAccessibleName(_("Type the passphrase again"))
        self._update_strength()
        set_text(self.create_button, _("Create my plan"))
        set_text(self.create_back, _("Back"))

    def _retranslate_open_page(self) -> None:
        self.open_page.setAccessibleName(_("Welcome"))
        self.open_title.setText(_("Open my plan"))
        self.open_label.setText(_("Passphrase"))
        self.open_passphrase.setAccessibleName(_("Passphrase"))
        set_text(self.open_go, _("Open"))
        set_text(self.open_back, _("Back"))
        set_text(self.restore_button, _("Restore the copy"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
