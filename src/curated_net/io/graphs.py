"""The network as a graph file for Gephi or Graphviz: GraphML, GEXF, DOT or node-link JSON.

Each file is written as it is read, a node or a tie at a time (text escaped by the standard library's
`xml.sax.saxutils.escape`), each tie naming its ends from a table of every handle formatted once (one text
and its offsets), so memory stays flat at millions of ties; networkx and Gephi read them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from xml.sax.saxutils import escape

from ..errors import BadInput
from ..network.graph import View
from ..network.ties import connection_records
from .handles import HandleTable

FORMATS = ("graphml", "gexf", "dot", "json")

NODE_KEYS = (("label", "string"), ("company", "string"), ("title", "string"), ("me", "boolean"))
EDGE_KEYS = (("kind", "string"), ("status", "string"), ("criteria", "string"), ("how", "string"), ("strength", "long"))


def _nodes(conn: sqlite3.Connection) -> Iterator[tuple[int, str, dict]]:
    for pid, h, name, company, title, is_me in conn.execute(
        "SELECT id, handle, name, coalesce(company, ''), coalesce(title, ''), is_me FROM person ORDER BY id"
    ):
        yield pid, h, {"label": name, "company": company, "title": title, "me": bool(is_me)}


def _connections(conn: sqlite3.Connection, view: View) -> Iterator[tuple[int, int, dict]]:
    """My connections of the view, with how I know them (as ids: me, them)."""
    me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    where = " WHERE curated = 1" if view == View.curated else ""
    rows = conn.execute(f"SELECT person_id FROM connection{where} ORDER BY person_id")
    while batch := [r[0] for r in rows.fetchmany(2_000)]:
        records = connection_records(conn, batch)
        for pid in batch:
            rec = records[pid]
            assert rec is not None and me is not None
            criteria = ",".join(e["criterion"] for e in rec["evidence"])
            yield (
                me[0],
                pid,
                {"kind": "connection", "status": rec["status"], "criteria": criteria, "how": rec["summary"]},
            )


def _links(conn: sqlite3.Connection) -> Iterator[tuple[int, int, str, int | None]]:
    """Every link as (a, b, how, strength); a strength not recorded is None, and each format leaves it out
    (a made-up number would be averaged in by a tool reading the graph)."""
    yield from conn.execute("SELECT a, b, coalesce(how, ''), strength FROM link")


def _value(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(v: object) -> str:
    """A value as XML text: escaped, and the few characters XML 1.0 cannot hold written as visible escapes."""
    return escape(_NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", _value(v)), {'"': "&quot;"})


class _Memo(dict):
    """A formatting cache for values that repeat (most links have no text and the same strength)."""

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key):
        if len(self) > 50_000:
            self.clear()
        value = self[key] = self.make(key)
        return value


def _pieces(lines: Iterator[str], size: int = 2_000) -> Iterator[str]:
    out: list[str] = []
    for line in lines:
        out.append(line)
        if len(out) >= size:
            yield "".join(out)
            out = []
    if out:
        yield "".join(out)


def _graphml(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    return _pieces(_graphml_lines(conn, view))


def _graphml_lines(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            yield f'  <key id="{domain}_{name}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>\n'
    yield f'  <graph id="{_xml(f"cnet ({view.value} view)")}" edgedefault="undirected">\n'
    ids = HandleTable(conn, _xml)
    for pid, _h, attrs in _nodes(conn):
        data = "".join(f'<data key="node_{k}">{_xml(v)}</data>' for k, v in attrs.items())
        yield f'    <node id="{ids[pid]}">{data}</node>\n'
    for a, b, attrs in _connections(conn, view):
        data = "".join(f'<data key="edge_{k}">{_xml(v)}</data>' for k, v in attrs.items())
        yield f'    <edge source="{ids[a]}" target="{ids[b]}">{data}</edge>\n'
    tail = _Memo(
        lambda hs: (
            f'<data key="edge_kind">link</data><data key="edge_how">{_xml(hs[0])}</data>'
            + (f'<data key="edge_strength">{hs[1]}</data>' if hs[1] is not None else "")
            + "</edge>\n"
        )
    )
    text, start, end = ids.text, ids.start, ids.end  # millions of ties: each end sliced out, no call
    for a, b, how, strength in _links(conn):
        yield f'    <edge source="{text[start[a] : end[a]]}" target="{text[start[b] : end[b]]}">{tail[how, strength]}'
    yield "  </graph>\n</graphml>\n"


def _gexf(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    return _pieces(_gexf_lines(conn, view))


def _gexf_lines(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
    yield f"  <meta><creator>cnet</creator><description>{_xml(f'cnet ({view.value} view)')}</description></meta>\n"
    yield '  <graph defaultedgetype="undirected" mode="static">\n'
    node_keys = [k for k in NODE_KEYS if k[0] != "label"]  # the label is the node's own attribute
    for cls, keys in (("node", node_keys), ("edge", EDGE_KEYS)):
        yield f'    <attributes class="{cls}" mode="static">\n'
        for n, (name, kind) in enumerate(keys):
            yield f'      <attribute id="{n}" title="{name}" type="{kind}"/>\n'
        yield "    </attributes>\n"
    node_ids = {name: n for n, (name, _) in enumerate(node_keys)}
    edge_ids = {name: n for n, (name, _) in enumerate(EDGE_KEYS)}
    yield "    <nodes>\n"
    ids = HandleTable(conn, _xml)
    for pid, _h, attrs in _nodes(conn):
        values = "".join(f'<attvalue for="{node_ids[k]}" value="{_xml(v)}"/>' for k, v in attrs.items() if k != "label")
        yield f'      <node id="{ids[pid]}" label="{_xml(attrs["label"])}"><attvalues>{values}</attvalues></node>\n'
    yield "    </nodes>\n    <edges>\n"
    n = 0
    for a, b, attrs in _connections(conn, view):
        values = "".join(f'<attvalue for="{edge_ids[k]}" value="{_xml(v)}"/>' for k, v in attrs.items())
        yield f'      <edge id="{n}" source="{ids[a]}" target="{ids[b]}"><attvalues>{values}</attvalues></edge>\n'
        n += 1
    tail = _Memo(
        lambda hs: (
            f'<attvalues><attvalue for="{edge_ids["kind"]}" value="link"/>'
            f'<attvalue for="{edge_ids["how"]}" value="{_xml(hs[0])}"/>'
            + (f'<attvalue for="{edge_ids["strength"]}" value="{hs[1]}"/>' if hs[1] is not None else "")
            + "</attvalues></edge>\n"
        )
    )
    text, start, end = ids.text, ids.start, ids.end
    for a, b, how, strength in _links(conn):
        yield f'      <edge id="{n}" source="{text[start[a] : end[a]]}" target="{text[start[b] : end[b]]}">{tail[how, strength]}'
        n += 1
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    return _pieces(_dot_lines(conn, view))


def _dot_lines(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    yield f"graph {_dot_id(f'cnet ({view.value} view)')} {{\n"
    ids = HandleTable(conn, _dot_id)
    for pid, _h, attrs in _nodes(conn):
        yield f"  {ids[pid]} [{', '.join(f'{k}={_dot_id(_value(v))}' for k, v in attrs.items())}];\n"
    for a, b, attrs in _connections(conn, view):
        yield f"  {ids[a]} -- {ids[b]} [{', '.join(f'{k}={_dot_id(_value(v))}' for k, v in attrs.items())}];\n"
    tail = _Memo(
        lambda hs: (
            f' [kind="link", how={_dot_id(hs[0])}' + (f', strength="{hs[1]}"' if hs[1] is not None else "") + "];\n"
        )
    )
    text, start, end = ids.text, ids.start, ids.end
    for a, b, how, strength in _links(conn):
        yield f"  {text[start[a] : end[a]]} -- {text[start[b] : end[b]]}{tail[how, strength]}"
    yield "}\n"


def _node_link(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    return _pieces(_node_link_lines(conn, view))


def _node_link_lines(conn: sqlite3.Connection, view: View) -> Iterator[str]:
    """networkx's node-link shape (`nx.node_link_graph(data, edges="edges")` reads it), one item a line."""
    quote = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a string
    head = {"directed": False, "multigraph": False, "graph": {"name": f"cnet ({view.value} view)"}}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "nodes": ['
    sep = "\n"
    ids = HandleTable(conn, quote)
    for _pid, h, attrs in _nodes(conn):
        yield sep + json.dumps({**attrs, "id": h}, ensure_ascii=False)
        sep = ",\n"
    yield '\n], "edges": ['
    sep = "\n"
    for a, b, attrs in _connections(conn, view):
        yield sep + json.dumps(attrs, ensure_ascii=False)[:-1] + f', "source": {ids[a]}, "target": {ids[b]}}}'
        sep = ",\n"
    head_of = _Memo(
        lambda hs: (
            f'{{"kind": "link", "how": {quote(hs[0]) if hs[0] else "null"}, '
            f'"strength": {"null" if hs[1] is None else hs[1]}, "source": '
        )
    )
    text, start, end = ids.text, ids.start, ids.end
    for a, b, how, strength in _links(conn):
        yield f'{sep}{head_of[how, strength]}{text[start[a] : end[a]]}, "target": {text[start[b] : end[b]]}}}'
        sep = ",\n"
    yield "\n]}\n"


def render(conn: sqlite3.Connection, fmt: str, view: View) -> Iterator[str]:
    """The graph file of the view, a piece at a time."""
    if fmt not in FORMATS:
        raise BadInput(f"--format: '{fmt}' is not one of {', '.join(FORMATS)}")
    return {"graphml": _graphml, "gexf": _gexf, "dot": _dot, "json": _node_link}[fmt](conn, view)
