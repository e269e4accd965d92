"""One door for every write: each rule holds whichever path a record comes by."""

from __future__ import annotations

import json
import sqlite3

import pytest


def _rows(db, sql: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_merging_two_people_with_an_introduction_between_them_leaves_no_introduction_to_oneself(me):
    me.ok("add", "Ann Lee", "--how-met", "school", "--met-on", "2010", "--highlight", "kind")
    me.ok("add", "Ann Lee-Smith", "--how-met", "work", "--met-on", "2012", "--highlight", "sharp")
    me.ok("add", "Bob Stone", "--how-met", "sailing", "--met-on", "2015", "--highlight", "calm")
    for who in ("ann-lee", "ann-lee-smith", "bob-stone"):
        me.ok("connect", who, "--as", "friend")
    me.ok("intro", "ask", "ann-lee", "ann-lee-smith", "--reason", "both like sailing")
    me.ok("intro", "ask", "ann-lee-smith", "bob-stone", "--reason", "a job")
    me.ok("request", "intro", "ann-lee", "ann-lee-smith", "--via", "phone", "--reason", "x")
    out = me.json("merge", "ann-lee", "ann-lee-smith", "--yes")
    assert out["dropped"] == {"introductions": 1, "requests": 1}
    intros = me.json("intro", "list")
    assert [(i["a"], i["b"]) for i in intros] == [("ann-lee", "bob-stone")]
    assert not _rows(me.db, "SELECT id FROM introduction WHERE a = b")
    assert not _rows(me.db, "SELECT id FROM request WHERE from_person = to_person")


def test_merge_keeps_evidence_that_says_the_same_once(me):
    me.ok("add", "Ann Lee")
    me.ok("add", "Ann Lee", "--force")
    me.ok("connect", "ann-lee", "--as", "colleague", "--detail", "Data platform", "--since", "2019")
    me.ok("connect", "ann-lee-2", "--as", "colleague", "--detail", "data  platform", "--since", "2019")
    me.ok("connect", "ann-lee-2", "--as", "client", "--detail", "audit")
    me.json("merge", "ann-lee", "ann-lee-2", "--yes")
    evidence = me.json("evidence", "ann-lee")["evidence"]
    assert sorted((e["criterion"], e["detail"]) for e in evidence) == [
        ("client", "audit"),
        ("colleague", "Data platform"),
    ]


def test_connect_twice_with_the_same_evidence_stores_it_once(me):
    me.ok("add", "Alex Kim")
    first = me.json("connect", "alex-kim", "--as", "colleague", "--detail", "X")
    assert len(first["added_evidence"]) == 1
    for variant in (["--detail", "X"], ["--detail", " x "], ["--detail", "x"]):
        again = me.json("connect", "alex-kim", "--as", "colleague", *variant)
        assert again["added_evidence"] == []
    both = me.json("connect", "alex-kim", "--as", "friend", "--as", "friend")
    assert len(both["added_evidence"]) == 1
    assert len(me.json("evidence", "alex-kim")["evidence"]) == 2


def test_csv_import_applies_the_phone_rule_of_add(me, tmp_path):
    f = tmp_path / "people.csv"
    f.write_text("name,phone,email\nCarl Jung,call me maybe,carl@x.example\nDora Maar,+33 1 23 45 67 89,\n")
    out = me.json("import", "csv", str(f))
    assert out["added"] == 2
    assert any("call me maybe" in w["reason"] and w["line"] == 2 for w in out["warnings"])
    assert me.json("show", "carl-jung")["phones"] == []
    assert me.json("show", "carl-jung")["emails"] == ["carl@x.example"]
    assert me.json("show", "dora-maar")["phones"] == ["+33 1 23 45 67 89"]
    assert "not a phone number" in me.fails("add", "Bob", "--phone", "call me maybe").stderr


@pytest.mark.parametrize(
    "args",
    [
        ("request", "connect", "A" * 600, "--via", "phone"),
        ("request", "intro", "A" * 600, "me", "--via", "phone", "--reason", "x"),
        ("add", "A" * 600),
    ],
)
def test_a_name_over_500_characters_is_refused_on_every_path(me, args):
    me.ok("add", "Bea Ode")
    before = me.snapshot()
    r = me.fails(*args)
    assert "too long for a name" in r.stderr
    assert me.snapshot() == before


def test_bulk_links_and_imports_refuse_the_names_add_refuses(me, tmp_path):
    links = tmp_path / "links.csv"
    long_name = "B" * 501
    links.write_text(f"Ann Lee,Bob Stone\nAnn Lee,{long_name}\n")
    out = me.json("link", "--file", str(links))
    assert out["links_added"] == 1 and out["people_created"] == 2
    assert [s["line"] for s in out["skipped"]] == [2] and "too long" in out["skipped"][0]["reason"]
    li = tmp_path / "Connections.csv"
    li.write_text(f"First Name,Last Name,URL\nCy,Young,\n{long_name},X,\n")
    summary = me.json("import", "linkedin", str(li))
    assert summary["added"] == 1 and [s["line"] for s in summary["skipped"]] == [3]


def test_the_one_at_a_time_and_the_bulk_link_paths_give_the_same_network(tmp_path):
    from conftest import Cli

    pairs = [("Ann Lee", "Bob Stone"), ("bob-stone", "Cy Young"), ("Ann Lee", "Ann Lee"), ("Cy Young", "Ann Lee")]
    one, bulk = Cli(tmp_path / "one" / "cnet.db"), Cli(tmp_path / "bulk" / "cnet.db")
    for cli in (one, bulk):
        cli.ok("init", "--name", "Me")
    for name in ("Ann Lee", "Bob Stone", "Cy Young"):
        one.ok("add", name)
    for a, b in pairs:
        r = one("link", a, b)
        assert r.exit_code == (1 if a == b else 0)
    f = tmp_path / "pairs.csv"
    f.write_text("".join(f"{a},{b}\n" for a, b in pairs))
    bulk.ok("link", "--file", str(f))

    def shape(cli):
        doc = json.loads(cli.ok("export", "json").stdout)
        people = sorted((p["handle"], p["name"]) for p in doc["people"])
        return people, sorted((x["a"], x["b"]) for x in doc["links"])

    assert shape(one) == shape(bulk)


def test_search_ids_works_on_an_instance_too(me):
    from curated_net.store.database import Store

    me.ok("add", "Zora Neale", "--company", "Harlem Press")
    store = Store.open(me.db)
    with store.connect() as conn:
        assert [h[0] for h in store.search_ids(conn, "harlem", 5)] == [
            h[0] for h in Store.search_ids(conn, "harlem", 5)
        ]
        assert len(store.search_ids(conn, "harlem", 5)) == 1


def test_no_command_module_holds_sql_or_imports_another_commands_private_names():
    import ast
    from pathlib import Path

    import curated_net.cli

    folder = Path(curated_net.cli.__file__).parent
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.lstrip().upper()
                assert not text.startswith(("SELECT ", "INSERT ", "UPDATE ", "DELETE ")), (path.name, node.value)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                assert all(not a.name.startswith("_") for a in node.names), (path.name, node.module)
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany"):
                raise AssertionError(f"{path.name} runs SQL")


def test_a_restore_goes_through_the_same_rules_and_keeps_what_they_refuse_in_the_notes(me, tmp_path):
    me.ok("add", "Carl Jung", "--phone", "+41 44 555 0100", "--email", "carl@x.example")
    doc = json.loads(me.ok("export", "json").stdout)
    carl = next(p for p in doc["people"] if p["handle"] == "carl-jung")
    carl["phones"].append("call me maybe")  # what an older cnet let an import store
    f = tmp_path / "old.json"
    f.write_text(json.dumps(doc))
    from conftest import Cli

    new = Cli(tmp_path / "new" / "cnet.db")
    out = new.json("import", "json", str(f))
    assert out["kept_in_notes"] == ["carl-jung: phone 'call me maybe'"]
    restored = new.json("show", "carl-jung")
    assert restored["phones"] == ["+41 44 555 0100"] and "call me maybe" in restored["notes"]


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["people"][1].update(name=42),
        lambda d: d["people"][1].update(emails="ann@x.example"),
        lambda d: d["people"][1].update(name="Ann\nLee"),
        lambda d: d["people"][1].update(handle="Not A Handle"),
        lambda d: d["links"].append({"a": "ann-lee", "b": "ann-lee", "created_at": "t"}),
        lambda d: d["links"].append({"a": "ann-lee", "b": "nobody", "created_at": "t"}),
        lambda d: d["interactions"].append({"person": "ann-lee", "kind": "telepathy", "on": "2020", "note": "x"}),
        lambda d: d["connections"].append(
            {
                "person": "ann-lee",
                "created_at": "t",
                "updated_at": "t",
                "evidence": [{"criterion": "acquaintance", "created_at": "t"}],
            }
        ),
        lambda d: d.update(people={"ann": 1}),
    ],
)
def test_a_broken_export_is_refused_with_a_message_and_leaves_no_file(me, tmp_path, breakage):
    me.ok("add", "Ann Lee")
    me.ok("add", "Bob Stone")
    me.ok("link", "ann-lee", "bob-stone")
    doc = json.loads(me.ok("export", "json").stdout)
    doc["people"].sort(key=lambda p: p["handle"] != "ann-lee")
    doc["people"].insert(0, doc["people"].pop())
    breakage(doc)
    f = tmp_path / "broken.json"
    f.write_text(json.dumps(doc))
    target = tmp_path / "fresh" / "cnet.db"
    r = me.fails("--db", str(target), "import", "json", str(f))
    assert r.stderr.startswith("error: ") and "Traceback" not in r.stderr
    assert not target.exists() and not list(target.parent.glob("cnet.db*"))


