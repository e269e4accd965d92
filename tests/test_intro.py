"""Introductions: golden drafts, grammar with missing facts, eml, the sandbox, and the whole lifecycle."""

from __future__ import annotations

import datetime as dt
import email
import json
import os
import re
import shlex
import sqlite3
import sys
from email import policy as email_policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curated_net.policy.loader import default_text

GOLDEN = Path(__file__).parent / "golden"
REASON = "Leonard saw Meridian's posting for a staff physician and would like to hear about the role from Jim directly"


DAY = dt.date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _drafting_day(monkeypatch):
    """Drafts say "almost thirty years ago": every draft here is written on the same day."""
    monkeypatch.setattr("curated_net.intro.context.today", lambda: DAY)


def golden(name: str, text: str) -> None:
    """Hold a draft to its golden file. CNET_UPDATE_GOLDEN=1 writes the new draft there and fails, so a
    run that rewrites a golden file never passes: review the diff, then run again without it."""
    path = GOLDEN / name
    if os.environ.get("CNET_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"{path} rewritten; review it with git diff and run again without CNET_UPDATE_GOLDEN")
    assert text == path.read_text(encoding="utf-8"), f"draft differs from {path}"


def no_colour_rule(cli) -> None:
    cli.policy.parent.mkdir(parents=True, exist_ok=True)
    cli.policy.write_text(
        default_text().replace('id = "colour-and-context"\n', 'id = "colour-and-context"\nenabled = false\n')
    )


def test_golden_jim_and_leonard(example):
    r = example("intro", "bones", "jim", "--reason", REASON)
    assert r.exit_code == 0, r.stderr
    golden("jim-leonard.txt", r.stdout)
    assert "Jim, meet Leonard." in r.stdout and "Bones, meet Jim." in r.stdout
    # The opt-in warning goes to stderr, never into the draft.
    assert "double-opt-in" in r.stderr and "double-opt-in" not in r.stdout


def test_golden_work_ties(example):
    r = example.ok(
        "intro",
        "marcus-bell",
        "elena-sokolova",
        "--reason",
        "Marcus is looking for an advisor on a logistics acquisition",
    )
    golden("marcus-elena.txt", r.stdout)


def test_golden_markdown_family_and_friend(example):
    r = example.ok(
        "intro",
        "grace-obi",
        "daniel-weiss",
        "--reason",
        "Grace needs a photographer for Lagos Design Week",
        "--format",
        "markdown",
    )
    golden("grace-daniel.md", r.stdout)
    assert r.stdout.startswith("## Introduction: Daniel Weiss, meet Grace Obi")


def test_golden_missing_facts_use_names_and_leave_sentences_out(example):
    no_colour_rule(example)
    r = example.ok("intro", "张伟", "maya-cohen", "--reason", "wei wants a designer's eye on a robot's face")
    golden("wei-maya.txt", r.stdout)
    assert "None" not in r.stdout


def test_golden_ask_note(example):
    r = example.ok(
        "intro",
        "ask",
        "priya-raman",
        "aiko-tanaka",
        "--reason",
        "Priya wants to learn how robotics teams measure warehouse throughput",
    )
    golden("ask-priya-aiko.txt", r.stdout)
    assert "#1 (asked)" in r.stderr


def test_colour_and_context_refuses_thin_drafts(example):
    before = example.snapshot()
    r = example.fails("intro", "张伟", "maya-cohen", "--reason", "x", code=3)
    assert "refused by colour-and-context: 张伟 lacks a highlight" in r.stderr
    r = example.fails("intro", "bones", "jim", code=2)
    assert "missing option '--reason'" in r.stderr
    assert example.snapshot() == before


def test_eml_parses_back(example, tmp_path):
    out = tmp_path / "intro.eml"
    r = example("intro", "bones", "jim", "--reason", REASON, "--format", "eml", "--out", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    msg = email.message_from_bytes(out.read_bytes(), policy=email_policy.default)
    assert msg["Subject"] == "Introduction: Jim Castellano, meet Leonard Okafor"
    to = msg["To"].addresses
    assert {a.addr_spec for a in to} == {"jim@meridianhealth.example", "leonard.okafor@stbrendans.example"}
    assert {a.display_name for a in to} == {"Jim Castellano", "Leonard Okafor"}
    assert msg["From"].addresses[0].display_name == "Sam Rivera"
    assert msg["Message-ID"] and msg["Date"]
    body = msg.get_content()
    assert "Jim, meet Leonard." in body and "Subject:" not in body
    assert "you have no e-mail address" in r.stderr  # Sam has none in the example


# -- grammar with any combination of missing facts ------------------------------------------------

_BAD = [
    (r"\bNone\b", "None"),
    (r"  ", "doubled space"),
    (r" [.,;:]", "space before punctuation"),
    (r"\.\s*\.", "empty sentence"),
    (r",\s*\.", "dangling comma"),
    (r"\band\s*\.", "dangling and"),
    (r":\s*\.", "empty clause"),
    (r"\{|\}", "template braces"),
    (r"\bat\s*\.", "dangling at"),
]


@pytest.fixture(scope="module")
def pair_db(tmp_path_factory):
    from typer.testing import CliRunner

    from curated_net.cli.app import app

    root = tmp_path_factory.mktemp("pair")
    env = {"CNET_DB": str(root / "p.db"), "CNET_POLICY": str(root / "none.toml")}
    runner = CliRunner()
    for args in (
        ["init", "--name", "Sam Rivera"],
        ["add", "Ann Lee"],
        ["add", "Bob Stone"],
        ["connect", "ann-lee", "--as", "colleague"],
        ["connect", "bob-stone", "--as", "friend"],
    ):
        assert runner.invoke(app, args, env=env).exit_code == 0
    return root / "p.db"


people = st.fixed_dictionaries(
    {
        "nickname": st.none() | st.sampled_from(["Bones", "Ace"]),
        "pronouns": st.none() | st.sampled_from(["he/him", "she/her", "they/them", "xe/xem"]),
        "company": st.none() | st.sampled_from(["Northwind", "St. Brendan's Hospital"]),
        "title": st.none() | st.sampled_from(["CFO", "Attending Physician", "engineer"]),
        "how_met": st.none() | st.sampled_from(["We met at school.", "Through Priya", "how we rowed together"]),
        "met_on": st.none() | st.sampled_from(["1998", "2019-08", "2023-05-14"]),
        "highlights": st.lists(
            st.sampled_from(
                [
                    "one of the best doctors I know",
                    "never turns down a good adventure",
                    "can read a contract in a minute",
                    "kind",
                ]
            ),
            max_size=3,
        ),
        "criterion": st.sampled_from(["colleague", "friend", "family", "client", "met-in-person"]),
        "detail": st.none() | st.sampled_from(["Northwind platform", "my cousin"]),
        "place": st.none() | st.just("Lisbon"),
        "since": st.none() | st.just("2016"),
        "until": st.none() | st.just("2020"),
        "conversation": st.none() | st.just("warehouse robots"),
    }
)


def _apply(conn: sqlite3.Connection, handle: str, p: dict) -> int:
    pid = conn.execute("SELECT id FROM person WHERE handle = ?", (handle,)).fetchone()[0]
    conn.execute(
        "UPDATE person SET nickname=?, pronouns=?, company=?, title=?, how_met=?, met_on=? WHERE id=?",
        (p["nickname"], p["pronouns"], p["company"], p["title"], p["how_met"], p["met_on"], pid),
    )
    conn.execute("DELETE FROM highlight WHERE person_id = ?", (pid,))
    for i, h in enumerate(p["highlights"]):
        conn.execute("INSERT INTO highlight (person_id, text, position) VALUES (?, ?, ?)", (pid, h, i))
    conn.execute(
        "UPDATE evidence SET criterion=?, detail=?, place=?, since=?, until=?, conversation=? WHERE person_id = ?",
        (p["criterion"], p["detail"], p["place"], p["since"], p["until"], p["conversation"], pid),
    )
    return pid


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people,
    people,
    st.none() | st.sampled_from(["they should talk.", "Ann needs a CFO"]),
    st.sampled_from(["intro", "intro-markdown", "ask"]),
)
def test_no_combination_of_missing_facts_breaks_the_grammar(pair_db, a, b, reason, template):
    from curated_net.intro.context import intro_context
    from curated_net.intro.drafting import render

    conn = sqlite3.connect(pair_db)
    try:
        ida, idb = _apply(conn, "ann-lee", a), _apply(conn, "bob-stone", b)
        text = render(template, intro_context(conn, ida, idb, reason))
    finally:
        conn.rollback()
        conn.close()
    for line in text.splitlines():
        for pattern, what in _BAD:
            assert not re.search(pattern, line), f"{what} in: {line!r}"
        if line and not line.startswith(("Subject:", "##", "Hi ", "Sam")):
            assert line[-1] in ".:?!", f"unfinished: {line!r}"
    if not (a["pronouns"] or "").startswith(("he", "she", "they")):
        assert not re.search(r"\b(He|She|They)'s\b", text.split("meet Bob")[0] if "meet Bob" in text else "")


# -- templates and the sandbox ---------------------------------------------------------------------


def _user_template(cli, file: str, text: str) -> None:
    d = cli.db.parent.parent / "templates"
    d.mkdir(parents=True, exist_ok=True)
    (d / file).write_text(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "sandbox does not allow"),
        ("{{ a.first.__class__.__init__.__globals__ }}", "sandbox does not allow"),
        ("{% for %}", "line 1"),
        ("{{ nothing_here.at_all }}", "uses something that is not there"),
    ],
)
def test_user_templates_run_sandboxed_and_fail_clearly(example, text, message):
    env = {"CNET_TEMPLATES": str(example.db.parent.parent / "templates")}
    _user_template(example, "intro.txt.j2", text)
    before = example.snapshot()
    r = example("intro", "bones", "jim", "--reason", "x", env=env)
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert "template 'intro'" in r.stderr and message in r.stderr
    assert example.snapshot() == before


