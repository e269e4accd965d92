"""The whole database as one JSON document, and back.

Shape (version 2: version 1 plus the kept vCard properties), documented in the README: people are keyed by handle; everything that points
at a person uses the handle; introductions and requests keep their numbers. Export → import →
export gives the same document byte for byte (no timestamps of the export itself).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .. import text as tx
from ..errors import BadInput
from ..people.records import person_records

FORMAT = "cnet-export"
VERSION = 2
READS = (1, 2)

_PERSON_FIELDS = (
    "handle",
    "name",
    "nickname",
    "pronouns",
    "company",
    "title",
    "location",
    "linkedin",
    "how_met",
    "met_on",
    "notes",
    "do_not_introduce",
    "no_recruiters",
    "is_me",
    "created_at",
    "updated_at",
)


def export_all(conn: sqlite3.Connection, *, decisions: list[dict], policy_text: str | None) -> dict:
    ids = [r[0] for r in conn.execute("SELECT id FROM person ORDER BY handle")]
    handle = dict(conn.execute("SELECT id, handle FROM person"))
    people = []
    for rec in person_records(conn, ids):
        p = dict(rec)
        p["flags"] = dict(p["flags"])
        people.append(p)
    connections = []
    for pid, src, on, curated, created, updated in conn.execute(
        "SELECT person_id, nominal_source, nominal_on, curated, created_at, updated_at FROM connection"
    ):
        ev = [
            {
                "criterion": r[0],
                "detail": r[1],
                "since": r[2],
                "until": r[3],
                "place": r[4],
                "conversation": r[5],
                "created_at": r[6],
            }
            for r in conn.execute(
                "SELECT criterion, detail, since, until, place, conversation, created_at FROM evidence "
                "WHERE person_id = ? ORDER BY id",
                (pid,),
            )
        ]
        connections.append(
            {
                "person": handle[pid],
                "nominal_source": src,
                "nominal_on": on,
                "curated": bool(curated),
                "created_at": created,
                "updated_at": updated,
                "evidence": ev,
            }
        )
    connections.sort(key=lambda c: c["person"])
    links = sorted(
        (
            {"a": handle[a], "b": handle[b], "how": how, "learnt": learnt, "strength": strength, "created_at": created}
            for a, b, how, learnt, strength, created in conn.execute(
                "SELECT a, b, how, learnt, strength, created_at FROM link"
            )
        ),
        key=lambda x: (min(x["a"], x["b"]), max(x["a"], x["b"])),
    )
    for x in links:  # a stable order within the pair, whatever the ids were
        if x["a"] > x["b"]:
            x["a"], x["b"] = x["b"], x["a"]
    interactions = sorted(
        (
            {"person": handle[pid], "kind": k, "on": on, "note": note, "memorable": bool(m), "created_at": c}
            for pid, k, on, note, m, c in conn.execute(
                "SELECT person_id, kind, on_date, note, memorable, created_at FROM interaction ORDER BY id"
            )
        ),
        key=lambda x: (x["person"], x["on"], x["created_at"], x["note"]),
    )
    recognition = sorted(
        (
            {
                "person": handle[pid],
                "kind": k,
                "skill": sk,
                "text": t,
                "given_on": g,
                "source": src,
                "status": st,
                "created_at": c,
            }
            for pid, k, sk, t, g, src, st, c in conn.execute(
                "SELECT person_id, kind, skill, text, given_on, source, status, created_at FROM recognition ORDER BY id"
            )
        ),
        key=lambda x: (x["person"], x["kind"], x["given_on"], x["skill"] or "", x["text"] or ""),
    )
    requests = [
        {
            "id": r[0],
            "kind": r[1],
            "from": handle[r[2]],
            "to": handle.get(r[3]),
            "channel": r[4],
            "reason": r[5],
            "note": r[6],
            "status": r[7],
            "received_on": r[8],
            "source": r[9],
            "created_at": r[10],
            "updated_at": r[11],
        }
        for r in conn.execute(
            "SELECT id, kind, from_person, to_person, channel, reason, note, status, received_on, source, created_at, "
            "updated_at FROM request ORDER BY id"
        )
    ]
    intro_cols = (
        "id",
        "a",
        "b",
        "requested_by",
        "request_id",
        "reason",
        "status",
        "outcome",
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
    introductions = []
    for r in conn.execute(f"SELECT {', '.join(intro_cols)} FROM introduction ORDER BY id"):
        d = dict(zip(intro_cols, r, strict=True))
        d["a"], d["b"] = handle[d["a"]], handle[d["b"]]
        d["requested_by"] = handle.get(d["requested_by"])
        introductions.append(d)
    provenance = sorted(
        (
            {"person": handle[pid], "field": f, "source": s, "value": v, "updated_at": u}
            for pid, f, s, v, u in conn.execute("SELECT person_id, field, source, value, updated_at FROM provenance")
        ),
        key=lambda x: (x["person"], x["field"], x["source"]),
    )
    card_properties = [
        {
            "person": handle[pid],
            "position": pos,
            "group": grp,
            "name": name,
            "params": json.loads(params),
            "value": value,
            "field": fld,
        }
        for pid, pos, grp, name, params, value, fld in conn.execute(
            "SELECT person_id, position, grp, name, params, value, field FROM card_property"
        )
    ]
    card_properties.sort(key=lambda x: (x["person"], x["position"]))
    live = set(handle.values())
    retired = sorted(h for (h,) in conn.execute("SELECT handle FROM handle_registry") if h not in live)
    return {
        "format": FORMAT,
        "version": VERSION,
        "people": people,
        "connections": connections,
        "links": links,
        "interactions": interactions,
        "recognition": recognition,
        "requests": requests,
        "introductions": introductions,
        "provenance": provenance,
        "card_properties": card_properties,
        "retired_handles": retired,
        "decisions": [{k: v for k, v in d.items() if k != "n"} for d in reversed(decisions)],
        "policy": policy_text,
    }


def _need(doc: dict, key: str, kind: type):
    value = doc.get(key, kind())
    if not isinstance(value, kind):
        raise BadInput(f"'{key}' must be a {kind.__name__}")
    return value


def import_all(conn: sqlite3.Connection, doc: dict) -> dict:
    """Restore an export into an empty database (me may exist); return counts."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadInput('not a cnet export (expected "format": "cnet-export")')
    if doc.get("version") not in READS:
        raise BadInput(
            f"export version {doc.get('version')!r} is not one this cnet reads ({', '.join(map(str, READS))})"
        )
    if conn.execute("SELECT count(*) FROM person WHERE is_me = 0").fetchone()[0]:
        raise BadInput(
            "the database is not empty: import json restores into a new database",
            hint="Choose a new file with --db, or CNET_DB, and run cnet import json there",
        )
    conn.execute("DELETE FROM person")
    ids: dict[str, int] = {}
    people = _need(doc, "people", list)
    try:
        for p in people:
            flags = p.get("flags", {})
            cur = conn.execute(
                "INSERT INTO person (handle, name, name_key, name_fold, nickname, pronouns, company, title, location, "
                "linkedin, how_met, met_on, notes, do_not_introduce, no_recruiters, is_me, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p["handle"],
                    p["name"],
                    tx.name_key(p["name"]),
                    tx.name_fold(p["name"]),
                    p.get("nickname"),
                    p.get("pronouns"),
                    p.get("company"),
                    p.get("title"),
                    p.get("location"),
                    p.get("linkedin"),
                    p.get("how_met"),
                    p.get("met_on"),
                    p.get("notes"),
                    int(bool(flags.get("do_not_introduce"))),
                    int(bool(flags.get("no_recruiters"))),
                    int(bool(p.get("is_me"))),
                    p["created_at"],
                    p["updated_at"],
                ),
            )
            assert cur.lastrowid is not None
            pid = ids[p["handle"]] = cur.lastrowid
            for i, e in enumerate(p.get("emails", [])):
                conn.execute(
                    "INSERT INTO email (person_id, address, address_key, position) VALUES (?, ?, ?, ?)",
                    (pid, e, tx.email_key(e), i),
                )
            for i, ph in enumerate(p.get("phones", [])):
                conn.execute("INSERT INTO phone (person_id, number, position) VALUES (?, ?, ?)", (pid, ph, i))
            for t in p.get("tags", []):
                conn.execute("INSERT INTO tag (person_id, name, name_key) VALUES (?, ?, ?)", (pid, t, tx.name_key(t)))
            for i, h in enumerate(p.get("highlights", [])):
                conn.execute("INSERT INTO highlight (person_id, text, position) VALUES (?, ?, ?)", (pid, h, i))
        for c in _need(doc, "connections", list):
            pid = ids[c["person"]]
            conn.execute(
                "INSERT INTO connection (person_id, nominal_source, nominal_on, curated, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    pid,
                    c.get("nominal_source"),
                    c.get("nominal_on"),
                    int(bool(c.get("curated"))),
                    c["created_at"],
                    c["updated_at"],
                ),
            )
            for e in c.get("evidence", []):
                conn.execute(
                    "INSERT INTO evidence (person_id, criterion, detail, since, until, place, conversation, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        pid,
                        e["criterion"],
                        e.get("detail"),
                        e.get("since"),
                        e.get("until"),
                        e.get("place"),
                        e.get("conversation"),
                        e["created_at"],
                    ),
                )
        for x in _need(doc, "links", list):
            a, b = ids[x["a"]], ids[x["b"]]
            conn.execute(
                "INSERT INTO link (a, b, how, learnt, strength, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (min(a, b), max(a, b), x.get("how"), x.get("learnt"), x.get("strength"), x["created_at"]),
            )
        for x in _need(doc, "interactions", list):
            conn.execute(
                "INSERT INTO interaction (person_id, kind, on_date, note, memorable, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (ids[x["person"]], x["kind"], x["on"], x["note"], int(bool(x.get("memorable"))), x["created_at"]),
            )
        for x in _need(doc, "recognition", list):
            conn.execute(
                "INSERT INTO recognition (person_id, kind, skill, text, given_on, source, status, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ids[x["person"]],
                    x["kind"],
                    x.get("skill"),
                    x.get("text"),
                    x["given_on"],
                    x.get("source", "cnet"),
                    x.get("status"),
                    x["created_at"],
                ),
            )
        for x in _need(doc, "requests", list):
            conn.execute(
                "INSERT INTO request (id, kind, from_person, to_person, channel, reason, note, status, received_on, "
                "source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    x["id"],
                    x["kind"],
                    ids[x["from"]],
                    ids.get(x.get("to")) if x.get("to") else None,
                    x["channel"],
                    x.get("reason"),
                    x.get("note"),
                    x["status"],
                    x["received_on"],
                    x.get("source", "cnet"),
                    x["created_at"],
                    x["updated_at"],
                ),
            )
        for x in _need(doc, "introductions", list):
            conn.execute(
                "INSERT INTO introduction (id, a, b, requested_by, request_id, reason, status, outcome, consent_note, "
                "draft, requested_at, asked_at, answered_at, introduced_at, outcome_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    x["id"],
                    ids[x["a"]],
                    ids[x["b"]],
                    ids.get(x["requested_by"]) if x.get("requested_by") else None,
                    x.get("request_id"),
                    x.get("reason"),
                    x["status"],
                    x.get("outcome"),
                    x.get("consent_note"),
                    x.get("draft"),
                    x.get("requested_at"),
                    x.get("asked_at"),
                    x.get("answered_at"),
                    x.get("introduced_at"),
                    x.get("outcome_at"),
                    x["created_at"],
                    x["updated_at"],
                ),
            )
        for x in _need(doc, "provenance", list):
            conn.execute(
                "INSERT INTO provenance (person_id, field, source, value, updated_at) VALUES (?, ?, ?, ?, ?)",
                (ids[x["person"]], x["field"], x["source"], x.get("value"), x["updated_at"]),
            )
        for x in doc.get("card_properties") or []:
            conn.execute(
                "INSERT INTO card_property (person_id, position, grp, name, params, value, field) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    ids[x["person"]],
                    x["position"],
                    x.get("group"),
                    x["name"],
                    json.dumps(x.get("params") or {}, ensure_ascii=False, sort_keys=True),
                    x["value"],
                    x.get("field"),
                ),
            )
        for h in _need(doc, "retired_handles", list):
            conn.execute("INSERT OR IGNORE INTO handle_registry (handle, issued_at) VALUES (?, '')", (h,))
    except KeyError as exc:
        raise BadInput(f"the export refers to {exc} but does not contain it (or lacks a required field)") from None
    except sqlite3.IntegrityError as exc:
        raise BadInput(f"the export is inconsistent: {exc}") from None
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")
    conn.execute("UPDATE meta SET value = '' WHERE key = 'curated_policy'")
    return {
        k: len(doc.get(k) or [])
        for k in (
            "people",
            "connections",
            "links",
            "interactions",
            "recognition",
            "requests",
            "introductions",
            "decisions",
        )
    }


def load(path: str) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8") if path != "-" else __import__("sys").stdin.read()
        return json.loads(text)
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
