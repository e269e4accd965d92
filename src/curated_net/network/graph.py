"""The degree engine: shortest paths, warm routes and degrees from me over the stored ties.

Point queries never load the whole graph: a bidirectional breadth-first search expands the
smaller frontier one level at a time, fetching each level's edges in one batched query.
"""

from __future__ import annotations

import enum
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

DEFAULT_MAX_DEPTH = 6
PATH_LIMIT = 20


class View(enum.StrEnum):
    curated = "curated"
    nominal = "nominal"


def label(degree: int | None, max_depth: int = DEFAULT_MAX_DEPTH) -> str:
    """LinkedIn-style label: `1st`, `2nd`, `3rd`, `4th`…; 0 is the same person."""
    if degree is None:
        return f"not connected within {max_depth}"
    if degree == 0:
        return "same person"
    suffix = "th" if 10 <= degree % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(degree % 10, "th")
    return f"{degree}{suffix}"


class Edges:
    """Neighbour look-ups over the link and connection tables, for one view."""

    def __init__(self, conn: sqlite3.Connection, me_id: int, view: View) -> None:
        self.conn = conn
        self.me = me_id
        self.view = View(view)
        self._curated = " AND curated = 1" if self.view == View.curated else ""

    def my_connections_among(self, nodes: list[int]) -> list[int]:
        """Those of `nodes` who are my connections (in this view)."""
        return [
            pid
            for (pid,) in self.conn.execute(
                "SELECT person_id FROM connection WHERE person_id IN (SELECT value FROM json_each(?))" + self._curated,
                (json.dumps(nodes),),
            )
        ]

    def expand(self, nodes: list[int], *, ties_to_me: bool = True) -> list[tuple[int, int]]:
        """Every (node, neighbour) pair for the given nodes, in one round of queries; without
        `ties_to_me`, only links (the caller knows already which of the nodes are my connections)."""
        ids = json.dumps(nodes)
        rows = self.conn.execute(
            "SELECT a, b FROM link WHERE a IN (SELECT value FROM json_each(?1)) "
            "UNION ALL SELECT b, a FROM link WHERE b IN (SELECT value FROM json_each(?1))",
            (ids,),
        ).fetchall()
        if not ties_to_me:
            return rows
        others = [n for n in nodes if n != self.me]
        if others:
            rows += [(pid, self.me) for pid in self.my_connections_among(others)]
        if len(others) != len(nodes):
            rows += [
                (self.me, pid)
                for (pid,) in self.conn.execute("SELECT person_id FROM connection WHERE 1 = 1" + self._curated)
            ]
        return rows


@dataclass
class Search:
    """One side of a bidirectional search: distances and every shortest-path parent.

    `me` may have tens of thousands of connections, so a search that does not start at me never
    steps into me: it notes instead how deep its nearest connections of mine lie (`hub_depth`,
    `hub_nodes`), and routes through me are put together from both sides' notes.
    """

    origin: int
    hub: int | None = None
    dist: dict[int, int] = field(default_factory=dict)
    parents: dict[int, list[int]] = field(default_factory=dict)
    frontier: list[int] = field(default_factory=list)
    depth: int = 0
    hub_depth: int | None = None
    hub_nodes: list[int] = field(default_factory=list)
    probed: int = -1  # the depth whose frontier has been checked for my connections

    def __post_init__(self) -> None:
        self.dist[self.origin] = 0
        self.parents[self.origin] = []
        self.frontier = [self.origin]
        if self.hub == self.origin:
            self.hub = None  # a search from me expands me like any node

    @property
    def hub_bound(self) -> int:
        """The depth of my nearest connection on this side, or a lower bound while none is found."""
        if self.hub_depth is not None:
            return self.hub_depth
        return self.depth + 1 if self.probed == self.depth else self.depth

    def probe(self, edges: Edges) -> None:
        """Find which of the frontier are my connections, without expanding it: one small query where a
        deep level's expansion fetches thousands of rows, and often all the search still needed."""
        if self.hub is None or self.hub_depth is not None or self.probed == self.depth or not self.frontier:
            return
        self.probed = self.depth
        hits = edges.my_connections_among(self.frontier)
        if hits:
            self.hub_depth = self.depth
            self.hub_nodes = sorted(hits)

    def step(self, edges: Edges) -> list[int]:
        """Expand one whole level; return the newly reached nodes."""
        found: dict[int, list[int]] = {}
        dist = self.dist
        # With a hub, the probe notes this level's ties to me, which are never followed: links only.
        self.probe(edges)
        for u, v in edges.expand(self.frontier, ties_to_me=self.hub is None):  # thousands of rows deep down
            if v in dist:
                continue
            ps = found.get(v)
            if ps is None:
                found[v] = [u]
            else:
                ps.append(u)
        self.depth += 1
        depth, parents = self.depth, self.parents
        for v, ps in found.items():
            dist[v] = depth
            parents[v] = ps if len(ps) == 1 else sorted(set(ps))
        self.frontier = sorted(found)
        return self.frontier

    def routes_to(self, node: int, limit: int) -> list[list[int]]:
        """Shortest routes from the origin to `node` (origin first), at most `limit`."""
        out: list[list[int]] = []

        def walk(n: int, tail: list[int]) -> None:
            if len(out) >= limit:
                return
            if n == self.origin:
                out.append([n, *tail])
                return
            for p in self.parents[n]:
                walk(p, [n, *tail])

        walk(node, [])
        return out

    def hub_routes(self, limit: int) -> list[list[int]]:
        """Shortest routes from the origin to me (me last)."""
        out: list[list[int]] = []
        assert self.hub is not None
        for c in self.hub_nodes:
            out += [[*r, self.hub] for r in self.routes_to(c, limit - len(out))]
            if len(out) >= limit:
                break
        return out


