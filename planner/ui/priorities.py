"""What matters to you: optional priorities and platforms that order the topics.

Skippable, and nothing here chooses an action for the person: it only changes which topics come
first and which steps are marked "suggested".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from planner.core.choices import PLATFORM_LABELS, PRIORITY_LABELS
from planner.core.i18n import _
from planner.core.plan import Plan
from planner.ui.save_errors import saved
from planner.ui.widgets import FlowLayout, apart, button, label, scrolling, set_text

if TYPE_CHECKING:
    from planner.core.content import Library


class PrioritiesScreen(QWidget):
    """Tick what matters; `done` fires on Continue or Skip."""

    done = Signal()

    def __init__(self, plan: Callable[[], Plan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.title = label(role="title")
        self.intro = label()
        self.priority_caption = label(role="subtitle")
        self.platform_caption = label(role="subtitle")
        self.priority_boxes = {key: QCheckBox() for key in PRIORITY_LABELS}
        self.platform_boxes = {key: QCheckBox() for key in PLATFORM_LABELS}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        for caption, boxes in ((self.priority_caption, self.priority_boxes),
                               (self.platform_caption, self.platform_boxes)):
            column.addWidget(caption)
            holder = QWidget()
            flow = FlowLayout(holder, spacing=14)
            for box in boxes.values():
                flow.addWidget(box)
            column.addWidget(holder)
        column.addStretch(1)
        scroll = scrolling(inner)
        self.scroll_area = scroll
        self.skip = button()
        self.save = button(primary=True)
        self.skip.clicked.connect(self.done.emit)
        self.save.clicked.connect(self._save)
        row = apart(self.skip, self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        self.retranslate()

    def refresh(self) -> None:
        """Tick what the plan already holds."""
        plan = self._plan()
        chosen = plan.priorities() | plan.platforms()
        for key, box in {**self.priority_boxes, **self.platform_boxes}.items():
            box.setChecked(key in chosen)

    def _save(self) -> None:
        """Save the ticks and go on; if the vault refuses, stay and show what is stored."""
        plan = self._plan()
        priorities = [k for k, box in self.priority_boxes.items() if box.isChecked()]
        platforms = [k for k, box in self.platform_boxes.items() if box.isChecked()]
        if not saved(lambda: plan.set_choices(priorities, platforms)):
            self.refresh()
            return
        self.done.emit()

    def flush(self) -> None:
        """Nothing to keep: ticks are saved together, by Continue."""

    def set_library(self, library: Library) -> None:
        """The choices are the app's own words (retranslated on LanguageChange), not content."""

    def retranslate(self) -> None:
        self.title.setText(_("What matters to you?"))
        self.scroll_area.setAccessibleName(self.title.text())
        self.intro.setText(_(
            "This is optional. What you pick changes which topics come first and which steps "
            "are marked as suggested. It never chooses anything for you."))
        self.priority_caption.setText(_("What would you like help with?"))
        self.platform_caption.setText(_("Which apps and devices do you use?"))
        for boxes, labels in ((self.priority_boxes, PRIORITY_LABELS),
                              (self.platform_boxes, PLATFORM_LABELS)):
            for key, box in boxes.items():
                box.setText(_(labels[key]))
                box.setAccessibleName(_(labels[key]))
        set_text(self.skip, _("Skip for now"))
        set_text(self.save, _("Continue"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
