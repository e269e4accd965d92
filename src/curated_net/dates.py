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
