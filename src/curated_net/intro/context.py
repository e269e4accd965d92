"""What a draft may say, built only from stored facts, ready for a template.

The sentences are composed in `prose` (with the grammar of `english`), so that a template only places
them: `a.paragraph`, `b.paragraph` and `closing` make the default introduction. The older, finer keys
(`how`, `role`, `highlights`, …) stay for templates written against them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from ..dates import load_partial_date
from ..network.ties import connection_record
from ..people.records import me_id, person_record
from . import english as en
from . import prose
from .prose import CLOSE, WORK


def today() -> dt.date:
    """The day a draft is written on (its "since" and "years ago" are read from it)."""
    return dt.date.today()


first_name = en.first_name


def person(conn: sqlite3.Connection, pid: int) -> prose.Person:
    """One person's facts, read into fragments for the drafter."""
    r = person_record(conn, pid)
    conn_rec = connection_record(conn, pid)
    evidence = conn_rec["evidence"] if conn_rec else []
    name = en.proper(r["name"]) or r["name"]
    first = first_name(name)
    nickname = en.proper(r["nickname"])
    names = tuple(n for n in (r["name"], name, first, r["nickname"], nickname) if n)
    highlights = [f for f in (en.read(h, names=names) for h in r["highlights"]) if f is not None]
    return prose.Person(
        handle=r["handle"],
        name=name,
        first=first,
        nickname=nickname,
        pronouns=en.parse_pronouns(r["pronouns"]),
        how=en.read(r["how_met"], names=names),
        met=load_partial_date(r["met_on"]),
        evidence=evidence,
        highlights=highlights,
        title=r["title"],
        company=en.proper(r["company"]),
        location=en.proper(r["location"]),
        names=names,
    )


def person_context(
    conn: sqlite3.Connection, pid: int, *, reader: str | None = None, day: dt.date | None = None
) -> dict:
    """Everything a template may say about one person; with `reader`, the paragraph that introduces them."""
    p = person(conn, pid)
    r = person_record(conn, pid)
    day = day or today()
    pro = p.pronouns
    subject = p.subject
    first = p.first
    when = prose._date_phrases(p, day)
    highlights: list[dict[str, Any]] = []
    for h in p.highlights:
        pred = en.predicate(h)
        verb = pred is not None and pred.kind != "be"
        text = h.text if pred is None or pred.kind == "verb" else pred.text
        subj = first if (pro and pro.plural and verb) else subject.word
        highlights.append(
            {
                "text": text,
                "form": h.form.value,
                "verb": verb,
                "also": en.with_also(text) if verb else "also " + text,
                "subject": subj,
                "Subject": en.capitalise(subj),
                "sentence": h.sentence() if pred is None else en.finish(en.clause(subject, [pred])),
            }
        )
    is_ = subject.be()
    conversations = [c.text for c in prose.conversations(p.evidence)]
    context = {
        "handle": p.handle,
        "name": p.name,
        "first": first,
        "nickname": p.nickname,
        "close": p.close,
        "call": p.call,
        "pronouns": bool(pro),
        "ref": subject.word,
        "Ref": en.capitalise(subject.word),
        "him": subject.object,
        "poss": subject.possessive,
        "Poss": en.capitalise(subject.possessive),
        "is_": is_,
        "Is_": en.capitalise(is_),
        "how": en.uncapitalise(p.how.text) if p.how else None,
        "How": en.finish(p.how.text) if p.how else None,
        "since": when.since.removeprefix("since ") if when and when.since.startswith("since ") else None,
        "known": when.since if when else None,
        "role": prose.role(p.title, p.company),
        "title": p.title,
        "company": p.company,
        "location": p.location,
        "highlights": highlights,
        "evidence": [] if r["how_met"] else evidence_sentences(p, p.evidence, day),
        "conversations": conversations,
        "work": [e for e in p.evidence if e["criterion"] in WORK],
        "email": r["emails"][0] if r["emails"] else None,
        "connected": connection_record(conn, pid) is not None,
        "identity": prose._identity(p, []),
    }
    if reader is not None:
        sentences = prose.paragraph(p, reader, day)
        context.update(sentences=sentences, paragraph=" ".join(sentences))
    return _blank_for_none(context)


def _blank_for_none(context: dict) -> dict:
    """A fact not recorded is empty text, so a template that prints it prints nothing (never "None")."""
    return {k: ("" if v is None else v) for k, v in context.items()}


def evidence_sentences(p: prose.Person, evidence: list[dict], day: dt.date) -> list[str]:
    """Each piece of evidence as sentences about us (for a recommendation, or a template of one's own)."""
    out: list[str] = []
    for e in evidence:
        for s in prose.evidence_said(e, p, day):
            if s.kind in ("we", "i"):
                out.append(en.finish(s.text))
            elif s.predicate is not None:
                out.append(en.finish(en.clause(p.subject, [s.predicate])))
            elif s.text:
                out.append(s.text)
    return out


def me_context(conn: sqlite3.Connection) -> dict:
    r = person_record(conn, me_id(conn))
    return {"name": r["name"], "first": first_name(r["name"]), "email": r["emails"][0] if r["emails"] else None}


def intro_context(conn: sqlite3.Connection, a: int, b: int, reason: str | None, *, day: dt.date | None = None) -> dict:
    """The context of an introduction of a (who wants to reach b) to b, and of the note asking b first."""
    day = day or today()
    pa, pb = person(conn, a), person(conn, b)
    if pa.first.casefold() == pb.first.casefold():  # "Sam, meet Sam." says nothing: their full names
        pa.first, pb.first = pa.name, pb.name
    para_a = prose.paragraph(pa, pb.first, day)
    para_b = prose.paragraph(
        pb, pa.call, day, avoid=prose._opening(para_a[1]) if len(para_a) > 1 else None, said_before=para_a
    )
    # A reason is said to B: a greeting to B that opens it ("Jim, …") is the draft's to make.
    fragment = en.read(en.without_greeting(reason or "", pb.names), names=(*pa.names, *pb.names))
    ctx_a = person_context(conn, a, day=day)
    ctx_b = person_context(conn, b, day=day)
    ctx_a.update(sentences=para_a, paragraph=" ".join(para_a))
    ctx_b.update(sentences=para_b, paragraph=" ".join(para_b))
    toward_b = prose.toward_reader(fragment.text, pa, pb) if fragment else None
    return _blank_for_none(
        {
            "a": ctx_a,
            "b": ctx_b,
            "me": me_context(conn),
            "reason": en.finish(reason) if reason else None,
            "reason_clause": en.uncapitalise(en.clean(reason)[0]) if reason else None,
            "reason_to_b": toward_b,
            "reason_said": prose.reason_sentence(fragment, pa, pb, asking=True) if fragment else None,
            "closing": prose.closing(pa, pb, fragment),
            "asked_by_a": False,  # the note asking B: whether A asked me (a request), set by the ask
            "about_a": " ".join(para_a[1:]),
        }
    )


def public_context(conn: sqlite3.Connection, pid: int) -> dict:
    """Only what may be said about a person to someone else: names, never notes, highlights or how we met."""
    r = person_record(conn, pid)
    p_first = first_name(r["name"])
    close = any(e["criterion"] in CLOSE for e in ((connection_record(conn, pid) or {}).get("evidence") or []))
    return {
        "handle": r["handle"],
        "name": r["name"],
        "first": p_first,
        "call": r["nickname"] if (close and r["nickname"]) else p_first,
    }
