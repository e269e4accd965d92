"""Likely duplicates, and merging two records of one person without losing anything."""

from __future__ import annotations

import difflib
import sqlite3
from collections import defaultdict

from .. import text as tx
from ..errors import BadInput
from ..policy import Gate

SCALARS = ("name", "nickname", "pronouns", "company", "title", "location", "linkedin", "how_met", "met_on")
SIMILAR = 0.88
GROUP_LIMIT = 400  # compare names pairwise only inside companies this small


def find_dupes(conn: sqlite3.Connection) -> list[dict]:
    """Pairs of people who are probably one person, with the reasons."""
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)

    def pair(a: int, b: int, why: str) -> None:
        if a != b:
            key = (min(a, b), max(a, b))
            if why not in reasons[key]:
                reasons[key].append(why)

    for sql, why in (
        (
            "SELECT address_key, group_concat(DISTINCT person_id) FROM email GROUP BY address_key HAVING count(DISTINCT person_id) > 1",
            "same e-mail",
        ),
        (
            "SELECT linkedin, group_concat(id) FROM person WHERE linkedin IS NOT NULL GROUP BY linkedin HAVING count(*) > 1",
            "same LinkedIn URL",
        ),
        (
            "SELECT name_fold, group_concat(id) FROM person WHERE is_me = 0 GROUP BY name_fold HAVING count(*) > 1",
            "same name",
        ),
    ):
        for value, ids in conn.execute(sql):
            members = sorted(int(i) for i in ids.split(","))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair(a, b, f"{why} ({value})" if why == "same e-mail" else why)
    by_company: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, fold, company in conn.execute(
        "SELECT id, name_fold, company FROM person WHERE is_me = 0 AND company IS NOT NULL AND company != ''"
    ):
        by_company[tx.name_fold(company)].append((pid, fold))
    for company, group in by_company.items():
        if len(group) > GROUP_LIMIT or not company:
            continue
        for i, (a, fa) in enumerate(group):
            for b, fb in group[i + 1 :]:
                if fa == fb or abs(len(fa) - len(fb)) > len(fa) // 4 + 1:
                    continue
                m = difflib.SequenceMatcher(None, fa, fb)
                if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR:
                    pair(a, b, "similar names at the same company")
    if not reasons:
        return []
    info = {pid: (h, n) for pid, h, n in conn.execute("SELECT id, handle, name FROM person")}
    out = [
        {"keep": info[a][0], "keep_name": info[a][1], "other": info[b][0], "other_name": info[b][1], "reasons": why}
        for (a, b), why in reasons.items()
    ]
    return sorted(out, key=lambda d: (d["keep"], d["other"]))


