"""cnet review through a real pseudo-terminal, keystroke by keystroke."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def _spawn(cli, *args):
    env = {**os.environ, "CNET_DB": str(cli.db), "CNET_POLICY": str(cli.policy), "COLUMNS": "120"}
    return pexpect.spawn(sys.executable, ["-m", "curated_net", "review", *args], env=env, encoding="utf-8", timeout=20)


def test_a_review_records_each_answer_as_it_is_given_and_resumes(example):
    child = _spawn(example, "--sort", "name")
    child.expect(r"\[1/4\] Hannah Lindqvist")
    child.send("c")  # colleague: one key, then the detail and Enter
    child.expect("detail")
    child.sendline("the grid analytics project")
    child.expect("saved: curated: colleague")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("m")
    child.expect("conversation")
    child.sendline("")  # met in person, no conversation recorded: the policy says no, on the spot
    child.expect("where")
    child.sendline("")
    child.expect("refused by really-know")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("m")  # now with what was said and where: saved
    child.expect("conversation")
    child.sendline("the grid at Delft")
    child.expect("where")
    child.sendline("Delft")
    child.expect("saved: curated: met-in-person")
    child.expect(r"\[3/4\] Peter Novak")
    child.send("u")  # undo: the meeting evidence goes
    child.expect(r"undone \(evidence\)")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("p")
    child.expect("marked to prune")
    child.expect(r"\[3/4\] Peter Novak")
    child.send("u")  # undo: Noah is not to be pruned after all
    child.expect(r"undone \(prune\)")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("n")  # skip
    child.expect(r"\[3/4\] Peter Novak")
    child.send("q")
    child.expect("every answer is saved")
    child.expect(pexpect.EOF)
    hannah = example.json("evidence", "hannah-lindqvist")["evidence"]
    assert [(e["criterion"], e["detail"]) for e in hannah] == [("colleague", "the grid analytics project")]
    assert example.json("prune", "list") == []
    assert example.json("show", "noah-fischer")["connection"]["evidence"] == []
    # Resumed: Hannah is answered; the review goes on from Peter, and Noah, skipped, is neither lost nor hidden:
    # he comes last, and the header says so.
    queue = example.json("review", "--sort", "name")
    assert [(r["handle"], r["skipped"]) for r in queue][-1] == ("noah-fischer", True)
    child = _spawn(example, "--sort", "name")
    child.expect("1 person skipped before, at the end")
    child.expect(r"\[1/3\] Peter Novak")
    child.send("z")
    child.expect("how many days")
    child.sendline("10")
    child.expect(r"\[2/3\] Raj Patel")
    child.send("p")
    child.expect(r"\[3/3\] Noah Fischer")
    child.send("n")
    child.expect("The queue is done")
    child.expect(pexpect.EOF)
    assert [r["handle"] for r in example.json("prune", "list")] == ["raj-patel"]
    child = _spawn(example, "--sort", "name")  # the queue was done: the skipped come back; the snoozed wait
    child.expect(r"\[1/1\] Noah Fischer")
    child.send("q")
    child.expect(pexpect.EOF)


def test_review_without_a_terminal_says_so(example):
    r = example("review")
    assert r.exit_code == 2 and "needs a terminal" in r.stderr


def test_fifty_linkedin_only_connections_take_two_keystrokes_and_the_detail_each(me, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    rows = "".join(f"Person{n:02d},Tester,{n % 28 + 1} May 2024\n" for n in range(50))
    (folder / "Connections.csv").write_text("First Name,Last Name,Connected On\n" + rows)
    me.ok("import", "linkedin", str(folder))
    child = _spawn(me)
    for n in range(50):  # per person: the key, the detail, Enter; any other prompt would stall the next expect
        child.expect(rf"\[{n + 1}/50\] Person\d\d Tester")
        child.send("c")
        child.expect("detail")
        child.sendline(f"project {n}")
        child.expect("saved: curated: colleague")
    child.expect("The queue is done")
    child.expect(pexpect.EOF)
    listed = me.json("list", "--all")
    people = [p for p in (listed if isinstance(listed, list) else listed["people"]) if p["name"].startswith("Person")]
    assert len(people) == 50
    assert all(me.json("evidence", p["handle"])["evidence"][0]["criterion"] == "colleague" for p in people)


# -- the people you likely know first; filters and bulk marks --------------------------------------------


@pytest.fixture
def export(me, tmp_path):
    """A LinkedIn export of six connections (one a '- -' placeholder) and what cnet knows of some of them."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Quiet,https://www.linkedin.com/in/ada-quiet,,Nowhere Ltd,Engineer,01 Jan 2015\n"
        'Bea,Mail,https://www.linkedin.com/in/bea-mail,bea@mail.example,100% _Real_ "Co",Analyst,01 Jan 2016\n'
        "Cy,Colleague,https://www.linkedin.com/in/cy-colleague,,Acme Corp,Director,01 Jan 2017\n"
        "-,-,,,,,01 Jan 2018\n"
        "Dee,Linked,https://www.linkedin.com/in/dee-linked,,Other,Partner,01 Jan 2019\n"
        "Eve,Known,https://www.linkedin.com/in/eve-known,,Other,Partner,01 Jan 2019\n"
    )
    me.ok("import", "linkedin", str(folder))
    me.ok("edit", "me", "--employer", "Acme Inc 2016-2019", "--school", "MIT 2005-2009")
    for i in range(7):
        me.ok("log", "bea-mail", f"lunch {i}", "--kind", "email", "--on", f"2024-{i + 1:02d}-02")
    me.ok("link", "dee-linked", "eve-known")
    me.ok("connect", "eve-known", "--as", "friend", "--detail", "old friends")
    return me


