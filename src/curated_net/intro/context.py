"""What a draft may say about a person, built only from stored facts, ready for a template.

Phrases are prepared here so that templates stay readable: each is either present and
grammatical on its own, or None/empty and left out by the template.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..dates import load_partial_date
from ..network.ties import connection_record
from ..people.records import me_id, person_record

_PRONOUNS = {
    "he": {"he": "he", "him": "him", "his": "his", "is": "he's"},
    "she": {"he": "she", "him": "her", "his": "her", "is": "she's"},
    "they": {"he": "they", "him": "them", "his": "their", "is": "they're"},
}
# A how-met text starting with one of these reads on after a colon in lower case ("…since 1998: we met…").
_LOWER_STARTS = {
    "we",
    "our",
    "my",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "the",
    "a",
    "an",
    "at",
    "in",
    "on",
    "through",
    "while",
    "during",
    "after",
    "when",
    "both",
    "as",
}
_PAST_VERBS = {
    "met",
    "went",
    "grew",
    "sat",
    "ran",
    "built",
    "taught",
    "took",
    "became",
    "spent",
    "found",
    "saw",
    "heard",
    "got",
    "made",
    "knew",
    "came",
    "fought",
    "won",
    "lost",
    "led",
    "read",
    "wrote",
    "swam",
    "rode",
}
_VERB_STARTS = {
    "has",
    "have",
    "had",
    "never",
    "always",
    "can",
    "could",
    "will",
    "would",
    "knows",
    "asks",
    "grows",
    "runs",
    "builds",
    "leads",
    "makes",
    "gets",
    "writes",
    "reads",
    "sees",
    "brings",
    "turns",
    "loves",
    "keeps",
    "takes",
    "gives",
    "shows",
    "helps",
    "manages",
    "thinks",
    "speaks",
    "rarely",
    "still",
    "once",
    "often",
    "sometimes",
    "remembers",
    "cares",
    "works",
    "does",
    "did",
    "knew",
    "tells",
}
_NOT_VERBS = {"his", "hers", "its", "this", "us", "famous", "various", "serious", "obvious", "generous", "curious"}
CLOSE = {"friend", "family"}
WORK = ("client", "colleague", "business-partner")


def sentence(text: str | None) -> str | None:
    """Text as a sentence body: trimmed, first letter capitalised, no final punctuation."""
    if not text:
        return None
    t = " ".join(text.split()).rstrip(" .!;,")
    return t[:1].upper() + t[1:] if t else None


def clause(text: str | None) -> str | None:
    """Text to follow a colon or run on in a sentence: as typed, lower-casing a first word where that is safe."""
    if not text:
        return None
    t = " ".join(text.split()).rstrip(" .!;,")
    if not t:
        return None
    first = t.split()[0]
    lower = first.lower()
    if lower in _LOWER_STARTS or lower in _PAST_VERBS or (lower.endswith("ed") and first[1:].islower()):
        return t[:1].lower() + t[1:]
    return t


def is_verb_phrase(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    if first in _VERB_STARTS:
        return True
    return first.endswith("s") and not first.endswith("ss") and first not in _NOT_VERBS and len(first) > 3


_AUX = {"can", "could", "will", "would", "has", "have", "had", "is", "was", "does", "did", "should", "may", "might"}


def with_also(text: str, verb: bool) -> str:
    """Where "also" goes: "is also one of…", "can also read…", "also asks…"."""
    if not verb:
        return "also " + text
    first, _, rest = text.partition(" ")
    if first.lower() in _AUX and rest:
        return f"{first} also {rest}"
    return "also " + text


_UNIQUE_ROLES = {
    "chief",
    "head",
    "president",
    "ceo",
    "cfo",
    "cto",
    "coo",
    "cmo",
    "cio",
    "founder",
    "co-founder",
    "cofounder",
    "managing",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "owner",
}


def article(title: str) -> str:
    """The article before a job title: "the CFO", "an Attending Physician", "a Designer"."""
    word = title.split()[0] if title.split() else title
    if word.lower() in _UNIQUE_ROLES:
        return "the"
    if word.isupper() and len(word) <= 5:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def _period(since: str | None, until: str | None) -> str | None:
    s, u = load_partial_date(since), load_partial_date(until)
    if s and u:
        return f"from {s.human()} to {u.human()}"
    if s:
        return f"since {s.human()}"
    return None


def evidence_sentences(p: dict, evidence: list[dict]) -> list[str]:
    """Sentences about the evidence, for a person whose how-met was not written down."""
    out = []
    for e in evidence:
        where = f" at {e['place']}" if e.get("place") else ""
        when = _period(e.get("since"), e.get("until"))
        tail = (f" {when}" if when else "") + (f" ({e['detail']})" if e.get("detail") else "")
        c = e["criterion"]
        # A period that has not ended reads in the present perfect ("we've been colleagues since 2019").
        ongoing = bool(e.get("since")) and not e.get("until")
        if c == "colleague":
            out.append(f"We've been colleagues{where}{tail}" if ongoing else f"We were colleagues{where}{tail}")
        elif c == "client":
            verb = "has been" if ongoing else "was"
            out.append(f"{p['first']} {verb} my client{where}{tail}")
        elif c == "business-partner":
            verb = "We've been" if ongoing else ("We were" if e.get("until") else "We are")
            out.append(f"{verb} business partners{where}{tail}")
        elif c == "classmate":
            if ongoing:
                out.append(f"We've studied together{where}{tail}")
            else:
                out.append(f"We studied together{where}{tail}")
        elif c == "met-in-person":
            out.append(f"We met{where}" + (f" {when.replace('since', 'in')}" if when else ""))
        elif c == "family":
            out.append(f"{p['first']} is {e['detail']}" if e.get("detail") else f"{p['first']} is family")
        elif c == "friend":
            out.append(f"{p['first']} is a good friend" + (f" ({e['detail']})" if e.get("detail") else ""))
    return [s for s in map(sentence, out) if s]


def person_context(conn: sqlite3.Connection, pid: int) -> dict:
    """Everything a template may say about one person."""
    r = person_record(conn, pid)
    conn_rec = connection_record(conn, pid)
    evidence = conn_rec["evidence"] if conn_rec else []
    first = r["name"].split()[0] if r["name"].split() else r["name"]
    key = (r["pronouns"] or "").lower().split("/")[0].strip()
    pro = _PRONOUNS.get(key)
    close = any(e["criterion"] in CLOSE for e in evidence)
    met = load_partial_date(r["met_on"])
    starts = [d for d in (load_partial_date(e["since"]) for e in evidence if e.get("since")) if d]
    since = met or min(starts, default=None)
    role = None
    if r["title"] and r["company"]:
        role = f"{article(r['title'])} {r['title']} at {r['company']}"
    elif r["company"]:
        role = f"at {r['company']}"
    elif r["title"]:
        role = f"{article(r['title'])} {r['title']}"
    ref = pro["he"] if pro else first
    is_ = pro["is"] if pro else f"{first} is"
    highlights: list[dict[str, Any]] = []
    for h in r["highlights"]:
        text = " ".join(h.split()).rstrip(" .")
        if text:
            verb = is_verb_phrase(text)
            highlights.append({"text": text, "verb": verb, "also": with_also(text, verb)})
    if pro and pro["he"] == "they":
        # "They never turns down…" would be wrong: verb phrases take the name.
        for h in highlights:
            h["subject"] = first if h["verb"] else ref
    else:
        for h in highlights:
            h["subject"] = ref
    for h in highlights:
        h["Subject"] = h["subject"][:1].upper() + h["subject"][1:]
    conversations = [e["conversation"] for e in evidence if e.get("conversation")]
    emails = r["emails"]
    return {
        "handle": r["handle"],
        "name": r["name"],
        "first": first,
        "nickname": r["nickname"],
        "close": close,
        "call": r["nickname"] if (close and r["nickname"]) else first,
        "pronouns": bool(pro),
        "ref": ref,
        "Ref": ref[:1].upper() + ref[1:],
        "him": pro["him"] if pro else first,
        "poss": pro["his"] if pro else f"{first}'s",
        "Poss": (pro["his"][:1].upper() + pro["his"][1:]) if pro else f"{first}'s",
        "is_": is_,
        "Is_": is_[:1].upper() + is_[1:],
        "how": clause(r["how_met"]),
        "How": sentence(r["how_met"]),
        "since": since.human() if since else None,
        "role": role,
        "title": r["title"],
        "company": r["company"],
        "highlights": highlights,
        "evidence": [] if r["how_met"] else evidence_sentences({"first": first}, evidence),
        "conversations": [clause(c) for c in conversations],
        "work": [e for e in evidence if e["criterion"] in WORK],
        "email": emails[0] if emails else None,
        "connected": conn_rec is not None,
    }


def me_context(conn: sqlite3.Connection) -> dict:
    r = person_record(conn, me_id(conn))
    return {"name": r["name"], "first": r["name"].split()[0], "email": r["emails"][0] if r["emails"] else None}


def intro_context(conn: sqlite3.Connection, a: int, b: int, reason: str | None) -> dict:
    return {
        "a": person_context(conn, a),
        "b": person_context(conn, b),
        "me": me_context(conn),
        "reason": sentence(reason),
        "reason_clause": clause(reason),
    }


def public_context(conn: sqlite3.Connection, pid: int) -> dict:
    """Only what may be said about a person to someone else: names, never notes, highlights or how we met."""
    p = person_context(conn, pid)
    return {k: p[k] for k in ("handle", "name", "first", "call")}
