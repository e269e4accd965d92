"""The facts a rule may look at, gathered from the database for one action."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..people.fields import FLAGS
from ..people.records import person_record, person_records
from .ties import EVIDENCE_FIELDS, connection_record

# What a subject holds of a person's record.
SUBJECT_KEYS = ("handle", "name", "flags", "tags", "how_met", "met_on", "highlights")
_FLAG_KEYS = tuple(f.key for f in FLAGS)


def _subject(
    record: dict, pid: int, connection: dict | None, extra: Iterable[dict] = (), replace: dict[int, dict] | None = None
) -> dict:
    held = connection["evidence"] if connection else []
    if replace:
        held = [replace.get(e["id"], e) for e in held]
    return {
        "id": pid,
        "handle": record["handle"],
        "name": record["name"],
        "flags": record["flags"],
        "tags": record["tags"],
        "how_met": record["how_met"],
        "met_on": record["met_on"],
        "highlights": record["highlights"],
        "connected": connection is not None,
        "nominal_source": connection["nominal_source"] if connection else None,
        "evidence": [*held, *extra],
    }


def subject(
    conn: sqlite3.Connection, pid: int, extra: Iterable[dict] = (), replace: dict[int, dict] | None = None
) -> dict:
    connection = connection_record(conn, pid)
    out = _subject(person_record(conn, pid), pid, connection, extra, replace)
    if connection is None:
        out["route"] = warmest_route(conn, pid)
    return out


def warmest_route(conn: sqlite3.Connection, pid: int) -> dict | None:
    """How I reach someone I am not connected with: the warmest route through the people I really know (the
    curated view), and whom along it to ask; None when no one I know is linked to them."""
    from ..people.records import me_id
    from .graph import View
    from .queries import warm_paths

    me = me_id(conn)
    if pid == me:
        return None
    found = warm_paths(conn, me, pid, k=1, view=View.curated, max_depth=4)  # ranked as `cnet path` ranks them
    if not found["routes"]:
        return None
    best = found["routes"][0]
    ask = best["ask"] or best["path"][-1]
    row = conn.execute("SELECT name FROM person WHERE handle = ?", (ask,)).fetchone()
    return {"path": best["path"], "ask": ask, "ask_name": row[0] if row else ask, "label": found["label"]}


def person_facts(
    conn: sqlite3.Connection,
    action: str,
    pid: int,
    extra: Iterable[dict] = (),
    *,
    replace: dict[int, dict] | None = None,
    **more,
) -> dict:
    """Facts for connect, accept, endorse and recommend: one person, with the evidence about to be added
    (`extra`) and the changes about to be made to what is held (`replace`, by evidence id)."""
    facts = {"action": action, "today": dt.date.today(), "subjects": {"person": subject(conn, pid, extra, replace)}}
    return {**facts, **more}


def intro_facts(
    conn: sqlite3.Connection,
    a: int,
    b: int,
    *,
    reason: str | None = None,
    request_id: int | None = None,
    intro_id: int | None = None,
) -> dict:
    """Facts for an introduction of a to b: both people, the request, consent, past asks and outcomes."""
    facts: dict[str, Any] = {
        "action": "intro",
        "today": dt.date.today(),
        "subjects": {"a": subject(conn, a), "b": subject(conn, b)},
        "reason": reason,
        "request": None,
        "requester": None,
        "consent": None,
        "asks_of": {},
        "outcomes": {},
    }
    if request_id is not None:
        row = conn.execute(
            "SELECT r.id, r.channel, r.kind, p.handle, r.from_person, t.handle, p.name FROM request r "
            "JOIN person p ON p.id = r.from_person LEFT JOIN person t ON t.id = r.to_person WHERE r.id = ?",
            (request_id,),
        ).fetchone()
        if row:
            facts["request"] = {
                "id": row[0],
                "channel": row[1],
                "kind": row[2],
                "from": row[3],
                "to": row[5],
                "from_name": row[6],
            }
            facts["requester"] = (
                subject(conn, row[4]) if row[4] not in (a, b) else facts["subjects"]["a" if row[4] == a else "b"]
            )
    # Consent: the latest introduction of a to b that is not this one's own draft.
    row = conn.execute(
        "SELECT status, id FROM introduction WHERE a = ? AND b = ? AND status IN ('asked', 'agreed', 'declined') "
        "ORDER BY coalesce(answered_at, asked_at, created_at) DESC, id DESC LIMIT 1",
        (a, b),
    ).fetchone()
    facts["consent"], facts["consent_id"] = (row[0], row[1]) if row else (None, None)
    # Introductions asked of b (b as the person reached), other than this one.
    asks = conn.execute(
        "SELECT coalesce(asked_at, introduced_at, created_at) FROM introduction WHERE b = ? AND id IS NOT ? "
        "AND status IN ('asked', 'agreed', 'declined', 'introduced', 'closed')",
        (b, intro_id),
    ).fetchall()
    facts["asks_of"] = {facts["subjects"]["b"]["handle"]: [r[0] for r in asks]}
    who = facts["requester"] or facts["subjects"]["a"]
    rows = conn.execute(
        "SELECT outcome, coalesce(outcome_at, updated_at) FROM introduction "
        "WHERE outcome IS NOT NULL AND (coalesce(requested_by, a) = ?)",
        (who["id"],),
    ).fetchall()
    facts["outcomes"] = {who["handle"]: [(o, d) for o, d in rows]}
    return facts


def all_connection_facts(conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> list[dict]:
    """Connect facts for every connection at once (audit, curated flags), or for the connections of `ids`:
    a few bulk queries."""
    if ids is None:
        rows = conn.execute("SELECT person_id, curated, nominal_source, nominal_on FROM connection ORDER BY person_id")
        held = conn.execute(
            "SELECT person_id, id, criterion, detail, since, until, place, conversation FROM evidence ORDER BY id"
        )
    else:
        arg = json.dumps(sorted(set(ids)))
        rows = conn.execute(
            "SELECT person_id, curated, nominal_source, nominal_on FROM connection "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id",
            (arg,),
        )
        held = conn.execute(
            "SELECT person_id, id, criterion, detail, since, until, place, conversation FROM evidence "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (arg,),
        )
    conns = {r[0]: {"curated": bool(r[1]), "nominal_source": r[2], "nominal_on": r[3], "evidence": []} for r in rows}
    for r in held:
        conns[r[0]]["evidence"].append(dict(zip(EVIDENCE_FIELDS, r[1:], strict=True)))
    people = list(conns)
    records = person_records(conn, people, only=SUBJECT_KEYS)  # what a subject holds, no more
    today = dt.date.today()
    return [
        {"action": "connect", "today": today, "subjects": {"person": _subject(rec, pid, conns[pid])}}
        for pid, rec in zip(people, records, strict=True)
    ]


def connections_alike(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None, *, scope: str | None = None
) -> dict[tuple, list[int]]:
    """Every connection (or those of `ids`, or those whose person id is in the table `scope`), grouped by
    what its connect facts hold of it — everything a subject holds (see `_subject`) but whose it is: flags,
    tags, how and when we met, highlights, the nominal source and the evidence. Connections alike get the same verdict: a policy is held to one of each group
    (thousands of LinkedIn ties with nothing recorded are one group)."""
    flags = ", ".join(f"p.{key}" for key in _FLAG_KEYS)
    where, params = "", []
    if ids is not None:
        where, params = "AND c.person_id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(ids)))]
    elif scope is not None:
        where = f"AND c.person_id IN (SELECT person_id FROM {scope})"
    # Whoever has a tag, a highlight or evidence: few next to a LinkedIn import's connections.
    listed = "(SELECT person_id FROM tag UNION SELECT person_id FROM highlight UNION SELECT person_id FROM evidence)"
    scalars = f"c.nominal_source, p.how_met, p.met_on, {flags}"
    groups: dict[tuple, list[int]] = {}
    # Those with no tag, highlight or evidence (most, after a LinkedIn import) grouped by SQL: a row a group.
    width = 3 + len(_FLAG_KEYS)
    for *key, members in conn.execute(
        f"SELECT {scalars}, group_concat(c.person_id) FROM connection c JOIN person p ON p.id = c.person_id "
        f"WHERE c.person_id NOT IN {listed} {where} GROUP BY {', '.join(str(i) for i in range(1, width + 1))}",
        params,
    ):
        groups[(*key, None)] = [int(pid) for pid in members.split(",")]
    # The others with their lists, in the order the facts hold them.
    for pid, *key in conn.execute(
        f"SELECT c.person_id, {scalars}, "
        "(SELECT json_group_array(name) FROM (SELECT name FROM tag WHERE person_id = c.person_id "
        "ORDER BY name_key)), "
        "(SELECT json_group_array(text) FROM (SELECT text FROM highlight WHERE person_id = c.person_id "
        "ORDER BY position, id)), "
        "(SELECT json_group_array(json_array(criterion, detail, since, until, place, conversation)) FROM "
        "(SELECT * FROM evidence WHERE person_id = c.person_id ORDER BY id)) "
        f"FROM connection c JOIN person p ON p.id = c.person_id WHERE c.person_id IN {listed} {where}",
        params,
    ):
        *scalar, tags, highlights, evidence = key
        groups.setdefault((*scalar, (tags, highlights, evidence)), []).append(pid)
    return groups


def all_recognition_facts(conn: sqlite3.Connection) -> list[tuple[dict, dict]]:
    """(recognition, facts) for every endorsement and recommendation I gave."""
    rows = conn.execute(
        "SELECT id, person_id, kind, skill, text, given_on, source FROM recognition ORDER BY id"
    ).fetchall()
    out = []
    cache: dict[int, dict] = {}
    today = dt.date.today()
    for rid, pid, kind, skill, text, given_on, source in rows:
        if pid not in cache:
            cache[pid] = subject(conn, pid)
        action = "endorse" if kind == "endorsement" else "recommend"
        rec = {"id": rid, "kind": kind, "skill": skill, "given_on": given_on, "source": source, "text": text}
        out.append((rec, {"action": action, "today": today, "subjects": {"person": cache[pid]}}))
    return out
