"""Numbered schema migrations for the SQLite store, recorded in `schema_migrations`.

Each migration runs in its own transaction (SQLite's DDL is transactional), so a failure
leaves the database at the previous version. A backup is taken before the first migration
of an existing database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from ..errors import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    # A migration that rebuilds a table others refer to (SQLite cannot change a CHECK in place) runs with
    # foreign keys off, as SQLite's own procedure says, and is held to `PRAGMA foreign_key_check` before it commits.
    rebuilds: bool = False


# Shared with `Store.reindex`, which rebuilds the index from scratch.
PERSON_FTS_DDL = (
    "CREATE VIRTUAL TABLE person_fts USING fts5(name, nickname, company, title, notes, how_met, highlights, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)

MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "people",
        f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    nickname TEXT,
    pronouns TEXT,
    company TEXT,
    title TEXT,
    location TEXT,
    linkedin TEXT,
    how_met TEXT,
    met_on TEXT,
    notes TEXT,
    do_not_introduce INTEGER NOT NULL DEFAULT 0,
    no_recruiters INTEGER NOT NULL DEFAULT 0,
    is_me INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX person_name_key ON person(name_key);
CREATE INDEX person_name_fold ON person(name_fold);
CREATE INDEX person_linkedin ON person(linkedin);
CREATE INDEX person_company ON person(company COLLATE NOCASE);
CREATE UNIQUE INDEX person_one_me ON person(is_me) WHERE is_me = 1;

CREATE TABLE email (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    address_key TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (person_id, address_key)
);
CREATE INDEX email_address_key ON email(address_key);

CREATE TABLE phone (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (person_id, number)
);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    UNIQUE (person_id, name_key)
);
CREATE INDEX tag_name_key ON tag(name_key);

CREATE TABLE highlight (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX highlight_person ON highlight(person_id);

-- Every handle ever issued, so a removed person's handle is never given to someone else.
CREATE TABLE handle_registry (
    handle TEXT PRIMARY KEY,
    issued_at TEXT NOT NULL
);
CREATE TRIGGER person_handle_registered AFTER INSERT ON person BEGIN
    INSERT OR IGNORE INTO handle_registry (handle, issued_at) VALUES (new.handle, new.created_at);
END;

{PERSON_FTS_DDL};
CREATE TRIGGER person_fts_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_fts (rowid, name, nickname, company, title, notes, how_met, highlights)
    VALUES (new.id, new.name, coalesce(new.nickname, ''), coalesce(new.company, ''),
            coalesce(new.title, ''), coalesce(new.notes, ''), coalesce(new.how_met, ''), '');
END;
CREATE TRIGGER person_fts_update AFTER UPDATE OF name, nickname, company, title, notes, how_met ON person
BEGIN
    UPDATE person_fts SET name = new.name, nickname = coalesce(new.nickname, ''),
        company = coalesce(new.company, ''), title = coalesce(new.title, ''),
        notes = coalesce(new.notes, ''), how_met = coalesce(new.how_met, '')
    WHERE rowid = new.id;
END;
CREATE TRIGGER person_fts_delete AFTER DELETE ON person BEGIN
    DELETE FROM person_fts WHERE rowid = old.id;
END;
CREATE TRIGGER highlight_fts_insert AFTER INSERT ON highlight BEGIN
    UPDATE person_fts SET highlights =
        (SELECT coalesce(group_concat(text, ' '), '') FROM highlight WHERE person_id = new.person_id)
    WHERE rowid = new.person_id;
END;
CREATE TRIGGER highlight_fts_update AFTER UPDATE ON highlight BEGIN
    UPDATE person_fts SET highlights =
        (SELECT coalesce(group_concat(text, ' '), '') FROM highlight WHERE person_id = new.person_id)
    WHERE rowid = new.person_id;
END;
CREATE TRIGGER highlight_fts_delete AFTER DELETE ON highlight BEGIN
    UPDATE person_fts SET highlights =
        (SELECT coalesce(group_concat(text, ' '), '') FROM highlight WHERE person_id = old.person_id)
    WHERE rowid = old.person_id;
END;
""",
    ),
]

