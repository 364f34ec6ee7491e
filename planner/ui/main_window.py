"""The one window: the header, and the screens it switches between.

It only hosts screens and moves between them: each screen lives in its own module and talks to
the core through the session's plan. Screens that show plan text are built when a plan opens
and destroyed when the session ends, so no widget keeps a survivor's words afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from planner.core.i18n import _
from planner.core.preferences import Preferences
from planner.core.session import Session
from planner.ui.header import PAGES, Header
from planner.ui.quick_exit import close_popups
from planner.ui.save_errors import SaveErrorBanner, report
from planner.ui.speech import announce
from planner.ui.welcome import WelcomeScreen

if TYPE_CHECKING:
    from planner.core.content import Library, Resource
    from planner.core.plan import Plan

WINDOW_TITLE = "Planner"


class MainWindow(QMainWindow):
    """Hosts the screens; its title stays neutral whatever is shown."""

    def __init__(self, session: Session, library: Callable[[], Library],
                 program_resources: Callable[[], Sequence[Resource]],
                 quick_exit: Callable[[], None],
                 change_language: Callable[[str], None],
                 apply_preferences: Callable[[Preferences], None],
                 make_print_screen: Callable[[Callable[[], Plan], Library], QWidget] | None = None,
                 ) -> None:
        super().__init__()
        self.session = session
        self._library = library
        self._resources = program_resources
        self._apply_preferences = apply_preferences
        self._make_print_screen = make_print_screen
        self.preferences = Preferences()
        self.clear_clipboard: Callable[[], None] = lambda: None
        self.setWindowTitle(WINDOW_TITLE)
        self.resize(1100, 780)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.header = Header(quick_exit)
        self.save_errors = SaveErrorBanner()
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(WINDOW_TITLE)  # never an unnamed "layered pane"
        layout.addWidget(self.header)
        layout.addWidget(self.save_errors)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Only the welcome screen is built now; the rest when a plan opens (faster start-up).
        self.welcome = WelcomeScreen(session)
        self.stack.addWidget(self.welcome)
        self.screens: dict[str, QWidget] = {}
        self.returning_to = "topics"
        self._resume_topic: tuple[str, int] | None = None
        self.welcome.started.connect(self._started)
        self.welcome.language_chosen.connect(change_language)
        self.header.go.connect(self.show_page)
        self.header.lock_requested.connect(lambda: self.lock())
        self.header.end_requested.connect(self.end_session)
        self.change_language = change_language
        for key, _caption, keys in PAGES:
            QShortcut(QKeySequence(keys), self, lambda k=key: self.show_page(k))
        QShortcut(QKeySequence("Ctrl+L"), self, lambda: self.lock())

    def plan(self) -> Plan:
        if self.session.plan is None:
            raise RuntimeError("no plan is open")
        return self.session.plan

    # -- session -------------------------------------------------------------------------------

    def _build_once(self) -> None:
        """The lock screen and help, made the first time a plan opens."""
        if hasattr(self, "lock_screen"):
            return
        from planner.ui.help_panel import HelpPanel
        from planner.ui.lock_screen import LockScreen

        self.lock_screen = LockScreen(self.session)
        self.help = HelpPanel()
        self.stack.addWidget(self.lock_screen)
        self.stack.addWidget(self.help)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.end_requested.connect(self.end_session)
        self.lock_screen.close_requested.connect(self.close)

    def _started(self, is_new: bool) -> None:
        self._build_once()
        self._build_screens()
        self.preferences = Preferences.from_plan(self.session.plan)
        self._apply_preferences(self.preferences)
        self.header.show_session(active=True, guest=self.session.is_guest)
        self.show_page("priorities" if is_new else "topics")
        if self.session.is_guest:
            announce(self.header.banner_text, self.header.banner_text.text(), assertive=True)

    def _build_screens(self) -> None:
        """The screens that show plan text: made when a plan opens or is unlocked, dropped when
        it locks or ends, so no widget holds a person's words while the plan is closed."""
        from planner.ui.plan_screen import PlanScreen
        from planner.ui.priorities import PrioritiesScreen
        from planner.ui.settings_screen import SettingsScreen
        from planner.ui.topics import TopicsScreen

        library = self._library()
        self.topics = TopicsScreen(self.plan, library, lambda: self.preferences.advocate_view)
        self.priorities = PrioritiesScreen(self.plan)
        self.plan_screen = PlanScreen(self.plan, library, self._resources())
        self.settings = SettingsScreen(self.plan, self.session.change_passphrase)
        self.settings.preferences_changed.connect(self._preferences_changed)
        self.settings.language_chosen.connect(self.change_language)
        self.settings.erase_requested.connect(self.erase)
        self.priorities.done.connect(lambda: self.show_page("topics"))
        self.screens.update(topics=self.topics, plan=self.plan_screen, settings=self.settings,
                            priorities=self.priorities, help=self.help)
        for key, widget in self.screens.items():
            if key != "help":
                self.stack.addWidget(widget)

    def show_page(self, page: str) -> None:
        """Switch to a screen (if a plan is open, or help), refreshing what it shows."""
        if page == "print" and "print" not in self.screens and "topics" in self.screens:
            self._add_print_screen()
        if page not in self.screens or self.session.locked:
            return
        self.flush()
        screen = self.screens[page]
        if page == "topics":
            if getattr(self, "current_page", None) == "plan":
                self.topics.invalidate()  # choices and notes may have changed there
            self.topics.refresh()
        elif page == "plan":
            self.plan_screen.refresh()
        elif page == "priorities":
            self.priorities.load()
        elif page == "settings":
            self.settings.load(self.preferences)
        elif hasattr(screen, "refresh"):
            screen.refresh()
        self.stack.setCurrentWidget(screen)
        self.header.mark(page)
        self.current_page = page
        captions = {key: caption for key, caption, _keys in PAGES}
        self.stack.setAccessibleName(_(captions[page]) if page in captions else WINDOW_TITLE)

    def _add_print_screen(self) -> None:
        """Printing loads reportlab and QtPdf, so its screen is built the first time it's used."""
        if self._make_print_screen is None:
            return
        screen = self._make_print_screen(self.plan, self.topics.library)
        self.screens["print"] = screen
        self.stack.addWidget(screen)

    def flush(self) -> None:
        """Save any note typed but not yet saved."""
        for screen in (getattr(self, "topics", None), getattr(self, "plan_screen", None)):
            if screen is not None:
                screen.flush()

    def set_library(self, library: Library) -> None:
        """Show content in a newly chosen language without losing anything typed."""
        for screen in (getattr(self, "topics", None), getattr(self, "plan_screen", None),
                       self.screens.get("print")):
            if screen is not None:
                screen.set_library(library)  # type: ignore[attr-defined]

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
        self._apply_preferences(preferences)
        if advocate_changed:
            self.topics.refresh()

    # -- locking and ending --------------------------------------------------------------------

    def lock(self, automatic: bool = False) -> None:
        """Hide the plan and drop its key; `automatic` when no one used the app for a while."""
        if self.session.plan is None or self.session.locked:
            return
        self.flush()
        self.returning_to = getattr(self, "current_page", "topics")
        topics = getattr(self, "topics", None)
        self._resume_topic = topics.where() if topics is not None else None
        _close_popups_and_dialogs(self)
        self.clear_clipboard()
        self.session.lock()
        self.save_errors.hide()
        self._drop_screens()  # the plan's words leave the window with its key
        self.lock_screen.prepare(automatic)
        self.stack.setCurrentWidget(self.lock_screen)

    def _unlocked(self) -> None:
        """Rebuild the screens and go back to the same screen, topic and scroll position."""
        self._build_screens()
        self.header.show_session(active=True, guest=self.session.is_guest)
        self._apply_preferences(self.preferences)
        if self._resume_topic is not None:
            self.topics.resume(*self._resume_topic)
        self.show_page(self.returning_to)

    def end_session(self) -> None:
        """Close the plan, destroy every screen that showed it, and go back to welcome."""
        self.flush()
        _close_popups_and_dialogs(self)
        self.clear_clipboard()
        self.session.end()
        self.save_errors.hide()
        self._drop_screens()
        self.preferences = Preferences()
        # After the dropped screens are really gone (deleted at the next turn of the event
        # loop): restyling them first made ending a session at 200 % take seconds.
        QTimer.singleShot(0, self, lambda: self._apply_preferences(self.preferences))
        self.welcome.show_choices()
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.say_before_you_start()

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

    def _drop_screens(self) -> None:
        for key in [k for k in self.screens if k != "help"]:
            widget = self.screens.pop(key)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        for name in ("topics", "priorities", "plan_screen", "settings"):
            if hasattr(self, name):
                delattr(self, name)
        self.header.show_session(active=False, guest=False)

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
