"""The one window: the header, and the screens it switches between.

It only hosts screens and moves between them: each screen lives in its own module and talks to
the core through the session's plan. Screens that show plan text are built when a plan opens
and destroyed when it locks or the session ends, so no widget keeps a survivor's words while
the plan is closed.

The window asks the rest of the app for what it cannot do itself (quit, change the language,
restyle the whole app) through signals, so it can be built before the things that answer them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from planner.core.i18n import _
from planner.core.preferences import Preferences
from planner.core.session import Session
from planner.ui.header import PAGES, Header
from planner.ui.quick_exit import ClipboardGuard, close_popups
from planner.ui.save_errors import SaveErrorBanner, report
from planner.ui.speech import announce
from planner.ui.welcome import WelcomeScreen

if TYPE_CHECKING:
    from planner.core.content import Library, Resource
    from planner.core.plan import Plan
    from planner.ui.evidence_screen import EvidenceScreen
    from planner.ui.help_panel import HelpPanel
    from planner.ui.lock_screen import LockScreen
    from planner.ui.plan_screen import PlanScreen
    from planner.ui.policy_screen import PolicyScreen
    from planner.ui.print_screen import PrintScreen
    from planner.ui.priorities import PrioritiesScreen
    from planner.ui.settings_screen import SettingsScreen
    from planner.ui.topics import TopicsScreen

WINDOW_TITLE = "Planner"


class Screen(Protocol):
    """What the window asks of every screen it switches to; each screen answers all three."""

    def refresh(self) -> None:
        """About to be shown: bring what it shows up to date with the plan."""

    def flush(self) -> None:
        """Save anything typed but not saved yet (before locking, leaving or switching)."""

    def set_library(self, library: Library) -> None:
        """Show content in another language without losing anything typed."""


PrintScreenFactory = Callable[[Callable[[], "Plan"], "Library"], "PrintScreen"]


@dataclass
class PlanScreens:
    """The screens that show one open plan: built together, dropped together."""

    topics: TopicsScreen
    priorities: PrioritiesScreen
    plan: PlanScreen
    settings: SettingsScreen
    evidence: EvidenceScreen
    print: PrintScreen | None = None  # built the first time it is shown: it loads reportlab
    policy: PolicyScreen | None = None  # for program staff only: built when first asked for

    def pages(self) -> dict[str, QWidget]:
        pages: dict[str, QWidget] = {"topics": self.topics, "plan": self.plan,
                                     "evidence": self.evidence, "settings": self.settings,
                                     "priorities": self.priorities}
        if self.print is not None:
            pages["print"] = self.print
        if self.policy is not None:
            pages["policy"] = self.policy
        return pages

    def __iter__(self) -> Iterator[Screen]:
        return iter(self.pages().values())  # type: ignore[arg-type]


class MainWindow(QMainWindow):
    """Hosts the screens; its title stays neutral whatever is shown."""

    quick_exit_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, session: Session, library: Callable[[], Library],
                 program_resources: Callable[[], Sequence[Resource]],
                 clipboard: ClipboardGuard,
                 use_preferences: Callable[[Preferences], None],
                 make_print_screen: PrintScreenFactory | None = None) -> None:
        """`use_preferences` makes the whole app follow a plan's preferences (look, auto-lock):
        a plain call, not a Qt signal: sending the Preferences dataclass through a
        Signal(object) made the test process abort at exit ("bool_dealloc", a reference to
        True released once too often, somewhere in PySide's signal code)."""
        super().__init__()
        self.session = session
        self._library = library
        self._resources = program_resources
        self._clipboard = clipboard
        self._use_preferences = use_preferences
        self._make_print_screen = make_print_screen
        self.preferences = Preferences()
        self.open_screens: PlanScreens | None = None
        self._lock_screen: LockScreen | None = None
        self._help: HelpPanel | None = None
        self.current_page = "welcome"
        self.for_program = False  # the session was started for the program policy
        self.returning_to = "topics"
        self._resume_topic: tuple[str, int] | None = None

        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1100, 780)
        # Each part is made inside its parent: moving a finished subtree into the window makes
        # Qt restyle all of it again under the app's style sheet (about 5 ms for the welcome).
        central = QWidget(self)
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        self.header = Header(lambda: self.quick_exit_requested.emit(), central)
        self.save_errors = SaveErrorBanner(central)
        self.stack = QStackedWidget(central)
        self.stack.setAccessibleName(WINDOW_TITLE)  # never an unnamed "layered pane"
        layout.addWidget(self.header)
        layout.addWidget(self.save_errors)
        layout.addWidget(self.stack, 1)
        # Only the welcome screen is built now; the rest when first needed (faster start-up).
        self.welcome = WelcomeScreen(session, self.stack)
        self.stack.addWidget(self.welcome)
        self.welcome.started.connect(self._started)
        self.welcome.program_started.connect(self._started_for_program)
        self.welcome.language_chosen.connect(self.language_chosen)
        self.header.go.connect(self.show_page)
        self.header.lock_requested.connect(lambda: self.lock())
        self.header.end_requested.connect(self.end_session)
        for key, _caption, keys in PAGES:
            QShortcut(QKeySequence(keys), self, lambda k=key: self.show_page(k))
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.lock())

    def plan(self) -> Plan:
        if self.session.plan is None:
            raise RuntimeError("no plan is open")
        return self.session.plan

    # -- the screens ---------------------------------------------------------------------------

    def _opened(self) -> PlanScreens:
        if self.open_screens is None:
            raise RuntimeError("no plan is open, so its screens are not built")
        return self.open_screens

    @property
    def topics(self) -> TopicsScreen:
        return self._opened().topics

    @property
    def priorities(self) -> PrioritiesScreen:
        return self._opened().priorities

    @property
    def plan_screen(self) -> PlanScreen:
        return self._opened().plan

    @property
    def settings(self) -> SettingsScreen:
        return self._opened().settings

    @property
    def screens(self) -> dict[str, QWidget]:
        """Every page that can be shown now, by the name the header uses."""
        if self.open_screens is None:
            return {}
        return {**self.open_screens.pages(), "help": self.help}

    @property
    def lock_screen(self) -> LockScreen:
        """Made the first time a plan opens (it is never needed before)."""
        if self._lock_screen is None:
            from planner.ui.lock_screen import LockScreen

            self._lock_screen = LockScreen(self.session)
            self.stack.addWidget(self._lock_screen)
            self._lock_screen.unlocked.connect(self._unlocked)
            self._lock_screen.end_requested.connect(self.end_session)
            self._lock_screen.close_requested.connect(self.close)
        return self._lock_screen

    @property
    def help(self) -> HelpPanel:
        if self._help is None:
            from planner.ui.help_panel import HelpPanel

            self._help = HelpPanel()
            self.stack.addWidget(self._help)
        return self._help

    def _build_screens(self) -> None:
        """The screens that show plan text: made when a plan opens or is unlocked, dropped when
        it locks or ends, so no widget holds a person's words while the plan is closed."""
        from planner.ui.evidence_screen import EvidenceScreen
        from planner.ui.plan_screen import PlanScreen
        from planner.ui.priorities import PrioritiesScreen
        from planner.ui.settings_screen import SettingsScreen
        from planner.ui.topics import TopicsScreen

        library = self._library()
        opened = PlanScreens(
            topics=TopicsScreen(self.plan, library, lambda: self.preferences.advocate_view),
            priorities=PrioritiesScreen(self.plan),
            plan=PlanScreen(self.plan, library, self._resources()),
            settings=SettingsScreen(self.plan, self.session.change_passphrase),
            evidence=EvidenceScreen(self.plan))
        opened.settings.preferences_changed.connect(self._preferences_changed)
        opened.settings.language_chosen.connect(self.language_chosen)
        opened.settings.erase_requested.connect(self.erase)
        opened.priorities.done.connect(lambda: self.show_page("topics"))
        opened.topics.plan_changed.connect(opened.plan.prepare)  # My plan opens at once
        for widget in opened.pages().values():
            self.stack.addWidget(widget)
        self.open_screens = opened

    def _drop_screens(self) -> None:
        if self.open_screens is not None:
            for widget in self.open_screens.pages().values():
                self.stack.removeWidget(widget)
                widget.deleteLater()
            self.open_screens = None
        self.header.show_session(active=False, guest=False)

    def _print_screen(self, opened: PlanScreens) -> QWidget | None:
        """Printing loads reportlab and QtPdf, so its screen is built the first time it's used."""
        if opened.print is None and self._make_print_screen is not None:
            opened.print = self._make_print_screen(self.plan, opened.topics.library)
            self.stack.addWidget(opened.print)
        return opened.print

    def _policy_screen(self, opened: PlanScreens) -> PolicyScreen | None:
        """For program staff (advocate view, or chosen on the first screen): built when first
        asked for, so a survivor's session never loads the policy questions."""
        if opened.policy is None and self.policy_offered():
            from planner.ui.policy_screen import PolicyScreen

            opened.policy = PolicyScreen(self.plan, opened.topics.library)
            opened.policy.print_requested.connect(self.print_output)
            self.stack.addWidget(opened.policy)
        return opened.policy

    def policy_offered(self) -> bool:
        return self.for_program or self.preferences.advocate_view

    def print_output(self, kind: str) -> None:
        """Show the print screen with `kind` chosen (the policy screen's documents)."""
        self.show_page("print")
        if self.open_screens is not None and self.open_screens.print is not None:
            self.open_screens.print.choose_output(kind)

    def show_page(self, page: str) -> None:
        """Switch to a screen (if a plan is open and unlocked), bringing it up to date."""
        opened = self.open_screens
        if opened is None or self.session.locked:
            return
        if page == "print":
            self._print_screen(opened)
        if page == "policy" and self._policy_screen(opened) is None:
            return
        screen = self.screens.get(page)
        if screen is None:
            return
        self.flush()
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        self.header.mark(page)
        self.current_page = page
        captions = {key: caption for key, caption, _keys in PAGES}
        self.stack.setAccessibleName(_(captions[page]) if page in captions else WINDOW_TITLE)

    def flush(self) -> None:
        """Save anything typed but not yet saved, on every screen of the open plan."""
        for screen in self.open_screens or ():
            screen.flush()

    def set_library(self, library: Library) -> None:
        """Show content in a newly chosen language without losing anything typed."""
        for screen in self.open_screens or ():
            screen.set_library(library)

    # -- the session ---------------------------------------------------------------------------

    def _started_for_program(self) -> None:
        """Program staff chose the policy builder on the first screen (a session that saves
        nothing): straight to the builder, and it stays in the header."""
        self.for_program = True
        self._started(True, "policy")
        opened = self.open_screens
        if opened is not None and opened.policy is not None:
            opened.policy.focus_step()  # the button pressed is gone: start in the form

    def _started(self, is_new: bool, page: str = "") -> None:
        self.lock_screen  # noqa: B018 - built now, so locking never has to wait for it
        self._build_screens()
        self.preferences = Preferences.from_plan(self.session.plan)
        self._use_preferences(self.preferences)
        self._show_session()
        self.show_page(page or ("priorities" if is_new else "topics"))
        if self.session.is_guest:
            announce(self.header.banner_text, self.header.banner_text.text(), assertive=True)
        self._say_what_opening_found()

    def _show_session(self) -> None:
        self.header.show_session(active=True, guest=self.session.is_guest,
                                 for_program=self.for_program)
        self.header.offer_policy(self.policy_offered())

    def _say_what_opening_found(self) -> None:
        """A leftover file the vault would not use when it opened is worth a word: the plan is
        as last saved, and the file is kept."""
        notice = self.plan().vault.journal_notice()
        if notice:
            report(notice)

    def _preferences_changed(self, preferences: Preferences) -> None:
        """Apply new preferences. Topic pages not on screen are dropped first when the look
        changes: restyling every built page took seconds; they are rebuilt, already in the new
        look, as they are needed."""
        looks_changed = (preferences.text_scale, preferences.high_contrast) != (
            self.preferences.text_scale, self.preferences.high_contrast)
        advocate_changed = preferences.advocate_view != self.preferences.advocate_view
        if looks_changed or advocate_changed:
            self.topics.invalidate()
        self.preferences = preferences
        self._use_preferences(preferences)
        if advocate_changed:
            self.topics.refresh()
            self.header.offer_policy(self.policy_offered())

    def lock(self, automatic: bool = False) -> None:
        """Hide the plan and drop its key; `automatic` when no one used the app for a while."""
        if self.session.plan is None or self.session.locked or self.open_screens is None:
            return
        self.flush()
        self.returning_to = self.current_page
        self._resume_topic = self.open_screens.topics.where()
        _close_popups_and_dialogs(self)
        self._clipboard.clear()
        self.session.lock()
        self.save_errors.hide()
        self._drop_screens()  # the plan's words leave the window with its key
        self.lock_screen.prepare(automatic)
        self.stack.setCurrentWidget(self.lock_screen)
        self.current_page = "locked"

    def _unlocked(self) -> None:
        """Rebuild the screens and go back to the same screen, topic and scroll position."""
        self._build_screens()
        self._show_session()
        self._use_preferences(self.preferences)
        if self._resume_topic is not None:
            self.topics.resume(*self._resume_topic)
        self.show_page(self.returning_to)
        self._say_what_opening_found()

    def end_session(self) -> None:
        """Close the plan, destroy every screen that showed it, and go back to welcome."""
        self.flush()
        _close_popups_and_dialogs(self)
        self._clipboard.clear()
        self.session.end()
        self.save_errors.hide()
        self._drop_screens()
        self.preferences = Preferences()
        self.for_program = False
        # After the dropped screens are really gone (deleted at the next turn of the event
        # loop): restyling them first made ending a session at 200 % take seconds.
        QTimer.singleShot(0, self, lambda: self._use_preferences(self.preferences))
        self.welcome.show_choices()
        self.stack.setCurrentWidget(self.welcome)
        self.current_page = "welcome"
        self.welcome.say_before_you_start()

    def leave_now(self) -> None:
        """For quick exit: keep what was typed, then close the plan. Nothing is redrawn."""
        self.flush()
        self.session.end()

    def erase(self) -> None:
        """Erase the plan, showing that it is at work, and say plainly when it is done."""
        self.settings.show_erasing()
        try:
            self.session.erase()
        except OSError:
            self.end_session()
            report(_("The plan could not be fully erased. Close the app, open it again and "
                     "try once more, or ask the person who looks after this computer."))
            return
        self.end_session()
        self.welcome.show_notice(_("Your plan was erased from this computer."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(WINDOW_TITLE)
        super().changeEvent(event)


def _close_popups_and_dialogs(window: QMainWindow) -> None:
    """Close menus, pop-ups and any other top-level window before hiding the plan."""
    close_popups()
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()
