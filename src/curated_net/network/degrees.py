"""Degrees from me, kept up to date in place.

`degree_cache` holds, for every person and each view, their degree from me and how many of their links go
to people one degree nearer (`parents`: their ways in, which tell, when a tie goes, who still has one at
the same distance); and for 1st-degree people, how many 2nd-degree people they connect me to (`seconds`)
and how many of those only they do (`sole`): what bridges are ranked by.

Triggers note in `degree_dirty` everyone whose ties change (a link or a connection added or removed, a
connection's curated flag, a person added or removed), whatever path wrote it. Before degrees are read,
`bring_up_to_date` re-examines only those people and the ones whose distance can change because of them
(`repair`): a search outward from the changed ties' ends that stops where distances hold. After a bulk
load, which sets the triggers aside and owes a full pass, the whole graph is read once (`full_pass`).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator

from ..store.database import set_meta

VIEWS = ("nominal", "curated")
COUNTS = ("parents", "seconds", "sole")
# A row of degree_cache as the repair holds it: both degrees, then each view's counts.
COLUMNS = ("nominal", "curated", *(f"{v}_{c}" for v in VIEWS for c in COUNTS))
_BLANK = (None, None, 0, 0, 0, 0, 0, 0)
INF = 1 << 30

JOURNAL_TRIGGERS = (
    "link_insert_dirties",
    "link_delete_dirties",
    "link_update_dirties",
    "connection_insert_dirties",
    "connection_delete_dirties",
    "connection_update_dirties",
    "person_insert_dirties",
)
# Beyond these, one pass over the whole graph costs less than following the changes one by one.
MOST_DIRTY = 100_000
MOST_ROWS_READ = 2_000_000


# -- the state of the stored degrees ---------------------------------------------------------------


def kept(conn: sqlite3.Connection) -> bool:
    """Whether the stored degrees, with the people noted since, describe the graph (no full pass owed)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'degrees_kept'").fetchone()
    return bool(row) and row[0] == "1"


def up_to_date(conn: sqlite3.Connection) -> bool:
    return kept(conn) and conn.execute("SELECT 1 FROM degree_dirty LIMIT 1").fetchone() is None


def owe_full_pass(conn: sqlite3.Connection) -> None:
    """Record that the stored degrees no longer describe the graph: the next reader reads it whole."""
    set_meta(conn, "degrees_kept", "0")
    conn.execute("DELETE FROM degree_dirty")


@contextlib.contextmanager
def unjournalled(conn: sqlite3.Connection) -> Iterator[None]:
    """Write many ties without noting each person (a bulk load): the triggers are set aside inside the
    caller's transaction (a rollback restores them) and a full pass is owed."""
    from ..store.database import drop_schema_items

    saved = drop_schema_items(conn, "trigger", *JOURNAL_TRIGGERS)
    try:
        yield
    finally:
        for sql in saved:
            conn.execute(sql)
    owe_full_pass(conn)


# A person's change followed in place costs about as much as ten people (with their links) read in a full
# pass: a load that changes more than a tenth of the graph's people is cheaper made again in one pass.
PASS_PER_CHANGE = 10


def journal_for(conn: sqlite3.Connection, changes: int) -> contextlib.AbstractContextManager[None]:
    """How a load that changes the ties of about `changes` people writes them: noted one by one, or, when
    following them would cost more than one pass over the whole graph, `unjournalled`."""
    (people,) = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()
    return unjournalled(conn) if changes * PASS_PER_CHANGE > people else contextlib.nullcontext()


def bring_up_to_date(conn: sqlite3.Connection, me_id: int) -> str:
    """Make the stored degrees describe the graph as it is; return what it took ("", "repair", "full")."""
    if not kept(conn):
        full_pass(conn, me_id)
        return "full"
    (dirty,) = conn.execute("SELECT count(*) FROM (SELECT 1 FROM degree_dirty LIMIT ?)", (MOST_DIRTY + 1,)).fetchone()
    if not dirty:
        return ""
    if dirty <= MOST_DIRTY:
        touched = [r[0] for r in conn.execute("SELECT person_id FROM degree_dirty")]
        try:
            repair(conn, me_id, touched)
        except _TooMuch:
            pass
        else:
            conn.execute("DELETE FROM degree_dirty")
            return "repair"
    full_pass(conn, me_id)
    return "full"


# -- the whole graph at once -----------------------------------------------------------------------


