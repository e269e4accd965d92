"""What a map shows: the people within a few degrees of its centre, their rings, colours, sizes, bridges
and the ties between consecutive rings (every shortest route, so the page can answer `cnet path`).

Only the ties the map needs are read: one level at a time outward from the centre, each level's ties in a
few queries into numpy arrays, and every per-edge step vectorised (10M links: the ties of my 30,000
connections, not all ten million). A map of more people than a page can hold is grouped: the first ring
by company, everyone further out by their bridge, each group opening on click, and each bridge keeps on
the page the people it is the warmest way to, as many as the page has room for.
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
GROUP_AT = 60_000  # more people on the map than this are grouped: the page keeps at most this many
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
    # Grouped (more people than GROUP_AT): the first ring as companies, each opening on click (`group`: the
    # index in `groups` of each 1st-degree person, -1 for the rest), and beyond it, only the warmest people
    # through each bridge (`beyond`: how many in all each 1st-degree person is the warmest way to).
    grouped: bool = False
    groups: list[str] = field(default_factory=list)
    group: list[int] = field(default_factory=list)
    beyond: list[int] = field(default_factory=list)
    within: dict[int, int] = field(default_factory=dict)  # people within the depth, by degree, page or not
    per_bridge: int = 0  # grouped: the most people through one bridge the page holds
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    rings: list[tuple[float, float]] = field(default_factory=list)  # (inner, outer) radius of each ring

    def counts(self) -> dict[str, int]:
        """How many people are on each ring, nearest first (on the page or not)."""
        per: dict[int, int] = dict(self.within)
        if not per:
            for d in self.degree:
                per[d] = per.get(d, 0) + 1
        return {label(d): per[d] for d in sorted(per) if d}

    def summary(self, fmt: str = "html") -> dict:
        """What the map holds, as `cnet map --json` reports it for a page (`html`) or a picture (`svg`).

        A picture opens nothing: what a page folds or groups until clicked, an SVG leaves out (`not_drawn`)."""
        beyond = sum(n for d, n in self.counts_by_degree().items() if d >= 2)
        picture = fmt == "svg"
        out = {
            "centre": self.handle[self.centre],
            "view": self.view,
            "depth": self.depth,
            "filters": self.filters,
            "people": sum(self.counts_by_degree().values()),
            "by_degree": self.counts(),
            "context": sum(self.context),
            "ties": len(self.edges) // 2,
            "bridges": sum(1 for r in self.reach if r),
            "folded": beyond if self.folded and not picture else 0,
            "not_drawn": beyond if self.folded and picture else 0,
        }
        if self.grouped and not picture:
            out["grouped"] = {
                "companies": len(self.groups),
                "on_page": len(self.ids) - 1,
                "left_out": sum(self.counts_by_degree().values()) - (len(self.ids) - 1),
            }
        return out

    def counts_by_degree(self) -> dict[int, int]:
        if self.within:
            return {d: n for d, n in self.within.items() if d}
        per: dict[int, int] = {}
        for d in self.degree:
            if d:
                per[d] = per.get(d, 0) + 1
        return per


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
    # 32-bit ids and weights where they fit (as the degree pass reads them).
    idt = np.int32 if top < 1 << 31 else np.int64
    # Every connection of mine is coloured by how I know them; those of this view are ties.
    connected = [(r[0], bool(r[1])) for r in conn.execute("SELECT person_id, curated FROM connection")]
    records = connection_records(conn, [pid for pid, _ in connected])
    events = interactions_of(conn, records)
    my_strength = {pid: strength(c, events.get(pid, []))["score"] for pid, c in records.items()}
    mine = np.array([pid for pid, c in connected if c or view == View.nominal], dtype=idt)
    ms = np.array([my_strength[int(p)] for p in mine], dtype=np.int32)
    dist, src, dst, wt = _around(conn, me, centre, top, depth, mine, ms)
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
    # How many people are folded into each bridge (whose warmest way in they are), page or not.
    further = ids[deg >= 2]
    beyond = np.bincount(bridge_of[further], minlength=top) if further.size else np.zeros(top, dtype=np.int64)
    within = {d: n for d, n in enumerate(np.bincount(deg).tolist()) if n}
    grouped = len(ids) > GROUP_AT + 1
    per_bridge = 0
    if grouped:
        room = max(GROUP_AT - int((deg <= 1).sum()) + 1, 0)
        keep, per_bridge = _warmest_through_each_bridge(ids, dist, warm, parent, bridge_of, room, depth)
        ids = ids[keep[ids]]
        index = np.full(top, -1, dtype=np.int64)
        index[ids] = np.arange(len(ids))
        deg = dist[ids]
        on_page = keep[es] & keep[ed]
        es, ed, ew = es[on_page], ed[on_page], ew[on_page]

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
    folded = sum(n for d, n in within.items() if d >= 2) > FOLD_AT
    filters = {k: v for k, v in (("tag", tag), ("company", company)) if v}
    rows = [people[pid] for pid in ids.tolist()]
    groups, group = _companies(rows, deg.tolist()) if grouped else ([], [])
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
        grouped=grouped,
        groups=groups,
        group=group,
        beyond=beyond[ids].tolist(),
        within=within,
        per_bridge=per_bridge,
    )


GROUPS_AT_MOST = 40  # companies with a group of their own; the rest are together
OTHER_COMPANIES, NO_COMPANY = "other companies", "no company given"


def _companies(rows: list, degree: list[int]) -> tuple[list[str], list[int]]:
    """The first ring's groups, by company (the biggest first, as spelt most often; the rest together, then
    those with none), and each person's group (-1: not in the first ring)."""
    from .. import text as tx

    count: dict[str, int] = {}
    spelt: dict[str, dict[str, int]] = {}
    keys = []
    for row, d in zip(rows, degree, strict=True):
        company = (row[2] or "").strip() if d == 1 else ""
        key = tx.name_key(company) if company else ""
        keys.append(key)
        if d == 1 and key:
            count[key] = count.get(key, 0) + 1
            names = spelt.setdefault(key, {})
            names[company] = names.get(company, 0) + 1
    biggest = sorted(count, key=lambda k: (-count[k], k))[:GROUPS_AT_MOST]
    groups = [max(sorted(spelt[k]), key=lambda n: spelt[k][n]) for k in biggest]
    place = {k: n for n, k in enumerate(biggest)}
    rest = [k for k, d in zip(keys, degree, strict=True) if d == 1 and k and k not in place]
    if rest:
        groups.append(OTHER_COMPANIES)
    if any(d == 1 and not k for k, d in zip(keys, degree, strict=True)):
        groups.append(NO_COMPANY)
    group = []
    for key, d in zip(keys, degree, strict=True):
        if d != 1:
            group.append(-1)
        elif not key:
            group.append(groups.index(NO_COMPANY))
        else:
            group.append(place.get(key, len(biggest)))  # past the biggest: "other companies"
    return groups, group


