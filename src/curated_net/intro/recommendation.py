"""A recommendation drafted from what I recorded of working with someone."""

from __future__ import annotations

import sqlite3

from .context import evidence_sentences, person, person_context, today
from .drafting import render


def draft_recommendation(conn: sqlite3.Connection, pid: int) -> str:
    """A recommendation built from what I recorded: how long and in what role we worked together, highlights."""
    p = person_context(conn, pid)
    work = evidence_sentences(person(conn, pid), p["work"], today())
    return render("recommendation", {"p": p, "work": work}).strip()
