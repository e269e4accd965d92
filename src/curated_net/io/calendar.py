"""Meetings from the user's calendars (.ics from Google, Outlook, Apple, Thunderbird).

icalendar reads the files; recurring-ical-events expands each recurring event into its occurrences
(RRULE, EXDATE, a RECURRENCE-ID that moves one), with time zones from VTIMEZONE / TZID. Each past
occurrence that I attended is a meeting interaction with each attendee cnet knows; cancelled events,
occurrences I or they declined, and those after today do not count. An occurrence counts once: its
UID and start.

Reading is bounded whatever a file holds. A recurring event is expanded lazily, series by series, from
--since (without it, from RECURRENCE_YEARS years ago) to today; at most MAX_PER_EVENT occurrences of one event
and MAX_PER_FILE of one file are counted, and a capped event or file is reported. A rule that repeats more
often than once a day (FREQ=HOURLY/MINUTELY/SECONDLY, or several BYHOUR/BYMINUTE/BYSECOND times) is ignored
with a warning (the event's first occurrence still counts), and an event whose rule takes the expander more
than EXPAND_SECONDS (a rule that never matches is walked day by day to the year 9999) is reported and left
out. Before any of it, each event's dates and rules are screened (`_screen_events`): a value icalendar could not
read, or of the wrong kind (a start that is a duration), is dropped with a warning, and an event without a
readable start is left out, so the expander is only ever handed what it can follow.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

from ..archive import attribute, matched_since, next_item_id, owners, record_item
from ..errors import BadInput
from ..runtime import paused_gc
from ..text import counted
from .mail import MAX_PEOPLE, ArchiveSummary, addresses

SOURCE = "calendar"
RECURRENCE_YEARS = 10  # without --since, recurring events are counted from this many years ago
MAX_PER_EVENT = 10_000
MAX_PER_FILE = 100_000
MAX_RULES = 4  # RRULE lines one event may have (each repeats at most daily once the finer ones are out)
EXPAND_SECONDS = 2.0  # a bound on the expander's work for one event
EXPAND_SECONDS_PER_FILE = 10.0  # and for one file's recurring events
_SUB_DAILY = {"SECONDLY", "MINUTELY", "HOURLY"}
MAX_DURATION = dt.timedelta(days=3660)  # an event longer than ten years is not a meeting: its DURATION is dropped
# What the expander reads of an event, and the kind of value each must hold once icalendar has read it.
_DATES = ("DTSTART", "DTEND", "RECURRENCE-ID")
_LISTS = ("RDATE", "EXDATE")


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


def _label(component) -> str:
    """How a warning names an event: its title and UID, literal and short."""
    title = " ".join(str(component.get("SUMMARY", "")).split())[:60]
    uid = str(component.get("UID", ""))[:80]
    return f"event '{title}' ({uid})" if uid else f"event '{title}'"


def _times_a_day(rule) -> int:
    """How many times a day a rule's BYHOUR/BYMINUTE/BYSECOND lists make it occur (1 without them)."""
    n = 1
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        values = rule.get(part)
        if values:
            n *= len(values) if isinstance(values, list) else 1
    return n


def _unreadable(prop, name: str) -> bool:
    """Whether a property icalendar read is not what the expander needs (a value it could not parse is kept
    as vBroken; a start may parse as a duration or a period)."""
    from icalendar.prop import vBroken

    if isinstance(prop, vBroken):
        return True
    if name in _DATES:
        return not isinstance(getattr(prop, "dt", None), dt.date)
    if name in _LISTS:
        dts = getattr(prop, "dts", None)
        return dts is None or any(not isinstance(getattr(d, "dt", None), (dt.date, tuple)) for d in dts)
    if name == "DURATION":
        value = getattr(prop, "dt", None)
        return not isinstance(value, dt.timedelta) or abs(value) > MAX_DURATION
    if name == "SEQUENCE":
        return not isinstance(prop, int)
    if name in ("RRULE", "EXRULE"):
        return not hasattr(prop, "get")
    return False