MIGRATIONS.append(
    Migration(
        2,
        "graph",
        """
-- A first-degree tie between me and a person. `nominal_source` says where a nominal tie came from
-- (LinkedIn): that is not evidence. `curated` caches whether the tie passes the connect rules.
CREATE TABLE connection (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    nominal_source TEXT,
    nominal_on TEXT,
    curated INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX connection_curated ON connection(curated, person_id);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES connection(person_id) ON DELETE CASCADE,
    criterion TEXT NOT NULL CHECK (criterion IN
        ('client', 'colleague', 'business-partner', 'classmate', 'met-in-person', 'family', 'friend')),
    detail TEXT,
    since TEXT,
    until TEXT,
    place TEXT,
    conversation TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX evidence_person ON evidence(person_id);

-- A tie between two people other than me, stored once with a < b; the (b, a) index serves the other way.
CREATE TABLE link (
    a INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    how TEXT,
    learnt TEXT,
    strength INTEGER CHECK (strength BETWEEN 0 AND 100),
    created_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX link_b ON link(b, a);

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'in-person', 'message')),
    on_date TEXT NOT NULL,
    note TEXT NOT NULL,
    memorable INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX interaction_person ON interaction(person_id, on_date);

-- Degrees from me, per view, recomputed when `graph_version` moves past `degrees_version`.
CREATE TABLE degree_cache (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    nominal INTEGER,
    curated INTEGER
);
CREATE INDEX degree_cache_nominal ON degree_cache(nominal);
CREATE INDEX degree_cache_curated ON degree_cache(curated);

INSERT INTO meta (key, value) VALUES ('graph_version', '0'), ('degrees_version', '-1');
-- Removing a person can remove ties in bulk (cascades): the graph has changed.
CREATE TRIGGER person_delete_touches_graph AFTER DELETE ON person BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version';
END;
""",
    )
)

MIGRATIONS.append(
    Migration(
        3,
        "recognition, introductions and requests",
        """
-- Recognition I gave: skill endorsements and written recommendations.
CREATE TABLE recognition (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('endorsement', 'recommendation')),
    skill TEXT,
    text TEXT,
    given_on TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'cnet',
    status TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX recognition_person ON recognition(person_id);

-- Someone asked me for something: to connect, or to be introduced to someone.
CREATE TABLE request (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('connect', 'intro')),
    from_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_person INTEGER REFERENCES person(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'in-person', 'email', 'linkedin', 'message')),
    reason TEXT,
    note TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    received_on TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'cnet',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX request_from ON request(from_person);

-- An introduction of a (who wants to reach b) to b, and its life.
CREATE TABLE introduction (
    id INTEGER PRIMARY KEY,
    a INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    requested_by INTEGER REFERENCES person(id) ON DELETE SET NULL,
    request_id INTEGER REFERENCES request(id) ON DELETE SET NULL,
    reason TEXT,
    status TEXT NOT NULL CHECK (status IN ('requested', 'asked', 'agreed', 'declined', 'introduced', 'closed')),
    outcome TEXT CHECK (outcome IN ('met', 'hired', 'deal', 'no-show', 'ghosted', 'declined')),
    consent_note TEXT,
    draft TEXT,
    requested_at TEXT,
    asked_at TEXT,
    answered_at TEXT,
    introduced_at TEXT,
    outcome_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX introduction_a ON introduction(a);
CREATE INDEX introduction_b ON introduction(b);
CREATE INDEX introduction_requested_by ON introduction(requested_by);

-- The policy whose connect rules the stored `connection.curated` flags reflect.
INSERT INTO meta (key, value) VALUES ('curated_policy', '');
""",
    )
)