@dataclass
class PathResult:
    degree: int | None
    paths: list[list[int]]


def shortest_paths(edges: Edges, a: int, b: int, *, max_depth: int = DEFAULT_MAX_DEPTH, limit: int = 1) -> PathResult:
    """Distance between a and b (None beyond max_depth) and up to `limit` shortest paths."""
    if a == b:
        return PathResult(0, [[a]])
    me = edges.me
    if me in (a, b):
        other = b if a == me else a
        result = _to_me(edges, other, max_depth=max_depth, limit=limit)
        if a == me:
            result.paths = [p[::-1] for p in result.paths]
        return result
    fwd, bwd = Search(a, hub=me), Search(b, hub=me)
    meet_len: int | None = None
    meet: list[int] = []
    every = limit > 1  # all shortest paths: keep going while a route of equal length may still appear
    while True:
        fwd.probe(edges)
        bwd.probe(edges)
        via_known = fwd.hub_depth is not None and bwd.hub_depth is not None
        via_bound = fwd.hub_bound + bwd.hub_bound + 2  # exact once both sides know
        best = min(x for x in (meet_len, via_bound if via_known else None, max_depth + 1) if x is not None)

        def open_(bound: int, best: int = best) -> bool:
            return bound < best or (every and bound == best)

        # Until the sides meet, a route avoiding me is at least fwd.depth + bwd.depth + 1 long.
        avoid_more = meet_len is None and open_(fwd.depth + bwd.depth + 1) and fwd.frontier and bwd.frontier
        hub_more = not via_known and open_(via_bound)
        # Find how deep my nearest connections lie on each side first: the route through me is then
        # known, and it bounds how far the search that avoids me has to go.
        hub_sides = [x for x in (fwd, bwd) if x.hub_depth is None and x.frontier] if hub_more else []
        # Any level expanded serves both searches; expand the cheaper side that still has work.
        sides = hub_sides + ([fwd, bwd] if avoid_more else [])
        if not sides:
            break
        side = min(sides, key=lambda x: len(x.frontier))
        opposite = bwd if side is fwd else fwd
        reached = side.step(edges)
        if meet_len is None:
            hits = [n for n in reached if n in opposite.dist]
            if hits:
                meet_len = min(fwd.dist[n] + bwd.dist[n] for n in hits)
                meet = [n for n in hits if fwd.dist[n] + bwd.dist[n] == meet_len]
    via_me = fwd.hub_depth + bwd.hub_depth + 2 if fwd.hub_depth is not None and bwd.hub_depth is not None else None
    lengths = [x for x in (meet_len, via_me) if x is not None and x <= max_depth]
    if not lengths:
        return PathResult(None, [])
    best = min(lengths)
    paths: list[list[int]] = []
    if meet_len == best:
        paths += _join(fwd, bwd, meet, limit)
    if via_me == best and len(paths) < limit:
        for head in fwd.hub_routes(limit):
            for tail in bwd.hub_routes(limit):
                path = head + tail[::-1][1:]
                if len(set(path)) == len(path) and path not in paths:
                    paths.append(path)
                if len(paths) >= limit:
                    break
            if len(paths) >= limit:
                break
    return PathResult(best, paths[:limit])


