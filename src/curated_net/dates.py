"""Partial dates: a year, a year and month, or a full day, stored and shown as given."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .errors import BadInput

_PARTIAL = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """Return the stored form: `2019`, `2019-05` or `2019-05-14`."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """Return the form a person reads: `2019`, `May 2019`, `14 May 2019`."""
        if self.month is None:
            return str(self.year)
        name = calendar.month_name[self.month]
        if self.day is None:
            return f"{name} {self.year}"
        return f"{self.day} {name} {self.year}"

    def earliest(self) -> dt.date:
        """Return the first day the partial date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(text: str, *, field: str = "date", allow_future: bool = False) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; refuse impossible or (by default) future dates."""
    m = _PARTIAL.match(text or "")
    if not m:
        raise BadInput(
            f"{field}: '{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2019-05, 2019-05-14)"
        )
    year = int(m[1])
    month, day = (int(g) if g else None for g in m.groups()[1:])
    if year < 1900:
        raise BadInput(f"{field}: year {year} is too far in the past to be a date you met someone")
    if month is not None and not 1 <= month <= 12:
        raise BadInput(f"{field}: '{text}' has month {month}; months run from 01 to 12")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise BadInput(f"{field}: '{text}' is impossible: {calendar.month_name[month]} {year} has {last} days")
    pd = PartialDate(year, month, day)
    if not allow_future and pd.earliest() > dt.date.today():
        raise BadInput(f"{field}: '{text}' is in the future")
    return pd


def now_iso() -> str:
    """The current UTC time as stored in every created_at / updated_at column."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def load_partial_date(stored: str | None) -> PartialDate | None:
    """Read a date as stored (already validated)."""
    if not stored:
        return None
    parts = [int(p) for p in stored.split("-")]
    return PartialDate(*parts)


_YEARLESS = re.compile(r"^\s*(?:--|-)?(\d{1,2})-(\d{1,2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def parse_day_to_remember(text: str, *, field: str) -> str:
    """A birthday or anniversary as stored: YYYY-MM-DD (or YYYY-MM, YYYY) when the year is known, `--MM-DD`
    for a day with no year (as vCard and Google write it); 19800321 is read too."""
    text = (text or "").strip()
    if text.startswith("--") and len(text) == 6 and text[2:].isdigit():  # vCard 4.0: --MMDD
        text = f"--{text[2:4]}-{text[4:]}"
    elif len(text) > 10 and text[10:11] in ("T", " ") and text[:4].isdigit():  # a date with a time: the date
        text = text[:10]
    m = _YEARLESS.match(text)
    if m:
        month, day = int(m[1]), int(m[2])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            raise BadInput(f"{field}: '{text}' is not a day of the year")
        return f"--{month:02d}-{day:02d}"
    c = _COMPACT.match(text or "")
    if c:
        text = f"{c[1]}-{c[2]}-{c[3]}"
    full = _PARTIAL.match(text)
    if full and int(full[1]) < 1900:  # a birthday may be older than any meeting: checked as a date, not a meeting
        try:
            dt.date(int(full[1]), int(full[2] or 1), int(full[3] or 1))
        except ValueError:
            raise BadInput(f"{field}: '{text}' is not a date") from None
        return "-".join(f"{int(g):0{4 if i == 0 else 2}d}" for i, g in enumerate(full.groups()) if g)
    return parse_partial_date(text, field=field).iso()


def next_occurrence(stored: str, today: dt.date) -> dt.date | None:
    """The next time (today or later) a birthday or anniversary comes round; None without month and day."""
    parts = stored.lstrip("-").split("-")
    if len(parts) < 2 or (not stored.startswith("--") and len(parts) < 3):
        return None
    month, day = (int(parts[-2]), int(parts[-1]))
    for year in (today.year, today.year + 1):
        last = calendar.monthrange(year, month)[1]
        when = dt.date(year, month, min(day, last))  # 29 February in a common year: the 28th
        if when >= today:
            return when
    return None