MIGRATIONS.append(
    Migration(
        4,
        "bulk loads index new people in one pass",
        """
-- While a bulk load holds the 'bulk_load' mark (inside its own transaction, so no one else sees it),
-- new people are indexed for search and registered in one statement at the end instead of row by row.
DROP TRIGGER person_fts_insert;
CREATE TRIGGER person_fts_insert AFTER INSERT ON person
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_load')
BEGIN
    INSERT INTO person_fts (rowid, name, nickname, company, title, notes, how_met, highlights)
    VALUES (new.id, new.name, coalesce(new.nickname, ''), coalesce(new.company, ''),
            coalesce(new.title, ''), coalesce(new.notes, ''), coalesce(new.how_met, ''), '');
END;
DROP TRIGGER person_handle_registered;
CREATE TRIGGER person_handle_registered AFTER INSERT ON person
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_load')
BEGIN
    INSERT OR IGNORE INTO handle_registry (handle, issued_at) VALUES (new.handle, new.created_at);
END;
""",
    )
)

MIGRATIONS.append(
    Migration(
        5,
        "provenance of imported values",
        """
-- The last value an import wrote into a field, so a later import updates what it wrote
-- but never what the user has since edited.
CREATE TABLE provenance (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    source TEXT NOT NULL,
    value TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (person_id, field, source)
) WITHOUT ROWID;
""",
    )
)

MIGRATIONS.append(
    Migration(
        6,
        "address-book properties",
        """
-- Every property of an imported vCard, in order, so an export writes back what cnet does not model.
-- `field` names the cnet field a property fed (it is written back only while that field still
-- holds its value); NULL means kept as it came.
CREATE TABLE card_property (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    grp TEXT,
    name TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    value TEXT NOT NULL,
    field TEXT
);
CREATE INDEX card_property_person ON card_property(person_id, position);
CREATE INDEX card_property_uid ON card_property(value) WHERE name = 'UID';
""",
    )
)

MIGRATIONS.append(
    Migration(
        7,
        "evidence from archives",
        """
-- Interactions read from the user's mail and calendar say where they came from; the user's own have none.
ALTER TABLE interaction ADD COLUMN source TEXT;
ALTER TABLE interaction ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX interaction_from_archive ON interaction(source, source_id, person_id) WHERE source IS NOT NULL;

-- Every message or meeting an import counted, once (a Message-ID; an event's UID and occurrence), with the
-- addresses on it: what suggestions are made of. No body, no subject.
CREATE TABLE archive_item (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('mail', 'calendar')),
    source_id TEXT NOT NULL,
    on_date TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'meeting')),
    UNIQUE (source, source_id)
);
CREATE TABLE archive_party (
    item_id INTEGER NOT NULL REFERENCES archive_item(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    name TEXT,
    PRIMARY KEY (item_id, address)
) WITHOUT ROWID;
CREATE INDEX archive_party_address ON archive_party(address);

-- A suggestion the user dismissed does not come back.
CREATE TABLE suggestion_dismissed (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
""",
    )
)

MIGRATIONS.append(
    Migration(
        8,
        "keep in touch",
        """
-- How often to be in touch with a person, or with everyone who has a tag; a person's own setting wins
-- over their tags'. every_days NULL: off (for a person, whatever their tags say).
CREATE TABLE keep_in_touch (
    id INTEGER PRIMARY KEY,
    person_id INTEGER UNIQUE REFERENCES person(id) ON DELETE CASCADE,
    tag_key TEXT UNIQUE,
    every_days INTEGER CHECK (every_days > 0),
    at_most_days INTEGER CHECK (at_most_days > 0),
    updated_at TEXT NOT NULL,
    CHECK ((person_id IS NULL) != (tag_key IS NULL))
);
""",
    )
)

MIGRATIONS.append(
    Migration(
        9,
        "prune",
        """
-- Connections to drop on LinkedIn: a to-do the user keeps in cnet (cnet prune list prints their profiles).
CREATE TABLE prune_mark (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    marked_at TEXT NOT NULL
);
""",
    )
)

