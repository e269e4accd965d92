"""The SQLModel classes declare the schema: the migrations must build exactly what they declare, from a
blank file and from every earlier version with data in it, and carry that data across."""

from __future__ import annotations

import sqlite3

import pytest

from curated_net.store import migrations
from curated_net.store.database import Store

# Rows written at each version, in that version's own columns: what a user of that version had.
DATA_AT = {
    1: [
        "INSERT INTO person (id, handle, name, name_key, name_fold, company, created_at, updated_at, is_me) "
        "VALUES (1, 'me', 'Me Myself', 'me myself', 'me myself', NULL, 't0', 't0', 1), "
        "(2, 'ann-lee', 'Ann Lee', 'ann lee', 'ann lee', 'Acme', 't0', 't0', 0), "
        "(3, 'bob-stone', 'Bob Stone', 'bob stone', 'bob stone', NULL, 't0', 't0', 0)",
        "INSERT INTO email (person_id, address, address_key, position) VALUES (2, 'Ann@x.example', 'ann@x.example', 0)",
        "INSERT INTO highlight (person_id, text, position) VALUES (2, 'unflappable', 0)",
        "INSERT INTO tag (person_id, name, name_key) VALUES (2, 'Sailing', 'sailing')",
    ],
    2: [
        "INSERT INTO connection (person_id, nominal_source, nominal_on, curated, created_at, updated_at) "
        "VALUES (2, NULL, NULL, 1, 't1', 't1')",
        "INSERT INTO evidence (person_id, criterion, detail, created_at) VALUES (2, 'colleague', 'data platform', 't1')",
        "INSERT INTO link (a, b, how, created_at) VALUES (2, 3, 'sailing club', 't1')",
        "INSERT INTO interaction (person_id, kind, on_date, note, memorable, created_at) "
        "VALUES (2, 'call', '2024-01-02', 'caught up', 1, 't1')",
    ],
    3: [
        "INSERT INTO request (id, kind, from_person, channel, status, received_on, created_at, updated_at) "
        "VALUES (1, 'connect', 3, 'phone', 'open', '2024-02-01', 't2', 't2')",
        "INSERT INTO recognition (person_id, kind, skill, given_on, created_at) "
        "VALUES (2, 'endorsement', 'SQL', '2024-02-02', 't2')",
        "INSERT INTO introduction (id, a, b, request_id, status, created_at, updated_at) "
        "VALUES (1, 3, 2, 1, 'requested', 't2', 't2')",
    ],
    5: [
        "INSERT INTO provenance (person_id, field, source, value, updated_at) VALUES (2, 'company', 'linkedin', 'Acme', 't3')"
    ],
    6: ["INSERT INTO card_property (person_id, position, name, value) VALUES (2, 0, 'BDAY', '19800321')"],
    15: [
        "INSERT INTO card_sync (uid, person_id, fields, at) VALUES ('urn:uuid:1', 2, '{\"name\": \"Ann Lee\"}', 't0')"
    ],
    13: [
        "INSERT INTO team_link (id, url, team_id, handle, key_check, private_tags, joined_at) VALUES "
        "(1, 'postgresql://db.example/acme', 'b0c5b1a8-8a57-4a51-9d6c-0d7b7d9c1e11', 'ann', 'ab', '[\"family\"]', 't5')",
        "INSERT INTO request (id, kind, from_person, to_person, channel, reason, status, received_on, source, "
        "created_at, updated_at) VALUES (2, 'intro', 1, 2, 'team', 'hiring', 'open', '2024-03-01', 'team', 't5', 't5')",
        "INSERT INTO team_ask (request_id, ask_id, direction, member) VALUES (2, 7, 'out', 'bob')",
    ],
    7: [
        "INSERT INTO archive_item (id, source, source_id, on_date, direction) "
        "VALUES (1, 'mail', '<m1@x>', '2024-01-05', 'in'), (2, 'mail', '<m2@x>', '2024-01-06', 'out')",
        "INSERT INTO archive_party (item_id, address, name) "
        "VALUES (1, 'ann@x.example', 'Ann'), (1, 'cc@x.example', NULL), (2, 'zed@x.example', NULL)",
        "INSERT INTO interaction (person_id, kind, on_date, note, memorable, created_at, source, source_id) "
        "VALUES (2, 'email', '2024-01-05', 'hi', 0, 't4', 'mail', '<m1@x>')",
    ],
}


def _sqlite_type(column) -> str:
    from sqlalchemy import Boolean, Integer, String
    from sqlmodel.sql.sqltypes import AutoString

    if isinstance(column.type, Integer | Boolean):
        return "INTEGER"
    if isinstance(column.type, String | AutoString):
        return "TEXT"
    raise AssertionError(f"no SQLite type for {column.table.name}.{column.name}: {column.type!r}")


def _declared():
    """Table -> {column: (type, not null, primary key position)} and foreign keys, as the models say."""
    from sqlmodel import SQLModel

    import curated_net.store.models  # noqa: F401 - registers the tables

    out = {}
    for table in SQLModel.metadata.sorted_tables:
        pk = [c.name for c in table.primary_key.columns]
        cols = {
            c.name: (_sqlite_type(c), not c.nullable and not c.primary_key, pk.index(c.name) + 1 if c.name in pk else 0)
            for c in table.columns
        }
        fks = {(fk.parent.name, fk.column.table.name, fk.column.name) for fk in table.foreign_keys}
        out[table.name] = (cols, fks)
    return out


