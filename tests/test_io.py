"""JSON round trips, CSV in and out, graph files, duplicates and merging."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Cli


def test_json_export_import_export_is_identical(example, tmp_path):
    example.ok("intro", "ask", "priya-raman", "aiko-tanaka", "--reason", "throughput")
    example.ok("endorse", "priya-raman", "--skill", "Writing")
    example.fails("connect", "raj-patel", code=3)  # a refused decision to carry over
    first = example.ok("export", "json").stdout
    doc = json.loads(first)
    assert doc["format"] == "cnet-export" and doc["version"] == 3
    assert {p["handle"] for p in doc["people"]} >= {"me", "leonard-okafor"}
    assert doc["introductions"][0]["status"] == "asked" and doc["decisions"]
    f = tmp_path / "dump.json"
    f.write_text(first)
    other = Cli(tmp_path / "other" / "cnet.db")
    counts = other.json("import", "json", str(f))
    assert counts["people"] == len(doc["people"]) and counts["links"] == len(doc["links"])
    assert other.ok("export", "json").stdout == first
    # The restored network answers like the original.
    assert other.json("degree", "christine-chapel") == example.json("degree", "christine-chapel")
    assert [h["handle"] for h in other.json("search", "robots")] == [
        h["handle"] for h in example.json("search", "robots")
    ]


def test_json_round_trip_holds_after_removals_and_merges_in_both_layouts(example, tmp_path):
    # Ids with gaps and out of handle order: a removed person, a merge, people added after others.
    example.ok("add", "Zoe Adams", "--email", "zoe@x.example")
    example.ok("add", "Aaron Zimmer")
    example.ok("link", "zoe-adams", "aaron-zimmer", "--how", "neighbours", "--strength", "70")
    example.ok("rm", "maya-cohen", "--yes")
    example.ok("add", "Zoe A.", "--email", "zoe2@x.example", "--force")
    example.ok("merge", "zoe-adams", "zoe-a", "--yes")
    for layout in ([], ["--pretty"]):
        first = example.ok("export", "json", *layout).stdout
        f = tmp_path / f"dump{len(layout)}.json"
        f.write_text(first)
        other = Cli(tmp_path / f"other{len(layout)}" / "cnet.db")
        other.ok("import", "json", str(f))
        assert other.ok("export", "json", *layout).stdout == first
    compact = example.ok("export", "json").stdout
    pretty = example.ok("export", "json", "--pretty").stdout
    assert json.loads(compact) == json.loads(pretty)
    assert compact.count("\n") >= len(json.loads(compact)["people"])  # one record a line
    assert pretty == json.dumps(json.loads(compact), ensure_ascii=False, indent=2) + "\n"


def test_an_export_in_the_older_order_still_restores(example, tmp_path):
    doc = json.loads(example.ok("export", "json").stdout)
    doc["people"].sort(key=lambda p: p["handle"])  # as exports before streaming ordered them
    doc["links"].sort(key=lambda x: (x["a"], x["b"]))
    f = tmp_path / "old.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    other = Cli(tmp_path / "o" / "cnet.db")
    counts = other.json("import", "json", str(f))
    assert counts["people"] == len(doc["people"]) and counts["links"] == len(doc["links"])
    again = json.loads(other.ok("export", "json").stdout)
    assert {p["handle"] for p in again["people"]} == {p["handle"] for p in doc["people"]}
    assert {(x["a"], x["b"]) for x in again["links"]} | {(x["b"], x["a"]) for x in again["links"]} >= {
        (x["a"], x["b"]) for x in doc["links"]
    }


def test_json_import_refuses_a_full_database_and_bad_files(example, tmp_path):
    dump = tmp_path / "d.json"
    dump.write_text(example.ok("export", "json").stdout)
    before = example.snapshot()
    assert "not empty" in example.fails("import", "json", str(dump)).stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "cnet-export", "version": 1,\n "people": [}')
    other = Cli(tmp_path / "o" / "cnet.db")
    assert "line 2" in other.fails("import", "json", str(bad)).stderr
    bad.write_text('{"format": "something-else"}')
    assert "not a cnet export" in other.fails("import", "json", str(bad)).stderr
    bad.write_text(
        json.dumps(
            {"format": "cnet-export", "version": 1, "people": [], "links": [{"a": "x", "b": "y", "created_at": ""}]}
        )
    )
    assert "refers to" in other.fails("import", "json", str(bad)).stderr
    assert example.snapshot() == before


def test_json_restore_refuses_kept_properties_and_provenance_of_the_wrong_shape(me, tmp_path):
    """Kept vCard properties, import provenance and dismissed suggestions are written by their own writers on a
    restore too: a value of the wrong type is named, and no database is left behind."""
    card = tmp_path / "al.vcf"
    card.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Al Bo\nTEL:+1 555 0100\nX-FOO:bar\nEND:VCARD\n")
    me.ok("import", "vcard", str(card))
    doc = json.loads(me.ok("export", "json").stdout)
    assert doc["card_properties"] and doc["provenance"]
    prop = doc["card_properties"][0]
    cases = [
        ("card_properties", [5], "card_properties[0]: expected an object"),
        ("card_properties", [{**prop, "position": "0"}], "card_properties[0].position: expected a number"),
        ("card_properties", [{**prop, "position": 10**30}], "card_properties[0].position: expected a number"),
        ("card_properties", [{**prop, "name": ["FN"]}], "card_properties[0].name: expected text"),
        ("card_properties", [{**prop, "value": 7}], "card_properties[0].value: expected text, found int"),
        ("card_properties", [{**prop, "params": {"TYPE": "home"}}], "card_properties[0].params"),
        ("provenance", [{**doc["provenance"][0], "source": None}], "provenance[0].source: expected text"),
        ("provenance", [{**doc["provenance"][0], "updated_at": []}], "provenance[0].updated_at: expected text"),
        ("dismissed_suggestions", ["x"], "'dismissed_suggestions' must be a list of objects"),
        ("dismissed_suggestions", [{"kind": "link", "key": 5}], "dismissed_suggestions[0].key: expected text"),
    ]
    for n, (key, bad, message) in enumerate(cases):
        dump = tmp_path / f"bad{n}.json"
        dump.write_text(json.dumps({**doc, key: bad}))
        other = Cli(tmp_path / f"o{n}" / "cnet.db")
        assert message in other.fails("import", "json", str(dump)).stderr
        assert not other.db.exists()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc))
    restored = Cli(tmp_path / "restored" / "cnet.db")
    restored.ok("import", "json", str(good))
    assert json.loads(restored.ok("export", "json").stdout)["card_properties"] == doc["card_properties"]


names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() and not s.startswith("-")
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(names, st.none() | names, st.none() | names), min_size=1, max_size=4))
def test_json_round_trip_any_people(tmp_path_factory, people):
    root = tmp_path_factory.mktemp("rt")
    a = Cli(root / "a" / "cnet.db")
    a.ok("init", "--name", "Me")
    for name, company, note in people:
        args = ["add", "--force", "--", name]
        if company:
            args[1:1] = ["--company", company]
        if note:
            args[1:1] = ["--note", note]
        a.ok(*args)
    first = a.ok("export", "json").stdout
    (root / "d.json").write_text(first)
    b = Cli(root / "b" / "cnet.db")
    b.ok("import", "json", str(root / "d.json"))
    assert b.ok("export", "json").stdout == first


def test_csv_export_is_spreadsheet_safe(me):
    me.ok("add", '=HYPERLINK("http://evil")', "--company", "+cmd|' /C calc'!A0", "--note", "@SUM(1)")
    me.ok("add", "Ann Lee", "--email", "ann@x.example", "--tag", "a", "--tag", "b")
    rows = list(csv.DictReader(io.StringIO(me.ok("export", "csv").stdout)))
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["company"].startswith("'+") and evil["notes"].startswith("'@")
    ann = next(r for r in rows if r["handle"] == "ann-lee")
    assert ann["emails"] == "ann@x.example" and ann["tags"] == "a; b"


@given(st.text(alphabet="'=+-@\tax", max_size=6))
def test_a_cell_made_inert_reads_back_as_it_was(value):
    """Found by the person-fields round trip: a note "'=" was exported as "''=" and imported as that."""
    from curated_net.io.csvio import _uninert, inert

    cell = inert(value)
    assert _uninert(cell) == value
    assert cell.lstrip("'")[:1] not in ("=", "+", "-", "@", "\t") or cell.startswith("'")


def test_csv_import_with_a_column_map(me, tmp_path):
    f = tmp_path / "people.csv"
    f.write_text(
        "Full name;E-mail;Org;Role;Tags;Something\nAnn Lee;ann@x.example;Acme;Engineer;x, y;ignored\n"
        ";;;;;\nBob Stone;not-an-email;Globex;;;\n",
        encoding="utf-8",
    )
    out = me.json("import", "csv", str(f), "--map", "Full name=name", "--map", "E-mail=email", "--map", "Org=company")
    assert out["added"] == 2 and out["warnings"][0]["reason"].startswith("not an e-mail")
    ann = me.json("show", "ann@x.example")
    assert ann["company"] == "Acme" and ann["title"] == "Engineer" and ann["tags"] == ["x", "y"]
    again = me.json("import", "csv", str(f), "--map", "Full name=name", "--map", "E-mail=email", "--map", "Org=company")
    assert again["added"] == 0 and len(me.json("list")) == 2
    assert "not a field" in me.fails("import", "csv", str(f), "--map", "Org=employer").stderr
    assert "no column" in me.fails("import", "csv", str(f), "--map", "Nope=name").stderr


def test_graph_exports_open_in_their_tools(example):
    gml = example.ok("export", "graph", "--format", "graphml").stdout
    g = nx.parse_graphml(gml)
    assert g.nodes["leonard-okafor"]["label"] == "Leonard Okafor"
    assert g.edges["me", "leonard-okafor"]["kind"] == "connection"
    assert "friend" in g.edges["me", "leonard-okafor"]["criteria"]
    assert not g.has_edge("me", "raj-patel")  # LinkedIn-only: not in the curated view
    nominal = nx.parse_graphml(example.ok("export", "graph", "--view", "nominal").stdout)
    assert nominal.has_edge("me", "raj-patel")
    ET.fromstring(example.ok("export", "graph", "--format", "gexf").stdout.encode())
    dot = example.ok("export", "graph", "--format", "dot").stdout
    assert dot.startswith('graph "cnet (curated view)" {') and '"leonard-okafor" -- "christine-chapel"' in dot
    data = json.loads(example.ok("export", "graph", "--format", "json").stdout)
    assert {"nodes", "edges"} <= set(data)
    # a strength never recorded is left out (null in JSON), never a made-up number a tool would average in
    g = nx.node_link_graph(data, edges="edges")
    assert g.edges["leonard-okafor", "christine-chapel"]["strength"] == 80
    assert g.edges["christine-chapel", "olivia-grant"]["strength"] is None
    assert "strength" not in nx.parse_graphml(gml).edges["christine-chapel", "olivia-grant"]
    assert "-1" not in dot
    assert "not one of" in example.fails("export", "graph", "--format", "pdf", code=2).stderr


def test_dupes_and_merge_lose_nothing(me):
    me.ok("add", "Ann Lee", "--email", "ann@x.example", "--company", "Acme", "--title", "Engineer", "--note", "first")
    me.ok(
        "add",
        "Anne Lee",
        "--email",
        "ANN@x.example",
        "--company",
        "Acme",
        "--title",
        "Staff Engineer",
        "--tag",
        "rowing",
        "--highlight",
        "calm",
        "--note",
        "second",
        "--force",
    )
    me.ok("add", "Bob Stone")
    me.ok("connect", "anne-lee", "--as", "colleague", "--detail", "Acme")
    me.ok("link", "anne-lee", "bob-stone", "--how", "rowing club")
    me.ok("link", "ann-lee", "anne-lee")
    me.ok("log", "anne-lee", "Lunch")
    pairs = me.json("dupes")
    assert [(p["keep"], p["other"]) for p in pairs] == [("ann-lee", "anne-lee")]
    assert any("same e-mail" in r for r in pairs[0]["reasons"])
    assert "similar names at the same company" in pairs[0]["reasons"]
    out = me.json("merge", "ann-lee", "anne-lee", "--yes")
    assert {c["field"] for c in out["conflicts"]} == {"name", "title"}
    ann = me.json("show", "ann-lee", "--explain")
    assert ann["title"] == "Engineer" and ann["tags"] == ["rowing"] and ann["highlights"] == ["calm"]
    assert "title was 'Staff Engineer'" in ann["notes"] and "first" in ann["notes"] and "second" in ann["notes"]
    assert [e["criterion"] for e in ann["connection"]["evidence"]] == ["colleague"]
    assert ann["interactions"]["count"] == 1
    assert me.json("degree", "bob-stone", "ann-lee", "--view", "nominal")["degree"] == 1
    me.fails("show", "anne-lee")
    assert me.json("dupes") == []
    assert "themselves" in me.fails("merge", "ann-lee", "ann-lee", "--yes").stderr
    assert "me cannot be merged" in me.fails("merge", "me", "bob-stone", "--yes").stderr


def test_merge_prefer_other(me):
    me.ok("add", "Ann Lee", "--company", "Acme")
    me.ok("add", "Ann Lee", "--company", "Globex", "--force")
    out = me.json("merge", "ann-lee", "ann-lee-2", "--prefer", "other", "--yes")
    assert out["conflicts"] == [{"field": "company", "kept": "Globex", "moved_to_notes": "Acme"}]
    assert me.json("show", "ann-lee")["company"] == "Globex"


def test_graph_files_are_read_back_whole_by_networkx(example):
    """Every person and every tie of the view, with its attributes, in each format networkx reads."""
    gml = nx.parse_graphml(example.ok("export", "graph", "--view", "nominal").stdout)
    gexf = nx.read_gexf(
        io.BytesIO(example.ok("export", "graph", "--format", "gexf", "--view", "nominal").stdout.encode())
    )
    data = json.loads(example.ok("export", "graph", "--format", "json", "--view", "nominal").stdout)
    linked = nx.node_link_graph(data, edges="edges")
    network = example.json("network")
    ties = network["connections"] + network["links"]
    for g in (gml, gexf, linked):
        assert g.number_of_nodes() == network["people"] + 1 and g.number_of_edges() == ties
        assert g.nodes["me"]["me"] in (True, "true")
    assert gexf.nodes["leonard-okafor"]["label"] == "Leonard Okafor"
    assert gml.edges["leonard-okafor", "christine-chapel"]["strength"] == 80


def test_graph_files_hold_any_text(me):
    me.ok("add", 'Ann <"Lee"> & co', "--company", "Acme\tLtd", "--how-met", "at a \x1b[31m party")
    me.ok("connect", "ann-lee-co", "--as", "friend", "--detail", "</data>]]>")
    g = nx.parse_graphml(me.ok("export", "graph").stdout)
    assert g.nodes["ann-lee-co"]["label"] == 'Ann <"Lee"> & co'
    assert "</data>]]>" in g.edges["me", "ann-lee-co"]["how"]
    ET.fromstring(me.ok("export", "graph", "--format", "gexf").stdout.encode())


def test_import_csv_reads_the_handle_column_an_export_wrote(me, tmp_path):
    """A handle column names the person first (a renamed row updates them, not a new one), and a new person
    keeps the handle the file gave."""
    import csv as csvmod

    me.ok("add", "Leonard McCoy", "--nickname", "Bones")
    me.ok("edit", "leonard-mccoy", "--note", "kept")
    path = tmp_path / "people.csv"
    path.write_text(
        "handle,name,company\n"
        "leonard-mccoy,Len McCoy,Starfleet Medical\n"  # renamed in a spreadsheet: still Leonard
        "jim,James Kirk,Starfleet\n"  # new: keeps his handle
        "Not A Handle!,Spock,Vulcan Science Academy\n"  # not a handle: ignored, with a warning
    )
    out = me.json("import", "csv", str(path))
    assert (out["added"], out["updated"]) == (2, 1)
    assert any("not a handle" in w["reason"] for w in out["warnings"])
    assert me.json("show", "leonard-mccoy")["company"] == "Starfleet Medical"
    assert me.json("show", "jim")["name"] == "James Kirk"
    assert {p["handle"] for p in me.json("list")} == {"leonard-mccoy", "jim", "spock"}
    # cnet's own export, read back into a fresh database: every handle kept.
    exported = me.ok("export", "csv").stdout
    fresh = tmp_path / "fresh.db"
    me.ok("--db", str(fresh), "init", "--name", "Sam Owner")
    (tmp_path / "export.csv").write_text(exported)
    me.ok("--db", str(fresh), "import", "csv", str(tmp_path / "export.csv"))
    handles = {p["handle"] for p in me.json("--db", str(fresh), "list")}
    assert handles == {row["handle"] for row in csvmod.DictReader(exported.splitlines())}
