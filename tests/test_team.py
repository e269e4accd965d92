"""Teams on a real PostgreSQL server that the suite starts once (tests/pgserver.py): members with their own
local databases join, publish, find each other's people, ask and answer, and leave without a trace.

These skip, saying why, only where no PostgreSQL server can be started on this machine.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

import pgserver
from conftest import Cli


@pytest.fixture(scope="session")
def pg():
    try:
        server = pgserver.start()
    except pgserver.Unavailable as exc:
        pytest.skip(f"no PostgreSQL server can be started here: {exc}")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_outside_pg_settings(monkeypatch):
    for name in ("PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", "PGUSER", "PGHOST", "PGPORT", "PGDATABASE", "PGPASSWORD"):
        monkeypatch.delenv(name, raising=False)


class Member(Cli):
    """A member's own cnet: their database, and their credentials in a pgpass file of their own."""

    def __init__(self, db: Path, pgpass: Path | None) -> None:
        super().__init__(db)
        self.pgpass = pgpass
        self.extra: dict = {}

    def __call__(self, *args, input=None, env=None):
        base = {"PGPASSFILE": str(self.pgpass)} if self.pgpass else {}
        return super().__call__(*args, input=input, env={**base, **self.extra, **(env or {})})


class Team:
    """One team in a database of its own on the session's server."""

    def __init__(self, pg, tmp: Path) -> None:
        self.pg = pg
        self.tmp = tmp
        self.db = "t_" + uuid.uuid4().hex[:12]
        with pg.admin() as conn:
            conn.execute(f"CREATE DATABASE {self.db}")
        self.owner = Member(tmp / "owner" / "data" / "cnet.db", pg.pgpass)
        self.kit = tmp / "kit"

    @property
    def url(self) -> str:
        return self.pg.url(self.db)

    def member_url(self, handle: str) -> str:
        return self.pg.url(self.db, f"{self.db}_{handle.replace('-', '_')}")

    def init(self, *handles: str) -> dict:
        args = ["team", "init", self.url, "--out", str(self.kit)]
        for h in handles:
            args += ["--member", h]
        return self.owner.json(*args)

    def member(self, handle: str, name: str) -> Member:
        m = Member(self.tmp / handle / "data" / "cnet.db", self.kit / f"{handle}.pgpass")
        m.ok("init", "--name", name)
        m.handle = handle  # type: ignore[attr-defined]
        return m

    def join(self, m: Member) -> dict:
        return m.json("team", "join", self.member_url(m.handle), "--as", m.handle, "--key", str(self.kit / "team.key"))

    def admin(self):
        return self.pg.admin(self.db)


@pytest.fixture
def team(pg, tmp_path) -> Team:
    return Team(pg, tmp_path)


def _seed(m: Member, people: list[tuple]) -> None:
    """People with private text everywhere: notes, highlights, how-met, evidence detail, phones, e-mails."""
    for name, company, email, criterion, extra in people:
        m.ok(
            "add",
            name,
            "--company",
            company,
            "--email",
            email,
            "--phone",
            "+1 555 0100",
            "--note",
            f"SECRET-NOTE about {name}",
            "--highlight",
            f"SECRET-HIGHLIGHT of {name}",
            "--how-met",
            f"SECRET-HOWMET with {name}",
            *extra,
        )
        handle = m.json("show", name)["handle"]
        if criterion:
            m.ok("connect", handle, "--as", criterion, "--detail", f"SECRET-DETAIL of {name}")
        m.ok("log", handle, f"SECRET-INTERACTION with {name}", "--on", "2025-03-04")


