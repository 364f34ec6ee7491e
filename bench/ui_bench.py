"""Opening a topic and switching screens (target: under 50 ms each), in a guest session with
the real library, offscreen.

Switching is timed from the call to the screen drawn (events processed), both between screens
with nothing changed and to My plan just after a choice or a note was made in Topics (with
the half second a person takes to reach the next button, in which the app may work ahead)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path


def measure() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from planner.core import kdf
    from planner.core.session import Session
    from planner.ui.application import build_window, make_application
    from planner.ui.tour_steps import fill_sample_plan

    app = make_application()
    with tempfile.TemporaryDirectory() as folder:
        session = Session(Path(folder), kdf.REAL)
        window, _exit, idle = build_window(app, session, quit_app=lambda: None)
        window.resize(1100, 780)
        window.show()
        window.welcome.guest_button.click()
        fill_sample_plan(window.plan())
        window.show_page("topics")
        QApplication.processEvents()
        def open_each_topic() -> list[float]:
            times = []
            for topic in window.topics.topics:
                start = time.perf_counter()
                window.topics.show_topic(topic)
                QApplication.processEvents()
                times.append((time.perf_counter() - start) * 1000)
            return times

        cold_times = open_each_topic()
        # What a person sees: pages are built in idle moments after the screen appears.
        window.topics.invalidate()
        window.show_page("topics")
        deadline = time.perf_counter() + 30
        while (len(window.topics._pages) < len(window.topics.topics)
               and time.perf_counter() < deadline):
            QApplication.processEvents()
        topic_times = open_each_topic()
        switch_times = []
        for _ in range(3):
            for page in ("plan", "settings", "help", "topics"):
                start = time.perf_counter()
                window.show_page(page)
                QApplication.processEvents()
                switch_times.append((time.perf_counter() - start) * 1000)
        after_change_times = []
        for round_number, topic in enumerate(window.topics.topics[6:12]):
            window.show_page("topics")
            window.topics.show_topic(topic)
            QApplication.processEvents()
            if round_number % 2:
                window.topics.notes.editor.setPlainText(f"A note typed in round {round_number}")
                window.topics.flush()
            else:
                window.topics.rows[0].buttons["todo"].click()
            _idle_for(0.5)
            start = time.perf_counter()
            window.show_page("plan")
            QApplication.processEvents()
            after_change_times.append((time.perf_counter() - start) * 1000)
        switch_times += after_change_times
        idle.disarm()
        window.end_session()
        window.close()
    return {
        "open_topic_first_build_median_ms": round(statistics.median(cold_times), 1),
        "open_topic_first_build_max_ms": round(max(cold_times), 1),
        "open_topic_median_ms": round(statistics.median(topic_times), 1),
        "open_topic_max_ms": round(max(topic_times), 1),
        "switch_screen_median_ms": round(statistics.median(switch_times), 1),
        "switch_screen_max_ms": round(max(switch_times), 1),
        "switch_to_my_plan_after_a_change_max_ms": round(max(after_change_times), 1),
    }


def _idle_for(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
