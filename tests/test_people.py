"""Adding, finding, editing and removing people through the command line."""

from __future__ import annotations

import pytest


def test_add_prints_handle_and_show_returns_every_field(me):
    r = me.ok(
        "add",
        "Leonard Okafor",
        "--nickname",
        "Bones",
        "--email",
        "Leo@Example.ORG",
        "--email",
        "l2@example.org",
        "--phone",
        "+1 410 555 0142",
        "--company",
        "St. Brendan's",
        "--title",
        "Physician",
        "--tag",
        "doctor",
        "--tag",
        "school",
        "--linkedin",
        "linkedin.com/in/Leonard-Okafor/",
        "--how-met",
        "school",
        "--met-on",
        "1998-09",
        "--highlight",
        "one of the best doctors I know",
        "--note",
        "not an engineer",
        "--pronouns",
        "he/him",
        "--location",
        "Baltimore",
        "--no-recruiters",
    )
    assert r.stdout == "leonard-okafor\n"
    p = me.json("show", "leonard-okafor")
    assert p["name"] == "Leonard Okafor"
    assert p["nickname"] == "Bones"
    assert p["emails"] == ["Leo@example.org", "l2@example.org"]
    assert p["phones"] == ["+1 410 555 0142"]
    assert p["company"] == "St. Brendan's" and p["title"] == "Physician"
    assert p["tags"] == ["doctor", "school"]
    assert p["linkedin"] == "https://www.linkedin.com/in/leonard-okafor"
    assert p["met_on"] == "1998-09"
    assert p["highlights"] == ["one of the best doctors I know"]
    assert p["notes"] == "not an engineer"
    assert p["flags"] == {"do_not_introduce": False, "no_recruiters": True, "team_private": False}
    assert p["pronouns"] == "he/him" and p["location"] == "Baltimore"


def test_add_json_prints_the_person(me):
    p = me.json("add", "Ann Lee", "--company", "Acme")
    assert p["handle"] == "ann-lee" and p["company"] == "Acme"


def test_handles_are_unique_and_never_reused(me):
    assert me.ok("add", "Ann Lee").stdout.strip() == "ann-lee"
    assert me.ok("add", "Ann Lee", "--force").stdout.strip() == "ann-lee-2"
    me.ok("rm", "ann-lee-2", "--yes")
    assert me.ok("add", "Ann Lee", "--force").stdout.strip() == "ann-lee-3"
    me.ok("rm", "ann-lee", "--yes")
    assert me.ok("add", "Ann Lee", "--force").stdout.strip() == "ann-lee-4"


def test_handle_me_is_reserved(me):
    assert me.ok("add", "Me").stdout.strip() == "me-2"
    assert me.json("show", "me")["is_me"] is True


def test_accented_and_non_latin_names_get_readable_handles(me):
    assert me.ok("add", "José Álvarez").stdout.strip() == "jose-alvarez"
    assert me.ok("add", "张伟").stdout.strip() == "张伟"
    assert me.ok("add", "🎉").stdout.strip() == "person"


def test_partial_dates_are_kept_partial(me):
    for value in ("2019", "2019-05", "2019-05-14"):
        me.ok("add", f"P {value}", "--met-on", value)
        assert me.json("show", f"P {value}")["met_on"] == value
    card = me.ok("show", "P 2019-05").stdout
    assert "May 2019" in card


@pytest.mark.parametrize("bad", ["2019-02-30", "2019-13", "2019-00-01", "19-05", "May 2019", "2999-01-01"])
def test_impossible_dates_are_refused_and_nothing_is_written(me, bad):
    before = me.snapshot()
    r = me.fails("add", "Dana Scully", "--met-on", bad)
    assert "--met-on" in r.stderr
    assert me.snapshot() == before


def test_resolution_order_handle_name_email_url_prefix(me):
    me.ok("add", "Ann Lee", "--email", "ann@a.example", "--linkedin", "https://linkedin.com/in/annlee")
    me.ok("add", "Bob Stone", "--email", "bob@b.example")
    # A person whose *name* is another's handle: exact handle wins.
    me.ok("add", "ann-lee", "--force")
    assert me.json("show", "ann-lee")["name"] == "Ann Lee"
    assert me.json("show", "ANN LEE")["handle"] == "ann-lee"
    assert me.json("show", "BOB@b.example")["handle"] == "bob-stone"
    assert me.json("show", "www.linkedin.com/in/AnnLee/")["handle"] == "ann-lee"
    assert me.json("show", "bob")["handle"] == "bob-stone"
    assert me.json("show", "bob s")["handle"] == "bob-stone"


