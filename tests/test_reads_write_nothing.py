"""A read, a check or a refusal writes nothing, derived caches included: after a policy edited by hand, or a
tie changed behind cnet's back, reads compute the curated flags and degrees in memory and answer as the
records say; the first command that writes anyway stores them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from curated_net.policy.loader import default_text

REASON = "Leonard saw Meridian's posting for a staff physician and would like to hear about the role"

READS = [
    ("network", "--json"),
    ("list", "--degree", "1", "--json"),
    ("list", "--degree", "2", "--view", "nominal", "--json"),
    ("show", "bones", "--json"),
    ("degree", "christine-chapel", "--json"),
    ("path", "christine-chapel", "--json"),
    ("check", "intro", "bones", "jim", "--reason", REASON, "--json"),
    ("check", "connect", "raj-patel", "--json"),
    ("audit", "--json"),
    ("export", "graph"),
    ("export", "json"),
    ("list", "--json"),
    ("search", "doctor", "--json"),
    ("history", "bones", "--json"),
    ("decisions", "--json"),
    ("due", "--json"),
    ("suggest", "--json"),
    ("intro", "list", "--json"),
    ("request", "list", "--json"),
    ("recognition", "--json"),
    ("dupes", "--json"),
    ("db", "status", "--json"),
    ("db", "check", "--json"),
    ("policy", "show", "--json"),
    ("policy", "check"),
]


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file beside the database, by name and content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def stored_flags(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT p.handle, c.curated FROM connection c JOIN person p ON p.id = c.person_id"))
    finally:
        conn.close()


def run_reads(cli) -> dict:
    answers = {}
    for args in READS:
        r = cli(*args)
        assert r.exit_code in (0, 3), (args, r.exit_code, r.stderr)
        assert "Traceback" not in r.stderr
        answers[args] = r.stdout
    return answers


@pytest.fixture
def edited(example):
    """The example network, then its policy edited by hand: friends no longer count as evidence."""
    example.ok("list")  # a command that writes nothing: the files are as the last write left them
    example.policy.parent.mkdir(parents=True, exist_ok=True)
    example.policy.write_text(default_text().replace('"family", "friend"', '"family"'))
    return example


def test_reads_after_a_policy_edit_write_nothing_and_answer_by_the_new_policy(edited, tmp_path):
    flags_before = stored_flags(edited.db)
    assert flags_before["leonard-okafor"] == 1  # Leonard is a friend: curated under the old policy
    before, files = edited.snapshot(), folder_digest(edited.db.parent)
    answers = run_reads(edited)
    page = tmp_path / "map.html"
    edited.ok("map", "--out", str(page))
    assert edited.snapshot() == before and folder_digest(edited.db.parent) == files
    assert stored_flags(edited.db) == flags_before
    # What they said is what the new policy says: a write stores the same, and reads agree after it.
    assert '"curated"' in answers[("show", "bones", "--json")]
    bones = edited.json("show", "bones")
    assert bones["connection"]["status"] == "nominal" or bones["connection"].get("curated") is False
    edited.ok("add", "Zed Newcomer")  # any write brings what is stored in step
    assert stored_flags(edited.db)["leonard-okafor"] == 0
    assert edited.snapshot() != before
    edited.ok("rm", "zed-newcomer", "--yes")
    again = run_reads(edited)
    for args in READS:
        if args[0] in ("network", "degree", "path", "check", "audit") or args[:2] == ("list", "--degree"):
            assert again[args] == answers[args], args


def test_a_check_after_a_policy_edit_writes_nothing(edited):
    before = edited.snapshot()
    r = edited("check", "intro", "bones", "jim", "--reason", REASON, "--json")
    assert r.exit_code == 3 and "vouch-for-both" in r.stdout  # Leonard no longer counts as known
    assert edited.snapshot() == before


def test_a_refusal_after_a_policy_edit_writes_nothing_to_the_database(edited):
    before = edited.snapshot()
    r = edited("intro", "bones", "jim", "--reason", REASON)
    assert r.exit_code == 3
    assert edited.snapshot() == before


def test_a_tie_changed_behind_cnets_back_is_followed_by_reads_that_write_nothing(example):
    example.ok("list")
    nominal = example.json("degree", "christine-chapel", "--view", "nominal")["degree"]
    conn = sqlite3.connect(example.db)
    with conn:  # a tie written without cnet (the triggers note it; nothing settles it)
        ids = dict(conn.execute("SELECT handle, id FROM person WHERE handle IN ('christine-chapel', 'zara-khan')"))
        cid = ids["christine-chapel"]
        me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        conn.execute(
            "INSERT INTO connection (person_id, nominal_source, nominal_on, curated, created_at, updated_at) "
            "VALUES (?, 'linkedin', '2024', 0, 't', 't')",
            (cid,),
        )
    conn.close()
    assert me != cid and nominal > 1
    before = example.snapshot()
    first = [p["handle"] for p in example.json("list", "--degree", "1", "--view", "nominal")]
    summary = example.json("network")
    assert "christine-chapel" in first
    assert example.snapshot() == before
    example.ok("add", "Zed Newcomer")
    example.ok("rm", "zed-newcomer", "--yes")
    assert example.json("network")["views"] == summary["views"]
