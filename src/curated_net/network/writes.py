"""The one place ties are written: connections and their evidence, links, interactions, the graph version.

Every path — `connect`/`link`/`log`, the importers, a request accepted, merge, restore — calls
these functions inside its write transaction on a plain sqlite3 connection. A gated action asks
the gate first and writes nothing when it refuses.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput, NotFound
from ..people.writes import check_text
from ..policy import CRITERIA, Gate, Verdict
from ..store.database import bump_graph_version
from .curation import sync_curated, write_curated
from .derived import owe_verdicts
from .facts import person_facts
from .ties import EVIDENCE_FIELDS, connection_record, evidence_of

KINDS = ("call", "email", "meeting", "in-person", "message")
NOMINAL_SOURCES = ("linkedin",)


def touch_graph(conn: sqlite3.Connection) -> None:
    """Record that ties changed (the graph's version moves on; whose ties changed is noted by triggers, so
    that the stored degrees are brought up to date in place before they are next shown)."""
    bump_graph_version(conn)


def _who(conn: sqlite3.Connection, pid: int) -> tuple[str, str, bool]:
    row = conn.execute("SELECT handle, name, is_me FROM person WHERE id = ?", (pid,)).fetchone()
    if row is None:
        raise NotFound(f"no person with id {pid}")
    return row[0], row[1], bool(row[2])


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
        raise BadInput(f"--as: '{tx.printable(value)}' is not a criterion; choose one of {', '.join(CRITERIA)}")
    return c


def check_evidence(e: EvidenceInput) -> dict:
    """One piece of evidence as stored (no id yet): every value checked."""
    since = parse_partial_date(e.since, field="--since").iso() if e.since and e.since.strip() else None
    until = parse_partial_date(e.until, field="--until").iso() if e.until and e.until.strip() else None
    if since and until and until < since:
        raise BadInput(f"--until {until} is before --since {since}")
    return {
        "id": None,
        "criterion": check_criterion(e.criterion),
        "detail": check_text(e.detail, what="--detail", one_line=True),
        "since": since,
        "until": until,
        "place": check_text(e.place, what="--place", one_line=True),
        "conversation": check_text(e.conversation, what="--conversation", one_line=True),
    }


def evidence_key(e: dict) -> tuple:
    """What makes two pieces of evidence the same: the criterion, and each text ignoring case and spacing."""

    def norm(v: str | None) -> str:
        return " ".join((v or "").split()).casefold()

    return (
        e["criterion"],
        norm(e["detail"]),
        e["since"] or "",
        e["until"] or "",
        norm(e["place"]),
        norm(e["conversation"]),
    )


def new_evidence(existing: list[dict], incoming: list[dict]) -> list[dict]:
    """The pieces of `incoming` that say something `existing` (and earlier incoming ones) do not."""
    seen = {evidence_key(e) for e in existing}
    out = []
    for e in incoming:
        key = evidence_key(e)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def plan_evidence(existing: list[dict], incoming: list[dict]) -> tuple[list[dict], dict[int, dict]]:
    """What connecting again does with each piece of evidence: one that says nothing new is dropped; one of a
    criterion already recorded updates that evidence (the latest of its kind: the values given replace
    those held); any other is added (several of one kind given at once stay several). Return (to add,
    {evidence id: the evidence as it will be})."""
    latest = {e["criterion"]: e for e in sorted(existing, key=lambda e: e["id"] or 0)}
    seen = {evidence_key(e) for e in existing}
    added: list[dict] = []
    updated: dict[int, dict] = {}
    for e in incoming:
        key = evidence_key(e)
        if key in seen:
            continue
        seen.add(key)
        held = updated.get(latest[e["criterion"]]["id"], latest[e["criterion"]]) if e["criterion"] in latest else None
        if held is None:
            added.append(e)
            continue
        merged = {**held, **{k: v for k, v in e.items() if v is not None and k != "id"}}
        if merged["since"] and merged["until"] and merged["until"] < merged["since"]:
            raise BadInput(
                f"--until {merged['until']} is before --since {merged['since']} (of the {e['criterion']} evidence)"
            )
        if evidence_key(merged) != evidence_key(held):
            updated[held["id"]] = merged
    return added, updated


def update_evidence(conn: sqlite3.Connection, evidence_id: int, new: dict) -> None:
    """Store checked values over one piece of evidence."""
    conn.execute(
        "UPDATE evidence SET criterion = ?, detail = ?, since = ?, until = ?, place = ?, conversation = ? WHERE id = ?",
        (new["criterion"], new["detail"], new["since"], new["until"], new["place"], new["conversation"], evidence_id),
    )


def add_evidence(conn: sqlite3.Connection, pid: int, evidence: list[dict], *, stamp: str | None = None) -> list[dict]:
    """Store checked evidence on an existing connection, skipping what it already holds; return what was added."""
    stamp = stamp or now_iso()
    added = []
    for e in new_evidence(evidence_of(conn, pid), evidence):
        cur = conn.execute(
            "INSERT INTO evidence (person_id, criterion, detail, since, until, place, conversation, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, e["criterion"], e["detail"], e["since"], e["until"], e["place"], e["conversation"], stamp),
        )
        added.append({**e, "id": cur.lastrowid})
    return added


def insert_connections(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """The one statement that writes connections (ensure_connection, a restore, an import's batch of people
    it has just made): rows of (person id, nominal source, nominal on, curated, created at, updated at),
    checked by the caller. Whoever writes ties calls touch_graph once they are written. The flag given is
    provisional: the policy's verdict on each is worked out, all at once, before the transaction commits."""
    conn.executemany(
        "INSERT INTO connection (person_id, nominal_source, nominal_on, curated, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    owe_verdicts(conn, [r[0] for r in rows])


def ensure_connection(
    conn: sqlite3.Connection,
    pid: int,
    *,
    nominal_source: str | None = None,
    nominal_on: str | None = None,
    stamp: str | None = None,
) -> bool:
    """Make sure me and a person are connected, noting a nominal source; return whether anything changed."""
    if nominal_source is not None and nominal_source not in NOMINAL_SOURCES:
        raise BadInput(
            f"--source: '{tx.printable(nominal_source)}' is unknown; nominal sources are {', '.join(NOMINAL_SOURCES)}"
        )
    stamp = stamp or now_iso()
    row = conn.execute("SELECT nominal_source, nominal_on FROM connection WHERE person_id = ?", (pid,)).fetchone()
    if row is None:
        if _who(conn, pid)[2]:
            raise BadInput("you cannot connect with yourself")
        insert_connections(conn, [(pid, nominal_source, nominal_on, 0, stamp, stamp)])
        touch_graph(conn)
        return True
    source = nominal_source or row[0]
    on = nominal_on or row[1]
    if (source, on) != (row[0], row[1]):
        conn.execute(
            "UPDATE connection SET nominal_source = ?, nominal_on = ?, updated_at = ? WHERE person_id = ?",
            (source, on, stamp, pid),
        )
        owe_verdicts(conn, [pid])  # a rule may look at the nominal source
        return True
    return False


@dataclass
class Connected:
    """What `connect` did: the connection as it now is, the evidence added, and the verdict (None when ungated)."""

    handle: str
    name: str
    connection: dict
    added: list[dict]
    verdict: Verdict | None
    updated: list[dict] = field(default_factory=list)  # evidence of a criterion held already, as it now is


def connect(
    conn: sqlite3.Connection,
    pid: int,
    evidence: list[EvidenceInput],
    *,
    gate: Gate,
    nominal_source: str | None = None,
    nominal_on: str | None = None,
    override: str | None = None,
    action: str = "connect",
    request: dict | None = None,
) -> Connected:
    """Connect me with a person, adding evidence; the gate decides first and nothing is written on refusal.

    Recording only that a nominal tie exists (a LinkedIn connection, no evidence) is not the gated
    action: it is kept as nominal and never counts in the curated view.
    """
    handle, name, is_me = _who(conn, pid)
    if is_me:
        raise BadInput("you cannot connect with yourself")
    if nominal_source is not None and nominal_source not in NOMINAL_SOURCES:
        raise BadInput(
            f"--source: '{tx.printable(nominal_source)}' is unknown; nominal sources are {', '.join(NOMINAL_SOURCES)}"
        )
    on = parse_partial_date(nominal_on, field="--connected-on").iso() if nominal_on else None
    incoming, updates = plan_evidence(evidence_of(conn, pid), [check_evidence(e) for e in evidence])
    verdict = None
    if evidence or not nominal_source or action != "connect":
        facts = person_facts(conn, action, pid, incoming, request=request, replace=updates)
        verdict = gate.evaluate(action, facts)
        verdict.override(override)
        verdict.raise_if_refused()
    stamp = now_iso()
    changed = ensure_connection(conn, pid, nominal_source=nominal_source, nominal_on=on, stamp=stamp)
    added = add_evidence(conn, pid, incoming, stamp=stamp)
    for evidence_id, new in updates.items():
        update_evidence(conn, evidence_id, new)
    if changed or added or updates:  # connecting again with nothing new writes nothing
        conn.execute("UPDATE connection SET updated_at = ? WHERE person_id = ?", (stamp, pid))
        refresh_curated(conn, pid, gate)
    record = connection_record(conn, pid)
    assert record is not None
    return Connected(handle, name, record, added, verdict, [{**new, "id": i} for i, new in updates.items()])


def refresh_curated(conn: sqlite3.Connection, pid: int, gate: Gate) -> None:
    """Bring one connection's curated flag in step with its evidence (and every flag with a changed policy)."""
    write_curated(conn, [(int(gate.is_curated(person_facts(conn, "connect", pid))), pid)])
    sync_curated(conn, gate)


def _require_connection(conn: sqlite3.Connection, pid: int) -> dict:
    record = connection_record(conn, pid)
    if record is None:
        handle, name, _ = _who(conn, pid)
        raise NotFound(
            f"you are not connected with {name} ({handle})",
            hint=f"Connect with: cnet connect {handle} --as CRITERION --detail ...",
        )
    return record


def disconnect(conn: sqlite3.Connection, pid: int) -> dict:
    """Remove my connection with a person and its evidence; return what it was."""
    record = _require_connection(conn, pid)
    conn.execute("DELETE FROM connection WHERE person_id = ?", (pid,))
    touch_graph(conn)
    return record


def _evidence_row(conn: sqlite3.Connection, pid: int, evidence_id: int) -> dict:
    _require_connection(conn, pid)
    row = next((e for e in evidence_of(conn, pid) if e["id"] == evidence_id), None)
    if row is None:
        handle, name, _ = _who(conn, pid)
        raise BadInput(f"{name} has no evidence #{evidence_id}", hint=f"See the evidence with: cnet evidence {handle}")
    return row


def remove_evidence(conn: sqlite3.Connection, pid: int, ids: list[int], *, gate: Gate) -> None:
    for i in ids:
        _evidence_row(conn, pid, i)
    conn.executemany("DELETE FROM evidence WHERE id = ? AND person_id = ?", [(i, pid) for i in ids])
    conn.execute("UPDATE connection SET updated_at = ? WHERE person_id = ?", (now_iso(), pid))
    refresh_curated(conn, pid, gate)


def edit_evidence(conn: sqlite3.Connection, pid: int, evidence_id: int, change: EvidenceInput, *, gate: Gate) -> dict:
    """Change one piece of evidence (None leaves a value, '' clears it); return it as it now is."""
    row = _evidence_row(conn, pid, evidence_id)
    merged = EvidenceInput(
        change.criterion or row["criterion"],
        *(
            row[f] if getattr(change, f) is None else getattr(change, f)
            for f in ("detail", "since", "until", "place", "conversation")
        ),
    )
    new = check_evidence(merged)
    update_evidence(conn, evidence_id, new)
    conn.execute("UPDATE connection SET updated_at = ? WHERE person_id = ?", (now_iso(), pid))
    refresh_curated(conn, pid, gate)
    return {**new, "id": evidence_id}


# -- links ---------------------------------------------------------------------------------------


def _pair(conn: sqlite3.Connection, a: int, b: int) -> tuple[int, int]:
    (ha, na, a_me), (hb, _nb, b_me) = _who(conn, a), _who(conn, b)
    if a_me or b_me:
        raise BadInput(
            "a tie with me is a connection, not a link", hint=f"Use: cnet connect {hb if a_me else ha} --as CRITERION"
        )
    if a == b:
        raise BadInput(f"{na} cannot be linked to themselves")
    return (a, b) if a < b else (b, a)


def link(
    conn: sqlite3.Connection,
    a: int,
    b: int,
    *,
    how: str | None = None,
    learnt: str | None = None,
    strength: int | None = None,
    stamp: str | None = None,
) -> str:
    """Record that two people know each other; return "added", "updated" or "unchanged"."""
    lo, hi = _pair(conn, a, b)
    if strength is not None and not 0 <= strength <= 100:
        raise BadInput(f"--strength: {strength} is outside 0–100")
    values = {
        "how": check_text(how, what="--how", one_line=True),
        "learnt": check_text(learnt, what="--learnt", one_line=True),
        "strength": strength,
    }
    row = conn.execute("SELECT how, learnt, strength FROM link WHERE a = ? AND b = ?", (lo, hi)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO link (a, b, how, learnt, strength, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (lo, hi, values["how"], values["learnt"], strength, stamp or now_iso()),
        )
        touch_graph(conn)
        return "added"
    current = dict(zip(("how", "learnt", "strength"), row, strict=True))
    changes = {k: v for k, v in values.items() if v is not None and current[k] != v}
    if not changes:
        return "unchanged"
    conn.execute(
        f"UPDATE link SET {', '.join(f'{k} = ?' for k in changes)} WHERE a = ? AND b = ?", (*changes.values(), lo, hi)
    )
    return "updated"


def unlink(conn: sqlite3.Connection, a: int, b: int) -> None:
    lo, hi = _pair(conn, a, b)
    if conn.execute("DELETE FROM link WHERE a = ? AND b = ?", (lo, hi)).rowcount == 0:
        raise NotFound(f"{_who(conn, a)[1]} and {_who(conn, b)[1]} are not linked")
    touch_graph(conn)


# -- interactions ----------------------------------------------------------------------------------


def log_interaction(
    conn: sqlite3.Connection,
    pid: int,
    note: str,
    *,
    kind: str = "meeting",
    on: str | None = None,
    memorable: bool = False,
    stamp: str | None = None,
    unique: bool = False,
    source: str | None = None,
    source_id: str | None = None,
) -> int | None:
    """Record an interaction; return its id. With `unique`, one already there (same day, kind, note) is not
    added again and None is returned (importers, restores). One read from an archive carries its `source`
    ('mail', 'calendar') and `source_id`, and is kept once per person whatever is imported again."""
    if _who(conn, pid)[2]:
        raise BadInput("interactions are with other people, not with me")
    text = check_text(note, what="note")
    if not text:
        raise BadInput("an interaction needs a note saying what happened")
    k = tx.clean_input(kind).lower()
    if k not in KINDS:
        raise BadInput(f"--kind: '{tx.printable(kind)}' is not one of {', '.join(KINDS)}")
    day = parse_partial_date(on, field="--on").iso() if on else dt.date.today().isoformat()
    if (
        unique
        and conn.execute(
            "SELECT 1 FROM interaction WHERE person_id = ? AND kind = ? AND on_date = ? AND note = ?",
            (pid, k, day, text),
        ).fetchone()
    ):
        return None
    if source not in (None, "mail", "calendar"):
        raise BadInput(f"an interaction comes from mail or a calendar, not '{tx.printable(str(source))}'")
    if (
        source is not None
        and conn.execute(
            "SELECT 1 FROM interaction WHERE source = ? AND source_id = ? AND person_id = ?", (source, source_id, pid)
        ).fetchone()
    ):
        return None
    cur = conn.execute(
        "INSERT INTO interaction (person_id, kind, on_date, note, memorable, created_at, source, source_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (pid, k, day, text, int(memorable), stamp or now_iso(), source, source_id),
    )
    return cur.lastrowid


__all__ = [
    "EVIDENCE_FIELDS",
    "KINDS",
    "Connected",
    "EvidenceInput",
    "add_evidence",
    "check_criterion",
    "check_evidence",
    "connect",
    "disconnect",
    "edit_evidence",
    "ensure_connection",
    "link",
    "log_interaction",
    "remove_evidence",
    "touch_graph",
    "unlink",
]


def restore_connection(conn: sqlite3.Connection, pid: int, c: dict, *, what: str) -> None:
    """Write a connection and its evidence as an export holds them (dates and flags kept), each piece of
    evidence through `check_evidence`."""
    source, on = c.get("nominal_source"), c.get("nominal_on")
    if source is not None and source not in NOMINAL_SOURCES:
        raise BadInput(
            f"{what}.nominal_source: '{tx.printable(str(source))}' is not one of {', '.join(NOMINAL_SOURCES)}"
        )
    if on is not None:
        on = parse_partial_date(str(on), field=f"{what}.nominal_on", allow_future=True).iso()
    for key in ("created_at", "updated_at"):
        if not isinstance(c.get(key), str):
            raise BadInput(f"{what}.{key}: expected text")
    insert_connections(conn, [(pid, source, on, int(bool(c.get("curated"))), c["created_at"], c["updated_at"])])
    evidence = c.get("evidence") or []
    if not isinstance(evidence, list):
        raise BadInput(f"{what}.evidence: expected a list")
    for i, e in enumerate(evidence):
        if not isinstance(e, dict) or not isinstance(e.get("created_at"), str):
            raise BadInput(f"{what}.evidence[{i}]: expected an object with created_at")
        fields = {}
        for key in ("criterion", "detail", "since", "until", "place", "conversation"):
            value = e.get(key)
            if value is not None and not isinstance(value, str):
                raise BadInput(f"{what}.evidence[{i}].{key}: expected text")
            fields[key] = value
        row = check_evidence(EvidenceInput(fields.pop("criterion") or "", **fields))
        conn.execute(
            "INSERT INTO evidence (person_id, criterion, detail, since, until, place, conversation, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                row["criterion"],
                row["detail"],
                row["since"],
                row["until"],
                row["place"],
                row["conversation"],
                e["created_at"],
            ),
        )


# -- a person merged into another ------------------------------------------------------------------


def move_ties(conn: sqlite3.Connection, other: int, keep: int) -> dict[str, int]:
    """Give `keep` the links and interactions of `other` (merge): a link between the two ends, one both had
    is kept once (keep's). Return how many of each moved."""
    links = 0
    for a, b, how, learnt, strength, created in conn.execute(
        "SELECT a, b, how, learnt, strength, created_at FROM link WHERE a = ? OR b = ?", (other, other)
    ).fetchall():
        x = b if a == other else a
        if x != keep:
            links += conn.execute(
                "INSERT OR IGNORE INTO link (a, b, how, learnt, strength, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (min(keep, x), max(keep, x), how, learnt, strength, created),
            ).rowcount
    conn.execute("DELETE FROM link WHERE a = ? OR b = ?", (other, other))
    # OR IGNORE: an interaction read from an archive that keep now has too (through an address moved over) is
    # kept once; other's copy goes with other.
    moved = conn.execute("UPDATE OR IGNORE interaction SET person_id = ? WHERE person_id = ?", (keep, other)).rowcount
    touch_graph(conn)
    return {"links": links, "interaction": moved}
