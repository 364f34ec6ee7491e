"""My plan: everything chosen, grouped by topic and status, editable in place; notes; trusted
people; local resources and hotlines.

Trusted people and the person's own resources share one editor (name, how to reach, a note),
so adding, editing and removing work the same way for both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.content import Library, Resource
from planner.core.errors import VaultError
from planner.core.hotlines import national_hotlines
from planner.core.i18n import _, current_language
from planner.core.plan import ON_PLAN, STATUS_LABELS, ActionStatus, Entry, EntryDraft, Plan
from planner.ui.save_errors import failures, saved
from planner.ui.speech import MessageLabel
from planner.ui.topic_view import NotesBox
from planner.ui.widgets import (
    ChoiceBox,
    apart,
    button,
    card,
    clear_layout,
    follow_layout_in_tab_order,
    label,
    scrolling,
    set_text,
)

REMOVE = ""  # the status box's last choice: take the step off the plan ("not decided")


class EntryEditor(QWidget):
    """A list of (name, how to reach, note) entries with add, edit and remove."""

    changed = Signal()
    rebuilt = Signal()  # the rows were made anew (the screen puts them in its Tab order)

    def __init__(self, load: Callable[[], Sequence[Entry]], add: Callable[[str, str, str], object],
                 update: Callable[[int, str, str, str], None], remove: Callable[[int], None],
                 words: Callable[[], dict[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load, self._add, self._update, self._remove = load, add, update, remove
        self._words = words
        self._editing: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = QVBoxLayout()
        layout.addLayout(self.rows)
        self.form, form_layout = card()
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.name, self.reach, self.note = QLineEdit(), QLineEdit(), QLineEdit()
        self.name_label, self.reach_label, self.note_label = label(), label(), label()
        for caption, field in ((self.name_label, self.name), (self.reach_label, self.reach),
                               (self.note_label, self.note)):
            caption.setBuddy(field)
            fields.addRow(caption, field)
        form_layout.addLayout(fields)
        self.error = MessageLabel(assertive=True, field=self.name)
        form_layout.addWidget(self.error)
        self.cancel, self.save = button(), button(primary=True)
        self.cancel.clicked.connect(self.close_form)
        self.save.clicked.connect(self._save)
        buttons = apart(self.cancel, self.save)
        form_layout.addLayout(buttons)
        self.form.hide()
        self.add_button = button()
        self.add_button.clicked.connect(lambda: self.open_form(None))
        layout.addWidget(self.form)
        layout.addWidget(self.add_button)
        self.retranslate()

    def refresh(self) -> None:
        clear_layout(self.rows)
        words = self._words()
        entries = self._load()
        if not entries:
            self.rows.addWidget(label(words["empty"], "muted"))
        for entry in entries:
            frame, inner = card()
            inner.addWidget(label(entry.name, "subtitle"))
            inner.addWidget(label(entry.reach))
            if entry.note:
                inner.addWidget(label(entry.note, "muted"))
            actions = QHBoxLayout()
            edit, remove = button(), button()
            set_text(edit, _("Edit"), words["edit"].format(name=entry.name))
            set_text(remove, _("Remove"), words["remove"].format(name=entry.name))
            edit.setAccessibleName(words["edit"].format(name=entry.name))
            remove.setAccessibleName(words["remove"].format(name=entry.name))
            edit.clicked.connect(lambda _c=False, e=entry: self.open_form(e))
            remove.clicked.connect(lambda _c=False, e=entry: self._delete(e.id))
            actions.addWidget(edit)
            actions.addWidget(remove)
            actions.addStretch(1)
            inner.addLayout(actions)
            self.rows.addWidget(frame)
        self.rebuilt.emit()

    def open_form(self, entry: Entry | None) -> None:
        self._editing = entry.id if entry else None
        self.name.setText(entry.name if entry else "")
        self.reach.setText(entry.reach if entry else "")
        self.note.setText(entry.note if entry else "")
        self.error.clear()
        self.form.show()
        self.add_button.hide()
        self.name.setFocus()

    def draft(self) -> EntryDraft | None:
        """What the open form holds, saved or not (None when it is closed or empty)."""
        fields = (self.name.text(), self.reach.text(), self.note.text())
        if self.form.isHidden() or not any(fields):
            return None
        return EntryDraft(self._editing, *fields)

    def restore(self, draft: EntryDraft | None) -> None:
        """Open the form again as it was left."""
        if draft is None:
            return
        self.open_form(None)
        self._editing = draft.editing
        self.name.setText(draft.name)
        self.reach.setText(draft.reach)
        self.note.setText(draft.note)

    def close_form(self) -> None:
        self.form.hide()
        self.add_button.show()
        for field in (self.name, self.reach, self.note):
            field.clear()

    def _save(self) -> None:
        name, reach, note = self.name.text().strip(), self.reach.text().strip(), self.note.text()
        if not name:
            self.error.setText(_("Please add a name."))
            self.name.setFocus()
            return
        editing = self._editing
        if not saved(lambda: self._add(name, reach, note) if editing is None
                     else self._update(editing, name, reach, note)):
            # The form stays open with everything typed, so nothing is lost.
            self.error.setText(failures.last_message)
            return
        self.close_form()
        self.refresh()
        self.changed.emit()

    def _delete(self, entry_id: int) -> None:
        if saved(lambda: self._remove(entry_id)):
            self.changed.emit()
        self.refresh()  # shows what is really stored either way

    def retranslate(self) -> None:
        words = self._words()
        self.name_label.setText(_("Name"))
        self.reach_label.setText(_("How to reach them"))
        self.note_label.setText(_("Note (optional)"))
        self.name.setAccessibleName(_("Name"))
        self.reach.setAccessibleName(_("How to reach them"))
        self.note.setAccessibleName(_("Note"))
        set_text(self.cancel, _("Cancel"))
        set_text(self.save, _("Save"))
        set_text(self.add_button, words["add"])


class StepLine(QWidget):
    """One chosen step on My plan: its words and a status box that changes only on purpose.

    The line stays where it is when its status changes, so focus and scrolling stay with the
    person. If the step leaves the plan, the line says so in place and offers Undo.
    """

    def __init__(self, action_id: str, text: str, status: ActionStatus,
                 set_status: Callable[[str, ActionStatus | None], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_id, self.step = action_id, text
        self.status: ActionStatus | None = status
        self._set_status = set_status
        self._before_removal: ActionStatus | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.shown = QWidget()
        row = QHBoxLayout(self.shown)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label(text), 1)
        self.choice = ChoiceBox()
        for option in ActionStatus:
            self.choice.addItem(_(STATUS_LABELS[option]), option.value)
        self.choice.addItem(_("Remove from my plan"), REMOVE)
        self.choice.setAccessibleName(_("Status of: {step}").format(step=text))
        self.choice.activated.connect(self._chosen)
        row.addWidget(self.choice)
        self.removed = QWidget()
        removed_row = QHBoxLayout(self.removed)
        removed_row.setContentsMargins(0, 0, 0, 0)
        self.removed_text = label(role="muted")
        self.undo = button()
        self.undo.clicked.connect(self._undo)
        removed_row.addWidget(self.removed_text, 1)
        removed_row.addWidget(self.undo)
        layout.addWidget(self.shown)
        layout.addWidget(self.removed)
        self._show(status)

    def _show(self, status: ActionStatus | None) -> None:
        self.status = status
        on_plan = status in ON_PLAN
        self.choice.setCurrentIndex(self.choice.findData(status.value if status else REMOVE))
        self.shown.setVisible(on_plan)
        self.removed.setVisible(not on_plan)
        if not on_plan:
            text = (_("“{step}” is marked “Not for me” and left your plan.")
                    if status is ActionStatus.NOT_FOR_ME
                    else _("“{step}” was taken off your plan."))
            self.removed_text.setText(text.format(step=self.step))
            set_text(self.undo, _("Undo"), _("Put “{step}” back on your plan")
                     .format(step=self.step))

    def _chosen(self) -> None:
        value = self.choice.currentData()
        status = ActionStatus(value) if value else None
        previous = self.status
        if status == previous:
            return
        if not self._set_status(self.action_id, status):
            self._show(previous)  # back to what is really stored
            return
        if status not in ON_PLAN:
            self._before_removal = previous
        self._show(status)
        (self.choice if status in ON_PLAN else self.undo).setFocus()

    def _undo(self) -> None:
        if self._set_status(self.action_id, self._before_removal):
            self._show(self._before_removal)
            self.choice.setFocus()


class PlanScreen(QWidget):
    """Everything the person chose, in one place they can change."""

    plan_changed = Signal()

    def __init__(self, plan: Callable[[], Plan], library: Library,
                 program_resources: Sequence[Resource], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.library = library
        self.program_resources = tuple(program_resources)
        self.notes: list[NotesBox] = []
        # The topic cards on the page, each with the key it was made for.
        self._cards: list[tuple[tuple[object, ...], QWidget]] = []
        self._stale = True  # the page must be made again, even if no card changed
        # Cards made ahead, in idle moments after the plan opens, so the first visit to this
        # screen does not wait for them (as the topic pages are).
        self._prepared: dict[tuple[object, ...], QWidget] = {}
        self._to_prepare: list[tuple[tuple[object, ...], tuple[object, ...]]] = []
        self._warm = QTimer(self)
        self._warm.setInterval(0)
        self._warm.timeout.connect(self._prepare_next)
        self._nothing_yet: QWidget | None = None
        self._hotlines_language = ""
        inner = QWidget()
        self._column = inner
        self.column = QVBoxLayout(inner)
        self.column.setSpacing(12)
        self.title = label(role="title")
        self.intro = label(role="muted")
        self.steps_caption = label(role="subtitle")
        self.steps = QVBoxLayout()
        self.people_caption = label(role="subtitle")
        self.people_help = label(role="muted")
        self.people = EntryEditor(lambda: self._plan().contacts(),
                                  lambda *a: self._plan().add_contact(*a),
                                  lambda *a: self._plan().update_contact(*a),
                                  lambda i: self._plan().remove_contact(i), self._people_words)
        self.resources_caption = label(role="subtitle")
        self.hotlines = QVBoxLayout()
        self.own_resources = EntryEditor(lambda: self._plan().resources(),
                                         lambda *a: self._plan().add_resource(*a),
                                         lambda *a: self._plan().update_resource(*a),
                                         lambda i: self._plan().remove_resource(i),
                                         self._resource_words)
        for widget in (self.title, self.intro, self.steps_caption):
            self.column.addWidget(widget)
        self.column.addLayout(self.steps)
        for widget in (self.people_caption, self.people_help, self.people,
                       self.resources_caption):
            self.column.addWidget(widget)
        self.column.addLayout(self.hotlines)
        self.column.addWidget(self.own_resources)
        self.column.addStretch(1)
        for editor in (self.people, self.own_resources):
            editor.rebuilt.connect(lambda: follow_layout_in_tab_order(inner))
        scroll = scrolling(inner)
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()
        QTimer.singleShot(0, self, self.prepare)

    @staticmethod
    def _people_words() -> dict[str, str]:
        return {"empty": _("No one added yet. Add people you trust and how to reach them safely."),
                "add": _("Add a person"), "edit": _("Edit {name}"), "remove": _("Remove {name}")}

    @staticmethod
    def _resource_words() -> dict[str, str]:
        return {"empty": _("You can add places and numbers that help you, like a local program."),
                "add": _("Add a place or number"), "edit": _("Edit {name}"),
                "remove": _("Remove {name}")}

    def set_library(self, library: Library) -> None:
        self.flush()
        self.library = library
        self._stale = True  # every card, and "nothing here yet", in the new language
        self.refresh()

    def refresh(self) -> None:
        """Show the plan as it is now (when the screen is shown, not on each edit: an edit
        changes its own line, so focus and scrolling stay where the person is).

        Only what changed is made again: a topic's card is kept while its steps, their
        statuses and its note are the same, and so are the people and places. Making every
        card anew each time took 200 ms with two dozen steps chosen."""
        plan = self._plan()
        wanted = self._wanted_cards(plan.statuses(), plan.notes())
        if self._stale or [key for key, _card in self._cards] != [k for k, _s in wanted]:
            self._show_cards(wanted)
        for kind, editor in self._editors().items():
            editor.refresh()
            editor.restore(plan.take_draft(kind))
        if self._hotlines_language != current_language():
            self._show_hotlines()
            self._hotlines_language = current_language()

    def _wanted_cards(self, statuses: dict[str, ActionStatus], notes: dict[str, str],
                      ) -> list[tuple[tuple[object, ...], tuple[object, ...]]]:
        """For each topic with chosen steps or a note: a key that changes whenever its card
        would look different, and what the card shows."""
        wanted = []
        for topic in self.library.topics:
            chosen = [a for a in topic.actions if statuses.get(a.id) in ON_PLAN]
            if not chosen and topic.id not in notes:
                continue
            chosen.sort(key=lambda a: ON_PLAN.index(statuses[a.id]))
            steps = tuple((a.id, a.text, statuses[a.id]) for a in chosen)
            note = notes.get(topic.id, "")
            wanted.append(((id(self.library), current_language(), topic.id, steps, note),
                           (topic.id, topic.title, steps, note)))
        return wanted

    def _show_cards(self, wanted: list[tuple[tuple[object, ...], tuple[object, ...]]]) -> None:
        """Put the wanted cards on the page, keeping those that are already right."""
        kept = dict(self._cards)
        prepared, self._prepared = self._prepared, {}
        cards = [(key, kept.pop(key, None) or prepared.pop(key, None) or self._make_card(*shown))
                 for key, shown in wanted]
        kept.update(prepared)
        while self.steps.count():
            self.steps.takeAt(0)
        unused = list(kept.values())
        if self._nothing_yet is not None:
            unused.append(self._nothing_yet)
            self._nothing_yet = None
        for widget in unused:
            widget.hide()
            widget.deleteLater()  # not moved out first: making it a window of its own is slow
        if not cards:
            self._nothing_yet = label(_(
                "Nothing here yet. In Topics, choose \u201cAdd to my plan\u201d on the steps "
                "you want, and they will show up here."), "muted")
            self.steps.addWidget(self._nothing_yet)
        for _key, widget in cards:
            self.steps.addWidget(widget)
            widget.show()
        self._cards, self._stale = cards, False
        self.notes = [box for _key, widget in cards for box in widget.findChildren(NotesBox)]

    def prepare(self) -> None:
        """Make, in idle moments (one per turn of the event loop), the cards this screen will
        need next time it is shown: called when the plan opens and after each choice made
        elsewhere. Cards made earlier that the plan no longer needs are dropped."""
        if self.isVisible():
            return
        try:
            plan = self._plan()
            wanted = self._wanted_cards(plan.statuses(), plan.notes())
        except (RuntimeError, VaultError):
            return  # the plan closed (quick exit, lock) before this idle moment came
        keys = {key for key, _shown in wanted}
        for key in [key for key in self._prepared if key not in keys]:
            self._prepared.pop(key).deleteLater()
        have = {key for key, _card in self._cards} | set(self._prepared)
        self._to_prepare = [(key, shown) for key, shown in wanted if key not in have]
        if self._to_prepare:
            self._warm.start()

    def _prepare_next(self) -> None:
        if not self._to_prepare or self.isVisible():
            self._warm.stop()
            return
        key, shown = self._to_prepare.pop(0)
        widget = self._make_card(*shown)
        # Made where it will be shown (a widget moved to another parent is styled again) and
        # hidden until then; dropped with the screen if never shown.
        widget.setParent(self._column)
        widget.hide()
        widget.ensurePolished()
        self._prepared[key] = widget

    def _make_card(self, topic_id: str, title: str,
                   steps: tuple[tuple[str, str, ActionStatus], ...], note: str) -> QWidget:
        frame, inner = card()
        inner.addWidget(label(title, "subtitle"))
        for action_id, text, status in steps:
            inner.addWidget(StepLine(action_id, text, status, self._set_status))
        box = NotesBox(lambda text, t=topic_id: self._save_note(t, text))
        box.load(note)
        inner.addWidget(box)
        return frame


    def _editors(self) -> dict[str, EntryEditor]:
        return {"people": self.people, "resources": self.own_resources}

    def _set_status(self, action_id: str, status: ActionStatus | None) -> bool:
        if not saved(lambda: self._plan().set_status(action_id, status)):
            return False
        self.plan_changed.emit()
        return True

    def _save_note(self, topic_id: str, text: str) -> None:
        self._plan().set_note(topic_id, text)

    def _show_hotlines(self) -> None:
        clear_layout(self.hotlines)
        for line in national_hotlines():
            frame, inner = card()
            inner.addWidget(label(line.name, "subtitle"))
            inner.addWidget(label(line.reach))
            if line.note:
                inner.addWidget(label(line.note, "muted"))
            self.hotlines.addWidget(frame)
        for resource in self.program_resources:
            frame, inner = card()
            inner.addWidget(label(resource.name, "subtitle"))
            reach = " \u00b7 ".join(x for x in (resource.phone, resource.text, resource.web) if x)
            inner.addWidget(label(reach))
            for extra in (resource.hours, resource.note):
                if extra:
                    inner.addWidget(label(extra, "muted"))
            self.hotlines.addWidget(frame)

    def flush(self) -> None:
        """Save typed notes, and keep a half-filled form in the vault (locking drops it)."""
        for box in self.notes:
            if box.pending:
                box.flush()
        for kind, editor in self._editors().items():
            draft = editor.draft()
            if draft is not None:
                saved(lambda k=kind, d=draft: self._plan().keep_draft(k, d))

    def retranslate(self) -> None:
        self.title.setText(_("My plan"))
        self.scroll_area.setAccessibleName(self.title.text())
        self.intro.setText(_("Everything you chose, in one place. Changes are saved as you go."))
        self.steps_caption.setText(_("Steps I chose"))
        self.people_caption.setText(_("People I trust"))
        self.people_help.setText(_(
            "Only write down ways to reach them that are safe if someone else sees this plan."))
        self.resources_caption.setText(_("Help lines and local resources"))
        self.people.retranslate()
        self.own_resources.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():
                self.refresh()
        super().changeEvent(event)