def merge(conn: sqlite3.Connection, keep: int, other: int, *, prefer: str = "keep", gate: Gate) -> dict:
    """Move everything of `other` onto `keep`, then remove `other`. Losing values go into the notes.

    Every value goes through the same write as any other path: e-mails, phones, tags and highlights
    are checked and kept once, evidence that says the same is kept once, and ties between the two
    (a link, an introduction or a request from one to the other) end with the merge.
    """
    from ..network.ties import evidence_of
    from ..network.writes import add_evidence, ensure_connection, refresh_curated, touch_graph
    from .writes import add_email, add_highlight, add_phone, add_tag, set_fields

    if keep == other:
        raise BadInput("cannot merge a person with themselves")
    if prefer not in ("keep", "other"):
        raise BadInput("--prefer must be keep or other")
    cols = ", ".join((*SCALARS, "notes", "do_not_introduce", "no_recruiters", "team_private", "is_me", "handle"))
    names = (*SCALARS, "notes", "dni", "nr", "tp", "is_me", "handle")
    k = dict(zip(names, conn.execute(f"SELECT {cols} FROM person WHERE id = ?", (keep,)).fetchone(), strict=True))
    o = dict(zip(names, conn.execute(f"SELECT {cols} FROM person WHERE id = ?", (other,)).fetchone(), strict=True))
    if o["is_me"] or k["is_me"]:
        raise BadInput("me cannot be merged")
    conflicts, notes = [], [n for n in (k["notes"], o["notes"]) if n]
    updates: dict[str, object] = {}
    for f in SCALARS:
        kv, ov = k[f], o[f]
        if kv is None and ov is not None:
            updates[f] = ov
        elif kv is not None and ov is not None and kv != ov:
            winner, loser = (kv, ov) if prefer == "keep" else (ov, kv)
            if winner != kv:
                updates[f] = winner
            conflicts.append({"field": f, "kept": winner, "moved_to_notes": loser})
            notes.append(f"Merged from {o['handle']}: {f.replace('_', ' ')} was '{loser}'.")
    moved: dict[str, int] = {}

    def count(name: str, n: int | bool) -> None:
        moved[name] = moved.get(name, 0) + int(n)

    # Lists: each value through its own write, kept once; one no longer accepted is kept in the notes.
    for what, add, sql in (
        ("emails", add_email, "SELECT address FROM email WHERE person_id = ? ORDER BY position, id"),
        ("phones", add_phone, "SELECT number FROM phone WHERE person_id = ? ORDER BY position, id"),
        ("tags", add_tag, "SELECT name FROM tag WHERE person_id = ? ORDER BY name_key"),
        ("highlights", add_highlight, "SELECT text FROM highlight WHERE person_id = ? ORDER BY position, id"),
    ):
        for (value,) in conn.execute(sql, (other,)).fetchall():
            try:
                count(what, add(conn, keep, value))
            except BadInput:
                notes.append(f"Merged from {o['handle']}: {what[:-1]} '{value}'.")
    # The connection and its evidence: what says the same as keep's evidence is kept once.
    oc = conn.execute("SELECT nominal_source, nominal_on FROM connection WHERE person_id = ?", (other,)).fetchone()
    if oc:
        had = conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (keep,)).fetchone() is not None
        ensure_connection(conn, keep, nominal_source=oc[0], nominal_on=oc[1])
        count("connection", not had)
        count("evidence", len(add_evidence(conn, keep, evidence_of(conn, other))))
    # Links: re-pointed; a link between the two ends, one both had is kept once.
    for a, b, how, learnt, strength, created in conn.execute(
        "SELECT a, b, how, learnt, strength, created_at FROM link WHERE a = ? OR b = ?", (other, other)
    ).fetchall():
        x = b if a == other else a
        if x != keep:
            cur = conn.execute(
                "INSERT OR IGNORE INTO link (a, b, how, learnt, strength, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (min(keep, x), max(keep, x), how, learnt, strength, created),
            )
            count("links", cur.rowcount)
    # Introductions and requests between the two would now be from a person to herself: they end here.
    dropped = {
        "introductions": conn.execute(
            "DELETE FROM introduction WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)", (keep, other, other, keep)
        ).rowcount,
        "requests": conn.execute(
            "DELETE FROM request WHERE (from_person = ? AND to_person = ?) OR (from_person = ? AND to_person = ?)",
            (keep, other, other, keep),
        ).rowcount,
    }
    for table, column in (
        ("interaction", "person_id"),
        ("recognition", "person_id"),
        ("introduction", "a"),
        ("introduction", "b"),
        ("introduction", "requested_by"),
        ("request", "from_person"),
        ("request", "to_person"),
    ):
        # OR IGNORE: an interaction read from an archive that keep now has too (through an address moved over
        # above) is kept once; other's copy goes with other.
        verb = "UPDATE OR IGNORE" if table == "interaction" else "UPDATE"
        count(table, conn.execute(f"{verb} {table} SET {column} = ? WHERE {column} = ?", (keep, other)).rowcount)
    count(
        "card properties",
        conn.execute(
            "UPDATE card_property SET person_id = ?, position = position + "
            "(SELECT coalesce(max(position), -1) + 1 FROM card_property WHERE person_id = ?) WHERE person_id = ?",
            (keep, keep, other),
        ).rowcount,
    )
    conn.execute(
        "INSERT OR IGNORE INTO provenance (person_id, field, source, value, updated_at) "
        "SELECT ?, field, source, value, updated_at FROM provenance WHERE person_id = ?",
        (keep, other),
    )
    conn.execute("DELETE FROM person WHERE id = ?", (other,))
    updates["notes"] = "\n\n".join(notes) if notes else None
    updates["do_not_introduce"] = int(bool(k["dni"] or o["dni"]))
    updates["no_recruiters"] = int(bool(k["nr"] or o["nr"]))
    updates["team_private"] = int(bool(k["tp"] or o["tp"]))  # kept from the team if either was
    set_fields(conn, keep, updates)
    if conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (keep,)).fetchone():
        refresh_curated(conn, keep, gate)
    touch_graph(conn)
    return {
        "kept": k["handle"],
        "merged": o["handle"],
        "conflicts": conflicts,
        "moved": {k2: v for k2, v in moved.items() if v},
        "dropped": {k2: v for k2, v in dropped.items() if v},
    }