def read_links(conn: sqlite3.Connection, top: int, *, people_at_once: int = 100_000):
    """Every link as two arrays (a, b), read a range of ids at a time (a few MB of text each, not one
    text of them all) and held as 32-bit ids where they fit."""
    import numpy as np

    dtype = np.int32 if top < 1 << 31 else np.int64
    parts_a, parts_b = [], []
    for lo in range(0, top, people_at_once):
        col_a, col_b = conn.execute(
            "SELECT group_concat(a), group_concat(b) FROM (SELECT a, b FROM link WHERE a >= ? AND a < ?)",
            (lo, lo + people_at_once),
        ).fetchone()
        if col_a:
            parts_a.append(np.fromstring(col_a, dtype=dtype, sep=","))
            parts_b.append(np.fromstring(col_b, dtype=dtype, sep=","))
        del col_a, col_b
    if not parts_a:
        return np.zeros(0, dtype=dtype), np.zeros(0, dtype=dtype)
    a = np.concatenate(parts_a)
    del parts_a
    b = np.concatenate(parts_b)
    return a, b


def levels(a, b, start, me_id: int, top: int):
    """Degree from me of everyone (-1: not reached), a whole level at a time over the links (a, b), my
    connections `start` being the first level; me is never passed through."""
    import numpy as np

    deg = np.full(top, -1, dtype=np.int32)
    deg[me_id] = 0
    deg[start] = 1
    frontier = np.zeros(top, dtype=bool)
    frontier[start] = True
    level = 1
    while True:
        reached = np.concatenate([b[frontier[a]], a[frontier[b]]])
        reached = reached[deg[reached] < 0]
        if not reached.size:
            return deg
        level += 1
        deg[reached] = level
        frontier = np.zeros(top, dtype=bool)
        frontier[reached] = True


def counts(a, b, deg):
    """Each person's links to people one degree nearer; for 1st-degree people, their links to 2nd-degree
    people and to 2nd-degree people with one way in (three arrays indexed by person id)."""
    import numpy as np

    top = len(deg)

    def linked_to(mask):
        return np.bincount(b[mask[a]], minlength=top) + np.bincount(a[mask[b]], minlength=top)

    def parents_of(x, y):  # for each link x -> y: whether y is one degree nearer than x
        dx = deg[x]
        return (dx >= 2) & (deg[y] == dx - 1)

    parents = np.bincount(a[parents_of(a, b)], minlength=top) + np.bincount(b[parents_of(b, a)], minlength=top)
    first = deg == 1
    seconds = linked_to(deg == 2) * first  # kept for 1st-degree people (the bridges) only
    sole = linked_to((deg == 2) & (parents == 1)) * first
    return parents, seconds, sole


def full_pass(conn: sqlite3.Connection, me_id: int) -> None:
    """Compute every person's degrees and counts from the whole graph, and write the rows that changed."""
    if conn.execute("SELECT 1 FROM link LIMIT 1").fetchone() is None:
        _pass_without_links(conn)
    else:
        _pass_over_links(conn, me_id)
    conn.execute("DELETE FROM degree_dirty")
    set_meta(conn, "degrees_kept", "1")


def _pass_without_links(conn: sqlite3.Connection) -> None:
    """The full pass of a graph with no links (a first LinkedIn import, people added by hand): my connections
    are 1st degree in each view that counts them, no one else is reached, and no one has a way in through
    others or is a bridge. Worked out by SQLite, without reading the graph into arrays (numpy alone takes
    longer to load than this takes at 100k people)."""
    new = (
        "SELECT p.id AS person_id, CASE WHEN c.person_id IS NOT NULL THEN 1 END AS nominal, "
        "CASE WHEN c.curated = 1 THEN 1 END AS curated "
        "FROM person p LEFT JOIN connection c ON c.person_id = p.id WHERE p.is_me = 0"
    )
    zero = [c for c in COLUMNS if c not in VIEWS]
    conn.execute(
        f"INSERT OR REPLACE INTO degree_cache (person_id, {', '.join(COLUMNS)}) "
        f"SELECT n.person_id, n.nominal, n.curated{', 0' * len(zero)} FROM ({new}) n "
        "LEFT JOIN degree_cache d ON d.person_id = n.person_id "
        "WHERE d.person_id IS NULL OR d.nominal IS NOT n.nominal OR d.curated IS NOT n.curated "
        f"OR {' OR '.join(f'd.{c} != 0' for c in zero)}"
    )


