"""Read-only look-ups that must not pay for importing the ORM (shell completion)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def complete_people(path: Path, prefix: str, limit: int = 50) -> list[tuple[str, str, str | None]]:
    """Return (handle, name, nickname) of the people whose handle, name or nickname starts with `prefix`."""
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
            "SELECT handle, name, nickname FROM person WHERE (handle >= ? AND handle < ?) "
            "OR (name_key >= ? AND name_key < ?) OR (nickname IS NOT NULL AND lower(nickname) LIKE ? ESCAPE '\\') "
            "ORDER BY handle LIMIT ?",
            (p, p + top, p, p + top, p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", limit),
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
    except sqlite3.Error:
        return []
    finally:
        conn.close()
