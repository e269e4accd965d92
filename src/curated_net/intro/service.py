"""The use cases of introductions and requests: draft, ask, accept, decline, and a request from a stranger.

Each runs inside the caller's transaction; a gated step asks the gate first and writes nothing when it
refuses. Drafts are built from stored facts only, and drafting writes nothing: an introduction is made
when the user says it was sent.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..dates import now_iso
from ..errors import BadInput, NotFound
from ..policy import Gate, Verdict
from . import lifecycle
from .requests import accept_if_open, refuse_mine, request_record, set_status

FORMATS = ("text", "markdown", "eml")


@dataclass
class Draft:
    """A drafted introduction or ask: its number, the text, warnings about it, and the verdict."""

    id: int | None  # the introduction it belongs to; None for a draft that continues none
    text: str
    format: str
    verdict: Verdict
    warnings: list[str]
    subjects: tuple[str, str]

    def as_dict(self) -> dict:
        return {"id": self.id, "format": self.format, "draft": self.text, "verdict": self.verdict.as_dict()}


def pair(conn: sqlite3.Connection, a: int, b: int) -> tuple[str, str]:
    """The handles of two different people other than me, for an introduction."""
    rows = dict(
        (r[0], (r[1], bool(r[2])))
        for r in conn.execute("SELECT id, handle, is_me FROM person WHERE id IN (?, ?)", (a, b))
    )
    if a == b:
        raise BadInput("an introduction needs two different people")
    if rows[a][1] or rows[b][1]:
        raise BadInput("an introduction is between two other people, not me")
    return rows[a][0], rows[b][0]


def _request(conn: sqlite3.Connection, request: int | None, a: int | None = None, b: int | None = None) -> dict | None:
    """The request an introduction answers: it must ask me to introduce a to b."""
    if request is None:
        return None
    rec = request_record(conn, request)
    if rec["kind"] != "intro":
        raise BadInput(f"request #{request} asks to connect, not for an introduction")
    if a is not None and b is not None and (rec["from_id"], rec["to_id"]) != (a, b):
        names = dict(conn.execute("SELECT id, handle FROM person WHERE id IN (?, ?)", (a, b)))
        raise BadInput(
            f"request #{request} is {rec['from']}'s to meet {rec['to']}, not an introduction of "
            f"{names.get(a)} to {names.get(b)}",
            hint="See it with: cnet request show " + str(request),
        )
    return rec


def _accept_request(conn: sqlite3.Connection, request: dict | None) -> None:
    if request is not None:
        accept_if_open(conn, request["id"])


def _reason(conn: sqlite3.Connection, iid: int | None, reason: str | None, rec: dict | None = None) -> str | None:
    """The reason given, or the one the introduction it continues holds, or the request's."""
    from ..people.writes import check_text

    reason = check_text(reason, what="--reason", one_line=True) if reason is not None else None
    if reason is None and iid is not None:
        reason = lifecycle.intro_record(conn, iid)["reason"]
    if reason is None and rec is not None:
        reason = rec["reason"]
    return reason