MIGRATIONS.append(
    Migration(
        10,
        "review",
        """
-- Where a review stands: whom it skipped or snoozed (and until when), so that a review resumed after
-- quitting goes on where it stopped. Answers themselves are evidence, prune marks and edits.
CREATE TABLE review_state (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    answer TEXT NOT NULL CHECK (answer IN ('skip', 'snooze')),
    until TEXT,
    answered_at TEXT NOT NULL
);
""",
    )
)

MIGRATIONS.append(
    Migration(
        11,
        "dates that matter",
        """
-- A birthday and an anniversary: full or partial dates, or a day of the year with no year (--05-04).
ALTER TABLE person ADD COLUMN birthday TEXT;
ALTER TABLE person ADD COLUMN anniversary TEXT;
""",
    )
)

MIGRATIONS.append(
    Migration(
        12,
        "nickname index",
        """
-- Completing a person on the command line by nickname without reading every person (0.44 s at 100k).
CREATE INDEX person_nickname ON person(nickname COLLATE NOCASE) WHERE nickname IS NOT NULL;
""",
    )
)

MIGRATIONS.append(
    Migration(
        13,
        "teams",
        """
-- A person never published to a team (cnet edit --team-private).
ALTER TABLE person ADD COLUMN team_private INTEGER NOT NULL DEFAULT 0;

-- Requests may come through a team (channel 'team'): the table is rebuilt because SQLite cannot change a CHECK.
CREATE TABLE request_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('connect', 'intro')),
    from_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_person INTEGER REFERENCES person(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'in-person', 'email', 'linkedin', 'message', 'team')),
    reason TEXT,
    note TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    received_on TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'cnet',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO request_new SELECT id, kind, from_person, to_person, channel, reason, note, status, received_on, source,
    created_at, updated_at FROM request;
DROP TABLE request;
ALTER TABLE request_new RENAME TO request;
CREATE INDEX request_from ON request(from_person);

-- The team this database is linked to (at most one): where its store is (a libpq URL that holds no password),
-- who I am there, and the fingerprint of the team's key (the key itself is a private file beside the database).
CREATE TABLE team_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    team_id TEXT NOT NULL,
    handle TEXT NOT NULL,
    key_check TEXT NOT NULL,
    private_tags TEXT NOT NULL DEFAULT '[]',
    joined_at TEXT NOT NULL,
    published_at TEXT,
    published_count INTEGER
);

-- A request that travelled through the team: an ask that came to me ('in') or one I sent ('out'), with the
-- number it has on the team's server and the answer last sent back (so a decision travels once).
CREATE TABLE team_ask (
    request_id INTEGER PRIMARY KEY REFERENCES request(id) ON DELETE CASCADE,
    ask_id INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    member TEXT NOT NULL,
    answered TEXT,
    UNIQUE (direction, ask_id)
);
""",
        rebuilds=True,
    )
)