def _to_me(edges: Edges, origin: int, *, max_depth: int, limit: int) -> PathResult:
    """From a person to me: a search that stops at the first level holding my connections."""
    side = Search(origin, hub=edges.me)
    side.probe(edges)
    while side.hub_depth is None and side.frontier and side.depth < max_depth:
        side.step(edges)
        side.probe(edges)
    if side.hub_depth is None or side.hub_depth + 1 > max_depth:
        return PathResult(None, [])
    return PathResult(side.hub_depth + 1, side.hub_routes(limit))


def _join(fwd: Search, bwd: Search, meet: Iterable[int], limit: int) -> list[list[int]]:
    paths: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    for m in meet:
        for head in fwd.routes_to(m, limit):
            for tail in bwd.routes_to(m, limit):
                path = head + tail[::-1][1:]
                key = tuple(path)
                if key not in seen and len(set(path)) == len(path):
                    seen.add(key)
                    paths.append(path)
                if len(paths) >= limit:
                    return paths
    return paths


def candidate_routes(
    edges: Edges, a: int, b: int, *, max_depth: int = DEFAULT_MAX_DEPTH, slack: int = 1, cap: int = 2000
) -> tuple[int | None, list[list[int]]]:
    """Routes from a to b no longer than the shortest plus `slack`: each a shortest way to a
    meeting person and a shortest way from them on. Bounded by `cap`."""
    first = shortest_paths(edges, a, b, max_depth=max_depth, limit=1)
    if first.degree is None or first.degree == 0:
        return first.degree, first.paths
    radius = min(first.degree + slack, max_depth)
    fwd, bwd = Search(a), Search(b)
    while fwd.depth + bwd.depth < radius and (fwd.frontier or bwd.frontier):
        if bwd.frontier and (not fwd.frontier or len(bwd.frontier) < len(fwd.frontier)):
            bwd.step(edges)
        else:
            fwd.step(edges)
    meet = sorted(
        (m for m in fwd.dist if m in bwd.dist and fwd.dist[m] + bwd.dist[m] <= radius),
        key=lambda m: (fwd.dist[m] + bwd.dist[m], m),
    )
    routes: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    for m in meet:
        for path in _join(fwd, bwd, [m], cap):
            key = tuple(path)
            if key not in seen:
                seen.add(key)
                routes.append(path)
        if len(routes) >= cap:
            break
    return first.degree, routes[:cap]


# -- degrees from me, stored ---------------------------------------------------------------------


def degrees_stale(conn: sqlite3.Connection) -> bool:
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('graph_version', 'degrees_version')"))
    has_bridges = conn.execute("SELECT 1 FROM meta WHERE key = 'bridges'").fetchone() is not None
    return rows.get("graph_version") != rows.get("degrees_version") or not has_bridges


