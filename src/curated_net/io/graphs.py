"""The network as a graph file for Gephi or Graphviz: GraphML, GEXF, DOT or node-link JSON.

Each file is written as it is read, a node or a tie at a time (XML through the standard library's
streaming `XMLGenerator`), so memory stays flat at millions of ties; networkx and Gephi read them.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Iterator
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from ..errors import BadInput
from ..network.graph import View
from ..network.ties import connection_records

FORMATS = ("graphml", "gexf", "dot", "json")
PIECE = 1 << 16  # characters gathered before a piece is handed on

NODE_KEYS = (("label", "string"), ("company", "string"), ("title", "string"), ("me", "boolean"))
EDGE_KEYS = (("kind", "string"), ("status", "string"), ("criteria", "string"), ("how", "string"), ("strength", "long"))


def _nodes(conn: sqlite3.Connection) -> Iterator[tuple[str, dict]]:
    for h, name, company, title, is_me in conn.execute(
        "SELECT handle, name, coalesce(company, ''), coalesce(title, ''), is_me FROM person ORDER BY id"
    ):
        yield h, {"label": name, "company": company, "title": title, "me": bool(is_me)}


def _edges(conn: sqlite3.Connection, view: View) -> Iterator[tuple[str, str, dict]]:
    """My connections of the view (with how I know them), then every link."""
    me = conn.execute("SELECT handle FROM person WHERE is_me = 1").fetchone()
    where = " WHERE c.curated = 1" if view == View.curated else ""
    rows = conn.execute(f"SELECT c.person_id, p.handle FROM connection c JOIN person p ON p.id = c.person_id{where}")
    while batch := rows.fetchmany(2_000):
        records = connection_records(conn, [pid for pid, _ in batch])
        for pid, h in batch:
            rec = records[pid]
            assert rec is not None and me is not None
            yield (
                me[0],
                h,
                {
                    "kind": "connection",
                    "status": rec["status"],
                    "criteria": ",".join(e["criterion"] for e in rec["evidence"]),
                    "how": rec["summary"],
                },
            )
    for a, b, how, strength in conn.execute(
        "SELECT pa.handle, pb.handle, coalesce(l.how, ''), coalesce(l.strength, -1) FROM link l "
        "JOIN person pa ON pa.id = l.a JOIN person pb ON pb.id = l.b"
    ):
        yield a, b, {"kind": "link", "how": how, "strength": strength}


class _Pieces(io.TextIOBase):
    """A text sink that hands on what was written in pieces of about PIECE characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def write(self, s: str) -> int:
        self.parts.append(s)
        self.size += len(s)
        return len(s)

    def take(self, force: bool = False) -> Iterator[str]:
        if self.parts and (force or self.size >= PIECE):
            yield "".join(self.parts)
            self.parts, self.size = [], 0


def _start(x: XMLGenerator, name: str, attrs: dict[str, str]) -> None:
    x.startElement(name, AttributesImpl(attrs))


