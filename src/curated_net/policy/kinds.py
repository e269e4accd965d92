"""The vocabulary of rule kinds: what each checks, which actions it can gate, and its parameters.

A check is a pure function of the facts gathered for one action (see `facts.py`), so a verdict
depends only on the facts and the rules, never on the order the rules are written in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..dates import PartialDate, load_partial_date
from ..text import counted
from . import CRITERIA

ACTIONS = ("connect", "accept", "intro", "endorse", "recommend")
CHANNELS = ("phone", "in-person", "email", "linkedin", "message", "team")
CONTEXT_FIELDS = ("how", "since", "highlight")
FLAGS = ("do_not_introduce", "no_recruiters")
OUTCOMES = ("met", "hired", "deal", "no-show", "ghosted", "declined")


@dataclass(frozen=True)
class Param:
    type: str  # "int", "bool", "list"
    default: Any
    choices: tuple[str, ...] | None = None
    help: str = ""


@dataclass(frozen=True)
class Outcome:
    passed: bool
    message: str
    fix: str | None = None
    facts: dict | None = None
    only_if_true: bool = False  # the fix records a fact, to be run only if it is true


@dataclass(frozen=True)
class Kind:
    name: str
    actions: tuple[str, ...]
    params: dict[str, Param]
    check: Callable[[dict, dict], Outcome]
    help: str


def _subjects(facts: dict, wanted: list[str]) -> list[dict]:
    subs = facts["subjects"]
    return [subs[k] for k in wanted if k in subs] if wanted else list(subs.values())


# -- evidence ---------------------------------------------------------------------------------------


def connect_fix(s: dict, criteria: list[str], require_conversation: list[str]) -> str:
    """The command that would record evidence which counts: every criterion the policy counts that the
    person does not have yet, as a choice (the user picks the one that is true, or none)."""
    have = {e["criterion"] for e in s["evidence"]}
    choices = [c for c in criteria if c not in have] or list(criteria)
    fix = f'cnet connect {s["handle"]} --as {"|".join(choices)} --detail "..."'
    talk = [c for c in choices if c in require_conversation]
    if talk:
        fix += f' ({" and ".join(talk)} also needs --conversation "...")'
    return fix


def evidence_gap(s: dict, criteria: list[str], require_conversation: list[str]) -> Outcome:
    """Whether a person's evidence includes a criterion that counts; if not, why, and the honest fix: the
    criteria that would count, offered as a choice to record only if true."""
    counted = [
        e
        for e in s["evidence"]
        if e["criterion"] in criteria and (e["criterion"] not in require_conversation or e.get("conversation"))
    ]
    looked = {"person": s["handle"], "criteria": sorted({e["criterion"] for e in s["evidence"]}), "counting": criteria}
    if counted:
        kinds = ", ".join(sorted({e["criterion"] for e in counted}))
        return Outcome(True, f"{s['name']}: {kinds}", facts=looked)
    if not criteria:
        return Outcome(False, f"{s['name']}: this rule counts no criterion", None, looked)
    add = connect_fix(s, criteria, require_conversation)
    if not s["evidence"]:
        if not s.get("connected") and s.get("route"):
            return _through_others(s, looked)
        if s.get("nominal_source"):
            why = f"a {s['nominal_source']} connection is not evidence of knowing {s['name']} (no criteria recorded)"
        else:
            why = f"you have no evidence for {s['name']} (no criteria recorded)"
        return Outcome(False, why, add, looked, only_if_true=True)
    silent = [e for e in s["evidence"] if e["criterion"] in require_conversation and not e.get("conversation")]
    if silent:
        e = silent[0]
        if e.get("id"):
            fix = f'cnet evidence {s["handle"]} --edit {e["id"]} --conversation "..."'
        else:
            fix = f'cnet connect {s["handle"]} --as {e["criterion"]} --conversation "..."'
        return Outcome(
            False,
            f"{s['name']}: {e['criterion']} counts only with the memorable conversation recorded",
            fix,
            looked,
            only_if_true=True,
        )
    held = sorted({e["criterion"] for e in s["evidence"] if e.get("id")})
    given = sorted({e["criterion"] for e in s["evidence"] if not e.get("id")} - set(held))
    said = "; ".join(
        x
        for x in (
            f"what you recorded ({', '.join(held)})" if held else "",
            f"what you gave ({', '.join(given)})" if given else "",
        )
        if x
    )
    return Outcome(
        False,
        f"{s['name']}: {said} is not among what counts here ({', '.join(criteria)})",
        add,
        looked,
        only_if_true=True,
    )


def _through_others(s: dict, looked: dict) -> Outcome:
    """Someone I know only through others: say so, name the warmest route and whom to ask."""
    route = s["route"]
    return Outcome(
        False,
        f"you know {s['name']} only through others ({route['label']}, through {route['ask_name']})",
        f"ask {route['ask_name']} ({route['ask']}), who knows {s['name']}, to make this introduction; "
        f"the warmest routes: cnet path {s['handle']}",
        {**looked, "connected": False, "route": route["path"]},
    )


def _not_connected(s: dict, criteria: list[str], require_conversation: list[str]) -> Outcome:
    if s.get("route"):
        return _through_others(s, {"person": s["handle"]})
    return Outcome(
        False,
        f"{s['name']} is not your first-degree connection, and no one you know is linked to them",
        connect_fix(s, criteria, require_conversation),
        {"person": s["handle"], "connected": False},
        only_if_true=True,
    )


def _check_evidence(p: dict, facts: dict) -> Outcome:
    results = [evidence_gap(s, p["criteria"], p["require_conversation"]) for s in _subjects(facts, p["subjects"])]
    return _combine(results)


def _combine(results: list[Outcome]) -> Outcome:
    failed = [r for r in results if not r.passed]
    chosen = failed or results
    facts = {"checked": [r.facts for r in results if r.facts]}
    if not chosen:
        return Outcome(True, "nothing to check", facts=facts)
    with_fix = [r for r in failed if r.fix]
    honest = bool(with_fix) and all(r.only_if_true for r in with_fix)
    # Where only some fixes record facts, each of those says so itself.
    fixes = [f"(only if true) {r.fix}" if r.only_if_true and not honest else r.fix for r in with_fix]
    return Outcome(
        not failed, "; ".join(r.message for r in chosen), " ; ".join(f for f in fixes if f) or None, facts, honest
    )


def _check_vouch(p: dict, facts: dict) -> Outcome:
    results = []
    for s in _subjects(facts, p["subjects"]):
        if not s.get("connected"):
            results.append(_not_connected(s, p["criteria"], p["require_conversation"]))
        else:
            results.append(evidence_gap(s, p["criteria"], p["require_conversation"]))
    return _combine(results)


def _check_first_degree(p: dict, facts: dict) -> Outcome:
    results = [
        Outcome(True, f"{s['name']} is a first-degree connection", facts={"person": s["handle"]})
        if s.get("connected")
        else _not_connected(s, list(facts.get("counting") or CRITERIA), [])
        for s in _subjects(facts, p["subjects"])
    ]
    return _combine(results)


def _has(s: dict, field: str) -> bool:
    if field == "how":
        return bool(s.get("how_met") or s["evidence"])
    if field == "since":  # family needs no "since when"
        return bool(s.get("met_on") or any(e.get("since") or e["criterion"] == "family" for e in s["evidence"]))
    return bool(s.get("highlights"))


_FIELD_FIX = {"how": '--how-met "..."', "since": "--met-on YYYY", "highlight": '--highlight "..."'}
_FIELD_WORDS = {"how": "how you know them", "since": "when you met (a date)", "highlight": "a highlight"}


def _and(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _check_context(p: dict, facts: dict) -> Outcome:
    missing, fixes = [], []
    for s in _subjects(facts, p["subjects"]):
        gaps = [f for f in p["fields"] if not _has(s, f)]
        if gaps:
            missing.append(f"{s['name']} lacks {_and([_FIELD_WORDS[g] for g in gaps])}")
            if s.get("connected", True):  # how I met someone I do not know is nothing to record
                fixes.append(f"cnet edit {s['handle']} " + " ".join(_FIELD_FIX[g] for g in gaps))
    if p["require_reason"] and not any(ch.isalnum() for ch in facts.get("reason") or ""):
        missing.append("no reason why the two should talk")
        fixes.append('--reason "..."')
    looked = {"fields": p["fields"], "reason": any(ch.isalnum() for ch in facts.get("reason") or "")}
    if missing:
        return Outcome(False, "; ".join(missing), " ; ".join(fixes), looked, only_if_true=True)
    return Outcome(True, "both have what an introduction tells of them, and there is a reason", facts=looked)


def _check_channel(p: dict, facts: dict) -> Outcome:
    req = facts.get("request")
    if not req:
        return Outcome(True, "not made from a request", facts={"request": None})
    looked = {"request": req.get("id"), "channel": req["channel"], "allowed": p["allowed"]}
    who = req.get("from_name") or req["from"]
    if req["channel"] in p["allowed"]:
        return Outcome(True, f"{who} asked by {req['channel']}", facts=looked)
    return Outcome(
        False,
        f"{who} asked by {req['channel']}, not {' or '.join(p['allowed'])}",
        f"talk to {who} by {' or '.join(p['allowed'])} first, then record it: "
        f'cnet request intro {req["from"]} {req.get("to") or "TARGET"} --via {p["allowed"][0]} --reason "..."',
        looked,
    )


def _check_consent(p: dict, facts: dict) -> Outcome:
    a, b = facts["subjects"]["a"], facts["subjects"]["b"]
    state = facts.get("consent")
    asked = facts.get("consent_id")
    looked = {"consent": state, "introduction": asked}
    if state == "agreed":
        return Outcome(True, f"{b['name']} agreed to the introduction", facts=looked)
    if state == "declined":  # no fix: a no is an answer
        return Outcome(False, f"{b['name']} declined to meet {a['name']}", None, looked)
    if state == "asked":
        return Outcome(
            False,
            f"{b['name']} has not yet answered whether to meet {a['name']}",
            f"when {b['name']} answers: cnet intro consent {asked} yes|no",
            looked,
        )
    return Outcome(
        False,
        f"{b['name']} has not been asked whether to meet {a['name']}",
        f'cnet intro ask {a["handle"]} {b["handle"]} --reason "..."',
        looked,
    )


def _recent(dates: list[str], days: int, today: dt.date) -> list[str]:
    if not days:
        return list(dates)
    since = today - dt.timedelta(days=days)
    return [d for d in dates if (load_partial_date(d[:10]) or PartialDate(1900)).earliest() >= since]


def _rate(p: dict, facts: dict, subjects: list[str]) -> list[Outcome]:
    out = []
    for s in _subjects(facts, subjects):
        asked = _recent(facts.get("asks_of", {}).get(s["handle"], []), p["per_days"], facts["today"])
        looked = {"person": s["handle"], "asked": len(asked), "max": p["max_asks"], "per_days": p["per_days"]}
        if len(asked) >= p["max_asks"]:
            n = len(asked)
            free = _free_on(asked, p["per_days"], p["max_asks"])
            out.append(
                Outcome(
                    False,
                    f"{s['name']} was already asked for {counted(n, 'introduction')} in the last "
                    f"{counted(p['per_days'], 'day')} (at most {p['max_asks']})",
                    (f"wait until {free}" if free else "wait") + ", or raise max_asks in the policy: cnet policy edit",
                    looked,
                )
            )
        else:
            out.append(
                Outcome(True, f"{s['name']}: {len(asked)} of {counted(p['max_asks'], 'ask')} used", facts=looked)
            )
    return out


def _free_on(asked: list[str], per_days: int, max_asks: int) -> str | None:
    """The day on which an ask falls out of the period, leaving room for another."""
    if not per_days or not asked:
        return None
    days = sorted((load_partial_date(d[:10]) or PartialDate(1900)).earliest() for d in asked)
    return (days[len(days) - max_asks] + dt.timedelta(days=per_days + 1)).isoformat()


def _flagged(p: dict, facts: dict, subjects: list[str]) -> list[Outcome]:
    out = []
    for s in _subjects(facts, subjects):
        flags = [f for f in p["never_flags"] if s["flags"].get(f)]
        if flags:
            out.append(
                Outcome(
                    False,
                    f"{s['name']} is flagged {', '.join(f.replace('_', '-') for f in flags)}",
                    f"cnet edit {s['handle']} --may-introduce (if they have changed their mind)",
                    {"person": s["handle"], "flags": flags},
                )
            )
    return out


def _check_rate_limit(p: dict, facts: dict) -> Outcome:
    return _combine(_rate(p, facts, p["subjects"]))


def _check_flag(p: dict, facts: dict) -> Outcome:
    found = _flagged(p, facts, p["subjects"])
    return _combine(found) if found else Outcome(True, "no one is flagged", facts={"flags": p["never_flags"]})


def _check_protect(p: dict, facts: dict) -> Outcome:
    results = _rate(p, facts, ["b"]) + _flagged(p, facts, ["a", "b"])
    a, b = facts["subjects"].get("a"), facts["subjects"].get("b")
    if a and b and facts.get("consent") == "declined":
        results.append(Outcome(False, f"{b['name']} said no to meeting {a['name']}", None, {"consent": "declined"}))
    tags = {t.casefold() for t in p["recruiter_tags"]}
    if a and b and b["flags"].get("no_recruiters") and tags & {t.casefold() for t in a.get("tags", [])}:
        results.append(
            Outcome(
                False,
                f"{b['name']} asked not to be approached by recruiters, and {a['name']} is tagged a recruiter",
                None,
                {"a_tags": a.get("tags", []), "b_flag": "no_recruiters"},
            )
        )
    return _combine(results)


def _check_track_record(p: dict, facts: dict) -> Outcome:
    who = facts.get("requester") or facts["subjects"].get("a")
    if who is None:
        return Outcome(True, "no one asked", facts={})
    history = facts.get("outcomes", {}).get(who["handle"], [])
    bad = [(o, d) for o, d in history if o in p["outcomes"] and _recent([d], p["within_days"], facts["today"])]
    looked = {"person": who["handle"], "past": [o for o, _ in history], "counting": p["outcomes"]}
    if bad:
        o, d = bad[0]
        return Outcome(False, f"{who['name']}'s introduction on {d[:10]} ended in {o}", None, looked)
    return Outcome(True, f"{who['name']} has no past {' or '.join(p['outcomes'])}", facts=looked)


def _known_since(s: dict) -> dt.date | None:
    known = [load_partial_date(s.get("met_on"))] + [load_partial_date(e.get("since")) for e in s["evidence"]]
    days = [d.earliest() for d in known if d]
    return min(days) if days else None


def _check_known_for(p: dict, facts: dict) -> Outcome:
    results = []
    for s in _subjects(facts, p["subjects"]):
        since = _known_since(s)
        looked = {"person": s["handle"], "since": since.isoformat() if since else None, "min_days": p["min_days"]}
        if since is None:
            results.append(
                Outcome(
                    False,
                    f"you have not recorded since when you know {s['name']}",
                    f"cnet edit {s['handle']} --met-on YYYY",
                    looked,
                )
            )
        elif (facts["today"] - since).days < p["min_days"]:
            results.append(
                Outcome(
                    False,
                    f"you have known {s['name']} for {counted((facts['today'] - since).days, 'day')} "
                    f"(at least {p['min_days']} needed)",
                    None,
                    looked,
                )
            )
        else:
            results.append(Outcome(True, f"known {s['name']} since {since.isoformat()}", facts=looked))
    return _combine(results)


_SUBJECTS = Param("list", [], ("person", "a", "b"), "whom to check (default: everyone the action is about)")
_CRITERIA = Param("list", list(CRITERIA), CRITERIA, "criteria that count as knowing someone")
_CONVO = Param("list", ["met-in-person"], CRITERIA, "criteria that count only with a recorded conversation")

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "evidence",
            ("connect", "accept", "intro", "endorse", "recommend"),
            {"criteria": _CRITERIA, "require_conversation": _CONVO, "subjects": _SUBJECTS},
            _check_evidence,
            "the person's evidence includes a criterion that counts",
        ),
        Kind(
            "vouch",
            ("intro",),
            {"criteria": _CRITERIA, "require_conversation": _CONVO, "subjects": Param("list", ["a", "b"], ("a", "b"))},
            _check_vouch,
            "both people are first-degree connections whose evidence counts",
        ),
        Kind(
            "first-degree",
            ("connect", "accept", "intro", "endorse", "recommend"),
            {"subjects": _SUBJECTS},
            _check_first_degree,
            "the people are my first-degree connections",
        ),
        Kind(
            "context",
            ("intro",),
            {
                "fields": Param("list", list(CONTEXT_FIELDS), CONTEXT_FIELDS),
                "require_reason": Param("bool", True),
                "subjects": Param("list", ["a", "b"], ("a", "b")),
            },
            _check_context,
            "both people have how I know them, since when and a highlight; a reason is given",
        ),
        Kind(
            "channel",
            ("intro", "accept"),
            {"allowed": Param("list", ["phone", "in-person"], CHANNELS)},
            _check_channel,
            "a request came by one of the allowed channels",
        ),
        Kind("consent", ("intro",), {}, _check_consent, "the person being reached agreed first (double opt-in)"),
        Kind(
            "rate-limit",
            ("intro",),
            {"max_asks": Param("int", 3), "per_days": Param("int", 90), "subjects": Param("list", ["b"], ("a", "b"))},
            _check_rate_limit,
            "at most max_asks introductions asked of a person per period",
        ),
        Kind(
            "flag",
            ("connect", "accept", "intro", "endorse", "recommend"),
            {"never_flags": Param("list", ["do_not_introduce"], FLAGS), "subjects": _SUBJECTS},
            _check_flag,
            "no one involved carries one of the flags",
        ),
        Kind(
            "protect",
            ("intro",),
            {
                "max_asks": Param("int", 3),
                "per_days": Param("int", 90),
                "never_flags": Param("list", ["do_not_introduce"], FLAGS),
                "recruiter_tags": Param("list", ["recruiter"]),
            },
            _check_protect,
            "rate-limit on the person reached, flags on both, recruiters kept from those who said no",
        ),
        Kind(
            "track-record",
            ("intro",),
            {"outcomes": Param("list", ["no-show"], OUTCOMES), "within_days": Param("int", 0)},
            _check_track_record,
            "the person asking has no past introduction with these outcomes",
        ),
        Kind(
            "known-for",
            ("connect", "accept", "intro", "endorse", "recommend"),
            {"min_days": Param("int", 180), "subjects": _SUBJECTS},
            _check_known_for,
            "I have known the people at least min_days",
        ),
    )
}
