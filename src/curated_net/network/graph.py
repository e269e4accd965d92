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


# -- degrees from me, stored (kept up to date by network/degrees.py) ------------------------------


def degrees_stale(conn: sqlite3.Connection) -> bool:
    """Whether the stored degrees need bringing up to date before they are read."""
    from . import degrees

    return not degrees.up_to_date(conn)


def recompute_degrees(conn: sqlite3.Connection, me_id: int) -> None:
    """Bring the stored degrees (and what bridges are ranked by) up to date: in place when only a few ties
    changed since, with one pass over the whole graph otherwise."""
    from . import degrees

    degrees.bring_up_to_date(conn, me_id)


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
    rows = conn.execute(
        f"SELECT person_id, {column}_seconds, {column}_sole FROM degree_cache "
        f"WHERE {column} = 1 AND {column}_seconds > 0 "
        f"ORDER BY {column}_seconds DESC, {column}_sole DESC, person_id LIMIT ?",
        (limit,),
    ).fetchall()
    return [{"person_id": f, "second_degree": n, "only_through_them": u} for f, n, u in rows]


def untied(conn: sqlite3.Connection, limit: int = 20) -> tuple[int, list[int]]:
    """People with no tie at all: not connected with me and linked to no one."""
    # Anyone with a tie is reachable from me or linked to someone, so only people the degree pass did not
    # reach (an index range) or added since it ran (no row yet, ids above the last) need the checks.
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
