"""A person's plan: what they chose for each action, their notes, people and resources.

Every edit is a method here and is committed through the vault the moment it is made (autosave),
so widgets never touch SQL and a crash loses nothing that was acknowledged. The same class works
over a saved vault and over a guest session's in-memory store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from planner.core.errors import VaultError
from planner.core.i18n import N_, _

if TYPE_CHECKING:
    from planner.core.evidence import EvidenceLog
    from planner.core.vault import Vault

MAX_TEXT_BYTES = 1024 * 1024


class ActionStatus(StrEnum):
    """Where an action stands for this person. No row at all means "not decided yet"."""

    TODO = "todo"
    LATER = "later"
    DONE = "done"
    NOT_FOR_ME = "not_for_me"


STATUS_LABELS: dict[ActionStatus, str] = {
    # NOTE: a choice for one safety step: put it on the person's plan, to do.
    ActionStatus.TODO: N_("Add to my plan"),
    # NOTE: a choice for one safety step: not now, because doing it now could be noticed.
    ActionStatus.LATER: N_("Later, when it is safe"),
    # NOTE: a choice or status for one safety step: the person has already done it.
    ActionStatus.DONE: N_("Done"),
    # NOTE: a choice for one safety step: the person decided it does not fit their life.
    # Neutral, never a refusal of help.
    ActionStatus.NOT_FOR_ME: N_("Not for me"),
}

# The statuses that put a step on the person's plan, in the order the plan lists them.
ON_PLAN: tuple[ActionStatus, ...] = (ActionStatus.TODO, ActionStatus.LATER, ActionStatus.DONE)

STATUS_SHORT_WORDS: dict[ActionStatus, str] = {
    # NOTE: a short status word printed before a step on paper: still to do. Keep it short.
    ActionStatus.TODO: N_("To do"),
    # NOTE: a short status word printed before a step: to do later, when it is safe.
    ActionStatus.LATER: N_("Later"),
    ActionStatus.DONE: N_("Done"),
}

PRIORITY = "priority"
PLATFORM = "platform"


@dataclass(frozen=True)
class EntryDraft:
    """A person or place form as it was left: which entry it edits (None: a new one) and the
    text typed so far, saved or not."""

    editing: int | None
    name: str
    reach: str
    note: str


class PlanError(VaultError):
    """An edit was refused (text too long or not storable); nothing was changed."""


@dataclass(frozen=True)
class Entry:
    """Something the person keeps in their plan: a name, how to reach it, and a note."""

    id: int
    name: str
    reach: str
    note: str


Contact = Entry  # a trusted person
LocalResource = Entry  # a place or line the person (or their advocate) added


def _checked(text: str) -> str:
    """Refuse text that can't be stored exactly as typed, before anything is written."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise PlanError(
            _("This text has a character that can't be saved. Remove it and try again.")
        ) from None
    if size > MAX_TEXT_BYTES:
        raise PlanError(
            _("This text is too long to save. Please shorten it to under a million letters.")
        )
    return text


def _replace_choices(connection: Any, kind: str, values: Iterable[str]) -> None:
    connection.execute("DELETE FROM choices WHERE kind = ?", (kind,))
    connection.executemany("INSERT INTO choices (kind, value) VALUES (?, ?)",
                           [(kind, value) for value in sorted(set(values))])


