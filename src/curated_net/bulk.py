"""Bulk links: many pairs from a file in one transaction, fast, over a plain connection (no ORM)."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import text as tx
from .dates import now_iso
from .errors import BadInput
from .store.database import Store


@dataclass
class BulkSummary:
    lines: int = 0
    pairs: int = 0
    links_added: int = 0
    people_created: int = 0
    duplicates: int = 0
    self_links: int = 0
    skipped: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "lines": self.lines,
            "pairs": self.pairs,
            "links_added": self.links_added,
            "people_created": self.people_created,
            "duplicates": self.duplicates,
            "self_links": self.self_links,
            "skipped": self.skipped,
        }


_LINE_BREAKS = re.compile(r"\r\r\n|\r\n|\r|\n")
_PADDED = re.compile(r"(?:^|,)\s|\s(?:,|$)")  # a name with white space to strip around it


def split_link_lines(text: str) -> list[str]:
    """Split a links file into lines, tolerating \\n, \\r\\n, \\r and \\r\\r\\n endings."""
    return _LINE_BREAKS.split(text)


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


def bulk_link(
    conn,
    lines: list[str],
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BulkSummary:
    """Add many links in the caller's write transaction on a plain connection; unknown names become people.

    The caller may switch foreign-key checks off for speed: every id written here was just read or made.
    """
    from .directory import me_id as find_me

    me_id = find_me(conn) or -1  # ids start at 1
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB for this connection's bulk work
    summary = BulkSummary(lines=len(lines))
    by_handle: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for pid, handle, key in conn.execute("SELECT id, handle, name_key FROM person"):
        by_handle[handle] = pid
        by_name.setdefault(key, []).append(pid)
    by_email = {k: pid for k, pid in conn.execute("SELECT address_key, person_id FROM email")}
    registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}
    new_people: list[tuple] = []
    stamp = now_iso()
    next_id = (conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0] or 0) + 1

    memo: dict[str, int] = {}
    unusable: dict[str, str] = {}  # a name that cannot be used, and why

    def resolve_token(token: str) -> int | None:
        nonlocal next_id
        if token in by_handle:
            return by_handle[token]
        key = tx.name_key(token)
        ids = by_name.get(key)
        if ids:
            if len(ids) > 1:
                unusable[token] = f"'{token}' names {len(ids)} people; use a handle"
                return None
            return ids[0]
        if "@" in token and token.casefold() in by_email:
            return by_email[token.casefold()]
        name = tx.clean_input(token)
        handle = tx.claim_handle(tx.slugify(name), registry)
        pid = next_id
        next_id += 1
        new_people.append((pid, *person_values(handle, name, stamp, company=None, title=None, url=None)))
        by_handle[handle] = pid
        by_name[key] = [pid]
        return pid

    # Parse every line first; then resolve each distinct name once, in order of first appearance
    # (so handles are claimed as a line-by-line reading would); then pair ids as arrays.
    lefts: list[str] = []
    rights: list[str] = []
    linenos: list[int] | range = []
    hows: dict[int, str] = {}  # position in the lists -> how
    step = max(1, len(lines) // 200)
    tokens: list[str] = []
    joined = ",".join(lines)
    if (
        "#" not in joined
        and joined.count(",") == 2 * len(lines) - 1
        and all(map(operator.contains, lines, itertools.repeat(",")))
    ):
        # A clean two-column CSV (what programs write): every line holds exactly one comma, so the
        # whole file splits at once into names, left and right by turns.
        tokens = joined.split(",")
        if _PADDED.search(joined):
            tokens = [t.strip() for t in tokens]
        if "" not in tokens:
            lefts, rights, linenos = tokens[0::2], tokens[1::2], range(1, len(lines) + 1)
            lines = []
    del joined
    for lineno, line in enumerate(lines, 1):
        if progress and lineno % step == 0:
            progress(lineno // 2, len(lines))
        if line.count(",") == 1 and line[:1] != "#":  # the common case, inline for speed
            left, _, right = line.partition(",")
            left, right = left.strip(), right.strip()
            if left and right:
                lefts.append(left)
                rights.append(right)
                linenos.append(lineno)
                continue
        parsed = parse_link_line(line)
        if parsed is None:
            continue
        if isinstance(parsed, str):
            summary.skipped.append({"line": lineno, "reason": parsed})
            continue
        left, right, how = parsed
        if how:
            hows[len(lefts)] = how
        lefts.append(left)
        rights.append(right)
        linenos.append(lineno)
    summary.pairs = len(lefts)
    tokens = [t for pair in zip(lefts, rights, strict=True) for t in pair] if lines else tokens
    for token in dict.fromkeys(tokens):
        found = resolve_token(token)
        if found is not None:
            memo[token] = found
    if progress:
        progress(len(lines) * 3 // 4, len(lines))
    import numpy as np

    ids = np.fromiter(map(memo.get, tokens, itertools.repeat(0)), dtype=np.int64, count=len(tokens))
    a, b = ids[0::2], ids[1::2]
    # Lines naming someone who cannot be used, then ties with me, are reported line by line.
    bad = (a == 0) | (b == 0)
    for i in np.flatnonzero(bad).tolist():
        for token in (lefts[i], rights[i]):
            if token in unusable:
                summary.skipped.append({"line": linenos[i], "reason": unusable[token]})
    with_me = ~bad & ((a == me_id) | (b == me_id))
    for i in np.flatnonzero(with_me).tolist():
        summary.skipped.append({"line": linenos[i], "reason": "a tie with me is a connection: use cnet connect"})
    summary.skipped.sort(key=lambda s: s["line"])
    keep = ~bad & ~with_me
    same = keep & (a == b)
    summary.self_links = int(same.sum())
    keep &= ~same
    positions = np.flatnonzero(keep)
    lo, hi = np.minimum(a[positions], b[positions]), np.maximum(a[positions], b[positions])
    order = np.lexsort((positions, hi, lo))  # by pair, the earliest line first
    lo, hi, positions = lo[order], hi[order], positions[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    summary.duplicates = int(len(lo) - first.sum())
    lo, hi, positions = lo[first].tolist(), hi[first].tolist(), positions[first].tolist()
    if progress:
        progress(len(lines), len(lines))
    if strict and summary.skipped:
        first_bad = summary.skipped[0]
        raise BadInput(
            f"line {first_bad['line']}: {first_bad['reason']} ({len(summary.skipped)} line(s) in all; nothing added)"
        )
    if new_people:
        with Store.bulk_people(conn, rebuild_indexes=len(new_people) > 50_000):
            insert_people(conn, new_people)
    summary.people_created = len(new_people)
    existing = conn.execute("SELECT count(*) FROM link").fetchone()[0]
    # A large load into a small table: build the reverse index once at the end instead of row by row.
    rebuild_index = len(lo) > 50_000 and len(lo) > existing
    if rebuild_index:
        conn.execute("DROP INDEX IF EXISTS link_b")
    before = conn.total_changes
    how_of = [hows.get(p) for p in positions] if hows else itertools.repeat(None)
    conn.executemany(
        "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, ?, ?)",
        zip(lo, hi, how_of, itertools.repeat(stamp)),
    )
    summary.links_added = conn.total_changes - before
    if rebuild_index:
        conn.execute("CREATE INDEX link_b ON link(b, a)")
    summary.duplicates += len(lo) - summary.links_added
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")
    return summary


def new_person(
    conn,
    taken: set[str],
    name: str,
    stamp: str,
    *,
    company: str | None = None,
    title: str | None = None,
    url: str | None = None,
    stem: str | None = None,
) -> int:
    """Insert one person met in a file or a request (no ORM); `taken` holds every handle ever issued.

    The handle is claimed from `stem` when given (a handle the file carried), else from the name.
    """
    handle = tx.claim_handle(stem or tx.slugify(name), taken)
    cur = conn.execute(
        f"INSERT INTO person ({PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        person_values(handle, name, stamp, company=company, title=title, url=url),
    )
    return cur.lastrowid


PERSON_COLUMNS = "handle, name, name_key, name_fold, company, title, linkedin, created_at, updated_at"


def insert_people(conn, rows: list[tuple]) -> None:
    """Insert people whose ids are already given: rows of (id, *person_values(...))."""
    conn.executemany(f"INSERT INTO person (id, {PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def person_values(
    handle: str, name: str, stamp: str, *, company: str | None, title: str | None, url: str | None
) -> tuple:
    """The values of PERSON_COLUMNS for a person met in a file or a request."""
    return (handle, name, tx.name_key(name), tx.name_fold(name), company or None, title or None, url, stamp, stamp)
