"""Settings: text size, contrast, auto-lock, advocate view, language, passphrase, erase.

Settings are kept inside the vault (never in QSettings), so a guest session's settings vanish
with it and a saved plan's follow its passphrase.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core import passphrase as passphrase_rules
from planner.core.errors import VaultError
from planner.core.i18n import _, available_languages, current_language, ngettext
from planner.core.plan import Plan
from planner.core.preferences import TEXT_SIZES, Preferences
from planner.core.session import MustWait
from planner.ui.passphrase_field import PassphraseField
from planner.ui.save_errors import saved
from planner.ui.speech import MessageLabel
from planner.ui.welcome import language_name
from planner.ui.widgets import ChoiceBox, button, card, label, scrolling, set_text
from planner.ui.wrapping_buttons import CheckBox

if TYPE_CHECKING:
    from planner.core.content import Library


def _bare(word: str) -> str:
    """`word` without accents, diacritics or case: what any keyboard can type."""
    decomposed = unicodedata.normalize("NFKD", word.strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def confirms_erasing(typed: str, word: str) -> bool:
    """Whether `typed` is the confirmation word, compared without accents or case (a person
    without a Vietnamese keyboard types XOA for XÓA), or the English ERASE, which any keyboard
    can type (an Arabic word needs an Arabic keyboard)."""
    return _bare(typed) in (_bare(word), _bare("ERASE"))


class SettingsScreen(QWidget):
    """Change how the app looks and behaves; change the passphrase; erase the plan."""

    preferences_changed = Signal(object)
    language_chosen = Signal(str)
    erase_requested = Signal()

    def __init__(self, plan: Callable[[], Plan],
                 change_passphrase: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._change = change_passphrase
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(12)
        self.title = label(role="title")
        column.addWidget(self.title)

        self.text_size = ChoiceBox()
        for percent in TEXT_SIZES:
            self.text_size.addItem(f"{percent}%", percent)
        self.contrast = CheckBox()
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.advocate = CheckBox()
        self.language = ChoiceBox()
        for code in available_languages():
            self.language.addItem(language_name(code), code)
        self.size_label, self.minutes_label, self.language_label = label(), label(), label()
        self.size_label.setBuddy(self.text_size)
        self.minutes_label.setBuddy(self.minutes)
        self.language_label.setBuddy(self.language)
        self.advocate_help = label(role="muted")
        # One plain column: a form layout squeezes long labels and wrapped choices.
        for widget in (self.language_label, self.language, self.size_label, self.text_size,
                       self.contrast, self.minutes_label, self.minutes, self.advocate,
                       self.advocate_help):
            column.addWidget(widget)
        self.text_size.currentIndexChanged.connect(self._changed)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.contrast.toggled.connect(self._changed)
        self.advocate.toggled.connect(self._changed)
        self.minutes.valueChanged.connect(self._changed)

        self.passphrase_card, passphrase_layout = card()
        self.passphrase_title = label(role="subtitle")
        self.old, self.new, self.again = PassphraseField(), PassphraseField(), PassphraseField()
        self.old_label, self.new_label, self.again_label = label(), label(), label()
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for caption, field in ((self.old_label, self.old), (self.new_label, self.new),
                               (self.again_label, self.again)):
            caption.setBuddy(field)
            fields.addRow(caption, field)
        self.passphrase_message = MessageLabel(assertive=True)
        self.change_button = button()
        self.change_button.clicked.connect(self._change_passphrase)
        passphrase_layout.addWidget(self.passphrase_title)
        passphrase_layout.addLayout(fields)
        passphrase_layout.addWidget(self.passphrase_message)
        passphrase_layout.addWidget(self.change_button)
        column.addWidget(self.passphrase_card)

        self.erase_card, erase_layout = card("caution")
        self.erase_title = label(role="subtitle")
        self.erase_help = label()
        self.erase_confirm = QLineEdit()
        self.erase_button = button()
        self.erase_button.setEnabled(False)
        self.erase_confirm.textChanged.connect(
            lambda text: self.erase_button.setEnabled(confirms_erasing(text, self.erase_word())))
        self.erase_button.clicked.connect(self.erase_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.erase_confirm, 1)
        row.addWidget(self.erase_button)
        for widget in (self.erase_title, self.erase_help):
            erase_layout.addWidget(widget)
        erase_layout.addLayout(row)
        column.addWidget(self.erase_card)
        column.addStretch(1)
        scroll = scrolling(inner)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._loading = False
        self.retranslate()

    @staticmethod
    def erase_word() -> str:
        # NOTE: the word the person types to confirm erasing; translate as one short word.
        return _("ERASE").upper()

    def load(self, preferences: Preferences) -> None:
        """Show the current preferences without writing them back."""
        self._loading = True
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(preferences.text_scale)))
        self.contrast.setChecked(preferences.high_contrast)
        self.minutes.setValue(preferences.lock_minutes)
        self.advocate.setChecked(preferences.advocate_view)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        guest = self._plan().is_guest
        self.passphrase_card.setVisible(not guest)
        self.erase_card.setVisible(not guest)
        self.erase_confirm.clear()
        self._loading = False

    def refresh(self) -> None:
        """Show the preferences the plan holds (they are saved there as they change)."""
        self.load(Preferences.from_plan(self._plan()))

    def flush(self) -> None:
        """Nothing waits to be saved: each preference is saved as it changes, and a half-typed
        passphrase is never kept."""

    def set_library(self, library: Library) -> None:
        """Settings are the app's own words (retranslated on LanguageChange), not content."""

    def show_erasing(self) -> None:
        """Say that erasing is under way (it overwrites every file first, which takes a moment)."""
        self.erase_button.setEnabled(False)
        self.erase_confirm.setEnabled(False)
        self.erase_help.setText(_("Erasing your plan\u2026 Please wait."))
        self.erase_help.repaint()

    def preferences(self) -> Preferences:
        return Preferences(text_scale=int(self.text_size.currentData()),
                           high_contrast=self.contrast.isChecked(),
                           lock_minutes=self.minutes.value(),
                           advocate_view=self.advocate.isChecked())

    def _changed(self) -> None:
        """Save and apply the preferences; if the save fails, show what is really stored."""
        if self._loading:
            return
        preferences = self.preferences()
        if not saved(lambda: preferences.save(self._plan())):
            self.load(Preferences.from_plan(self._plan()))
            return
        self.preferences_changed.emit(preferences)

    def _language_changed(self) -> None:
        """The language is not kept in the plan (the welcome screen needs it before any plan
        is open), so changing it saves nothing."""
        if not self._loading and self.language.currentData() != current_language():
            self.language_chosen.emit(self.language.currentData())

    def _change_passphrase(self) -> None:
        new, again = self.new.text(), self.again.text()
        if len(new) < passphrase_rules.MIN_LENGTH:
            self.passphrase_message.setText(_("Please use at least 8 characters."))
            return
        if new != again:
            self.passphrase_message.setText(_("The two new passphrases are not the same."))
            return
        try:
            self._change(self.old.text(), new)
        except MustWait as error:
            seconds = max(1, round(error.seconds))
            self.passphrase_message.setText(ngettext(
                "Please wait {seconds} second, then try again.",
                "Please wait {seconds} seconds, then try again.", seconds).format(seconds=seconds))
            return
        except VaultError as error:
            self.passphrase_message.setText(str(error))
            return
        for field in (self.old, self.new, self.again):
            field.clear()
        self.passphrase_message.setText(
            _("Your passphrase is changed. Use the new one from now on."))

    def retranslate(self) -> None:
        self.title.setText(_("Settings"))
        self.scroll_area.setAccessibleName(self.title.text())
        self.language_label.setText(_("Language"))
        self.language.setAccessibleName(_("Language"))
        self.size_label.setText(_("Text size"))
        self.text_size.setAccessibleName(_("Text size"))
        self.contrast.setText(_("High contrast (white text on black)"))
        self.contrast.setAccessibleName(self.contrast.text())
        self.minutes_label.setText(_("Lock after this many minutes without use"))
        self.minutes.setAccessibleName(self.minutes_label.text())
        self.advocate.setText(_("I'm helping someone (advocate view)"))
        self.advocate.setAccessibleName(self.advocate.text())
        self.advocate_help.setText(_(
            "Shows questions to open each topic and every caution in full."))
        self.passphrase_title.setText(_("Change passphrase"))
        self.old_label.setText(_("Current passphrase"))
        self.new_label.setText(_("New passphrase"))
        self.again_label.setText(_("New passphrase again"))
        for field, caption in ((self.old, self.old_label), (self.new, self.new_label),
                               (self.again, self.again_label)):
            field.setAccessibleName(caption.text())
        set_text(self.change_button, _("Change passphrase"))
        self.erase_title.setText(_("Erase this plan"))
        self.erase_help.setText(_(
            "This deletes your saved plan from this computer and cannot be undone. To go on, "
            "type {word} in the box.").format(word=self.erase_word()))
        self.erase_confirm.setAccessibleName(
            _("Type {word} to confirm").format(word=self.erase_word()))
        set_text(self.erase_button, _("Erase my plan"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
