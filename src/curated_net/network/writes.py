"""Ties, the write side: connecting with evidence, linking other people, logging interactions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from .. import text as tx
from ..dates import parse_partial_date
from ..errors import BadInput, NotFound
from ..people.writes import now_iso
from ..policy import CRITERIA, Gate, Verdict, default_gate
from ..policy.curation import sync_curated
from ..policy.facts import person_facts
from ..store.database import Store
from ..store.models import Connection, Evidence, Interaction, Link, Person, Recognition
from .ties import EVIDENCE_FIELDS, connection_shape

KINDS = ("call", "email", "meeting", "in-person", "message")
NOMINAL_SOURCES = ("linkedin",)


# -- connections and evidence --------------------------------------------------------------------


@dataclass
class EvidenceInput:
    criterion: str
    detail: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    conversation: str | None = None


def check_criterion(value: str) -> str:
    c = tx.clean_input(value).lower().replace("_", "-").replace(" ", "-")
    if c not in CRITERIA:
        raise BadInput(f"--as: '{value}' is not a criterion; choose one of {', '.join(CRITERIA)}")
    return c


def _evidence_row(person_id: int, e: EvidenceInput) -> Evidence:
    since = parse_partial_date(e.since, field="--since").iso() if e.since else None
    until = parse_partial_date(e.until, field="--until").iso() if e.until else None
    if since and until and until < since:
        raise BadInput(f"--until {until} is before --since {since}")
    return Evidence(
        person_id=person_id,
        criterion=check_criterion(e.criterion),
        detail=tx.clean_input(e.detail) or None if e.detail else None,
        since=since,
        until=until,
        place=tx.clean_input(e.place) or None if e.place else None,
        conversation=tx.clean_input(e.conversation) or None if e.conversation else None,
        created_at=now_iso(),
    )


def evidence_dict(e: Evidence) -> dict:
    return {f: getattr(e, f) for f in EVIDENCE_FIELDS}


def get_connection(session: Session, person: Person) -> Connection | None:
    return session.get(Connection, person.id)


def connect(
    session: Session,
    person: Person,
    evidence: list[EvidenceInput],
    *,
    nominal_source: str | None = None,
    nominal_on: str | None = None,
    gate: Gate | None = None,
    override: str | None = None,
    action: str = "connect",
    request: dict | None = None,
) -> tuple[Connection, Verdict | None, list[Evidence]]:
    """Connect me with a person, adding evidence; the gate decides first and nothing is written on refusal.

    Recording only that a nominal tie exists (a LinkedIn connection, no evidence) is not the gated
    action: it is kept as nominal and never counts in the curated view.
    """
    gate = gate or default_gate()
    if person.is_me:
        raise BadInput("you cannot connect with yourself")
    if nominal_source is not None and nominal_source not in NOMINAL_SOURCES:
        raise BadInput(f"--source: '{nominal_source}' is unknown; nominal sources are {', '.join(NOMINAL_SOURCES)}")
    on = parse_partial_date(nominal_on, field="--connected-on").iso() if nominal_on else None
    conn = get_connection(session, person)
    new_rows = [_evidence_row(person.id, e) for e in evidence]
    existing = {_evidence_key(e) for e in (conn.evidence if conn else [])}
    new_rows = [e for e in new_rows if _evidence_key(e) not in existing]
    db = Store.dbapi(session)
    facts = person_facts(db, action, person.id, [evidence_dict(e) for e in new_rows], request=request)
    verdict = None
    if evidence or not nominal_source or action != "connect":
        verdict = gate.evaluate(action, facts)
        verdict.override(override)
        verdict.raise_if_refused()
    stamp = now_iso()
    if conn is None:
        conn = Connection(person_id=person.id, created_at=stamp, updated_at=stamp)
        conn.evidence = []
        session.add(conn)
    if nominal_source:
        conn.nominal_source = nominal_source
        conn.nominal_on = on or conn.nominal_on
    conn.evidence.extend(new_rows)
    conn.updated_at = stamp
    session.flush()
    conn.curated = gate.is_curated(person_facts(db, "connect", person.id))
    session.flush()
    sync_curated(db, gate)
    touch_graph(session)
    return conn, verdict, new_rows


def _evidence_key(e: Evidence) -> tuple:
    return (e.criterion, e.detail, e.since, e.until, e.place, e.conversation)


def disconnect(session: Session, person: Person) -> Connection:
    conn = get_connection(session, person)
    if conn is None:
        raise NotFound(f"you are not connected with {person.name} ({person.handle})")
    session.delete(conn)
    session.flush()
    touch_graph(session)
    return conn


def remove_evidence(session: Session, person: Person, ids: list[int], *, gate: Gate | None = None) -> Connection:
    gate = gate or default_gate()
    conn = _require_connection(session, person)
    known = {e.id for e in conn.evidence}
    missing = [i for i in ids if i not in known]
    if missing:
        raise BadInput(
            f"{person.name} has no evidence #{missing[0]}",
            hint=f"See the evidence with: cnet evidence {person.handle}",
        )
    conn.evidence = [e for e in conn.evidence if e.id not in ids]
    _refresh_curated(session, person, conn, gate)
    return conn


def edit_evidence(
    session: Session, person: Person, evidence_id: int, change: EvidenceInput, *, gate: Gate | None = None
) -> Evidence:
    gate = gate or default_gate()
    conn = _require_connection(session, person)
    row = next((e for e in conn.evidence if e.id == evidence_id), None)
    if row is None:
        raise BadInput(
            f"{person.name} has no evidence #{evidence_id}",
            hint=f"See the evidence with: cnet evidence {person.handle}",
        )
    if change.criterion:
        row.criterion = check_criterion(change.criterion)
    for attr in ("detail", "place", "conversation"):
        value = getattr(change, attr)
        if value is not None:
            setattr(row, attr, tx.clean_input(value) or None)
    for attr, flag in (("since", "--since"), ("until", "--until")):
        value = getattr(change, attr)
        if value is not None:
            setattr(row, attr, parse_partial_date(value, field=flag).iso() if value.strip() else None)
    if row.since and row.until and row.until < row.since:
        raise BadInput(f"--until {row.until} is before --since {row.since}")
    _refresh_curated(session, person, conn, gate)
    return row


def _require_connection(session: Session, person: Person) -> Connection:
    conn = get_connection(session, person)
    if conn is None:
        raise NotFound(
            f"you are not connected with {person.name} ({person.handle})",
            hint=f"Connect with: cnet connect {person.handle} --as CRITERION --detail ...",
        )
    return conn


def _refresh_curated(session: Session, person: Person, conn: Connection, gate: Gate) -> None:
    conn.updated_at = now_iso()
    session.flush()
    curated = gate.is_curated(person_facts(Store.dbapi(session), "connect", person.id))
    if curated != conn.curated:
        conn.curated = curated
        session.flush()
        touch_graph(session)
    sync_curated(Store.dbapi(session), gate)


def connection_dict(conn: Connection | None) -> dict | None:
    """The connection's JSON shape from ORM rows (inside a write, before it is read back)."""
    if conn is None:
        return None
    return connection_shape(
        conn.curated, conn.nominal_source, conn.nominal_on, [evidence_dict(e) for e in conn.evidence]
    )


