"""Staying in touch: how often, per person or per tag, and who is due.

A person's own setting wins over their tags' (the shortest of those); the clock runs from the last
contact of any kind (a logged interaction, or one read from mail or a calendar).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

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


def due(conn: sqlite3.Connection, *, within_days: int = 0, today: dt.date | None = None) -> list[dict]:
    """Everyone due (or overdue) within `within_days`, most overdue for their cadence first."""
    today = today or dt.date.today()
    people = {
        pid
        for (pid,) in conn.execute(
            "SELECT person_id FROM keep_in_touch WHERE person_id IS NOT NULL AND every_days IS NOT NULL "
            "UNION SELECT t.person_id FROM tag t JOIN keep_in_touch k ON k.tag_key = t.name_key "
            "WHERE k.every_days IS NOT NULL"
        )
    }
    out = []
    for pid in sorted(people):
        cadence = cadence_of(conn, pid)
        if cadence is None:
            continue
        handle, name, last = conn.execute(
            "SELECT p.handle, p.name, (SELECT max(on_date) FROM interaction WHERE person_id = p.id) FROM person p "
            "WHERE p.id = ? AND p.is_me = 0",
            (pid,),
        ).fetchone() or (None, None, None)
        if handle is None:
            continue
        parsed = load_partial_date(last)
        last_day = parsed.earliest() if parsed else None
        every = cadence["every_days"]
        due_on = last_day + dt.timedelta(days=every) if last_day else today
        if due_on > today + dt.timedelta(days=within_days):
            continue
        late = (today - due_on).days
        at_most = cadence["at_most_days"]
        out.append(
            {
                "kind": "contact",
                "handle": handle,
                "name": name,
                "last_contact": last,
                "every_days": every,
                "at_most_days": at_most,
                "cadence_from": cadence["from"],
                "due_on": due_on.isoformat(),
                "days_late": late,
                "overdue": bool(at_most and last_day and (today - last_day).days > at_most) or last_day is None,
                "_rank": late / every,
            }
        )
    out.sort(key=lambda d: (-d["_rank"], d["handle"]))
    for d in out:
        del d["_rank"]
    return out + days_to_remember(conn, within_days=max(within_days, DATES_AHEAD), today=today)


DATES_AHEAD = 14  # birthdays and anniversaries show this many days ahead, so there is time to write


def days_to_remember(conn: sqlite3.Connection, *, within_days: int, today: dt.date) -> list[dict]:
    """Birthdays and anniversaries coming round within `within_days`, soonest first."""
    from ..dates import next_occurrence

    out = []
    for handle, name, kind, stored in conn.execute(
        "SELECT handle, name, 'birthday', birthday FROM person WHERE birthday IS NOT NULL AND is_me = 0 "
        "UNION ALL SELECT handle, name, 'anniversary', anniversary FROM person WHERE anniversary IS NOT NULL "
        "AND is_me = 0"
    ):
        when = next_occurrence(stored, today)
        if when is None or (when - today).days > within_days:
            continue
        out.append(
            {
                "kind": kind,
                "handle": handle,
                "name": name,
                "last_contact": None,
                "every_days": None,
                "at_most_days": None,
                "cadence_from": None,
                "due_on": when.isoformat(),
                "days_late": -(when - today).days,
                "overdue": False,
                "date": stored,
            }
        )
    return sorted(out, key=lambda d: (d["due_on"], d["handle"]))


def due_calendar(rows: list[dict], *, today: dt.date | None = None) -> str:
    """A calendar any app can import or subscribe to: one all-day event a due contact, on the day they fall
    due (today for those already late), with a reminder that morning. Written with icalendar."""
    import icalendar

    today = today or dt.date.today()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//cnet//keep in touch//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "cnet: keep in touch")
    for r in rows:
        day = max(dt.date.fromisoformat(r["due_on"]), today)
        event = icalendar.Event()
        event.add("uid", f"cnet-due-{r['handle']}-{r['due_on']}")
        event.add("dtstamp", dt.datetime.now(dt.UTC))
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add(
            "summary", f"Be in touch with {r['name']}" if r["kind"] == "contact" else f"{r['name']}'s {r['kind']}"
        )
        last = f"last contact {r['last_contact']}" if r["last_contact"] else "no contact recorded yet"
        about = f"Every {r['every_days']} days; {last}." if r["kind"] == "contact" else f"{r['kind']}: {r['date']}."
        event.add("description", f"{about} (cnet show {r['handle']})")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", str(event["summary"]))
        alarm.add("trigger", dt.timedelta(hours=9))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def mark_prune(conn: sqlite3.Connection, pid: int, *, on: bool = True) -> bool:
    """Mark (or unmark) a connection to drop on LinkedIn; return whether anything changed."""
    if conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()[0]:
        raise BadInput("you cannot prune yourself")
    if on:
        return (
            conn.execute(
                "INSERT OR IGNORE INTO prune_mark (person_id, marked_at) VALUES (?, ?)", (pid, now_iso())
            ).rowcount
            > 0
        )
    return conn.execute("DELETE FROM prune_mark WHERE person_id = ?", (pid,)).rowcount > 0


def prune_list(conn: sqlite3.Connection) -> list[dict]:
    """The connections marked to drop on LinkedIn, with the profile to open for each."""
    rows = conn.execute(
        "SELECT p.handle, p.name, p.linkedin, c.nominal_source, m.marked_at FROM prune_mark m "
        "JOIN person p ON p.id = m.person_id LEFT JOIN connection c ON c.person_id = p.id ORDER BY p.name_key"
    )
    keys = ("handle", "name", "linkedin", "nominal_source", "marked_at")
    return [dict(zip(keys, r, strict=True)) for r in rows]
