"""What a draft may say, built only from stored facts, ready for a template.

The sentences are composed in `prose` (with the grammar of `english`), so that a template only places
them: `a.paragraph`, `b.paragraph` and `closing` make the default introduction. The older, finer keys
(`how`, `role`, `highlights`, …) stay for templates written against them.
"""

from __future__ import annotations

import datetime as dt
import re
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


def known_names(conn: sqlite3.Connection, texts: list[str]) -> list[str]:
    """The names in the database that texts typed in lower case may mention: people by first name, firms
    and places whole, as they are stored ("carla" → "Carla", "harlan health" → "Harlan Health"). Looked up
    by index for the words of the texts only."""
    import json

    words = sorted({w for t in texts for w in re.findall(r"[^\W\d_]{2,}", (t or "").lower())})
    if not words:
        return []
    arg = json.dumps(words)
    names = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT name FROM person WHERE name_fold IN (SELECT value FROM json_each(?)) "
            "OR substr(name_fold, 1, instr(name_fold || ' ', ' ') - 1) IN (SELECT value FROM json_each(?)) "
            "LIMIT 500",
            (arg, arg),
        )
    ]
    firms = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT company FROM person WHERE company COLLATE NOCASE IN "
            "(SELECT value FROM json_each(?)) LIMIT 500",
            (json.dumps(_phrases(texts)),),
        )
    ]
    return [n for name in names for n in (name, first_name(name))] + firms


def _phrases(texts: list[str]) -> list[str]:
    """Every run of one to four words in the texts, in lower case (the names a text may hold)."""
    out: set[str] = set()
    for t in texts:
        ws = (t or "").lower().split()
        for i in range(len(ws)):
            for j in range(i + 1, min(i + 4, len(ws)) + 1):
                out.add(" ".join(w.strip(".,;:!?()") for w in ws[i:j]))
    return sorted(out)


def person(conn: sqlite3.Connection, pid: int) -> prose.Person:
    """One person's facts, read into fragments for the drafter: names typed in lower case written as
    names (theirs, and those of people, firms and places the database knows)."""
    r = person_record(conn, pid)
    conn_rec = connection_record(conn, pid)
    evidence = conn_rec["evidence"] if conn_rec else []
    texts = [r["how_met"], *r["highlights"], *(e.get(k) for e in evidence for k in ("detail", "place", "conversation"))]
    known = known_names(conn, [t for t in texts if t])

    def fix(text: str | None) -> str | None:
        return en.capitalised(text, known) if text else text

    evidence = [{**e, **{k: fix(e.get(k)) for k in ("detail", "place", "conversation")}} for e in evidence]
    name = en.proper(r["name"]) or r["name"]
    first = first_name(name)
    nickname = en.proper(r["nickname"])
    names = tuple(n for n in (r["name"], name, first, r["nickname"], nickname) if n)
    highlights = [f for f in (en.read(fix(h), names=names) for h in r["highlights"]) if f is not None]
    return prose.Person(
        handle=r["handle"],
        name=name,
        first=first,
        nickname=nickname,
        pronouns=en.parse_pronouns(r["pronouns"]),
        how=en.read(fix(r["how_met"]), names=names),
        met=load_partial_date(r["met_on"]),
        evidence=evidence,
        highlights=highlights,
        title=en.title(r["title"]),
        company=en.proper(r["company"], acronyms=True),
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
    reason = en.capitalised(reason, known_names(conn, [reason])) if reason else reason
    if pa.first.casefold() == pb.first.casefold():  # "Sam, meet Sam." says nothing: their full names
        pa.first, pb.first = pa.name, pb.name
    # Each paragraph is said to the other person: a mention of them in it is "you" ("we met through you").
    para_a = prose.said_to(prose.paragraph(pa, pb.first, day), pb)
    para_b = prose.said_to(
        prose.paragraph(
            pb, pa.call, day, avoid=prose._opening(para_a[1]) if len(para_a) > 1 else None, said_before=para_a
        ),
        pa,
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
            # The lines about A that B may forward: A named, not only "she" (they may travel without the rest).
            "about_a": " ".join(prose.paragraph(prose.unnamed(pa), pb.first, day)[1:]),
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
