"""Where a person worked or studied, and when: `cnet edit me --employer "Acme 2016-2019" --school "MIT"`.

Mine are what the review's "likely known" score compares with the people I am connected to (their
company, and their own employers and schools): an employer or school we share is a reason I may know
them. LinkedIn's Positions.csv and Education.csv fill mine when an export has them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput

KINDS = ("employer", "school")
# "Acme Corp 2016-2019", "Acme (2016–2019)", "Acme 2016-", "Acme 2019-05–now", "Acme –2019" (the end alone),
# or just "Acme"
_PERIOD = re.compile(
    r"^(?P<name>.*?)[\s,]*\(?\s*(?P<start>\d{4}(?:-\d{2}){0,2})\s*(?:[-–—]|to)\s*"
    r"(?P<until>\d{4}(?:-\d{2}){0,2}|now|present|today)?\s*\)?$"
    r"|^(?P<ended>.*?)\s+\(?[-–—]\s*(?P<end>\d{4}(?:-\d{2}){0,2})\s*\)?$"
    r"|^(?P<alone>.*?)[\s,]*\(?\s*(?P<year>\d{4})\s*\)?$",
    re.IGNORECASE,
)


def parse(text: str, *, what: str) -> tuple[str, str | None, str | None]:
    """A name and an optional period: (name, start, until), dates as full or partial ISO dates."""
    raw = tx.clean_input(text)
    m = _PERIOD.match(raw)
    if m and m["alone"] is not None and m["alone"].strip():
        name, start, until = m["alone"], m["year"], m["year"]
    elif m and m["name"] is not None and m["name"].strip():
        name, start, until = m["name"], m["start"], m["until"]
    elif m and m["ended"] is not None and m["ended"].strip():
        name, start, until = m["ended"], None, m["end"]
    else:
        name, start, until = raw, None, None
    name = " ".join(name.split()).strip(" ,")
    if not name:
        raise BadInput(f'{what}: name the place (e.g. {what} "Acme Corp 2016-2019")')
    if tx.has_control(name) or len(name) > 300:
        raise BadInput(f"{what}: '{tx.printable(name)}' is not a name of a place")
    s = parse_partial_date(start, field=what).iso() if start else None
    u = None
    if until and until.lower() not in ("now", "present", "today"):
        u = parse_partial_date(until, field=what).iso()
    if s and u and u < s:
        raise BadInput(f"{what}: the period ends ({u}) before it starts ({s})")
    return name, s, u


def text(name: str, start: str | None, until: str | None) -> str:
    """An employer or school as cnet prints it and `parse` reads it back: "Acme 2016–2019", "Acme 2016–",
    "Acme 2019", or "Acme" (the same as people.fields' SQL for the person's JSON shape)."""
    if start is None and until is None:
        return name
    if start == until and start is not None and len(start) == 4:
        return f"{name} {start}"
    return f"{name} {start or ''}–{until or ''}"


def add(
    conn: sqlite3.Connection,
    pid: int,
    kind: str,
    name: str,
    start: str | None = None,
    until: str | None = None,
    *,
    source: str | None = None,
    stamp: str | None = None,
) -> bool:
    """Record that a person worked or studied somewhere (once per place and start); return whether it was new."""
    if kind not in KINDS:
        raise BadInput(f"'{kind}' is not employer or school")
    return (
        conn.execute(
            "INSERT OR IGNORE INTO affiliation (person_id, kind, name, name_key, start, until, source, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, kind, name, tx.name_key(name), start, until, source, stamp or now_iso()),
        ).rowcount
        > 0
    )


def remove(conn: sqlite3.Connection, pid: int, kind: str, name: str, *, what: str) -> None:
    key = tx.name_key(parse(name, what=what)[0])
    if not conn.execute(
        "DELETE FROM affiliation WHERE person_id = ? AND kind = ? AND name_key = ?", (pid, kind, key)
    ).rowcount:
        raise BadInput(f"{what}: no {kind} '{tx.printable(name)}' recorded for this person")


def apply(
    conn: sqlite3.Connection,
    pid: int,
    *,
    employers: Iterable[str] = (),
    schools: Iterable[str] = (),
    remove_employers: Iterable[str] = (),
    remove_schools: Iterable[str] = (),
) -> None:
    """The --employer/--school/--remove-employer/--remove-school of add and edit."""
    for kind, values, option in (("employer", employers, "--employer"), ("school", schools, "--school")):
        for text in values:
            add(conn, pid, kind, *parse(text, what=option))
    for kind, values, option in (
        ("employer", remove_employers, "--remove-employer"),
        ("school", remove_schools, "--remove-school"),
    ):
        for text in values:
            remove(conn, pid, kind, text, what=option)


def of(conn: sqlite3.Connection, pids: list[int]) -> dict[int, list[dict]]:
    """Each person's employers and schools, earliest first."""
    import json

    out: dict[int, list[dict]] = {}
    for pid, kind, name, start, until in conn.execute(
        "SELECT person_id, kind, name, start, until FROM affiliation WHERE person_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY person_id, coalesce(start, '9999'), id",
        (json.dumps(pids),),
    ):
        out.setdefault(pid, []).append({"kind": kind, "name": name, "start": start, "until": until})
    return out


def period(start: str | None, until: str | None) -> str:
    """2016–2019, 2016–, or '' when unknown."""
    if not start and not until:
        return ""
    s, u = (start or "")[:4], (until or "")[:4]
    return s if s == u else f"{s}–{u}"
