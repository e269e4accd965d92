"""Questions about the network as a whole or between two people, answered for people (the domain API)."""

from __future__ import annotations

from itertools import pairwise

from sqlmodel import Session, select

from . import graph
from .errors import BadInput
from .graph import View
from .people import get_me, person_dict
from .relationships import DEFAULT_LINK_STRENGTH, connection_dict, strengths_of
from .store.database import Store
from .store.models import Connection, Link, Person


def _edges(session: Session, view: View) -> tuple[graph.Edges, Person]:
    me = get_me(session)
    return graph.Edges(Store.dbapi(session), me.id, View(view)), me


def _check_depth(max_depth: int) -> None:
    if not 1 <= max_depth <= 50:
        raise BadInput(f"--max-depth: {max_depth} is outside 1–50")


def _handles(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    return {p.id: p for p in session.exec(select(Person).where(Person.id.in_(ids)))}


def hop_descriptions(session: Session, path: list[int], people: dict[int, Person]) -> list[dict]:
    """How each consecutive pair on a path knows each other."""
    hops = []
    for u, v in pairwise(path):
        pu, pv = people[u], people[v]
        if pu.is_me or pv.is_me:
            other = pv if pu.is_me else pu
            info = connection_dict(session.get(Connection, other.id))
            how = info["summary"] if info else "connected"
        else:
            row = session.get(Link, (min(u, v), max(u, v)))
            how = ("knows: " + row.how) if row and row.how else "linked (how not recorded)"
            if row and row.learnt:
                how += f" (learnt from {row.learnt})"
        hops.append({"from": pu.handle, "to": pv.handle, "how": how})
    return hops


def degree_between(
    session: Session,
    a: Person,
    b: Person,
    *,
    view: View = View.curated,
    max_depth: int = graph.DEFAULT_MAX_DEPTH,
    all_paths: bool = False,
    limit: int = graph.PATH_LIMIT,
) -> dict:
    """The contract's degree document, with the hops of the path and, with all_paths, every shortest path."""
    _check_depth(max_depth)
    edges, _me = _edges(session, view)
    result = graph.shortest_paths(edges, a.id, b.id, max_depth=max_depth, limit=limit if all_paths else 1)
    ids = {n for p in result.paths for n in p}
    people = _handles(session, ids | {a.id, b.id})
    first = result.paths[0] if result.paths else []
    doc = {
        "from": a.handle,
        "to": b.handle,
        "degree": result.degree,
        "label": graph.label(result.degree, max_depth),
        "path": [people[n].handle for n in first],
        "view": View(view).value,
        "max_depth": max_depth,
        "hops": hop_descriptions(session, first, people),
        "names": {people[n].handle: people[n].name for n in first},
    }
    if all_paths:
        doc["paths"] = [[people[n].handle for n in p] for p in result.paths]
        doc["paths_truncated"] = len(result.paths) >= limit
    return doc


def warm_paths(
    session: Session,
    a: Person,
    b: Person,
    *,
    k: int = 3,
    view: View = View.curated,
    max_depth: int = graph.DEFAULT_MAX_DEPTH,
    slack: int = 1,
) -> dict:
    """The k best introduction routes from a to b: strongest weakest link first, then shortest."""
    _check_depth(max_depth)
    if k < 1:
        raise BadInput("-k must be at least 1")
    edges, me = _edges(session, view)
    degree, routes = graph.candidate_routes(edges, a.id, b.id, max_depth=max_depth, slack=slack)
    # Strength of each tie on the candidate routes: mine from evidence and interactions, others' as recorded.
    mine = {n for r in routes for u, v in pairwise(r) if me.id in (u, v) for n in (u, v)} - {me.id}
    strong = strengths_of(session, mine)
    pairs = {(min(u, v), max(u, v)) for r in routes for u, v in pairwise(r) if me.id not in (u, v)}
    link_strength = {}
    if pairs:
        conn = Store.dbapi(session)
        for x, y in pairs:
            row = conn.execute("SELECT strength FROM link WHERE a = ? AND b = ?", (x, y)).fetchone()
            link_strength[(x, y)] = row[0] if row and row[0] is not None else DEFAULT_LINK_STRENGTH

    def tie(u: int, v: int) -> int:
        if me.id in (u, v):
            return strong.get(v if u == me.id else u, 0)
        return link_strength[(min(u, v), max(u, v))]

    scored = []
    for r in routes:
        ties = [tie(u, v) for u, v in pairwise(r)]
        scored.append((min(ties) if ties else 100, len(r) - 1, r, ties))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    best = scored[:k]
    people = _handles(session, {n for _, _, r, _ in best for n in r} | {a.id, b.id})
    out = []
    for weakest, length, r, ties in best:
        hops = hop_descriptions(session, r, people)
        for hop, s in zip(hops, ties, strict=False):
            hop["strength"] = s
        ask = people[r[1]].handle if len(r) > 2 else None  # the first person along the route
        out.append(
            {
                "path": [people[n].handle for n in r],
                "length": length,
                "weakest": weakest,
                "ask": ask,
                "hops": hops,
            }
        )
    return {
        "from": a.handle,
        "to": b.handle,
        "degree": degree,
        "label": graph.label(degree, max_depth),
        "view": View(view).value,
        "routes": out,
        "considered": len(routes),
    }


def ensure_degrees(store: Store) -> None:
    """Bring stored degrees from me up to date if any tie changed since they were computed."""
    with store.read() as s:
        stale = graph.degrees_stale(Store.dbapi(s))
    if stale:
        with store.write() as s:
            conn = Store.dbapi(s)
            if graph.degrees_stale(conn):
                graph.recompute_degrees(conn, get_me(s).id)


def ids_at_degree(session: Session, degree: int, view: View) -> set[int]:
    if degree < 1:
        raise BadInput("--degree must be 1 or more")
    return graph.people_at_degree(Store.dbapi(session), degree, view)


def network_summary(session: Session, *, top: int = 10) -> dict:
    conn = Store.dbapi(session)
    views = {}
    for view in View:
        bridge_rows = graph.bridges(conn, view, top)
        people = _handles(session, {r["person_id"] for r in bridge_rows})
        views[view.value] = {
            "by_degree": graph.degree_counts(conn, view),
            "bridges": [
                {
                    "handle": people[r["person_id"]].handle,
                    "name": people[r["person_id"]].name,
                    "second_degree": r["second_degree"],
                    "only_through_them": r["only_through_them"],
                }
                for r in bridge_rows
            ],
        }
    total, ids = graph.untied(conn)
    lonely = _handles(session, set(ids))
    return {
        "people": conn.execute("SELECT count(*) FROM person WHERE is_me = 0").fetchone()[0],
        "connections": conn.execute("SELECT count(*) FROM connection").fetchone()[0],
        "curated_connections": conn.execute("SELECT count(*) FROM connection WHERE curated = 1").fetchone()[0],
        "links": conn.execute("SELECT count(*) FROM link").fetchone()[0],
        "views": views,
        "untied": {"count": total, "people": [{"handle": lonely[i].handle, "name": lonely[i].name} for i in ids]},
    }


def degree_from_me(session: Session, person: Person) -> dict:
    """Degree from me in both views, for `show`."""
    out = {}
    for view in View:
        edges, me = _edges(session, view)
        r = graph.shortest_paths(edges, me.id, person.id, limit=1)
        out[view.value] = graph.label(r.degree)
    out["summary"] = f"{out['curated']} (curated), {out['nominal']} (nominal)"
    return out


def person_full(session: Session, person: Person, *, explain: bool = False) -> dict:
    """A person with their connection, degree, interactions and strength, for `show`."""
    from .relationships import get_connection, history, interaction_dict, strength

    data = person_dict(person)
    if person.is_me:
        return data
    conn = get_connection(session, person)
    events = history(session, person)
    s = strength(conn, events)
    data["connection"] = connection_dict(conn)
    data["degree"] = degree_from_me(session, person)
    data["interactions"] = {
        "count": len(events),
        "memorable": sum(1 for e in events if e.memorable),
        "last": interaction_dict(events[0]) if events else None,
    }
    data["strength"] = s if explain else {"score": s["score"], "summary": s["summary"]}
    return data
