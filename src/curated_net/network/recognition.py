"""Recognition I give: skill endorsements and written recommendations (gated by honest-recognition)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from .. import text as tx
from ..dates import now_iso
from ..errors import BadInput
from ..people.writes import check_text
from ..policy import Gate, Verdict
from .facts import person_facts

ACTIONS = {"endorsement": "endorse", "recommendation": "recommend"}


def add_recognition(
    conn: sqlite3.Connection,
    pid: int,
    kind: str,
    *,
    skill: str | None = None,
    text: str | None = None,
    given_on: str | None = None,
    source: str = "cnet",
    status: str | None = None,
    stamp: str | None = None,
) -> int | None:
    """Store one endorsement or recommendation; the same one (person, kind, skill or text, day) is kept once,
    and None is returned for it."""
    if kind not in ACTIONS:
        raise BadInput(f"'{kind}' is not endorsement or recommendation")
    if conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()[0]:
        raise BadInput("recognition is for other people")
    skill = check_text(skill, what="--skill", one_line=True) if kind == "endorsement" else None
    text = check_text(text, what="--text") if kind == "recommendation" else None
    if kind == "endorsement" and not skill:
        raise BadInput("--skill: name the skill you endorse")
    day = given_on or dt.date.today().isoformat()
    if conn.execute(
        "SELECT 1 FROM recognition WHERE person_id = ? AND kind = ? AND coalesce(skill, '') = ? "
        "AND coalesce(text, '') = ? AND given_on = ?",
        (pid, kind, skill or "", text or "", day),
    ).fetchone():
        return None
    cur = conn.execute(
        "INSERT INTO recognition (person_id, kind, skill, text, given_on, source, status, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (pid, kind, skill, text, day, source, status, stamp or now_iso()),
    )
    return cur.lastrowid


def give_recognition(
    conn: sqlite3.Connection,
    pid: int,
    kind: str,
    *,
    gate: Gate,
    skill: str | None = None,
    text: str | None = None,
    override: str | None = None,
    draft: Callable[[sqlite3.Connection, int], str] | None = None,
) -> tuple[dict, Verdict]:
    """Endorse a skill or write a recommendation, if the policy allows it; return it and the verdict. A
    recommendation given no text is written by `draft` (intro.recommendation.draft_recommendation)."""
    if conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()[0]:
        raise BadInput("recognition is for other people")
    if kind == "endorsement" and not tx.clean_input(skill or ""):
        raise BadInput("--skill: name the skill you endorse")
    action = ACTIONS[kind]
    verdict = gate.evaluate(action, person_facts(conn, action, pid))
    verdict.override(override)
    verdict.raise_if_refused()
    if kind == "recommendation":
        text = check_text(text, what="--text") or (draft(conn, pid) if draft else None)
        if not text:
            raise BadInput("--text: a recommendation needs its text")
    rid = add_recognition(conn, pid, kind, skill=skill, text=text)
    if rid is None:  # given already today: the same one, not a second
        row = conn.execute(
            "SELECT id FROM recognition WHERE person_id = ? AND kind = ? AND coalesce(skill, '') = ? "
            "AND coalesce(text, '') = ? AND given_on = ?",
            (
                pid,
                kind,
                tx.clean_input(skill or "") if kind == "endorsement" else "",
                text or "",
                dt.date.today().isoformat(),
            ),
        ).fetchone()
        rid = row[0]
    return next(r for r in recognition_records(conn, pid) if r["id"] == rid), verdict


def recognition_records(conn: sqlite3.Connection, pid: int | None = None) -> list[dict]:
    """Endorsements and recommendations I gave, newest first."""
    sql = (
        "SELECT r.id, p.handle, p.name, r.kind, r.skill, r.text, r.given_on, r.source, r.status FROM recognition r "
        "JOIN person p ON p.id = r.person_id"
    )
    params: tuple = ()
    if pid is not None:
        sql += " WHERE r.person_id = ?"
        params = (pid,)
    rows = conn.execute(sql + " ORDER BY r.given_on DESC, r.id DESC", params)
    keys = ("id", "handle", "name", "kind", "skill", "text", "given_on", "source", "status")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def move_recognition(conn: sqlite3.Connection, other: int, keep: int) -> int:
    """Give `keep` the recognition given to `other` (merge); return how many moved."""
    return conn.execute("UPDATE recognition SET person_id = ? WHERE person_id = ?", (keep, other)).rowcount