def _warmest_through_each_bridge(ids, dist, warm, parent, bridge_of, room: int, depth: int):
    """Who stays on a grouped page: the first ring, and through each bridge the people it is the warmest way
    to (nearer rings first, then the strongest weakest tie, then the lowest id), as many through each as
    `room` allows in all; someone further out only with the person they hang from. Returns the mask of who
    stays (indexed by person id) and how many each bridge keeps at most."""
    import numpy as np

    keep = np.zeros(len(dist), dtype=bool)
    keep[ids[dist[ids] <= 1]] = True
    further = ids[dist[ids] >= 2]
    if not further.size or room <= 0:
        return keep, 0
    through = bridge_of[further]
    order = np.lexsort((further, -warm[further], dist[further], through))
    further, through = further[order], through[order]
    starts = np.flatnonzero(np.concatenate(([True], through[1:] != through[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(through)])))
    rank = np.arange(len(through)) - np.repeat(starts, sizes)
    low, high = 0, int(sizes.max())  # the most each bridge keeps: the largest that fits the room
    while low < high:
        k = (low + high + 1) // 2
        if int(np.minimum(sizes, k).sum()) <= room:
            low = k
        else:
            high = k - 1
    keep[further[rank < low]] = True
    for level in range(3, depth + 1):
        at = ids[dist[ids] == level]
        keep[at[~keep[parent[at]]]] = False
    return keep, low