def test_template_commands(example, tmp_path):
    env = {"CNET_TEMPLATES": str(tmp_path / "t")}
    listed = example("template", "list", "--json", env=env).json()
    assert {t["name"] for t in listed} >= {"intro", "intro-markdown", "ask", "decline-intro", "recommendation"}
    assert not any(t["yours"] for t in listed)
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('{{ closing }}', 'Over to you both.'))\n"
    )
    env_ed = {**env, "EDITOR": f"{sys.executable} {script}"}
    assert example("template", "edit", "intro", env=env_ed).exit_code == 0
    r = example("intro", "bones", "jim", "--reason", "x", env=env)
    assert "Over to you both" in r.stdout
    bad = tmp_path / "bad.py"
    bad.write_text("import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('{% if %}')\n")
    r = example("template", "edit", "intro", env={**env, "EDITOR": f"{sys.executable} {bad}"})
    assert r.exit_code == 1 and "not saved" in r.stderr
    assert "Over to you both" in example("template", "show", "intro", env=env).stdout
    assert "{{ closing }}" in example("template", "show", "intro", "--default", env=env).stdout
    example("template", "reset", "intro", env=env)
    assert "I'll leave it to you" in example("intro", "bones", "jim", "--reason", "x", env=env).stdout


# -- the whole lifecycle -------------------------------------------------------------------------


