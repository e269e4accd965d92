"""Bulk links: many pairs from a file in one transaction, fast, over a plain connection (no ORM)."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
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


_COMMA_SPACE = re.compile(r",\s")


def _padded(joined: str) -> bool:
    """Whether a name in comma-joined text has white space around it."""
    # A search led by a literal comma is fast; the reversed text finds white space before a comma.
    return (
        joined[:1].isspace()
        or joined[-1:].isspace()
        or bool(_COMMA_SPACE.search(joined) or _COMMA_SPACE.search(joined[::-1]))
    )


def split_link_lines(text: str) -> list[str]:
    """Split a links file into lines, tolerating \\n, \\r\\n, \\r and \\r\\r\\n endings."""
    return text.split("\n") if "\r" not in text else _LINE_BREAKS.split(text)


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


def bulk_link(
    conn,
    text: str,
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BulkSummary:
    """Add the links a file's text names, in the caller's write transaction on a plain connection;
    unknown names become people.

    The caller may switch foreign-key checks off for speed: every id written here was just read or made.
    """
    from .directory import me_id as find_me

    me_id = find_me(conn) or -1  # ids start at 1
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB for this connection's bulk work
    if "\r" in text:
        text = "\n".join(split_link_lines(text))
    body = text[:-1] if text.endswith("\n") else text  # a final line break ends a line, opens none
    n_lines = body.count("\n") + 1 if text else 0
    summary = BulkSummary(lines=n_lines)
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

    unusable: dict[str, str] = {}  # a name that cannot be used, and why

    def resolve_token(token: str, name: str, forms: tuple[str, str, str]) -> int:
        """The id a name in the file stands for, a new person's when unknown; 0 when it cannot be used."""
        nonlocal next_id
        if token in by_handle:
            return by_handle[token]
        key, _fold, stem = forms
        ids = by_name.get(key)
        if ids:
            if len(ids) > 1:
                unusable[token] = f"'{token}' names {len(ids)} people; use a handle"
                return 0
            return ids[0]
        if "@" in token and token.casefold() in by_email:
            return by_email[token.casefold()]
        handle = tx.claim_handle(stem, registry)
        pid = next_id
        next_id += 1
        new_people.append((pid, *person_values(handle, name, stamp, company=None, title=None, url=None, forms=forms)))
        by_handle[handle] = pid
        by_name[key] = [pid]
        return pid

    # Parse every line first; then resolve each distinct name once, in order of first appearance
    # (so handles are claimed as a line-by-line reading would); then pair ids as arrays.
    lefts: list[str] = []
    rights: list[str] = []
    linenos: list[int] | range = []
    hows: dict[int, str] = {}  # position in the lists -> how
    step = max(1, n_lines // 200)
    tokens = _clean_csv_names(body, n_lines)
    if tokens is not None:
        lefts, rights, linenos = tokens[0::2], tokens[1::2], range(1, n_lines + 1)
        lines: list[str] = []
    else:
        lines = body.split("\n") if n_lines else []
    del text, body
    for lineno, line in enumerate(lines, 1):
        if progress and lineno % step == 0:
            progress(lineno // 2, n_lines)
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
    if tokens is None:
        tokens = [t for pair in zip(lefts, rights, strict=True) for t in pair]
    del lines
    import numpy as np

    # Number each distinct name by its first appearance in one pass (len(codes) is read before
    # setdefault adds the name), then resolve each distinct name once, in that order.
    codes: dict[str, int] = {}
    index = np.fromiter(
        map(codes.setdefault, tokens, map(len, itertools.repeat(codes))), dtype=np.int64, count=len(tokens)
    )
    names = list(map(tx.clean_input, codes))
    found = np.fromiter(map(resolve_token, codes, names, tx.name_forms(names)), dtype=np.int64, count=len(codes))
    if progress:
        progress(n_lines * 3 // 4, n_lines)
    ids = found[index]
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
    lo, hi, positions = lo[first], hi[first], positions[first]
    if progress:
        progress(n_lines, n_lines)
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
    said = np.isin(positions, np.fromiter(hows, dtype=np.int64, count=len(hows))) if hows else None
    if said is not None and said.any():
        conn.executemany(
            "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, ?, ?)",
            zip(lo[said].tolist(), hi[said].tolist(), map(hows.get, positions[said].tolist()), itertools.repeat(stamp)),
        )
        lo, hi = lo[~said], hi[~said]
    insert_pairs(conn, lo, hi, stamp)
    summary.links_added = conn.total_changes - before
    if rebuild_index:
        conn.execute("CREATE INDEX link_b ON link(b, a)")
    summary.duplicates += len(positions) - summary.links_added
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")
    return summary


_PAIR_SHIFT = 32  # a pair of ids travels as one integer: a << 32 | b


def insert_pairs(conn, a, b, stamp: str, *, use_json: bool = True) -> None:
    """Insert links (a < b, no how) given as two integer arrays, skipping pairs already there.

    The pairs go to SQLite as one JSON array read by json_each, a few times faster than binding
    a million rows one by one; where SQLite lacks JSON support, row by row.
    """
    import numpy as np

    if use_json and len(a) and int(max(a.max(), b.max())) < 1 << _PAIR_SHIFT:
        packed = (a.astype(np.int64) << _PAIR_SHIFT) | b
        try:
            conn.execute(
                f"INSERT OR IGNORE INTO link (a, b, how, created_at) SELECT value >> {_PAIR_SHIFT}, "
                f"value & {(1 << _PAIR_SHIFT) - 1}, NULL, ? FROM json_each(?)",
                (stamp, json.dumps(packed.tolist())),
            )
            return
        except sqlite3.OperationalError as exc:
            if "json_each" not in str(exc):
                raise
    conn.executemany(
        "INSERT OR IGNORE INTO link (a, b, how, created_at) VALUES (?, ?, NULL, ?)",
        zip(a.tolist(), b.tolist(), itertools.repeat(stamp)),
    )


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
    handle: str,
    name: str,
    stamp: str,
    *,
    company: str | None,
    title: str | None,
    url: str | None,
    forms: tuple[str, str, str] | None = None,
) -> tuple:
    """The values of PERSON_COLUMNS for a person met in a file or a request; `forms` are the name's
    tx.name_forms when already worked out."""
    key, fold = forms[:2] if forms else (tx.name_key(name), tx.name_fold(name))
    return (handle, name, key, fold, company or None, title or None, url, stamp, stamp)
