"""The life of an introduction: requested → asked → agreed | declined → introduced → outcome."""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..dates import now_iso as now
from ..errors import BadInput, NotFound

STATUSES = ("requested", "asked", "agreed", "declined", "introduced", "closed")
OUTCOMES = ("met", "hired", "deal", "no-show", "ghosted", "declined")
OPEN = ("requested", "asked", "agreed")
_COLUMNS = (
    "i.id, i.a, pa.handle, pa.name, i.b, pb.handle, pb.name, rq.handle, i.request_id, i.reason, i.status, i.outcome, "
    "i.consent_note, i.requested_at, i.asked_at, i.answered_at, i.introduced_at, i.outcome_at, i.draft"
)
_FROM = (
    "FROM introduction i JOIN person pa ON pa.id = i.a JOIN person pb ON pb.id = i.b "
    "LEFT JOIN person rq ON rq.id = i.requested_by"
)


def _as_record(r) -> dict:
    return {
        "id": r[0],
        "a": r[2],
        "a_name": r[3],
        "b": r[5],
        "b_name": r[6],
        "requested_by": r[7],
        "request": r[8],
        "reason": r[9],
        "status": r[10],
        "outcome": r[11],
        "consent_note": r[12],
        "dates": {"requested": r[13], "asked": r[14], "answered": r[15], "introduced": r[16], "outcome": r[17]},
        "draft": r[18],
    }


def intro_record(conn: sqlite3.Connection, iid: int) -> dict:
    # An id past SQLite's integers is no introduction (sqlite3 would raise OverflowError binding it).
    row = conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE i.id = ?", (iid,)).fetchone() if 0 < iid < 1 << 63 else None
    if row is None:
        raise NotFound(f"no introduction #{iid}", hint="List them with: cnet intro list")
    return _as_record(row)


def list_intros(conn: sqlite3.Connection, *, status: str | None = None, person: int | None = None) -> list[dict]:
    if status and status not in STATUSES:
        raise BadInput(f"--status: '{status}' is not one of {', '.join(STATUSES)}")
    where: list[str] = []
    params: list[object] = []
    if status:
        where.append("i.status = ?")
        params.append(status)
    if person:
        where.append("(i.a = ? OR i.b = ? OR i.requested_by = ?)")
        params += [person, person, person]
    sql = f"SELECT {_COLUMNS} {_FROM}" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY i.id DESC"
    return [_as_record(r) for r in conn.execute(sql, params)]


def open_intro(conn: sqlite3.Connection, a: int, b: int) -> int | None:
    row = conn.execute(
        "SELECT id FROM introduction WHERE a = ? AND b = ? AND status IN ('requested', 'asked', 'agreed') "
        "ORDER BY id DESC LIMIT 1",
        (a, b),
    ).fetchone()
    return row[0] if row else None


def made_on(conn: sqlite3.Connection, a: int, b: int, day: str) -> int | None:
    """The introduction of these two (either way round) already recorded as made on `day` (YYYY-MM-DD)."""
    row = conn.execute(
        "SELECT id FROM introduction WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?)) AND introduced_at IS NOT NULL "
        "AND substr(introduced_at, 1, 10) = ? ORDER BY id DESC LIMIT 1",
        (a, b, b, a, day),
    ).fetchone()
    return row[0] if row else None