def _value(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(v: object) -> str:
    """A value XML 1.0 can hold: the few characters it cannot are written as visible escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", _value(v))


def _graphml(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    sink = _Pieces()
    x = XMLGenerator(sink, encoding="utf-8", short_empty_elements=True)
    x.startDocument()
    _start(
        x,
        "graphml",
        {
            "xmlns": "http://graphml.graphdrawing.org/xmlns",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        },
    )
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            _start(x, "key", {"id": f"{domain}_{name}", "for": domain, "attr.name": name, "attr.type": kind})
            x.endElement("key")
    _start(x, "graph", {"id": f"cnet ({view.value} view)", "edgedefault": "undirected"})
    for h, attrs in _nodes(conn):
        _start(x, "node", {"id": _xml(h)})
        for k, v in attrs.items():
            _start(x, "data", {"key": f"node_{k}"})
            x.characters(_xml(v))
            x.endElement("data")
        x.endElement("node")
        yield from sink.take()
    for a, b, attrs in _edges(conn, view):
        _start(x, "edge", {"source": _xml(a), "target": _xml(b)})
        for k, v in attrs.items():
            _start(x, "data", {"key": f"edge_{k}"})
            x.characters(_xml(v))
            x.endElement("data")
        x.endElement("edge")
        yield from sink.take()
    x.endElement("graph")
    x.endElement("graphml")
    x.endDocument()
    sink.write("\n")
    yield from sink.take(force=True)


def _gexf(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    sink = _Pieces()
    x = XMLGenerator(sink, encoding="utf-8", short_empty_elements=True)
    x.startDocument()
    _start(x, "gexf", {"xmlns": "http://www.gexf.net/1.2draft", "version": "1.2"})
    _start(x, "meta", {})
    _start(x, "creator", {})
    x.characters("cnet")
    x.endElement("creator")
    _start(x, "description", {})
    x.characters(f"cnet ({view.value} view)")
    x.endElement("description")
    x.endElement("meta")
    _start(x, "graph", {"defaultedgetype": "undirected", "mode": "static"})
    gexf_type = {"string": "string", "boolean": "boolean", "long": "long"}
    node_keys = [k for k in NODE_KEYS if k[0] != "label"]  # the label is the node's own attribute
    for cls, keys in (("node", node_keys), ("edge", EDGE_KEYS)):
        _start(x, "attributes", {"class": cls, "mode": "static"})
        for n, (name, kind) in enumerate(keys):
            _start(x, "attribute", {"id": str(n), "title": name, "type": gexf_type[kind]})
            x.endElement("attribute")
        x.endElement("attributes")
    node_ids = {name: str(n) for n, (name, _) in enumerate(node_keys)}
    edge_ids = {name: str(n) for n, (name, _) in enumerate(EDGE_KEYS)}
    _start(x, "nodes", {})
    for h, attrs in _nodes(conn):
        _start(x, "node", {"id": _xml(h), "label": _xml(attrs["label"])})
        _start(x, "attvalues", {})
        for k, v in attrs.items():
            if k != "label":
                _start(x, "attvalue", {"for": node_ids[k], "value": _xml(v)})
                x.endElement("attvalue")
        x.endElement("attvalues")
        x.endElement("node")
        yield from sink.take()
    x.endElement("nodes")
    _start(x, "edges", {})
    for n, (a, b, attrs) in enumerate(_edges(conn, view)):
        _start(x, "edge", {"id": str(n), "source": _xml(a), "target": _xml(b)})
        _start(x, "attvalues", {})
        for k, v in attrs.items():
            _start(x, "attvalue", {"for": edge_ids[k], "value": _xml(v)})
            x.endElement("attvalue")
        x.endElement("attvalues")
        x.endElement("edge")
        yield from sink.take()
    x.endElement("edges")
    x.endElement("graph")
    x.endElement("gexf")
    x.endDocument()
    sink.write("\n")
    yield from sink.take(force=True)


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    out = [f"graph {_dot_id(f'cnet ({view.value} view)')} {{\n"]
    for h, attrs in _nodes(conn):
        out.append(f"  {_dot_id(h)} [{', '.join(f'{k}={_dot_id(_value(v))}' for k, v in attrs.items())}];\n")
        if len(out) >= 2_000:
            yield "".join(out)
            out = []
    for a, b, attrs in _edges(conn, view):
        out.append(
            f"  {_dot_id(a)} -- {_dot_id(b)} [{', '.join(f'{k}={_dot_id(_value(v))}' for k, v in attrs.items())}];\n"
        )
        if len(out) >= 2_000:
            yield "".join(out)
            out = []
    out.append("}\n")
    yield "".join(out)


def _node_link(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    """networkx's node-link shape (`nx.node_link_graph(data, edges="edges")` reads it), one item a line."""
    head = {"directed": False, "multigraph": False, "graph": {"name": f"cnet ({view.value} view)"}}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "nodes": ['
    sep, out = "\n", []
    for h, attrs in _nodes(conn):
        out.append(sep + json.dumps({**attrs, "id": h}, ensure_ascii=False))
        sep = ",\n"
        if len(out) >= 2_000:
            yield "".join(out)
            out = []
    out.append('\n], "edges": [')
    sep = "\n"
    for a, b, attrs in _edges(conn, view):
        out.append(sep + json.dumps({**attrs, "source": a, "target": b}, ensure_ascii=False))
        sep = ",\n"
        if len(out) >= 2_000:
            yield "".join(out)
            out = []
    out.append("\n]}\n")
    yield "".join(out)


def render(conn: sqlite3.Connection, fmt: str, view: View) -> Iterator[str]:
    """The graph file of the view, a piece at a time."""
    if fmt not in FORMATS:
        raise BadInput(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    return {"graphml": _graphml, "gexf": _gexf, "dot": _dot, "json": _node_link}[fmt](conn, view)
