"""The topics screen: the list with progress on one side, the open topic on the other.

Each topic's page is built once and kept (and the others are built in idle moments), so moving
between topics is instant. Pages are dropped and rebuilt when something they show changes
elsewhere: the language, advocate view, or choices made on the My plan screen. Every choice and
note goes straight to the plan (autosave). Alt+Left / Alt+Right move between topics.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core import tailoring
from planner.core.content import Library, Topic
from planner.core.i18n import _, ngettext
from planner.core.markdown import parse_blocks
from planner.core.plan import ActionStatus, Plan
from planner.ui.save_errors import saved
from planner.ui.topic_view import ActionRow, NotesBox, advocate_panel, block_label
from planner.ui.widgets import apart, button, card, label, set_text, tab_chain


class TopicList(QListWidget):
    """The list of topics: each title wraps to the list's width, and each item is exactly as
    tall as its wrapped text.

    Qt's own word-wrapped list works out item heights for a width other than the one it draws
    at, so after a change of text size a two-line title could overlap the next topic. The
    heights are set here instead, whenever the width or the font changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the width the heights were worked out for stays the width drawn at.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)

    def fit_items(self) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        width = max(line, self.viewport().width() - line - 8)  # less padding and margins
        for row in range(self.count()):
            item = self.item(row)
            text = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                        int(Qt.TextFlag.TextWordWrap), item.text())
            item.setSizeHint(QSize(width, text.height() + 12))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_items()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_items()


class TopicPage(QScrollArea):
    """One topic, scrollable: its text, advocate panel, steps and notes."""

    def __init__(self, topic: Topic, plan: Plan, advocate_view: bool,
                 choose: Callable[[str, ActionStatus | None], None],
                 save_note: Callable[[str, str], None]) -> None:
        super().__init__()
        self.topic = topic
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(topic.title)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(10)
        column.setContentsMargins(8, 4, 16, 16)
        column.addWidget(label(topic.title, "title"))
        if topic.fallback_fields:
            note, note_layout = card("banner")
            note_layout.addWidget(label(_(
                "Parts of this topic are not translated yet, so they are shown in English.")))
            column.addWidget(note)
        column.addWidget(label(topic.summary, "muted"))
        if advocate_view:
            column.addWidget(advocate_panel(topic))
        for block in parse_blocks(topic.body):
            column.addWidget(block_label(block))
        if topic.actions:
            column.addWidget(label(_("Steps you can take"), "subtitle"))
            column.addWidget(label(_(
                "For each step, choose what fits you now. You can change it any time."), "muted"))
        statuses = plan.statuses()
        priorities, platforms = plan.priorities(), plan.platforms()
        self.rows: list[ActionRow] = []
        for action in topic.actions:
            row = ActionRow(action, statuses.get(action.id),
                            tailoring.is_suggested(action, topic, priorities, platforms),
                            advocate_view)
            row.status_chosen.connect(choose)
            column.addWidget(row)
            self.rows.append(row)
        self.notes = NotesBox(lambda text: save_note(topic.id, text))
        self.notes.load(plan.note(topic.id))
        column.addWidget(self.notes)
        column.addStretch(1)
        self.setWidget(holder)

    def show_plan(self, statuses: dict[str, ActionStatus], notes: dict[str, str]) -> None:
        """Show choices and the note as the plan holds them now (changed on My plan, say),
        in place: making the page again would cost far more and lose the scroll position."""
        for row in self.rows:
            row.show_status(statuses.get(row.action.id))
        note = notes.get(self.topic.id, "")
        if not self.notes.pending and self.notes.editor.toPlainText() != note:
            self.notes.load(note)