MIGRATIONS.append(
    Migration(
        14,
        "archives remember; employers and schools",
        """
-- Every message, meeting or LinkedIn message an import read is kept as its headers (never a body): the
-- subject only where the import was allowed to keep it, and each address with its role on it, so that
-- when an address becomes someone's their interactions appear without reading the archive again.
-- LinkedIn messages are kept by profile URL; invitations I sent are kept too (they are not interactions).
CREATE TABLE archive_item_new (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('mail', 'calendar', 'linkedin')),
    source_id TEXT NOT NULL,
    on_date TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'meeting', 'invite')),
    subject TEXT,
    UNIQUE (source, source_id)
);
INSERT INTO archive_item_new (id, source, source_id, on_date, direction)
    SELECT id, source, source_id, on_date, direction FROM archive_item;
-- role: 'from' (the sender of a message to me), 'to' or 'cc' (a recipient), 'attendee' (a meeting's).
-- Rows kept before roles were: a message I sent, or a meeting, counts for every address on it; of a message
-- to me, the sender is the address whose person had the interaction, and the others stay unknown (NULL)
-- until the archive is imported again.
CREATE TABLE archive_party_new (
    item_id INTEGER NOT NULL REFERENCES archive_item_new(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    name TEXT,
    role TEXT CHECK (role IN ('from', 'to', 'cc', 'attendee')),
    PRIMARY KEY (item_id, address)
) WITHOUT ROWID;
INSERT INTO archive_party_new (item_id, address, name, role)
    SELECT p.item_id, p.address, p.name,
        CASE i.direction
            WHEN 'out' THEN 'to'
            WHEN 'meeting' THEN 'attendee'
            ELSE CASE WHEN EXISTS (
                SELECT 1 FROM interaction x JOIN email e ON e.person_id = x.person_id
                WHERE x.source = i.source AND x.source_id = i.source_id AND e.address_key = p.address
            ) THEN 'from' END
        END
    FROM archive_party p JOIN archive_item i ON i.id = p.item_id;
DROP TABLE archive_party;
DROP TABLE archive_item;
ALTER TABLE archive_item_new RENAME TO archive_item;
ALTER TABLE archive_party_new RENAME TO archive_party;
CREATE INDEX archive_party_address ON archive_party(address);
CREATE INDEX archive_item_day ON archive_item(on_date);

-- Where a person worked or studied, and when: mine come from LinkedIn's Positions and Education files or
-- cnet edit me --employer/--school; shared ones are part of the review's "likely known" score.
CREATE TABLE affiliation (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('employer', 'school')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    start TEXT,
    until TEXT,
    source TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (person_id, kind, name_key, start)
);
CREATE INDEX affiliation_key ON affiliation(name_key);
""",
        rebuilds=True,
    )
)

MIGRATIONS.append(
    Migration(
        15,
        "what cnet last wrote or read of each card",
        """
-- For each card UID: the person's declared fields as cnet last wrote them (an export) or read them (an
-- import), so that a card edited in another address book is compared field by field with that, not with
-- today's values: what only the other side changed arrives, what both changed is a conflict.
CREATE TABLE card_sync (
    uid TEXT NOT NULL PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    fields TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX card_sync_person ON card_sync(person_id);
""",
    )
)

MIGRATIONS.append(
    Migration(
        16,
        "degrees kept in place",
        """
-- Beside each degree from me, counts of links kept with it (see network/degrees.py): to people one degree
-- nearer (ways in), to 2nd-degree people, and to 2nd-degree people reached through no one else.
ALTER TABLE degree_cache ADD COLUMN nominal_parents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE degree_cache ADD COLUMN nominal_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE degree_cache ADD COLUMN nominal_sole INTEGER NOT NULL DEFAULT 0;
ALTER TABLE degree_cache ADD COLUMN curated_parents INTEGER NOT NULL DEFAULT 0;
ALTER TABLE degree_cache ADD COLUMN curated_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE degree_cache ADD COLUMN curated_sole INTEGER NOT NULL DEFAULT 0;
-- Whose ties changed since the degrees were brought up to date: only they (and those whose distance can
-- change through them) are looked at again. Noted by triggers, whatever path writes a tie.
CREATE TABLE degree_dirty (person_id INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER link_insert_dirties AFTER INSERT ON link BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (new.a), (new.b);
END;
CREATE TRIGGER link_delete_dirties AFTER DELETE ON link BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (old.a), (old.b);
END;
CREATE TRIGGER link_update_dirties AFTER UPDATE OF a, b ON link BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (old.a), (old.b), (new.a), (new.b);
END;
CREATE TRIGGER connection_insert_dirties AFTER INSERT ON connection BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (new.person_id);
END;
CREATE TRIGGER connection_delete_dirties AFTER DELETE ON connection BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (old.person_id);
END;
CREATE TRIGGER connection_update_dirties AFTER UPDATE OF person_id, curated ON connection
WHEN old.person_id IS NOT new.person_id OR old.curated IS NOT new.curated BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (old.person_id), (new.person_id);
END;
CREATE TRIGGER person_insert_dirties AFTER INSERT ON person BEGIN
    INSERT OR IGNORE INTO degree_dirty (person_id) VALUES (new.id);
END;
-- The counts are new: the next reader makes them (and the degrees) in one pass over the graph.
INSERT OR REPLACE INTO meta (key, value) VALUES ('degrees_kept', '0');
DELETE FROM meta WHERE key = 'bridges';
""",
    )
)

