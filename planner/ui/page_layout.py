"""Laying out a printout on another thread, so the window keeps answering meanwhile.

reportlab is pure Python: a plan with a long note takes seconds to lay out, and on the GUI
thread the window would neither repaint nor see a key (quick exit and Escape included) until it
was done. `PageLayout` lays out each printout on a thread of its own and looks for the finished
pages on a short timer, so that thread never touches a widget or the vault (a `Printout` holds
everything it needs, read beforehand). The window stays quick because reportlab gives up
Python's lock every few milliseconds; the longest pause left is a garbage collection.

The one thing a layout may still need from the vault is the evidence log's files: holding every
photo of a long log in memory beforehand would not be bounded, so each is read when its row is
laid out. The vault's connection belongs to the GUI thread, so the layout thread asks it
(`read_through`) and waits, giving up as soon as its layout is stopped.

Only the newest printout counts: asking for another stops the one before at its next paragraph,
and a stopped layout's pages are never shown. `stop()` (the screen hidden, locked or left) stops
it the same way, so no thread keeps the plan's words more than a moment after the plan closes.
The pages stay in memory: nothing is written anywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from planner.report.layout import Stopped
from planner.report.outputs import Printout

THREAD_NAME = "printout layout"
LOOK_EVERY_MS = 20  # how often the window looks for finished pages: short next to a layout


_this_thread = threading.local()  # on a layout thread: `stopped`, its job's stop flag
ASK_WAIT_S = 0.05  # how often a layout thread waiting for a file looks whether it was stopped


class _Ask:
    """One read the layout thread asks of the GUI thread."""

    def __init__(self, read: Callable[[int], bytes], key: int) -> None:
        self.read, self.key = read, key
        self.done = threading.Event()
        self.data = b""
        self.error: Exception | None = None


class _GuiThreadReads(QObject):
    """Answers the layout thread's reads on the GUI thread (a queued signal), one at a time."""

    asked = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: list[_Ask] = []
        self.asked.connect(self._answer, Qt.ConnectionType.QueuedConnection)

    def ask(self, read: Callable[[int], bytes], key: int) -> bytes:
        stopped: threading.Event | None = getattr(_this_thread, "stopped", None)
        if stopped is None:  # not a layout thread (the GUI thread): read straight away
            return read(key)
        request = _Ask(read, key)
        with self._lock:
            self._waiting.append(request)
        self.asked.emit()
        while not request.done.wait(ASK_WAIT_S):
            if stopped.is_set():
                raise Stopped
        if stopped.is_set():
            raise Stopped  # the plan may have closed meanwhile: whatever came back is moot
        if request.error is not None:
            raise request.error
        return request.data

    def _answer(self) -> None:
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for request in waiting:
            try:
                request.data = request.read(request.key)
            except Exception as error:  # raised again on the layout thread
                request.error = error
            request.done.set()


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
        _this_thread.stopped = self.stopped
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
        self._reads = _GuiThreadReads(self)

    def read_through(self, read: Callable[[int], bytes]) -> Callable[[int], bytes]:
        """`read`, callable from the layout thread: it is run on the GUI thread."""
        return lambda key: self._reads.ask(read, key)

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