def test_request_ask_consent_intro_outcome_then_track_record_refuses(example):
    r = example.json(
        "request",
        "intro",
        "priya-raman",
        "aiko-tanaka",
        "--via",
        "phone",
        "--reason",
        "Priya wants to learn how robotics teams measure throughput",
    )
    rid = r["id"]
    assert r["channel"] == "phone" and r["status"] == "open"
    asked = example.json("request", "accept", str(rid))
    iid = asked["id"]
    assert "Would you like to meet Priya Raman?" in asked["draft"]
    assert "Priya Raman has asked me to introduce you." in asked["draft"]  # she did: the request says so
    assert example.json("intro", "show", str(iid))["status"] == "asked"
    assert example.json("request", "show", str(rid))["status"] == "accepted"
    agreed = example.json("intro", "consent", str(iid), "yes", "--note", "happy to")
    assert agreed["status"] == "agreed" and agreed["consent_note"] == "happy to"
    r = example("intro", "priya-raman", "aiko-tanaka", "--reason", "Priya wants to learn about throughput")
    assert r.exit_code == 0 and "double-opt-in" not in r.stderr
    assert example.json("intro", "show", str(iid))["status"] == "agreed"  # a draft is not a send
    example.ok("intro", "sent", "priya-raman", "aiko-tanaka")
    shown = example.json("intro", "show", str(iid))
    assert shown["status"] == "introduced" and shown["draft"].startswith("Subject: Introduction")
    assert all(shown["dates"][k] for k in ("requested", "asked", "answered", "introduced"))
    closed = example.json("intro", "outcome", str(iid), "no-show")
    assert closed["status"] == "closed" and closed["outcome"] == "no-show"
    assert [i["id"] for i in example.json("intro", "list", "--status", "closed")] == [iid]
    # Next time Priya asks, her own track record stops it.
    r2 = example.json("request", "intro", "priya-raman", "jim", "--via", "phone", "--reason", "wants advice")
    before = example.snapshot()
    refused = example("request", "accept", str(r2["id"]))
    assert refused.exit_code == 3
    assert "refused by track-record: Priya Raman's introduction on" in refused.stderr
    assert "ended in no-show" in refused.stderr
    assert example.snapshot() == before
    assert example.json("decisions", "--limit", "1")[0]["outcome"] == "refused"


