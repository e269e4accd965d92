"""What a first real day with cnet asks of it, tried as a new user would."""

from __future__ import annotations

import json

from curated_net.policy.loader import default_text

REASON = "Leonard saw Meridian's posting for a staff physician and would like to hear about the role"


def test_bulk_links_find_people_as_the_single_command_does(example, tmp_path):
    people = len(example.json("list"))
    f = tmp_path / "pairs.csv"
    jim = example.json("show", "jim")["handle"]
    f.write_text(
        f"bones,{jim}\n"  # a nickname and a handle
        "leonard.okafor@stbrendans.example,christine-chapel\n"  # an e-mail and a handle
        "https://www.linkedin.com/in/leonard-okafor-md/,Zelda Newcomer\n"  # a LinkedIn URL, and someone new
    )
    out = example.json("link", "--file", str(f))
    assert out["people_created"] == 1 and out["created"] == ["zelda-newcomer"]
    assert len(example.json("list")) == people + 1
    assert example.json("degree", jim, "leonard-okafor", "--view", "nominal")["degree"] == 1
    assert example.json("degree", "zelda-newcomer", "leonard-okafor", "--view", "nominal")["degree"] == 1


def test_no_create_adds_no_one_and_says_which_lines_it_skipped(example, tmp_path):
    before = len(example.json("list"))
    f = tmp_path / "pairs.csv"
    f.write_text("bones,christine-chapel\nbones,Stranger Danger\n")
    out = example.json("link", "--file", str(f), "--no-create")
    assert out["people_created"] == 0 and out["links_added"] <= 1
    assert [s["line"] for s in out["skipped"]] == [2] and "Stranger Danger" in out["skipped"][0]["reason"]
    assert len(example.json("list")) == before
    r = example.fails("link", "--file", str(f), "--no-create", "--strict")
    assert "line 2" in r.stderr


def test_drafting_after_consent_continues_the_same_introduction(example):
    example.ok("intro", "ask", "bones", "jim", "--reason", REASON)
    example.ok("intro", "consent", "1", "yes")
    r = example.ok("intro", "bones", "jim", "--reason", REASON, "--json")
    assert "has not been asked" not in r.stderr and "double-opt-in" not in r.stderr
    assert r.json()["id"] == 1  # the draft belongs to the introduction asked for, and records nothing
    assert [(i["id"], i["status"]) for i in example.json("intro", "list")] == [(1, "agreed")]
    example.ok("intro", "sent", "1")
    assert [(i["id"], i["status"]) for i in example.json("intro", "list")] == [(1, "introduced")]


def test_a_broken_policy_does_not_stop_what_only_reads(example):
    example.policy.parent.mkdir(parents=True, exist_ok=True)
    example.policy.write_text("rule = [1]\n")
    shown = example("show", "bones", "--json")
    assert shown.exit_code == 0 and json.loads(shown.stdout)["handle"] == "leonard-okafor"
    assert shown.stderr.count("policy") >= 1 and "last judged" in shown.stderr
    degree = example("degree", "christine-chapel", "--json")
    assert degree.exit_code == 0 and json.loads(degree.stdout)["label"] == "2nd"
    assert example.json("search", "robots")[0]["handle"] == "aiko-tanaka"
    # What needs the policy says why it cannot go on.
    assert "broken" in example.fails("intro", "bones", "jim", "--reason", REASON).stderr
    assert "broken" in example.fails("check", "connect", "bones").stderr
    example.policy.write_text(default_text())
    assert example("show", "bones").stderr == ""


