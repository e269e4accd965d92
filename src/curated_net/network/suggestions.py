"""What the user's archives suggest: people to add, evidence to record, links between people.

Suggestions are worked out from what mail and calendar imports counted (`archive_item`,
`archive_party`); nothing is recorded until the user accepts one, through the same writes as
`cnet add`, `cnet connect` (gated) and `cnet link`. A dismissed suggestion does not come back.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from ..archive import OWNED
from ..dates import now_iso
from ..errors import BadInput, NotFound
from ..policy import Gate, Verdict

KINDS = ("people", "evidence", "links")
MIN_EACH_WAY = 3  # messages each way before a correspondent is suggested as a person
MIN_TOGETHER = 3  # messages or meetings two people share before a link between them is suggested
# Addresses at these domains say nothing about where someone works.
WEBMAIL = frozenset(
    {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com",
     "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "mail.com", "fastmail.com"}
)  # fmt: skip


def _dismissed(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {(k, key) for k, key in conn.execute("SELECT kind, key FROM suggestion_dismissed")}


def _span(days: list[str]) -> str:
    years = sorted({d[:4] for d in days})
    return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _counted(mails: int, meetings: int, messages: int = 0) -> str:
    parts = []
    if messages:
        parts.append(f"{messages} LinkedIn message{'s' if messages != 1 else ''}")
    if mails:
        parts.append(f"{mails} e-mail{'s' if mails != 1 else ''}")
    if meetings:
        parts.append(f"{meetings} meeting{'s' if meetings != 1 else ''}")
    return " and ".join(parts)


def suggest(conn: sqlite3.Connection, kind: str | None = None) -> list[dict]:
    """Every open suggestion (of one kind, or all), with the facts behind it and an id to accept it by."""
    if kind is not None and kind not in KINDS:
        raise BadInput(f"'{kind}' is not one of {', '.join(KINDS)}")
    dismissed = _dismissed(conn)
    out: list[dict] = []
    if kind in (None, "people"):
        out += [s for s in _people(conn) if ("people", s["key"]) not in dismissed]
    if kind in (None, "evidence"):
        out += [s for s in _evidence(conn) if ("evidence", s["key"]) not in dismissed]
    if kind in (None, "links"):
        out += [s for s in _links(conn) if ("links", s["key"]) not in dismissed]
    return out


def _people(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        "SELECT p.address, max(p.name), sum(i.direction = 'in'), sum(i.direction = 'out'), group_concat(i.on_date) "
        "FROM archive_party p JOIN archive_item i ON i.id = p.item_id "
        f"WHERE i.direction IN ('in', 'out') AND p.address NOT IN (SELECT address FROM ({OWNED})) "
        "AND p.address NOT LIKE 'handle:%' GROUP BY p.address HAVING sum(i.direction = 'in') >= ? AND sum(i.direction = 'out') >= ? ORDER BY p.address",
        (MIN_EACH_WAY, MIN_EACH_WAY),
    ).fetchall()
    out = []
    for address, name, received, sent, days in rows:
        what = "e-mails" if "@" in address else "LinkedIn messages"
        out.append(
            {
                "id": f"people:{address}",
                "kind": "people",
                "key": address,
                "name": name or address.split("@")[0].rstrip("/").rsplit("/", 1)[-1],
                "email": address if "@" in address else None,
                "linkedin": None if "@" in address else address,
                "facts": f"{received} {what} from them and {sent} to them, {_span(days.split(','))}",
            }
        )
    return out


def _activity(conn: sqlite3.Connection) -> dict[int, dict]:
    """Per known person: e-mails and meetings counted from archives, their days and addresses."""
    out: dict[int, dict] = {}
    for pid, source, day, address in conn.execute(
        f"SELECT e.pid, i.source, i.on_date, p.address FROM archive_party p "
        f"JOIN archive_item i ON i.id = p.item_id JOIN ({OWNED}) e ON e.address = p.address "
        "WHERE i.direction <> 'invite'"
    ):
        a = out.setdefault(pid, {"mail": 0, "calendar": 0, "linkedin": 0, "days": [], "addresses": set()})
        a[source] += 1
        a["days"].append(day)
        a["addresses"].add(address)
    return out


def _evidence(conn: sqlite3.Connection) -> list[dict]:
    mine = {r[0].rsplit("@", 1)[-1] for r in conn.execute(
        "SELECT e.address_key FROM email e JOIN person p ON p.id = e.person_id WHERE p.is_me = 1"
    )}  # fmt: skip
    work = mine - WEBMAIL
    activity = _activity(conn)
    out = []
    for pid, handle, name in conn.execute(
        "SELECT p.id, p.handle, p.name FROM connection c JOIN person p ON p.id = c.person_id "
        "WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.person_id = c.person_id) ORDER BY p.handle"
    ):
        a = activity.get(pid)
        if not a:
            continue
        shared = sorted(work & {x.rsplit("@", 1)[-1] for x in a["addresses"]})
        facts = f"{_counted(a['mail'], a['calendar'], a['linkedin'])} {_span(a['days'])}"
        out.append(
            {
                "id": f"evidence:{handle}",
                "kind": "evidence",
                "key": handle,
                "person": handle,
                "name": name,
                "facts": facts,
                "criterion": "colleague" if shared else None,  # a shared work domain suggests it; the user decides
                "why": f"you share the work domain {shared[0]}" if shared else None,
            }
        )
    return out


def _links(conn: sqlite3.Connection) -> list[dict]:
    together: dict[tuple[int, int], dict] = defaultdict(lambda: {"mail": 0, "calendar": 0, "linkedin": 0, "days": []})
    items: dict[int, tuple[str, str, list[int]]] = {}
    for item, source, day, pid in conn.execute(
        "SELECT i.id, i.source, i.on_date, e.pid FROM archive_item i JOIN archive_party p ON p.item_id = i.id "
        f"JOIN ({OWNED}) e ON e.address = p.address JOIN person q ON q.id = e.pid "
        "WHERE q.is_me = 0 AND i.direction <> 'invite'"
    ):
        items.setdefault(item, (source, day, []))[2].append(pid)
    for source, day, pids in items.values():
        unique = sorted(set(pids))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                t = together[(a, b)]
                t[source] += 1
                t["days"].append(day)
    linked = {(a, b) for a, b in conn.execute("SELECT a, b FROM link")}
    who = dict(conn.execute("SELECT id, handle FROM person"))
    out = []
    for (a, b), t in sorted(together.items()):
        if t["mail"] + t["calendar"] + t["linkedin"] < MIN_TOGETHER or (a, b) in linked:
            continue
        how = f"on {_counted(t['mail'], t['calendar'], t['linkedin'])}, {_span(t['days'])}"
        key = f"{who[a]}+{who[b]}"
        out.append({"id": f"links:{key}", "kind": "links", "key": key, "a": who[a], "b": who[b], "facts": how})
    return out


def _find(conn: sqlite3.Connection, sid: str) -> dict:
    kind = sid.split(":", 1)[0]
    found = next((s for s in suggest(conn, kind if kind in KINDS else None) if s["id"] == sid), None)
    if found is None:
        raise NotFound(f"no open suggestion '{sid}'", hint="See them with: cnet suggest")
    return found


def accept(
    conn: sqlite3.Connection, sid: str, *, gate: Gate, criterion: str | None = None
) -> tuple[dict, Verdict | None]:
    """Record what a suggestion says, through the write any path uses; return what was done (and the
    verdict of the gated connect, for evidence)."""
    from ..network.writes import EvidenceInput, connect, link
    from ..people.writes import add_email, create_person

    s = _find(conn, sid)
    if s["kind"] == "people":
        pid, _handle = create_person(conn, s["name"], linkedin=s.get("linkedin"))
        if s.get("email"):
            add_email(conn, pid, s["email"])
        handle = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]
        return {"id": sid, "added": handle}, None
    if s["kind"] == "evidence":
        chosen = criterion or s["criterion"]
        if not chosen:
            raise BadInput(
                f"say how you know {s['name']}: the archives only show that you were in touch",
                hint=f"cnet suggest accept {sid} --as CRITERION",
            )
        pid = conn.execute("SELECT id FROM person WHERE handle = ?", (s["person"],)).fetchone()[0]
        done = connect(conn, pid, [EvidenceInput(chosen, detail=s["facts"])], gate=gate)
        data = {"id": sid, "connected": s["person"], "evidence": done.added}
        return {**data, "verdict": done.verdict.as_dict() if done.verdict else None}, done.verdict
    a, b = (conn.execute("SELECT id FROM person WHERE handle = ?", (h,)).fetchone()[0] for h in (s["a"], s["b"]))
    link(conn, a, b, how=s["facts"], learnt="mail and calendar")
    return {"id": sid, "linked": [s["a"], s["b"]]}, None


def dismiss(conn: sqlite3.Connection, sid: str) -> dict:
    s = _find(conn, sid)
    record_dismissal(conn, s["kind"], s["key"], now_iso())
    return {"id": sid, "dismissed": True}


def record_dismissal(conn: sqlite3.Connection, kind: str, key: str, on: str) -> None:
    """Remember that a suggestion was dismissed, so it does not come back (`dismiss`, a restore)."""
    conn.execute(
        "INSERT OR IGNORE INTO suggestion_dismissed (kind, key, dismissed_at) VALUES (?, ?, ?)", (kind, key, on)
    )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    dismissed = _dismissed(conn)
    return {
        "suggested_people": sum(("people", s["key"]) not in dismissed for s in _people(conn)),
        "suggested_links": sum(("links", s["key"]) not in dismissed for s in _links(conn)),
    }