def test_ask_me_personally_and_an_honest_decline(example):
    example.ok("edit", "jim", "--note", "PRIVATE: thinking of leaving Meridian")
    r = example.json("request", "intro", "Raj Patel", "jim", "--via", "linkedin", "--reason", "recruiting pitch")
    refused = example("request", "accept", str(r["id"]))
    assert refused.exit_code == 3 and "refused by ask-me-personally" in refused.stderr
    declined = example.json("request", "decline", str(r["id"]))
    text = declined["draft"]
    assert "Hi Raj," in text and "by phone or in person" in text and "send Jim a short note" in text
    assert "PRIVATE" not in text and "Meridian" not in text
    assert example.json("request", "show", str(r["id"]))["status"] == "declined"
    assert "already declined" in example.fails("request", "accept", str(r["id"])).stderr


def test_connect_request_is_gated_by_really_know(example):
    r = example.json("request", "connect", "Zoe Stranger", "--via", "linkedin", "--note", "saw your talk")
    assert example.json("show", "zoe-stranger")["name"] == "Zoe Stranger"
    refused = example("request", "accept", str(r["id"]))
    assert refused.exit_code == 3 and "refused by really-know" in refused.stderr
    ok = example.json("request", "accept", str(r["id"]), "--as", "met-in-person", "--conversation", "her talk on maps")
    assert ok["connection"]["status"] == "curated"
    assert [x["status"] for x in example.json("request", "list")][:1] == ["accepted"]
    r2 = example.json("request", "connect", "Yan Other", "--via", "email")
    decline = example.json("request", "decline", str(r2["id"]))["draft"]
    assert "Hi Yan," in decline and "invitation to connect" in decline


def test_pending_lists_stalled_steps(example):
    asked = example.json("intro", "ask", "priya-raman", "aiko-tanaka", "--reason", "throughput")
    conn = sqlite3.connect(example.db)
    conn.execute("UPDATE introduction SET asked_at = '2026-01-01T00:00:00+00:00' WHERE id = ?", (asked["id"],))
    conn.commit()
    conn.close()
    rows = example.json("intro", "pending", "--days", "30")
    assert [r["id"] for r in rows] == [asked["id"]] and "cnet intro consent" in rows[0]["next"]
    assert rows[0]["waiting_days"] > 30
    assert example.json("intro", "pending", "--days", "100000") == []
    assert example.json("intro", "pending")  # the policy's pending_days (14)


def test_intro_errors(example):
    assert "two different people" in example.fails("intro", "bones", "leonard-okafor", "--reason", "x").stderr
    assert "not me" in example.fails("intro", "me", "jim", "--reason", "x").stderr
    assert "--format" in example.fails("intro", "bones", "jim", "--reason", "x", "--format", "pdf", code=2).stderr
    assert "no introduction #99" in example.fails("intro", "show", "99").stderr
    assert "'maybe' is not one of yes, no" in example.fails("intro", "consent", "1", "maybe", code=2).stderr
    assert "no request #42" in example.fails("request", "show", "42").stderr
    assert "--via" in example.fails("request", "connect", "Zed", "--via", "pigeon", code=2).stderr


# -- a draft is not an introduction --------------------------------------------------------------------


def _log(cli) -> bytes:
    path = cli.db.with_name("cnet.decisions.jsonl")
    return path.read_bytes() if path.exists() else b""