def recompute_degrees(conn: sqlite3.Connection, me_id: int) -> None:
    """Store every person's degree from me in both views, and rank my bridges.

    This is the one whole-graph computation (for `network` and `list --degree`): the links are read
    once into numpy arrays (a compressed adjacency), and each view is a breadth-first search from my
    connections, a whole level at a time.
    """
    import numpy as np

    top = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0] + 1
    src, dst, neighbours, offsets = read_adjacency(conn, top)
    results, cached = {}, {}
    for view in View:
        where = " WHERE curated = 1" if view == View.curated else ""
        start = np.array([pid for (pid,) in conn.execute(f"SELECT person_id FROM connection{where}")], dtype=np.int64)
        dist = _bfs(neighbours, offsets, me_id, start, top)
        results[view] = dist
        cached[view.value] = _rank_bridges(src, dst, dist, BRIDGES_KEPT)
    # Only rows that changed are written, found by comparing whole arrays (-1: not reached).
    nominal, curated = results[View.nominal] - 1, results[View.curated] - 1
    ids_col, nom_col, cur_col = conn.execute(
        "SELECT group_concat(person_id), group_concat(coalesce(nominal, -1)), group_concat(coalesce(curated, -1)) "
        "FROM (SELECT person_id, nominal, curated FROM degree_cache ORDER BY person_id)"
    ).fetchone()
    stored_nom = np.full(top, -2, dtype=np.int64)  # -2: no row yet
    stored_cur = np.full(top, -2, dtype=np.int64)
    if ids_col:
        stored_ids = np.fromstring(ids_col, dtype=np.int64, sep=",")
        stored_nom[stored_ids] = np.fromstring(nom_col, dtype=np.int64, sep=",")
        stored_cur[stored_ids] = np.fromstring(cur_col, dtype=np.int64, sep=",")
    (people_col,) = conn.execute("SELECT group_concat(id) FROM person WHERE is_me = 0").fetchone()
    people = np.fromstring(people_col or "", dtype=np.int64, sep=",")
    changed_at = people[(nominal[people] != stored_nom[people]) | (curated[people] != stored_cur[people])]

    def cell(v: int) -> int | None:
        return v if v >= 0 else None

    conn.executemany(
        "INSERT OR REPLACE INTO degree_cache (person_id, nominal, curated) VALUES (?, ?, ?)",
        (
            (pid, cell(n), cell(c))
            for pid, n, c in zip(
                changed_at.tolist(), nominal[changed_at].tolist(), curated[changed_at].tolist(), strict=True
            )
        ),
    )
    version = conn.execute("SELECT value FROM meta WHERE key = 'graph_version'").fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'degrees_version'", (version,))
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('bridges', ?)", (json.dumps({"version": version, **cached}),)
    )


BRIDGES_KEPT = 100  # as many as `cnet network --top` may ask for


def read_adjacency(conn: sqlite3.Connection, top: int):
    """Every link both ways (src, dst) and their compressed adjacency. The links come out of the reverse
    index (b, a), the smaller of the two to scan, grouped by b already; only the other half is sorted
    (32-bit, stable)."""
    import numpy as np

    col_b, col_a = conn.execute(
        "SELECT group_concat(b), group_concat(a) FROM (SELECT b, a FROM link ORDER BY b)"
    ).fetchone()
    b1 = np.fromstring(col_b or "", dtype=np.int64, sep=",")
    a1 = np.fromstring(col_a or "", dtype=np.int64, sep=",")
    del col_a, col_b
    if np.any(b1[1:] < b1[:-1]):  # not in the order asked for: sort the whole after all
        src, dst = np.concatenate([b1, a1]), np.concatenate([a1, b1])
        return (src, dst, *adjacency(src, dst, top))
    order = np.argsort(a1.astype(np.int32) if top < 1 << 31 else a1, kind="stable")
    a2, b2 = a1[order], b1[order]
    del order
    c1, c2 = np.bincount(b1, minlength=top), np.bincount(a2, minlength=top)
    offsets = np.zeros(top + 1, dtype=np.int64)
    np.cumsum(c1 + c2, out=offsets[1:])
    # A person's ties as b come first, then those as a: each half lands at its own offset.
    start1, start2 = np.cumsum(c1) - c1, np.cumsum(c2) - c2
    neighbours = np.empty(2 * len(b1), dtype=np.int64)
    neighbours[offsets[b1] + np.arange(len(b1)) - start1[b1]] = a1
    neighbours[offsets[a2] + c1[a2] + np.arange(len(a2)) - start2[a2]] = b2
    return np.concatenate([b1, a2]), np.concatenate([a1, b2]), neighbours, offsets


def adjacency(src, dst, top: int):
    """A compressed adjacency of directed ties (numpy arrays): everyone's neighbours, and where each
    person's begin (`offsets[p]` to `offsets[p + 1]`)."""
    import numpy as np

    neighbours = dst[np.argsort(src)]  # the order of a person's neighbours does not matter to a search
    offsets = np.zeros(top + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=top), out=offsets[1:])
    return neighbours, offsets