def test_the_domain_imports_neither_typer_nor_rich_nor_the_orm():
    import ast
    from pathlib import Path

    import curated_net

    root = Path(curated_net.__file__).parent
    for path in root.rglob("*.py"):
        if path.parts[-2] == "cli" or path.name == "models.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom) and node.level == 0
                else []
            )
            for name in names:
                assert name.split(".")[0] not in ("typer", "rich", "sqlmodel", "sqlalchemy"), (path, name)


def test_the_batched_linkedin_import_writes_what_one_person_at_a_time_would(tmp_path):
    from conftest import Cli

    rows = [
        ("Ann", "Lee", "https://www.linkedin.com/in/ann-lee", "ann@x.example", "Acme", "Engineer", "30 May 2024"),
        ("Bob", "Stone", "", "", "Globex", "CTO", "01 Jun 2024"),
        ("José", "Núñez", "https://www.linkedin.com/in/jnunez", "", "", "", "02 Jun 2024"),
    ]
    batched, single = Cli(tmp_path / "b" / "cnet.db"), Cli(tmp_path / "s" / "cnet.db")
    for cli in (batched, single):
        cli.ok("init", "--name", "Me")
    f = tmp_path / "Connections.csv"
    f.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "".join(",".join(r) + "\n" for r in rows)
    )
    batched.ok("import", "linkedin", str(f))
    for first, last, url, email, company, title, _on in rows:
        args = ["add", f"{first} {last}", "--company", company, "--title", title]
        args += ["--linkedin", url] if url else []
        args += ["--email", email] if email else []
        single.ok(*args)
    for handle, on in (("ann-lee", "2024-05-30"), ("bob-stone", "2024-06-01"), ("jose-nunez", "2024-06-02")):
        single.ok("connect", handle, "--source", "linkedin", "--connected-on", on)

    def shape(cli):
        doc = json.loads(cli.ok("export", "json").stdout)
        fields = ("handle", "name", "company", "title", "linkedin", "emails", "tags", "highlights")
        people = [{k: p[k] for k in fields} for p in doc["people"]]
        ties = [
            (c["person"], c["nominal_source"], c["nominal_on"], c["curated"], c["evidence"]) for c in doc["connections"]
        ]
        return people, ties, [p["handle"] for p in cli.json("search", "acme")]

    assert shape(batched) == shape(single)