def test_a_draft_records_nothing_however_it_is_made(example, tmp_path):
    before, log = example.snapshot(), _log(example)
    for extra in (
        [],
        ["--json"],
        ["--format", "markdown"],
        ["--format", "eml", "--out", str(tmp_path / "a.eml")],
        ["--out", str(tmp_path / "a.txt")],
        [],
        [],
    ):
        r = example.ok("intro", "bones", "jim", "--reason", REASON, *extra)
        assert "nothing is recorded" in r.stderr and "cnet intro sent leonard-okafor jim-castellano" in r.stderr
    assert example.snapshot() == before and _log(example) == log
    assert example.json("intro", "list") == []
    # Seven drafts later, asking Jim first still works: no draft counted as an introduction made.
    assert example.json("intro", "ask", "bones", "jim", "--reason", REASON)["id"] == 1


def test_an_introduction_counts_once_it_is_said_to_be_sent(example):
    r = example.json("intro", "sent", "bones", "jim", "--reason", REASON)
    assert r["status"] == "introduced" and r["a"] == "leonard-okafor" and r["b"] == "jim-castellano"
    assert r["draft"].startswith("Subject: Introduction: Jim Castellano, meet Leonard Okafor")
    assert example.json("decisions", "--limit", "1")[0]["detail"] == {"step": "sent"}
    before = example.snapshot()
    again = example.fails("intro", "sent", str(r["id"]))
    assert "already introduced" in again.stderr and example.snapshot() == before
    # Now it counts: introductions asked of Jim (the default allows three in 90 days).
    for who in ("priya-raman", "elena-sokolova"):
        example.ok("intro", "sent", who, "jim", "--reason", "they should talk")
    refused = example.fails("intro", "marcus-bell", "jim", "--reason", "they should talk", code=3)
    assert "protect-my-connections: Jim Castellano was already asked for 3 introductions" in refused.stderr
    assert "Fix: wait until 20" in refused.stderr  # the day an ask falls out of the 90 days


def test_sent_keeps_the_text_really_sent_and_its_day(example, tmp_path):
    sent = tmp_path / "sent.txt"
    sent.write_text("Jim, meet Leonard. You two should talk.\n", encoding="utf-8")
    r = example.json("intro", "sent", "bones", "jim", "--reason", REASON, "--file", str(sent), "--on", "2026-11-30")
    assert r["draft"] == "Jim, meet Leonard. You two should talk." and r["dates"]["introduced"] == "2026-11-30"
    before = example.snapshot()
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    for bad, message in (
        (["--file", str(tmp_path)], "not a regular file"),
        (["--file", str(tmp_path / "missing.txt")], "no such file"),
        (["--file", str(tmp_path / "latin1.txt")], "not UTF-8"),
        (["--on", "2999-01-01"], "in the future"),
    ):
        r = example.fails("intro", "sent", "priya-raman", "aiko-tanaka", "--reason", "x", *bad)
        assert message in r.stderr
    assert example.snapshot() == before


def test_one_introduction_through_its_whole_life(example):
    asked = example.json("intro", "ask", "bones", "jim", "--reason", REASON)
    draft = example.json("intro", "bones", "jim")  # the reason asked with is the draft's
    assert draft["id"] == asked["id"] and "Jim, meet Leonard" in draft["draft"]
    example.ok("intro", "consent", str(asked["id"]), "yes")
    assert example.json("intro", "bones", "jim")["verdict"]["outcome"] == "allowed"  # no opt-in warning now
    example.ok("intro", "sent", str(asked["id"]))
    example.ok("intro", "outcome", str(asked["id"]), "met")
    (only,) = example.json("intro", "list")
    assert only["id"] == asked["id"] and only["status"] == "closed" and only["outcome"] == "met"
    assert all(only["dates"][k] for k in ("requested", "asked", "answered", "introduced", "outcome"))


