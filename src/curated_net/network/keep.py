"""Staying in touch: how often, per person or per tag, and who is due.

A person's own setting wins over their tags' (the shortest of those); the clock runs from the last
contact of any kind (a logged interaction, or one read from mail or a calendar).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator

from .. import text as tx
from ..dates import load_partial_date, now_iso
from ..errors import BadInput

_PERIOD = re.compile(r"^\s*(\d{1,5})\s*([dwmy]?)\s*$", re.IGNORECASE)
_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_period(text: str, *, what: str) -> int:
    """'30d', '6w', '3m', '1y' (or a number of days) as days."""
    m = _PERIOD.match(text or "")
    if not m:
        raise BadInput(f"{what}: '{tx.printable(text)}' is not a period; write e.g. 30d, 6w, 3m or 1y")
    days = int(m[1]) * _DAYS[m[2].lower()]
    if not 1 <= days <= 36_500:
        raise BadInput(f"{what}: {text} is outside one day to a hundred years")
    return days


def set_cadence(
    conn: sqlite3.Connection,
    *,
    pid: int | None = None,
    tag: str | None = None,
    every: str | None = None,
    at_most: str | None = None,
    off: bool = False,
) -> dict:
    """Keep in touch with a person or a tag every so often (at most so long); `off` stops it."""
    if (pid is None) == (tag is None):
        raise BadInput("keep in touch with a person, or with a --tag: one of them")
    if off == (every is not None):
        raise BadInput("give --every PERIOD, or --off")
    if pid is not None and conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()[0]:
        raise BadInput("keeping in touch is with other people")
    every_days = None if off else parse_period(every or "", what="--every")
    at_most_days = parse_period(at_most, what="--at-most") if at_most and not off else None
    if every_days and at_most_days and at_most_days < every_days:
        raise BadInput(f"--at-most ({at_most}) is shorter than --every ({every})")
    key = tx.name_key(tag) if tag is not None else None
    if tag is not None and not key:
        raise BadInput("--tag: name a tag")
    column, value = ("person_id", pid) if pid is not None else ("tag_key", key)
    conn.execute(f"DELETE FROM keep_in_touch WHERE {column} = ?", (value,))
    if not (off and tag is not None):  # a tag turned off has no setting; a person turned off keeps "off"
        conn.execute(
            f"INSERT INTO keep_in_touch ({column}, every_days, at_most_days, updated_at) VALUES (?, ?, ?, ?)",
            (value, every_days, at_most_days, now_iso()),
        )
    return {"every_days": every_days, "at_most_days": at_most_days, "off": off}


def cadence_of(conn: sqlite3.Connection, pid: int) -> dict | None:
    """The cadence in force for a person and where it comes from, or None."""
    own = conn.execute("SELECT every_days, at_most_days FROM keep_in_touch WHERE person_id = ?", (pid,)).fetchone()
    if own is not None:
        return None if own[0] is None else {"every_days": own[0], "at_most_days": own[1], "from": "person"}
    row = conn.execute(
        "SELECT k.every_days, k.at_most_days, t.name FROM keep_in_touch k JOIN tag t ON t.name_key = k.tag_key "
        "WHERE t.person_id = ? AND k.every_days IS NOT NULL ORDER BY k.every_days LIMIT 1",
        (pid,),
    ).fetchone()
    return {"every_days": row[0], "at_most_days": row[1], "from": f"tag {row[2]}"} if row else None


def when(days_late: int, kind: str = "contact") -> str:
    """How a person reads a due date: '12 days late', 'due today', 'in 6 days' (birthdays and anniversaries)."""
    if kind == "contact":
        if days_late > 0:
            return f"{days_late} day{'s' if days_late != 1 else ''} late"
        if days_late == 0:
            return "due today"
        return f"due in {-days_late} day{'s' if days_late != -1 else ''}"
    ahead = -days_late
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    return f"in {ahead} days"


def status(days_late: int, overdue: bool, kind: str = "contact") -> str:
    """overdue (past --at-most, or never in touch), late, due (today), or upcoming."""
    if kind != "contact":
        return "today" if days_late == 0 else "upcoming"
    if overdue:
        return "overdue"
    return "late" if days_late > 0 else "due" if days_late == 0 else "upcoming"


# Everyone on a cadence with the setting in force for them (their own wins over their tags', the shortest of
# those) and their last contact of any kind: one query, however many people.
_DUE_SQL = """
WITH own AS (SELECT person_id, every_days, at_most_days FROM keep_in_touch WHERE person_id IS NOT NULL),
tagged AS (
    SELECT t.person_id, k.every_days, k.at_most_days, t.name AS tag,
           row_number() OVER (PARTITION BY t.person_id ORDER BY k.every_days, t.name_key) AS rn
    FROM keep_in_touch k JOIN tag t ON t.name_key = k.tag_key
    WHERE k.tag_key IS NOT NULL AND k.every_days IS NOT NULL
),
cadence AS (
    SELECT person_id, every_days, at_most_days, 'person' AS origin FROM own WHERE every_days IS NOT NULL
    UNION ALL
    SELECT person_id, every_days, at_most_days, 'tag ' || tag FROM tagged
    WHERE rn = 1 AND person_id NOT IN (SELECT person_id FROM own)
)
SELECT p.handle, p.name, c.every_days, c.at_most_days, c.origin,
       (SELECT max(on_date) FROM interaction i WHERE i.person_id = p.id)
