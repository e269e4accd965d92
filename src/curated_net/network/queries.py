"""Questions about the network, between two people or as a whole, over a plain DB-API connection."""

from __future__ import annotations

import datetime as dt
import sqlite3
from itertools import pairwise
from typing import Any

from ..errors import BadInput
from ..people.records import me_id, names, person_record
from . import graph
from .graph import View
from .ties import (
    DEFAULT_LINK_STRENGTH,
    connection_record,
    interactions,
    link_record,
    strength,
    strengths_of,
)


def _check_depth(max_depth: int) -> None:
    if not 1 <= max_depth <= 50:
        raise BadInput(f"--max-depth: {max_depth} is outside 1–50")


def hop_descriptions(conn: sqlite3.Connection, path: list[int], me: int, who: dict[int, tuple[str, str]]) -> list[dict]:
    """How each consecutive pair on a path knows each other."""
    hops = []
    for u, v in pairwise(path):
        if me in (u, v):
            info = connection_record(conn, v if u == me else u)
            how = info["summary"] if info else "connected"
        else:
            row = link_record(conn, u, v)
            how = ("knows: " + row["how"]) if row and row["how"] else "linked (how not recorded)"
            if row and row["learnt"]:
                how += f" (learnt from {row['learnt']})"
        hops.append({"from": who[u][0], "to": who[v][0], "how": how})
    return hops


def degree_between(
    conn: sqlite3.Connection,
    a: int,
    b: int,
    *,
    view: View = View.curated,
    max_depth: int = graph.DEFAULT_MAX_DEPTH,
    all_paths: bool = False,
    limit: int = graph.PATH_LIMIT,
) -> dict:
    """The contract's degree document, with the hops of the path and, with all_paths, every shortest path."""
    _check_depth(max_depth)
    me = me_id(conn)
    edges = graph.Edges(conn, me, View(view))
    result = graph.shortest_paths(edges, a, b, max_depth=max_depth, limit=limit if all_paths else 1)
    who = names(conn, {n for p in result.paths for n in p} | {a, b})
    first = result.paths[0] if result.paths else []
    doc: dict[str, Any] = {
        "from": who[a][0],
        "to": who[b][0],
        "degree": result.degree,
        "label": graph.label(result.degree, max_depth),
        "path": [who[n][0] for n in first],
        "view": View(view).value,
        "max_depth": max_depth,
        "hops": hop_descriptions(conn, first, me, who),
        "names": {who[n][0]: who[n][1] for n in first},
    }
    if all_paths:
        doc["paths"] = [[who[n][0] for n in p] for p in result.paths]
        doc["paths_truncated"] = len(result.paths) >= limit
    return doc


def warm_paths(
    conn: sqlite3.Connection,
    a: int,
    b: int,
    *,
    k: int = 3,
    view: View = View.curated,
    max_depth: int = graph.DEFAULT_MAX_DEPTH,
    slack: int = 1,
) -> dict:
    """The k best introduction routes from a to b: strongest weakest tie first, then shortest."""
    _check_depth(max_depth)
    if k < 1:
        raise BadInput("-k must be at least 1")
    me = me_id(conn)
    edges = graph.Edges(conn, me, View(view))
    degree, routes = graph.candidate_routes(edges, a, b, max_depth=max_depth, slack=slack)
    # Ties on the candidate routes: mine scored from evidence and interactions, others' as recorded.
    mine = {n for r in routes for u, v in pairwise(r) if me in (u, v) for n in (u, v)} - {me}
    strong = strengths_of(conn, mine)
    link_strength: dict[tuple[int, int], int] = {}

    def tie(u: int, v: int) -> int:
        if me in (u, v):
            return strong.get(v if u == me else u, 0)
        key = (min(u, v), max(u, v))
        if key not in link_strength:
            row = link_record(conn, u, v)
            link_strength[key] = row["strength"] if row and row["strength"] is not None else DEFAULT_LINK_STRENGTH
        return link_strength[key]

    scored = []
    for r in routes:
        ties = [tie(u, v) for u, v in pairwise(r)]
        scored.append((min(ties) if ties else 100, len(r) - 1, r, ties))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    best = scored[:k]
    who = names(conn, {n for _, _, r, _ in best for n in r} | {a, b})
    out = []
    for weakest, length, r, ties in best:
        hops = hop_descriptions(conn, r, me, who)
        for hop, s in zip(hops, ties, strict=True):
            hop["strength"] = s
        out.append(
            {
                "path": [who[n][0] for n in r],
                "length": length,
                "weakest": weakest,
                "ask": who[r[1]][0] if len(r) > 2 else None,  # the first person along the route
                "hops": hops,
            }
        )
    return {
        "from": who[a][0],
        "to": who[b][0],
        "degree": degree,
        "label": graph.label(degree, max_depth),
        "view": View(view).value,
        "routes": out,
        "considered": len(routes),
    }


