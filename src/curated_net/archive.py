"""What the archives said, kept: the headers of every message, meeting and LinkedIn message an import read.

An import keeps each item once (a Message-ID; an event's UID and occurrence; a LinkedIn message's
conversation, sender and time) with its date, direction, the subject where it was allowed to keep one,
and every address on it with its role — never a body. Interactions are worked out from what is kept,
here and nowhere else (`attribute`): a message to me is an interaction with its sender, one I sent an
interaction with each recipient, a meeting one with each attendee. So when an address becomes
someone's — by `add`, `edit --email`, `suggest accept`, a merge, any import — their interactions
appear at once; when it stops being theirs, the interactions that came only through it go.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from . import text as tx
from .dates import now_iso, parse_partial_date
from .errors import BadInput, Usage

SOURCES = ("mail", "calendar", "linkedin")
ROLES = ("from", "to", "cc", "attendee")

# An address on an item is someone I was in touch with: the sender of a message to me, each recipient of one I
# sent, each attendee of a meeting. (An invitation I sent is kept but is no interaction.)
COUNTED = "p.role IS NOT NULL AND i.direction <> 'invite' AND (i.direction = 'in') = (p.role = 'from')"
_KIND = "CASE i.source WHEN 'mail' THEN 'email' WHEN 'calendar' THEN 'meeting' ELSE 'message' END"
_NOTE = (
    "coalesce(nullif(i.subject, ''), CASE i.source || ' ' || i.direction "
    "WHEN 'mail out' THEN 'E-mail to them' WHEN 'mail in' THEN 'E-mail from them' "
    "WHEN 'linkedin out' THEN 'LinkedIn message to them' WHEN 'linkedin in' THEN 'LinkedIn message from them' "
    "ELSE 'Meeting' END)"
)
# Every address a person has: their e-mails and their LinkedIn profile.
# (A LinkedIn message that named someone without a profile URL is kept by their handle, which never changes.)
_OWNED = (
    "SELECT e.person_id AS pid, e.address_key AS address FROM email e WHERE e.person_id IN ({ids}) "
    "UNION SELECT q.id, q.linkedin FROM person q WHERE q.id IN ({ids}) AND q.linkedin IS NOT NULL "
    "UNION SELECT q.id, 'handle:' || q.handle FROM person q WHERE q.id IN ({ids})"
)
_ALL_OWNED = (
    "SELECT e.person_id AS pid, e.address_key AS address FROM email e "
    "UNION SELECT q.id, q.linkedin FROM person q WHERE q.linkedin IS NOT NULL "
    "UNION SELECT q.id, 'handle:' || q.handle FROM person q"
)
OWNED = _ALL_OWNED


def record_item(
    conn: sqlite3.Connection,
    source: str,
    source_id: str,
    day: str,
    direction: str,
    parties: Sequence[tuple[str, str | None, str | None]],
    *,
    subject: str | None = None,
) -> int | None:
    """Keep a message or meeting once, with the addresses on it (not mine) as (address, name, role); return its
    id, or None when it was kept before (then what an earlier version did not keep — roles, the subject — is
    filled in)."""
    if source not in SOURCES:
        raise BadInput(f"an archive item comes from {', '.join(SOURCES)}, not '{tx.printable(str(source))}'")
    cur = conn.execute(
        "INSERT OR IGNORE INTO archive_item (source, source_id, on_date, direction, subject) VALUES (?, ?, ?, ?, ?)",
        (source, source_id, day, direction, subject or None),
    )
    rows = [(address.lower() if "@" in address else address, name or None, role) for address, name, role in parties]
    if cur.rowcount:
        conn.executemany(
            "INSERT OR IGNORE INTO archive_party (item_id, address, name, role) VALUES (?, ?, ?, ?)",
            [(cur.lastrowid, a, n, r) for a, n, r in rows],
        )
        return cur.lastrowid
    item = conn.execute(
        "SELECT id FROM archive_item WHERE source = ? AND source_id = ?", (source, source_id)
    ).fetchone()
    if subject:
        conn.execute("UPDATE archive_item SET subject = ? WHERE id = ? AND subject IS NULL", (subject, item[0]))
    conn.executemany(
        "UPDATE archive_party SET role = ? WHERE item_id = ? AND address = ? AND role IS NULL",
        [(r, item[0], a) for a, _n, r in rows if r],
    )
    return None


def _ids(pids: Iterable[int] | None) -> tuple[str, list]:
    if pids is None:
        return "", []
    return "SELECT value FROM json_each(?)", [json.dumps(sorted(set(pids)))]


def attribute(conn: sqlite3.Connection, pids: Iterable[int] | None = None, *, prune: bool = False) -> int:
    """Bring the interactions read from archives in step with who has which address (for these people, or
    everyone): add those their addresses are owed; with `prune`, remove those no address of theirs is on any
    more (an address taken away). Return how many were added."""
    if conn.execute("SELECT 1 FROM archive_item LIMIT 1").fetchone() is None:
        return 0
    if pids is not None:
        pids = sorted(set(pids))
        if not pids:
            return 0
    sub, params = _ids(pids)
    owned = _OWNED.format(ids=sub) if pids is not None else _ALL_OWNED
    owned_params = params * 3
    if prune:
        conn.execute(
            f"WITH owned AS ({owned}) DELETE FROM interaction WHERE id IN ("
            "SELECT x.id FROM interaction x JOIN archive_item i ON i.source = x.source AND i.source_id = x.source_id "
            f"WHERE x.source IS NOT NULL {'AND x.person_id IN (' + sub + ')' if pids is not None else ''} "
            "AND NOT EXISTS (SELECT 1 FROM archive_party p JOIN owned o ON o.address = p.address "
            f"WHERE p.item_id = i.id AND o.pid = x.person_id AND {COUNTED}))",
            owned_params + params,
        )
    before = conn.total_changes  # (a statement that starts with WITH has no rowcount in sqlite3)
    conn.execute(
        f"WITH owned AS ({owned}) "
        "INSERT OR IGNORE INTO interaction (person_id, kind, on_date, note, memorable, created_at, source, source_id) "
        f"SELECT o.pid, {_KIND}, i.on_date, {_NOTE}, 0, ?, i.source, i.source_id "
        "FROM owned o JOIN archive_party p ON p.address = o.address JOIN archive_item i ON i.id = p.item_id "
        f"JOIN person q ON q.id = o.pid WHERE q.is_me = 0 AND {COUNTED}",
        [*owned_params, now_iso()],
    )
    return conn.total_changes - before


def owners(conn: sqlite3.Connection, addresses: Iterable[str]) -> set[int]:
    """The people who have any of these addresses (e-mails or LinkedIn profiles)."""
    arg = json.dumps(sorted(set(addresses)))
    return {
        r[0]
        for r in conn.execute(
            "SELECT person_id FROM email WHERE address_key IN (SELECT value FROM json_each(?)) "
            "UNION SELECT id FROM person WHERE linkedin IN (SELECT value FROM json_each(?))",
            (arg, arg),
        )
    }


def matched_since(conn: sqlite3.Connection, first_item: int) -> int:
    """How many people have interactions from the items kept with an id from `first_item` on."""
    return conn.execute(
        "SELECT count(DISTINCT x.person_id) FROM archive_item i JOIN interaction x "
        "ON x.source = i.source AND x.source_id = i.source_id WHERE x.source IS NOT NULL AND i.id >= ?",
        (first_item,),
    ).fetchone()[0]


def next_item_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) + 1 FROM archive_item").fetchone()[0]


# -- forgetting ---------------------------------------------------------------------------------------


def _forget_where(conn: sqlite3.Connection, address: str | None, before: str | None) -> tuple[str, list, str]:
    """The items to forget (by id), their parameters, and what they are, for a message."""
    if (address is None) == (before is None):
        raise Usage("say what to forget: an ADDRESS, or --before DATE (not both)")
    if before is not None:
        try:  # a day to come would forget everything: a typo, never meant
            day = parse_partial_date(before, field="--before").earliest().isoformat()
        except BadInput as exc:
            raise Usage(exc.message) from None
        return "SELECT id FROM archive_item WHERE on_date < ?", [day], f"everything kept from before {day}"
    key = _address_key(address or "")
    return (
        "SELECT item_id FROM archive_party WHERE address = ?",
        [key],
        f"everything kept with {key} on it",
    )


def _address_key(raw: str) -> str:
    text = tx.clean_input(raw)
    if not text:
        raise BadInput("ADDRESS: give an e-mail address or a LinkedIn profile URL")
    if "@" in text:
        return tx.email_key(text.removeprefix("mailto:"))
    if tx.looks_like_url(text):
        return tx.normalise_linkedin(text)
    raise BadInput(f"ADDRESS: '{tx.printable(text)}' is not an e-mail address or a LinkedIn profile URL")


def forget_preview(conn: sqlite3.Connection, *, address: str | None = None, before: str | None = None) -> dict:
    """What `forget` would delete, without deleting it."""
    items, params, what = _forget_where(conn, address, before)
    n_items = conn.execute(f"SELECT count(*) FROM ({items})", params).fetchone()[0]
    n_interactions = conn.execute(
        f"SELECT count(*) FROM interaction x JOIN archive_item i ON i.source = x.source AND i.source_id = x.source_id "
        f"WHERE x.source IS NOT NULL AND i.id IN ({items})",
        params,
    ).fetchone()[0]
    return {"what": what, "items": n_items, "interactions": n_interactions}


def forget(
    conn: sqlite3.Connection, *, address: str | None = None, before: str | None = None, keep_interactions: bool = False
) -> dict:
    """Delete what was kept: for an address, every item it is on (and the address itself); before a date, every
    item older. The interactions those items gave are deleted too, unless `keep_interactions`."""
    preview = forget_preview(conn, address=address, before=before)
    items, params, _what = _forget_where(conn, address, before)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS forgotten (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM forgotten")
    conn.execute(f"INSERT INTO forgotten (id) {items}", params)
    deleted = 0
    if not keep_interactions:
        deleted = conn.execute(
            "DELETE FROM interaction WHERE id IN (SELECT x.id FROM interaction x JOIN archive_item i "
            "ON i.source = x.source AND i.source_id = x.source_id WHERE x.source IS NOT NULL "
            "AND i.id IN (SELECT id FROM forgotten))"
        ).rowcount
    conn.execute("DELETE FROM archive_party WHERE item_id IN (SELECT id FROM forgotten)")
    conn.execute("DELETE FROM archive_item WHERE id IN (SELECT id FROM forgotten)")
    conn.execute("DELETE FROM forgotten")
    return {**preview, "interactions": deleted, "kept_interactions": keep_interactions}


def status(conn: sqlite3.Connection) -> dict:
    """What the archive holds: items by source, the addresses on them and how many are no one's yet."""
    # An invitation I sent is kept (for the review's score) but is no message: counted on its own.
    by_source = dict(
        conn.execute("SELECT source, count(*) FROM archive_item WHERE direction <> 'invite' GROUP BY source").fetchall()
    )
    invitations = conn.execute("SELECT count(*) FROM archive_item WHERE direction = 'invite'").fetchone()[0]
    addresses = conn.execute("SELECT count(DISTINCT address) FROM archive_party").fetchone()[0]
    unknown = conn.execute(
        f"SELECT count(DISTINCT p.address) FROM archive_party p WHERE p.address NOT IN (SELECT address FROM ({_ALL_OWNED}))"
    ).fetchone()[0]
    span = conn.execute("SELECT min(on_date), max(on_date) FROM archive_item").fetchone()
    return {
        "items": {s: by_source.get(s, 0) for s in SOURCES},
        "invitations_sent": invitations,
        "addresses": addresses,
        "addresses_no_ones": unknown,
        "first": span[0],
        "last": span[1],
        "with_subject": conn.execute("SELECT count(*) FROM archive_item WHERE subject IS NOT NULL").fetchone()[0],
    }