def test_the_queue_starts_with_the_people_you_likely_know_and_says_why(export):
    rows = export.json("review", "--list")
    assert [r["handle"] for r in rows] == ["bea-mail", "cy-colleague", "dee-linked", "ada-quiet"]
    bea, cy, dee, ada = rows
    assert bea["why"][0] == "7 e-mails in 2024" and bea["score"] > cy["score"] > dee["score"] > ada["score"]
    assert cy["why"] == ["you were at Acme Inc 2016–2019; they are now"]
    assert dee["why"] == ["linked to 1 of your connections"]
    assert all(r["name"].strip("- ") for r in rows)  # the '- -' row is never queued
    assert export.json("review", "--list", "--sort", "name")[0]["handle"] == "ada-quiet"
    table = export.ok("review", "--list").stdout
    assert "7 e-mails in 2024" in table


def test_filters_take_any_text_and_combine(export):
    def handles(*args):
        return [r["handle"] for r in export.json("review", "--list", *args)]

    assert handles("--company", '100% _Real_ "Co"') == ["bea-mail"]
    assert handles("--company", "%") == ["bea-mail"] and handles("--company", "_") == ["bea-mail"]
    assert handles("--company", '"') == ["bea-mail"] and handles("--company", "acme") == ["cy-colleague"]
    assert handles("--company", "'; DROP TABLE person; --") == []
    assert handles("--connected-before", "2017") == ["bea-mail", "ada-quiet"]
    assert handles("--never-contacted", "--connected-before", "2017") == ["ada-quiet"]
    assert handles("--score-below", "5") == ["ada-quiet"]
    assert export.fails("review", "--list", "--connected-before", "2019-13", code=2).stderr.count("--connected-before")
    export.fails("review", "--list", "--score-below", "500", code=2)


def test_a_bulk_mark_counts_asks_and_is_undone_by_unmark_with_the_same_filter(export):
    before = export.snapshot()
    r = export("prune", "mark", "--never-contacted", input="n\n")
    assert r.exit_code == 1 and "Mark 3 connections" in r.stderr and "ada-quiet" in r.stderr
    assert export.snapshot() == before and export.json("prune", "list") == []
    # Eve has evidence: a bulk mark never marks her, whatever the filters say.
    out = export.json("prune", "mark", "--never-contacted", "--yes")
    assert out["changed"] == 3
    assert sorted(r["handle"] for r in export.json("prune", "list")) == ["ada-quiet", "cy-colleague", "dee-linked"]
    export.ok("prune", "mark", "bea-mail")
    out = export.json("prune", "unmark", "--never-contacted", "--yes")
    assert out["changed"] == 3 and [r["handle"] for r in export.json("prune", "list")] == ["bea-mail"]
    # Someone changed since a bulk mark no longer matches its filters: prune undo takes back that mark whole.
    export.ok("prune", "unmark", "bea-mail")
    out = export.json("prune", "mark", "--never-contacted", "--yes")
    export.ok("log", "ada-quiet", "a call at last", "--kind", "call")
    assert export.json("prune", "unmark", "--never-contacted", "--yes")["changed"] == 2  # Ada is missed
    export.ok("prune", "mark", "--never-contacted", "--yes")
    export.ok("prune", "mark", "bea-mail")  # a later mark, by name: undone first
    assert export.json("prune", "undo")["people"] == ["bea-mail"]
    undone = export.json("prune", "undo")
    assert sorted(undone["people"]) == ["cy-colleague", "dee-linked"] and undone["changed"] == 2
    assert [r["handle"] for r in export.json("prune", "list")] == ["ada-quiet"]
    assert "Unmarked 1 connection" in export.ok("prune", "undo").stdout
    assert "no mark to undo" in export.fails("prune", "undo").stderr
    assert "needs a filter" in export.fails("prune", "mark", code=2).stderr
    assert "not both" in export.fails("prune", "mark", "ada-quiet", "--tag", "x", code=2).stderr
    assert "--connected-before" in export.fails("prune", "mark", "--connected-before", "2099", "--yes", code=2).stderr
    assert "--company" in export.fails("prune", "unmark", "--company", " ", "--yes", code=2).stderr
    assert "No one to mark" in export.ok("prune", "mark", "--company", "nothing like this", "--yes").stdout