def test_ambiguous_prefix_lists_candidates_with_handles(me):
    me.ok("add", "Ann Lee")
    me.ok("add", "Ann Lee", "--force")
    me.ok("add", "Annika Berg")
    r = me.fails("show", "ann")
    assert "ambiguous" in r.stderr
    for handle in ("ann-lee", "ann-lee-2", "annika-berg"):
        assert handle in r.stderr
    r = me.fails("show", "Ann Lee")
    assert "ann-lee-2" in r.stderr


def test_unknown_name_suggests_the_closest(me):
    me.ok("add", "Leonard Okafor")
    me.ok("add", "Priya Raman")
    r = me.fails("show", "Lenard Okafr")
    assert "no person matches" in r.stderr
    assert "leonard-okafor" in r.stderr
    assert "priya" not in r.stderr
    r = me.fails("show", "okafor")  # a surname is not a prefix, but is suggested
    assert "leonard-okafor" in r.stderr


def test_nickname_resolves_when_nothing_else_does(me):
    me.ok("add", "Leonard Okafor", "--nickname", "Bones")
    assert me.json("show", "bones")["handle"] == "leonard-okafor"


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (["Ann Lee", "--email", "ann@x.example"], ["Annie L", "--email", "ANN@X.EXAMPLE"], "same e-mail"),
        (
            ["Ann Lee", "--linkedin", "linkedin.com/in/annlee"],
            ["A L", "--linkedin", "https://www.linkedin.com/in/annlee/"],
            "same LinkedIn URL",
        ),
        (["Ann Lee"], ["ann  LEE"], "same name"),
        (["José Álvarez"], ["Jose Alvarez"], "same name"),
    ],
)
def test_likely_duplicates_are_refused_unless_forced(me, first, second, reason):
    me.ok("add", *first)
    before = me.snapshot()
    r = me.fails("add", *second)
    assert reason in r.stderr and "--force" in r.stderr
    assert me.snapshot() == before
    me.ok("add", *second, "--force")


def test_edit_replaces_text_adds_to_lists_and_removes(me):
    me.ok(
        "add",
        "Ann Lee",
        "--email",
        "a@x.example",
        "--tag",
        "one",
        "--highlight",
        "first",
        "--highlight",
        "second",
        "--company",
        "Acme",
        "--note",
        "old",
    )
    p = me.json(
        "edit",
        "ann-lee",
        "--company",
        "Globex",
        "--email",
        "b@x.example",
        "--remove-email",
        "a@x.example",
        "--tag",
        "two",
        "--untag",
        "ONE",
        "--remove-highlight",
        "1",
        "--highlight",
        "third",
        "--title",
        "",
        "--append-note",
        "new",
        "--do-not-introduce",
        "--name",
        "Ann Lee-Smith",
    )
    assert p["handle"] == "ann-lee"
    assert p["name"] == "Ann Lee-Smith"
    assert p["company"] == "Globex"
    assert p["emails"] == ["b@x.example"]
    assert p["tags"] == ["two"]
    assert p["highlights"] == ["second", "third"]
    assert p["notes"] == "old\n\nnew"
    assert p["flags"]["do_not_introduce"] is True
    assert me.json("edit", "ann-lee", "--company", "")["company"] is None


def test_edit_refuses_what_is_not_there(me):
    me.ok("add", "Ann Lee")
    before = me.snapshot()
    assert "no e-mail" in me.fails("edit", "ann-lee", "--remove-email", "z@z.example").stderr
    assert "no number 3" in me.fails("edit", "ann-lee", "--remove-highlight", "3").stderr
    assert me("edit", "ann-lee", "--handle", "x").exit_code == 2
    assert me.snapshot() == before


def test_list_filters_by_tag_and_company_and_excludes_me(me):
    me.ok("add", "Ann Lee", "--tag", "Doctor", "--company", "St. Brendan's Hospital")
    me.ok("add", "Bob Stone", "--tag", "engineer", "--company", "Northwind")
    me.ok("add", "Cy Young", "--tag", "doctor", "--company", "northwind health")
    assert [p["handle"] for p in me.json("list")] == ["ann-lee", "bob-stone", "cy-young"]
    assert [p["handle"] for p in me.json("list", "--tag", "doctor")] == ["ann-lee", "cy-young"]
    assert [p["handle"] for p in me.json("list", "--company", "NORTHWIND")] == ["bob-stone", "cy-young"]
    assert [p["handle"] for p in me.json("list", "--tag", "doctor", "--company", "northwind")] == ["cy-young"]
    assert "me" in [p["handle"] for p in me.json("list", "--include-me")]
    assert len(me.json("list", "--limit", "2")) == 2
    assert me.json("list", "--output", "json") == me.json("list")