def test_refusals_answer_in_json_when_json_is_asked(example):
    before = example.snapshot()
    for args, rule in (
        (["intro", "bones", "christine-chapel", "--reason", "x"], "vouch-for-both"),
        (["intro", "sent", "bones", "christine-chapel", "--reason", "x"], "vouch-for-both"),
        (["intro", "ask", "bones", "christine-chapel", "--reason", "x"], "vouch-for-both"),
        (["connect", "peter-novak", "--as", "classmate"], "really-know"),
        (["endorse", "bones", "--skill", "medicine"], "honest-recognition"),
    ):
        r = example(*args, "--json")
        assert r.exit_code == 3, (args, r.stderr)
        doc = json.loads(r.stdout)
        assert doc["allowed"] is False and doc["outcome"] == "refused"
        failing = [x for x in doc["rules"] if not x["passed"] and x["effect"] == "deny"]
        assert rule in [x["id"] for x in failing] and doc["fixes"]
    assert example.snapshot() == before
    warned = example.json("intro", "bones", "jim", "--reason", REASON)
    assert warned["verdict"]["outcome"] == "warned"


def test_a_missing_reason_is_a_usage_error(example):
    before = example.snapshot()
    for args in (["intro", "bones", "jim"], ["intro", "ask", "bones", "jim"], ["intro", "sent", "bones", "jim"]):
        r = example.fails(*args, code=2)
        assert "missing option '--reason'" in r.stderr
    assert example.snapshot() == before
    assert example.fails("intro", "sent", "1", "2", "3", code=2).stderr


def test_user_templates_get_the_drafters_grammar(example):
    _user_template(
        example,
        "intro.txt.j2",
        "{{ 'honest broker'|a }} / {{ ['a', 'b', 'c']|join_and }} / {{ 'doctor'|plural }} / "
        "{{ 'went to school'|sentence }} / {{ \"Jim's posting\"|toward(b) }} / {{ '2019-05'|since }}\n",
    )
    env = {"CNET_TEMPLATES": str(example.db.parent.parent / "templates")}
    r = example("intro", "bones", "jim", "--reason", REASON, env=env)
    assert r.stdout == "an honest broker / a, b and c / doctors / Went to school. / your posting / since May 2019\n"


# -- the record holds together ------------------------------------------------------------------------


def test_pending_reads_a_day_given_by_hand(example):
    example.ok("intro", "sent", "bones", "jim", "--reason", REASON, "--on", "2026-11-01")
    waiting = example.json("intro", "pending", "--days", "1")
    assert [(w["id"], w["status"]) for w in waiting] == [(1, "introduced")] and waiting[0]["waiting_days"] > 1


def test_a_request_must_be_the_one_for_the_pair(example):
    r = example.json("request", "intro", "priya-raman", "aiko-tanaka", "--via", "phone", "--reason", "throughput")
    before = example.snapshot()
    for args in (
        ["intro", "bones", "jim", "--reason", "x", "--request", str(r["id"])],
        ["intro", "sent", "bones", "jim", "--reason", "x", "--request", str(r["id"])],
        ["intro", "bones", "jim", "--reason", "x", "--request", "999"],
    ):
        assert example(*args).exit_code == 1
    assert example.snapshot() == before
    # The request's reason is the draft's when none is given.
    draft = example.json("intro", "priya-raman", "aiko-tanaka", "--request", str(r["id"]))
    assert "throughput" in draft["draft"]


def test_a_no_stops_the_introduction_and_no_fix_asks_again(example):
    asked = example.json("intro", "ask", "bones", "jim", "--reason", REASON)
    example.ok("intro", "consent", str(asked["id"]), "no", "--note", "too busy this quarter")
    before = example.snapshot()
    assert "is already declined" in example.fails("intro", "sent", str(asked["id"])).stderr
    r = example.fails("intro", "sent", "bones", "jim", "--reason", REASON, code=3)
    assert "refused by protect-my-connections: Jim Castellano said no to meeting Leonard Okafor" in r.stderr
    assert "cnet intro ask" not in r.stderr and example.snapshot() == before
    example.ok("intro", "consent", str(asked["id"]), "yes")
    assert example.json("intro", "show", str(asked["id"]))["consent_note"] == "too busy this quarter"


def test_while_waiting_for_an_answer_the_fix_records_it(example):
    asked = example.json("intro", "ask", "bones", "jim", "--reason", REASON)
    r = example.ok("intro", "bones", "jim")
    assert f"Fix: when Jim Castellano answers: cnet intro consent {asked['id']} yes|no" in r.stderr


