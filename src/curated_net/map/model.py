"""What a map shows: the people within a few degrees of its centre, their rings, colours, sizes, bridges
and the ties between consecutive rings (every shortest route, so the page can answer `cnet path`).

The graph is read once into numpy arrays (as the degree engine does) and every per-edge step is
vectorised: a map of 100,000 people is built in about a second.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ..errors import BadInput
from ..network.graph import View, label
from ..network.ties import DEFAULT_LINK_STRENGTH, connection_records, describe_evidence, interactions_of, strength

# How I know someone, in the order that decides their colour when several criteria hold.
CATEGORIES: list[tuple[str, str, str]] = [
    ("me", "me", "#1f2933"),
    ("family", "family", "#d55e00"),
    ("friend", "friend", "#e69f00"),
    ("business-partner", "business partner", "#882255"),
    ("colleague", "colleague", "#009e73"),
    ("client", "client", "#0072b2"),
    ("classmate", "classmate", "#cc79a7"),
    ("met-in-person", "met in person", "#8f7a00"),
    ("nominal", "nominal only (LinkedIn, no evidence)", "#a0a4a8"),
    ("through-others", "not my connection: known through others", "#7e9cc0"),
]
CATEGORY_INDEX = {c[0]: i for i, c in enumerate(CATEGORIES)}
FOLD_AT = 2_500  # more people beyond the first ring than this are folded into their bridges
MAX_DEPTH = 3


@dataclass
class NetworkMap:
    """The people on a map (index order = ascending person id, so routes tie-break as `cnet path` does)."""

    view: str
    depth: int
    centre: int  # index of the centre
    me: int  # index of me, or -1 when I am not on the map
    ids: list[int]
    handle: list[str]
    name: list[str]
    company: list[str | None]
    title: list[str | None]
    how_met: list[str | None]
    met_on: list[str | None]
    evidence: list[str | None]  # how I know them, one phrase per criterion, for my connections
    category: list[int]
    strength: list[int | None]  # my relationship strength, for my connections
    degree: list[int]  # from the centre
    context: list[bool]  # shown only because a filtered-in person is reached through them
    bridge: list[int]  # the 1st-degree person a person beyond ring 1 is folded into (-1: none)
    parent: list[int]  # the warmest way in: the person one ring in that their best route passes (-1: the centre)
    reach: list[int]  # for 1st-degree people: how many 2nd-degree people they connect the centre to
    edges: list[int]  # flat pairs of indices: ties between consecutive rings, and within ring 1
    edge_strength: list[int]  # one per pair: the strength route ranking uses
    folded: bool
    filters: dict[str, str] = field(default_factory=dict)
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    rings: list[tuple[float, float]] = field(default_factory=list)  # (inner, outer) radius of each ring

    def counts(self) -> dict[str, int]:
        """How many people are on each ring, nearest first."""
        per: dict[int, int] = {}
        for d in self.degree:
            per[d] = per.get(d, 0) + 1
        return {label(d): per[d] for d in sorted(per) if d}

    def summary(self) -> dict:
        """What the map holds, as `cnet map --json` reports it."""
        beyond = sum(1 for d in self.degree if d >= 2)
        return {
            "centre": self.handle[self.centre],
            "view": self.view,
            "depth": self.depth,
            "filters": self.filters,
            "people": len(self.ids) - 1,
            "by_degree": self.counts(),
            "context": sum(self.context),
            "ties": len(self.edges) // 2,
            "bridges": sum(1 for r in self.reach if r),
            "folded": beyond if self.folded else 0,
        }


def build_map(
    conn: sqlite3.Connection,
    *,
    me: int,
    centre: int,
    view: View = View.curated,
    depth: int = 2,
    tag: str | None = None,
    company: str | None = None,
) -> NetworkMap:
    """Everyone within `depth` of `centre` (filtered by tag and company, with whoever they are reached through)."""
    import numpy as np

    from .. import text as tx
    from ..people.records import like_escape

    if not 1 <= depth <= MAX_DEPTH:
        raise BadInput(f"--depth: {depth} is outside 1–{MAX_DEPTH}")
    view = View(view)
    top = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0] + 1
    col_a, col_b, col_s = conn.execute(
        f"SELECT group_concat(a), group_concat(b), group_concat(coalesce(strength, {DEFAULT_LINK_STRENGTH})) FROM link"
    ).fetchone()
    # 32-bit ids and weights where they fit (as the degree pass reads them): half the memory at 3M links.
    idt = np.int32 if top < 1 << 31 else np.int64
    la = np.fromstring(col_a or "", dtype=idt, sep=",")
    lb = np.fromstring(col_b or "", dtype=idt, sep=",")
    ls = np.fromstring(col_s or "", dtype=np.int32, sep=",")
    del col_a, col_b, col_s
    # Every connection of mine is coloured by how I know them; those of this view are ties.
    connected = [(r[0], bool(r[1])) for r in conn.execute("SELECT person_id, curated FROM connection")]
    records = connection_records(conn, [pid for pid, _ in connected])
    events = interactions_of(conn, records)
    my_strength = {pid: strength(c, events.get(pid, []))["score"] for pid, c in records.items()}
    mine = np.array([pid for pid, c in connected if c or view == View.nominal], dtype=idt)
    ms = np.array([my_strength[int(p)] for p in mine], dtype=np.int32)
    # The graph of this view: links, and my connections as ties to me.
    a = np.concatenate([la, np.full(len(mine), me, dtype=idt)])
    b = np.concatenate([lb, mine])
    w = np.concatenate([ls, ms])
    del la, lb, ls
    src, dst, wt = np.concatenate([a, b]), np.concatenate([b, a]), np.concatenate([w, w])
    del a, b, w

    dist = _levels(src, dst, centre, top, depth)
    shown = dist >= 0
    if tag or company:
        wanted = np.zeros(top, dtype=bool)
        sql, params = "SELECT id FROM person WHERE is_me = 0", []
        if tag:
            sql += " AND id IN (SELECT person_id FROM tag WHERE name_key = ?)"
            params.append(tx.name_key(tag))
        if company:
            sql += " AND company LIKE ? ESCAPE '\\'"
            params.append("%" + like_escape(tx.clean_input(company)) + "%")
        hits = np.array([r[0] for r in conn.execute(sql, params)], dtype=np.int64)
        wanted[hits] = True
        wanted &= shown
        wanted[centre] = False
        if not wanted.any():
            what = " and ".join(f for f in (tag and f"tag '{tag}'", company and f"company '{company}'") if f)
            raise BadInput(f"no one within {label(depth)} degree of the centre has {what}: nothing to draw")
        keep = wanted.copy()
        keep[centre] = True
        # Whoever a wanted person is reached through, all the way in: every shortest route stays drawable.
        step = (dist[src] >= 0) & (dist[dst] == dist[src] - 1)
        frontier = wanted
        for _ in range(depth):
            inward = np.zeros(top, dtype=bool)
            inward[dst[step & frontier[src]]] = True
            frontier = inward & ~keep
            keep |= inward
        context_mask = keep & ~wanted
        context_mask[centre] = False
        shown = keep
    else:
        context_mask = np.zeros(top, dtype=bool)
    ids = np.flatnonzero(shown)
    index = np.full(top, -1, dtype=np.int64)
    index[ids] = np.arange(len(ids))

    # Ties kept: between consecutive rings (every shortest route) and within the first ring.
    both = shown[src] & shown[dst] & (src < dst)
    ds, dd = dist[src], dist[dst]
    keep_edge = both & ((np.abs(ds - dd) == 1) | ((ds == 1) & (dd == 1)))
    es, ed, ew = src[keep_edge], dst[keep_edge], wt[keep_edge]

    deg = dist[ids]
    # Each person beyond ring 1 hangs from their warmest way in: the parent whose best route has the
    # strongest weakest tie (what `cnet path` ranks by), then the lowest id.
    warm = np.full(top, -1, dtype=np.int64)
    warm[centre] = 101
    parent = np.full(top, -1, dtype=np.int64)
    inner, outer = np.where(ds[keep_edge] < dd[keep_edge], es, ed), np.where(ds[keep_edge] < dd[keep_edge], ed, es)
    ring_edge = dist[inner] == dist[outer] - 1
    inner, outer, iw = inner[ring_edge], outer[ring_edge], ew[ring_edge]
    for level in range(1, depth + 1):
        sel = dist[outer] == level
        if not sel.any():
            continue
        o, i, val = outer[sel], inner[sel], np.minimum(warm[inner[sel]], iw[sel])
        order = np.lexsort((i, -val, o))
        o, i, val = o[order], i[order], val[order]
        first = np.concatenate(([True], o[1:] != o[:-1]))
        warm[o[first]] = val[first]
        parent[o[first]] = i[first]
    bridge_of = np.full(top, -1, dtype=np.int64)
    at1 = ids[dist[ids] == 1]
    bridge_of[at1] = at1
    for level in range(2, depth + 1):
        at = ids[dist[ids] == level]
        bridge_of[at] = bridge_of[parent[at]]
    # Reach: how many 2nd-degree people each 1st-degree person is a way to.
    hop = (dist[inner] == 1) & (dist[outer] == 2)
    reach = np.bincount(inner[hop], minlength=top)

    people = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT id, handle, name, company, title, how_met, met_on FROM person "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids.tolist()),),
        )
    }
    category: list[int] = []
    strengths: list[int | None] = []
    evidence: list[str | None] = []
    for pid in ids.tolist():
        if pid == me:
            category.append(CATEGORY_INDEX["me"])
            strengths.append(None)
            evidence.append(None)
            continue
        record = records.get(pid)
        if record is None:
            category.append(CATEGORY_INDEX["through-others"])
            strengths.append(None)
            evidence.append(None)
            continue
        criteria = {e["criterion"] for e in record["evidence"]}
        how = next((c for c, _, _ in CATEGORIES if c in criteria), "nominal")
        category.append(CATEGORY_INDEX[how])
        strengths.append(my_strength.get(pid))
        evidence.append("; ".join(describe_evidence(e) for e in record["evidence"]) or record["summary"])
    folded = int((deg >= 2).sum()) > FOLD_AT
    filters = {k: v for k, v in (("tag", tag), ("company", company)) if v}
    rows = [people[pid] for pid in ids.tolist()]
    return NetworkMap(
        view=view.value,
        depth=depth,
        centre=int(index[centre]),
        me=int(index[me]) if shown[me] else -1,
        ids=ids.tolist(),
        handle=[r[0] for r in rows],
        name=[r[1] for r in rows],
        company=[r[2] for r in rows],
        title=[r[3] for r in rows],
        how_met=[r[4] for r in rows],
        met_on=[r[5] for r in rows],
        evidence=evidence,
        category=category,
        strength=strengths,
        degree=deg.tolist(),
        context=context_mask[ids].tolist(),
        bridge=[int(index[b]) if b >= 0 else -1 for b in bridge_of[ids].tolist()],
        parent=[int(index[p]) if p >= 0 else -1 for p in parent[ids].tolist()],
        reach=reach[ids].tolist(),
        edges=np.column_stack([index[es], index[ed]]).ravel().tolist(),
        edge_strength=ew.tolist(),
        folded=folded,
        filters=filters,
    )


def _levels(src, dst, centre: int, top: int, depth: int):
    """Degree from the centre of everyone within `depth` (-1 beyond), a whole level at a time. A map goes
    three levels deep at most: a pass over the ties a level costs less than sorting them into an adjacency."""
    import numpy as np

    dist = np.full(top, -1, dtype=np.int32)
    dist[centre] = 0
    frontier = np.zeros(top, dtype=bool)
    frontier[centre] = True
    for level in range(1, depth + 1):
        reached = dst[frontier[src]]
        reached = reached[dist[reached] < 0]
        if not reached.size:
            break
        dist[reached] = level
        frontier = np.zeros(top, dtype=bool)
        frontier[reached] = True
    return dist