def ids_at_degree(conn: sqlite3.Connection, degree: int, view: View) -> set[int]:
    if degree < 1:
        raise BadInput("--degree must be 1 or more")
    return graph.people_at_degree(conn, degree, view)


def network_summary(conn: sqlite3.Connection, *, top: int = 10) -> dict:
    views = {}
    for view in View:
        bridge_rows = graph.bridges(conn, view, top)
        who = names(conn, [r["person_id"] for r in bridge_rows])
        views[view.value] = {
            "by_degree": graph.degree_counts(conn, view),
            "bridges": [
                {
                    "handle": who[r["person_id"]][0],
                    "name": who[r["person_id"]][1],
                    "second_degree": r["second_degree"],
                    "only_through_them": r["only_through_them"],
                }
                for r in bridge_rows
            ],
        }
    total, ids = graph.untied(conn)
    lonely = names(conn, ids)

    def count(sql: str) -> int:
        return conn.execute(sql).fetchone()[0]

    return {
        "people": count("SELECT count(*) FROM person WHERE is_me = 0"),
        "connections": count("SELECT count(*) FROM connection"),
        "curated_connections": count("SELECT count(*) FROM connection WHERE curated = 1"),
        "links": count("SELECT count(*) FROM link"),
        "views": views,
        "untied": {"count": total, "people": [{"handle": lonely[i][0], "name": lonely[i][1]} for i in ids]},
    }


def degree_from_me(conn: sqlite3.Connection, pid: int) -> dict:
    """Degree from me in both views, for `show`."""
    me = me_id(conn)
    out = {}
    for view in View:
        r = graph.shortest_paths(graph.Edges(conn, me, view), me, pid, limit=1)
        out[view.value] = graph.label(r.degree)
    out["summary"] = f"{out['curated']} (curated), {out['nominal']} (nominal)"
    return out


def _days_to_remember(p: dict) -> dict:
    """Birthday and anniversary with the next time each comes round ("in 6 days")."""
    from ..dates import next_occurrence
    from .keep import when

    today = dt.date.today()
    out = {}
    for kind in ("birthday", "anniversary"):
        stored = p.get(kind)
        if stored:
            day = next_occurrence(stored, today)
            ahead = (day - today).days if day else None
            out[kind] = {"date": stored, "next": day.isoformat() if day else None,
                         "when": when(-ahead, kind) if ahead is not None else None}  # fmt: skip
    return out


def profile(conn: sqlite3.Connection, pid: int, *, explain: bool = False) -> dict:
    """A person with their connection, degree, interactions, strength, last contact, cadence and dates, for `show`."""
    from ..people.affiliations import of

    data = person_record(conn, pid)
    data["affiliations"] = of(conn, [pid]).get(pid, [])
    if data["is_me"]:
        return data
    connection = connection_record(conn, pid)
    events = interactions(conn, pid)
    s = strength(connection, events)
    data["connection"] = connection
    data["degree"] = degree_from_me(conn, pid)
    data["interactions"] = {
        "count": len(events),
        "memorable": sum(1 for e in events if e["memorable"]),
        "last": events[0] if events else None,
    }
    data["strength"] = s if explain else {"score": s["score"], "summary": s["summary"]}
    from .keep import cadence_of
    from .recognition import recognition_records

    data["recognition"] = recognition_records(conn, pid)
    data["last_contact"] = events[0]["on"] if events else None
    cadence = cadence_of(conn, pid)
    if cadence is not None:
        from .keep import contact_due

        row = contact_due(
            data["handle"], data["name"], cadence["every_days"], cadence["at_most_days"], cadence["from"],
            data["last_contact"], dt.date.today(),
        )  # fmt: skip
        cadence = {**cadence, **{k: row[k] for k in ("due_on", "days_late", "overdue", "status", "when")}}
    data["keep_in_touch"] = cadence
    data["days_to_remember"] = _days_to_remember(data)
    from ..people.cardprop import kept_properties, other_names

    data["also_known_as"] = other_names(conn, pid, data["name"])
    data["address_book"] = kept_properties(conn, pid)
    return data
