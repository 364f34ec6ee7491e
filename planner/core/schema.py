"""The vault's tables, and how an older vault is brought up to date.

`SCHEMA_VERSION` is stored in the vault's `meta` table. Each entry of `MIGRATIONS` turns version
N into N+1; opening an older vault runs the missing ones inside one transaction, so a crash
midway leaves the old version intact. Version 1 is kept written out (`SCHEMA_V1`) because real
vaults of that version may exist and the tests build one to prove the upgrade.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

SCHEMA_VERSION = 2

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE action_status (action_id TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE topic_notes (topic_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE choices (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value));
CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,
                       note TEXT NOT NULL);
"""

SCHEMA_CURRENT = """
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


def _v1_to_v2(connection: sqlcipher3.Connection) -> None:
    """Version 2 orders contacts by hand and adds the person's own resources and settings."""
    connection.execute("ALTER TABLE contacts ADD COLUMN position INTEGER NOT NULL DEFAULT 0")
    connection.execute("UPDATE contacts SET position = id")
    connection.execute(
        "CREATE TABLE resources (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reach TEXT NOT NULL,"
        " note TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0)"
    )
    connection.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


MIGRATIONS: dict[int, Callable[[sqlcipher3.Connection], None]] = {1: _v1_to_v2}


def create(connection: sqlcipher3.Connection, version: int = SCHEMA_VERSION) -> None:
    """Write the schema of `version` into an empty database (the caller holds a transaction)."""
    script = SCHEMA_CURRENT if version == SCHEMA_VERSION else SCHEMA_V1
    for statement in filter(str.strip, script.split(";")):
        connection.execute(statement)
    connection.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),)
    )


def _tables(script: str) -> set[str]:
    return {line.split()[2] for line in script.splitlines() if line.startswith("CREATE TABLE")}


def has_tables(connection: sqlcipher3.Connection, version: int) -> bool:
    """Whether every table of schema `version` is there (a vault missing one is damaged)."""
    expected = _tables(SCHEMA_CURRENT if version == SCHEMA_VERSION else SCHEMA_V1)
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