def test_rm_needs_confirmation(me):
    me.ok("add", "Ann Lee")
    before = me.snapshot()
    r = me("rm", "ann-lee", input="n\n")
    assert r.exit_code == 1
    assert me.snapshot() == before
    r = me("rm", "ann-lee", input="y\n")
    assert r.exit_code == 0
    me.fails("show", "ann-lee")


def test_me_cannot_be_removed(me):
    r = me.fails("rm", "me", "--yes")
    assert "me cannot be removed" in r.stderr


def test_search_covers_every_text_field(me):
    me.ok(
        "add",
        "Ann Lee",
        "--nickname",
        "Sparky",
        "--company",
        "Kumo Robotics",
        "--title",
        "Welder",
        "--note",
        "loves sailing",
        "--how-met",
        "Lisbon summit",
        "--highlight",
        "fearless négociatrice",
    )
    me.ok("add", "Bob Stone", "--company", "Northwind")
    for words in ("sparky", "kumo", "weld", "sailing", "lisbon", "negociatrice", "ann robot"):
        hits = me.json("search", words)
        assert [h["handle"] for h in hits] == ["ann-lee"], words
    assert me.json("search", "zzz") == []
    me.ok("edit", "bob-stone", "--highlight", "great at sailing")
    assert {h["handle"] for h in me.json("search", "sailing")} == {"ann-lee", "bob-stone"}
    me.ok("rm", "ann-lee", "--yes")
    assert [h["handle"] for h in me.json("search", "sailing")] == ["bob-stone"]


def test_search_survives_fts_syntax_in_the_query(me):
    me.ok("add", "Ann Lee", "--note", 'said "NEAR" AND OR * ( ) quite often')
    assert [h["handle"] for h in me.json("search", '"NEAR" AND (')] == ["ann-lee"]
    assert me.json("search", "***") == []


def test_init_is_idempotent(cli):
    first = cli.json("init", "--name", "Sam Rivera")
    assert first["status"] == "created" and first["me"]["handle"] == "me"
    assert cli.json("init", "--name", "Sam Rivera")["status"] == "unchanged"
    assert cli.json("init", "--name", "Sam R. Rivera")["status"] == "renamed"
    assert cli.json("show", "me")["name"] == "Sam R. Rivera"


def test_commands_before_init_say_how_to_start(cli):
    r = cli.fails("list")
    assert "no cnet database" in r.stderr and "cnet init" in r.stderr
    assert not cli.db.exists()


def test_blank_name_and_bad_email_are_refused(me):
    assert "name" in me.fails("add", "   ").stderr
    assert "not an address" in me.fails("add", "Ann", "--email", "nope").stderr
    assert "not a LinkedIn URL" in me.fails("add", "Ann", "--linkedin", "https://example.com/in/x").stderr
    assert "not a phone" in me.fails("add", "Ann", "--phone", "call me").stderr


def test_a_refused_list_value_names_the_option_that_was_typed(me):
    # edit checks list values by their field's rule: the message names --phone, --email, --tag as typed.
    for option, value in (("--phone", "call me"), ("--email", "nope"), ("--tag", "\x01")):
        r = me.fails("edit", "me", option, value)
        assert r.stderr.startswith(f"error: {option}:"), r.stderr


def test_usage_errors_exit_2(me):
    assert me("add").exit_code == 2
    assert me("list", "--sort-by", "x").exit_code == 2


def test_a_list_cut_short_says_of_how_many(me, monkeypatch):
    """--limit on a pipe, or a screenful on a terminal, says "2 of 3 people", never a bare count read as a total."""
    from curated_net.cli import render

    for name, tag in (("Ann Lee", "doctor"), ("Bob Stone", "engineer"), ("Cy Young", "doctor")):
        me.ok("add", name, "--tag", tag)
    assert "2 of 3 people" in me.ok("list", "--limit", "2").stdout
    out = me.ok("list", "--limit", "3").stdout
    assert "3 people" in out and " of " not in out
    assert "1 of 2 people" in me.ok("list", "--tag", "doctor", "--limit", "1").stdout
    assert "2 people" in me.ok("list", "--tag", "doctor", "--limit", "5").stdout
    assert len(me.json("list", "--limit", "2")) == 2  # --json is as it was: the rows
    monkeypatch.setattr(render, "is_terminal", lambda *a, **k: True)
    monkeypatch.setattr(render, "screen_rows", lambda: 2)
    r = me.ok("list")
    assert "2 of 3 people" in r.stdout and "and more" in r.stdout + r.stderr