FROM cadence c JOIN person p ON p.id = c.person_id WHERE p.is_me = 0
"""


def _first_day(stored: str | None) -> dt.date | None:
    if stored is None:
        return None
    if len(stored) == 10:
        return dt.date.fromisoformat(stored)
    parsed = load_partial_date(stored)
    return parsed.earliest() if parsed else None


def contact_due(
    handle: str,
    name: str,
    every: int,
    at_most: int | None,
    origin: str,
    last: str | None,
    today: dt.date,
) -> dict:
    """One person's due row: when they fall due, how late they are, and whether overdue: past --at-most, or
    without one, a whole cadence late (twice the cadence since the last contact), or never in touch."""
    last_day = _first_day(last)
    due_on = last_day + dt.timedelta(days=every) if last_day else today
    late = (today - due_on).days
    limit = at_most or 2 * every
    overdue = last_day is None or (today - last_day).days > limit
    return {
        "kind": "contact",
        "handle": handle,
        "name": name,
        "last_contact": last,
        "every_days": every,
        "at_most_days": at_most,
        "overdue_after_days": limit,
        "cadence_from": origin,
        "due_on": due_on.isoformat(),
        "days_late": late,
        "overdue": overdue,
        "status": status(late, overdue),
        "when": when(late) if last_day else "never in touch",
    }


_RANK = {"overdue": 0, "late": 1, "due": 2, "today": 2, "upcoming": 3}


def due(conn: sqlite3.Connection, *, within_days: int | None = None, today: dt.date | None = None) -> list[dict]:
    """Everyone due (or overdue) within `within_days` (contacts: from today; birthdays and anniversaries:
    DATES_AHEAD without it), in one order: the overdue, then the late (the most late for their cadence
    first), then what is due today, then what comes up, soonest first."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within_days or 0)
    out = []
    for handle, name, every, at_most, origin, last in conn.execute(_DUE_SQL):
        last_day = _first_day(last)
        if last_day and last_day + dt.timedelta(days=every) > horizon:
            continue
        out.append(contact_due(handle, name, every, at_most, origin, last, today))
    out += days_to_remember(conn, within_days=DATES_AHEAD if within_days is None else within_days, today=today)

    def order(d: dict) -> tuple:
        rank = _RANK[d["status"]]
        if rank < 2:
            return (rank, -d["days_late"] / d["every_days"], d["handle"])
        return (rank, d["due_on"], d["handle"])

    return sorted(out, key=order)


DATES_AHEAD = 14  # birthdays and anniversaries show this many days ahead, so there is time to write


def days_to_remember(conn: sqlite3.Connection, *, within_days: int, today: dt.date) -> list[dict]:
    """Birthdays and anniversaries coming round within `within_days`, soonest first."""
    from ..dates import next_occurrence

    out = []
    # Only the days whose month and day fall in the window are looked at (a day either side, and 29 February,
    # for the years that lack it): with tens of thousands of birthdays, the rest are never parsed.
    lo, hi = today - dt.timedelta(days=1), today + dt.timedelta(days=within_days + 1)
    if (hi - lo).days >= 365:
        window, params = "1", []
    else:
        a, b = lo.strftime("%m-%d"), hi.strftime("%m-%d")
        op = "AND" if a <= b else "OR"
        window, params = f"(substr(d, -5) = '02-29' OR (substr(d, -5) >= ? {op} substr(d, -5) <= ?))", [a, b]
    for handle, name, kind, stored in conn.execute(
        "SELECT handle, name, kind, d FROM (SELECT handle, name, 'birthday' AS kind, birthday AS d FROM person "
        "WHERE birthday IS NOT NULL AND is_me = 0 UNION ALL SELECT handle, name, 'anniversary', anniversary "
        f"FROM person WHERE anniversary IS NOT NULL AND is_me = 0) WHERE length(d) >= 7 AND {window}",
        params,
    ):
        day = next_occurrence(stored, today)
        if day is None or (day - today).days > within_days:
            continue
        late = -(day - today).days
        out.append(
            {
                "kind": kind,
                "handle": handle,
                "name": name,
                "last_contact": None,
                "every_days": None,
                "at_most_days": None,
                "overdue_after_days": None,
                "cadence_from": None,
                "due_on": day.isoformat(),
                "days_late": late,
                "overdue": False,
                "status": status(late, False, kind),
                "when": when(late, kind),
                "date": stored,
                "date_text": day_text(stored),
            }
        )
    return sorted(out, key=lambda d: (d["due_on"], d["handle"]))