# -- the graph version ---------------------------------------------------------------------------


def touch_graph(session: Session) -> None:
    """Record that ties changed, so stored degrees are recomputed before they are next shown."""
    Store.dbapi(session).execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")


# -- links ---------------------------------------------------------------------------------------


def _pair(a: Person, b: Person) -> tuple[int, int]:
    if a.is_me or b.is_me:
        other = b if a.is_me else a
        raise BadInput(
            "a tie with me is a connection, not a link",
            hint=f"Use: cnet connect {other.handle} --as CRITERION",
        )
    if a.id == b.id:
        raise BadInput(f"{a.name} cannot be linked to themselves")
    return (a.id, b.id) if a.id < b.id else (b.id, a.id)


def link(
    session: Session,
    a: Person,
    b: Person,
    *,
    how: str | None = None,
    learnt: str | None = None,
    strength: int | None = None,
) -> tuple[Link, str]:
    """Record that two people know each other; return the link and "added" | "updated" | "unchanged"."""
    lo, hi = _pair(a, b)
    if strength is not None and not 0 <= strength <= 100:
        raise BadInput(f"--strength: {strength} is outside 0–100")
    row = session.get(Link, (lo, hi))
    values = {
        "how": tx.clean_input(how) or None if how is not None else None,
        "learnt": tx.clean_input(learnt) or None if learnt is not None else None,
        "strength": strength,
    }
    if row is None:
        row = Link(a=lo, b=hi, created_at=now_iso(), **values)
        session.add(row)
        session.flush()
        touch_graph(session)
        return row, "added"
    status = "unchanged"
    for attr, value in values.items():
        if value is not None and getattr(row, attr) != value:
            setattr(row, attr, value)
            status = "updated"
    session.flush()
    return row, status