class Plan:
    """The person's plan, read from and saved to one vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    @property
    def is_guest(self) -> bool:
        return self.vault.is_guest

    def evidence(self) -> EvidenceLog:
        """The person's evidence log, kept in this plan's vault (memory for a guest). Imported
        here because the log builds on this module's checks (`PlanError`, `_checked`)."""
        from planner.core.evidence import EvidenceLog

        return EvidenceLog(self.vault)

    # -- actions -------------------------------------------------------------------------------

    def status(self, action_id: str) -> ActionStatus | None:
        rows = self.vault.query(
            "SELECT status FROM action_status WHERE action_id = ?", (action_id,)
        )
        return ActionStatus(rows[0][0]) if rows else None

    def statuses(self) -> dict[str, ActionStatus]:
        rows = self.vault.query("SELECT action_id, status FROM action_status")
        return {action_id: ActionStatus(status) for action_id, status in rows}

    def set_status(self, action_id: str, status: ActionStatus | None) -> None:
        """Record a choice; `None` takes the action back to "not decided yet"."""
        with self.vault.transaction() as connection:
            if status is None:
                connection.execute("DELETE FROM action_status WHERE action_id = ?", (action_id,))
            else:
                connection.execute(
                    "INSERT INTO action_status (action_id, status) VALUES (?, ?)"
                    " ON CONFLICT (action_id) DO UPDATE SET status = excluded.status",
                    (action_id, ActionStatus(status).value),
                )

    # -- notes ---------------------------------------------------------------------------------

    def note(self, topic_id: str) -> str:
        rows = self.vault.query("SELECT body FROM topic_notes WHERE topic_id = ?", (topic_id,))
        return str(rows[0][0]) if rows else ""

    def notes(self) -> dict[str, str]:
        return dict(self.vault.query("SELECT topic_id, body FROM topic_notes WHERE body != ''"))

    def set_note(self, topic_id: str, text: str) -> None:
        """Save a topic's notes exactly as typed (empty text removes them)."""
        body = _checked(text)
        with self.vault.transaction() as connection:
            if body:
                connection.execute(
                    "INSERT INTO topic_notes (topic_id, body) VALUES (?, ?)"
                    " ON CONFLICT (topic_id) DO UPDATE SET body = excluded.body",
                    (topic_id, body),
                )
            else:
                connection.execute("DELETE FROM topic_notes WHERE topic_id = ?", (topic_id,))

    # -- what matters to the person ------------------------------------------------------------

    def _choices(self, kind: str) -> frozenset[str]:
        return frozenset(
            value for (value,)
            in self.vault.query("SELECT value FROM choices WHERE kind = ?", (kind,))
        )

    def _set_choices(self, kind: str, values: Iterable[str]) -> None:
        with self.vault.transaction() as connection:
            _replace_choices(connection, kind, values)

    def set_choices(self, priorities: Iterable[str], platforms: Iterable[str]) -> None:
        """Save what matters and the platforms used in one commit: both, or neither."""
        with self.vault.transaction() as connection:
            _replace_choices(connection, PRIORITY, priorities)
            _replace_choices(connection, PLATFORM, platforms)

    def priorities(self) -> frozenset[str]:
        return self._choices(PRIORITY)

    def set_priorities(self, values: Iterable[str]) -> None:
        self._set_choices(PRIORITY, values)

    def platforms(self) -> frozenset[str]:
        return self._choices(PLATFORM)

    def set_platforms(self, values: Iterable[str]) -> None:
        self._set_choices(PLATFORM, values)

    # -- trusted contacts and local resources --------------------------------------------------

    def contacts(self) -> tuple[Contact, ...]:
        rows = self.vault.query("SELECT id, name, reach, note FROM contacts ORDER BY position, id")
        return tuple(Contact(*row) for row in rows)

    def add_contact(self, name: str, reach: str, note: str = "") -> Contact:
        return Contact(*self._add_row("contacts", name, reach, note))

    def update_contact(self, contact_id: int, name: str, reach: str, note: str) -> None:
        self._update_row("contacts", contact_id, name, reach, note)

    def remove_contact(self, contact_id: int) -> None:
        self._remove_row("contacts", contact_id)

    def resources(self) -> tuple[LocalResource, ...]:
        rows = self.vault.query("SELECT id, name, reach, note FROM resources ORDER BY position, id")
        return tuple(LocalResource(*row) for row in rows)

    def add_resource(self, name: str, reach: str, note: str = "") -> LocalResource:
        return LocalResource(*self._add_row("resources", name, reach, note))

    def update_resource(self, resource_id: int, name: str, reach: str, note: str) -> None:
        self._update_row("resources", resource_id, name, reach, note)

    def remove_resource(self, resource_id: int) -> None:
        self._remove_row("resources", resource_id)

    def _add_row(self, table: str, name: str, reach: str, note: str) -> tuple[int, str, str, str]:
        fields = (_checked(name), _checked(reach), _checked(note))
        with self.vault.transaction() as connection:
            cursor = connection.execute(
                f"INSERT INTO {table} (name, reach, note, position)"
                f" VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM {table}))",
                fields,
            )
            row_id = int(cursor.lastrowid or 0)
        return (row_id, *fields)

    def _update_row(self, table: str, row_id: int, name: str, reach: str, note: str) -> None:
        fields = (_checked(name), _checked(reach), _checked(note), row_id)
        with self.vault.transaction() as connection:
            connection.execute(
                f"UPDATE {table} SET name = ?, reach = ?, note = ? WHERE id = ?",
                fields,
            )

    def _remove_row(self, table: str, row_id: int) -> None:
        with self.vault.transaction() as connection:
            connection.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))

    # -- the person's settings (kept inside the vault, never in QSettings) ---------------------

    def keep_form(self, kind: str, fields: dict[str, Any] | None) -> None:
        """Keep a half-filled form in the vault (encrypted), not in a widget: locking drops
        every widget that shows plan text, and the form comes back on unlock. None forgets it."""
        self.set_setting(f"draft:{kind}", "" if fields is None else json.dumps(fields))

    def kept_form(self, kind: str) -> dict[str, Any] | None:
        """The form kept for `kind`, if any (left in the vault: `keep_form(kind, None)` drops
        it once it is back on screen)."""
        text = self.setting(f"draft:{kind}")
        try:
            fields = json.loads(text) if text else None
        except ValueError:
            return None  # not a form this version wrote: nothing to put back
        return fields if isinstance(fields, dict) else None

    def keep_draft(self, kind: str, draft: EntryDraft | None) -> None:
        """Keep a half-filled person or place form (see `keep_form`)."""
        self.keep_form(kind, None if draft is None else asdict(draft))

    def take_draft(self, kind: str) -> EntryDraft | None:
        """The kept person or place form of `kind`, removed from the vault as it is handed back."""
        fields = self.kept_form(kind)
        if fields is None:
            return None
        self.keep_form(kind, None)
        try:
            return EntryDraft(**fields)
        except TypeError:
            return None  # not a draft this version wrote: nothing to put back

    def setting(self, key: str, default: str = "") -> str:
        rows = self.vault.query("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        self.set_settings({key: value})

    def set_settings(self, values: dict[str, str]) -> None:
        """Save several settings in one commit: all of them are stored, or none."""
        rows = [(key, _checked(value)) for key, value in values.items()]
        with self.vault.transaction() as connection:
            connection.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rows,
            )