def test_days_keep_their_order(example):
    asked = example.json("intro", "ask", "bones", "jim", "--reason", REASON)
    before = example.snapshot()
    r = example.fails("intro", "sent", str(asked["id"]), "--on", "2020-01-01")
    assert "cannot have been introduced on 2020-01-01" in r.stderr and example.snapshot() == before
    example.ok("intro", "sent", str(asked["id"]), "--on", dt.date.today().isoformat())
    r = example.fails("intro", "outcome", str(asked["id"]), "met", "--on", "2021-01-01")
    assert "cannot have been closed on 2021-01-01" in r.stderr


def test_the_footer_of_a_draft_is_a_command_that_works(example):
    r = example.ok("intro", "bones", "jim", "--reason", "it's about the staff physician role")
    command = r.stderr.split("Once you have sent it: ")[1].strip()
    assert (
        command == "cnet intro sent leonard-okafor jim-castellano --reason 'it'\"'\"'s about the staff physician role'"
    )
    example.ok(*shlex.split(command)[1:])
    assert example.json("intro", "list")[0]["status"] == "introduced"


def test_markdown_drafts_keep_names_and_facts_literal(example):
    example.ok("edit", "bones", "--highlight", "writes <script>alert(1)</script> and *bold* [links](http://x.example)")
    r = example.ok("intro", "bones", "jim", "--reason", REASON, "--format", "markdown")
    assert "\\<script\\>" in r.stdout and "\\*bold\\*" in r.stdout and "\\[links\\]" in r.stdout
    assert "<script>" not in r.stdout


def test_templates_see_empty_text_for_facts_not_recorded(example):
    _user_template(example, "intro.txt.j2", "[{{ b.role }}] [{{ a.highlights|join_and }}] [{{ b.nickname }}]\n")
    example.ok("edit", "jim", "--title", "", "--company", "")
    env = {"CNET_TEMPLATES": str(example.db.parent.parent / "templates")}
    r = example("intro", "bones", "jim", "--reason", REASON, env=env)
    assert r.stdout == (
        "[] [one of the best doctors I know and so focused on his patients that he forgets to eat lunch] []\n"
    )


def test_names_as_a_note_says_them(me):
    me.ok("add", "Dr. Jane O'Neil-Smith", "--how-met", "met at a conference", "--met-on", "2019", "--highlight", "kind")
    me.ok("add", "J. R. R. Tolkien", "--how-met", "met at a pub", "--met-on", "2015", "--highlight", "kind")
    me.ok("add", "sam lee", "--how-met", "met at a pub", "--met-on", "2015", "--highlight", "kind")
    me.ok("add", "Sam Okoro", "--how-met", "met at school", "--met-on", "2001", "--highlight", "kind", "--force")
    for h in ("dr-jane-o-neil-smith", "j-r-r-tolkien", "sam-lee", "sam-okoro"):
        me.ok("connect", h, "--as", "colleague")
    text = me.ok("intro", "dr-jane-o-neil-smith", "j-r-r-tolkien", "--reason", "both write").stdout
    assert "J. R. R. Tolkien, meet Jane." in text and "Jane, meet J. R. R. Tolkien." in text
    text = me.ok("intro", "sam-lee", "sam-okoro", "--reason", "both write").stdout
    assert "Sam Okoro, meet Sam Lee." in text and "Sam Lee, meet Sam Okoro." in text and "Like " not in text


def test_saying_twice_that_an_introduction_was_made_records_it_once(example):
    first = example.json("intro", "sent", "bones", "jim", "--reason", REASON)
    before = example.snapshot()
    r = example.fails("intro", "sent", "jim", "bones", "--reason", REASON)  # either way round
    assert f"recorded as introduced on {dt.datetime.now(dt.UTC).date().isoformat()} already: #{first['id']}" in r.stderr
    assert example.snapshot() == before and len(example.json("intro", "list")) == 1
    example.ok("intro", "sent", "bones", "jim", "--reason", REASON, "--on", "2026-01-15")  # another day: again
    assert len(example.json("intro", "list")) == 2
    r = example.fails("intro", "sent", "bones", "jim", "--reason", REASON, "--on", "2026-01-15")
    assert "on 2026-01-15 already" in r.stderr


def test_two_remembered_conversations_are_told_two_ways(example):
    example.ok("connect", "priya-raman", "--as", "met-in-person", "--conversation", "observability for small teams")
    note = example.ok("intro", "priya-raman", "jim", "--reason", "compare notes on hiring").stdout
    assert note.count("I still remember our conversation") == 1
    assert "We had a memorable conversation about" in note
