"""The typed API: records with attributes, the same JSON as before, held to the declared fields."""

from __future__ import annotations

import dataclasses
import json

from curated_net import Network
from curated_net.network.writes import EvidenceInput
from curated_net.people.fields import FIELDS, FLAGS
from curated_net.people.writes import PersonChanges
from curated_net.records import (
    Connected,
    Connection,
    ConnectionEvidence,
    Decision,
    Disconnected,
    Evidence,
    Flags,
    Interaction,
    IntroDates,
    Introduction,
    Link,
    Person,
    Recognition,
    Request,
    RuleOutcome,
    as_json,
)


def test_a_person_record_has_the_declared_fields_in_the_json_order():
    names = [f.name for f in dataclasses.fields(Person)]
    declared = [f.key for f in FIELDS if f.kind != "flag"]
    assert [n for n in names if n in declared] == declared
    assert [f.name for f in dataclasses.fields(Flags)] == [f.key for f in FLAGS]


def test_the_api_returns_records_the_cli_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        ann = net.add("Ann Lee", PersonChanges(emails=["ann@x.example"], tags=["b", "a"], no_recruiters=True))
        assert isinstance(ann, Person) and ann.name == "Ann Lee" and ann.flags.no_recruiters is True
        assert ann.emails == ("ann@x.example",) and ann["emails"] == ["ann@x.example"]  # and a mapping
        edited = net.edit("ann-lee", title="CTO")
        assert edited.title == "CTO" and net.person("ann").title == "CTO"
        listed = net.people()
        assert [p.handle for p in listed] == ["ann-lee"]
        me = net.init("Sam Rivera")["me"]
        assert isinstance(me, Person) and me.is_me
    shown = cli.json("show", "ann-lee")
    for key, value in edited.as_json().items():
        if key != "updated_at":
            assert shown[key] == value, key
    assert cli.json("list") == [json.loads(json.dumps(edited, default=as_json))]
    assert edited == cli.json("list")[0]  # a record equals the dict of its JSON shape
    removed = Network.open(cli.db).remove("ann-lee")
    assert removed.handle == "ann-lee" and removed.title == "CTO"


def test_a_link_is_a_record_and_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        for name in ("Ann Lee", "Bo Chen"):
            net.add(name, PersonChanges(), force=True)
        added = net.link("ann-lee", "bo-chen", how="sailing club", strength=3)
        assert isinstance(added, Link) and (added.status, added.a, added.b_name) == ("added", "ann-lee", "Bo Chen")
        assert (added.how, added.learnt, added.strength) == ("sailing club", None, 3)
        assert net.link("ann-lee", "bo-chen", how="sailing club").status == "unchanged"
    printed = cli.json("link", "bo-chen", "ann-lee", "--how", "the board")
    assert list(printed) == ["status", "a", "b", "how", "learnt", "strength"]
    assert printed == {k: v for k, v in added.as_json().items() if k not in ("a_name", "b_name")} | {
        "status": "updated",
        "a": "bo-chen",
        "b": "ann-lee",
        "how": "the board",
    }


def test_an_interaction_is_a_record_and_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        net.add("Ann Lee", PersonChanges(), force=True)
        logged = net.log("ann-lee", "coffee, talked about robots", kind="in-person", on="2024-03-02", memorable=True)
        assert isinstance(logged, Interaction)
        assert (logged.person, logged.kind, logged.on, logged.memorable, logged.source) == (
            "ann-lee",
            "in-person",
            "2024-03-02",
            True,
            None,
        )
    printed = cli.json("log", "ann-lee", "a call", "--kind", "call", "--on", "2024-03-03")
    shape = {k: v for k, v in logged.as_json().items() if k != "name"}  # the CLI prints whose by handle only
    assert list(printed) == list(shape)
    assert printed == shape | {
        "id": logged.id + 1,
        "kind": "call",
        "on": "2024-03-03",
        "note": "a call",
        "memorable": False,
    }


def test_a_connection_and_its_evidence_are_records_and_print_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        net.add("Ann Lee", PersonChanges(), force=True)
        first = net.connect("ann-lee", [EvidenceInput("colleague", detail="data", since="2016-03")])
        assert isinstance(first, Connected) and isinstance(first.connection, Connection)
        assert isinstance(first.added_evidence[0], Evidence) and first.added_evidence[0].detail == "data"
        assert first.connection.status == "curated" and first.verdict is not None
        again = net.connect("ann-lee", [EvidenceInput("colleague", place="Northwind")])
        assert again.added_evidence == () and again.updated_evidence[0].place == "Northwind"
        listed = net.evidence("ann-lee")
        assert isinstance(listed, ConnectionEvidence) and [e.id for e in listed.evidence] == [1]
    # the JSON the CLI prints keeps its keys in their order: id first in every piece of evidence
    printed = cli.json("connect", "ann-lee", "--as", "colleague", "--place", "Harbour")
    assert list(printed) == ["person", "name", "connection", "added_evidence", "updated_evidence", "verdict"]
    assert list(printed["updated_evidence"][0]) == [f.name for f in dataclasses.fields(Evidence)]
    assert printed["connection"] == json.loads(json.dumps(again.connection, default=as_json)) | {
        "evidence": [again.updated_evidence[0].as_json() | {"place": "Harbour"}],
        "summary": "curated: colleague (data, at Harbour, since March 2016)",
    }
    shown = cli.json("evidence", "ann-lee")
    assert list(shown) == list(listed) and shown["evidence"][0]["place"] == "Harbour"
    removed = Network.open(cli.db).disconnect("ann-lee")
    assert isinstance(removed, Disconnected) and removed.removed.evidence[0].place == "Harbour"
    assert list(removed.as_json()) == ["person", "name", "removed"]


