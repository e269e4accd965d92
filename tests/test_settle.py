"""What a write leaves derived from its records: the curated flags are the policy's verdicts on every connection
however it was written (one by one or by a bulk load), and connections known alike are judged alike."""

from __future__ import annotations

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curated_net.network import degrees
from curated_net.network.curation import verdicts
from curated_net.network.facts import person_facts
from curated_net.policy import default_gate
from curated_net.policy.loader import default_text
from curated_net.store.database import Store


def _connections_csv(tmp_path, rows: int):
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Ann{i},Lee{i},https://www.linkedin.com/in/ann-lee-{i},,Acme,Engineer,01 Jan 2024" for i in range(rows)]
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _flags(db) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT p.handle, c.curated FROM connection c JOIN person p ON p.id = c.person_id"))
    finally:
        conn.close()


def test_a_new_database_notes_the_policy_so_the_next_write_judges_only_what_it_wrote(me):
    conn = sqlite3.connect(me.db)
    noted = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('curated_policy', 'curated_policy_source')"))
    conn.close()
    assert noted["curated_policy"] == default_gate().fingerprint and noted["curated_policy_source"]


def test_a_bulk_import_gives_its_connections_the_policys_verdict_whatever_the_database_noted(me, tmp_path):
    # A policy under which knowing someone is only a warning: every connection is curated, nominal ones too.
    me.policy.parent.mkdir(parents=True, exist_ok=True)
    me.policy.write_text(default_text().replace('kind = "evidence"\nactions = ["connect", "accept"]\neffect = "deny"',
                                                'kind = "evidence"\nactions = ["connect", "accept"]\neffect = "warn"'))  # fmt: skip
    me.ok("add", "Zed Early")
    me.ok("connect", "zed-early", "--as", "friend")  # the flags are in step with this policy, and noted so
    me.ok("import", "linkedin", str(_connections_csv(tmp_path, 3)))
    flags = _flags(me.db)
    assert flags == {"zed-early": 1, "ann0-lee0": 1, "ann1-lee1": 1, "ann2-lee2": 1}
    assert me.json("network")["curated_connections"] == 4
    me.policy.write_text(default_text())  # the seeds' policy: LinkedIn alone is not knowing anyone
    me.ok("add", "Someone Else")
    assert _flags(me.db) == {"zed-early": 1, "ann0-lee0": 0, "ann1-lee1": 0, "ann2-lee2": 0}


def test_a_large_import_is_one_pass_over_the_graph_and_leaves_the_degrees_up_to_date(me, tmp_path, monkeypatch):
    monkeypatch.setattr(degrees, "PASS_PER_CHANGE", 1_000)  # any file is large against a graph of one person
    me.ok("import", "linkedin", str(_connections_csv(tmp_path, 12)))
    conn = sqlite3.connect(me.db)
    try:
        assert degrees.up_to_date(conn)  # brought up to date before the import committed
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert set(degrees.JOURNAL_TRIGGERS) <= triggers  # set aside for the load only
        nominal = dict(
            conn.execute("SELECT p.handle, d.nominal FROM degree_cache d JOIN person p ON p.id = d.person_id")
        )
    finally:
        conn.close()
    assert nominal == {f"ann{i}-lee{i}": 1 for i in range(12)}
    assert me.json("network")["views"]["nominal"]["by_degree"]["1st"] == 12
    me.ok("link", "ann0-lee0", "ann1-lee1")  # a change after it is followed in place
    assert me.json("degree", "ann1-lee1", "ann0-lee0", "--view", "nominal")["degree"] == 1


_people = st.lists(
    st.tuples(
        st.lists(st.sampled_from(["friend", "colleague", "met-in-person", "classmate"]), max_size=2, unique=True),
        st.booleans(),  # a conversation recorded with it
        st.sampled_from([None, "linkedin"]),
        st.booleans(),  # do-not-introduce
        st.sampled_from([None, "2001", "2026-11"]),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_people)
def test_connections_known_alike_are_judged_as_each_would_be_alone(tmp_path_factory, people):
    from curated_net.network import writes
    from curated_net.people.writes import PersonChanges, add_person, init_me

    gate = default_gate()
    store = Store.open(tmp_path_factory.mktemp("alike") / "a.db", create=True)
    with store.connect(write=True) as conn:
        init_me(conn, "Me")
        for n, (criteria, talk, source, dni, met) in enumerate(people):
            pid = add_person(conn, f"Person {n}", PersonChanges(do_not_introduce=dni, met_on=met), force=True)
            evidence = [writes.EvidenceInput(c, detail="x", conversation="robots" if talk else None) for c in criteria]
            writes.insert_connections(conn, [(pid, source, None, 0, "t", "t")])
            if evidence:
                writes.add_evidence(conn, pid, [writes.check_evidence(e) for e in evidence])
        judged = {pid: flag for flag, pid in verdicts(conn, gate)}
        alone = {
            pid: int(gate.is_curated(person_facts(conn, "connect", pid)))
            for (pid,) in conn.execute("SELECT person_id FROM connection")
        }
        assert judged == alone


def test_connections_are_grouped_by_everything_a_subject_holds_but_whose_it_is(me):
    """connections_alike groups by the subject's facts; a fact added to a subject must be added there too."""
    me.ok("add", "Ann Lee")
    me.ok("connect", "ann-lee", "--as", "friend")
    conn = sqlite3.connect(me.db)
    try:
        (pid,) = conn.execute("SELECT id FROM person WHERE handle = 'ann-lee'").fetchone()
        held = set(person_facts(conn, "connect", pid)["subjects"]["person"])
    finally:
        conn.close()
    whose = {"id", "handle", "name", "connected", "route"}
    grouped = {"flags", "tags", "how_met", "met_on", "highlights", "nominal_source", "evidence"}
    assert held - whose == grouped
