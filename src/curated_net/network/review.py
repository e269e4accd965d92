"""Reviewing connections one at a time, the people I most likely know first; bulk marks by the same filters.

The queues: `nominal` (connections with no evidence), `unintroducible` (connections the intro rules would
refuse for missing colour: no how-met, since or highlight), `stale` (connections with no contact in a
year), `suggested` (connections with no evidence that the archives have interactions for). A person
skipped comes at the end of the queue, after everyone not yet answered (the header says how many), until
the queue is done; one snoozed is not shown before the day it ends. A row with no name (LinkedIn's "- -" placeholders) is never queued.

The **likely-known score** (0–100) orders every queue, highest first, and says why on each card:

| part | points |
|---|---|
| interactions of any kind (mail, meetings, LinkedIn messages, logged) | 10 × log2(1 + n), at most 40 |
| an employer or school shared with me (their company, or one of theirs) | 25, or 30 for two or more |
| links to my other connections ("mutual") | 5 each, at most 15 |
| an endorsement or recommendation between us | 10 |
| an invitation I sent them | 10 |
| how recently we connected | 10 × 0.5^(years since / 2) |

The sum is capped at 100. Every answer is written as it is given (evidence through the gated connect),
so quitting loses nothing and a review resumed goes on where it stopped (`ReviewSession`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput, Usage

if TYPE_CHECKING:
    from ..api import Network
    from ..records import Connected
    from .writes import EvidenceInput

QUEUES = ("nominal", "unintroducible", "stale", "suggested")
SORTS = ("score", "name")
_LEGAL = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|llp|gmbh|ag|sa|s\.a|plc|corp|corporation|co|company|bv|nv|ab|as|oy|"
    r"pty|srl|spa|kg|the)\b\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filters:
    """Who a review or a bulk mark is about (every one given must hold). Text matches any characters."""

    company: str | None = None
    tag: str | None = None
    connected_before: str | None = None
    never_contacted: bool = False
    score_below: int | None = None

    def checked(self) -> Filters:
        """The same filters with their values checked and normalised (a bad value is a usage error, exit 2)."""
        before = None
        if self.connected_before is not None:
            try:
                day = parse_partial_date(self.connected_before, field="--connected-before")
            except BadInput as exc:
                raise Usage(exc.message) from None
            before = day.earliest().isoformat()
        if self.score_below is not None and not 0 <= self.score_below <= 101:
            raise Usage(f"--score-below: {self.score_below} is outside 0–101")
        company = tx.clean_input(self.company) if self.company is not None else None
        if self.company is not None and not company:
            raise Usage("--company: give some of the company's name")
        if self.tag is not None and not tx.name_key(self.tag):
            raise Usage("--tag: name a tag")
        return Filters(company, self.tag, before, self.never_contacted, self.score_below)

    @property
    def any(self) -> bool:
        return any(
            v not in (None, False)
            for v in (self.company, self.tag, self.connected_before, self.never_contacted, self.score_below)
        )

    def describe(self) -> str:
        parts = []
        if self.company is not None:
            parts.append(f"company contains '{self.company}'")
        if self.tag is not None:
            parts.append(f"tagged {self.tag}")
        if self.connected_before:
            parts.append(f"connected before {self.connected_before}")
        if self.never_contacted:
            parts.append("never contacted")
        if self.score_below is not None:
            parts.append(f"likely-known score below {self.score_below}")
        return ", ".join(parts) or "everyone"


def _like(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere, whatever it holds (%, _, quotes, backslashes)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def candidates(
    conn: sqlite3.Connection, filters: Filters, *, queue: str | None = None, bulk: bool = False
) -> list[tuple[int, str]]:
    """(id, name) of the connections the filters (but the score) and the queue select, in name order; with
    `bulk`, only connections with no evidence (a bulk mark never marks someone I have evidence for)."""
    if queue is not None and queue not in QUEUES:
        raise BadInput(f"--queue: '{queue}' is not one of {', '.join(QUEUES)}")
    where = ["p.is_me = 0"]
    params: list[object] = []
    no_evidence = "NOT EXISTS (SELECT 1 FROM evidence e WHERE e.person_id = c.person_id)"
    if bulk or queue in ("nominal", "suggested"):
        where.append(no_evidence)
    if queue is not None:
        today = dt.date.today().isoformat()
        where.append("NOT EXISTS (SELECT 1 FROM review_state r WHERE r.person_id = p.id AND coalesce(r.until, '') > ?)")
        params.append(today)
        where.append("NOT EXISTS (SELECT 1 FROM prune_mark m WHERE m.person_id = p.id)")
    if queue == "unintroducible":
        where.append(
            "(p.how_met IS NULL OR p.met_on IS NULL OR NOT EXISTS (SELECT 1 FROM highlight h WHERE h.person_id = p.id))"
        )
    elif queue == "stale":
        cutoff = (dt.date.today() - dt.timedelta(days=365)).isoformat()
        where.append("coalesce((SELECT max(on_date) FROM interaction i WHERE i.person_id = p.id), '') < ?")
        params.append(cutoff)
    elif queue == "suggested":
        where.append("EXISTS (SELECT 1 FROM interaction i WHERE i.person_id = p.id AND i.source IS NOT NULL)")
    if filters.tag is not None:
        where.append("p.id IN (SELECT person_id FROM tag WHERE name_key = ?)")
        params.append(tx.name_key(filters.tag))
    if filters.company is not None:
        where.append("p.company LIKE ? ESCAPE '\\'")
        params.append(_like(filters.company))
    if filters.connected_before is not None:
        where.append("coalesce(c.nominal_on, substr(c.created_at, 1, 10)) < ?")
        params.append(filters.connected_before)
    if filters.never_contacted:
        where.append("NOT EXISTS (SELECT 1 FROM interaction i WHERE i.person_id = p.id)")
    # From my connections out (CROSS JOIN keeps that order): walking every person in name order and asking
    # each whether they are a connection took 0.6 s at 100k people; sorting the few thousand found is quick.
    sql = "SELECT p.id, p.name FROM connection c CROSS JOIN person p ON p.id = c.person_id WHERE " + " AND ".join(where)
    return [(pid, name) for pid, name in conn.execute(sql + " ORDER BY p.name_key, p.id", params) if tx.has_name(name)]


# -- the likely-known score -------------------------------------------------------------------------------


@dataclass
class Score:
    score: int
    parts: dict[str, int] = field(default_factory=dict)
    why: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"score": self.score, "parts": self.parts, "why": self.why}


def _place_key(name: str | None) -> str:
    return " ".join(tx.name_key(_LEGAL.sub(" ", name or "")).split())


def _span(first: str, last: str) -> str:
    return f"in {first[:4]}" if first[:4] == last[:4] else f"{first[:4]}–{last[:4]}"


_KIND_WORDS = {
    ("email", True): ("e-mail", "e-mails"),
    ("meeting", True): ("meeting", "meetings"),
    ("message", True): ("LinkedIn message", "LinkedIn messages"),
}


def mutual_counts(conn: sqlite3.Connection, *, keep: bool = False) -> dict[int, int]:
    """How many of my other connections each connection is linked to, worked out again after any tie changed
    (one pass over my connections' links); with `keep`, kept with the graph version it was worked out for (a
    preview or a list keeps nothing)."""
    version = conn.execute("SELECT value FROM meta WHERE key = 'graph_version'").fetchone()
    row = conn.execute("SELECT value FROM meta WHERE key = 'review_mutual'").fetchone()
    if row is not None:
        kept = json.loads(row[0])
        if kept.get("version") == (version[0] if version else None):
            return {int(k): v for k, v in kept["counts"].items()}
    mine = {pid for (pid,) in conn.execute("SELECT person_id FROM connection")}
    counts: Counter[int] = Counter()
    for a, b in conn.execute("SELECT l.a, l.b FROM connection c CROSS JOIN link l ON l.a = c.person_id"):
        if b in mine:
            counts[a] += 1
            counts[b] += 1
    if keep:
        from ..store.database import set_meta

        set_meta(conn, "review_mutual", json.dumps({"version": version[0] if version else None, "counts": counts}))
    return dict(counts)


def likely_known(
    conn: sqlite3.Connection,
    ids: list[int],
    *,
    today: dt.date | None = None,
    keep: bool = False,
    why: bool = True,
) -> dict[int, Score]:
    """The likely-known score of each of these people, with its parts and (with `why`) the reasons a card shows.

    Ordering a queue needs only the numbers (`why=False`): each part is one pass over its table; the words of
    a card are worked out for the card shown."""
    today = today or dt.date.today()
    arg = json.dumps(ids)
    inside = "(SELECT value FROM json_each(?))"
    wanted = set(ids)
    scores = {pid: Score(0) for pid in ids}
    # interactions of any kind
    if why:
        talks: dict[int, list[tuple[str, int, str, str]]] = {}
        for pid, kind, n, first, last in conn.execute(
            f"SELECT person_id, kind, count(*), min(on_date), max(on_date) FROM interaction "
            f"WHERE person_id IN {inside} GROUP BY person_id, kind ORDER BY person_id, count(*) DESC",
            (arg,),
        ):
            talks.setdefault(pid, []).append((kind, n, first, last))
        totals = {pid: sum(n for _k, n, _f, _l in kinds) for pid, kinds in talks.items()}
    else:
        totals = {
            pid: n
            for pid, n in conn.execute("SELECT person_id, count(*) FROM interaction GROUP BY person_id")
            if pid in wanted
        }
    for pid, total in totals.items():
        scores[pid].parts["interactions"] = min(40, round(10 * math.log2(1 + total)))
        if why:
            for kind, n, first, last in talks[pid][:2]:
                one, many = _KIND_WORDS.get((kind, True), (kind.replace("-", " "), kind.replace("-", " ") + "s"))
                scores[pid].why.append(f"{n} {one if n == 1 else many} {_span(first, last)}")
    _shared(conn, scores, arg, inside, why)
    # links to my other connections
    if len(ids) <= 50:  # a card or a few: counted from their own links, not from the whole network's counts
        mutual = {
            pid: n
            for pid, n in conn.execute(
                "SELECT pid, count(*) FROM (SELECT l.a AS pid, l.b AS other FROM link l WHERE l.a IN "
                f"{inside} UNION ALL SELECT l.b, l.a FROM link l WHERE l.b IN {inside}) "
                "WHERE other IN (SELECT person_id FROM connection) GROUP BY pid",
                (arg, arg),
            )
        }
    else:
        mutual = mutual_counts(conn, keep=keep)
    for pid in ids:
        m = mutual.get(pid, 0)
        if m:
            scores[pid].parts["mutual"] = min(15, 5 * m)
            if why:
                scores[pid].why.append(f"linked to {m} of your connections")
    # recognition either way
    for pid, kinds in conn.execute("SELECT person_id, group_concat(DISTINCT kind) FROM recognition GROUP BY person_id"):
        if pid in wanted:
            scores[pid].parts["recognition"] = 10
            if why:
                words = {"endorsement": "you endorsed them", "recommendation": "you recommended them"}
                scores[pid].why.extend(words.get(k, k) for k in sorted(kinds.split(",")))
    # invitations I sent (kept by the LinkedIn import, by profile); naming the source lets SQLite start from
    # LinkedIn's items (an index) instead of from every person (31 ms at 300,000 people)
    for pid, first in conn.execute(
        "SELECT q.id, min(i.on_date) FROM archive_item i JOIN archive_party a ON a.item_id = i.id "
        "JOIN person q ON q.linkedin = a.address WHERE i.source = 'linkedin' AND i.direction = 'invite' GROUP BY q.id"
    ):
        if pid in wanted:
            scores[pid].parts["invited"] = 10
            if why:
                scores[pid].why.append(f"you invited them ({first[:4]})")
    # how recently we connected
    for pid, days, on in conn.execute(
        "SELECT person_id, julianday(?) - julianday(nominal_on), nominal_on FROM connection "
        "WHERE nominal_on IS NOT NULL",
        (today.isoformat(),),
    ):
        if pid not in wanted or days is None:
            continue
        points = round(10 * 0.5 ** (max(0.0, days) / 730.5))
        if points:
            scores[pid].parts["recent"] = points
            if why and days < 365:
                scores[pid].why.append(f"connected {on[:7]}")
    for sc in scores.values():
        sc.score = min(100, sum(sc.parts.values()))
    return scores


def _shared(conn: sqlite3.Connection, scores: dict[int, Score], arg: str, inside: str, why: bool) -> None:
    """Employers and schools I share with each person: their company, or one of their own, against mine."""
    me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    mine: dict[str, tuple[str, str, str | None, str | None]] = {}
    if me:
        for kind, name, start, until in conn.execute(
            "SELECT kind, name, start, until FROM affiliation WHERE person_id = ?", (me[0],)
        ):
            key = _place_key(name)
            if key:
                mine.setdefault(key, (kind, name, start, until))
    if not mine:
        return
    from ..people.affiliations import period

    keys: dict[str, str] = {}  # each distinct company worked out once

    def key_of(name: str) -> str:
        if name not in keys:
            keys[name] = _place_key(name)
        return keys[name]

    theirs: dict[int, list[tuple[str, str, str | None, str | None, bool]]] = {}
    for pid, company in conn.execute(f"SELECT id, company FROM person WHERE id IN {inside}", (arg,)):
        if company and key_of(company) in mine:
            theirs.setdefault(pid, []).append(("employer", company, None, None, True))
    for pid, kind, name, start, until in conn.execute(
        f"SELECT person_id, kind, name, start, until FROM affiliation WHERE person_id IN {inside}", (arg,)
    ):
        if key_of(name) in mine:
            theirs.setdefault(pid, []).append((kind, name, start, until, False))
    for pid, places in theirs.items():
        shared: dict[str, str] = {}
        for _kind, name, start, until, current in places:
            key = key_of(name)
            if key in shared:
                continue
            my_kind, my_name, my_start, my_until = mine[key]
            verb = "studied" if my_kind == "school" else "at"
            if start or until:  # both periods known: the years we overlapped
                lo = max(start or "", my_start or "")
                hi = min(until or "9999", my_until or "9999")
                when = period(lo or None, None if hi == "9999" else hi) if lo <= hi else ""
                shared[key] = f"both {verb} {my_name}" + (f" {when}" if when else "")
            elif current:
                mine_when = period(my_start, my_until)
                shared[key] = f"you were at {my_name}" + (f" {mine_when}" if mine_when else "") + "; they are now"
            else:
                shared[key] = f"both {verb} {my_name}"
        scores[pid].parts["shared"] = 30 if len(shared) > 1 else 25
        if why:
            scores[pid].why.extend(shared.values())


def ordered(
    conn: sqlite3.Connection,
    filters: Filters,
    *,
    queue: str | None = None,
    sort: str = "score",
    bulk: bool = False,
    keep: bool = False,
    why: bool = False,
) -> list[tuple[int, Score]]:
    """The people a review or a bulk mark is about, the most likely known first (or by name), with their score."""
    if sort not in SORTS:
        raise BadInput(f"--sort: '{sort}' is not one of {', '.join(SORTS)}")
    found = candidates(conn, filters, queue=queue, bulk=bulk)
    scores = likely_known(conn, [pid for pid, _n in found], keep=keep, why=why)
    rows = [(pid, scores[pid]) for pid, _name in found]  # in name order
    if filters.score_below is not None:
        rows = [r for r in rows if r[1].score < filters.score_below]
    if sort == "score":
        rows.sort(key=lambda r: -r[1].score)  # stable: equal scores stay in name order
    if queue is not None:
        skipped = skipped_ids(conn)
        if skipped:  # last, in the order they were skipped: neither lost nor in the way
            rows = [r for r in rows if r[0] not in skipped] + sorted(
                (r for r in rows if r[0] in skipped), key=lambda r: skipped[r[0]]
            )
    return rows


def skipped_ids(conn: sqlite3.Connection) -> dict[int, str]:
    """Everyone skipped in a review not yet done, with when."""
    return dict(conn.execute("SELECT person_id, answered_at FROM review_state WHERE answer = 'skip'").fetchall())


# -- answers that are not evidence ------------------------------------------------------------------------


def set_state(conn: sqlite3.Connection, pid: int, answer: str | None, *, days: int | None = None) -> None:
    """Skip or snooze a person in reviews (None clears it, for undo)."""
    conn.execute("DELETE FROM review_state WHERE person_id = ?", (pid,))
    if answer is None:
        return
    if answer not in ("skip", "snooze"):
        raise BadInput(f"'{answer}' is not skip or snooze")
    until = (dt.date.today() + dt.timedelta(days=days or 30)).isoformat() if answer == "snooze" else None
    conn.execute(
        "INSERT INTO review_state (person_id, answer, until, answered_at) VALUES (?, ?, ?, ?)",
        (pid, answer, until, now_iso()),
    )


def clear_skips(conn: sqlite3.Connection) -> None:
    """A queue gone through once: its skipped people come back next time (snoozed ones keep their day)."""
    conn.execute("DELETE FROM review_state WHERE answer = 'skip'")


# -- a review, answer by answer ----------------------------------------------------------------------------


@dataclass
class _Done:
    kind: str  # evidence, edit, prune, state
    at: int
    handle: str
    what: Any


class ReviewSession:
    """One walk through a queue: the current card, each answer saved as it is given, undo of the last ones.

    The order is worked out once (ids and scores, cheap); each card's details are read when it is shown."""

    def __init__(self, net: Network, queue: str = "nominal", filters: Filters | None = None, sort: str = "score"):
        self.net = net
        self.queue = queue
        self.filters = (filters or Filters()).checked()
        with net.store.connect(write=True) as conn:  # the mutual counts may be worked out and kept
            self._order = ordered(conn, self.filters, queue=queue, sort=sort, keep=True)
            skipped = skipped_ids(conn)
        self.skipped_earlier = sum(1 for pid, _s in self._order if pid in skipped)  # at the end of the queue
        self.i = 0
        self._done: list[_Done] = []

    def __len__(self) -> int:
        return len(self._order)

    @property
    def finished(self) -> bool:
        return self.i >= len(self._order)

    @property
    def position(self) -> int:
        return self.i + 1

    def card(self) -> dict:
        """What cnet knows of the current person: details, how the tie came, contact, the score and why."""
        from ..people.records import person_record
        from .ties import interactions

        pid, _score = self._order[self.i]
        with self.net.store.connect() as conn:
            score = likely_known(conn, [pid])[pid]  # the words for this card (the order needed only numbers)
            p = person_record(conn, pid)
            row = conn.execute(
                "SELECT nominal_source, nominal_on FROM connection WHERE person_id = ?", (pid,)
            ).fetchone()
            events = interactions(conn, pid)
        return {
            **p,
            "nominal": {"source": row[0], "on": row[1]} if row and row[0] else None,
            "interactions": {"count": len(events), "last": events[0]["on"] if events else None},
            "likely_known": score.as_dict(),
        }

    def cards(self) -> Iterator[dict]:
        """Every card from here on, read one at a time."""
        while not self.finished:
            yield self.card()
            self.i += 1

    @property
    def handle(self) -> str:
        return self.card()["handle"]

    def evidence(self, evidence: EvidenceInput) -> Connected:
        """Connect with the current person on this evidence (gated: a refusal raises and writes nothing)."""
        handle = self.handle
        data = self.net.connect(handle, [evidence])
        self._done.append(_Done("evidence", self.i, handle, [e.id for e in data.added_evidence]))
        self.i += 1
        return data

    def edit(self, field_name: str, text: str) -> None:
        """How we met, since when, or a highlight for the current person (the card stays)."""
        handle = self.handle
        before = self.net.person(handle)
        if field_name == "how_met":
            self.net.edit(handle, how_met=text)
        elif field_name == "met_on":
            self.net.edit(handle, met_on=text)
        elif field_name == "highlight":
            self.net.edit(handle, highlights=[text])
        else:
            raise BadInput(f"'{field_name}' is not how_met, met_on or highlight")
        self._done.append(_Done("edit", self.i, handle, before))

    def prune(self) -> None:
        handle = self.handle
        self.net.prune([handle])
        self._done.append(_Done("prune", self.i, handle, None))
        self.i += 1

    def skip(self) -> None:
        handle = self.handle
        self.net.review_state(handle, "skip")
        self._done.append(_Done("state", self.i, handle, None))
        self.i += 1

    def snooze(self, days: int = 30) -> None:
        if not 0 < days < 36_500:
            raise BadInput(f"snooze for 1 to 36,499 days, not {days}")
        handle = self.handle
        self.net.review_state(handle, "snooze", days=days)
        self._done.append(_Done("state", self.i, handle, None))
        self.i += 1

    def undo(self) -> tuple[str, str] | None:
        """Take back the last answer and go back to its card; None when there is nothing to undo."""
        if not self._done:
            return None
        d = self._done.pop()
        if d.kind == "evidence" and d.what:
            self.net.evidence(d.handle, remove=d.what)
        elif d.kind == "prune":
            self.net.prune([d.handle], on=False)
        elif d.kind == "state":
            self.net.review_state(d.handle, None)
        elif d.kind == "edit":
            now = self.net.person(d.handle)
            self.net.edit(
                d.handle,
                how_met=d.what["how_met"] or "",
                met_on=d.what["met_on"] or "",
                remove_highlights=[h for h in now["highlights"] if h not in d.what["highlights"]],
            )
        self.i = d.at
        return d.kind, d.handle

    def rewind(self) -> None:
        """Undo every answer of this session."""
        while self.undo() is not None:
            pass

    def finish(self) -> None:
        """The queue gone through: its skipped people come back in the next review."""
        self.net.review_done()


__all__ = ["QUEUES", "SORTS", "Filters", "ReviewSession", "Score", "likely_known", "ordered"]
