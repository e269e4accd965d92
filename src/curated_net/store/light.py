"""Read-only look-ups that must not pay for importing the ORM (shell completion)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def complete_people(path: Path, prefix: str, limit: int = 50) -> list[tuple[str, str]]:
    """Return (handle, name) pairs whose handle or name starts with `prefix`."""
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        top = chr(0x10FFFF)
        p = prefix.casefold()
        rows = conn.execute(
            "SELECT handle, name FROM person WHERE (handle >= ? AND handle < ?) "
            "OR (name_key >= ? AND name_key < ?) ORDER BY handle LIMIT ?",
            (p, p + top, p, p + top, limit),
        ).fetchall()
        return [(r[0], r[1]) for r in rows]
    except sqlite3.Error:
        return []
    finally:
        conn.close()
