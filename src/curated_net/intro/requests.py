"""Requests: someone asked me to connect, or to introduce them to someone."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import Any

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput, NotFound
from ..people.writes import check_text

# `team`: asked through a cnet team (cnet team ask); the default policy does not count it as personal.
CHANNELS = ("phone", "in-person", "email", "linkedin", "message", "team")
# `withdrawn`: a team ask that left the team's server unanswered (closed by cnet team sync or leave).
STATUSES = ("open", "accepted", "declined", "withdrawn")


def add_request(
    conn: sqlite3.Connection,
    kind: str,
    from_pid: int,
    *,
    channel: str,
    to_pid: int | None = None,
    reason: str | None = None,
    note: str | None = None,
    received_on: str | None = None,
    source: str = "cnet",
    status: str = "open",
    rid: int | None = None,
    stamps: tuple[str, str] | None = None,
) -> int:
    """Record a request. A restore gives its number, status and (created, updated) times as the export held them."""
    if not isinstance(channel, str):
        raise BadInput("--via: expected text")
    channel = tx.clean_input(channel).lower()
    if kind not in ("connect", "intro"):
        raise BadInput(f"a request is to connect or for an intro, not '{tx.printable(str(kind))}'")
    if status not in STATUSES:
        raise BadInput(f"request status '{tx.printable(str(status))}' is not one of {', '.join(STATUSES)}")
    if channel not in CHANNELS:
        raise BadInput(f"--via: '{tx.printable(channel)}' is not one of {', '.join(CHANNELS)}")
    me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    if me and from_pid == me[0] and channel != "team":
        # The one request of mine is an ask I sent a teammate through the team (cnet team ask).
        raise BadInput("a request comes from someone else, not from me")
    reason = check_text(reason, what="--reason")
    note = check_text(note, what="--note")
    if kind == "intro":
        if to_pid is None:
            raise BadInput("an introduction request names whom they want to meet")
        if to_pid == from_pid:
            raise BadInput("someone cannot ask to be introduced to themselves")
        if not reason:
            raise BadInput("--reason: say why they want the introduction")
    day = parse_partial_date(received_on, field="--on").iso() if received_on else dt.date.today().isoformat()
    created, updated = stamps or (now_iso(), now_iso())
    cur = conn.execute(
        "INSERT INTO request (id, kind, from_person, to_person, channel, reason, note, status, received_on, source, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            rid,
            kind,
            from_pid,
            to_pid,
            channel,
            reason,
            note,
            status,
            day,
            source,
            created,
            updated,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


_COLS = (
    "r.id, r.kind, f.id, f.handle, f.name, t.id, t.handle, t.name, r.channel, r.reason, r.note, r.status, "
    "r.received_on, r.source, ta.direction, ta.member, ta.ask_id"
)
_FROM = (
    "FROM request r JOIN person f ON f.id = r.from_person LEFT JOIN person t ON t.id = r.to_person "
    "LEFT JOIN team_ask ta ON ta.request_id = r.id"
)


def _as_record(r) -> dict:
    return {
        "id": r[0],
        "kind": r[1],
        "from_id": r[2],
        "from": r[3],
        "from_name": r[4],
        "to_id": r[5],
        "to": r[6],
        "to_name": r[7],
        "channel": r[8],
        "reason": r[9],
        "note": r[10],
        "status": r[11],
        "received_on": r[12],
        "source": r[13],
        # Through a team: the teammate who asked me ('in'), or whom I asked ('out'), and the ask's number there.
        "team": {"direction": r[14], "member": r[15], "ask": r[16]} if r[14] else None,
    }


def request_record(conn: sqlite3.Connection, rid: int) -> dict:
    # An id past SQLite's integers is no request (sqlite3 would raise OverflowError binding it).
    row = conn.execute(f"SELECT {_COLS} {_FROM} WHERE r.id = ?", (rid,)).fetchone() if 0 < rid < 1 << 63 else None
    if row is None:
        raise NotFound(f"no request #{rid}", hint="List them with: cnet request list")
    return _as_record(row)


def list_requests(conn: sqlite3.Connection, *, status: str | None = None, kind: str | None = None) -> list[dict]:
    where, params = [], []
    if status:
        if status not in STATUSES:
            raise BadInput(f"--status: '{tx.printable(status)}' is not one of {', '.join(STATUSES)}")
        where.append("r.status = ?")
        params.append(status)
    if kind:
        where.append("r.kind = ?")
        params.append(kind)
    sql = f"SELECT {_COLS} {_FROM}" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.id DESC"
    return [_as_record(r) for r in conn.execute(sql, params)]


def refuse_mine(rec: Mapping[str, Any]) -> None:
    """An ask I sent through the team is decided by the teammate I asked, not by me."""
    team = rec.get("team") or {}
    if team.get("direction") == "out":
        raise BadInput(
            f"request #{rec['id']} is your own ask to {team['member']} through the team; {team['member']} decides it",
            hint="Its answer arrives with: cnet team sync",
        )


def accept_if_open(conn: sqlite3.Connection, rid: int) -> None:
    """An introduction made from a request answers it: accepted, if it is still open."""
    conn.execute(
        "UPDATE request SET status = 'accepted', updated_at = ? WHERE id = ? AND status = 'open'", (now_iso(), rid)
    )


def set_status(conn: sqlite3.Connection, rid: int, status: str, *, theirs: bool = False) -> None:
    """Accept or decline an open request; `theirs`: the teammate I asked answered my ask (cnet team sync)."""
    rec = request_record(conn, rid)
    if not theirs:
        refuse_mine(rec)
    if rec["status"] != "open":
        raise BadInput(f"request #{rid} is already {rec['status']}")
    stamp = now_iso()
    conn.execute("UPDATE request SET status = ?, updated_at = ? WHERE id = ?", (status, stamp, rid))


def withdraw(conn: sqlite3.Connection, rid: int) -> bool:
    """Close an open request whose team ask left the team's server unanswered; return whether it was open."""
    return (
        conn.execute(
            "UPDATE request SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = 'open'", (now_iso(), rid)
        ).rowcount
        > 0
    )


def move_requests(conn: sqlite3.Connection, other: int, keep: int) -> tuple[int, dict[str, int]]:
    """Give `keep` the requests of `other` (merge); one between the two ends. Return (ended, moved by role)."""
    dropped = conn.execute(
        "DELETE FROM request WHERE (from_person = ? AND to_person = ?) OR (from_person = ? AND to_person = ?)",
        (keep, other, other, keep),
    ).rowcount
    moved = {
        column: conn.execute(f"UPDATE request SET {column} = ? WHERE {column} = ?", (keep, other)).rowcount
        for column in ("from_person", "to_person")
    }
    return dropped, moved
