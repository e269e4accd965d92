"""Bulk links: many pairs from a file in one transaction, fast, over a plain connection.

The batched path of `network.writes.link`: the same rules (a tie with me is a connection, no
self-links, each pair once, a new person's name checked as `people.writes.check_name` does),
applied to a million lines at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .. import text as tx
from ..dates import now_iso
from ..errors import BadInput
from ..people.writes import NAME_MAX, check_name, insert_people, person_values
from ..runtime import paused_gc
from ..store.database import Store
from . import degrees
from .writes import touch_graph


@dataclass
class BulkSummary:
    lines: int = 0
    pairs: int = 0
    links_added: int = 0
    people_created: int = 0
    duplicates: int = 0
    self_links: int = 0
    skipped: list[dict] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


_LINE_BREAKS = re.compile(r"\r\r\n|\r\n|\r")  # each one line end, as \n is
_COMMA_SPACE = re.compile(r",\s")


def _padded(joined: str) -> bool:
    """Whether a name in comma-joined text has white space around it."""
    # A search led by a literal comma is fast; the reversed text finds white space before a comma.
    return (
        joined[:1].isspace()
        or joined[-1:].isspace()
        or bool(_COMMA_SPACE.search(joined) or _COMMA_SPACE.search(joined[::-1]))
    )


_TWO_COMMAS = re.compile(r",[^,\n]*,")


def _clean_csv_names(body: str, n_lines: int) -> list[str] | None:
    """The names of a clean two-column CSV (what programs write), left and right by turns, split in one
    pass over the whole text; None when some line needs reading on its own."""
    if not n_lines or "#" in body or body.count(",") != n_lines or _TWO_COMMAS.search(body):
        return None  # as many commas as lines, none with two: each line holds exactly one
    joined = body.replace("\n", ",")
    if ", " in joined:  # names written "a, b" (the usual padding) lose it in one pass
        joined = joined.replace(", ", ",")
    tokens = joined.split(",")
    if _padded(joined):  # stranger padding, name by name
        tokens = [t.strip() for t in tokens]
    return None if "" in tokens else tokens


def parse_link_line(line: str) -> tuple[str, str, str | None] | str | None:
    """Return (a, b, how) for a line, None for a blank or comment line, or an error message."""
    s = line.strip()
    if not s or s[0] == "#":
        return None
    if s.count(",") == 1:  # the common case, fast
        left, right = s.split(",")
        left, right = left.strip(), right.strip()
        return (left, right, None) if left and right else "expected two names separated by a comma or a tab"
    sep = "," if "," in s else "\t" if "\t" in s else None
    if sep:
        fields = [f.strip() for f in s.split(sep)]
        how = ", ".join(f for f in fields[2:] if f) or None
        if len(fields) < 2 or not fields[0] or not fields[1]:
            return "expected two names separated by a comma or a tab"
        return fields[0], fields[1], how
    fields = s.split()
    if len(fields) != 2:
        return f"expected two names, found {len(fields)} words (separate names that contain spaces with a comma)"
    return fields[0], fields[1], None


@dataclass
class _Lines:
    """What the lines of a links file say, before any name is looked up."""

    count: int
    names: list[str]  # each distinct name, in order of first appearance
    index: Any  # numpy: for each name written, left and right by turns, its place in `names`
    linenos: Any  # the line of each pair: a range when every line holds one, else a numpy array
    hows: dict[int, str]  # pair index -> how, where a line said
    skipped: list[dict]  # lines that hold no usable pair

    def tokens_of(self, pair: int) -> list[str]:
        return [self.names[k] for k in self.index[2 * pair : 2 * pair + 2].tolist()]


CHUNK = 1 << 22  # bytes (or characters) of a file read and split at a time: only its distinct names are held


def read_chunks(stream: BinaryIO, name: str) -> Iterator[str]:
    """Decode a file (UTF-8, with or without a byte-order mark) a few MB at a time, each piece cut after a
    line end, so that a line is never split; BadInput names the first line that is not UTF-8."""
    pending: list[bytes] = []  # what was read since the last line end (blocks are joined once, not again)
    lines, first = 0, True
    while True:
        block = stream.read(CHUNK)
        if block:
            cut = block.rfind(b"\n") + 1
            if not cut:
                pending.append(block)
                continue
            part, pending = b"".join([*pending, block[:cut]]), [block[cut:]]
        else:
            part, pending = b"".join(pending), []
        if first and part.startswith(b"\xef\xbb\xbf"):
            part = part[3:]
        first = False
        if part:
            try:
                yield part.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = lines + part[: exc.start].count(b"\n") + 1
                raise BadInput(f"{name}: line {line} is not UTF-8 text (byte 0x{part[exc.start]:02x})") from None
            lines += part.count(b"\n")
        if not block:
            return


def _text_chunks(text: str) -> Iterator[str]:
    """Text already in memory in pieces of about CHUNK characters, each cut after a line end."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _numbered(tokens: list[str], codes: dict[str, int]):
    """The place of each name in `codes`, numbering new ones by first appearance."""
    import numpy as np

    # len(codes) is read before setdefault adds the name.
    return np.fromiter(map(codes.setdefault, tokens, map(len, itertools.repeat(codes))), np.int32, len(tokens))


