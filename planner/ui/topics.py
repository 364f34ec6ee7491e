"""The topics screen: the list with progress on one side, the open topic on the other.

Every choice and note goes straight to the plan (autosave). Alt+Left / Alt+Right move between
topics; the list is reachable by keyboard and each entry says how far the person has got.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core import tailoring
from planner.core.content import Library, Topic
from planner.core.i18n import _
from planner.core.markdown import parse_blocks
from planner.core.plan import ActionStatus, Plan
from planner.ui.topic_view import ActionRow, NotesBox, advocate_panel, block_label
from planner.ui.widgets import button, card, clear_layout, label, set_text


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
        self.rows: list[ActionRow] = []

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(220)
        self.list.currentRowChanged.connect(self._list_moved)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        holder = QWidget()
        self.body = QVBoxLayout(holder)
        self.body.setSpacing(10)
        self.body.setContentsMargins(8, 4, 16, 16)
        self.content = QVBoxLayout()
        self.content.setSpacing(10)
        self.body.addLayout(self.content)
        self.notes = NotesBox(self._save_note)
        self.body.addWidget(self.notes)
        self.body.addStretch(1)
        self.scroll.setWidget(holder)

        self.back = button()
        self.next = button(primary=True)
        self.back.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        steps = QHBoxLayout()
        steps.addWidget(self.back)
        steps.addStretch(1)
        steps.addWidget(self.next)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.scroll, 1)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for keys, delta in (("Alt+Right", 1), ("Alt+Left", -1)):
            QShortcut(QKeySequence(keys), self, lambda d=delta: self.step(d))
        self.retranslate()

    # -- content -------------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show another language's library, staying on the same topic."""
        self.flush()
        current_id = self.current.id if self.current else None
        self.library = library
        self.refresh(current_id)

    def refresh(self, topic_id: str | None = None) -> None:
        """Re-read the order and progress from the plan and show `topic_id` (or the first)."""
        plan = self._plan()
        self.topics = tailoring.ordered_topics(self.library, plan.priorities(), plan.platforms())
        wanted = topic_id or (self.current.id if self.current else self.topics[0].id)
        self.list.blockSignals(True)
        self.list.clear()
        for topic in self.topics:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            self.list.addItem(item)
        self._update_progress(plan.statuses())
        index = next((i for i, t in enumerate(self.topics) if t.id == wanted), 0)
        self.list.setCurrentRow(index)
        self.list.blockSignals(False)
        self.show_topic(self.topics[index])

    def _update_progress(self, statuses: dict[str, ActionStatus]) -> None:
        for index, topic in enumerate(self.topics):
            decided, total = tailoring.progress(topic, statuses)
            text = _("{title}\n{decided} of {total} decided").format(
                title=topic.title, decided=decided, total=total)
            item = self.list.item(index)
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", ", "))

    def show_topic(self, topic: Topic) -> None:
        if self.current is not None and self.notes.pending:
            self.notes.flush()
        self.current = topic
        plan = self._plan()
        clear_layout(self.content)
        self.rows = []
        self.content.addWidget(label(topic.title, "title"))
        if topic.fallback_fields:
            note, note_layout = card("banner")
            note_layout.addWidget(label(_(
                "Parts of this topic are not translated yet, so they are shown in English.")))
            self.content.addWidget(note)
        self.content.addWidget(label(topic.summary, "muted"))
        if self._advocate_view():
            self.content.addWidget(advocate_panel(topic))
        for block in parse_blocks(topic.body):
            self.content.addWidget(block_label(block))
        if topic.actions:
            self.content.addWidget(label(_("Steps you can take"), "subtitle"))
            self.content.addWidget(label(_(
                "For each step, choose what fits you now. You can change it any time."), "muted"))
        statuses = plan.statuses()
        priorities, platforms = plan.priorities(), plan.platforms()
        for action in topic.actions:
            row = ActionRow(action, statuses.get(action.id),
                            tailoring.is_suggested(action, topic, priorities, platforms),
                            self._advocate_view())
            row.status_chosen.connect(self._choose)
            self.content.addWidget(row)
            self.rows.append(row)
        self.notes.load(plan.note(topic.id))
        self.scroll.verticalScrollBar().setValue(0)
        index = self.topics.index(topic)
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < len(self.topics) - 1)

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

    def _choose(self, action_id: str, status: ActionStatus | None) -> None:
        plan = self._plan()
        plan.set_status(action_id, status)
        self._update_progress(plan.statuses())
        self.plan_changed.emit()

    def _save_note(self, text: str) -> None:
        if self.current is not None:
            self._plan().set_note(self.current.id, text)

    def flush(self) -> None:
        """Save anything typed but not yet saved (before lock, quick exit or leaving)."""
        if self.current is not None and self.notes.pending:
            self.notes.flush()

    # -- language ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.list_caption.setText(_("Topics"))
        self.list.setAccessibleName(_("Topics"))
        self.scroll.setAccessibleName(_("Topic"))
        set_text(self.back, _("Back"), _("Previous topic (Alt+Left)"))
        set_text(self.next, _("Next topic"), _("Next topic (Alt+Right)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