def _render(conn: sqlite3.Connection, a: int, b: int, reason: str | None, fmt: str) -> tuple[str, str, list[str]]:
    """The draft's text (plain or Markdown), what `fmt` asks for (an e-mail for eml), and warnings."""
    from .context import intro_context
    from .drafting import as_eml, render

    if fmt not in FORMATS:
        raise BadInput(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    context = intro_context(conn, a, b, reason)
    text = render("intro-markdown" if fmt == "markdown" else "intro", context)
    if fmt == "eml":
        result, warnings = as_eml(text, me=context["me"], to=[context["b"], context["a"]])
        return text, result, warnings
    return text, text, []


def _verdict(
    conn: sqlite3.Connection,
    gate: Gate,
    a: int,
    b: int,
    *,
    reason: str | None,
    request: int | None,
    iid: int | None,
    override: str | None,
    skip: tuple[str, ...] = (),
) -> Verdict:
    from ..network.facts import intro_facts

    verdict = gate.evaluate(
        "intro", intro_facts(conn, a, b, reason=reason, request_id=request, intro_id=iid), skip_kinds=skip
    )
    verdict.override(override)
    verdict.raise_if_refused()
    return verdict


def draft_intro(
    conn: sqlite3.Connection,
    gate: Gate,
    a: int,
    b: int,
    *,
    reason: str | None,
    fmt: str = "text",
    request: int | None = None,
    override: str | None = None,
) -> Draft:
    """Draft the introduction of a (who wants to reach b) to b under the policy. A draft records nothing:
    the introduction counts once the user says it was sent (`record_sent`). Its number is that of the open
    introduction it continues (after an ask), or None when there is none yet."""
    subjects = pair(conn, a, b)
    rec = _request(conn, request, a, b)
    iid = lifecycle.open_intro(conn, a, b)
    reason = _reason(conn, iid, reason, rec)
    verdict = _verdict(conn, gate, a, b, reason=reason, request=request, iid=iid, override=override)
    _text, result, warnings = _render(conn, a, b, reason, fmt)
    return Draft(iid, result, fmt, verdict, warnings, subjects)


def record_sent(
    conn: sqlite3.Connection,
    gate: Gate,
    a: int,
    b: int,
    *,
    reason: str | None,
    request: int | None = None,
    override: str | None = None,
    on: str | None = None,
    text: str | None = None,
) -> Draft:
    """Record that the introduction of a to b was made (sent), under the policy: the open introduction it
    continues is marked introduced, or a new one is opened as introduced. What is kept as its draft is the
    text given (what was really sent), else the draft as cnet writes it now."""
    subjects = pair(conn, a, b)
    iid = lifecycle.open_intro(conn, a, b)
    rec = _request(conn, request, a, b)
    if iid is not None:
        held = lifecycle.intro_record(conn, iid)
        if rec is not None and held["request"] not in (None, rec["id"]):
            raise BadInput(f"introduction #{iid} answers request #{held['request']}, not #{rec['id']}")
        rec = rec or _request(conn, held["request"])
        if on is not None:
            lifecycle.not_before(held, on, "introduced", "requested", "asked", "answered")
    if iid is None:
        # Saying twice that one introduction was made would count it twice against protect-my-connections.
        day = on or now_iso()[:10]
        made = lifecycle.made_on(conn, a, b, day)
        if made is not None:
            raise BadInput(
                f"{subjects[0]} and {subjects[1]} were recorded as introduced on {day} already: #{made} "
                f"(cnet intro show {made}); nothing was recorded. Introduced again on another day? Give it with --on"
            )
    if rec is not None and rec["status"] == "accepted" and not (iid and lifecycle.intro_record(conn, iid)["request"]):
        raise BadInput(f"request #{rec['id']} was answered already (it is accepted)")
    reason = _reason(conn, iid, reason, rec)
    verdict = _verdict(conn, gate, a, b, reason=reason, request=rec["id"] if rec else None, iid=iid, override=override)
    if text is None:
        text = _render(conn, a, b, reason, "text")[0]
    if iid is None:
        iid = lifecycle.start(
            conn,
            a,
            b,
            status="requested",
            reason=reason,
            request_id=rec["id"] if rec else None,
            requested_by=rec["from_id"] if rec else None,
        )
    lifecycle.mark_introduced(conn, iid, text, reason, on=on)
    _accept_request(conn, rec)
    return Draft(iid, text, "text", verdict, [], subjects)


def ask_intro(
    conn: sqlite3.Connection,
    gate: Gate,
    a: int,
    b: int,
    *,
    reason: str | None,
    request: int | None = None,
    override: str | None = None,
) -> Draft:
    """Draft the private note asking b whether they want to meet a (double opt-in), and record the ask
    (asking again continues the same introduction)."""
    from .context import intro_context
    from .drafting import render

    subjects = pair(conn, a, b)
    rec = _request(conn, request, a, b)
    iid = lifecycle.open_intro(conn, a, b)
    reason = _reason(conn, iid, reason, rec)
    verdict = _verdict(conn, gate, a, b, reason=reason, request=request, iid=iid, override=override, skip=("consent",))
    held = lifecycle.intro_record(conn, iid)["request"] if iid is not None else None
    asked_by_a = rec is not None or held is not None  # only a request says A asked me
    text = render("ask", {**intro_context(conn, a, b, reason), "asked_by_a": asked_by_a})
    if iid is None:
        iid = lifecycle.start(
            conn, a, b, status="asked", reason=reason, request_id=request, requested_by=rec["from_id"] if rec else None
        )
    else:
        lifecycle.mark_asked(conn, iid, reason)
    _accept_request(conn, rec)
    return Draft(iid, text, "text", verdict, [], subjects)


def person_or_new(conn: sqlite3.Connection, query: str) -> tuple[int, bool]:
    """Resolve a person, or create them by name when no one matches (requests often come from strangers);
    return (id, created)."""
    from ..people.records import resolve_id
    from ..people.writes import create_person

    try:
        return resolve_id(conn, query, suggestions=False), False
    except NotFound:
        return create_person(conn, query, what="NAME")[0], True


def accept_connect(
    conn: sqlite3.Connection, gate: Gate, request_id: int, evidence: list, *, override: str | None = None
) -> tuple[dict, Verdict | None]:
    """Accept a request to connect by running the gated accept (with my evidence); mark it accepted."""
    from ..network.writes import connect

    rec = _open_request(conn, request_id)
    if rec["kind"] != "connect":
        raise BadInput(
            f"request #{request_id} asks for an introduction; accept it with: cnet request accept {request_id}"
        )
    facts_request = {"id": request_id, "channel": rec["channel"], "from": rec["from"], "kind": "connect"}
    done = connect(conn, rec["from_id"], evidence, gate=gate, override=override, action="accept", request=facts_request)
    set_status(conn, request_id, "accepted")
    data = {
        "request": request_id,
        "person": done.handle,
        "name": done.name,
        "connection": done.connection,
        "verdict": done.verdict.as_dict() if done.verdict else None,
    }
    return data, done.verdict


def _open_request(conn: sqlite3.Connection, request_id: int) -> dict:
    rec = request_record(conn, request_id)
    refuse_mine(rec)
    if rec["status"] != "open":
        raise BadInput(f"request #{request_id} is already {rec['status']}")
    return rec


def decline(conn: sqlite3.Connection, request_id: int) -> dict:
    """Decline a request and draft a warm, honest note saying so (nothing private about anyone else)."""
    from .context import me_context, public_context
    from .drafting import render

    rec = _open_request(conn, request_id)
    set_status(conn, request_id, "declined")
    context = {
        "a": public_context(conn, rec["from_id"]),
        "b": public_context(conn, rec["to_id"]) if rec["to_id"] else None,
        "me": me_context(conn),
        "channel": rec["channel"],
        "channel_refused": rec["channel"] not in ("phone", "in-person"),
    }
    text = render("decline-intro" if rec["kind"] == "intro" else "decline-connect", context)
    return {"request": request_id, "status": "declined", "draft": text}
