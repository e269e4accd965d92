"""The network as a graph file for Gephi or Graphviz: GraphML, GEXF, DOT or node-link JSON."""

from __future__ import annotations

import io
import json
import sqlite3

from ..errors import BadInput
from ..network.graph import View
from ..network.ties import connection_record

FORMATS = ("graphml", "gexf", "dot", "json")


def build(conn: sqlite3.Connection, view: View):
    """A networkx graph of the view: people with their details, ties with how they are known."""
    import networkx as nx

    g = nx.Graph(name=f"cnet ({view.value} view)")
    handle = {}
    for pid, h, name, company, title, is_me in conn.execute(
        "SELECT id, handle, name, coalesce(company, ''), coalesce(title, ''), is_me FROM person ORDER BY id"
    ):
        handle[pid] = h
        g.add_node(h, label=name, company=company, title=title, me=bool(is_me))
    me = next(pid for pid, (h) in handle.items() if g.nodes[h]["me"])
    where = " WHERE curated = 1" if view == View.curated else ""
    for (pid,) in conn.execute(f"SELECT person_id FROM connection{where}"):
        rec = connection_record(conn, pid)
        assert rec is not None
        g.add_edge(
            handle[me],
            handle[pid],
            kind="connection",
            status=rec["status"],
            criteria=",".join(e["criterion"] for e in rec["evidence"]),
            how=rec["summary"],
        )
    for a, b, how, strength in conn.execute("SELECT a, b, coalesce(how, ''), coalesce(strength, -1) FROM link"):
        g.add_edge(handle[a], handle[b], kind="link", how=how, strength=strength)
    return g


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(conn: sqlite3.Connection, fmt: str, view: View) -> str:
    import networkx as nx

    if fmt not in FORMATS:
        raise BadInput(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    g = build(conn, view)
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "dot":
        lines = [f"graph {_dot_id(g.graph['name'])} {{"]
        for n, d in g.nodes(data=True):
            attrs = ", ".join(f"{k}={_dot_id(str(v))}" for k, v in d.items())
            lines.append(f"  {_dot_id(n)} [{attrs}];")
        for a, b, d in g.edges(data=True):
            attrs = ", ".join(f"{k}={_dot_id(str(v))}" for k, v in d.items())
            lines.append(f"  {_dot_id(a)} -- {_dot_id(b)} [{attrs}];")
        lines.append("}")
        return "\n".join(lines) + "\n"
    buf = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, buf)
    return buf.getvalue().decode("utf-8")