def day_text(stored: str) -> str:
    """A birthday or anniversary as a person says it: '10 December', '10 December 1980' ('--12-10' is how a
    date without its year is stored)."""
    import calendar

    year, md = ("", stored[2:]) if stored.startswith("--") else stored.split("-", 1) if "-" in stored else ("", "")
    month, _, day = md.partition("-")
    try:
        name = calendar.month_name[int(month)]
        text = f"{int(day)} {name}" if day else name
    except (ValueError, IndexError):
        return stored
    return f"{text} {year}" if year else text


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded at 75 octets (continuations start with a space), ending in CRLF."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line + "\r\n"
    pieces, start, limit = [], 0, 75
    while start < len(raw):
        end = min(len(raw), start + limit)
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # never inside a character
            end -= 1
        pieces.append(raw[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(pieces) + "\r\n"


def due_calendar(rows: list[dict], *, today: dt.date | None = None) -> Iterator[str]:
    """A calendar any app can import or subscribe to: one all-day event a due contact, on the day they fall
    due (today for those already late), with a reminder that morning.

    Written as RFC 5545 text a line at a time (icalendar's object model takes a quarter of a millisecond an
    event: 8 s for 30,000); the test suite reads what is written back with icalendar."""
    today = today or dt.date.today()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    yield "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cnet//keep in touch//EN\r\nX-WR-CALNAME:cnet: keep in touch\r\n"
    for r in rows:
        day = max(dt.date.fromisoformat(r["due_on"]), today)
        summary = f"Be in touch with {r['name']}" if r["kind"] == "contact" else f"{r['name']}'s {r['kind']}"
        if r["kind"] == "contact":
            last = f"last contact {r['last_contact']}" if r["last_contact"] else "no contact recorded yet"
            about = f"Every {tx.counted(r['every_days'], 'day')}; {last}; {r['when']}."
        else:
            about = f"{r['kind']}: {r.get('date_text') or r['date']}, {r['when']}."
        uid = f"cnet-due-{r['handle']}-{r['kind']}-{r['due_on']}"
        yield "".join(
            (
                "BEGIN:VEVENT\r\n",
                _fold("UID:" + _ics_text(uid)),
                f"DTSTAMP:{stamp}\r\n",
                f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}\r\n",
                f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}\r\n",
                _fold(f"SUMMARY:{_ics_text(summary)}"),
                _fold(f"DESCRIPTION:{_ics_text(about + ' (cnet show ' + r['handle'] + ')')}"),
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
                _fold(f"DESCRIPTION:{_ics_text(summary)}"),
                "TRIGGER:PT9H\r\nEND:VALARM\r\nEND:VEVENT\r\n",
            )
        )
    yield "END:VCALENDAR\r\n"


def mark_stamp() -> str:
    """When a mark command ran, to the microsecond: every mark it made shares it, so `prune undo` can take
    back exactly that command's marks."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def mark_prune(conn: sqlite3.Connection, pid: int, *, on: bool = True, stamp: str | None = None) -> bool:
    """Mark (or unmark) a connection to drop on LinkedIn; return whether anything changed."""
    if conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()[0]:
        raise BadInput("you cannot prune yourself")
    if on:
        return (
            conn.execute(
                "INSERT OR IGNORE INTO prune_mark (person_id, marked_at) VALUES (?, ?)", (pid, stamp or mark_stamp())
            ).rowcount
            > 0
        )
    return conn.execute("DELETE FROM prune_mark WHERE person_id = ?", (pid,)).rowcount > 0


def undo_last_mark(conn: sqlite3.Connection) -> dict:
    """Unmark every connection the most recent mark command marked (those still marked), whoever they have
    become since: what an unmark with the same filters would miss when someone no longer matches them."""
    stamp = conn.execute("SELECT max(marked_at) FROM prune_mark").fetchone()[0]
    if stamp is None:
        raise BadInput("nothing is marked to drop: there is no mark to undo")
    rows = conn.execute(
        "SELECT p.handle FROM prune_mark m JOIN person p ON p.id = m.person_id WHERE m.marked_at = ? "
        "ORDER BY p.name_key",
        (stamp,),
    ).fetchall()
    conn.execute("DELETE FROM prune_mark WHERE marked_at = ?", (stamp,))
    return {"changed": len(rows), "marked_at": stamp, "people": [r[0] for r in rows]}


def prune_list(conn: sqlite3.Connection) -> list[dict]:
    """The connections marked to drop on LinkedIn, with the profile to open for each."""
    rows = conn.execute(
        "SELECT p.handle, p.name, p.linkedin, c.nominal_source, m.marked_at FROM prune_mark m "
        "JOIN person p ON p.id = m.person_id LEFT JOIN connection c ON c.person_id = p.id ORDER BY p.name_key"
    )
    keys = ("handle", "name", "linkedin", "nominal_source", "marked_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]
