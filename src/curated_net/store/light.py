"""Read-only look-ups that must not pay for importing the ORM (shell completion)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def complete_people(path: Path, prefix: str, limit: int = 50) -> list[tuple[str, str, str | None]]:
    """Return (handle, name, nickname) of the people whose handle, name or nickname starts with `prefix`."""
    import os
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the shell's completion
            return []
    except (OSError, ValueError):
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return []
    try:
        top = chr(0x10FFFF)
        p = prefix.casefold()
        # Three index ranges, not one OR: an OR over them reads every person (0.44 s at 100k people).
        rows = conn.execute(
            "SELECT handle, name, nickname FROM person WHERE handle >= ? AND handle < ? "
            "UNION SELECT handle, name, nickname FROM person WHERE name_key >= ? AND name_key < ? "
            "UNION SELECT handle, name, nickname FROM person WHERE nickname IS NOT NULL "
            "AND nickname >= ? COLLATE NOCASE AND nickname < ? COLLATE NOCASE "
            "ORDER BY 1 LIMIT ?",
            (p, p + top, p, p + top, p, p + top, limit),
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
    except sqlite3.Error:
        return []
    finally:
        conn.close()