def test_two_members_join_publish_find_each_others_people_ask_answer_and_leave_without_a_trace(team):
    init = team.init("ann", "bob")
    assert {m["handle"] for m in init["added"]} == {"ann", "bob"} and init["new_team"]
    for f in init["files"]:
        assert os.stat(f).st_mode & 0o777 == 0o600
    assert os.stat(team.kit).st_mode & 0o777 == 0o700

    ann = team.member("ann", "Ann Archer")
    bob = team.member("bob", "Bob Brand")
    assert team.join(ann)["handle"] == "ann"
    assert team.join(bob)["members"] == 2

    _seed(ann, [("Dana Diaz", "Initech", "dana@initech.example", "colleague", [])])
    _seed(
        bob,
        [
            ("Dana Diaz", "Initech", "dana@initech.example", "friend", []),
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
            ("Fay Ode", "Hooli", "fay@hooli.example", None, []),
        ],
    )
    bob.ok("connect", "fay-ode", "--as", "met-in-person", "--conversation", "SECRET-CONVO")
    bob.ok("add", "Gus Private", "--company", "Hooli", "--team-private")
    bob.ok("connect", "gus-private", "--as", "colleague")

    preview = bob.json("team", "publish", "--dry-run")
    assert preview["sent"] == 3 and preview["kept_private"] == 1
    assert {t["name"] for t in preview["would_send"]} == {"Dana Diaz", "Eli Ng", "Fay Ode"}
    assert set(preview["would_send"][0]) == {
        "ref",
        "name",
        "company",
        "title",
        "linkedin",
        "evidence",
        "strength",
        "last_contact",
        "email_hashes",
    }
    assert "SECRET" not in json.dumps(preview) and "@" not in json.dumps(preview)
    with team.admin() as conn:  # a preview sends nothing
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 0

    assert ann.json("team", "publish")["added"] == 1
    sent = bob.json("team", "publish")
    assert (sent["added"], sent["published"], sent["kept_private"]) == (3, 3, 1)
    again = bob.json("team", "publish")
    assert (again["sent"], again["unchanged"]) == (0, 3)

    # Who knows Dana? Both; Bob (a friend) and Ann (a colleague): worked-with ranks first.
    knows = ann.json("team", "who-knows", "dana-diaz")
    assert knows["source"] == "server"
    assert [(k["member"], k["evidence"]) for k in knows["knows"]] == [
        ("ann", "worked-with"),
        ("bob", "family-or-friend"),
    ]
    assert knows["knows"][0]["last_contact"] == "2025-03"
    # By e-mail (matched by its keyed hash), by company, by a name Ann does not have.
    assert [k["member"] for k in ann.json("team", "who-knows", "--email", "ELI@hooli.example")["knows"]] == ["bob"]
    hooli = ann.json("team", "who-knows", "--company", "hooli")["knows"]
    assert [k["name"] for k in hooli] == ["Eli Ng", "Fay Ode"]
    assert ann.json("team", "who-knows", "Gus Private")["knows"] == []
    assert ann.json("team", "who-knows", "Fay Ode")["knows"][0]["evidence"] == "met-in-person"

    # Routes: Ann reaches Eli through Bob.
    route = ann.json("team", "path", "Eli Ng")["routes"][0]
    assert [h["kind"] for h in route["hops"]] == ["teammate", "tie"]
    assert route["hops"][1]["whose"] == "bob" and route["hops"][1]["evidence"] == "worked-with"

    # Ann asks Bob; it arrives in Bob's request list with channel team.
    asked = ann.json("team", "ask", "bob", "--to", "Eli Ng", "--reason", "Ann wants to hear how Hooli hires")
    assert asked["channel"] == "team" and asked["team"]["direction"] == "out"
    mine = ann.json("request", "list")
    assert [(r["from"], r["to"], r["channel"], r["status"]) for r in mine] == [("me", "eli-ng", "team", "open")]
    r = ann.fails("request", "decline", str(asked["id"]))
    assert "bob decides it" in r.stderr

    got = bob.json("team", "sync")
    assert [a["from"] for a in got["asks"]["received"]] == ["ann"]
    inbox = bob.json("request", "list")
    assert [(r["from"], r["to"], r["channel"], r["reason"]) for r in inbox] == [
        ("ann-archer", "eli-ng", "team", "Ann wants to hear how Hooli hires")
    ]
    rid = str(inbox[0]["id"])
    # Bob's own policy decides: by default a team ask is not personal, so he is told to call.
    refused = bob.fails("request", "accept", rid, code=3)
    assert "ask-me-personally" in refused.stderr and "--via phone" in refused.stderr
    bob.ok("request", "decline", rid)
    assert bob.json("team", "sync")["asks"]["answered"][0]["status"] == "declined"

    back = ann.json("team", "sync")
    assert back["asks"]["answers"][0]["status"] == "declined"
    assert ann.json("request", "list")[0]["status"] == "declined"

    # Leaving removes every row each published; the server keeps only the seats its owner made.
    ann.json("team", "leave", "--yes")
    bob.json("team", "leave", "--yes")
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM cnet_team.ask").fetchone()[0] == 0
        assert (
            conn.execute(
                "SELECT count(*) FROM cnet_team.member WHERE name IS NOT NULL OR joined_at IS NOT NULL "
                "OR cardinality(email_keys) > 0"
            ).fetchone()[0]
            == 0
        )
    assert ann.json("team", "status") == {"linked": False}
    assert not (ann.db.parent / "cnet.team.key").exists()
    assert not (ann.db.parent / "cnet.team-cache.sqlite").exists()