def _built(conn: sqlite3.Connection):
    out = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'person_fts%' AND name NOT IN ('schema_migrations', 'handle_registry')"
        )
    ]
    for name in tables:
        cols = {}
        for _cid, col, typ, notnull, _default, pk in conn.execute(f"PRAGMA table_info({name})"):
            # INTEGER PRIMARY KEY is the rowid: never null whatever the declaration says
            cols[col] = (typ, bool(notnull) and not pk, pk)
        fks = {(r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({name})")}
        out[name] = (cols, fks)
    return out


def _versions():
    return [0, *range(1, migrations.LATEST)]


@pytest.mark.parametrize("start", _versions())
def test_the_migrated_schema_is_what_the_models_declare_and_data_crosses_each_migration(tmp_path, start):
    path = tmp_path / f"from-v{start}.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(1, start + 1):  # each version's rows written at that version, then carried on
        migrations.migrate(conn, target=version)
        for sql in DATA_AT.get(version, []):
            conn.execute(sql)
    conn.close()
    Store.open(path, create=True)
    conn = sqlite3.connect(path)
    assert _built(conn) == _declared()
    # Whatever the migrations rebuilt, the triggers that note changed ties (network/degrees.py) are there.
    from curated_net.network.degrees import JOURNAL_TRIGGERS

    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(JOURNAL_TRIGGERS) <= triggers
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    if start:
        # What was there before the migration is all still there.
        assert conn.execute("SELECT handle, name FROM person ORDER BY id").fetchall() == [
            ("me", "Me Myself"),
            ("ann-lee", "Ann Lee"),
            ("bob-stone", "Bob Stone"),
        ]
        assert conn.execute("SELECT address FROM email").fetchall() == [("Ann@x.example",)]
        assert [r[0] for r in conn.execute("SELECT rowid FROM person_fts WHERE person_fts MATCH 'unflappable'")] == [2]
        if start >= 2:
            assert conn.execute("SELECT criterion, detail FROM evidence").fetchall() == [("colleague", "data platform")]
            assert conn.execute("SELECT a, b, how FROM link").fetchall() == [(2, 3, "sailing club")]
        if start >= 3:
            assert conn.execute("SELECT skill FROM recognition").fetchall() == [("SQL",)]
            assert conn.execute("SELECT status FROM request").fetchall() == [("open",)] * (1 + (start >= 13))
            # The request table rebuilt for the team channel keeps what refers to it.
            assert conn.execute("SELECT request_id FROM introduction").fetchall() == [(1,)]
        if start >= 5:
            assert conn.execute("SELECT value FROM provenance").fetchall() == [("Acme",)]
        if 7 <= start < 14:  # the sender of a message to me is the address whose person had it; the rest unknown
            assert conn.execute("SELECT item_id, address, role FROM archive_party ORDER BY 1, 2").fetchall() == [
                (1, "ann@x.example", "from"),
                (1, "cc@x.example", None),
                (2, "zed@x.example", "to"),
            ]
        if start >= 13:  # the team's private tags outlive the link; the ask keeps its request
            assert conn.execute("SELECT private_tags FROM team_prefs").fetchall() == [('["family"]',)]
            assert conn.execute("SELECT handle, service FROM team_link").fetchall() == [("ann", None)]
            assert conn.execute("SELECT request_id, ask_id FROM team_ask").fetchall() == [(2, 7)]
        if start >= 15:
            assert conn.execute("SELECT uid, person_id, vdir FROM card_sync").fetchall() == [("urn:uuid:1", 2, None)]
        backups = list(tmp_path.glob(f"from-v{start}.db.v{start}-*.bak"))
        assert len(backups) == 1, "a database with data is backed up before it is migrated"
        backup = sqlite3.connect(backups[0])
        assert backup.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == start
        assert backup.execute("SELECT count(*) FROM person").fetchone()[0] == 3
    conn.close()


def test_the_cli_reads_a_migrated_database(tmp_path):
    from conftest import Cli

    path = tmp_path / "data" / "cnet.db"
    path.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, target=2)
    for version in (1, 2):
        for sql in DATA_AT[version]:
            conn.execute(sql)
    conn.close()
    cli = Cli(path)
    # the first command says, on stderr, why it takes time and where the copy of the database goes
    said = cli("db", "status")
    assert said.exit_code == 0, said.stderr
    backup = next(path.parent.glob("cnet.db.v2-*.bak"))
    assert f"Bringing the database from schema version 2 to {migrations.LATEST}" in said.stderr
    assert "a copy of it as it was (" in said.stderr and backup.name in said.stderr.replace("\n", "")
    assert "Bringing" not in cli("db", "status").stderr  # once only
    ann = cli.json("show", "ann@x.example")
    assert ann["connection"]["evidence"][0]["detail"] == "data platform"
    assert [p["handle"] for p in cli.json("search", "unflappable")] == ["ann-lee"]
    assert cli.json("degree", "bob-stone", "--view", "nominal")["label"] == "2nd"
