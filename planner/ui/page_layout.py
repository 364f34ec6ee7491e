"""Laying out a printout on another thread, so the window keeps answering meanwhile.

reportlab is pure Python: a plan with a long note takes seconds to lay out, and on the GUI
thread the window would neither repaint nor see a key (quick exit and Escape included) until it
was done. `PageLayout` lays out each printout on a thread of its own and looks for the finished
pages on a short timer, so that thread never touches a widget or the vault (a `Printout` holds
everything it needs, read beforehand). The window stays quick because reportlab gives up
Python's lock every few milliseconds; the longest pause left is a garbage collection.

Only the newest printout counts: asking for another stops the one before at its next paragraph,
and a stopped layout's pages are never shown. `stop()` (the screen hidden, locked or left) stops
it the same way, so no thread keeps the plan's words more than a moment after the plan closes.
The pages stay in memory: nothing is written anywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from planner.report.layout import Stopped
from planner.report.outputs import Printout

THREAD_NAME = "printout layout"
LOOK_EVERY_MS = 20  # how often the window looks for finished pages: short next to a layout


class _Job:
    """One printout being laid out on its own thread. The thread holds the printout (and so
    the plan's words) only while it runs; this object never does."""

    def __init__(self, printout: Printout) -> None:
        self.stopped = threading.Event()
        self.done = threading.Event()
        self.pdf: bytes | None = None
        self.error: Exception | None = None
        threading.Thread(target=self._run, args=(printout,), name=THREAD_NAME,
                         daemon=True).start()  # daemon: quitting never waits for pages

    def _run(self, printout: Printout) -> None:
        try:
            self.pdf = printout.pdf(self.stopped.is_set)
        except Stopped:
            pass
        except Exception as error:  # raised again on the GUI thread, for the app's error hook
            self.error = error
        finally:
            self.done.set()


class PageLayout(QObject):
    """Lays out one printout at a time off the GUI thread; `on_ready` gets the newest PDF."""

    def __init__(self, on_ready: Callable[[bytes], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_ready = on_ready
        self._job: _Job | None = None
        self._look = QTimer(self)
        self._look.setInterval(LOOK_EVERY_MS)
        self._look.timeout.connect(self._collect)

    def start(self, printout: Printout) -> None:
        """Lay out `printout`, stopping (and forgetting) any layout still running."""
        self.stop()
        self._job = _Job(printout)
        self._look.start()

    def stop(self) -> None:
        """Stop the running layout, if any: its pages, should it finish anyway, are dropped."""
        if self._job is not None:
            self._job.stopped.set()
            self._job = None
        self._look.stop()

    def _collect(self) -> None:
        job = self._job
        if job is None or not job.done.is_set():
            return
        self._job = None
        self._look.stop()
        if job.error is not None:
            raise job.error
        if job.pdf is not None:
            self._on_ready(job.pdf)