def unlink(session: Session, a: Person, b: Person) -> None:
    lo, hi = _pair(a, b)
    row = session.get(Link, (lo, hi))
    if row is None:
        raise NotFound(f"{a.name} and {b.name} are not linked")
    session.delete(row)
    session.flush()
    touch_graph(session)


def link_dict(row: Link, a: Person, b: Person) -> dict:
    return {"a": a.handle, "b": b.handle, "how": row.how, "learnt": row.learnt, "strength": row.strength}


# -- interactions ----------------------------------------------------------------------------------


def log_interaction(
    session: Session,
    person: Person,
    note: str,
    *,
    kind: str = "meeting",
    on: str | None = None,
    memorable: bool = False,
) -> Interaction:
    if person.is_me:
        raise BadInput("interactions are with other people, not with me")
    text = tx.clean_input(note)
    if not text:
        raise BadInput("an interaction needs a note saying what happened")
    k = tx.clean_input(kind).lower()
    if k not in KINDS:
        raise BadInput(f"--kind: '{kind}' is not one of {', '.join(KINDS)}")
    day = parse_partial_date(on, field="--on").iso() if on else dt.date.today().isoformat()
    row = Interaction(person_id=person.id, kind=k, on_date=day, note=text, memorable=memorable, created_at=now_iso())
    session.add(row)
    session.flush()
    return row


# -- recognition -----------------------------------------------------------------------------------


def give_recognition(
    session: Session,
    person: Person,
    kind: str,
    *,
    skill: str | None = None,
    text: str | None = None,
    gate: Gate | None = None,
    override: str | None = None,
) -> tuple[Recognition, Verdict]:
    """Endorse a skill or write a recommendation, if the policy allows it."""
    gate = gate or default_gate()
    if person.is_me:
        raise BadInput("recognition is for other people")
    action = {"endorsement": "endorse", "recommendation": "recommend"}[kind]
    if kind == "endorsement":
        skill = tx.clean_input(skill or "")
        if not skill:
            raise BadInput("--skill: name the skill you endorse")
    verdict = gate.evaluate(action, person_facts(Store.dbapi(session), action, person.id))
    verdict.override(override)
    verdict.raise_if_refused()
    if kind == "recommendation":
        text = tx.clean_input(text or "") or draft_recommendation(Store.dbapi(session), person.id)
    row = Recognition(
        person_id=person.id,
        kind=kind,
        skill=skill if kind == "endorsement" else None,
        text=text if kind == "recommendation" else None,
        given_on=dt.date.today().isoformat(),
        created_at=now_iso(),
    )
    session.add(row)
    session.flush()
    return row, verdict


def draft_recommendation(conn, pid: int) -> str:
    """A recommendation built from what I recorded: how long and in what role we worked together, highlights."""
    from ..intro.context import _evidence_sentences, person_context
    from ..intro.drafting import render

    p = person_context(conn, pid)
    work = _evidence_sentences({"first": p["first"]}, p["work"])
    return render("recommendation", {"p": p, "work": work}).strip()


def recognition_dict(conn, rid: int) -> dict:
    from .ties import recognition_records

    return next(r for r in recognition_records(conn) if r["id"] == rid)