def test_a_linkedin_only_connection_scores_what_the_readme_says(me, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\nAnn,Lee,30 May 2024\n")
    (folder / "Invitations.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        "Sam Rivera,Ann Lee,5/1/24 10:00 AM,Hello,OUTGOING,,\n"
    )
    me.ok("import", "linkedin", str(folder))
    assert me.json("show", "ann-lee")["strength"]["score"] == 5
    assert me.json("history", "ann-lee") == []


def test_drafts_say_two_conversations_once_and_keep_their_tenses(me):
    me.ok("add", "Ann Lee", "--highlight", "the calmest engineer I know")
    me.ok("add", "Bob Stone", "--highlight", "asks the best questions")
    me.ok(
        "connect", "ann-lee", "--as", "met-in-person", "--conversation", "tidal energy", "--since", "2021",
        "--as", "met-in-person", "--conversation", "sailing in fog", "--since", "2022",
    )  # fmt: skip
    me.ok("connect", "bob-stone", "--as", "colleague", "--since", "2019")
    me.ok("connect", "bob-stone", "--as", "client", "--since", "2015", "--until", "2017")
    policy = me.policy
    policy.parent.mkdir(parents=True, exist_ok=True)
    policy.write_text(
        default_text().replace('id = "colour-and-context"\n', 'id = "colour-and-context"\nenabled = false\n')
    )
    draft = me.ok("intro", "ann-lee", "bob-stone", "--reason", "both build boats").stdout
    assert draft.count("I still remember our conversation") == 1
    assert "our conversations about tidal energy and about sailing in fog" in draft
    assert "We've worked together since 2019" in draft and "We worked together since" not in draft
    assert "Bob was a client of mine from 2015 to 2017" in draft


def _complete(cli, words: str) -> list[str]:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "CNET_DB": str(cli.db),
        "CNET_POLICY": str(cli.policy),
        "_CNET_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    code = "from curated_net.cli.app import app\ntry:\n    app(prog_name='cnet')\nexcept SystemExit:\n    pass\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout
    return [line.split(",", 1)[-1] for line in out.split()]


def test_completion_finds_people_by_name_and_nickname_and_options_by_their_values(example):
    assert _complete(example, "cnet show Ji") == ["Jim-castellano"]
    assert _complete(example, "cnet show bon") == ["bones"]
    assert "jim-castellano" in _complete(example, "cnet show jim")
    assert _complete(example, "cnet log bones x --kind in") == ["in-person"]
    assert _complete(example, "cnet connect bones --as bus") == ["business-partner"]
    assert set(_complete(example, "cnet degree bones --view ")) == {"curated", "nominal"}
    # Every argument that names a person completes one, not only show's.
    for words in (
        "cnet prune mark bon",
        "cnet prune unmark raj bon",
        "cnet export vcard bon",
        "cnet request intro bon",
        "cnet request intro raj-patel bon",
        "cnet request connect bon",
        "cnet recognition bon",
        "cnet team who-knows bon",
    ):
        assert _complete(example, words) == ["bones"], words
    # Tags complete wherever a tag is asked for, each once, as first written.
    example.ok("add", "Dee Doc", "--tag", "Doctor")
    tags = {t for p in example.json("list") for t in p.get("tags", [])}
    doc = sorted({t for t in tags if t.casefold().startswith("doc")}, key=str.casefold)
    assert doc and len({t.casefold() for t in doc}) == len(_complete(example, "cnet list --tag doc"))
    for words in ("cnet list --tag doc", "cnet review --tag doc", "cnet prune mark --tag doc", "cnet add X --tag doc"):
        assert all(t.startswith("doc") for t in _complete(example, words)), words
        assert _complete(example, words), words
    # What completion offers, the command takes.
    assert example.json("show", "Jim-castellano")["handle"] == "jim-castellano"


def test_show_explain_shows_the_parts_of_the_strength_in_the_table_too(example):
    parts = example.json("show", "bones", "--explain")["strength"]
    table = example.ok("show", "bones", "--explain").stdout
    assert f"{parts['score']}/100 = evidence {parts['evidence']} + recency {parts['recency']}" in table
    assert "interactions in two years" in table
    assert "= evidence" not in example.ok("show", "bones").stdout


def test_narrow_terminals_never_cut_a_handle(example):
    example.ok("intro", "ask", "bones", "jim", "--reason", REASON)
    example.ok("request", "intro", "raj-patel", "jim", "--via", "linkedin", "--reason", "a role")
    for columns in ("50", "80"):
        for args in (("intro", "list"), ("decisions",), ("request", "list")):
            out = example("--db", str(example.db), *args, env={"COLUMNS": columns}).stdout
            assert "leonard-okafor" in out or "raj-patel" in out, (args, out)
            assert "jim-castellano" in out or "jim-castel…" not in out, (args, out)
            assert all(len(line) <= int(columns) for line in out.splitlines()), (args, columns, out)


def test_lists_as_tab_separated_rows(example):
    out = example.ok("list", "--tag", "doctor", "--output", "tsv").stdout.splitlines()
    assert out[0].split("\t") == ["handle", "name", "company", "title", "emails", "tags"]
    assert out[1].split("\t")[:2] == ["leonard-okafor", "Leonard Okafor"]
    example.ok("log", "bones", "line one\nline\ttwo")
    rows = example.ok("history", "bones", "-o", "tsv").stdout.splitlines()
    assert any(r.endswith("line one\\nline\\ttwo") for r in rows) and all(r.count("\t") == 4 for r in rows)


def test_a_table_on_a_terminal_shows_a_screen_and_says_there_is_more(me, tmp_path, monkeypatch):
    from curated_net.cli import render

    f = tmp_path / "many.csv"
    f.write_text("".join(f"P{i:03d} Lee,Q{i:03d} Lee\n" for i in range(150)))
    me.ok("link", "--file", str(f))
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setenv("LINES", "50")
    r = me.ok("list")
    assert "the first 42 shown" in r.stderr  # 50 lines less the header and footer
    assert r.stdout.count("-lee") == 42
    assert "p042-lee" not in r.stdout
    assert "and more" not in me.ok("list", "--all").stderr
    assert "and more" not in me.ok("list", "--limit", "60").stderr
    assert len(me.json("list")) == 300


def test_a_long_list_to_a_pipe_is_plain_columns_and_every_row_streams(me, tmp_path):
    f = tmp_path / "many.csv"
    f.write_text("".join(f"P{i:03d} Lee,Q{i:03d} Lee\n" for i in range(150)))
    me.ok("link", "--file", str(f))
    me.ok("edit", "p000-lee", "--company", "Acme\tWorks", "--tag", "x")
    table = me.ok("list").stdout.splitlines()
    assert table[0].split() == ["handle", "name", "company", "title", "tags"]
    assert table[-1] == "300 rows" and len(table) == 303
    assert table[2].startswith("p000-lee") and "Acme\\tWorks" in table[2]  # literal, one line
    rows = me.ok("list", "--output", "tsv").stdout.splitlines()
    assert len(rows) == 301 and rows[1].startswith("p000-lee\tP000 Lee\tAcme\\tWorks")
    listed = me.json("list")
    assert [p["handle"] for p in listed] == [r.split("\t")[0] for r in rows[1:]]
    assert me.ok("list", "--json", "--tag", "nobody-has-it").json() == []
    assert me.fails("list", "--not-contacted-since", "2019-13", "--output", "tsv").stdout == ""


def test_exporting_no_one_says_so(example):
    before = example.snapshot()
    assert "no one matched the tag 'nonexistent'" in example.fails("export", "vcard", "--tag", "nonexistent").stderr
    assert example.snapshot() == before


def test_address_book_properties_show_readably(me, tmp_path):
    card = tmp_path / "kim.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Ode\r\nitem1.X-ABDATE:2010-06-01\r\n"
        "item1.X-ABLABEL:_$!<Anniversary>!$_\r\nURL:http\\://kim.example\r\nEND:VCARD\r\n"
    )
    me.ok("import", "vcard", str(card))
    shown = me.ok("show", "kim-ode").stdout
    assert "date (anniversary): 2010-06-01" in shown and "http://kim.example" in shown
    assert "_$!<" not in shown and "ablabel" not in shown.lower()


def test_a_refusal_says_which_criteria_count_under_the_policy_in_force(me):
    me.ok("add", "Cy Young")
    r = me.fails("connect", "cy-young", "--as", "classmate", "--detail", "MBA", code=3)
    assert "is not among what counts here" in r.stderr
    assert "Under your policy these count as evidence: business-partner, client, colleague, family, friend" in r.stderr
    assert "classmate" not in r.stderr.split("count as evidence:")[1]
    assert "policy" in me.ok("connect", "--help").stdout
