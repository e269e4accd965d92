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
    r = example.ok("intro", "bones", "jim", "--reason", REASON)
    assert "has not been asked" not in r.stderr and "double-opt-in" not in r.stderr
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
    assert "We've been colleagues since 2019" in draft and "We were colleagues since" not in draft
    assert "Bob was my client from 2015 to 2017" in draft
