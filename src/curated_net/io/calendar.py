"""Meetings from the user's calendars (.ics from Google, Outlook, Apple, Thunderbird).

icalendar reads the files; recurring-ical-events expands each recurring event into its occurrences
(RRULE, EXDATE, a RECURRENCE-ID that moves one), with time zones from VTIMEZONE / TZID. Each past
occurrence that I attended is a meeting interaction with each attendee cnet knows; cancelled events,
occurrences I or they declined, and those after today do not count. An occurrence counts once: its
UID and start.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from ..errors import BadInput
from ..network.archive import attribute, matched_since, next_item_id, owners, record_item
from ..runtime import paused_gc
from .mail import MAX_PEOPLE, ArchiveSummary, addresses

SOURCE = "calendar"


def _address(value) -> str | None:
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip().lower()
    return text if "@" in text else None


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


@paused_gc()
def import_calendar(
    conn: sqlite3.Connection,
    paths: list[Path],
    *,
    since: str | None = None,
    subjects: bool = True,
    max_people: int = MAX_PEOPLE,
) -> ArchiveSummary:
    """Read calendars into the caller's write transaction."""
    import icalendar
    import recurring_ical_events

    from ..dates import parse_partial_date

    mine, _by_address = addresses(conn, "which meetings were yours")
    first = parse_partial_date(since, field="--since").earliest() if since else dt.date(1900, 1, 1)
    today = dt.date.today()
    summary = ArchiveSummary()
    events = occurrences = 0
    first_item = next_item_id(conn)
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            raise BadInput(f"{path}: no such file")
        try:
            cal = icalendar.Calendar.from_ical(path.read_bytes())
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BadInput(f"{path}: not a calendar icalendar can read ({exc})") from None
        events += sum(1 for _ in cal.walk("VEVENT"))
        try:
            found = recurring_ical_events.of(cal).between(first, today + dt.timedelta(days=1))
        except Exception as exc:  # a rule or date the expander cannot follow: this calendar is reported
            summary.problems.append({"file": str(path), "reason": f"cannot expand its events ({exc})"})
            continue
        for n, event in enumerate(found, 1):
            summary.messages += 1
            occurrences += 1
            start = event.get("DTSTART")
            day = _day(start.dt) if start is not None else None
            if day is None or day > today or day < first:
                summary.skipped["before_since" if day and day < first else "unreadable"] += 1
                continue
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                summary.skipped["not_mine"] += 1
                continue
            people: dict[str, str] = {}
            declined: set[str] = set()
            for a in event.get("ATTENDEE", []) if isinstance(event.get("ATTENDEE"), list) else [event.get("ATTENDEE")]:
                address = _address(a)
                if not address:
                    continue
                params = getattr(a, "params", {})
                if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
                    declined.add(address)
                people[address] = str(params.get("CN", "") or "")
            organizer = _address(event.get("ORGANIZER"))
            if organizer:
                people.setdefault(organizer, str(getattr(event.get("ORGANIZER"), "params", {}).get("CN", "") or ""))
            if not (mine & set(people)) or mine & declined:
                summary.skipped["not_mine"] += 1
                continue
            others = {a: cn for a, cn in people.items() if a not in mine}
            if len(others) > max_people:
                summary.skipped["too_many_people"] += 1
                continue
            uid = str(event.get("UID") or f"{path.name}#{n}")
            occurrence = f"{uid}|{start.dt.isoformat()}"
            attending = {a: cn for a, cn in others.items() if a not in declined}
            title = " ".join(str(event.get("SUMMARY", "")).split())[:500] if subjects else None
            parties = [(a, cn, "attendee") for a, cn in attending.items()]
            if record_item(conn, SOURCE, occurrence, day.isoformat(), "meeting", parties, subject=title) is None:
                summary.skipped["duplicate"] += 1
            seen.update(attending)
    summary.interactions_added = attribute(conn, owners(conn, seen))
    summary.people_matched = matched_since(conn, first_item)
    summary.events, summary.occurrences = events, occurrences
    return summary
