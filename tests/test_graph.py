"""Degrees, paths, warm routes and the network view, checked against networkx."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REALDATA
from curated_net.network import graph
from curated_net.network.bulk import bulk_link
from curated_net.network.graph import Edges, View, label
from curated_net.store.database import Store


@pytest.fixture
def chain(me):
    """me - a (colleague) - b - c - d - e, and me - l (LinkedIn only) - c."""
    for name in ("a", "b", "c", "d", "e", "l", "x"):
        me.ok("add", f"P{name}", "--handle", name)
    me.ok("connect", "a", "--as", "colleague", "--detail", "Northwind")
    me.ok("connect", "l", "--source", "linkedin")
    for u, v in (("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("l", "c")):
        me.ok("link", u, v, "--how", f"{u} knows {v}")
    return me


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "same person"),
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (None, "not connected within 6"),
    ],
)
def test_labels(n, text):
    assert label(n) == text


def test_degree_json_follows_the_contract(chain):
    doc = chain.json("degree", "c", "me")
    assert {"from", "to", "degree", "label", "path", "view"} <= set(doc)
    assert doc["from"] == "c" and doc["to"] == "me" and doc["view"] == "curated"
    assert doc["degree"] == 3 and doc["label"] == "3rd"
    assert doc["path"] == ["c", "b", "a", "me"]
    assert doc["hops"][0]["how"] == "knows: b knows c"
    assert "colleague (Northwind)" in doc["hops"][2]["how"]
    assert chain.json("degree", "c") == doc  # B defaults to me


def test_nominal_view_counts_linkedin_ties(chain):
    doc = chain.json("degree", "c", "--view", "nominal")
    assert doc["degree"] == 2 and doc["path"] == ["c", "l", "me"] and doc["view"] == "nominal"
    assert "linkedin connection" in doc["hops"][1]["how"]


def test_not_connected_within_max_depth(chain):
    doc = chain.json("degree", "e", "--max-depth", "3")
    assert doc["degree"] is None and doc["label"] == "not connected within 3" and doc["path"] == []
    assert chain.json("degree", "e")["degree"] == 5
    assert chain.json("degree", "x")["label"] == "not connected within 6"
    assert "not connected within 6" in chain.ok("degree", "x").stdout


def test_degree_between_any_two_people(chain):
    assert chain.json("degree", "a", "e")["path"] == ["a", "b", "c", "d", "e"]
    assert chain.json("degree", "a", "a")["degree"] == 0
    assert chain.json("degree", "l", "a")["degree"] == 3  # l-c-b-a: the curated view skips me-l
    assert chain.json("degree", "l", "a", "--view", "nominal")["degree"] == 2  # l-me-a


def test_all_shortest_paths(me):
    for n in "abcdz":
        me.ok("add", f"Q{n}", "--handle", n)
    for n in "abc":
        me.ok("connect", n, "--as", "friend")
        me.ok("link", n, "z")
    doc = me.json("degree", "z", "--all")
    assert sorted(doc["paths"]) == [["z", "a", "me"], ["z", "b", "me"], ["z", "c", "me"]]
    assert doc["paths_truncated"] is False
    assert len(me.json("degree", "z", "--all", "--limit", "2")["paths"]) == 2


def test_bad_view_and_depth(chain):
    assert "'fancy' is not one of curated, nominal" in chain.fails("degree", "a", "--view", "fancy", code=2).stderr
    assert "not in the range" in chain.fails("degree", "a", "--max-depth", "0", code=2).stderr


def test_warm_paths_rank_weakest_tie_then_length(me):
    for n in ("strong", "weak", "mid", "target", "hop"):
        me.ok("add", f"R {n}", "--handle", n)
    me.ok("connect", "strong", "--as", "family")  # 50
    me.ok("connect", "weak", "--as", "friend")  # 40
    me.ok("link", "weak", "target", "--strength", "90")
    me.ok("link", "strong", "hop", "--strength", "80")
    me.ok("link", "hop", "target", "--strength", "70")
    doc = me.json("path", "target", "-k", "3")
    assert doc["degree"] == 2
    routes = doc["routes"]
    # The longer route wins: its weakest tie (50) beats the short route's (40).
    assert routes[0]["path"] == ["me", "strong", "hop", "target"] and routes[0]["weakest"] == 50
    assert routes[0]["ask"] == "strong"
    assert routes[1]["path"] == ["me", "weak", "target"] and routes[1]["weakest"] == 40
    assert [h["strength"] for h in routes[0]["hops"]] == [50, 80, 70]
    assert len(me.json("path", "target", "-k", "1")["routes"]) == 1
    assert me.json("path", "target", "--slack", "0")["routes"][0]["path"] == ["me", "weak", "target"]


def test_network_view_and_list_by_degree_stay_current(chain):
    net = chain.json("network")
    assert net["views"]["curated"]["by_degree"] == {
        "1st": 1,
        "2nd": 1,
        "3rd": 1,
        "4th": 2,
        "5th": 1,
        "not connected": 1,
    }
    assert net["views"]["nominal"]["by_degree"] == {"1st": 2, "2nd": 2, "3rd": 1, "4th": 1, "not connected": 1}
    assert net["untied"]["count"] == 1 and net["untied"]["people"][0]["handle"] == "x"
    bridges = {b["handle"]: b for b in net["views"]["nominal"]["bridges"]}
    assert bridges["a"]["second_degree"] == 1 and bridges["l"]["second_degree"] == 1
    assert [p["handle"] for p in chain.json("list", "--degree", "2")] == ["b"]
    assert [p["handle"] for p in chain.json("list", "--degree", "2", "--view", "nominal")] == ["b", "c"]
    chain.ok("link", "a", "d")
    assert [p["handle"] for p in chain.json("list", "--degree", "2")] == ["b", "d"]
    chain.ok("connect", "x", "--as", "friend")
    assert "x" in [p["handle"] for p in chain.json("list", "--degree", "1")]
    chain.ok("rm", "a", "--yes")
    assert chain.json("list", "--degree", "2") == []
    chain.ok("evidence", "x", "--remove", str(chain.json("evidence", "x")["evidence"][0]["id"]))
    assert chain.json("list", "--degree", "1") == []


def test_show_has_degree_in_both_views(chain):
    shown = chain.json("show", "c")
    assert shown["degree"]["curated"] == "3rd" and shown["degree"]["nominal"] == "2nd"


# -- against networkx ------------------------------------------------------------------------------


def _load(store: Store, edges: list[tuple[int, int]], mine: list[int], curated: set[int]) -> dict[int, int]:
    """Load a graph whose node n is a person named 'n'; return node -> person id."""
    with store.connect(write=True) as conn:
        bulk_link(conn, "".join(f"{u} {v}\n" for u, v in edges))
        ids = {int(name): pid for pid, name in conn.execute("SELECT id, name FROM person WHERE is_me = 0")}
        for n in mine:
            if n not in ids:
                conn.execute(
                    "INSERT INTO person (handle, name, name_key, name_fold, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, '', '')",
                    (f"n{n}", str(n), str(n), str(n)),
                )
                ids[n] = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            conn.execute(
                "INSERT INTO connection (person_id, curated, created_at, updated_at) VALUES (?, ?, '', '')",
                (ids[n], int(n in curated)),
            )
    return ids


edge_lists = st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edge_lists, st.lists(st.integers(0, 14), max_size=5, unique=True), st.randoms(use_true_random=False))
def test_distances_and_paths_match_networkx(tmp_path_factory, edges, mine, rnd):
    path = tmp_path_factory.mktemp("g") / "g.db"
    store = Store.open(path, create=True)
    with store.connect(write=True) as conn:
        from curated_net.people.writes import init_me

        init_me(conn, "Me")
    curated = set(mine[::2])
    ids = _load(store, edges, mine, curated)
    with store.connect() as conn:
        me_id = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        for view, chosen in ((View.nominal, set(mine)), (View.curated, curated)):
            g = nx.Graph()
            g.add_nodes_from(ids.values())
            g.add_node(me_id)
            g.add_edges_from((ids[u], ids[v]) for u, v in edges if u != v)
            g.add_edges_from((me_id, ids[n]) for n in chosen)
            e = Edges(conn, me_id, view)
            nodes = sorted(g.nodes)
            for _ in range(6):
                a, b = rnd.choice(nodes), rnd.choice(nodes)
                cap = rnd.choice([1, 2, 3, 20])
                res = graph.shortest_paths(e, a, b, max_depth=cap, limit=50)
                if nx.has_path(g, a, b) and nx.shortest_path_length(g, a, b) <= cap:
                    expected = nx.shortest_path_length(g, a, b)
                    assert res.degree == expected
                    truth = sorted(map(list, nx.all_shortest_paths(g, a, b)))
                    if len(truth) < 50:
                        assert sorted(res.paths) == truth
                    for p in res.paths:
                        assert p[0] == a and p[-1] == b and len(p) == expected + 1
                        assert all(g.has_edge(x, y) for x, y in itertools.pairwise(p))
                else:
                    assert res.degree is None and res.paths == []
        with store.connect(write=True) as conn:
            graph.recompute_degrees(conn, me_id)
            g = nx.Graph()
            g.add_nodes_from(ids.values())
            g.add_edges_from((ids[u], ids[v]) for u, v in edges if u != v)
            g.add_node(me_id)
            g.add_edges_from((me_id, ids[n]) for n in mine)
            dist = nx.single_source_shortest_path_length(g, me_id)
            stored = dict(conn.execute("SELECT person_id, nominal FROM degree_cache"))
            assert stored == {n: dist.get(n) for n in ids.values()}
            g.remove_edges_from((me_id, ids[n]) for n in mine if n not in curated)
            dist = nx.single_source_shortest_path_length(g, me_id)
            stored = dict(conn.execute("SELECT person_id, curated FROM degree_cache"))
            assert stored == {n: dist.get(n) for n in ids.values()}
            links = nx.Graph((ids[u], ids[v]) for u, v in edges if u != v)
            top = max([*ids.values(), me_id]) + 1
            _src, _dst, near, offsets = graph.read_adjacency(conn, top)
            for pid in ids.values():  # the adjacency read without sorting holds each person's links, once
                mine_read = sorted(near[offsets[pid] : offsets[pid + 1]].tolist())
                assert mine_read == sorted(links.adj[pid] if pid in links else [])
            for view in View:  # the ranking kept with the degrees is the one the SQL query gives
                assert graph.bridges(conn, view, 10) == graph.bridges(conn, view, graph.BRIDGES_KEPT + 1)[:10]
    store.close()


def test_ego_facebook_interop(cli, tmp_path):
    source = REALDATA / "graph" / "facebook_combined.txt"
    if not source.exists():
        pytest.skip("shared/realdata is not here")
    cli.ok("init", "--name", "Me")
    out = cli.json("link", "--file", str(source))
    assert out["links_added"] == 88234 and out["people_created"] == 4039
    g = nx.read_edgelist(source, nodetype=str)
    store = Store.open(cli.db)
    rnd = random.Random(7)
    nodes = sorted(g.nodes)
    with store.connect() as conn:
        ids = dict(conn.execute("SELECT name, id FROM person WHERE is_me = 0"))
        names = {v: k for k, v in ids.items()}
        me_id = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        e = Edges(conn, me_id, View.nominal)
        for _ in range(40):
            a, b = rnd.choice(nodes), rnd.choice(nodes)
            res = graph.shortest_paths(e, ids[a], ids[b], max_depth=20)
            assert res.degree == nx.shortest_path_length(g, a, b)
            p = [names[n] for n in res.paths[0]]
            assert all(g.has_edge(x, y) for x, y in itertools.pairwise(p))
    store.close()
    # Through the CLI too, with a real path.
    doc = cli.json("degree", "0", "4038", "--view", "nominal")
    assert doc["degree"] == nx.shortest_path_length(g, "0", "4038")


def test_stored_bridges_equal_the_query_and_new_people_count_as_untied(example):
    import sqlite3

    from curated_net.network import graph

    before = example.json("network")["untied"]["count"]
    conn = sqlite3.connect(example.db)
    for view in graph.View:
        stored = graph.bridges(conn, view, 10)
        queried = graph.bridges(conn, view, graph.BRIDGES_KEPT + 1)[:10]  # more than is stored: the SQL path
        assert stored and stored == queried
    conn.close()
    example.ok("add", "Nobody Yet")  # no tie, and no change to the graph
    net = example.json("network")
    assert net["untied"]["count"] == before + 1
    assert "nobody-yet" in [p["handle"] for p in net["untied"]["people"]]
