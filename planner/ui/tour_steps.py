"""The screens and states the tour visits, in order, with a sample plan to fill them."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from planner.core import files, i18n, kdf
from planner.core.plan import ActionStatus, Plan
from planner.core.preferences import Preferences
from planner.core.session import Session
from planner.ui.application import build_window, make_application
from planner.ui.main_window import MainWindow

WINDOW_SIZE = (1100, 780)


def fill_sample_plan(plan: Plan) -> None:
    """A believable plan: some priorities, choices in several topics, a note, two people."""
    plan.set_priorities(["location", "accounts"])
    plan.set_platforms(["instagram", "iphone"])
    library_actions = _sample_actions()
    for action_id, status in library_actions:
        plan.set_status(action_id, status)
    plan.set_note("location", "Check the car for a tracker with Dee on Saturday.")
    plan.add_contact("Dee (sister)", "Call from the library phone", "Knows our code word")
    plan.add_contact("Ms. Alvarez", "Program office, weekdays 9-5", "Advocate")
    plan.add_resource("Public library", "Free computers, Tue-Sat", "Safer for private searches")


def _sample_actions() -> list[tuple[str, ActionStatus]]:
    from planner.ui.application import library_for

    library = library_for(i18n.current_language())
    statuses = (ActionStatus.TODO, ActionStatus.LATER, ActionStatus.DONE, ActionStatus.TODO)
    chosen = []
    for topic in library.topics[:6]:
        for index, action in enumerate(topic.actions[:4]):
            chosen.append((action.id, statuses[index % len(statuses)]))
    return chosen


def _settle(window: MainWindow) -> None:
    """Let pending layout and paint events run, so the picture shows the finished screen."""
    for _ in range(3):
        QApplication.processEvents()
        window.centralWidget().layout().activate()


def _wait_for_render(view: QWidget, seconds: float = 10.0) -> None:
    """QPdfView draws its pages in a background thread and says nothing when done: wait until
    it has drawn something and two pictures a moment apart are the same."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        now = view.grab().toImage()
        if now == last and _has_a_page(now):
            return
        last = now


def _has_a_page(image: QImage) -> bool:
    """Some white paper and some dark ink: an empty view is one flat colour."""
    step = max(1, min(image.width(), image.height()) // 40)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step)
               for y in range(0, image.height(), step)}
    return len(colours) > 2


def _save(window: MainWindow, folder: Path, name: str, saved: list[Path]) -> None:
    _settle(window)
    image = window.grab()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    path = folder / f"{len(saved) + 1:02d}-{name}.png"
    files.atomic_write(path, bytes(data.data()))
    saved.append(path)


def _first_topic_with_caution(window: MainWindow) -> str:
    for topic in window.topics.topics:
        if any(action.caution for action in topic.actions):
            return topic.id
    return window.topics.topics[0].id


def run_tour(folder: Path, locale: str, scale: int, contrast: bool) -> list[Path]:
    """Visit every screen and state; return the PNG paths in order."""
    app = make_application()
    with tempfile.TemporaryDirectory() as nowhere:
        session = Session(Path(nowhere) / "unused", kdf.REAL)
        window, _exit, idle = build_window(app, session, quit_app=lambda: None)
        window.language_chosen.emit(locale)
        window.resize(*WINDOW_SIZE)
        window.show()
        saved: list[Path] = []
        _save(window, folder, "welcome", saved)
        window.welcome.new_button.setEnabled(True)
        window.welcome.new_button.click()
        window.welcome.new_passphrase.setText("four random words")
        _save(window, folder, "new-plan-passphrase", saved)
        window.welcome.show_choices()
        window.welcome.guest_button.click()
        plan = window.plan()
        preferences = Preferences(text_scale=scale, high_contrast=contrast)
        preferences.save(plan)
        window.settings.preferences_changed.emit(preferences)
        _save(window, folder, "what-matters-guest-banner", saved)
        fill_sample_plan(plan)
        window.show_page("topics")
        _save(window, folder, "topics-first", saved)
        window.topics.refresh(_first_topic_with_caution(window))
        _save(window, folder, "topic-with-caution", saved)
        rows = [row for row in window.topics.rows if row.caution is not None]
        if rows:
            window.topics.page.ensureWidgetVisible(rows[0])
            _save(window, folder, "caution-close-up", saved)
        advocate = Preferences(text_scale=scale, high_contrast=contrast, advocate_view=True)
        advocate.save(plan)
        window.settings.preferences_changed.emit(advocate)
        window.show_page("topics")
        _save(window, folder, "topic-advocate-view", saved)
        for page in ("plan", "print", "settings", "help"):
            window.show_page(page)
            if page == "print":
                screen = window.screens["print"]
                screen.show_preview()  # type: ignore[attr-defined]
                screen.view.pageNavigator().jump(1, screen.view.pageNavigator().currentLocation())  # type: ignore[attr-defined]
                _wait_for_render(screen.view)  # type: ignore[attr-defined]
            _save(window, folder, page, saved)
        window.lock()
        _save(window, folder, "lock-screen", saved)
        idle.disarm()
        window.end_session()
        window.language_chosen.emit(i18n.SOURCE_LANGUAGE)
        window.close()
    return saved