def test_an_introduction_is_a_record_and_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        for name, met, highlight in (("Ann Lee", "2016", "shipped the robot"), ("Bo Chen", "2010", "ran the club")):
            net.add(name, PersonChanges(met_on=met, highlights=[highlight]), force=True)
        net.connect("ann-lee", [EvidenceInput("colleague", detail="data")])
        net.connect("bo-chen", [EvidenceInput("friend", detail="school")])
        asked = net.ask("ann-lee", "bo-chen", reason="both build robots")
        agreed = net.consent(asked["id"], "yes", note="happy to")
        assert isinstance(agreed, Introduction) and isinstance(agreed.dates, IntroDates)
        assert (agreed.status, agreed.consent_note, agreed.b_name) == ("agreed", "happy to", "Bo Chen")
        assert agreed.dates.answered is not None and agreed.dates.introduced is None
    shown = cli.json("intro", "show", str(agreed.id))
    assert list(shown) == [f.name for f in dataclasses.fields(Introduction)]
    assert list(shown["dates"]) == [f.name for f in dataclasses.fields(IntroDates)]
    assert shown == json.loads(json.dumps(agreed, default=as_json))
    cli.json("intro", "sent", str(agreed.id))
    ended = Network.open(cli.db).outcome(agreed.id, "met")
    assert (ended.status, ended.outcome) == ("closed", "met") and ended.dates.outcome is not None
    assert cli.json("intro", "show", str(agreed.id)) == ended


def test_a_decision_is_a_record_and_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        net.add("Ann Lee", PersonChanges(), force=True)
        net.connect("ann-lee", [EvidenceInput("colleague", detail="data")])
    evidence = tmp_path / "evidence.csv"
    evidence.write_text("person,criterion,detail\nann-lee,friend,school\n")
    cli.ok("connect", "--file", str(evidence))
    newest, oldest = Network.open(cli.db).decisions()
    assert isinstance(newest, Decision) and isinstance(newest.rules[0], RuleOutcome)
    assert (newest.n, newest.subjects, newest.detail) == (2, ("ann-lee",), {"file": str(evidence)})
    assert (oldest.n, oldest.detail, oldest.rules[0].id, oldest.rules[0].passed) == (1, None, "really-know", True)
    printed = cli.json("decisions")
    # a decision with nothing more recorded has no detail key, as the log's line has none
    assert list(printed[1]) == ["at", "action", "outcome", "subjects", "policy", "override_reason", "rules", "n"]
    assert list(printed[0]) == [f.name for f in dataclasses.fields(Decision)]
    assert printed == [newest, oldest] and "detail" not in oldest and oldest.get("detail") is None


def test_a_request_is_a_record_whose_from_is_from_in_the_json(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        net.add("Ann Lee", PersonChanges(), force=True)
        net.request_intro("Yan Ho", "ann-lee", via="linkedin", reason="hiring robots people")
        asked = net.request(1)
        assert isinstance(asked, Request) and (asked.from_, asked.to, asked.team) == ("yan-ho", "ann-lee", None)
        assert asked["from"] == "yan-ho" and "from_" not in asked and asked.get("from_") is None
        assert [r.id for r in net.requests(kind="intro")] == [1] and net.requests(kind="connect") == []
    shown = cli.json("request", "show", "1")
    assert list(shown) == list(asked) and list(shown)[:5] == ["id", "kind", "from_id", "from", "from_name"]
    assert shown == asked and cli.json("request", "list") == [asked]


def test_recognition_is_a_record_and_prints_as_before(tmp_path, cli):
    with Network.open(cli.db, create=True) as net:
        net.init("Sam Rivera")
        net.add("Ann Lee", PersonChanges(met_on="2016", highlights=["shipped the robot"]), force=True)
        net.connect("ann-lee", [EvidenceInput("colleague", detail="data platform", since="2016", place="Northwind")])
        net.endorse("ann-lee", "Python")
        net.recommend("ann-lee", text="She ships.")
        given = net.recognition("ann-lee")
    assert all(isinstance(r, Recognition) for r in given)
    assert [(r.kind, r.skill, r.text) for r in given] == [
        ("recommendation", None, "She ships."),
        ("endorsement", "Python", None),
    ]
    printed = cli.json("recognition")
    assert printed == given and [list(r) for r in printed] == [[f.name for f in dataclasses.fields(Recognition)]] * 2
