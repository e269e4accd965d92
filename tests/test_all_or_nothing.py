"""Commands that take several ids or people do all of them or none, and say what became of each."""

from __future__ import annotations

import pytest

from test_archives import mail  # noqa: F401  (the mailbox that makes suggestions of each kind)


@pytest.fixture
def suggested(me, mail):  # noqa: F811
    me.ok("connect", "bob-stone", "--source", "linkedin", "--connected-on", "2020-01-01")
    me.ok("edit", "me", "--email", "sam@acme.example")
    me.ok("import", "mail", str(mail))
    ids = {kind: me.json("suggest", kind)[0]["id"] for kind in ("people", "links", "evidence")}
    return me, ids


def test_accepting_several_with_one_unknown_records_none_and_says_what_each_would_have_done(suggested):
    me, ids = suggested
    before = me.snapshot()
    r = me.fails("suggest", "accept", ids["people"], "people:nobody@nowhere.example", ids["links"])
    first = r.stderr.split("could not be accepted (")[1].splitlines()[0]  # a whole sentence, naming the one
    assert first == "no open suggestion 'people:nobody@nowhere.example')"
    assert "nothing was accepted: 1 of 3 could not be accepted" in r.stderr
    assert f"{ids['people']}: would be accepted; not recorded" in r.stderr
    assert "people:nobody@nowhere.example: no open suggestion" in r.stderr
    assert f"{ids['links']}: would be accepted; not recorded" in r.stderr
    assert me.snapshot() == before
    assert len(me.json("suggest")) == 3
    doc = me("suggest", "accept", ids["people"], "people:nobody@nowhere.example", "--json").json()
    added, missing = doc["outcomes"]  # a rolled-back one claims nothing was added: it says what would have been
    assert (added["done"], "added" in added, added["outcome"]) == (False, False, "would be accepted; not recorded")
    assert (missing["done"], "would_have" in missing) == (False, False)
    assert me.snapshot() == before
    done = me.json("suggest", "accept", ids["people"], ids["links"])
    assert [d["id"] for d in done] == [ids["people"], ids["links"]]
    assert done[0]["added"] == added["would_have"]["added"]


def test_a_refusal_among_several_records_none_and_exits_3(suggested):
    me, ids = suggested
    before = me.snapshot()
    # A classmate is not evidence under the default policy: the connect is refused, so the person is not added.
    r = me("suggest", "accept", ids["people"], ids["evidence"], "--as", "classmate")
    assert r.exit_code == 3, r.stderr
    assert "refused by really-know" in r.stderr and f"{ids['people']}: would be accepted" in r.stderr
    assert me.snapshot() == before
    assert [d["outcome"] for d in me.json("decisions")[:1]] == ["refused"]  # the refusal happened: it is logged
    r = me("suggest", "accept", ids["people"], ids["evidence"], "--as", "classmate", "--json")
    assert r.exit_code == 3
    doc = r.json()
    assert doc["done"] is False and [o["id"] for o in doc["outcomes"]] == [ids["people"], ids["evidence"]]


def test_dismissing_several_with_one_unknown_dismisses_none(suggested):
    me, ids = suggested
    before = me.snapshot()
    r = me.fails("suggest", "dismiss", ids["links"], "links:no+one")
    assert "nothing was dismissed" in r.stderr and "links:no+one: no open suggestion" in r.stderr
    assert me.snapshot() == before
    me.ok("suggest", "dismiss", ids["links"], ids["links"])  # the same id twice is one
    assert me.json("suggest", "links") == []


def test_pruning_several_with_one_unknown_marks_no_one(example):
    before = example.snapshot()
    r = example.fails("prune", "mark", "raj-patel", "no-such-person")
    assert "raj-patel: would be marked; not recorded" in r.stderr and "no-such-person" in r.stderr
    assert example.snapshot() == before
    out = example.json("prune", "mark", "raj-patel", "raj-patel")
    assert out["changed"] == 1 and [(p["handle"], p["changed"]) for p in out["people"]] == [("raj-patel", True)]
