"""The policy engine: default rules, custom policies, broken files, overrides, decisions, audit."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curated_net import Network
from curated_net.policy import PolicyGate, load_gate
from curated_net.policy.loader import default_text, parse_policy


@pytest.fixture
def net(me):
    """Two close people (Ann: colleague + highlights; Bob: friend), and people with weak or no evidence."""
    me.ok("add", "Ann Lee", "--how-met", "Northwind", "--met-on", "2016", "--highlight", "the clearest writer I know")
    me.ok("add", "Bob Stone", "--how-met", "rowing club", "--met-on", "2012", "--highlight", "never misses a race")
    me.ok("add", "Cy Young")
    me.ok("add", "Dee Dee", "--how-met", "a conference", "--met-on", "2020", "--highlight", "funny")
    me.ok("connect", "ann-lee", "--as", "colleague", "--detail", "Northwind platform", "--since", "2016")
    me.ok("connect", "bob-stone", "--as", "friend", "--since", "2012")
    me.ok("connect", "dee-dee", "--source", "linkedin")
    return me


def write_policy(cli, text: str) -> None:
    cli.policy.parent.mkdir(parents=True, exist_ok=True)
    cli.policy.write_text(textwrap.dedent(text))


def rules_of(doc: dict) -> dict:
    return {r["id"]: r for r in doc["rules"]}


# -- really-know -------------------------------------------------------------------------------------


def test_really_know_refuses_without_evidence_and_names_the_fix(net):
    before = net.snapshot()
    r = net.fails("connect", "cy-young", code=3)
    assert r.stderr.splitlines()[0] == (
        "refused by really-know: you have no evidence for Cy Young (no criteria recorded). "
        "Fix, only if true: cnet connect cy-young --as client|colleague|business-partner|met-in-person|family|friend"
        ' --detail "..." (met-in-person also needs --conversation "...")'
    )
    assert net.snapshot() == before


def test_really_know_wants_the_memorable_conversation(net):
    r = net.fails("connect", "cy-young", "--as", "met-in-person", "--place", "Lisbon", code=3)
    assert "met-in-person counts only with the memorable conversation recorded" in r.stderr
    ok = net.json("connect", "cy-young", "--as", "met-in-person", "--place", "Lisbon", "--conversation", "robots")
    assert ok["connection"]["status"] == "curated"
    assert ok["verdict"]["outcome"] == "allowed"


def test_classmate_alone_is_not_really_knowing(net):
    r = net.fails("connect", "cy-young", "--as", "classmate", code=3)
    assert "what you gave (classmate) is not among what counts here" in r.stderr
    check = net("check", "connect", "cy-young", "--as", "family", "--json")
    assert check.exit_code == 0 and check.json()["allowed"] is True


def test_linkedin_connection_is_not_evidence(net):
    doc = net("check", "connect", "dee-dee", "--json")
    assert doc.exit_code == 3
    rule = rules_of(doc.json())["really-know"]
    assert rule["passed"] is False and "a linkedin connection is not evidence" in rule["message"]
    assert net.json("show", "dee-dee")["connection"]["status"] == "nominal"


# -- check: the contract's shape -------------------------------------------------------------------


def test_check_json_follows_the_contract(net):
    doc = net.json("check", "connect", "ann-lee")
    assert set(doc) >= {"allowed", "rules"}
    assert doc["allowed"] is True
    for r in doc["rules"]:
        assert set(r) >= {"id", "effect", "passed", "message", "fix"}
    before = net.snapshot()
    r = net("check", "connect", "cy-young")
    assert r.exit_code == 3 and "FAIL" in r.stdout
    # a fix that records a fact says to run it only if it is true, in a check and in the audit alike
    assert "fix, only if true: cnet connect cy-young --as " in r.stdout
    assert "fix, only if true: cnet connect dee-dee --as " in net.ok("audit").stdout.replace("\n", "")
    assert "pass" in net.ok("check", "connect", "ann-lee", "--explain").stdout
    assert net.snapshot() == before


# -- introductions -----------------------------------------------------------------------------------


def test_intro_between_two_people_i_really_know_is_allowed_with_an_opt_in_warning(net):
    doc = net.json("check", "intro", "ann-lee", "bob-stone", "--reason", "both row")
    assert doc["allowed"] is True and doc["outcome"] == "warned"
    rules = rules_of(doc)
    assert all(
        rules[i]["passed"]
        for i in ("vouch-for-both", "colour-and-context", "ask-me-personally", "protect-my-connections", "track-record")
    )
    assert rules["double-opt-in"]["effect"] == "warn" and not rules["double-opt-in"]["passed"]
    assert rules["double-opt-in"]["fix"] == 'cnet intro ask ann-lee bob-stone --reason "..."'


def test_colour_and_context_says_in_words_that_the_date_we_met_is_missing_and_how_to_add_it(net):
    net.ok("add", "Kim Lo", "--how-met", "a sailing trip", "--highlight", "steady in a storm")
    net.ok("connect", "kim-lo", "--as", "friend")  # no --since: when we met is nowhere
    ctx = rules_of(net("check", "intro", "ann-lee", "kim-lo", "--reason", "sailing", "--json").json())
    rule = ctx["colour-and-context"]
    assert rule["message"] == "Kim Lo lacks when you met (a date)"
    assert rule["fix"] == "cnet edit kim-lo --met-on YYYY"


def test_vouch_for_both_and_colour_and_context(net):
    r = net("check", "intro", "ann-lee", "cy-young", "--json")
    rules = rules_of(r.json())
    assert r.exit_code == 3
    assert "Cy Young is not your first-degree connection" in rules["vouch-for-both"]["message"]
    ctx = rules["colour-and-context"]
    assert "Cy Young lacks how you know them, when you met (a date) and a highlight" in ctx["message"]
    assert "no reason why the two should talk" in ctx["message"]
    assert "cnet edit cy-young" not in ctx["fix"]  # how I met someone I do not know is nothing to record
    r = net("check", "intro", "ann-lee", "dee-dee", "--json")
    assert "cnet edit dee-dee --highlight" not in rules_of(r.json())["colour-and-context"]["fix"]
    assert "cnet edit ann-lee" not in rules_of(r.json())["colour-and-context"]["fix"]
    r = net("check", "intro", "ann-lee", "dee-dee", "--reason", "x", "--json")
    assert "a linkedin connection is not evidence" in rules_of(r.json())["vouch-for-both"]["message"]


def _sql(cli, sql: str, *params) -> None:
    conn = sqlite3.connect(cli.db)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def _pid(cli, handle: str) -> int:
    return sqlite3.connect(cli.db).execute("SELECT id FROM person WHERE handle = ?", (handle,)).fetchone()[0]


def test_ask_me_personally_reads_the_request_channel(net):
    for i, channel in enumerate(("linkedin", "phone"), 1):
        _sql(
            net,
            "INSERT INTO request (id, kind, from_person, to_person, channel, received_on, created_at, updated_at) "
            "VALUES (?, 'intro', ?, ?, ?, '2026-11-01', '', '')",
            i,
            _pid(net, "ann-lee"),
            _pid(net, "bob-stone"),
            channel,
        )
    bad = net("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--request", "1", "--json")
    assert bad.exit_code == 3
    rule = rules_of(bad.json())["ask-me-personally"]
    assert rule["message"] == "Ann Lee asked by linkedin, not phone or in-person"
    good = net.json("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--request", "2")
    assert rules_of(good)["ask-me-personally"]["passed"]


def test_protect_my_connections(net):
    net.ok("edit", "bob-stone", "--do-not-introduce")
    r = net("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--json")
    assert r.exit_code == 3
    assert "Bob Stone is flagged do-not-introduce" in rules_of(r.json())["protect-my-connections"]["message"]
    net.ok("edit", "bob-stone", "--may-introduce", "--no-recruiters")
    net.ok("edit", "ann-lee", "--tag", "Recruiter")
    r = net("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--json")
    assert "asked not to be approached by recruiters" in rules_of(r.json())["protect-my-connections"]["message"]
    net.ok("edit", "ann-lee", "--untag", "recruiter")
    for i in range(3):
        _sql(
            net,
            "INSERT INTO introduction (a, b, status, asked_at, created_at, updated_at) "
            "VALUES (?, ?, 'asked', date('now', ?), '', '')",
            _pid(net, "dee-dee"),
            _pid(net, "bob-stone"),
            f"-{10 * i} days",
        )
    r = net("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--json")
    assert (
        "was already asked for 3 introductions in the last 90 days"
        in rules_of(r.json())["protect-my-connections"]["message"]
    )


def test_track_record_refuses_after_a_no_show(net):
    _sql(
        net,
        "INSERT INTO introduction (a, b, status, outcome, outcome_at, created_at, updated_at) "
        "VALUES (?, ?, 'closed', 'no-show', '2026-01-10', '', '')",
        _pid(net, "ann-lee"),
        _pid(net, "dee-dee"),
    )
    r = net("check", "intro", "ann-lee", "bob-stone", "--reason", "x", "--json")
    assert r.exit_code == 3
    assert rules_of(r.json())["track-record"]["message"] == "Ann Lee's introduction on 2026-01-10 ended in no-show"


# -- recognition ---------------------------------------------------------------------------------


def test_honest_recognition(net):
    before = net.snapshot()
    r = net.fails("endorse", "bob-stone", "--skill", "rowing", code=3)
    assert "refused by honest-recognition" in r.stderr and "(friend) is not among what counts here" in r.stderr
    assert net.snapshot() == before
    out = net.json("endorse", "ann-lee", "--skill", "Technical writing")
    assert out["skill"] == "Technical writing" and out["kind"] == "endorsement"
    rec = net.json("recommend", "ann-lee")
    assert "We've worked together on the Northwind platform" in rec["text"]
    assert "one of the clearest writers I know" in rec["text"]
    assert "None" not in rec["text"]
    assert [x["kind"] for x in net.json("recognition")] == ["recommendation", "endorsement"]
    assert len(net.json("show", "ann-lee")["recognition"]) == 2
    assert "refused by honest-recognition" in net.fails("recommend", "bob-stone", code=3).stderr


# -- custom policies -------------------------------------------------------------------------------


def test_a_rule_switched_off(net):
    write_policy(net, default_text().replace('id = "really-know"\n', 'id = "really-know"\nenabled = false\n'))
    assert net.json("connect", "cy-young")["connection"]["status"] == "curated"  # nothing else gates connect


def test_a_criterion_added(net):
    write_policy(
        net,
        default_text().replace(
            'criteria = ["client", "colleague", "business-partner", "met-in-person", "family", "friend"]\n'
            'require_conversation = ["met-in-person"]\n\n# 2.',
            'criteria = ["client", "colleague", "business-partner", "met-in-person", "family", "friend", "classmate"]\n'
            'require_conversation = ["met-in-person"]\n\n# 2.',
            1,
        ),
    )
    assert net.json("connect", "cy-young", "--as", "classmate")["connection"]["status"] == "curated"


def test_an_effect_changed_to_warn(net):
    write_policy(
        net,
        default_text().replace(
            'kind = "evidence"\nactions = ["connect", "accept"]\neffect = "deny"',
            'kind = "evidence"\nactions = ["connect", "accept"]\neffect = "warn"',
        ),
    )
    r = net("connect", "cy-young", "--json")
    assert r.exit_code == 0
    assert "really-know" in r.stderr and "no evidence for Cy Young" in r.stderr
    assert r.json()["verdict"]["outcome"] == "warned"
    # Only deny rules decide the curated view: a connection that draws a warning still counts.
    assert r.json()["connection"]["status"] == "curated"


def test_curated_view_follows_the_policy(net):
    net.ok("edit", "cy-young", "--how-met", "school")
    write_policy(net, default_text().replace('id = "really-know"\n', 'id = "really-know"\nenabled = false\n'))
    net.ok("connect", "cy-young")
    assert net.json("show", "cy-young")["degree"]["curated"] == "1st"
    net.policy.unlink()  # back to the default: Cy has no evidence
    assert net.json("show", "cy-young")["degree"]["curated"] == "not connected within 6"
    assert net.json("network")["curated_connections"] == 2


BROKEN = [
    ('version = 1\n[[rule]]\nid = "x"\nkind = "evidence"\nactions = ["connect"\n', "not valid TOML"),
    (
        '[[rule]]\nid = "x"\nkind = "evidence"\nactions = ["connect"]\ncolour = "red"\n',
        "line 5: rule 'x': unknown key 'colour'",
    ),
    ('[[rule]]\nid = "x"\nkind = "telepathy"\nactions = ["connect"]\n', "line 3: rule 'x': unknown kind 'telepathy'"),
    ('[[rule]]\nid = "x"\nkind = "evidence"\nactions = ["connect"]\neffect = "maybe"\n', "effect must be"),
    ('[[rule]]\nid = "x"\nkind = "evidence"\nactions = "connect"\n', "actions must be a non-empty list"),
    ('[[rule]]\nid = "x"\nkind = "consent"\nactions = ["connect"]\n', "kind 'consent' cannot gate 'connect'"),
    (
        '[[rule]]\nid = "x"\nkind = "evidence"\nactions = ["connect"]\n[rule.params]\ncriteria = ["pen-pal"]\n',
        "'pen-pal' is not one of",
    ),
    (
        '[[rule]]\nid = "x"\nkind = "protect"\nactions = ["intro"]\n[rule.params]\nmax_asks = "three"\n',
        "must be a whole number",
    ),
    (
        '[[rule]]\nid = "x"\nkind = "evidence"\nactions = ["connect"]\n[[rule]]\nid = "x"\nkind = "consent"\n'
        'actions = ["intro"]\n',
        "line 6: rule 'x': duplicate id",
    ),
]


@pytest.mark.parametrize(("text", "message"), BROKEN)
def test_broken_policy_stops_gated_commands(net, text, message):
    write_policy(net, text)
    before = net.snapshot()
    r = net.fails("connect", "cy-young", "--as", "friend")
    assert message in r.stderr and str(net.policy) in r.stderr
    assert net.snapshot() == before
    assert message in net.fails("policy", "check").stderr
    assert net.fails("check", "connect", "ann-lee").exit_code == 1
    doc = net("policy", "check", "--json")
    assert doc.exit_code == 1 and doc.json()["ok"] is False


# -- override and decisions -------------------------------------------------------------------------


def test_override_only_where_the_policy_allows_it(net):
    r = net.fails("connect", "cy-young", "--override", "I know him", code=3)
    assert "really-know cannot be overridden" in r.stderr
    write_policy(net, default_text().replace('id = "really-know"\n', 'id = "really-know"\nallow_override = true\n'))
    r = net.fails("connect", "cy-young", code=3)
    assert "--override" in r.stderr
    out = net.json("connect", "cy-young", "--override", "we shared a house for a summer")
    assert out["verdict"]["outcome"] == "overridden"
    last = net.json("decisions", "--limit", "1")[0]
    assert last["outcome"] == "overridden" and last["override_reason"] == "we shared a house for a summer"


def test_every_gated_attempt_is_recorded(net):
    net.fails("connect", "cy-young", code=3)
    net.ok("connect", "cy-young", "--as", "family")
    net.fails("endorse", "bob-stone", "--skill", "rowing", code=3)
    log = net.json("decisions")
    assert [(d["action"], d["outcome"]) for d in log[:3]] == [
        ("endorse", "refused"),
        ("connect", "allowed"),
        ("connect", "refused"),
    ]
    refused = log[2]
    assert refused["subjects"] == ["cy-young"] and len(refused["policy"]) == 16
    assert any(r["id"] == "really-know" and not r["passed"] for r in refused["rules"])
    assert {d["action"] for d in net.json("decisions", "--person", "cy-young")} == {"connect"}
    assert {d["outcome"] for d in net.json("decisions", "--outcome", "refused")} == {"refused"}
    assert [d["action"] for d in net.json("decisions", "--action", "endorse")] == ["endorse"]
    log_file = net.db.with_name("cnet.decisions.jsonl")
    assert oct(log_file.stat().st_mode & 0o777) == "0o600"


# -- audit -----------------------------------------------------------------------------------------


def test_audit_lists_what_the_policy_would_refuse(net, tmp_path):
    links = tmp_path / "l.txt"
    links.write_text("ann-lee, Eve Nominal\n")
    net.ok("link", "--file", str(links))
    net.ok("connect", "eve-nominal", "--source", "linkedin", "--connected-on", "2020-02-02")
    net.ok("endorse", "ann-lee", "--skill", "Writing")
    # An endorsement given before the policy said no (e.g. imported from LinkedIn).
    _sql(
        net,
        "INSERT INTO recognition (person_id, kind, skill, given_on, source, created_at) "
        "VALUES (?, 'endorsement', 'Rowing', '2020-01-01', 'linkedin', '')",
        _pid(net, "bob-stone"),
    )
    doc = net.json("audit")
    assert doc["connections"] == 4
    assert "2 of 4 connections pass really-know" in doc["lines"]
    failing = {(f["subject"], f["kind"]) for f in doc["failing"]}
    assert failing == {("dee-dee", "connection"), ("eve-nominal", "connection"), ("bob-stone", "endorsement")}
    text = net.ok("audit").stdout
    assert "2 of 4 connections pass really-know" in text and "eve-nominal" in text


# -- the policy commands ---------------------------------------------------------------------------


def test_policy_path_init_show(cli):
    assert cli.ok("policy", "path").stdout.strip() == str(cli.policy)
    assert cli.json("policy", "path")["exists"] is False
    shown = cli.json("policy", "show")
    assert shown["source"] == "built-in default"
    assert [r["id"] for r in shown["rules"]] == [
        "really-know",
        "vouch-for-both",
        "colour-and-context",
        "ask-me-personally",
        "double-opt-in",
        "protect-my-connections",
        "track-record",
        "honest-recognition",
    ]
    cli.ok("policy", "init")
    assert cli.policy.read_text() == default_text()
    assert "already exists" in cli.fails("policy", "init").stderr
    cli.ok("policy", "init", "--force")
    assert cli.json("policy", "show")["source"] == str(cli.policy)
    assert cli.json("policy", "show")["hash"] == shown["hash"]  # same rules, same hash
    kinds = {k["kind"] for k in cli.json("policy", "show", "--kinds")}
    assert {"evidence", "vouch", "context", "channel", "consent", "protect", "track-record", "known-for"} <= kinds


def test_policy_edit_saves_valid_and_refuses_broken(cli, tmp_path):
    cli.ok("policy", "init")
    good = tmp_path / "good.py"
    good.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('max_asks = 3', 'max_asks = 5'))\n"
    )
    r = cli("policy", "edit", env={"EDITOR": f"{sys.executable} {good}"})
    assert r.exit_code == 0, r.stderr
    assert "max_asks = 5" in cli.policy.read_text()
    bad = tmp_path / "bad.py"
    bad.write_text("import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('[[rule]]\\nid = 1\\n')\n")
    before = cli.policy.read_text()
    r = cli("policy", "edit", env={"EDITOR": f"{sys.executable} {bad}"})
    assert r.exit_code == 1 and "needs an id" in r.stderr
    assert cli.policy.read_text() == before
    assert cli.policy.with_name("policy.toml.rejected").exists()


# -- properties ------------------------------------------------------------------------------------

subject = st.fixed_dictionaries(
    {
        "handle": st.sampled_from(["a-1", "b-2"]),
        "name": st.sampled_from(["A One", "B Two"]),
        "flags": st.fixed_dictionaries({"do_not_introduce": st.booleans(), "no_recruiters": st.booleans()}),
        "tags": st.lists(st.sampled_from(["recruiter", "friend"]), max_size=2),
        "how_met": st.none() | st.just("school"),
        "met_on": st.none() | st.just("2019"),
        "highlights": st.lists(st.just("kind"), max_size=1),
        "connected": st.booleans(),
        "nominal_source": st.none() | st.just("linkedin"),
        "evidence": st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.integers(1, 9),
                    "criterion": st.sampled_from(["client", "colleague", "friend", "classmate", "met-in-person"]),
                    "since": st.none() | st.just("2018"),
                    "conversation": st.none() | st.just("robots"),
                }
            ),
            max_size=3,
        ),
    }
)


@settings(max_examples=150, deadline=None)
@given(
    subject,
    subject,
    st.none() | st.just("a reason"),
    st.none() | st.sampled_from(["agreed", "asked"]),
    st.randoms(use_true_random=False),
)
def test_verdict_never_depends_on_rule_order(a, b, reason, consent, rnd):
    import datetime as dt

    policy = parse_policy(default_text(), "default")
    facts = {
        "action": "intro",
        "today": dt.date(2026, 11, 21),
        "subjects": {"a": a, "b": b},
        "reason": reason,
        "request": None,
        "requester": None,
        "consent": consent,
        "asks_of": {},
        "outcomes": {},
    }
    first = PolicyGate(policy).evaluate("intro", facts)
    shuffled = list(policy.rules)
    rnd.shuffle(shuffled)
    policy.rules = shuffled
    second = PolicyGate(policy).evaluate("intro", facts)
    assert first.allowed == second.allowed and first.outcome == second.outcome
    key = lambda v: sorted(json.dumps(r.as_dict(), sort_keys=True) for r in v.rules)  # noqa: E731
    assert key(first) == key(second)


# -- honest fixes ------------------------------------------------------------------------------------


def test_a_fix_never_names_a_criterion_the_user_has_not_stated(net):
    r = net.fails("connect", "cy-young", "--as", "classmate", code=3)
    line = r.stderr.splitlines()[0]
    assert (
        "Fix, only if true: cnet connect cy-young --as client|colleague|business-partner|met-in-person|family|friend"
        in line
    )
    assert "classmate|" not in line.split("Fix")[1]  # the criterion just refused is not offered back
    assert not re.search(r"--as colleague --detail", line)


def test_fixes_offer_what_the_policy_in_force_counts(net):
    write_policy(net, default_text().replace(
        'criteria = ["client", "colleague", "business-partner", "met-in-person", "family", "friend"]\n'
        'require_conversation = ["met-in-person"]\n\n# 2.',
        'criteria = ["family", "classmate"]\nrequire_conversation = []\n\n# 2.',
    ))  # fmt: skip
    r = net.fails("connect", "cy-young", code=3)
    assert 'Fix, only if true: cnet connect cy-young --as family|classmate --detail "..."' in r.stderr
    assert net.json("policy", "show")  # the policy reads back
    counting = Network.open(net.db, gate=load_gate(net.policy)).counting("connect")
    assert counting == {"criteria": ["classmate", "family"], "need_conversation": []}


def test_someone_known_only_through_others_is_said_to_be_so(example):
    r = example.fails("intro", "bones", "christine-chapel", "--reason", "x", code=3)
    vouch = next(line for line in r.stderr.splitlines() if line.startswith("refused by vouch-for-both"))
    assert "you know Christine Chapel only through others (2nd, through Leonard Okafor)" in vouch
    assert "ask Leonard Okafor (leonard-okafor)" in vouch and "cnet path christine-chapel" in vouch
    assert "cnet connect christine-chapel" not in vouch
    example.ok("add", "Zed Nobody")
    r = example.fails("intro", "bones", "zed-nobody", "--reason", "x", code=3)
    assert "no one you know is linked to them" in r.stderr and "Fix, only if true: cnet connect zed-nobody" in r.stderr


def test_connecting_again_updates_the_evidence_of_that_criterion(net):
    net.ok("connect", "cy-young", "--as", "colleague", "--detail", "the audit")
    again = net.json("connect", "cy-young", "--as", "colleague", "--detail", "the billing rewrite", "--since", "2019")
    assert again["added_evidence"] == [] and [e["detail"] for e in again["updated_evidence"]] == ["the billing rewrite"]
    evidence = net.json("evidence", "cy-young")
    assert [(e["criterion"], e["detail"], e["since"]) for e in evidence["evidence"]] == [
        ("colleague", "the billing rewrite", "2019")
    ]
    assert evidence["summary"] == "curated: colleague (the billing rewrite, since 2019)"
    # Two of one kind given at once stay two; the same evidence again changes nothing.
    two = net.json("connect", "dee-dee", "--as", "met-in-person", "--conversation", "tides", "--as", "met-in-person",
                   "--conversation", "fog")  # fmt: skip
    assert len(two["added_evidence"]) == 2
    before = net.snapshot()
    assert net.json("connect", "dee-dee", "--as", "met-in-person", "--conversation", "fog")["updated_evidence"] == []
    assert net.snapshot() == before


def test_review_marks_the_criteria_the_policy_does_not_count(net):
    from curated_net.cli.review import keys_help

    text = keys_help(Network.open(net.db, gate=load_gate(net.policy)).counting("connect"))
    counted, marked = text.splitlines()[:2]
    assert "c colleague" in counted and "m met-in-person (with the conversation)" in counted
    assert marked == "  not evidence under your policy: s classmate"
