"""Reviewing a queue of people one at a time: who comes next, and the answers that are not evidence.

The queues: `nominal` (connections with no evidence, LinkedIn-only ones first), `unintroducible`
(connections the intro rules would refuse for missing colour: no how-met, since or highlight),
`stale` (connections with no contact in a year), `suggested` (connections the archives have evidence
for). A person skipped is not shown again in this review's queue until the queue is done; one snoozed
not before the day it ends. Every answer is written as it is given (evidence through the gated
connect), so quitting loses nothing and a review resumed goes on where it stopped.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..dates import now_iso
from ..errors import BadInput

QUEUES = ("nominal", "unintroducible", "stale", "suggested")


def queue(
    conn: sqlite3.Connection, name: str = "nominal", *, tag: str | None = None, company: str | None = None
) -> list[int]:
    """The people a review of this queue will show, in order; those skipped or snoozed are left out."""
    from .. import text as tx
    from ..people.records import like_escape

    if name not in QUEUES:
        raise BadInput(f"--queue: '{name}' is not one of {', '.join(QUEUES)}")
    today = dt.date.today().isoformat()
    where = [
        "NOT EXISTS (SELECT 1 FROM review_state r WHERE r.person_id = p.id "
        "AND (r.answer = 'skip' OR coalesce(r.until, '') > ?))",
        "NOT EXISTS (SELECT 1 FROM prune_mark m WHERE m.person_id = p.id)",
        "p.is_me = 0",
    ]
    params: list[object] = [today]
    if tag:
        where.append("p.id IN (SELECT person_id FROM tag WHERE name_key = ?)")
        params.append(tx.name_key(tag))
    if company:
        where.append("p.company LIKE ? ESCAPE '\\\\'")
        params.append("%" + like_escape(tx.clean_input(company)) + "%")
    no_evidence = "NOT EXISTS (SELECT 1 FROM evidence e WHERE e.person_id = c.person_id)"
    if name == "nominal":
        where.append(no_evidence)
        order = "c.nominal_source IS NULL, p.name_key"
    elif name == "unintroducible":
        where.append(
            "(p.how_met IS NULL OR p.met_on IS NULL OR NOT EXISTS (SELECT 1 FROM highlight h WHERE h.person_id = p.id))"
        )
        order = "p.name_key"
    elif name == "stale":
        cutoff = (dt.date.today() - dt.timedelta(days=365)).isoformat()
        where.append("coalesce((SELECT max(on_date) FROM interaction i WHERE i.person_id = p.id), '') < ?")
        params.append(cutoff)
        order = "(SELECT max(on_date) FROM interaction i WHERE i.person_id = p.id), p.name_key"
    else:
        where.append(no_evidence)
        where.append(
            "EXISTS (SELECT 1 FROM email e JOIN archive_party a ON a.address = e.address_key WHERE e.person_id = p.id)"
        )
        order = "p.name_key"
    sql = (
        "SELECT p.id FROM connection c JOIN person p ON p.id = c.person_id WHERE "
        + " AND ".join(where)
        + f" ORDER BY {order}"
    )
    return [r[0] for r in conn.execute(sql, params)]


def set_state(conn: sqlite3.Connection, pid: int, answer: str | None, *, days: int | None = None) -> None:
    """Skip or snooze a person in reviews (None clears it, for undo)."""
    conn.execute("DELETE FROM review_state WHERE person_id = ?", (pid,))
    if answer is None:
        return
    if answer not in ("skip", "snooze"):
        raise BadInput(f"'{answer}' is not skip or snooze")
    until = (dt.date.today() + dt.timedelta(days=days or 30)).isoformat() if answer == "snooze" else None
    conn.execute(
        "INSERT INTO review_state (person_id, answer, until, answered_at) VALUES (?, ?, ?, ?)",
        (pid, answer, until, now_iso()),
    )


def clear_skips(conn: sqlite3.Connection) -> None:
    """A queue gone through once: its skipped people come back next time (snoozed ones keep their day)."""
    conn.execute("DELETE FROM review_state WHERE answer = 'skip'")
