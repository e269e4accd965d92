"""What of my network may leave this machine for a team: the projection, declared once, here.

For each of my first-degree connections that is not kept private: name, company, title, LinkedIn URL, the class
of evidence, a strength band, the month of last contact, and keyed hashes of their e-mail addresses. Nothing
else is read into a published record — not notes, highlights, how we met, evidence text, phones, interactions or
an address in clear — and the server's schema has no column that could hold them.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass

from .. import text as tx
from .keys import TeamKey

# The class of evidence, best first: what a teammate needs to judge a route, and nothing of its detail.
EVIDENCE_CLASSES = ("worked-with", "family-or-friend", "met-in-person", "nominal")
CLASS_OF = {
    "client": "worked-with",
    "colleague": "worked-with",
    "business-partner": "worked-with",
    "family": "family-or-friend",
    "friend": "family-or-friend",
    "met-in-person": "met-in-person",
    "classmate": "met-in-person",
}
# Strength bands (relationship strength 0–100, README): weak < 20 ≤ fair < 45 ≤ good < 70 ≤ strong.
BANDS = ("weak", "fair", "good", "strong")
_BAND_FLOORS = (70, 45, 20)
TEXT_LIMIT = 1000  # a company or title longer than this is shortened in the projection (the server's limit)
MAX_EMAILS = 50


def band_of(score: int) -> int:
    """The band (0 weak … 3 strong) of a relationship strength."""
    for i, floor in enumerate(_BAND_FLOORS):
        if score >= floor:
            return 3 - i
    return 0


def _short(value: str | None) -> str | None:
    if not value:
        return None
    value = value.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    return value if len(value) <= TEXT_LIMIT else value[: TEXT_LIMIT - 1] + "…"


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much, 30,000 times a publish
class Tie:
    """One published tie: me to one of my connections, as the team sees it."""

    ref: str
    name: str
    company: str | None
    title: str | None
    linkedin: str | None
    evidence: str
    band: int
    last_contact: str | None
    email_keys: tuple[str, ...]

    @property
    def name_key(self) -> str:
        return tx.name_fold(self.name)

    @property
    def company_key(self) -> str | None:
        return tx.name_fold(self.company) if self.company else None

    @property
    def linkedin_key(self) -> str | None:
        return self.linkedin.casefold() if self.linkedin else None

    def digest(self) -> str:
        """What the server keeps to tell, on the next publish, whether this tie changed."""
        # Fields joined by a separator no field holds (names and titles are one line; None is not '').
        values = (self.name, self.company, self.title, self.linkedin, self.evidence, self.band, self.last_contact)
        text = "\x1e".join("\x00" if v is None else str(v) for v in values) + "\x1e" + " ".join(self.email_keys)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def row(self) -> tuple:
        """The values of a server row, in `COLUMNS` order."""
        return (
            self.ref,
            self.name,
            self.name_key,
            self.company,
            self.company_key,
            self.title,
            self.linkedin,
            self.linkedin_key,
            self.evidence,
            self.band,
            self.last_contact,
            list(self.email_keys),
            self.digest(),
        )

    def as_dict(self) -> dict:
        """Exactly what is sent (for --dry-run), with the band's word beside its number."""
        return {
            "ref": self.ref,
            "name": self.name,
            "company": self.company,
            "title": self.title,
            "linkedin": self.linkedin,
            "evidence": self.evidence,
            "strength": BANDS[self.band],
            "last_contact": self.last_contact,
            "email_hashes": list(self.email_keys),
            # Sent beside them: the folded forms matching is done on, and the row's digest.
            "keys": {
                "name": self.name_key,
                "company": self.company_key,
                "linkedin": self.linkedin_key,
                "digest": self.digest(),
            },
        }


COLUMNS = (
    "ref",
    "name",
    "name_key",
    "company",
    "company_key",
    "title",
    "linkedin",
    "linkedin_key",
    "evidence",
    "band",
    "last_contact",
    "email_keys",
    "digest",
)


def _month(dates: list[str]) -> str | None:
    """The month of the latest of some partial dates, when it is known to the month."""
    if not dates:
        return None
    latest = max(dates)  # ISO dates, full or partial, order as text as they do in time
    return latest[:7] if len(latest) >= 7 else None


def _tagged(conn: sqlite3.Connection, private_tags: list[str]) -> set[int]:
    tag_keys = sorted({tx.name_key(t) for t in private_tags})
    return {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT person_id FROM tag WHERE name_key IN (SELECT value FROM json_each(?))",
            (json.dumps(tag_keys),),
        )
    }