def read_link_lines(
    chunks: Iterable[str], progress: Callable[[int, int], None] | None = None, size: int | None = None
) -> _Lines:
    """Parse a links file piece by piece: a clean two-column CSV piece in one pass over its text, any
    other piece line by line. `size` (the whole text's length) lets progress be told as pieces are read."""
    import numpy as np

    codes: dict[str, int] = {}
    parts: list = []
    line_parts: list = []  # the line of each pair, piece by piece: a range for a clean piece, else a list
    hows: dict[int, str] = {}
    skipped: list[dict] = []
    count = pairs = read_so_far = 0
    for chunk in chunks:
        read_so_far += len(chunk)
        if "\r" in chunk:  # pieces are cut after a LF: no CRLF is ever split
            chunk = _LINE_BREAKS.sub("\n", chunk)
        body = chunk[:-1] if chunk.endswith("\n") else chunk  # a line end closes a line, opens none
        n = body.count("\n") + 1
        tokens = _clean_csv_names(body, n)
        if tokens is not None:
            linenos: range | list[int] = range(count + 1, count + 1 + n)
        else:
            tokens, linenos = _one_by_one(body, count + 1, pairs, hows, skipped)
        parts.append(_numbered(tokens, codes))
        line_parts.append(linenos)
        count, pairs = count + n, pairs + len(linenos)
        if progress and size:
            progress(min(read_so_far, size) // 4, size)  # reading is about a quarter of the work
    index = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    del parts
    if all(isinstance(p, range) for p in line_parts):
        linenos_all: Any = range(1, count + 1)
    else:
        linenos_all = np.concatenate(
            [
                np.arange(p.start, p.stop, dtype=np.int32) if isinstance(p, range) else np.array(p, dtype=np.int32)
                for p in line_parts
            ]
        )
    return _Lines(count, list(codes), index, linenos_all, hows, skipped)


def _one_by_one(
    body: str, first: int, pairs: int, hows: dict[int, str], skipped: list[dict]
) -> tuple[list[str], list[int]]:
    """The names of a piece read line by line (its first line numbered `first`, `pairs` pairs before it),
    and the line of each pair; what lines say how, and lines that hold no pair, go to `hows` and `skipped`."""
    tokens: list[str] = []
    linenos: list[int] = []
    for lineno, line in enumerate(body.split("\n"), first):
        parsed = parse_link_line(line)
        if parsed is None:
            continue
        if isinstance(parsed, str):
            skipped.append({"line": lineno, "reason": parsed})
            continue
        left, right, how = parsed
        if how:
            hows[pairs + len(linenos)] = how
        tokens += (left, right)
        linenos.append(lineno)
    return tokens, linenos


_PEOPLE_AT_ONCE = 20_000


class _Names:
    """Names in a file -> person ids by the rules a PERSON argument follows (handle, exact name, e-mail,
    LinkedIn URL, nickname; no prefixes, which a file cannot confirm); unknown names become new people
    unless `create` is off."""

    def __init__(self, conn, stamp: str, *, create: bool = True) -> None:
        self.create = create
        self.conn = conn
        self._by_url: dict[str, int] | None = None
        self._by_nickname: dict[str, list[int]] | None = None
        self.by_handle: dict[str, int] = {}
        # A name's person, or people when several share it (a list of one for each would be 64 MB a million).
        self.by_name: dict[str, list[int] | int] = {}
        for pid, handle, key in conn.execute("SELECT id, handle, name_key FROM person"):
            self.by_handle[handle] = pid
            known = self.by_name.get(key)
            if known is None:
                self.by_name[key] = pid
            elif isinstance(known, int):
                self.by_name[key] = [known, pid]
            else:
                known.append(pid)
        self.by_email = dict(conn.execute("SELECT address_key, person_id FROM email"))
        self.registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}
        self.next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        self.stamp = stamp
        self.new_people: list[tuple] = []  # rows not yet inserted (see ids)
        self.created: list[str] = []  # the handles of everyone created, in order
        self.unusable: dict[str, str] = {}  # a name that cannot be used, and why

    @property
    def by_url(self) -> dict[str, int]:
        if self._by_url is None:  # read only when a line names a URL
            self._by_url = dict(self.conn.execute("SELECT linkedin, id FROM person WHERE linkedin IS NOT NULL"))
        return self._by_url

    @property
    def by_nickname(self) -> dict[str, list[int]]:
        if self._by_nickname is None:
            self._by_nickname = {}
            for pid, nick in self.conn.execute("SELECT id, nickname FROM person WHERE nickname IS NOT NULL"):
                self._by_nickname.setdefault(tx.name_key(nick), []).append(pid)
        return self._by_nickname

    def ids(self, read: _Lines):
        """The person id of each name written (0 where it cannot be used), resolving each distinct name once
        in order of first appearance, so that handles are claimed as a line-by-line reading would."""
        import numpy as np

        # Ids fit 32 bits on any real database: half the memory of a number per name written.
        dtype = np.int32 if self.next_id + len(read.names) < 1 << 31 else np.int64
        found = np.empty(len(read.names), dtype=dtype)
        # A slice of names at a time: the forms of a million names at once (three texts each) weigh 250 MB.
        for start in range(0, len(read.names), _PEOPLE_AT_ONCE):
            tokens = read.names[start : start + _PEOPLE_AT_ONCE]
            names = list(map(tx.clean_input, tokens))
            found[start : start + len(tokens)] = np.fromiter(
                map(self.resolve, tokens, names, tx.name_forms(names)), dtype=dtype, count=len(tokens)
            )
        self.insert_new()
        # Every name is resolved: what finding them took is let go before the pairs are worked out.
        self.by_handle, self.by_name, self.by_email, self.registry = {}, {}, {}, set()
        self._by_url = self._by_nickname = None
        return found[read.index]

    def insert_new(self) -> None:
        """Insert the people created since the last call (inside the caller's Store.bulk_people)."""
        insert_people(self.conn, self.new_people)
        self.new_people.clear()

    def resolve(self, token: str, name: str, forms: tuple[str, str, str]) -> int:
        if token in self.by_handle:
            return self.by_handle[token]
        key, _fold, stem = forms
        found = self.by_name.get(key)
        ids = [found] if isinstance(found, int) else found
        if not ids and (len(name) > NAME_MAX or tx.has_control(name)):
            try:  # a new person's name obeys the rule every other path does
                check_name(name, what=f"'{tx.printable(token[:40])}'")
            except BadInput as exc:
                self.unusable[token] = exc.message
                return 0
        if ids:
            if len(ids) > 1:
                self.unusable[token] = f"'{token}' names {tx.counted(len(ids), 'person')}; use a handle"
                return 0
            return ids[0]
        if "@" in token and token.casefold() in self.by_email:
            return self.by_email[token.casefold()]
        if tx.looks_like_url(token):
            try:
                url = tx.normalise_linkedin(token)
            except BadInput:
                url = None
            if url and url in self.by_url:
                return self.by_url[url]
        nicknamed = self.by_nickname.get(key)
        if nicknamed:
            if len(nicknamed) > 1:
                self.unusable[token] = (
                    f"'{token}' is the nickname of {tx.counted(len(nicknamed), 'person')}; use a handle"
                )
                return 0
            return nicknamed[0]
        if not self.create:
            self.unusable[token] = f"no one here is called '{tx.printable(token)}' (--no-create adds no one)"
            return 0
        handle = tx.claim_handle(stem, self.registry)
        pid, self.next_id = self.next_id, self.next_id + 1
        self.new_people.append(
            (pid, *person_values(handle, name, self.stamp, company=None, title=None, url=None, forms=forms))
        )
        self.created.append(handle)
        if len(self.new_people) >= _PEOPLE_AT_ONCE:  # rows go to SQLite as they are made, not all held
            self.insert_new()
        self.by_handle[handle] = pid
        self.by_name[key] = pid
        return pid


