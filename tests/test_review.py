"""cnet review through a real pseudo-terminal, keystroke by keystroke."""

from __future__ import annotations

import os
import sys

import pytest

pexpect = pytest.importorskip("pexpect")


def _spawn(cli):
    env = {**os.environ, "CNET_DB": str(cli.db), "CNET_POLICY": str(cli.policy), "COLUMNS": "120"}
    return pexpect.spawn(sys.executable, ["-m", "curated_net", "review"], env=env, encoding="utf-8", timeout=20)


def test_a_review_records_each_answer_as_it_is_given_and_resumes(example):
    child = _spawn(example)
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
    # Resumed: Hannah is answered, Noah skipped; the review goes on from Peter.
    child = _spawn(example)
    child.expect(r"\[1/2\] Peter Novak")
    child.send("z")
    child.expect("how many days")
    child.sendline("10")
    child.expect(r"\[2/2\] Raj Patel")
    child.send("p")
    child.expect("The queue is done")
    child.expect(pexpect.EOF)
    assert [r["handle"] for r in example.json("prune", "list")] == ["raj-patel"]
    child = _spawn(example)  # the queue was done: the skipped come back; the snoozed wait for their day
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
