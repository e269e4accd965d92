"""Merging two records of one person: a use case above people, the network, introductions and imports.

Each record moves through the writer that owns it (people.writes for the person and their lists,
network.writes for the connection, evidence, links and interactions, network.recognition,
intro.lifecycle and intro.requests, io.cardprop for kept card properties, io.common for provenance);
each of the person's fields is merged by the rule its declaration gives (people.fields).
"""

from __future__ import annotations

import sqlite3

from .errors import BadInput
from .intro.lifecycle import move_introductions
from .intro.requests import move_requests
from .io.common import move_provenance
from .network.recognition import move_recognition
from .network.ties import evidence_of
from .network.writes import add_evidence, ensure_connection, move_ties, refresh_curated
from .people.cardprop import keep_other_name, move_props
from .people.fields import LIST_TABLES, LISTS, SCALAR_KEYS, SCALARS
from .people.writes import ADD_ONE, remove_person, set_fields
from .policy import Gate


def merge(conn: sqlite3.Connection, keep: int, other: int, *, prefer: str = "keep", gate: Gate) -> dict:
    """Move everything of `other` onto `keep`, then remove `other`. Nothing is lost: a value that loses a
    conflict goes into the notes (and is reported), the other name stays one of the person's names.

    E-mails, phones, tags, highlights, employers and schools are checked and kept once, evidence that says the same is kept
    once, and ties between the two (a link, an introduction or a request from one to the other) end.
    """
    if keep == other:
        raise BadInput("cannot merge a person with themselves")
    if prefer not in ("keep", "other"):
        raise BadInput("--prefer must be keep or other")
    cols = (*SCALAR_KEYS, "is_me", "handle")
    k = dict(
        zip(cols, conn.execute(f"SELECT {', '.join(cols)} FROM person WHERE id = ?", (keep,)).fetchone(), strict=True)
    )
    o = dict(
        zip(cols, conn.execute(f"SELECT {', '.join(cols)} FROM person WHERE id = ?", (other,)).fetchone(), strict=True)
    )
    if o["is_me"] or k["is_me"]:
        raise BadInput("me cannot be merged")
    conflicts: list[dict] = []
    notes = [n for n in (k["notes"], o["notes"]) if n]
    updates: dict[str, object] = {}
    for f in SCALARS:  # each by its declared rule; "join" (the notes) is put together last
        kv, ov = k[f.key], o[f.key]
        if f.merge == "either":
            updates[f.key] = bool(kv or ov)
        elif f.merge == "prefer":
            if kv is None and ov is not None:
                updates[f.key] = ov
            elif kv is not None and ov is not None and kv != ov:
                winner, loser = (kv, ov) if prefer == "keep" else (ov, kv)
                if winner != kv:
                    updates[f.key] = winner
                conflicts.append({"field": f.key, "kept": winner, "moved_to_notes": loser})
                # the value that lost is the other record's, or (--prefer other) this record's own
                whose = "" if prefer == "keep" else f" (kept its {f.label} '{winner}')"
                notes.append(f"Merged from {o['handle']}{whose}: {f.label} was '{loser}'.")
    moved: dict[str, int] = {}

    def count(name: str, n: int | bool) -> None:
        moved[name] = moved.get(name, 0) + int(n)

    for f in LISTS:  # each value through its own writer, kept once; one no longer accepted goes to the notes
        table, column, order, which = LIST_TABLES[f.key]
        for (value,) in conn.execute(
            f"SELECT {column} FROM {table} WHERE person_id = ? AND {which} ORDER BY {order}", (other,)
        ).fetchall():
            try:
                count(f.key, ADD_ONE[f.key](conn, keep, value))
            except BadInput:
                notes.append(f"Merged from {o['handle']}: {f.key[:-1]} '{value}'.")
    oc = conn.execute("SELECT nominal_source, nominal_on FROM connection WHERE person_id = ?", (other,)).fetchone()
    if oc:
        had = conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (keep,)).fetchone() is not None
        ensure_connection(conn, keep, nominal_source=oc[0], nominal_on=oc[1])
        count("connection", not had)
        count("evidence", len(add_evidence(conn, keep, evidence_of(conn, other))))
    for name, n in move_ties(conn, other, keep).items():
        count(name, n)
    count("recognition", move_recognition(conn, other, keep))
    dropped_intros, by_role = move_introductions(conn, other, keep)
    for n in by_role.values():
        count("introduction", n)
    dropped_requests, by_role = move_requests(conn, other, keep)
    for n in by_role.values():
        count("request", n)
    name_wins = prefer == "keep" or k["name"] == o["name"]
    count("card properties", move_props(conn, other, keep, other_names=name_wins))
    move_provenance(conn, other, keep)
    remove_person(conn, other)
    updates["notes"] = "\n\n".join(notes) if notes else None
    set_fields(conn, keep, updates)
    if k["name"] != o["name"]:
        keep_other_name(conn, keep, o["name"] if name_wins else k["name"], demote=not name_wins)
    if conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (keep,)).fetchone():
        refresh_curated(conn, keep, gate)
    dropped = {"introductions": dropped_intros, "requests": dropped_requests}
    return {
        "kept": k["handle"],
        "merged": o["handle"],
        "conflicts": conflicts,
        "moved": {k2: v for k2, v in moved.items() if v},
        "dropped": {k2: v for k2, v in dropped.items() if v},
    }