def _screen_events(cal, path: Path, summary: ArchiveSummary) -> None:
    """Drop, with a warning, each value of an event's dates and rules that icalendar could not read or that is
    of the wrong kind; leave out an event whose start cannot be read (nothing can be said of when it was)."""
    for parent in [cal, *cal.walk()]:
        kept = []
        for component in parent.subcomponents:
            if component.name != "VEVENT":
                kept.append(component)
                continue
            dropped = []
            for name in (*_DATES, *_LISTS, "DURATION", "SEQUENCE", "RRULE", "EXRULE"):
                value = component.get(name)
                if value is None:
                    continue
                values = value if isinstance(value, list) else [value]
                good = [v for v in values if not _unreadable(v, name)]
                if len(good) == len(values):
                    continue
                dropped.append(name)
                del component[name]
                for v in good:
                    component.add(name, v)
            if "DTSTART" in dropped:
                reason = f"{_label(component)}: its start (DTSTART) cannot be read; the event was left out"
                summary.problems.append({"file": str(path), "reason": reason})
                continue
            if dropped:
                reason = f"{_label(component)}: {', '.join(dropped)} could not be read and {'was' if len(dropped) == 1 else 'were'} ignored"
                summary.problems.append({"file": str(path), "reason": reason})
            kept.append(component)
        parent.subcomponents[:] = kept


def _screen_rules(cal, path: Path, summary: ArchiveSummary) -> set[str]:
    """Drop, with a warning, each rule that repeats more often than daily (and rules past MAX_RULES): an
    event left with no rule counts its own dates only. Return the UIDs of the events that still recur."""
    recurring: set[str] = set()
    for component in cal.walk("VEVENT"):
        rules = component.get("RRULE")
        if rules is None:
            if component.get("RDATE") is not None:
                recurring.add(str(component.get("UID", "")))
            continue
        rules = rules if isinstance(rules, list) else [rules]
        kept, dropped = [], []
        for rule in rules:
            freq = rule.get("FREQ") or [""]
            freq = str(freq[0] if isinstance(freq, list) else freq).upper()
            if freq in _SUB_DAILY or _times_a_day(rule) > 1:
                finer = f"FREQ={freq}" if freq in _SUB_DAILY else f"{_times_a_day(rule):,} times a day"
                dropped.append(f"a rule repeating more often than once a day ({finer}) was ignored")
            else:
                kept.append(rule)
        if len(kept) > MAX_RULES:
            dropped.append(f"{len(kept) - MAX_RULES} rules past the first {MAX_RULES} were ignored")
            kept = kept[:MAX_RULES]
        if dropped:
            summary.problems.append({"file": str(path), "reason": f"{_label(component)}: {'; '.join(dropped)}"})
            del component["RRULE"]
            for rule in kept:
                component.add("RRULE", rule)
        if kept or component.get("RDATE") is not None:
            recurring.add(str(component.get("UID", "")))
    return recurring