def _kept_back(pid: int, private: int, tagged: set[int]) -> str | None:
    """Why a person of my first degree is kept off the team, or None: marked team-private (whatever their tags),
    else by a private tag. The one rule a dry run, a publish and status count by."""
    if private:
        return "kept_private_flagged"
    return "kept_private_by_tag" if pid in tagged else None


def kept_private(conn: sqlite3.Connection, *, private_tags: list[str]) -> dict:
    """How many of my first degree a publish keeps back, and how: {"kept_private", "kept_private_flagged",
    "kept_private_by_tag"} (no projection made)."""
    tagged = _tagged(conn, private_tags)
    counts = {"kept_private": 0, "kept_private_flagged": 0, "kept_private_by_tag": 0}
    for pid, private in conn.execute(
        "SELECT p.id, p.team_private FROM connection c JOIN person p ON p.id = c.person_id WHERE p.is_me = 0"
    ):
        if why := _kept_back(pid, private, tagged):
            counts[why] += 1
            counts["kept_private"] += 1
    return counts


def projection(conn: sqlite3.Connection, key: TeamKey, *, private_tags: list[str]) -> tuple[list[Tie], dict]:
    """My publishable ties, and what was kept back (counted as `kept_private` counts it)."""
    from ..network.ties import NOMINAL_WEIGHT, strength

    tagged = _tagged(conn, private_tags)
    people = conn.execute(
        "SELECT p.id, p.handle, p.name, p.company, p.title, p.linkedin, p.team_private "
        "FROM connection c JOIN person p ON p.id = c.person_id WHERE p.is_me = 0 ORDER BY p.id"
    ).fetchall()
    counts = {"kept_private": 0, "kept_private_flagged": 0, "kept_private_by_tag": 0}
    keep: dict[int, tuple] = {}
    for row in people:
        if why := _kept_back(row[0], row[6], tagged):
            counts[why] += 1
            counts["kept_private"] += 1
        else:
            keep[row[0]] = row
    evidence: dict[int, list[dict]] = {}
    for pid, criterion, conversation in conn.execute("SELECT person_id, criterion, conversation FROM evidence"):
        if pid in keep:
            evidence.setdefault(pid, []).append({"criterion": criterion, "conversation": conversation})
    events: dict[int, list[dict]] = {}
    for pid, on, memorable in conn.execute("SELECT person_id, on_date, memorable FROM interaction"):
        if pid in keep:
            events.setdefault(pid, []).append({"on": on, "memorable": bool(memorable)})
    emails: dict[int, list[str]] = {}
    for pid, address_key in conn.execute("SELECT person_id, address_key FROM email ORDER BY person_id, position"):
        if pid in keep:
            emails.setdefault(pid, []).append(address_key)
    ties = []
    for pid, (_id, handle, name, company, title, linkedin, _private) in keep.items():
        found = evidence.get(pid, [])
        classes = {CLASS_OF[e["criterion"]] for e in found}
        cls = next((c for c in EVIDENCE_CLASSES if c in classes), "nominal")
        met = events.get(pid)
        # A connection with neither evidence nor interactions scores what a nominal one does (the formula's own value).
        score = strength({"evidence": found}, met or [])["score"] if found or met else NOMINAL_WEIGHT
        ties.append(
            Tie(
                ref=key.ref(handle),
                name=name.replace("\x00", ""),
                company=_short(company),
                title=_short(title),
                linkedin=linkedin,
                evidence=cls,
                band=band_of(score),
                last_contact=_month([e["on"] for e in met]) if met else None,
                email_keys=tuple(sorted({key.email(a) for a in emails.get(pid, [])[:MAX_EMAILS]})),
            )
        )
    return ties, counts


def my_identity(conn: sqlite3.Connection, key: TeamKey) -> dict:
    """What the team knows of me as a member: my name, my LinkedIn URL, keyed hashes of my addresses."""
    row = conn.execute("SELECT id, name, linkedin FROM person WHERE is_me = 1").fetchone()
    if row is None:
        from ..errors import StoreError

        raise StoreError("this database has no me yet", hint='Run: cnet init --name "Your Name"')
    addresses = [r[0] for r in conn.execute("SELECT address_key FROM email WHERE person_id = ?", (row[0],))]
    return {
        "name": row[1],
        "linkedin_key": row[2].casefold() if row[2] else None,
        "email_keys": sorted({key.email(a) for a in addresses[:MAX_EMAILS]}),
    }
