"""The vault's tables, and how an older vault is brought up to date.

`SCHEMA_VERSION` is stored in the vault's `meta` table. Each entry of `MIGRATIONS` turns version
N into N+1; opening an older vault runs the missing ones inside one transaction, so a crash
midway leaves the old version intact. Every older version is kept written out (`SCHEMA_V1`,
`SCHEMA_V2`) because real vaults of those versions may exist, opening one checks it holds that
version's tables, and the tests build each to prove the upgrade.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

SCHEMA_VERSION = 3

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE action_status (action_id TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE topic_notes (topic_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE choices (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value));
CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,
                       note TEXT NOT NULL);
"""

SCHEMA_V2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE action_status (action_id TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE topic_notes (topic_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE choices (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value));
CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,
                       note TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE resources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,
                        note TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# The evidence log (version 3). An attachment's bytes live in a table of their own, apart from
# what describes them, so listing entries and their files reads only small rows and never a
# page of a photo: a file's bytes are read when it is shown, checked or printed, and only then.
# Times are ISO 8601 text (UTC for the app's own stamps), which sorts the way time runs.
EVIDENCE_TABLES = """
CREATE TABLE evidence_entries (id INTEGER PRIMARY KEY, happened_on TEXT NOT NULL,
                               happened_at TEXT, time_zone TEXT NOT NULL,
                               platform TEXT NOT NULL, account TEXT NOT NULL,
                               account_link TEXT NOT NULL, what_happened TEXT NOT NULL,
                               who_saw TEXT NOT NULL, effect TEXT NOT NULL,
                               what_i_did TEXT NOT NULL, reported_where TEXT NOT NULL,
                               report_reference TEXT NOT NULL, proof_needed TEXT NOT NULL,
                               created_at TEXT NOT NULL, changed_at TEXT NOT NULL);
CREATE INDEX evidence_entries_by_time ON evidence_entries (happened_on, happened_at, id);
CREATE TABLE evidence_attachments (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL,
                                   name TEXT NOT NULL, media_type TEXT NOT NULL,
                                   size INTEGER NOT NULL, sha256 TEXT NOT NULL,
                                   imported_at TEXT NOT NULL, has_location INTEGER NOT NULL,
                                   has_metadata INTEGER NOT NULL);
CREATE INDEX evidence_attachments_by_entry ON evidence_attachments (entry_id, id);
CREATE TABLE evidence_attachment_bytes (attachment_id INTEGER PRIMARY KEY, data BLOB NOT NULL);
"""

SCHEMA_CURRENT = SCHEMA_V2 + EVIDENCE_TABLES

_SCHEMAS = {1: SCHEMA_V1, 2: SCHEMA_V2, 3: SCHEMA_CURRENT}


def _statements(script: str) -> list[str]:
    return [statement for statement in script.split(";") if statement.strip()]


def _v1_to_v2(connection: sqlcipher3.Connection) -> None:
    """Version 2 orders contacts by hand and adds the person's own resources and settings."""
    connection.execute("ALTER TABLE contacts ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
    connection.execute("UPDATE contacts SET position = id")
    connection.execute(
        "CREATE TABLE resources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,"
        " note TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0)"
    )
    connection.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v2_to_v3(connection: sqlcipher3.Connection) -> None:
    """Version 3 adds the evidence log: entries, their files' descriptions, their files' bytes."""
    for statement in _statements(EVIDENCE_TABLES):
        connection.execute(statement)


MIGRATIONS: dict[int, Callable[[sqlcipher3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def create(connection: sqlcipher3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Write the schema of `version` into an empty database (the caller holds a transaction)."""
    for statement in _statements(_SCHEMAS[version]):
        connection.execute(statement)
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),)
    )


def _tables(script: str) -> set[str]:
    return {line.split()[2] for line in script.splitlines() if line.startswith("CREATE TABLE")}


def has_tables(connection: sqlcipher3.Connection, version: int) -> bool:
    """Whether every table of schema `version` is there (a vault missing one is damaged)."""
    expected = _tables(_SCHEMAS[version])
    found = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return expected <= found


def stored_version(connection: sqlcipher3.Connection) -> int:
    """The schema version written in the vault."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise LookupError("no schema version")
    return int(row[0])


def migrate(connection: sqlcipher3.Connection, from_version: int) -> None:
    """Run every migration from `from_version` up to the current one.

    The caller holds one transaction around this, so a crash midway leaves the old version.
    """
    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version](connection)
    connection.execute(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
    )