def _pass_over_links(conn: sqlite3.Connection, me_id: int) -> None:
    import numpy as np

    top = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0] + 1
    a, b = read_links(conn, top)
    new: dict[str, object] = {}
    for view in VIEWS:
        where = " WHERE curated = 1" if view == "curated" else ""
        start = np.array([p for (p,) in conn.execute(f"SELECT person_id FROM connection{where}")], dtype=np.int64)
        deg = levels(a, b, start, me_id, top)
        new[view] = deg
        new[f"{view}_parents"], new[f"{view}_seconds"], new[f"{view}_sole"] = counts(a, b, deg)
    del a, b
    stored = _stored(conn, top)
    (people_col,) = conn.execute("SELECT group_concat(id) FROM person WHERE is_me = 0").fetchone()
    people = np.fromstring(people_col or "", dtype=np.int64, sep=",")
    del people_col
    differs = np.zeros(len(people), dtype=bool)
    for c in COLUMNS:
        differs |= stored[c][people] != new[c][people]  # type: ignore[index]
    changed = people[differs]
    had_row = stored["nominal"][changed] != -2
    del stored

    def rows(ids):
        values = [new[c][ids].tolist() for c in COLUMNS]  # type: ignore[index]
        for d in (0, 1):  # degrees: -1 is "not reached", stored as NULL
            values[d] = [v if v >= 0 else None for v in values[d]]
        return zip(ids.tolist(), *values, strict=True)

    insert = f"INSERT INTO degree_cache (person_id, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})"
    if len(changed) > len(people) // 2:
        # Most rows change (the first pass after a bulk load): written afresh, indexed once at the end.
        from ..store.database import drop_schema_items

        conn.execute("DELETE FROM degree_cache")
        saved = drop_schema_items(conn, "index", "degree_cache_nominal", "degree_cache_curated")
        conn.executemany(insert, rows(people))
        for sql in saved:
            conn.execute(sql)
    else:
        assignments = ", ".join(f"{c} = ?" for c in COLUMNS)
        conn.executemany(
            f"UPDATE degree_cache SET {assignments} WHERE person_id = ?",
            ((*row, pid) for pid, *row in rows(changed[had_row])),
        )
        conn.executemany(insert, rows(changed[~had_row]))


def _stored(conn: sqlite3.Connection, top: int) -> dict:
    """The stored rows as arrays indexed by person id: -2 where a person has no row (-1: not reached)."""
    import numpy as np

    out = {c: np.full(top, -2, dtype=np.int64) for c in COLUMNS}
    cols = ", ".join(f"group_concat(coalesce({c}, -1))" for c in COLUMNS)
    step = 200_000
    for lo in range(0, top, step):
        row = conn.execute(
            f"SELECT group_concat(person_id), {cols} FROM "
            f"(SELECT * FROM degree_cache WHERE person_id >= ? AND person_id < ? ORDER BY person_id)",
            (lo, lo + step),
        ).fetchone()
        if not row[0]:
            continue
        ids = np.fromstring(row[0], dtype=np.int64, sep=",")
        for c, col in zip(COLUMNS, row[1:], strict=True):
            out[c][ids] = np.fromstring(col, dtype=np.int64, sep=",")
    return out


# -- following changes -----------------------------------------------------------------------------


class _TooMuch(Exception):
    """The changes reach too far to follow one by one: a full pass is cheaper."""


