"""Every person's handle by id, for exports that name millions of ties by handle, in flat memory."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable


class HandleTable:
    """Every person's handle as an export writes it (`form`: quoted for JSON, escaped for XML…), by id.

    Held as one text and two arrays of offsets — about 30 bytes a person, where a dict of strings takes
    about 150 (a million people: 30 MB, not 150) — and formatted once each. With `by_handle`, the text is
    laid out in handle order, so that comparing two people's `place` compares their handles.
    """

    def __init__(self, conn: sqlite3.Connection, form: Callable[[str], str] = str, *, by_handle: bool = False) -> None:
        top = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        self.start = array("q", bytes(8 * top))
        self.end = array("q", bytes(8 * top))  # 0: no one has this id (a handle is never empty)
        pieces: list[str] = []
        at = 0
        rows = conn.execute(f"SELECT id, handle FROM person ORDER BY {'handle' if by_handle else 'id'}")
        while batch := rows.fetchmany(10_000):
            texts = [form(h) for _, h in batch]
            for (pid, _), text in zip(batch, texts, strict=True):
                self.start[pid] = at
                at += len(text)
                self.end[pid] = at
            pieces.append("".join(texts))
        self.text = "".join(pieces)

    def __getitem__(self, pid: int) -> str:
        end = self.end[pid]
        if not end:
            raise KeyError(pid)
        return self.text[self.start[pid] : end]

    def get(self, pid: int | None) -> str | None:
        if pid is None or not 0 <= pid < len(self.end) or not self.end[pid]:
            return None
        return self.text[self.start[pid] : self.end[pid]]

    def place(self, pid: int) -> int:
        """Where this person's handle sits (with `by_handle`: in handle order)."""
        return self.start[pid]

    def __len__(self) -> int:
        return sum(1 for e in self.end if e)
