"""Records an export makes one by one and reads back once, in flat memory however many there are."""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator
from typing import IO, Any


class Spool:
    """A list that holds at most `keep` records in memory: the rest wait, a batch at a time, in an unnamed
    temporary file (private, and gone once closed). Read back once, in the order they came. Records are
    made of Python's plain values (text, numbers, None, tuples, lists, dicts), which `marshal` writes."""

    def __init__(self, keep: int = 5_000) -> None:
        self.keep = keep
        self.items: list[Any] = []
        self.file: IO[bytes] | None = None
        self.count = 0

    def append(self, item: Any) -> None:
        self.items.append(item)
        self.count += 1
        if len(self.items) >= self.keep:
            if self.file is None:
                # Closed once read back: it outlives this call by design.
                self.file = tempfile.TemporaryFile()  # noqa: SIM115
            marshal.dump(self.items, self.file)
            self.items = []

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        if self.file is not None:
            self.file.seek(0)
            while True:
                try:
                    batch = marshal.load(self.file)
                except EOFError:
                    break
                yield from batch
            self.file.close()
            self.file = None
        yield from self.items