def _occurrences(cal, path: Path, summary: ArchiveSummary, *, since: dt.date | None, today: dt.date):
    """Each occurrence (as an event) of the calendar's events, bounded: see the module's docstring."""
    import recurring_ical_events

    from ..runtime import TimeUp, time_limit

    _screen_events(cal, path, summary)
    recurring = _screen_rules(cal, path, summary)
    single_from = since or dt.date(1900, 1, 1)
    recurring_from = since or today.replace(year=today.year - RECURRENCE_YEARS, day=min(today.day, 28))
    if since is None and any(
        (day := _day(getattr(c.get("DTSTART"), "dt", None))) is not None and day < recurring_from
        for c in cal.walk("VEVENT")
        if str(c.get("UID", "")) in recurring and c.get("RECURRENCE-ID") is None
    ):  # a series begun before the window: its first occurrence (its DTSTART), at least, is not read
        summary.not_read_before = recurring_from.isoformat()
    try:
        query = recurring_ical_events.of(cal)
    except Exception:  # an event the expander cannot read: the others are still counted
        try:
            query = recurring_ical_events.of(cal, skip_bad_series=True)
        except Exception as exc:  # what screening did not foresee: the file is reported, never a traceback
            reason = f"its events could not be expanded ({type(exc).__name__}: {exc}); the file was left out"
            summary.problems.append({"file": str(path), "reason": reason[:300]})
            return
        summary.problems.append({"file": str(path), "reason": "some events could not be read and were left out"})
    end = query.to_datetime(today + dt.timedelta(days=1))
    in_file = 0
    spent = 0.0  # seconds the expander has taken on this file's recurring events
    left_out = 0
    for series in query.series:
        recurs = str(series.uid) in recurring
        if recurs and spent >= EXPAND_SECONDS_PER_FILE:
            left_out += 1
            continue
        first = recurring_from if recurs else single_from
        found: list = []
        capped = ""
        started = time.monotonic()
        try:
            # The expander's own work, under a time limit, into a list; the events are made from it after,
            # so nothing else runs under the timer.
            with time_limit(min(EXPAND_SECONDS, EXPAND_SECONDS_PER_FILE - spent) if recurs else EXPAND_SECONDS):
                for occurrence in series.between(query.to_datetime(first), end):
                    if len(found) == MAX_PER_EVENT:
                        capped = "event"
                        break
                    if in_file + len(found) == MAX_PER_FILE:
                        capped = "file"
                        break
                    found.append(occurrence)
        except TimeUp:
            summary.problems.append(
                {
                    "file": str(path),
                    "reason": f"{_series_label(series, found)}: its rule took more than {EXPAND_SECONDS:g} s to "
                    f"expand (it starts centuries ago, or rarely or never matches); counted "
                    f"{counted(len(found), 'occurrence')}",
                }
            )
        except Exception as exc:  # a rule or date the expander cannot follow: this event is reported
            reason = f"{_series_label(series, found)}: cannot expand it ({exc})"
            summary.problems.append({"file": str(path), "reason": reason[:300]})
        if recurs:
            spent += time.monotonic() - started
        for occurrence in found:
            yield occurrence.as_component(False)
        in_file += len(found)
        if capped == "event":
            summary.problems.append(
                {
                    "file": str(path),
                    "reason": f"{_series_label(series, found)}: more than {MAX_PER_EVENT:,} occurrences from "
                    f"{first} to today; counted the first {MAX_PER_EVENT:,}",
                }
            )
        elif capped == "file":
            summary.problems.append(
                {
                    "file": str(path),
                    "reason": f"more than {MAX_PER_FILE:,} occurrences; counted the first {MAX_PER_FILE:,}, "
                    "the rest of the file was not read",
                }
            )
            return
    if left_out:
        summary.problems.append(
            {
                "file": str(path),
                "reason": f"{left_out:,} recurring events were not expanded: expanding this file's rules took more "
                f"than {EXPAND_SECONDS_PER_FILE:g} s",
            }
        )


def _series_label(series, found: list) -> str:
    if found:
        return _label(found[0].as_component(False))
    return f"event ({str(series.uid)[:80]})"


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

    from ..dates import parse_partial_date
    from ..paths import read_input

    mine, _by_address = addresses(conn, "which meetings were yours")
    since_day = parse_partial_date(since, field="--since").earliest() if since else None
    first = since_day or dt.date(1900, 1, 1)
    today = dt.date.today()
    summary = ArchiveSummary()
    events = occurrences = 0
    first_item = next_item_id(conn)
    seen: set[str] = set()
    for path in paths:
        data = read_input(path, stdin=False)
        try:
            cal = icalendar.Calendar.from_ical(data)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BadInput(f"{path}: not a calendar icalendar can read ({exc})") from None
        events += sum(1 for _ in cal.walk("VEVENT"))
        for n, event in enumerate(_occurrences(cal, path, summary, since=since_day, today=today), 1):
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