@dataclass
class _Pairs:
    """The links to write, one per pair, each from the earliest line that names it."""

    lo: Any  # numpy arrays: lo < hi, and the index of the pair in the file
    hi: Any
    positions: Any
    skipped: list[dict]
    self_links: int
    duplicates: int
    packed: str | None = None  # pack_pairs of them all, when no line said how


def _pair(ids, read: _Lines, unusable: dict[str, str], me_id: int) -> _Pairs:
    """Pair the ids two by two; set aside unusable lines, ties with me, self-links and repeats."""
    import numpy as np

    a, b = ids[0::2], ids[1::2]
    skipped = []
    # Lines naming someone who cannot be used, then ties with me, are reported line by line.
    bad = (a == 0) | (b == 0)
    for i in np.flatnonzero(bad).tolist():
        for token in read.tokens_of(i):
            if token in unusable:
                skipped.append({"line": int(read.linenos[i]), "reason": unusable[token]})
    with_me = ~bad & ((a == me_id) | (b == me_id))
    for i in np.flatnonzero(with_me).tolist():
        skipped.append({"line": int(read.linenos[i]), "reason": "a tie with me is a connection: use cnet connect"})
    keep = ~bad & ~with_me
    same = keep & (a == b)
    keep &= ~same
    positions = np.flatnonzero(keep)
    if len(keep) < 1 << 31:  # the place of a pair in the file, in 32 bits: half the memory
        positions = positions.astype(np.int32)
    lo, hi = np.minimum(a[positions], b[positions]), np.maximum(a[positions], b[positions])
    order = np.lexsort((positions, hi, lo))  # by pair, the earliest line first
    lo, hi, positions = lo[order], hi[order], positions[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    pairs = _Pairs(lo[first], hi[first], positions[first], skipped, int(same.sum()), int(len(lo) - first.sum()))
    if not read.hows and len(pairs.lo) <= _PACK_AT_ONCE:
        pairs.packed = pack_pairs(pairs.lo, pairs.hi)
    return pairs


@paused_gc()
def bulk_link(
    conn,
    source: str | Iterable[str],
    *,
    size: int | None = None,
    strict: bool = False,
    create: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BulkSummary:
    """Add the links a file names, in the caller's write transaction on a plain connection; unknown names
    become people (with `create` off, their lines are skipped).

    `source` is the file's text, or its text in pieces each ending at a line end (read_chunks); `size`,
    the whole text's length when known, lets progress be told while it is read.
    The caller may switch foreign-key checks off for speed: every id written here was just read or made.
    """
    from ..people.records import me_id as find_me

    me_id = find_me(conn) or -1  # ids start at 1
    if isinstance(source, str):
        size, source = len(source), _text_chunks(source)
    read = read_link_lines(source, progress, size)
    del source

    def reached(share: float) -> None:  # of the whole work, as a 1M-link file spends its time
        if progress:
            total = size or read.count
            progress(int(total * share), total)

    reached(0.25)
    summary = BulkSummary(lines=read.count, pairs=len(read.linenos), skipped=read.skipped)
    names = _Names(conn, now_iso(), create=create)
    # A large file is a bulk load: its people and ties are not noted one by one for the degrees to follow,
    # which are made again in one pass over the graph when next read.
    journal = degrees.unjournalled(conn) if len(read.linenos) > JOURNAL_UP_TO else contextlib.nullcontext()
    with journal:
        _load(conn, read, names, summary, me_id, strict=strict, reached=reached)
    touch_graph(conn)
    return summary


JOURNAL_UP_TO = 50_000  # pairs in a file whose people and ties are noted one by one (see network/degrees.py)


def _load(conn, read: _Lines, names: _Names, summary: BulkSummary, me_id: int, *, strict: bool, reached) -> None:
    from concurrent.futures import ThreadPoolExecutor

    create = names.create
    with ThreadPoolExecutor(max_workers=1) as worker:
        # New people are inserted as they are found; the ids are paired (numpy, JSON) in another thread
        # while SQLite indexes them, for numpy and SQLite let go of the GIL.
        with Store.bulk_people(conn, rebuild_indexes=create and len(read.names) > 50_000):
            ids = names.ids(read)
            if not names.unusable:  # which names a line wrote is needed only to report an unusable one
                read.index = None
            reached(0.4)
            pairing = worker.submit(_pair, ids, read, names.unusable, me_id)
            del ids
            if strict and (unusable := read.skipped + pairing.result().skipped):
                first = min(unusable, key=lambda s: s["line"])
                raise BadInput(
                    f"line {first['line']}: {first['reason']} ({tx.counted(len(unusable), 'line')} in all; nothing added)"
                )
        pairs = pairing.result()
    del pairing
    read.index = None  # a number a name written: let it go before the links are written
    summary.people_created = len(names.created)
    summary.created = names.created
    summary.skipped = sorted(read.skipped + pairs.skipped, key=lambda s: s["line"])
    summary.self_links, summary.duplicates = pairs.self_links, pairs.duplicates
    reached(0.7)
    summary.links_added = _write_links(conn, pairs, read.hows, names.stamp)
    reached(1.0)
    summary.duplicates += len(pairs.positions) - summary.links_added


def _write_links(conn, pairs: _Pairs, hows: dict[int, str], stamp: str) -> int:
    """Insert the pairs (those a line said how for with it); return how many were new."""
    import numpy as np

    lo, hi, positions = pairs.lo, pairs.hi, pairs.positions
    existing = conn.execute("SELECT count(*) FROM link").fetchone()[0]
    # A large load into a small table: build the reverse index once at the end instead of row by row.
    rebuild_index = len(lo) > 50_000 and len(lo) > existing
    if rebuild_index:
        conn.execute("DROP INDEX IF EXISTS link_b")
    said = np.isin(positions, np.fromiter(hows, dtype=np.int64, count=len(hows))) if hows else None
    if said is not None and said.any():
        conn.executemany(
            "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, ?, ?)",
            zip(lo[said].tolist(), hi[said].tolist(), map(hows.get, positions[said].tolist()), itertools.repeat(stamp)),
        )
        lo, hi = lo[~said], hi[~said]
    insert_pairs(conn, lo, hi, stamp, packed=pairs.packed)
    # Counted in the table, not by total_changes: that counts the rows triggers write too (degree_dirty).
    added = conn.execute("SELECT count(*) FROM link").fetchone()[0] - existing
    if rebuild_index:
        conn.execute("CREATE INDEX link_b ON link(b, a)")
    return added


_PAIR_SHIFT = 32  # a pair of ids travels as one integer: a << 32 | b
_PACK_AT_ONCE = 500_000


def pack_pairs(a, b) -> str | None:
    """Links (a < b) as one JSON array of integers a << 32 | b, for insert_pairs; None if ids are too large."""
    import numpy as np

    if not len(a) or int(max(a.max(), b.max())) >= 1 << _PAIR_SHIFT:
        return None
    return json.dumps(((a.astype(np.int64) << _PAIR_SHIFT) | b).tolist())


def insert_pairs(conn, a, b, stamp: str, *, packed: str | None = None, use_json: bool = True) -> None:
    """Insert links (a < b, no how) given as two integer arrays, skipping pairs already there.

    The pairs go to SQLite as one JSON array read by json_each (`packed`, if pack_pairs made it already),
    a few times faster than binding a million rows one by one; where SQLite lacks JSON support, row by row.
    """
    if packed is None and use_json and len(a) > _PACK_AT_ONCE:
        # Millions of pairs go in slices: the JSON text and its list of integers stay small.
        for start in range(0, len(a), _PACK_AT_ONCE):
            insert_pairs(conn, a[start : start + _PACK_AT_ONCE], b[start : start + _PACK_AT_ONCE], stamp)
        return
    packed = packed or (pack_pairs(a, b) if use_json else None)
    if packed:
        try:
            conn.execute(
                f"INSERT OR IGNORE INTO link (a, b, how, created_at) SELECT value >> {_PAIR_SHIFT}, "
                f"value & {(1 << _PAIR_SHIFT) - 1}, NULL, ? FROM json_each(?)",
                (stamp, packed),
            )
            return
        except sqlite3.OperationalError as exc:
            if "json_each" not in str(exc):
                raise
    conn.executemany(
        "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, NULL, ?)",
        zip(a.tolist(), b.tolist(), itertools.repeat(stamp)),
    )
