"""Bulk links: many pairs from a file in one transaction, fast, over a plain connection.

The batched path of `network.writes.link`: the same rules (a tie with me is a connection, no
self-links, each pair once, a new person's name checked as `people.writes.check_name` does),
applied to a million lines at once.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import text as tx
from ..dates import now_iso
from ..errors import BadInput
from ..people.writes import NAME_MAX, check_name, insert_people, person_values
from ..store.database import Store
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
    linenos: list[int] | range  # the line of each pair
    hows: dict[int, str]  # pair index -> how, where a line said
    skipped: list[dict]  # lines that hold no usable pair

    def tokens_of(self, pair: int) -> list[str]:
        return [self.names[k] for k in self.index[2 * pair : 2 * pair + 2].tolist()]


CHUNK = 1 << 22  # characters of a clean file split at a time: only its distinct names are held


def _numbered(chunks, codes: dict[str, int]):
    """The place of each name in `codes` (numbering new ones by first appearance), chunk by chunk."""
    import numpy as np

    parts = []
    for tokens in chunks:
        # len(codes) is read before setdefault adds the name.
        parts.append(
            np.fromiter(map(codes.setdefault, tokens, map(len, itertools.repeat(codes))), np.int64, len(tokens))
        )
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _clean_chunks(body: str):
    """The body cut at line ends into pieces of about CHUNK characters."""
    start = 0
    while start < len(body):
        end = body.find("\n", start + CHUNK)
        end = len(body) if end < 0 else end
        yield body[start:end]
        start = end + 1


def read_link_lines(text: str, progress: Callable[[int, int], None] | None = None) -> _Lines:
    """Parse a links file's text; a clean two-column CSV a few MB at a time, anything else line by line."""
    if "\r" in text:
        text = _LINE_BREAKS.sub("\n", text)
    body = text[:-1] if text.endswith("\n") else text  # a final line break ends a line, opens none
    count = body.count("\n") + 1 if text else 0
    codes: dict[str, int] = {}
    parts = []
    for chunk in _clean_chunks(body) if count else []:
        clean = _clean_csv_names(chunk, chunk.count("\n") + 1)
        if clean is None:
            break  # some line needs reading on its own: read them all so
        parts.append(_numbered([clean], codes))
    else:
        import numpy as np

        index = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        return _Lines(count, list(codes), index, range(1, count + 1), {}, [])
    del parts
    linenos: list[int] = []
    tokens: list[str] = []
    names: list[str] = []
    hows: dict[int, str] = {}
    skipped: list[dict] = []
    step = max(1, count // 200)
    for lineno, line in enumerate(body.split("\n") if count else [], 1):
        if progress and lineno % step == 0:
            progress(lineno // 4, count)  # reading is about a quarter of the work
        parsed = parse_link_line(line)
        if parsed is None:
            continue
        if isinstance(parsed, str):
            skipped.append({"line": lineno, "reason": parsed})
            continue
        left, right, how = parsed
        if how:
            hows[len(linenos)] = how
        tokens += (left, right)
        linenos.append(lineno)
    codes = {}
    index = _numbered([tokens], codes)
    names = list(codes)
    return _Lines(count, names, index, linenos, hows, skipped)


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
        self.by_name: dict[str, list[int]] = {}
        for pid, handle, key in conn.execute("SELECT id, handle, name_key FROM person"):
            self.by_handle[handle] = pid
            self.by_name.setdefault(key, []).append(pid)
        self.by_email = dict(conn.execute("SELECT address_key, person_id FROM email"))
        self.registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}
        self.next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        self.stamp = stamp
        self.new_people: list[tuple] = []
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

        names = list(map(tx.clean_input, read.names))
        found = np.fromiter(
            map(self.resolve, read.names, names, tx.name_forms(names)), dtype=np.int64, count=len(read.names)
        )
        return found[read.index]

    def resolve(self, token: str, name: str, forms: tuple[str, str, str]) -> int:
        if token in self.by_handle:
            return self.by_handle[token]
        key, _fold, stem = forms
        ids = self.by_name.get(key)
        if not ids and (len(name) > NAME_MAX or tx.has_control(name)):
            try:  # a new person's name obeys the rule every other path does
                check_name(name, what=f"'{tx.printable(token[:40])}'")
            except BadInput as exc:
                self.unusable[token] = exc.message
                return 0
        if ids:
            if len(ids) > 1:
                self.unusable[token] = f"'{token}' names {len(ids)} people; use a handle"
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
                self.unusable[token] = f"'{token}' is the nickname of {len(nicknamed)} people; use a handle"
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
        self.by_handle[handle] = pid
        self.by_name[key] = [pid]
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
                skipped.append({"line": read.linenos[i], "reason": unusable[token]})
    with_me = ~bad & ((a == me_id) | (b == me_id))
    for i in np.flatnonzero(with_me).tolist():
        skipped.append({"line": read.linenos[i], "reason": "a tie with me is a connection: use cnet connect"})
    keep = ~bad & ~with_me
    same = keep & (a == b)
    keep &= ~same
    positions = np.flatnonzero(keep)
    lo, hi = np.minimum(a[positions], b[positions]), np.maximum(a[positions], b[positions])
    order = np.lexsort((positions, hi, lo))  # by pair, the earliest line first
    lo, hi, positions = lo[order], hi[order], positions[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    pairs = _Pairs(lo[first], hi[first], positions[first], skipped, int(same.sum()), int(len(lo) - first.sum()))
    if not read.hows and len(pairs.lo) <= _PACK_AT_ONCE:
        pairs.packed = pack_pairs(pairs.lo, pairs.hi)
    return pairs


def bulk_link(
    conn,
    text: str,
    *,
    strict: bool = False,
    create: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> BulkSummary:
    """Add the links a file's text names, in the caller's write transaction on a plain connection;
    unknown names become people (with `create` off, their lines are skipped).

    The caller may switch foreign-key checks off for speed: every id written here was just read or made.
    """
    from concurrent.futures import ThreadPoolExecutor

    from ..people.records import me_id as find_me

    me_id = find_me(conn) or -1  # ids start at 1
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB for this connection's bulk work
    read = read_link_lines(text, progress)
    del text

    def reached(share: float) -> None:  # of the whole work, as a 1M-link file spends its time
        if progress:
            progress(int(read.count * share), read.count)

    reached(0.25)
    summary = BulkSummary(lines=read.count, pairs=len(read.linenos), skipped=read.skipped)
    names = _Names(conn, now_iso(), create=create)
    ids = names.ids(read)
    reached(0.4)
    pair = functools.partial(_pair, ids, read, names.unusable, me_id)
    pairing = None
    with ThreadPoolExecutor(max_workers=1) as worker:
        if strict and (unusable := read.skipped + (pairing := worker.submit(pair)).result().skipped):
            first = min(unusable, key=lambda s: s["line"])
            raise BadInput(f"line {first['line']}: {first['reason']} ({len(unusable)} line(s) in all; nothing added)")
        if names.new_people:
            with Store.bulk_people(conn, rebuild_indexes=len(names.new_people) > 50_000):
                insert_people(conn, names.new_people)
                # Pair the ids (numpy, JSON) while SQLite indexes these people: it lets go of the GIL.
                pairing = pairing or worker.submit(pair)
        pairs = (pairing or worker.submit(pair)).result()
    del ids, pair, pairing
    read.index = None  # a number a name written: let it go before the links are written
    summary.people_created = len(names.new_people)
    summary.created = [row[1] for row in names.new_people]  # their handles
    summary.skipped = sorted(read.skipped + pairs.skipped, key=lambda s: s["line"])
    summary.self_links, summary.duplicates = pairs.self_links, pairs.duplicates
    reached(0.7)
    summary.links_added = _write_links(conn, pairs, read.hows, names.stamp)
    reached(1.0)
    summary.duplicates += len(pairs.positions) - summary.links_added
    touch_graph(conn)
    return summary


def _write_links(conn, pairs: _Pairs, hows: dict[int, str], stamp: str) -> int:
    """Insert the pairs (those a line said how for with it); return how many were new."""
    import numpy as np

    lo, hi, positions = pairs.lo, pairs.hi, pairs.positions
    existing = conn.execute("SELECT count(*) FROM link").fetchone()[0]
    # A large load into a small table: build the reverse index once at the end instead of row by row.
    rebuild_index = len(lo) > 50_000 and len(lo) > existing
    if rebuild_index:
        conn.execute("DROP INDEX IF EXISTS link_b")
    before = conn.total_changes
    said = np.isin(positions, np.fromiter(hows, dtype=np.int64, count=len(hows))) if hows else None
    if said is not None and said.any():
        conn.executemany(
            "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, ?, ?)",
            zip(lo[said].tolist(), hi[said].tolist(), map(hows.get, positions[said].tolist()), itertools.repeat(stamp)),
        )
        lo, hi = lo[~said], hi[~said]
    insert_pairs(conn, lo, hi, stamp, packed=pairs.packed)
    added = conn.total_changes - before
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