class _Around:
    """The part of the graph a repair looks at: link neighbours and stored rows, read as they are needed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.near: dict[int, list[int]] = {}
        self.rows: dict[int, tuple] = {}
        self.read = 0

    def row(self, pid: int) -> tuple:
        return self.rows.get(pid, _BLANK)

    def load(self, ids: Iterable[int]) -> None:
        """Read the links of `ids` (and the stored rows of the people at their other end)."""
        need = [i for i in ids if i not in self.near]
        cols = ", ".join(f"d.{c}" for c in COLUMNS)
        rows = self.rows
        for start in range(0, len(need), 5_000):
            part = need[start : start + 5_000]
            near: dict[int, list[int]] = {i: [] for i in part}
            self.near.update(near)
            cursor = self.conn.execute(
                f"SELECT l.a, l.b, d.person_id, {cols} FROM link l LEFT JOIN degree_cache d ON d.person_id = l.b "
                "WHERE l.a IN (SELECT value FROM json_each(?1)) "
                f"UNION ALL SELECT l.b, l.a, d.person_id, {cols} FROM link l "
                "LEFT JOIN degree_cache d ON d.person_id = l.a WHERE l.b IN (SELECT value FROM json_each(?1))",
                (json.dumps(part),),
            )
            while batch := cursor.fetchmany(10_000):
                for x, y, known, *row in batch:
                    near[x].append(y)
                    if known is not None and y not in rows:
                        rows[y] = tuple(row)
                self.read += len(batch)
                if self.read > MOST_ROWS_READ:
                    raise _TooMuch

    def load_rows(self, ids: Iterable[int]) -> None:
        need = [i for i in ids if i not in self.rows]
        for start in range(0, len(need), 20_000):
            for pid, *row in self.conn.execute(
                f"SELECT person_id, {', '.join(COLUMNS)} FROM degree_cache "
                "WHERE person_id IN (SELECT value FROM json_each(?))",
                (json.dumps(need[start : start + 20_000]),),
            ):
                self.rows[pid] = tuple(row)


def repair(conn: sqlite3.Connection, me_id: int, touched: Iterable[int]) -> None:
    """Bring the stored rows in step with the graph after the ties of `touched` changed (every changed
    tie has its ends among them; the stored rows describe the graph as it was before).

    For each view: first the people whose old distance no longer holds, found level by level from the
    touched people outward (someone untouched holds while fewer of their `parents` were lost than they
    had); then distances settle as in a breadth-first search seeded from them and from every touched
    person (a new tie can bring someone nearer), which stops where no distance improves. The counts
    follow: recounted for those whose links or degree changed, moved by one for their other neighbours.
    Only the touched, the people whose degree changes and their neighbours are read.
    """
    touched = set(touched)
    touched.discard(me_id)
    present: set[int] = set()
    ordered = sorted(touched)
    for start in range(0, len(ordered), 20_000):
        part = json.dumps(ordered[start : start + 20_000])
        present |= {
            r[0] for r in conn.execute("SELECT id FROM person WHERE id IN (SELECT value FROM json_each(?))", (part,))
        }
    touched = present
    around = _Around(conn)
    around.load_rows(touched)
    around.load(touched)
    linked: dict[int, int] = {}  # touched person -> curated flag, for those connected with me now
    ordered = sorted(touched)
    for start in range(0, len(ordered), 20_000):
        part = json.dumps(ordered[start : start + 20_000])
        linked.update(
            conn.execute(
                "SELECT person_id, curated FROM connection WHERE person_id IN (SELECT value FROM json_each(?))",
                (part,),
            ).fetchall()
        )
    updates: dict[int, list] = {}
    for v, view in enumerate(VIEWS):
        ties = {p for p, curated in linked.items() if view == "nominal" or curated}
        moved = _settle(around, v, touched, ties)
        _recount(around, v, touched, moved, updates)
    for pid in touched:  # every person gets a row, even one with no tie (so `untied` finds them)
        if pid not in updates and pid not in around.rows:
            updates[pid] = list(_BLANK)
    changed = {p: r for p, r in updates.items() if p not in around.rows or tuple(r) != around.rows[p]}
    assignments = ", ".join(f"{c} = ?" for c in COLUMNS)
    conn.executemany(
        f"UPDATE degree_cache SET {assignments} WHERE person_id = ?",
        ((*row, pid) for pid, row in changed.items() if pid in around.rows),
    )
    conn.executemany(
        f"INSERT OR REPLACE INTO degree_cache (person_id, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})",
        ((pid, *row) for pid, row in changed.items() if pid not in around.rows),
    )


def _settle(around: _Around, v: int, touched: set[int], ties: set[int]) -> dict[int, int | None]:
    """New degrees in view `v` (0 nominal, 1 curated) of those whose degree changed: {person: degree}."""
    parents = 2 + 3 * v  # where this view's count of parents sits in a row

    def old(p: int) -> int:
        d = around.row(p)[v]
        return INF if d is None else d

    # Those whose old distance no longer holds, lowest level first. A touched person holds when someone
    # one level in who holds is linked to them (at level 1: when they are still connected with me); an
    # untouched one, whose links are as they were, while not all of their parents were lost.
    waiting: dict[int, set[int]] = {}
    for p in touched:
        if old(p) < INF:
            waiting.setdefault(old(p), set()).add(p)
    lost: set[int] = set()
    lost_parents: dict[int, int] = {}
    while waiting:
        level = min(waiting)
        people = waiting.pop(level) - lost
        around.load(people & touched)
        gone = []
        for p in people:
            if p in touched and level == 1:
                holds = p in ties
            elif p in touched:
                holds = any(old(w) == level - 1 and w not in lost for w in around.near[p])
            else:
                holds = level == 1 or around.row(p)[parents] > lost_parents.get(p, 0)
            if not holds:
                gone.append(p)
        lost.update(gone)
        around.load(gone)
        for p in gone:
            for w in around.near[p]:
                if old(w) == level + 1:
                    lost_parents[w] = lost_parents.get(w, 0) + 1
                    waiting.setdefault(level + 1, set()).add(w)
    # Settle: every touched or lost person starts from the best way in that still holds or is new,
    # then whoever comes nearer passes it on, level by level.
    new: dict[int, int] = {}

    def now(p: int) -> int:
        return new[p] if p in new else (INF if p in lost else old(p))

    seeds = touched | lost
    around.load(seeds)
    queue: dict[int, set[int]] = {}
    for p in seeds:
        best = 1 if p in ties else now(p)
        for w in around.near[p]:
            if w not in lost and old(w) + 1 < best:
                best = old(w) + 1
        new[p] = best
        if best < INF:
            queue.setdefault(best, set()).add(p)
    while queue:
        level = min(queue)
        settled = [p for p in queue.pop(level) if now(p) == level]
        around.load(settled)
        for p in settled:
            for w in around.near[p]:
                if now(w) > level + 1:
                    new[w] = level + 1
                    queue.setdefault(level + 1, set()).add(w)
    return {p: (None if d >= INF else d) for p, d in new.items() if d != old(p)}


def _recount(
    around: _Around, v: int, touched: set[int], moved: dict[int, int | None], updates: dict[int, list]
) -> None:
    """Bring view `v`'s counts in step with the degrees that `moved`, writing new rows into `updates`."""
    base = 2 + 3 * v  # where this view's counts sit in a row: parents, seconds, sole

    def row(p: int) -> list:
        if p not in updates:
            updates[p] = list(around.row(p))
        return updates[p]

    def old_deg(p: int) -> int | None:
        return around.row(p)[v]

    def new_deg(p: int) -> int | None:
        return moved[p] if p in moved else around.row(p)[v]

    def current(p: int, slot: int) -> int:
        return updates[p][base + slot] if p in updates else around.row(p)[base + slot]

    for p, d in moved.items():
        row(p)[v] = d
    around.load(moved)
    recounted = touched | set(moved)  # their links, or their own degree, changed: counted again

    def parent_of(w: int, p: int) -> bool:
        dp, dw = new_deg(p), new_deg(w)
        return dp is not None and dw is not None and dp >= 2 and dw == dp - 1

    # Parents (links to people one degree nearer): a neighbour whose degree moved gains or loses one.
    for p in moved:
        old_p, new_p = old_deg(p), new_deg(p)
        for w in around.near[p]:
            if w in recounted:
                continue
            dw = around.row(w)[v]
            if dw is None or dw < 2:
                continue
            step = (new_p == dw - 1) - (old_p == dw - 1)
            if step:
                row(w)[base] = current(w, 0) + step
    for p in recounted:
        row(p)[base] = sum(1 for w in around.near[p] if parent_of(w, p))

    # Links to 2nd-degree people, and to those of them with one parent (reached through no one else):
    # kept for 1st-degree people, the bridges. Whoever becomes or stops being one is touched (their
    # connection changed): counted again, with the rest of the touched.
    bridges = touched

    def alone(p: int, new: bool) -> bool:
        if new:
            return new_deg(p) == 2 and current(p, 0) == 1
        return old_deg(p) == 2 and around.row(p)[base] == 1

    def shift(flips: Iterable[int], holds, slot: int) -> None:
        """Move a count by one for each 1st-degree neighbour (their links are as they were) of a flip."""
        for p in flips:
            step = 1 if holds(p) else -1
            for w in around.near[p]:
                if w not in bridges and around.row(w)[v] == 1:
                    row(w)[base + slot] = current(w, slot) + step

    shift((p for p in moved if (old_deg(p) == 2) != (new_deg(p) == 2)), lambda p: new_deg(p) == 2, 1)
    maybe = set(moved) | {p for p in updates if updates[p][base] != around.row(p)[base]}
    flips = [p for p in maybe if alone(p, False) != alone(p, True)]
    around.load(flips)
    shift(flips, lambda p: alone(p, True), 2)
    around.load(bridges)
    for p in bridges:
        first = new_deg(p) == 1
        row(p)[base + 1] = sum(1 for w in around.near[p] if new_deg(w) == 2) if first else 0
        row(p)[base + 2] = sum(1 for w in around.near[p] if alone(w, True)) if first else 0