class TopicsScreen(QWidget):
    """Browse topics and decide on actions."""

    plan_changed = Signal()

    def __init__(self, plan: Callable[[], Plan], library: Library,
                 advocate_view: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.library = library
        self._advocate_view = advocate_view
        self.topics: tuple[Topic, ...] = library.topics
        self.current: Topic | None = None
        self._pages: dict[str, TopicPage] = {}
        self._kept_position = 0
        self._warm = QTimer(self)
        self._warm.setInterval(0)
        self._warm.timeout.connect(self._build_next_page)

        self.list = TopicList()
        self.list.currentRowChanged.connect(self._list_moved)
        self.stack = QStackedWidget()

        self.back = button()
        self.next = button(primary=True)
        self.back.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        steps = apart(self.back, self.next)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(steps)
        self.list_caption = label(role="subtitle")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_caption)
        left_layout.addWidget(self.list, 1)
        self.list_caption.setBuddy(self.list)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for keys, delta in (("Alt+Right", 1), ("Alt+Left", -1)):
            QShortcut(QKeySequence(keys), self, lambda d=delta: self.step(d))
        self.retranslate()

    # -- the open page (tests and other screens reach the current topic's parts here) ----------

    @property
    def page(self) -> TopicPage:
        return self.stack.currentWidget()  # type: ignore[return-value]

    @property
    def rows(self) -> list[ActionRow]:
        return self.page.rows

    @property
    def notes(self) -> NotesBox:
        return self.page.notes


    # -- content -------------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show another language's library, staying on the same topic."""
        self.flush()
        self.library = library
        self.invalidate()
        self.refresh()

    def invalidate(self) -> None:
        """Forget built pages (what they show changed elsewhere); they are rebuilt on demand,
        at the same scroll position for the open topic."""
        self.flush()
        self._warm.stop()
        if self.current is not None and self.current.id in self._pages:
            self._kept_position = self._pages[self.current.id].verticalScrollBar().value()
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.setParent(None)  # type: ignore[call-overload]
            page.deleteLater()
        self._pages.clear()

    def _fit_list_to_text(self) -> None:
        """Keep the topic list wide enough for a few words a line at any text size, so large
        text shows more topics rather than one word per line. Done when the screen is shown or
        its size or font changes (a splitter moved by hand is left alone otherwise)."""
        char = self.list.fontMetrics().averageCharWidth()
        self.list.setMinimumWidth(char * 20)
        total = sum(self.splitter.sizes())
        wanted = min(char * 30, total * 2 // 5)
        if total and self.splitter.sizes()[0] < wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._fit_list_to_text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_list_to_text()

    def refresh(self, topic_id: str | None = None) -> None:
        """Re-read the order and progress from the plan and show `topic_id` (or the first)."""
        self._fit_list_to_text()
        plan = self._plan()
        order = tailoring.ordered_topics(self.library, plan.priorities(), plan.platforms())
        if order != self.topics:
            self.invalidate()  # "suggested" marks follow the priorities
        wanted = topic_id or (self.current.id if self.current else order[0].id)
        self.list.blockSignals(True)
        if order != self.topics or self.list.count() != len(order):
            self.list.clear()  # only when the order changed: the list keeps its scroll otherwise
            for topic in order:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, topic.id)
                self.list.addItem(item)
        self.topics = order
        statuses, notes = plan.statuses(), plan.notes()
        for page in self._pages.values():
            page.show_plan(statuses, notes)
        self._update_progress(statuses)
        index = next((i for i, t in enumerate(self.topics) if t.id == wanted), 0)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self.show_topic(self.topics[index])
        self._warm.start()

    def _update_progress(self, statuses: dict[str, ActionStatus]) -> None:
        for index, topic in enumerate(self.topics):
            decided, total = tailoring.progress(topic, statuses)
            # NOTE: under a topic's title in the list: how many of its steps have a choice.
            text = ngettext("{title}\n{decided} of {total} decided",
                            "{title}\n{decided} of {total} decided", total).format(
                title=topic.title, decided=decided, total=total)
            item = self.list.item(index)
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))
        self.list.fit_items()

    def _page_for(self, topic: Topic) -> TopicPage:
        page = self._pages.get(topic.id)
        if page is None:
            page = TopicPage(topic, self._plan(), self._advocate_view(), self._choose,
                             self._save_note)
            self._pages[topic.id] = page
            self.stack.addWidget(page)
        return page

    def _build_next_page(self) -> None:
        """Build one not-yet-built page per idle moment, so later topics open instantly."""
        missing = [topic for topic in self.topics if topic.id not in self._pages]
        if not missing or not self.isVisible():
            self._warm.stop()
            return
        self._page_for(missing[0])

    def show_topic(self, topic: Topic) -> None:
        """Show `topic`: from its top when it is another topic, where the person was when it
        is the same one (after a lock, or coming back from another screen)."""
        previous = self._pages.get(self.current.id) if self.current is not None else None
        if previous is not None and previous.notes.pending:
            previous.notes.flush()
        same_topic = self.current is not None and self.current.id == topic.id
        if previous is not None and same_topic:
            self._kept_position = previous.verticalScrollBar().value()
        position = self._kept_position if same_topic else 0
        self.current = topic
        page = self._page_for(topic)
        self.stack.setCurrentWidget(page)
        tab_chain(self.list, page, self.back, self.next)  # as on screen: list, topic, buttons
        self._scroll_to(page, position)
        index = self.topics.index(topic)
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.topics) - 1)

    def where(self) -> tuple[str, int] | None:
        """The open topic and how far down it is scrolled (kept over a lock)."""
        if self.current is None or self.current.id not in self._pages:
            return None
        return self.current.id, self._pages[self.current.id].verticalScrollBar().value()

    def resume(self, topic_id: str, position: int) -> None:
        """Come back to `topic_id`, scrolled to `position` (after an unlock rebuilt the screen)."""
        self.current = next((t for t in self.topics if t.id == topic_id), None)
        self._kept_position = position

    def _scroll_to(self, page: TopicPage, position: int) -> None:
        """Scroll a page to `position`; a page built just now gets its size first."""
        self._kept_position = position
        bar = page.verticalScrollBar()
        bar.setValue(position)
        if bar.value() != position:
            QTimer.singleShot(0, bar, lambda: bar.setValue(position))

    # -- actions -------------------------------------------------------------------------------

    def _list_moved(self, row: int) -> None:
        if 0 <= row < len(self.topics):
            self.show_topic(self.topics[row])

    def step(self, delta: int) -> None:
        """Go to the previous (-1) or next (+1) topic."""
        if self.current is None:
            return
        index = self.topics.index(self.current) + delta
        if 0 <= index < len(self.topics):
            self.list.setCurrentRow(index)

    def _save_note(self, topic_id: str, text: str) -> None:
        self._plan().set_note(topic_id, text)
        self.plan_changed.emit()

    def _choose(self, action_id: str, status: ActionStatus | None) -> None:
        plan = self._plan()
        if not saved(lambda: plan.set_status(action_id, status)):
            for row in self.rows:
                if row.action.id == action_id:
                    row.show_status(plan.status(action_id))
            return
        self._update_progress(plan.statuses())
        self.plan_changed.emit()

    def flush(self) -> None:
        """Save anything typed but not yet saved (before lock, quick exit or leaving)."""
        for page in self._pages.values():
            if page.notes.pending:
                page.notes.flush()

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.list_caption.setText(_("Topics"))
        self.list.setAccessibleName(_("Topics"))
        self.stack.setAccessibleName(_("Topic"))
        self.splitter.setAccessibleName(_("Topics"))
        self.splitter.handle(1).setAccessibleName(_("Drag to make the list wider or narrower"))
        set_text(self.back, _("Back"), _("Previous topic (Alt+Left)"))
        set_text(self.next, _("Next topic"), _("Next topic (Alt+Right)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