MIGRATIONS.append(
    Migration(
        17,
        "team asks that end unanswered; a database's team preferences beyond its link; a link's service",
        """
-- A request can be withdrawn: a team ask that left the team's server before it was answered (the asker or the
-- member left, or the member no longer publishes that tie) is closed as that, not left open for ever.
CREATE TABLE request_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('connect', 'intro')),
    from_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_person INTEGER REFERENCES person(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'in-person', 'email', 'linkedin', 'message', 'team')),
    reason TEXT,
    note TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
    received_on TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'cnet',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO request_new SELECT id, kind, from_person, to_person, channel, reason, note, status, received_on, source,
    created_at, updated_at FROM request;
DROP TABLE request;
ALTER TABLE request_new RENAME TO request;
CREATE INDEX request_from ON request(from_person);

-- What belongs to this database rather than to one link, so it outlives a leave: the tags whose people are
-- never published, and the random id its seat on a team's server holds (so that a second database linked as
-- the same member is told so rather than undoing this one's rows; made at the first join or contact).
CREATE TABLE team_prefs (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_tags TEXT NOT NULL DEFAULT '[]',
    seat TEXT
);
INSERT INTO team_prefs (id, private_tags) SELECT 1, private_tags FROM team_link WHERE private_tags <> '[]';
ALTER TABLE team_link DROP COLUMN private_tags;

-- The libpq service (PGSERVICE) a link joined with, so later commands reach the server the same way.
ALTER TABLE team_link ADD COLUMN service TEXT;
""",
        rebuilds=True,
    )
)

MIGRATIONS.append(
    Migration(
        18,
        "the vdir each card was last written to or read from",
        """
-- The folder (a vdir: one card a file) a card was last written to or read from, absolute; NULL for a card
-- that came by a file of its own. A card of that folder no longer in it was deleted in another client.
ALTER TABLE card_sync ADD COLUMN vdir TEXT;
CREATE INDEX card_sync_vdir ON card_sync(vdir);
""",
    )
)

LATEST = MIGRATIONS[-1].version


def split_statements(sql: str) -> list[str]:
    """Split a script into whole statements (triggers included) using SQLite's own test."""
    statements: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if not buf and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buf[:60]!r}")
    return statements


def current_version(conn: sqlite3.Connection) -> int:
    """Return the schema version; 0 for a blank file; refuse a file that is not cnet's."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" not in tables:
        if tables:
            raise StoreError(
                "this SQLite file is not a cnet database (it has tables but no cnet schema)",
                hint="Choose another file with --db or CNET_DB.",
            )
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, *, target: int | None = None, migrations=None) -> list[int]:
    """Apply pending migrations in order, each in one transaction; return the versions applied.

    `conn` must be in autocommit mode (isolation_level=None) so BEGIN/COMMIT are ours.
    """
    migrations = migrations if migrations is not None else MIGRATIONS
    target = migrations[-1].version if target is None else target
    version = current_version(conn)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied: list[int] = []
    for m in migrations:
        if m.version <= version or m.version > target:
            continue
        keys_on = m.rebuilds and conn.execute("PRAGMA foreign_keys").fetchone()[0]
        if keys_on:
            conn.execute("PRAGMA foreign_keys = OFF")  # outside the transaction, where SQLite honours it
        conn.execute("BEGIN IMMEDIATE")
        try:
            for stmt in split_statements(m.sql):
                conn.execute(stmt)
            if m.rebuilds and conn.execute("PRAGMA foreign_key_check").fetchone():
                raise StoreError(f"migration {m.version} ({m.name}) would leave a reference pointing nowhere")
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (m.version, m.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            if keys_on:
                conn.execute("PRAGMA foreign_keys = ON")
        applied.append(m.version)
    return applied
