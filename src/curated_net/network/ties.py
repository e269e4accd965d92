"""Reading ties over a plain DB-API connection: connections and evidence, links, interactions, strength.

The JSON shapes of a connection, a piece of evidence and an interaction are defined here, once,
and so is the relationship-strength formula (documented in the README).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from collections.abc import Iterable

from ..dates import load_partial_date

EVIDENCE_FIELDS = ("id", "criterion", "detail", "since", "until", "place", "conversation")
INTERACTION_FIELDS = ("id", "kind", "on", "note", "memorable", "source")
DEFAULT_LINK_STRENGTH = 50


def describe_evidence(e: dict) -> str:
    """One phrase for one piece of evidence: `colleague (data platform, at Northwind, since March 2016)`."""
    parts = [p for p in (e.get("detail"), f"at {e['place']}" if e.get("place") else None) if p]
    since, until = load_partial_date(e.get("since")), load_partial_date(e.get("until"))
    if since and until:
        parts.append(f"{since.human()} to {until.human()}")
    elif since:
        parts.append(f"since {since.human()}")
    elif until:
        parts.append(f"until {until.human()}")
    if e.get("conversation"):
        parts.append(f"we talked about {e['conversation']}")
    return e["criterion"] + (f" ({', '.join(parts)})" if parts else "")


def as_connection_record(
    curated: bool, nominal_source: str | None, nominal_on: str | None, evidence: list[dict]
) -> dict:
    status = "curated" if curated else "nominal"
    if evidence:
        summary = "; ".join(describe_evidence(e) for e in evidence)
    elif nominal_source:
        on = load_partial_date(nominal_on)
        summary = f"{nominal_source} connection" + (f" since {on.human()}" if on else "") + " (nominal)"
    else:
        summary = "connected, no evidence recorded"
    return {
        "status": status,
        "nominal_source": nominal_source,
        "nominal_on": nominal_on,
        "evidence": evidence,
        "summary": f"{status}: {summary}",
    }


def evidence_of(conn: sqlite3.Connection, pid: int) -> list[dict]:
    rows = conn.execute(
        "SELECT id, criterion, detail, since, until, place, conversation FROM evidence WHERE person_id = ? ORDER BY id",
        (pid,),
    )
    return [dict(zip(EVIDENCE_FIELDS, r, strict=True)) for r in rows]


def connection_record(conn: sqlite3.Connection, pid: int) -> dict | None:
    row = conn.execute(
        "SELECT curated, nominal_source, nominal_on FROM connection WHERE person_id = ?", (pid,)
    ).fetchone()
    if row is None:
        return None
    return as_connection_record(bool(row[0]), row[1], row[2], evidence_of(conn, pid))


def interactions(conn: sqlite3.Connection, pid: int) -> list[dict]:
    rows = conn.execute(
        "SELECT id, kind, on_date, note, memorable, source FROM interaction WHERE person_id = ? "
        "ORDER BY on_date DESC, id DESC",
        (pid,),
    )
    return [dict(zip(INTERACTION_FIELDS, (r[0], r[1], r[2], r[3], bool(r[4]), r[5]), strict=True)) for r in rows]


def link_record(conn: sqlite3.Connection, a: int, b: int) -> dict | None:
    row = conn.execute(
        "SELECT how, learnt, strength FROM link WHERE a = ? AND b = ?", (min(a, b), max(a, b))
    ).fetchone()
    if row is None:
        return None
    return {"how": row[0], "learnt": row[1], "strength": row[2]}


# -- relationship strength -------------------------------------------------------------------------

CRITERION_WEIGHT = {
    "family": 50,
    "business-partner": 45,
    "colleague": 45,
    "client": 40,
    "friend": 40,
    "classmate": 30,
    "met-in-person": 30,  # with the conversation recorded; 15 without
}
MET_WITHOUT_CONVERSATION = 15
NOMINAL_WEIGHT = 5
RECENCY_MAX, RECENCY_HALF_LIFE_DAYS = 30, 365
FREQUENCY_MAX, FREQUENCY_WINDOW_DAYS, FREQUENCY_FULL = 20, 730, 8


def _day(stored: str) -> dt.date:
    d = load_partial_date(stored)
    return d.earliest() if d else dt.date.min


def strength(connection: dict | None, events: list[dict], *, today: dt.date | None = None) -> dict:
    """Relationship strength 0–100 = evidence (0–50) + recency (0–30) + frequency (0–20)."""
    today = today or dt.date.today()
    weights = []
    for e in connection["evidence"] if connection else []:
        w = CRITERION_WEIGHT[e["criterion"]]
        if e["criterion"] == "met-in-person" and not e.get("conversation"):
            w = MET_WITHOUT_CONVERSATION
        weights.append((e["criterion"], w))
    if weights:
        # The strongest criterion, plus 5 for each further distinct one.
        evidence_part = min(50, max(w for _, w in weights) + 5 * (len({c for c, _ in weights}) - 1))
    elif connection is not None:
        evidence_part = NOMINAL_WEIGHT
    else:
        evidence_part = 0
    dates = [_day(e["on"]) for e in events]
    last = max(dates, default=None)
    days = max(0, (today - last).days) if last else None
    recency_part = RECENCY_MAX * math.pow(0.5, days / RECENCY_HALF_LIFE_DAYS) if days is not None else 0.0
    window = today - dt.timedelta(days=FREQUENCY_WINDOW_DAYS)
    weighted = sum(2 if e["memorable"] else 1 for e, d in zip(events, dates, strict=True) if d >= window)
    frequency_part = FREQUENCY_MAX * min(1.0, weighted / FREQUENCY_FULL)
    score = round(evidence_part + recency_part + frequency_part)
    return {
        "score": score,
        "evidence": evidence_part,
        "recency": round(recency_part, 1),
        "frequency": round(frequency_part, 1),
        "last_interaction": last.isoformat() if last else None,
        "days_since_last": days,
        "interactions_in_window": weighted,
        "summary": f"{score}/100",
    }


def strength_of(conn: sqlite3.Connection, pid: int) -> dict:
    return strength(connection_record(conn, pid), interactions(conn, pid))


def strengths_of(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, int]:
    """Strength scores for several people (used to rank routes), read in three queries whatever their number."""
    records = connection_records(conn, ids)
    events = interactions_of(conn, records)
    return {pid: strength(c, events.get(pid, []))["score"] for pid, c in records.items()}


def connection_records(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict | None]:
    """Each existing person's connection record (None where not connected), in two queries."""
    arg = json.dumps(sorted(set(ids)))
    out: dict[int, dict | None] = {
        r[0]: None for r in conn.execute("SELECT id FROM person WHERE id IN (SELECT value FROM json_each(?))", (arg,))
    }
    evidence: dict[int, list[dict]] = {}
    for r in conn.execute(
        "SELECT person_id, id, criterion, detail, since, until, place, conversation FROM evidence "
        "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, id",
        (arg,),
    ):
        evidence.setdefault(r[0], []).append(dict(zip(EVIDENCE_FIELDS, r[1:], strict=True)))
    for pid, curated, source, on in conn.execute(
        "SELECT person_id, curated, nominal_source, nominal_on FROM connection "
        "WHERE person_id IN (SELECT value FROM json_each(?))",
        (arg,),
    ):
        out[pid] = as_connection_record(bool(curated), source, on, evidence.get(pid, []))
    return out


def interactions_of(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, list[dict]]:
    """Several people's interactions, newest first, in one query."""
    out: dict[int, list[dict]] = {}
    for r in conn.execute(
        "SELECT person_id, id, kind, on_date, note, memorable, source FROM interaction "
        "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, on_date DESC, id DESC",
        (json.dumps(sorted(set(ids))),),
    ):
        out.setdefault(r[0], []).append(
            dict(zip(INTERACTION_FIELDS, (r[1], r[2], r[3], r[4], bool(r[5]), r[6]), strict=True))
        )
    return out
