"""Connections with evidence, links, bulk links, interactions and relationship strength."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Cli
from curated_net.network.ties import strength


@pytest.fixture
def two(me):
    me.ok("add", "Ann Lee")
    me.ok("add", "Bob Stone")
    me.ok("add", "Cy Young")
    return me


def test_connect_records_each_criterion_as_its_own_evidence(two):
    out = two.json(
        "connect",
        "ann-lee",
        "--as",
        "colleague",
        "--detail",
        "Northwind platform",
        "--since",
        "2016-03",
        "--until",
        "2020",
        "--place",
        "Northwind",
        "--as",
        "friend",
        "--detail",
        "",
        "--since",
        "2012",
        "--until",
        "",
        "--place",
        "",
    )
    ev = out["connection"]["evidence"]
    assert [(e["criterion"], e["detail"], e["since"], e["until"], e["place"]) for e in ev] == [
        ("colleague", "Northwind platform", "2016-03", "2020", "Northwind"),
        ("friend", None, "2012", None, None),
    ]
    assert out["connection"]["status"] == "curated"
    assert out["verdict"]["allowed"] is True


def test_connect_again_adds_evidence_and_skips_what_is_recorded(two):
    two.ok("connect", "ann-lee", "--as", "colleague", "--detail", "x")
    out = two.json("connect", "ann-lee", "--as", "colleague", "--detail", "x")
    assert out["added_evidence"] == []
    out = two.json("connect", "ann-lee", "--as", "met-in-person", "--conversation", "robots")
    assert [e["criterion"] for e in out["connection"]["evidence"]] == ["colleague", "met-in-person"]


def test_connect_without_evidence_is_refused_and_linkedin_is_only_nominal(two):
    before = two.snapshot()
    r = two.fails("connect", "ann-lee", code=3)
    assert r.stderr.startswith("refused by really-know: you have no evidence for Ann Lee (no criteria recorded).")
    assert "Fix, only if true: cnet connect ann-lee --as client|colleague|business-partner|met-in-person|" in r.stderr
    assert two.snapshot() == before
    out = two.json("connect", "bob-stone", "--source", "linkedin", "--connected-on", "2021-04-02")
    assert out["connection"]["status"] == "nominal"
    assert out["connection"]["nominal_source"] == "linkedin" and out["connection"]["nominal_on"] == "2021-04-02"
    assert out["connection"]["evidence"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "acquaintance"], "'acquaintance' is not one of client"),
        (["--as", "colleague", "--as", "friend", "--detail", "x"], "1 --detail for 2 --as"),
        (["--detail", "x"], "give --as too"),
        (["--as", "colleague", "--since", "2019-02-30"], "impossible"),
        (["--as", "colleague", "--since", "2020", "--until", "2019"], "before"),
        (["--source", "myspace"], "'myspace' is not one of linkedin"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_written(two, args, message):
    before = two.snapshot()
    bad_value = args[0] in ("--as", "--source") and len(args) == 2  # a usage error, as Click's choices are
    r = two.fails("connect", "ann-lee", *args, code=2 if bad_value else 1)
    assert message in r.stderr
    assert two.snapshot() == before


def test_connect_me_is_an_error(two):
    assert "yourself" in two.fails("connect", "me", "--as", "friend").stderr


def test_evidence_lists_edits_and_removes(two):
    two.ok("connect", "ann-lee", "--as", "colleague", "--detail", "x", "--as", "friend", "--detail", "y")
    ev = two.json("evidence", "ann-lee")["evidence"]
    first, second = ev[0]["id"], ev[1]["id"]
    out = two.json("evidence", "ann-lee", "--edit", str(first), "--detail", "Northwind", "--since", "2016")
    assert out["evidence"][0]["detail"] == "Northwind" and out["evidence"][0]["since"] == "2016"
    out = two.json("evidence", "ann-lee", "--remove", str(second))
    assert [e["criterion"] for e in out["evidence"]] == ["colleague"]
    out = two.json("evidence", "ann-lee", "--remove", str(first))
    assert out["evidence"] == [] and out["status"] == "nominal"
    before = two.snapshot()
    assert "no evidence #999" in two.fails("evidence", "ann-lee", "--remove", "999").stderr
    assert "--edit" in two.fails("evidence", "ann-lee", "--detail", "z").stderr
    assert "not connected" in two.fails("evidence", "bob-stone").stderr
    assert two.snapshot() == before


def test_disconnect_removes_the_connection_and_its_evidence(two):
    two.ok("connect", "ann-lee", "--as", "friend")
    two.ok("disconnect", "ann-lee")
    assert two.json("show", "ann-lee")["connection"] is None
    assert "not connected" in two.fails("disconnect", "ann-lee").stderr


def test_link_unlink_and_update(two):
    out = two.json("link", "ann-lee", "bob-stone", "--how", "rowing club", "--learnt", "Ann", "--strength", "70")
    assert out == {
        "status": "added",
        "a": "ann-lee",
        "b": "bob-stone",
        "how": "rowing club",
        "learnt": "Ann",
        "strength": 70,
    }
    assert two.json("link", "bob-stone", "ann-lee")["status"] == "unchanged"
    assert two.json("link", "bob-stone", "ann-lee", "--how", "rowing and chess")["status"] == "updated"
    two.ok("unlink", "bob-stone", "ann-lee")
    assert "not linked" in two.fails("unlink", "bob-stone", "ann-lee").stderr


def test_link_refuses_me_self_and_half_a_pair(two):
    assert "connection, not a link" in two.fails("link", "me", "ann-lee").stderr
    assert "themselves" in two.fails("link", "ann-lee", "ann-lee").stderr
    assert "two people" in two.fails("link", "ann-lee").stderr
    assert two("link", "ann-lee", "bob-stone", "--strength", "101").exit_code == 2


def test_bulk_link_file_tolerates_real_world_mess(two, tmp_path):
    f = tmp_path / "links.txt"
    f.write_bytes(
        b"# who knows whom\r\n"
        b"ann-lee bob-stone\r\n"
        b"\r\n"
        b"Ann Lee, Cy Young, met at the club\r\r\n"
        b"bob-stone\tDana New\r"
        b"Dana New, Eve New\n"
        b"Eve New, Dana New\n"
        b"ann-lee ann-lee\n"
        b"one two three\n"
        b"me, ann-lee\n"
        b"   \n"
    )
    out = two.json("link", "--file", str(f))
    assert out["links_added"] == 4
    assert out["people_created"] == 2
    assert out["duplicates"] == 1 and out["self_links"] == 1
    assert [s["line"] for s in out["skipped"]] == [9, 10]
    assert "comma" in out["skipped"][0]["reason"]
    assert two.json("show", "dana-new")["name"] == "Dana New"
    assert two.json("degree", "cy-young", "ann-lee", "--view", "nominal")["degree"] == 1
    # Loading the same file again adds nothing.
    again = two.json("link", "--file", str(f))
    assert again["links_added"] == 0 and again["people_created"] == 0


def test_bulk_link_strict_adds_nothing_when_a_line_is_bad(two, tmp_path):
    f = tmp_path / "links.csv"
    f.write_text("ann-lee,bob-stone\nNew Person, Other New\nonly-one\n")
    before = two.snapshot()
    r = two.fails("link", "--file", str(f), "--strict")
    assert "line 3" in r.stderr
    assert two.snapshot() == before


def test_bulk_link_reads_stdin_and_rejects_binary(two, tmp_path):
    out = two("link", "--file", "-", "--json", input="ann-lee cy-young\n")
    assert out.exit_code == 0 and out.json()["links_added"] == 1
    f = tmp_path / "bad.txt"
    f.write_bytes(b"ann-lee bob-stone\n\xff\xfe broken\n")
    r = two.fails("link", "--file", str(f))
    assert "line 2" in r.stderr and "UTF-8" in r.stderr
    assert "no such file" in two.fails("link", "--file", str(tmp_path / "missing.txt")).stderr


def test_bulk_link_file_read_in_small_pieces_matches_one_reading(tmp_path, monkeypatch):
    """A file is read a few MB at a time: with pieces of a few bytes, clean pieces and pieces that need
    reading line by line alternate, and the outcome is that of one reading (lines, handles, skips)."""
    from curated_net.network import bulk

    lines = []
    for i in range(300):
        lines.append(f"P{i} Lee, Q{i % 40} Lee")
        if i % 37 == 0:
            lines += ["# a note", f"P{i} Lee, Cy Young, met at the club", "only-one", "ann-lee, me"]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    f = tmp_path / "links.csv"
    f.write_bytes(data)

    def load(folder: str, chunk: int) -> tuple[Cli, dict]:
        monkeypatch.setattr(bulk, "CHUNK", chunk)
        c = Cli(tmp_path / folder / "cnet.db")
        c.ok("init", "--name", "Me Myself")
        c.ok("add", "Ann Lee")
        return c, c.json("link", "--file", str(f))

    small_db, small = load("small", 37)
    _, whole = load("whole", 1 << 22)
    assert small == whole
    assert small["lines"] == len(lines) and small["links_added"] == 300 + 9
    bad = {n for n, t in enumerate(lines, 1) if t in ("only-one", "ann-lee, me")}
    assert {s["line"] for s in small["skipped"]} == bad
    assert small_db.json("degree", "p37-lee", "cy-young", "--view", "nominal")["degree"] == 1
    # A byte that is not UTF-8 far into the file, past many pieces: its line is named, nothing is added.
    monkeypatch.setattr(bulk, "CHUNK", 37)
    f.write_bytes(data + b"late, \xff bad\r\n")
    before = small_db.snapshot()
    r = small_db.fails("link", "--file", str(f))
    assert f"line {len(lines) + 1} " in r.stderr and "UTF-8" in r.stderr
    assert small_db.snapshot() == before


def test_bulk_link_file_with_old_mac_line_ends_read_in_small_pieces(tmp_path, monkeypatch):
    """Lines ended by CR alone give no LF to cut at: the pieces wait for one (or the end) and nothing is lost."""
    from curated_net.network import bulk

    monkeypatch.setattr(bulk, "CHUNK", 16)
    f = tmp_path / "mac.txt"
    f.write_bytes(b"".join(f"R{i} Lee, S{i} Lee\r".encode() for i in range(50)) + b"\xc3\xa9lo\xc3\xafse One, R1 Lee")
    c = Cli(tmp_path / "db" / "cnet.db")
    c.ok("init", "--name", "Me Myself")
    out = c.json("link", "--file", str(f))
    assert out["lines"] == 51 and out["links_added"] == 51 and out["skipped"] == []
    assert c.json("show", "eloise-one")["name"] == "éloïse One"


def test_log_and_history(two):
    two.ok("log", "ann-lee", "Lunch", "--kind", "in-person", "--on", "2026-01-05", "--memorable")
    two.ok("log", "ann-lee", "Quick call", "--kind", "call", "--on", "2026-03")
    hist = two.json("history", "ann-lee")
    assert [(h["on"], h["kind"], h["memorable"]) for h in hist] == [
        ("2026-03", "call", False),
        ("2026-01-05", "in-person", True),
    ]
    shown = two.json("show", "ann-lee")
    assert shown["interactions"]["count"] == 2 and shown["interactions"]["memorable"] == 1
    assert shown["interactions"]["last"]["note"] == "Quick call"
    before = two.snapshot()
    assert "--kind" in two.fails("log", "ann-lee", "x", "--kind", "telepathy", code=2).stderr
    assert "note" in two.fails("log", "ann-lee", "  ").stderr
    assert "future" in two.fails("log", "ann-lee", "x", "--on", "2999-01-01").stderr
    assert two.snapshot() == before
    assert two.json("log", "ann-lee", "x", "--kind", "In Person")["kind"] == "in-person"  # any case, a space for -


def test_show_explain_gives_the_parts_of_strength(two):
    two.ok("connect", "ann-lee", "--as", "colleague", "--as", "friend")
    two.ok("log", "ann-lee", "Lunch", "--memorable")
    s = two.json("show", "ann-lee", "--explain")["strength"]
    assert s["evidence"] == 50  # colleague 45 + 5 for a second criterion
    assert s["recency"] == 30.0  # today
    assert s["frequency"] == 5.0  # one memorable interaction counts 2 of 8
    assert s["score"] == 85
    assert set(two.json("show", "ann-lee")["strength"]) == {"score", "summary"}
    assert "85/100" in two.ok("show", "ann-lee").stdout


def _conn(*criteria, conversation=None):
    return {"evidence": [{"criterion": k, "conversation": conversation} for k in criteria]}


def _events(*days_ago, memorable=False, today=dt.date(2026, 11, 21)):
    return [{"on": (today - dt.timedelta(days=d)).isoformat(), "memorable": memorable} for d in days_ago]


def test_strength_formula():
    today = dt.date(2026, 11, 21)
    assert strength(None, [], today=today)["score"] == 0
    assert strength(_conn(), [], today=today)["score"] == 5  # nominal only
    assert strength(_conn("family"), [], today=today)["score"] == 50
    assert strength(_conn("met-in-person"), [], today=today)["evidence"] == 15
    assert strength(_conn("met-in-person", conversation="robots"), [], today=today)["evidence"] == 30
    assert strength(_conn("classmate", "friend", "colleague"), [], today=today)["evidence"] == 50
    one_year = strength(_conn("client"), _events(365), today=today)
    assert one_year["recency"] == 15.0 and one_year["frequency"] == 2.5
    busy = strength(_conn("client"), _events(*range(0, 80, 10), memorable=True), today=today)
    assert busy["frequency"] == 20.0 and busy["score"] == 90
    old = strength(_conn("client"), _events(3000), today=today)
    assert old["frequency"] == 0.0 and old["recency"] < 1


def test_bulk_link_reports_ambiguous_names_by_line_and_keeps_the_first_how(two, tmp_path):
    two.ok("add", "Sam Lee")
    two.ok("add", "Sam Lee", "--force")
    f = tmp_path / "links.csv"
    f.write_text("Sam Lee, ann-lee\nann-lee, bob-stone, old friends\nbob-stone, ann-lee, later note\nx, Sam Lee\n")
    out = two.json("link", "--file", str(f))
    assert [s["line"] for s in out["skipped"]] == [1, 4]
    assert all("names 2 people" in s["reason"] for s in out["skipped"])
    assert out["links_added"] == 1 and out["duplicates"] == 1 and out["people_created"] == 1
    hop = two.json("degree", "ann-lee", "bob-stone", "--view", "nominal")["hops"][0]
    assert "old friends" in hop["how"]


def test_bulk_link_clean_csv_fast_path_matches_line_by_line(two, tmp_path):
    clean = tmp_path / "clean.csv"
    clean.write_text("Ann Lee,Zed One\n zed-one , Yan Two\nYan Two,Ann Lee\nann-lee,Zed One\n")
    out = two.json("link", "--file", str(clean))
    assert (out["links_added"], out["people_created"], out["duplicates"]) == (3, 2, 1)
    assert {p["name"] for p in two.json("list")} >= {"Zed One", "Yan Two"}
    assert two.json("degree", "yan-two", "zed-one", "--view", "nominal")["degree"] == 1


@pytest.mark.parametrize(
    ("sep", "end"), [(s, "\n") for s in (",", ", ", " , ", ",\t", ",\u00a0", "\t")] + [(", ", "\r\n")]
)
def test_bulk_link_file_reads_the_same_whichever_reader_takes_it(tmp_path, sep, end):
    """A clean file is read in one pass; a comment line sends the same pairs line by line: same result."""
    pairs = [("Ann Lee", "Zed One"), ("zed-one", "Yan Two"), ("Yan Two", "Ann Lee"), ("ann-lee", "Zed One")]
    pairs += [("José Ruiz", "Ann Lee"), ("Jose\u0301 Ruiz", "Yan Two"), ("Yan Two", "Yan Two"), ("Bo Wu", "ann-lee")]
    body = "".join(f"{a}{sep}{b}{end}" for a, b in pairs)
    seen = []
    for i, text in enumerate((body, f"# read line by line{end}" + body)):
        cli = Cli(tmp_path / str(i) / "data" / "cnet.db")
        cli.ok("init", "--name", "Sam Rivera")
        cli.ok("add", "Ann Lee")
        f = tmp_path / f"{i}.csv"
        f.write_bytes(text.encode())
        out = cli.json("link", "--file", str(f))
        dump = cli.ok("export", "json").json()
        seen.append(
            (
                {k: out[k] for k in ("links_added", "people_created", "duplicates", "self_links")},
                sorted((p["handle"], p["name"]) for p in dump["people"]),
                sorted((link["a"], link["b"]) for link in dump["links"]),
            )
        )
    assert seen[0] == seen[1]
    counts, people, links = seen[0]
    assert counts == {"links_added": 6, "people_created": 4, "duplicates": 1, "self_links": 1}
    assert ("jose-ruiz", "José Ruiz") in people and ("zed-one", "Zed One") in people
    assert ("ann-lee", "bo-wu") in links and ("jose-ruiz", "yan-two") in links  # one José, however composed


@pytest.mark.parametrize("use_json", [True, False])
def test_bulk_pairs_go_in_once_with_or_without_sqlite_json(two, use_json):
    """Links travel to SQLite as one JSON array where it can read JSON, else row by row: same rows."""
    import sqlite3

    import numpy as np

    from curated_net.network.bulk import insert_pairs

    conn = sqlite3.connect(two.db)
    ids = dict(conn.execute("SELECT handle, id FROM person"))
    ann, bob, cy = ids["ann-lee"], ids["bob-stone"], ids["cy-young"]
    with conn:
        insert_pairs(conn, np.array([ann, ann]), np.array([bob, cy]), "2026-01-01", use_json=use_json)
        before = conn.total_changes
        insert_pairs(conn, np.array([ann, bob]), np.array([bob, cy]), "2026-02-02", use_json=use_json)
        added = conn.total_changes - before
    rows = conn.execute("SELECT a, b, how, created_at FROM link ORDER BY a, b").fetchall()
    conn.close()
    assert added == 1  # ann–bob was there already and keeps its first date
    assert rows == sorted(
        [(ann, bob, None, "2026-01-01"), (ann, cy, None, "2026-01-01"), (bob, cy, None, "2026-02-02")]
    )
    assert two.json("degree", "bob-stone", "cy-young", "--view", "nominal")["degree"] == 1


def test_bulk_link_file_with_as_many_commas_as_lines_but_not_one_each(two, tmp_path):
    f = tmp_path / "links.csv"
    f.write_text("ann-lee,bob-stone,met at the club\ncy-young ann-lee\n")
    out = two.json("link", "--file", str(f))
    assert (out["lines"], out["links_added"], out["skipped"]) == (2, 2, [])
    assert "met at the club" in two.json("degree", "ann-lee", "bob-stone", "--view", "nominal")["hops"][0]["how"]
    assert two.json("degree", "cy-young", "ann-lee", "--view", "nominal")["degree"] == 1


def test_people_a_bulk_load_makes_are_found_and_registered_and_so_are_later_ones(two, tmp_path):
    f = tmp_path / "links.csv"
    f.write_text("Zed One, Yan Two\n")
    two.json("link", "--file", str(f))
    assert [h["handle"] for h in two.json("search", "zed")] == ["zed-one"]
    two.ok("rm", "zed-one", "--yes")
    assert two.ok("add", "Zed One").stdout.strip() == "zed-one-2"  # a bulk-made handle is never reused
    assert two.ok("add", "Zed Three").stdout.strip() == "zed-three"
    assert {h["handle"] for h in two.json("search", "zed")} == {"zed-one-2", "zed-three"}
    two.ok("rm", "zed-three", "--yes")
    assert two.ok("add", "Zed Three").stdout.strip() == "zed-three-2"  # and after a bulk load, nor is any other


@pytest.mark.parametrize("head", ["", "# read line by line\n"])
def test_bulk_link_progress_only_moves_forward_and_ends_at_the_whole_file(two, head):
    from curated_net.network.bulk import bulk_link
    from curated_net.store.database import Store

    text = head + "".join(f"P{i} Lee, Q{i} Lee\n" for i in range(1000))
    seen: list[tuple[int, int]] = []
    store = Store.open(two.db)
    with store.connect(write=True, foreign_keys=False) as conn:
        bulk_link(conn, text, progress=lambda done, total: seen.append((done, total)))
    store.close()
    assert len(seen) >= 4 and seen[-1] == (len(text), len(text))  # the whole text, whatever the unit
    assert {total for _, total in seen} == {len(text)}
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert two.json("degree", "p7-lee", "q7-lee", "--view", "nominal")["degree"] == 1