def neighbours_of(neighbours, offsets, frontier):
    """Every neighbour of the frontier's people, laid end to end (repeats included)."""
    import numpy as np

    firsts, counts = offsets[frontier], offsets[frontier + 1] - offsets[frontier]
    total = int(counts.sum())
    shift = np.repeat(firsts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return neighbours[shift + np.arange(total)]


def _bfs(neighbours, offsets, me_id: int, start, top: int):
    """Degree + 1 of everyone (0: not reached), a level at a time; me is never passed through."""
    import numpy as np

    dist = np.zeros(top, dtype=np.int32)
    dist[start] = 2
    dist[me_id] = 1
    frontier = np.flatnonzero(dist == 2)
    level = 2
    while frontier.size:
        reached = neighbours_of(neighbours, offsets, frontier)
        if not reached.size:
            break
        level += 1
        dist[reached[dist[reached] == 0]] = level
        frontier = np.flatnonzero(dist == level)
    return dist


def _rank_bridges(src, dst, dist, keep: int) -> list[list[int]]:
    """[person, 2nd-degree people reached, reached only through them], best first (dist is degree + 1)."""
    import numpy as np

    top = len(dist)
    hop = (dist[src] == 2) & (dist[dst] == 3)
    first, second = src[hop], dst[hop]
    reach = np.bincount(first, minlength=top)
    through = np.bincount(second, minlength=top)
    only = np.bincount(first[through[second] == 1], minlength=top)
    people = np.nonzero(reach)[0]
    order = np.lexsort((people, -only[people], -reach[people]))[:keep]
    return [[int(p), int(reach[p]), int(only[p])] for p in people[order]]


def people_at_degree(conn: sqlite3.Connection, degree: int, view: View) -> set[int]:
    column = View(view).value
    return {r[0] for r in conn.execute(f"SELECT person_id FROM degree_cache WHERE {column} = ?", (degree,))}


def degree_counts(conn: sqlite3.Connection, view: View) -> dict[str, int]:
    column = View(view).value
    counts: dict[str, int] = {}
    for d, n in conn.execute(f"SELECT {column}, count(*) FROM degree_cache GROUP BY {column} ORDER BY {column}"):
        counts[label(d) if d is not None else "not connected"] = n
    return counts


def bridges(conn: sqlite3.Connection, view: View, limit: int = 10) -> list[dict]:
    """My connections ranked by how many 2nd-degree people they connect me to (and how many only they do)."""
    column = View(view).value
    row = conn.execute(
        "SELECT b.value, d.value FROM meta b, meta d WHERE b.key = 'bridges' AND d.key = 'degrees_version'"
    ).fetchone()
    if row and limit <= BRIDGES_KEPT:
        cached = json.loads(row[0])
        if cached.get("version") == row[1] and column in cached:
            return [{"person_id": f, "second_degree": n, "only_through_them": u} for f, n, u in cached[column][:limit]]
    rows = conn.execute(
        f"""
        WITH reach(f, x) AS (
            SELECT l.a, l.b FROM degree_cache f JOIN link l ON l.a = f.person_id
                JOIN degree_cache x ON x.person_id = l.b AND x.{column} = 2
            WHERE f.{column} = 1
            UNION ALL
            SELECT l.b, l.a FROM degree_cache f JOIN link l ON l.b = f.person_id
                JOIN degree_cache x ON x.person_id = l.a AND x.{column} = 2
            WHERE f.{column} = 1
        ),
        per_x(x, n) AS (SELECT x, count(*) FROM reach GROUP BY x)
        SELECT r.f, count(*) AS reach, sum(per_x.n = 1) AS only_through
        FROM reach r JOIN per_x ON per_x.x = r.x
        GROUP BY r.f ORDER BY reach DESC, only_through DESC, r.f LIMIT ?
        """,
        (limit,),
    ).fetchall()
    return [{"person_id": f, "second_degree": n, "only_through_them": u} for f, n, u in rows]


def untied(conn: sqlite3.Connection, limit: int = 20) -> tuple[int, list[int]]:
    """People with no tie at all: not connected with me and linked to no one."""
    # Anyone with a tie is reachable from me or linked to someone, so only people the degree pass did not
    # reach (an index range) or added since it ran (ids above its last) need the checks — not everyone.
    sql = """
        WITH candidate(id) AS (
            SELECT person_id FROM degree_cache WHERE nominal IS NULL
            UNION SELECT id FROM person WHERE id > (SELECT coalesce(max(person_id), 0) FROM degree_cache)
        )
        SELECT p.id, p.name_key FROM candidate c JOIN person p ON p.id = c.id
        WHERE p.is_me = 0
          AND NOT EXISTS (SELECT 1 FROM connection x WHERE x.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM link l WHERE l.a = p.id)
          AND NOT EXISTS (SELECT 1 FROM link l WHERE l.b = p.id)
    """
    rows = conn.execute(sql).fetchall()
    rows.sort(key=lambda r: r[1])
    return len(rows), [r[0] for r in rows[:limit]]
