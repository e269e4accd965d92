"""Degrees, paths, warm routes and the network view, checked against networkx."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REALDATA
from curated_net.network import degrees, graph
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
    said = chain.ok("degree", "e", "--max-depth", "3").stdout
    assert "not connected within 3" in said and "--max-depth N" in said and "--view nominal" in said
    assert "--view nominal" not in chain.ok("degree", "x", "--view", "nominal").stdout


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
    # --output tsv gives a hop a line, not a drawn table
    lines = me.ok("path", "target", "--output", "tsv").stdout.splitlines()
    assert lines[0].split("\t") == ["route", "hop", "from", "to", "strength", "how"]
    assert lines[1].split("\t")[:5] == ["1", "1", "me", "strong", "50"] and len(lines) == 1 + 3 + 2


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
    rows = [line.split("\t") for line in chain.ok("network", "--output", "tsv").stdout.splitlines()]
    assert (
        rows[0] == ["view", "degree", "people"] and ["curated", "4th", "2"] in rows and ["nominal", "4th", "1"] in rows
    )
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


def expected_rows(conn) -> dict[int, tuple]:
    """Every person's row of degree_cache worked out from scratch with networkx: both degrees, then per
    view their links to people one degree nearer and, for 1st-degree people, to 2nd-degree people and to
    2nd-degree people with one way in."""
    me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
    people = [p for (p,) in conn.execute("SELECT id FROM person WHERE is_me = 0")]
    links = nx.Graph()
    links.add_nodes_from(people)
    links.add_edges_from(conn.execute("SELECT a, b FROM link"))
    connected = dict(conn.execute("SELECT person_id, curated FROM connection"))
    views = {}
    for view in ("nominal", "curated"):
        g = links.copy()
        g.add_node(me)
        g.add_edges_from((me, p) for p, curated in connected.items() if view == "nominal" or curated)
        dist = nx.single_source_shortest_path_length(g, me)
        parents = {p: sum(dist.get(p, 0) >= 2 and dist.get(w) == dist[p] - 1 for w in links.adj[p]) for p in people}
        # Kept for 1st-degree people only: what bridges are ranked by.
        seconds = {p: sum(dist.get(w) == 2 for w in links.adj[p]) * (dist.get(p) == 1) for p in people}
        sole = {p: sum(dist.get(w) == 2 and parents[w] == 1 for w in links.adj[p]) * (dist.get(p) == 1) for p in people}
        views[view] = (dist, parents, seconds, sole)
    nominal, curated = views["nominal"], views["curated"]
    return {
        p: (nominal[0].get(p), curated[0].get(p), *(c[p] for c in nominal[1:]), *(c[p] for c in curated[1:]))
        for p in people
    }


def stored_rows(conn) -> dict[int, tuple]:
    cols = ", ".join(degrees.COLUMNS)
    return {pid: tuple(row) for pid, *row in conn.execute(f"SELECT person_id, {cols} FROM degree_cache")}


def expected_bridges(conn, view) -> list[dict]:
    """My connections ranked as `cnet network` ranks bridges, worked out from scratch."""
    rows = expected_rows(conn)
    v = 0 if View(view) == View.nominal else 1
    ranked = sorted(
        (p for p, r in rows.items() if r[v] == 1 and r[3 + 3 * v]),
        key=lambda p: (-rows[p][3 + 3 * v], -rows[p][4 + 3 * v], p),
    )
    return [
        {"person_id": p, "second_degree": rows[p][3 + 3 * v], "only_through_them": rows[p][4 + 3 * v]} for p in ranked
    ]


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
            top = max([*ids.values(), me_id]) + 1
            a, b = degrees.read_links(conn, top, people_at_once=3)  # a few people's links at a time
            assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == sorted(conn.execute("SELECT a, b FROM link"))
            assert stored_rows(conn) == expected_rows(conn)
            for view in View:  # bridges ranked from the counts kept with the degrees
                assert graph.bridges(conn, view, 100) == expected_bridges(conn, view)
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


def test_stored_bridges_equal_a_count_from_scratch_and_new_people_count_as_untied(example):
    import sqlite3

    before = example.json("network")["untied"]["count"]
    conn = sqlite3.connect(example.db)
    for view in graph.View:
        stored = graph.bridges(conn, view, 10)
        assert stored and stored == expected_bridges(conn, view)[:10]
    conn.close()
    example.ok("add", "Nobody Yet")  # no tie, and no change to the graph
    net = example.json("network")
    assert net["untied"]["count"] == before + 1
    assert "nobody-yet" in [p["handle"] for p in net["untied"]["people"]]


# -- degrees kept in place -------------------------------------------------------------------------

OPS = ("link", "unlink", "connect", "nominal", "disconnect", "uncurate", "rm", "add", "merge", "read")
PEOPLE = 8
steps = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, PEOPLE - 1), st.integers(0, PEOPLE - 1)), min_size=4, max_size=60
)


@pytest.fixture(scope="module")
def blank_db(tmp_path_factory):
    """A database with me and a few people (made once: each example starts from a copy)."""
    from curated_net.people.writes import PersonChanges, add_person, init_me

    path = tmp_path_factory.mktemp("blank") / "blank.db"
    store = Store.open(path, create=True)
    with store.connect(write=True) as conn:
        init_me(conn, "Me")
        for n in range(PEOPLE):
            add_person(conn, f"Person {n}", PersonChanges(), force=True)
    return store


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps,
    st.lists(st.tuples(st.integers(0, PEOPLE - 1), st.integers(0, PEOPLE - 1)), max_size=16),
    st.lists(st.integers(0, PEOPLE - 1), max_size=3),
)
def test_kept_degrees_equal_a_fresh_search_after_any_changes(blank_db, tmp_path_factory, ops, start, mine):
    """After any sequence of link / unlink / connect / disconnect (and evidence removed, people removed,
    added and merged), degrees brought up to date in place equal a breadth-first search from scratch,
    in both views, and so do the counts bridges are ranked by."""
    from curated_net.errors import CnetError
    from curated_net.merge import merge
    from curated_net.network import writes
    from curated_net.people.writes import PersonChanges, add_person, remove_person
    from curated_net.policy import default_gate

    gate = default_gate()
    path = tmp_path_factory.mktemp("kept") / "k.db"
    store = Store.open(blank_db.backup(path))
    with store.connect(write=True) as conn:
        me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        ids = {int(name.split()[1]): pid for pid, name in conn.execute("SELECT id, name FROM person WHERE is_me = 0")}
        for u, v in start:
            if u != v:
                writes.link(conn, ids[u], ids[v])
        for n in set(mine):
            writes.connect(conn, ids[n], [writes.EvidenceInput("client", detail="an audit")], gate=gate)
        assert degrees.bring_up_to_date(conn, me) == "full"  # a new database owes one full pass
        for op, i, j in ops:
            conn.execute("SAVEPOINT op")
            try:
                if op == "add":
                    if i not in ids:
                        ids[i] = add_person(conn, f"Person {i}", PersonChanges(), force=True)
                elif op == "read":
                    # Followed in place, never by reading everything again.
                    assert degrees.bring_up_to_date(conn, me) in ("", "repair")
                    assert stored_rows(conn) == expected_rows(conn)
                elif i not in ids or (op in ("link", "unlink", "merge") and (j not in ids or i == j)):
                    pass
                elif op == "link":
                    writes.link(conn, ids[i], ids[j])
                elif op == "unlink":
                    writes.unlink(conn, ids[i], ids[j])
                elif op == "connect":
                    writes.connect(conn, ids[i], [writes.EvidenceInput("colleague", detail="the same team")], gate=gate)
                elif op == "nominal":
                    writes.connect(conn, ids[i], [], gate=gate, nominal_source="linkedin")
                elif op == "disconnect":
                    writes.disconnect(conn, ids[i])
                elif op == "uncurate":
                    evidence = [e for (e,) in conn.execute("SELECT id FROM evidence WHERE person_id = ?", (ids[i],))]
                    writes.remove_evidence(conn, ids[i], evidence, gate=gate)
                elif op == "rm":
                    remove_person(conn, ids.pop(i))
                elif op == "merge":
                    merge(conn, ids[i], ids.pop(j), gate=gate)
                conn.execute("RELEASE op")
            except CnetError:  # not linked, not connected…: nothing was written
                conn.execute("ROLLBACK TO op")
                conn.execute("RELEASE op")
        assert degrees.bring_up_to_date(conn, me) in ("", "repair")
        assert stored_rows(conn) == expected_rows(conn)
        for view in View:
            assert graph.bridges(conn, view, 100) == expected_bridges(conn, view)


def test_a_bulk_load_owes_one_full_pass_and_keeps_the_notes_for_what_follows(blank_db, tmp_path, monkeypatch):
    from curated_net.network import bulk, writes

    monkeypatch.setattr(bulk, "JOURNAL_UP_TO", 5)  # a "large" file: more pairs than this
    store = Store.open(blank_db.backup(tmp_path / "bulk.db"))
    with store.connect(write=True) as conn:
        me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        assert degrees.bring_up_to_date(conn, me) == "full"
        bulk.bulk_link(conn, "".join(f"Person {n}, New {n}\nNew {n}, New {n + 1}\n" for n in range(PEOPLE)))
        assert not degrees.kept(conn)  # owed: nothing was noted person by person
        assert conn.execute("SELECT count(*) FROM degree_dirty").fetchone()[0] == 0
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert set(degrees.JOURNAL_TRIGGERS) <= triggers  # set aside for the load only
        assert degrees.bring_up_to_date(conn, me) == "full"
        assert stored_rows(conn) == expected_rows(conn)
        a, b = conn.execute("SELECT id FROM person WHERE name IN ('New 1', 'Person 3') ORDER BY id").fetchall()
        writes.link(conn, a[0], b[0])
        assert degrees.bring_up_to_date(conn, me) == "repair"  # a change after it is followed in place
        assert stored_rows(conn) == expected_rows(conn)


def test_a_point_query_never_works_out_every_degree_even_when_they_are_behind(example, monkeypatch):
    """Degrees behind the ties (written outside cnet): `degree` and `path` search the ties as always; only a
    read of every degree (`network`, `list --degree`) works them out, in memory."""
    import sqlite3

    from curated_net import Network

    conn = sqlite3.connect(example.db)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'degrees_kept'")
    conn.commit()
    conn.close()
    passes = []
    whole = degrees.bring_up_to_date
    monkeypatch.setattr(degrees, "bring_up_to_date", lambda conn, me: passes.append(me) or whole(conn, me))
    with Network.open(example.db) as net:
        assert net.degree("christine-chapel")["label"] == "2nd"
        assert net.path("christine-chapel")["routes"]
        assert passes == []
        assert net.network()["views"]["curated"]["by_degree"]["2nd"] >= 1
        assert len(passes) == 1


def test_a_full_pass_with_no_links_gives_what_a_pass_over_the_links_would(blank_db, tmp_path):
    """With no links the full pass is worked out by SQLite alone (no arrays): the same rows, written only
    where they change, whatever was stored before (rows of a graph that had links, a missing row)."""
    from curated_net.network import writes

    store = Store.open(blank_db.backup(tmp_path / "unlinked.db"))
    with store.connect(write=True) as conn:
        me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        ids = [p for (p,) in conn.execute("SELECT id FROM person WHERE is_me = 0 ORDER BY id")]
        writes.insert_connections(conn, [(ids[0], "linkedin", None, 0, "t", "t"), (ids[1], None, None, 1, "t", "t")])
        for a, b in ((ids[0], ids[2]), (ids[2], ids[3]), (ids[1], ids[3])):
            writes.link(conn, a, b)
        degrees.owe_full_pass(conn)
        assert degrees.bring_up_to_date(conn, me) == "full"  # over the links
        assert stored_rows(conn)[ids[2]][:2] == (2, 3)
        conn.execute("DELETE FROM link")  # as a rewind or a restore may leave it
        conn.execute("DELETE FROM degree_cache WHERE person_id = ?", (ids[5],))
        degrees.owe_full_pass(conn)
        before = conn.total_changes
        assert degrees.bring_up_to_date(conn, me) == "full"  # without them
        assert stored_rows(conn) == expected_rows(conn)
        assert stored_rows(conn)[ids[0]] == (1, None, 0, 0, 0, 0, 0, 0)
        assert stored_rows(conn)[ids[1]] == (1, 1, 0, 0, 0, 0, 0, 0)
        changed = conn.total_changes - before
        degrees.owe_full_pass(conn)
        before = conn.total_changes
        degrees.bring_up_to_date(conn, me)
        assert conn.total_changes - before < changed  # a pass that finds the rows right rewrites none