def test_a_bulk_mark_with_no_one_left_to_change_says_who_matched(export):
    before = export.json("prune", "mark", "--never-contacted", "--yes")["changed"]
    assert before > 1
    again = export.ok("prune", "mark", "--never-contacted", "--yes").stdout
    assert f"No one to mark: the {before} who match are marked already" in again and "cnet prune list" in again
    assert "no connection" not in again
    assert export.json("prune", "unmark", "--never-contacted", "--yes")["changed"] == before
    again = export.ok("prune", "unmark", "--never-contacted", "--yes").stdout
    assert f"No one to unmark: none of the {before} who match is marked" in again


def test_the_review_session_undoes_rewinds_and_snoozes_in_the_domain(export):
    from curated_net import Network
    from curated_net.network.review import Filters
    from curated_net.network.writes import EvidenceInput

    with Network.open(export.db) as net:
        net._gate = __import__("curated_net.policy", fromlist=["load_gate"]).load_gate()
        s = net.review("nominal", Filters(connected_before="2018"), sort="name")
        assert [s.card()["handle"], len(s)] == ["ada-quiet", 3]
        s.evidence(EvidenceInput("colleague", detail="the Nowhere project"))
        s.prune()
        s.snooze(10)
        assert s.finished
        assert s.undo() == ("state", "cy-colleague") and s.card()["handle"] == "cy-colleague"
        s.rewind()
        assert s.position == 1 and s.card()["handle"] == "ada-quiet"
        assert net.evidence("ada-quiet")["evidence"] == [] and net.prune_list() == []


def test_a_prompt_edits_its_line_and_esc_or_ctrl_d_cancels_it(example):
    child = _spawn(example, "--sort", "name")
    child.expect(r"\[1/4\] Hannah Lindqvist")
    for cancel in ("\x1b", "\x04", "\x03"):  # Esc, Ctrl-D, Ctrl-C: that answer is cancelled, nothing is saved
        child.send("r")
        child.expect("detail")
        child.send("old friends" + cancel)
        child.expect(r"cancelled \(nothing saved\)")
        child.expect(r"\[1/4\] Hannah Lindqvist")
    child.send("\x1b[A")  # an arrow key at the key prompt is not Esc: the review goes on
    child.expect(r"\? for the keys")
    child.send("r")
    child.expect("detail")
    # Left twice, then X; Home, then a word; End, Backspace; Delete under the cursor; a stray F5
    child.send("abc\x1b[D\x1b[DX\x1bOHfrom \x1b[Fz\x7f\x1b[15~\x01\x1b[3~F\r")
    child.expect("saved: curated: friend")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("m")
    child.expect("conversation")
    child.sendline("the grid at Delft")
    child.expect("where")
    child.send("\x1b")  # the second question cancelled: the meeting is not saved either
    child.expect("cancelled")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("h")
    child.expect("how we met")
    child.send("\x04")
    child.expect("cancelled")
    child.send("z")
    child.expect("how many days")
    child.send("\x1b")
    child.expect("cancelled")
    child.expect(r"\[2/4\] Noah Fischer")
    child.send("\x1b")  # Esc at the key prompt stops, as before
    child.expect("every answer is saved")
    child.expect(pexpect.EOF)
    hannah = example.json("evidence", "hannah-lindqvist")["evidence"]
    assert [(e["criterion"], e["detail"]) for e in hannah] == [("friend", "From aXbc")]
    assert example.json("show", "noah-fischer")["connection"]["evidence"] == []
    assert example.json("show", "noah-fischer")["how_met"] == "Swapped cards at a meetup"  # as it was
    assert "\x1b" not in example.ok("export", "json").stdout