def start(
    conn: sqlite3.Connection,
    a: int,
    b: int,
    *,
    status: str,
    reason: str | None,
    request_id: int | None = None,
    requested_by: int | None = None,
) -> int:
    """Open a new introduction at `status` (requested or asked)."""
    stamp = now()
    cur = conn.execute(
        "INSERT INTO introduction (a, b, requested_by, request_id, reason, status, requested_at, asked_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a, b, requested_by, request_id, reason, status, stamp, stamp if status == "asked" else None, stamp, stamp),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def mark_asked(conn: sqlite3.Connection, iid: int, reason: str | None) -> None:
    stamp = now()
    conn.execute(
        "UPDATE introduction SET status = 'asked', asked_at = ?, reason = coalesce(?, reason), updated_at = ? "
        "WHERE id = ?",
        (stamp, reason, stamp, iid),
    )


def mark_introduced(
    conn: sqlite3.Connection, iid: int, draft: str, reason: str | None, *, on: str | None = None
) -> None:
    """Record that an introduction was made (on `on`, a date as given, or now) with the text that was sent."""
    stamp = now()
    conn.execute(
        "UPDATE introduction SET status = 'introduced', introduced_at = ?, draft = ?, reason = coalesce(?, reason), "
        "updated_at = ? WHERE id = ?",
        (on or stamp, draft, reason, stamp, iid),
    )


def consent(conn: sqlite3.Connection, iid: int, yes: bool, note: str | None) -> dict:
    rec = intro_record(conn, iid)
    if rec["status"] not in ("requested", "asked", "agreed", "declined"):
        raise BadInput(f"introduction #{iid} is already {rec['status']}; consent belongs before the introduction")
    stamp = now()
    conn.execute(
        "UPDATE introduction SET status = ?, answered_at = ?, consent_note = coalesce(?, consent_note), "
        "asked_at = coalesce(asked_at, ?), updated_at = ? WHERE id = ?",
        ("agreed" if yes else "declined", stamp, note, stamp, stamp, iid),
    )
    return intro_record(conn, iid)


def record_outcome(conn: sqlite3.Connection, iid: int, outcome: str, when: str | None = None) -> dict:
    if outcome not in OUTCOMES:
        raise BadInput(f"outcome '{outcome}' is not one of {', '.join(OUTCOMES)}")
    rec = intro_record(conn, iid)
    if rec["status"] not in ("introduced", "closed") and outcome != "declined":
        raise BadInput(
            f"introduction #{iid} is {rec['status']}: only 'declined' can end it before the introduction is made",
            hint=f"Draft it (cnet intro {rec['a']} {rec['b']}), send it, then record that: cnet intro sent {iid}",
        )
    stamp = when or now()
    not_before(rec, stamp, "closed", "requested", "asked", "answered", "introduced")
    conn.execute(
        "UPDATE introduction SET outcome = ?, outcome_at = ?, status = 'closed', updated_at = ? WHERE id = ?",
        (outcome, stamp, now(), iid),
    )
    return intro_record(conn, iid)


def moment(stored: str) -> dt.datetime:
    """A step's date as stored — a timestamp, or a day as the user gave it (`--on 2026-11-01`) — in UTC."""
    when = dt.datetime.fromisoformat(stored)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def not_before(rec: dict, when: str, step: str, *steps: str) -> None:
    """Refuse a date for `step` earlier than a step the introduction has already taken."""
    for earlier in steps:
        at = rec["dates"].get(earlier)
        if at and when[:10] < at[:10]:
            raise BadInput(
                f"introduction #{rec['id']} was {earlier} on {at[:10]}: it cannot have been {step} on {when[:10]}"
            )


def pending(conn: sqlite3.Connection, days: int, *, today: dt.datetime | None = None) -> list[dict]:
    """Introductions whose current step has waited longer than `days`, with what is waiting."""
    today = today or dt.datetime.now(dt.UTC)
    out = []
    waits = {
        "requested": ("requested", "ask the person being reached: cnet intro ask {a} {b}"),
        "asked": ("asked", "waiting for {b_name}'s answer: cnet intro consent {id} yes|no"),
        "agreed": ("answered", "{b_name} agreed: draft it (cnet intro {a} {b}), send it, then: cnet intro sent {id}"),
        "introduced": ("introduced", "how did it go? cnet intro outcome {id} met|hired|deal|no-show|ghosted"),
    }
    for rec in list_intros(conn):
        if rec["status"] not in waits:
            continue
        key, step = waits[rec["status"]]
        since = rec["dates"][key]
        if not since:
            continue
        waited = (today - moment(since)).days
        if waited > days:
            out.append({**rec, "waiting_days": waited, "next": step.format(**rec)})
    return out


_RESTORED = (
    "reason",
    "consent_note",
    "draft",
    "requested_at",
    "asked_at",
    "answered_at",
    "introduced_at",
    "outcome_at",
    "created_at",
    "updated_at",
)


def restore(conn: sqlite3.Connection, x: dict, ids: dict[str, int], *, what: str) -> None:
    """Write an introduction as an export holds it (its number, every step's date), checking its life."""
    if x.get("status") not in STATUSES:
        raise BadInput(f"{what}.status: '{x.get('status')}' is not one of {', '.join(STATUSES)}")
    if x.get("outcome") is not None and x["outcome"] not in OUTCOMES:
        raise BadInput(f"{what}.outcome: '{x['outcome']}' is not one of {', '.join(OUTCOMES)}")
    a, b = ids[x["a"]], ids[x["b"]]
    if a == b:
        raise BadInput(f"{what}: an introduction needs two different people")
    for key in _RESTORED:
        if x.get(key) is not None and not isinstance(x[key], str):
            raise BadInput(f"{what}.{key}: expected text")
    if not isinstance(x.get("id"), int) or not isinstance(x.get("created_at"), str):
        raise BadInput(f"{what}: expected a number (id) and created_at")
    conn.execute(
        "INSERT INTO introduction (id, a, b, requested_by, request_id, status, outcome, "
        f"{', '.join(_RESTORED)}) VALUES (?, ?, ?, ?, ?, ?, ?, {', '.join('?' * len(_RESTORED))})",
        (
            x["id"],
            a,
            b,
            ids[x["requested_by"]] if x.get("requested_by") else None,
            x.get("request_id"),
            x["status"],
            x.get("outcome"),
            *(x.get(k) for k in _RESTORED),
        ),
    )


def move_introductions(conn: sqlite3.Connection, other: int, keep: int) -> tuple[int, dict[str, int]]:
    """Give `keep` the introductions of `other` (merge). One between the two would now be from a person to
    herself: it ends here. Return (how many ended, how many moved by role)."""
    dropped = conn.execute(
        "DELETE FROM introduction WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (keep, other, other, keep)
    ).rowcount
    moved = {
        column: conn.execute(f"UPDATE introduction SET {column} = ? WHERE {column} = ?", (keep, other)).rowcount
        for column in ("a", "b", "requested_by")
    }
    return dropped, moved
