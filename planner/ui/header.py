"""The bar across the top: quick exit first, then where to go, then the guest banner.

Quick exit is created first so it is first in keyboard order on every screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.core.i18n import N_, _
from planner.ui.quick_exit import QuickExitButton
from planner.ui.widgets import FlowLayout, button, card, label, set_text

PAGES = (("topics", N_("Topics"), "Ctrl+1"), ("plan", N_("My plan"), "Ctrl+2"),
         # NOTE: the name of a page of the app: a dated record of online abuse, with proof.
         ("evidence", N_("Evidence log"), "Ctrl+5"),
         # NOTE: the name of a page of the app (printing the plan), shown on a tab.
         ("print", N_("Print"), "Ctrl+3"), ("settings", N_("Settings"), "Ctrl+4"),
         # NOTE: the name of a page for program staff: writing the program's social media
         # policy. Shown only in advocate view or when staff chose it on the first screen.
         ("policy", N_("Program policy"), "Ctrl+6"),
         ("help", N_("Help"), "F1"))


class Header(QWidget):
    """Quick exit, navigation, lock, and (for guests) the not-saving banner."""

    go = Signal(str)
    lock_requested = Signal()
    end_requested = Signal()

    def __init__(self, quick_exit: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quick_exit = QuickExitButton(quick_exit)
        self.brand = label(role="subtitle")
        self.nav: dict[str, object] = {}
        self.for_program = False  # a guest session program staff opened for the policy
        row = QHBoxLayout()
        row.addWidget(self.quick_exit)
        row.addSpacing(12)
        row.addWidget(self.brand)
        row.addStretch(1)
        self.nav_box = QWidget()
        # Wraps onto a second line rather than squashing a button's words at 200 % text.
        nav_row = FlowLayout(self.nav_box)
        for key, _caption, _keys in PAGES:
            # Plain buttons, not toggles (a screen reader called them check boxes); the page
            # on screen is marked by look and in words (see `mark`).
            widget = button()
            widget.clicked.connect(lambda _c=False, k=key: self.go.emit(k))
            nav_row.addWidget(widget)
            self.nav[key] = widget
        self.lock_button = button()
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.end_button = button()
        self.end_button.clicked.connect(self.end_requested.emit)
        nav_row.addWidget(self.lock_button)
        nav_row.addWidget(self.end_button)
        self.banner, banner_layout = card("banner")
        self.banner_text = label()
        banner_layout.addWidget(self.banner_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.nav_box)
        layout.addWidget(self.banner)
        self.show_session(active=False, guest=False)
        self.retranslate()

    def show_session(self, active: bool, guest: bool, for_program: bool = False) -> None:
        """Navigation only while a plan is open; the banner only for guests, worded for what
        they came to do (a plan to print, or a program's policy answers to save)."""
        self.for_program = for_program
        self._say_banner()
        self.nav_box.setVisible(active)
        self.banner.setVisible(active and guest)
        self.end_button.setVisible(guest)
        self.lock_button.setVisible(not guest)
        self.offer_policy(False)

    def offer_policy(self, offered: bool) -> None:
        """The program policy page is for program staff: in advocate view, or when they chose
        it on the first screen; a survivor's header stays as it was."""
        self.nav["policy"].setVisible(offered)  # type: ignore[attr-defined]

    def mark(self, page: str) -> None:
        """Show which page is on screen: a stronger look, and "(you are here)" for screen
        readers."""
        self.current = page
        for key, widget in self.nav.items():
            widget.setProperty("current", key == page)  # type: ignore[attr-defined]
            widget.style().unpolish(widget)  # type: ignore[attr-defined]
            widget.style().polish(widget)  # type: ignore[attr-defined]
        self._describe_pages()

    def _describe_pages(self) -> None:
        for key, caption, keys in PAGES:
            text = _("{page} ({keys}).").format(page=_(caption), keys=keys)
            if key == getattr(self, "current", None):
                text += " " + _("You are here.")
            self.nav[key].setAccessibleDescription(text)  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        self.brand.setText(_("Planner"))
        for key, caption, _keys in PAGES:
            set_text(self.nav[key], _(caption))  # type: ignore[arg-type]
        self._describe_pages()
        # NOTE: a button (a verb): lock the app now so a passphrase is needed to come back.
        set_text(self.lock_button, _("Lock"), _("Lock now (Ctrl+L)"))
        set_text(self.end_button, _("End session"),
                 _("Clear everything now. Print first if you want to keep your plan."))
        self._say_banner()

    def _say_banner(self) -> None:
        if self.for_program:
            self.banner_text.setText(_(
                "You are using Planner without saving. Nothing is being saved: everything "
                "disappears when you close the app or use quick exit. Save an answers file if "
                "you want to keep your program's answers."))
            return
        self.banner_text.setText(_(
            "You are using Planner without saving. Nothing is being saved: everything "
            "disappears when you close the app or use quick exit. Print your plan if you want "
            "to keep it."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