def _around(conn: sqlite3.Connection, me: int, centre: int, top: int, depth: int, mine, ms):
    """Everyone within `depth` of the centre (their degree from it; -1 beyond), and the ties the map can draw,
    each way round (src, dst, strength): every tie of each ring but the last, which holds every tie between
    consecutive rings (every shortest route) and, the first ring being read, those within it. My
    connections of the view (`mine`, with my strength of each, `ms`) are ties to me."""
    import numpy as np

    idt = mine.dtype
    dist = np.full(top, -1, dtype=np.int32)
    dist[centre] = 0
    mine_mask = np.zeros(top, dtype=bool)
    mine_mask[mine] = True
    my_weight = np.zeros(top, dtype=np.int32)
    my_weight[mine] = ms
    frontier = np.array([centre], dtype=idt)
    lows, highs, weights = [], [], []
    for level in range(max(depth - 1, 1) + 1):  # the first ring is read even at depth 1: ties within it
        if not frontier.size:
            break
        x, y, w = _ties_of(conn, frontier, idt)
        if me in frontier.tolist():  # me: my connections of the view
            x, y, w = (
                np.concatenate([x, np.full(len(mine), me, dtype=idt)]),
                np.concatenate([y, mine]),
                np.concatenate([w, ms]),
            )
        theirs = frontier[mine_mask[frontier]]  # my connections among them: a tie to me
        x, y = np.concatenate([x, theirs]), np.concatenate([y, np.full(len(theirs), me, dtype=idt)])
        w = np.concatenate([w, my_weight[theirs]])
        lows.append(np.minimum(x, y))
        highs.append(np.maximum(x, y))
        weights.append(w)
        if level < depth:
            new = np.zeros(top, dtype=bool)  # who this level reaches first, each once (no sort)
            new[y[dist[y] < 0]] = True
            reached = np.flatnonzero(new).astype(idt)
            dist[reached] = level + 1
            frontier = reached
    lo, hi, w = np.concatenate(lows), np.concatenate(highs), np.concatenate(weights)
    # A tie read from both ends, once (a stable sort: numpy's hashing unique takes seconds on a million).
    key = lo.astype(np.int64) * top + hi
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    first = order[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    lo, hi, w = lo[first], hi[first], w[first]
    return dist, np.concatenate([lo, hi]), np.concatenate([hi, lo]), np.concatenate([w, w])


def _ties_of(conn: sqlite3.Connection, people, idt, at_once: int = 5_000):
    """Every link of `people` as (them, the other, its strength), a few thousand people a query."""
    import numpy as np

    xs, ys, ws = [], [], []
    ids = people.tolist()
    for start in range(0, len(ids), at_once):
        col_x, col_y, col_w = conn.execute(
            "SELECT group_concat(x), group_concat(y), group_concat(w) FROM ("
            f"SELECT a AS x, b AS y, coalesce(strength, {DEFAULT_LINK_STRENGTH}) AS w FROM link "
            "WHERE a IN (SELECT value FROM json_each(?1)) "
            f"UNION ALL SELECT b, a, coalesce(strength, {DEFAULT_LINK_STRENGTH}) FROM link "
            "WHERE b IN (SELECT value FROM json_each(?1)))",
            (json.dumps(ids[start : start + at_once]),),
        ).fetchone()
        if col_x:
            xs.append(np.fromstring(col_x, dtype=idt, sep=","))
            ys.append(np.fromstring(col_y, dtype=idt, sep=","))
            ws.append(np.fromstring(col_w, dtype=np.int32, sep=","))
    if not xs:
        return np.zeros(0, dtype=idt), np.zeros(0, dtype=idt), np.zeros(0, dtype=np.int32)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)
