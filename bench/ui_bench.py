"""Opening a topic and switching screens (target: under 50 ms each), in a guest session with
the real library, offscreen."""

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
    }
