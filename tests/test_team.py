"""Teams on a real PostgreSQL server that the suite starts once (tests/pgserver.py): members with their own
local databases join, publish, find each other's people, ask and answer, and leave without a trace.

These skip, saying why, only where no PostgreSQL server can be started on this machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
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

    # Another team's kit in the same folder is never written over, and nothing is made on the server.
    other = Team(team.pg, team.tmp / "second")
    other.kit = team.kit
    r = other.owner.fails("team", "init", other.url, "--out", str(team.kit), "--member", "zed")
    assert "already exists" in r.stderr
    with other.admin() as conn:
        assert conn.execute("SELECT to_regclass('cnet_team.member')").fetchone()[0] is None
    assert team.owner.json("team", "init", team.url, "--out", str(team.kit))["added"] == []  # again: nothing new

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
        "action",
        "ref",
        "name",
        "company",
        "title",
        "linkedin",
        "evidence",
        "strength",
        "last_contact",
        "email_hashes",
        "keys",
    }
    assert set(preview["would_send"][0]["keys"]) == {"name", "company", "linkedin", "digest"}
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

    # A member whose policy counts the team as personal accepts; the acceptance travels back too.
    bob.policy.parent.mkdir(parents=True, exist_ok=True)
    bob.policy.write_text(
        '[[rule]]\nid = "ask-me-personally"\nkind = "channel"\nactions = ["intro"]\neffect = "deny"\n'
        '[rule.params]\nallowed = ["phone", "in-person", "team"]\n'
    )
    second = ann.json("team", "ask", "bob", "--to", "dana-diaz", "--reason", "Ann wants Dana's view on Initech")
    assert second["to"] == "dana-diaz"  # the person Ann already had, not a new one
    bob.ok("team", "sync")
    rid = str(bob.json("request", "list", "--status", "open")[0]["id"])
    accepted = bob.json("request", "accept", rid)
    assert accepted["verdict"]["allowed"] and "Dana" in accepted["draft"]
    bob.ok("team", "sync")
    ann.ok("team", "sync")
    assert [r["status"] for r in ann.json("request", "list")] == ["accepted", "declined"]

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


def _pgpass_line(team: Team, handle: str) -> str:
    return (team.kit / f"{handle}.pgpass").read_text().strip()


def _password(team: Team, handle: str) -> str:
    return _pgpass_line(team, handle).rsplit(":", 1)[1]


def test_the_server_dump_holds_none_of_the_private_text(team):
    team.init("ann", "bob")
    ann, bob = team.member("ann", "Ann Archer"), team.member("bob", "Bob Brand")
    ann.ok("edit", "me", "--email", "ann.archer@own.example", "--phone", "+44 20 7946 0000")
    team.join(ann)
    team.join(bob)
    _seed(
        ann,
        [
            ("Dana Diaz", "Initech", "dana@initech.example", "colleague", ["--tag", "board"]),
            ("Hal Kim", "Umbrella", "hal@umbrella.example", "family", ["--tag", "family"]),
        ],
    )
    _seed(
        bob,
        [
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
            ("Ivy Lu", "Hooli", "ivy@hooli.example", "friend", []),
        ],
    )
    bob.ok("edit", "ivy-lu", "--team-private")
    ann.policy.parent.mkdir(parents=True, exist_ok=True)
    ann.policy.write_text('[settings]\nteam_private_tags = ["family"]\n')
    assert ann.json("team", "publish")["kept_private_by_tag"] == 1
    assert bob.json("team", "publish")["kept_private"] == 1
    ann.ok("team", "ask", "bob", "--to", "Eli Ng", "--reason", "to talk about Hooli's data team")

    dump = team.pg.run(
        team.pg.bindir / "pg_dump",
        "--no-owner",
        "-d",
        team.pg.url(team.db).replace("@", ":" + team.pg.password + "@", 1),
    ).stdout
    assert "Dana Diaz" in dump and "Eli Ng" in dump  # the projection is there
    for private in (
        "SECRET",
        "@",  # no e-mail address in clear (ann's own, her people's)
        "555 0100",
        "7946 0000",  # no phone
        "Hal Kim",  # kept private by the policy's team_private_tags
        "Ivy Lu",  # kept private by --team-private
        "board",  # tags are never published
        "Umbrella",
    ):
        assert private not in dump, private
    hashes = [line for line in dump.splitlines() if "\t{" in line]
    assert hashes, "the keyed e-mail hashes are there"


def test_row_level_security_keeps_each_member_to_their_own_rows(team):
    import psycopg

    team.init("ann", "bob", "cy")
    ann, bob, cy = team.member("ann", "Ann Archer"), team.member("bob", "Bob Brand"), team.member("cy", "Cy Ode")
    for m in (ann, bob, cy):
        team.join(m)
    _seed(ann, [("Dana Diaz", "Initech", "dana@initech.example", "colleague", [])])
    _seed(cy, [("Eli Ng", "Hooli", "eli@hooli.example", "client", [])])
    ann.ok("team", "publish")
    cy.ok("team", "publish")
    ann.ok("team", "ask", "cy", "--to", "Eli Ng", "--reason", "hiring")

    with psycopg.connect(team.member_url("bob"), password=_password(team, "bob"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 2  # reads the projection
        assert conn.execute("SELECT count(*) FROM cnet_team.ask").fetchone()[0] == 0  # not others' asks
        assert conn.execute("UPDATE cnet_team.tie SET name = 'x' WHERE member = 'ann'").rowcount == 0
        assert conn.execute("DELETE FROM cnet_team.tie WHERE member = 'ann'").rowcount == 0
        assert conn.execute("UPDATE cnet_team.member SET name = 'x' WHERE handle = 'ann'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO cnet_team.tie (member, ref, name, name_key, evidence, band, digest, pub) "
                "VALUES ('ann', repeat('a', 32), 'Fake', 'fake', 'nominal', 0, repeat('b', 32), 1)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE cnet_team.member SET role = 'postgres' WHERE handle = 'bob'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE cnet_team.notes (t text)")
        # No column takes free text beyond the projection: a note in the evidence class is refused.
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO cnet_team.tie (member, ref, name, name_key, evidence, band, digest, pub) "
                "VALUES ('bob', repeat('a', 32), 'X', 'x', 'met at a bar, drank too much', 0, repeat('b', 32), 1)"
            )
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO cnet_team.tie (member, ref, name, name_key, evidence, band, digest, pub, email_keys) "
                "VALUES ('bob', repeat('a', 32), 'X', 'x', 'nominal', 0, repeat('b', 32), 1, ARRAY['dana@initech.example'])"
            )
    with psycopg.connect(team.member_url("cy"), password=_password(team, "cy"), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.ask").fetchone()[0] == 1  # asked of cy


def test_three_members_routes_incremental_publish_private_tags_and_the_cache(team):
    team.init("ann", "bob", "cy")
    ann, bob, cy = team.member("ann", "Ann Archer"), team.member("bob", "Bob Brand"), team.member("cy", "Cy Ode")
    for m in (ann, bob, cy):
        team.join(m)
    _seed(
        bob,
        [
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
            ("Kai Moe", "Hooli", "kai@hooli.example", "friend", []),
        ],
    )
    _seed(cy, [("Lia Tan", "Acme", "lia@acme.example", "colleague", ["--tag", "clients"])])
    # Ann has Zoe in her records, and knows that Eli knows Zoe; no teammate has published Zoe.
    ann.ok("add", "Zoe Park", "--company", "Globex")
    ann.ok("add", "Eli Ng", "--company", "Hooli", "--email", "eli@hooli.example")
    ann.ok("link", "eli-ng", "zoe-park", "--strength", "80")
    bob.ok("team", "publish")
    first = cy.json("team", "publish", "--team-private-tag", "clients")
    assert (first["published"], first["kept_private_by_tag"]) == (0, 1)
    assert cy.json("team", "status")["private_tags"] == ["clients"]  # remembered
    assert cy.json("team", "publish")["published"] == 0
    assert cy.json("team", "publish", "--team-shared-tag", "clients")["added"] == 1

    routes = ann.json("team", "path", "zoe-park", "-k", "2")
    assert routes["routes"], routes
    hops = routes["routes"][0]["hops"]
    assert [h["kind"] for h in hops] == ["teammate", "tie", "link"]
    assert hops[1]["whose"] == "bob" and hops[2]["whose"] == "you"
    assert routes["routes"][0]["weakest"] == BANDS_WORDS[hops[1]["strength"]]

    # Incremental: one edit sends one tie; a person made private, or removed, is withdrawn.
    bob.ok("edit", "eli-ng", "--title", "VP Data")
    step = bob.json("team", "publish")
    assert (step["changed"], step["added"], step["withdrawn"], step["unchanged"]) == (1, 0, 0, 1)
    bob.ok("edit", "kai-moe", "--team-private")
    assert bob.json("team", "publish")["withdrawn"] == 1
    assert [k["name"] for k in ann.json("team", "who-knows", "--company", "Hooli")["knows"]] == ["Eli Ng"]
    assert ann.json("team", "who-knows", "eli-ng")["knows"][0]["title"] == "VP Data"

    # Tables for people: whose tie each hop is; what a teammate typed is printed literally.
    bob.ok("edit", "eli-ng", "--company", "Hooli \x1b[31mred")
    bob.ok("team", "publish")
    table = ann.ok("team", "who-knows", "eli-ng").stdout
    assert "bob" in table and "worked-with" in table and "\x1b" not in table and "\\x1b" in table
    routes_table = ann.ok("team", "path", "zoe-park").stdout
    assert "bob's tie" in routes_table
    # The ask to make is spelt out, naming Bob's own tie (Eli), not Zoe, whom Bob has not published.
    assert "(cnet team ask bob --to 'Eli Ng' --reason \"…\")" in routes_table, routes_table
    status = bob.ok("team", "status").stdout
    assert "Team" in status and "ann" in status and "cy" in status
    assert "Would send 0 ties" in bob.ok("team", "publish", "--dry-run").stdout
    assert ann.fails("team", "who-knows", code=2).exit_code == 2  # whom to look for is not said
    assert ann.fails("team", "who-knows", "x", "--company", "y", code=2)

    # The cache follows: Ann syncs, then answers from it when the server cannot be reached.
    synced = ann.json("team", "sync")["cache"]
    assert synced["fetched"] >= 2
    bob.ok("rm", "eli-ng", "--yes")
    assert bob.json("team", "publish")["withdrawn"] == 1
    assert ann.json("team", "sync")["cache"]["removed"] == 1


BANDS_WORDS = {w: w for w in ("weak", "fair", "good", "strong")}


class Proxy:
    """A loopback TCP relay to the test server: closing it makes the server unreachable for whoever used it."""

    def __init__(self, port: int) -> None:
        import socket
        import threading

        self.upstream = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.closed:
                client.close()
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a, b) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        import socket

        self.closed = True
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in its thread
        self.listener.close()
        for s in self.open:
            with contextlib.suppress(OSError):
                s.close()


def test_an_unreachable_server_is_said_plainly_and_the_cache_answers_saying_how_old(team):
    team.init("ann", "bob")
    bob = team.member("bob", "Bob Brand")
    team.join(bob)
    _seed(bob, [("Eli Ng", "Hooli", "eli@hooli.example", "client", [])])
    bob.ok("team", "publish")
    ann = team.member("ann", "Ann Archer")
    proxy = Proxy(team.pg.port)
    (team.kit / "ann-proxy.pgpass").write_text(
        _pgpass_line(team, "ann").replace(f":{team.pg.port}:", f":{proxy.port}:")
    )
    os.chmod(team.kit / "ann-proxy.pgpass", 0o600)
    ann.pgpass = team.kit / "ann-proxy.pgpass"
    url = team.member_url("ann").replace(f":{team.pg.port}/", f":{proxy.port}/")
    ann.ok("team", "join", url, "--as", "ann", "--key", str(team.kit / "team.key"))  # the cache is filled on join
    assert ann.json("team", "who-knows", "Eli Ng")["source"] == "server"
    proxy.close()

    before = ann.snapshot()
    r = ann("team", "who-knows", "Eli Ng", "--json")
    assert r.exit_code == 0, r.stderr
    answer = r.json()
    assert answer["source"] == "cache" and answer["knows"][0]["member"] == "bob" and answer["age"]
    assert "cannot reach the team server" in r.stderr and "old" in r.stderr
    path = ann.json("team", "path", "Eli Ng")
    assert path["source"] == "cache" and path["routes"][0]["hops"][1]["whose"] == "bob"
    for args in (("team", "publish"), ("team", "sync"), ("team", "ask", "bob", "--to", "Eli Ng", "--reason", "x")):
        r = ann.fails(*args)
        assert "cannot reach the team server" in r.stderr and "Traceback" not in r.stderr
    status = ann.json("team", "status")
    assert status["reachable"] is False and status["cache"]["as_of"]
    assert ann.snapshot() == before, "nothing local changed"

    # With no cache at all, the answer says there is none.
    (ann.db.parent / "cnet.team-cache.sqlite").unlink()
    r = ann.fails("team", "who-knows", "Eli Ng")
    assert "no cached copy" in r.stderr
    # Leaving needs the server; a server gone for good can still be left here, and says what stays there.
    r = ann.fails("team", "leave", "--yes")
    assert "cannot reach the team server" in r.stderr and "--local-only" in r.stderr
    r = ann.ok("team", "leave", "--local-only", "--yes")
    assert "still on the team server" in r.stdout + r.stderr
    assert ann.json("team", "status") == {"linked": False} and not (ann.db.parent / "cnet.team.key").exists()


def test_credentials_are_never_taken_on_the_command_line_nor_echoed(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    before = ann.snapshot()
    for url in (
        team.member_url("ann").replace("@", ":hunter2-secret@", 1),
        team.member_url("ann") + "?password=hunter2-secret",
        team.member_url("ann") + "?sslpassword=hunter2-secret",
    ):
        r = ann.fails("team", "join", url, "--as", "ann", "--key", str(team.kit / "team.key"))
        assert "password" in r.stderr and ".pgpass" in r.stderr
        assert "hunter2" not in r.stdout + r.stderr
    # A wrong password in the pgpass file: refused, and the password is not repeated.
    bad = team.tmp / "bad.pgpass"
    bad.write_text(_pgpass_line(team, "ann").rsplit(":", 1)[0] + ":hunter2-secret\n")
    os.chmod(bad, 0o600)
    r = ann(
        "team",
        "join",
        team.member_url("ann"),
        "--as",
        "ann",
        "--key",
        str(team.kit / "team.key"),
        env={"PGPASSFILE": str(bad)},
    )
    assert r.exit_code == 1 and "refused the credentials" in r.stderr and "hunter2" not in r.stderr
    r = ann(
        "team",
        "join",
        team.member_url("ann"),
        "--as",
        "ann",
        "--key",
        str(team.kit / "team.key"),
        env={"PGPASSFILE": "/nonexistent"},
    )
    assert r.exit_code == 1 and "refused the credentials" in r.stderr
    # A first join that cannot reach the server says so, and nothing of a cache that is not there.
    r = ann.fails(
        "team", "join", "postgresql://ann@127.0.0.1:1/acme", "--as", "ann", "--key", str(team.kit / "team.key")
    )
    assert "cannot reach the team server" in r.stderr and "cache" not in r.stderr
    assert ann.snapshot() == before and not (ann.db.parent / "cnet.team.key").exists()
    # The link keeps the URL as given, without a secret, and nothing prints one.
    team.join(ann)
    with __import__("sqlite3").connect(ann.db) as conn:
        stored = conn.execute("SELECT url FROM team_link").fetchone()[0]
    assert stored == team.member_url("ann") and _password(team, "ann") not in ann.db.read_bytes().decode("latin-1")
    assert _password(team, "ann") not in ann.ok("team", "status").stdout


def test_joining_as_another_member_or_with_the_wrong_key_is_refused_and_changes_nothing(team):
    team.init("ann", "bob")
    bob = team.member("bob", "Bob Brand")
    before = bob.snapshot()
    r = bob.fails("team", "join", team.member_url("bob"), "--as", "ann", "--key", str(team.kit / "team.key"))
    assert "belongs to another member" in r.stderr and "you are member 'bob'" in r.stderr
    r = bob.fails("team", "join", team.member_url("bob"), "--as", "zed", "--key", str(team.kit / "team.key"))
    assert "no member 'zed'" in r.stderr
    other = team.tmp / "other.key"
    from curated_net.team.keys import TeamKey

    TeamKey.new(str(uuid.uuid4())).write(other)
    r = bob.fails("team", "join", team.member_url("bob"), "--as", "bob", "--key", str(other))
    assert "not this team's key" in r.stderr
    (team.tmp / "junk.key").write_bytes(b"\xff\xfe not a key at all \x1b[31m")
    r = bob.fails("team", "join", team.member_url("bob"), "--as", "bob", "--key", str(team.tmp / "junk.key"))
    assert "not a cnet team key" in r.stderr and "\x1b" not in r.stderr
    r = bob.fails("team", "join", team.member_url("bob"), "--as", "Bob Brand!", "--key", str(team.kit / "team.key"))
    assert "not a member handle" in r.stderr
    r = bob.fails("team", "join", "mysql://x/y", "--as", "bob", "--key", str(team.kit / "team.key"))
    assert "postgresql://" in r.stderr
    assert bob.snapshot() == before and not (bob.db.parent / "cnet.team.key").exists()
    # Not linked: the team commands say how to join.
    for args in (("team", "publish"), ("team", "who-knows", "x"), ("team", "leave", "--yes"), ("team", "sync")):
        assert "not linked to a team" in bob.fails(*args).stderr
    assert bob.json("team", "status") == {"linked": False}


def test_a_store_with_a_newer_schema_is_refused_and_left_alone(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    with team.admin() as conn:
        conn.execute("INSERT INTO cnet_team.schema_migrations (version, name) VALUES (99, 'from the future')")
    before = ann.snapshot()
    for args in (("team", "publish"), ("team", "who-knows", "x"), ("team", "sync")):
        r = ann.fails(*args)
        assert "newer cnet" in r.stderr and "99" in r.stderr
    r = team.owner.fails("team", "init", team.url, "--out", str(team.kit))
    assert "newer cnet" in r.stderr
    assert ann.snapshot() == before
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 0


def test_a_connection_dropped_mid_publish_loses_nothing_and_the_next_publish_completes_it(team):
    team.init("bob")
    bob = team.member("bob", "Bob Brand")
    team.join(bob)
    _seed(
        bob,
        [
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
            ("Kai Moe", "Hooli", "kai@hooli.example", "friend", []),
        ],
    )
    role = f"{team.db}_bob"
    with team.pg.admin(team.db) as hold:
        hold.autocommit = False
        # The owner holds bob's member row: the publish sends its rows, then waits for the row, and is cut off.
        hold.execute("SELECT 1 FROM cnet_team.member WHERE handle = 'bob' FOR UPDATE")
        env = {**os.environ, "CNET_DB": str(bob.db), "CNET_POLICY": str(bob.policy), "PGPASSFILE": str(bob.pgpass)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "curated_net", "team", "publish", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        with team.pg.admin() as watch:
            deadline = time.time() + 30
            while time.time() < deadline:
                row = watch.execute(
                    "SELECT pid FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'", (role,)
                ).fetchone()
                if row:
                    watch.execute("SELECT pg_terminate_backend(%s)", (row[0],))
                    break
                time.sleep(0.05)
            else:
                proc.kill()
                pytest.fail("the publish never reached the member's row")
        out, err = proc.communicate(timeout=60)
        hold.rollback()
    assert proc.returncode == 1, (out, err)
    assert "dropped" in err and "Run the command again" in err and "Traceback" not in err
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 0, "the server kept nothing of it"
    assert bob.json("team", "status")["published_at"] is None
    done = bob.json("team", "publish")
    assert (done["added"], done["published"]) == (2, 2)
    assert bob.json("team", "publish")["sent"] == 0


def test_server_migrations_apply_once_in_order_and_a_member_waits_for_the_owner(team, monkeypatch):
    from curated_net.team import schema

    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    _seed(ann, [("Dana Diaz", "Initech", "dana@initech.example", "colleague", [])])
    ann.ok("team", "publish")
    now = schema.LATEST
    nxt = now + 1
    later = [
        *schema.MIGRATIONS,
        schema.Migration(nxt, "a later cnet", "ALTER TABLE cnet_team.tie ADD COLUMN later int"),
    ]
    monkeypatch.setattr(schema, "MIGRATIONS", later)
    monkeypatch.setattr(schema, "LATEST", nxt)
    r = ann.fails("team", "publish")
    assert f"schema version {now}; this cnet needs {nxt}" in r.stderr and "cnet team init" in r.stderr
    assert team.owner.json("team", "init", team.url, "--out", str(team.kit))["migrated"] == [nxt]
    assert team.owner.json("team", "init", team.url, "--out", str(team.kit))["migrated"] == []
    assert ann.json("team", "publish")["unchanged"] == 1
    broken = [*later, schema.Migration(nxt + 1, "broken", "ALTER TABLE cnet_team.nothing ADD COLUMN x int")]
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    monkeypatch.setattr(schema, "LATEST", nxt + 1)
    team.owner.fails("team", "init", team.url, "--out", str(team.kit))
    with team.admin() as conn:
        assert conn.execute("SELECT max(version) FROM cnet_team.schema_migrations").fetchone()[0] == nxt


def _ann_and_sam(team: Team) -> tuple[Member, Member]:
    """Ann and Sam in one team; Sam knows Ann (by her address) and Eli, and has published both."""
    team.init("ann", "sam")
    ann, sam = team.member("ann", "Ann Archer"), team.member("sam", "Sam Rivera")
    ann.ok("edit", "me", "--email", "ann@archer.example")
    team.join(ann)
    team.join(sam)
    _seed(
        sam,
        [
            ("Ann Archer", "Archer & Co", "ann@archer.example", "colleague", []),
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
        ],
    )
    sam.ok("team", "publish")
    return ann, sam


def test_an_ask_to_meet_myself_is_refused_and_one_bad_ask_never_blocks_a_teammates_sync(team):
    import psycopg

    ann, sam = _ann_and_sam(team)
    before = ann.snapshot()
    for to in ("ann-archer", "Ann Archer", "ann@archer.example"):
        r = ann.fails("team", "ask", "sam", "--to", to, "--reason", "x")
        assert "yourself" in r.stderr, r.stderr
    assert ann.snapshot() == before, "no second Ann in Ann's own database, no request"

    # An ask like that made by an older cnet (straight on the server): Sam's sync and publish go on, say what it
    # was, and answer it (declined), so it is not brought up again.
    ref = sam.json("team", "publish", "--dry-run")  # nothing to send: read the ref from the server instead
    assert ref["sent"] == 0
    with psycopg.connect(team.member_url("ann"), password=_password(team, "ann"), autocommit=True) as conn:
        tie_ref = conn.execute("SELECT ref FROM cnet_team.tie WHERE member = 'sam' AND name = 'Ann Archer'").fetchone()
        bad = conn.execute(
            "INSERT INTO cnet_team.ask (from_member, to_member, ref, reason) VALUES ('ann', 'sam', %s, 'x') "
            "RETURNING id",
            (tie_ref[0],),
        ).fetchone()[0]
        conn.execute(
            "INSERT INTO cnet_team.ask (from_member, to_member, ref, reason) SELECT 'ann', 'sam', ref, 'hiring' "
            "FROM cnet_team.tie WHERE member = 'sam' AND name = 'Eli Ng'"
        )
    r = sam("team", "sync")
    assert r.exit_code == 0, r.stderr
    assert f"ask #{bad}" in r.stderr and "themselves" in r.stderr
    assert [x["to"] for x in sam.json("request", "list")] == ["eli-ng"], "the good ask came in"
    r = sam("team", "publish")
    assert r.exit_code == 0 and "themselves" not in r.stderr, r.stderr
    with team.admin() as conn:
        assert conn.execute("SELECT status FROM cnet_team.ask WHERE id = %s", (bad,)).fetchone()[0] == "declined"


def test_tags_kept_off_the_team_outlive_leaving_and_joining_again(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    _seed(
        ann,
        [
            ("Hal Kim", "Umbrella", "hal@umbrella.example", "family", ["--tag", "family"]),
            ("Dana Diaz", "Initech", "dana@initech.example", "colleague", []),
        ],
    )
    assert ann.json("team", "publish", "--team-private-tag", "family")["published"] == 1
    for leave in (["--yes"], ["--local-only", "--yes"]):
        ann.ok("team", "leave", *leave)
        team.join(ann)
        status = ann.json("team", "status")
        assert status["private_tags"] == ["family"], leave
        again = ann.json("team", "publish")
        assert (again["published"], again["kept_private_by_tag"]) == (1, 1), leave
    with team.admin() as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM cnet_team.tie")] == ["Dana Diaz"]


def test_asks_that_leave_the_server_unanswered_are_closed_as_withdrawn_on_both_sides(team):
    ann, sam = _ann_and_sam(team)
    _seed(sam, [("Dana Diaz", "Initech", "dana@initech.example", "colleague", [])])
    sam.ok("team", "publish")
    ask = ann.json("team", "ask", "sam", "--to", "Eli Ng", "--reason", "hiring")
    sam.ok("team", "sync")
    rid = str(sam.json("request", "list", "--status", "open")[0]["id"])
    # Sam declines and stops publishing Eli (the ask goes with the tie): the answer cannot be delivered.
    sam.ok("request", "decline", rid)
    sam.ok("edit", "eli-ng", "--team-private")
    r = sam("team", "publish")
    assert r.exit_code == 0 and "could not be delivered" in r.stderr and "Sent your answer" not in r.stdout
    assert sam.json("team", "sync")["asks"]["undelivered"] == []  # said once
    # Ann's request is closed, once, as withdrawn: no warning at every sync, and she is told why.
    r = ann("team", "sync")
    assert "closed as withdrawn" in r.stderr and f"#{ask['id']}" in r.stderr
    assert [x["status"] for x in ann.json("request", "list")] == ["withdrawn"]
    r = ann("team", "sync")
    assert r.exit_code == 0 and "withdrawn" not in r.stderr
    assert ann.json("request", "list", "--status", "withdrawn")[0]["id"] == ask["id"]

    # An ask left open when its asker leaves is closed on both sides: Ann's by her leave, Sam's by his next sync.
    second = ann.json("team", "ask", "sam", "--to", "Dana Diaz", "--reason", "Initech")
    sam.ok("team", "sync")
    left = ann.json("team", "leave", "--yes")
    assert left["asks_closed"] == 1
    assert ann.json("request", "show", str(second["id"]))["status"] == "withdrawn"
    assert "already withdrawn" in ann.fails("request", "decline", str(second["id"])).stderr
    r = sam("team", "sync", "--json")
    assert [w["direction"] for w in r.json()["asks"]["withdrawn"]] == ["in"]
    assert sam.json("request", "list", "--status", "open") == []


def test_answering_a_team_ask_says_where_the_answer_goes_and_when_it_cannot(team):
    ann, sam = _ann_and_sam(team)
    ann.ok("team", "ask", "sam", "--to", "Eli Ng", "--reason", "hiring")
    sam.ok("team", "sync")
    rid = str(sam.json("request", "list")[0]["id"])
    r = sam.ok("request", "decline", rid)
    assert "cnet team sync" in r.stderr
    # A request from a team this database has since left (as an older cnet left them: open, unlinked).
    sam.ok("team", "leave", "--yes")
    with __import__("sqlite3").connect(sam.db) as conn:
        conn.execute("UPDATE request SET status = 'open'")
    r = sam.ok("request", "decline", rid)
    assert "cannot be delivered" in r.stderr and "Ann Archer" in r.stderr


def test_a_seat_is_one_database_and_a_seat_emptied_elsewhere_is_taken_back_by_join(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    _seed(ann, [("Dana Diaz", "Initech", "dana@initech.example", "colleague", [])])
    team.join(ann)
    ann.ok("team", "publish")
    # A second database of Ann's (a laptop) joins as ann: refused, nothing written anywhere.
    laptop = Member(team.tmp / "laptop" / "data" / "cnet.db", ann.pgpass)
    laptop.ok("init", "--name", "Ann Archer")
    laptop.handle = "ann"  # type: ignore[attr-defined]
    before = laptop.snapshot()
    for extra in ([], ["--dry-run"]):
        r = laptop.fails(
            "team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"), *extra
        )
        assert "already linked from another database" in r.stderr and "--take-over" in r.stderr
    assert laptop.snapshot() == before and not (laptop.db.parent / "cnet.team.key").exists()
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 1

    # Taking the seat over moves it: the first database is told, and can neither publish nor remove its rows.
    took = laptop.json(
        "team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"), "--take-over"
    )
    assert took["took_over"]
    for args in (("team", "publish"), ("team", "leave", "--yes"), ("team", "sync")):
        r = ann.fails(*args)
        assert "linked from another database" in r.stderr and "--local-only" in r.stderr, args
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 1, "nothing undone"

    # The laptop leaves: the seat is empty. The first database is told how to take it back, and join does it.
    laptop.ok("team", "leave", "--yes")
    r = ann.fails("team", "publish")
    assert "has left the team" in r.stderr and "cnet team join" in r.stderr and "--local-only" in r.stderr
    joined = ann.json("team", "join", team.member_url("ann"), "--as", "ann")  # the key is kept beside the database
    assert joined["rejoined"] and not joined["took_over"]
    assert ann.json("team", "publish")["added"] == 1
    r = ann.fails("team", "join", team.member_url("ann"), "--as", "ann")
    assert "already linked to this team" in r.stderr

    # Unlinked here only (the server kept the seat for this database): joining again is this database coming back.
    ann.ok("team", "leave", "--local-only", "--yes")
    assert (
        ann.json("team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"))["handle"]
        == "ann"
    )
    assert ann.json("team", "publish")["sent"] == 0


def test_join_dry_run_shows_what_is_sent_about_me_and_sends_nothing(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    ann.ok("edit", "me", "--email", "ann@archer.example", "--linkedin", "https://www.linkedin.com/in/ann-archer")
    before = ann.snapshot()
    preview = ann.json(
        "team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"), "--dry-run"
    )
    assert preview["dry_run"] and preview["would_send"]["name"] == "Ann Archer"
    assert preview["would_send"]["linkedin"] == "https://www.linkedin.com/in/ann-archer"
    assert len(preview["would_send"]["email_hashes"]) == 1 and "@" not in json.dumps(preview["would_send"])
    table = ann.ok(
        "team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"), "--dry-run"
    ).stdout
    assert "Would send about you" in table and preview["would_send"]["email_hashes"][0] in table
    assert ann.snapshot() == before and not (ann.db.parent / "cnet.team.key").exists()
    with team.admin() as conn:
        assert conn.execute("SELECT name, joined_at FROM cnet_team.member").fetchall() == [(None, None)]
    assert team.join(ann)["sent"] == preview["would_send"]


def test_a_service_given_at_join_is_kept_for_later_commands(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    services = team.tmp / "pg_service.conf"
    services.write_text(f"[acme]\nhost={team.pg.host}\nport={team.pg.port}\ndbname={team.db}\nuser={team.db}_ann\n")
    ann.extra = {"PGSERVICEFILE": str(services)}
    r = ann(
        "team", "join", "postgresql://", "--as", "ann", "--key", str(team.kit / "team.key"), env={"PGSERVICE": "acme"}
    )
    assert r.exit_code == 0, r.stderr
    r = ann("team", "publish")  # PGSERVICE is not set now: the link remembers it
    assert r.exit_code == 0, r.stderr


def test_init_again_needs_no_folder_and_reports_the_schema_version_and_role_names_never_collide(team):
    from curated_net.team import schema

    first = team.init("ann")
    assert first["schema_version"] == schema.LATEST
    again = team.owner.json("team", "init", team.url)  # nothing new to write: no --out needed
    assert (again["schema_version"], again["added"], again["files"]) == (schema.LATEST, [], [])
    assert "already right" in team.owner.ok("team", "init", team.url).stderr
    r = team.owner.fails("team", "init", team.url, "--member", "bob")  # something to write: --out is needed
    assert "--out" in r.stderr
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.member WHERE handle = 'bob'").fetchone()[0] == 0

    # Handles near the length limit: each gets a role of its own, within PostgreSQL's 63 characters.
    long_a, long_b = "a" * 60 + "-xy", "a" * 60 + "-xz"
    added = team.owner.json("team", "init", team.url, "--out", str(team.kit), "--member", long_a, "--member", long_b)
    roles = [m["role"] for m in added["added"]]
    assert len(set(roles)) == 2 and all(len(r) <= 63 for r in roles)
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname = ANY(%s)", (roles,)).fetchone()[0] == 2

    # A role of that name made outside the team: said as it is, and nothing is made.
    with team.pg.admin() as conn:
        conn.execute(f"CREATE ROLE {team.db}_zed")
    r = team.owner.fails("team", "init", team.url, "--out", str(team.kit), "--member", "zed")
    assert "made outside this team" in r.stderr and "not this team's member" not in r.stderr
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.member WHERE handle = 'zed'").fetchone()[0] == 0


def test_a_url_asking_for_ssl_of_a_server_without_it_is_told_so(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    r = ann.fails(
        "team", "join", team.member_url("ann") + "?sslmode=require", "--as", "ann", "--key", str(team.kit / "team.key")
    )
    assert "does not offer SSL" in r.stderr and "requires" not in r.stderr


def test_a_dry_run_lists_every_row_it_would_send_or_withdraw_and_counts_the_private_as_publish_and_status_do(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    _seed(
        ann,
        [
            ("Dana Diaz", "Initech", "dana@initech.example", "colleague", []),
            ("Eli Ng", "Hooli", "eli@hooli.example", "client", []),
            ("Hal Kim", "Umbrella", "hal@umbrella.example", "family", ["--tag", "family"]),
        ],
    )
    ann.ok("team", "publish")
    ann.ok("edit", "eli-ng", "--team-private")
    ann.ok("edit", "dana-diaz", "--title", "CTO")
    ann.ok("add", "Ora Pell", "--company", "Acme")
    ann.ok("connect", "ora-pell", "--as", "colleague")
    data = ann.json("team", "publish", "--dry-run", "--team-private-tag", "family")
    assert sorted(w["name"] for w in data["would_withdraw"]) == ["Eli Ng", "Hal Kim"]
    assert sorted((t["name"], t["action"]) for t in data["would_send"]) == [
        ("Dana Diaz", "change"),
        ("Ora Pell", "add"),
    ]
    counts = (data["kept_private"], data["kept_private_flagged"], data["kept_private_by_tag"])
    assert counts == (2, 1, 1)

    # The table: the same counts in words, and a row for each person withdrawn or sent, saying which.
    r = ann.ok("team", "publish", "--dry-run", "--team-private-tag", "family")
    assert "withdraw 2; 0 unchanged; 2 kept private (1 marked team-private, 1 by tag)" in r.stdout
    for name, action in (("Eli Ng", "withdraw"), ("Hal Kim", "withdraw"), ("Dana Diaz", "change"), ("Ora Pell", "add")):
        assert any(name in line and action in line for line in r.stdout.splitlines()), (name, r.stdout)
    # As TSV: only the rows on stdout (the summary on stderr).
    r = ann.ok("team", "publish", "--dry-run", "--team-private-tag", "family", "--output", "tsv")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    assert rows[0][:2] == ["action", "name"] and sorted(x[1] for x in rows[1:] if x[0] == "withdraw") == [
        "Eli Ng",
        "Hal Kim",
    ]
    assert "2 kept private" in r.stderr

    # Status counts the people kept back by the same rule (the tag was remembered by the dry run? no: a preview
    # writes nothing, so only Eli is kept back until a publish remembers the tag).
    status = ann.json("team", "status")
    assert (status["kept_private"], status["kept_private_flagged"], status["kept_private_by_tag"]) == (1, 1, 0)
    sent = ann.json("team", "publish", "--team-private-tag", "family")
    assert (sent["kept_private"], sent["kept_private_flagged"], sent["kept_private_by_tag"]) == counts
    status = ann.json("team", "status")
    assert (status["kept_private"], status["kept_private_flagged"], status["kept_private_by_tag"]) == counts
    assert "2 at your next publish (1 marked team-private, 1 by tag)" in ann.ok("team", "status").stdout


def test_a_dry_run_of_thousands_of_ties_prints_every_one_as_plain_columns(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    export = team.tmp / "Connections.csv"  # 600 LinkedIn connections
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "".join(f"P,Q{i:03},https://www.linkedin.com/in/pq{i:03},,Acme,,01 Jun 2021\n" for i in range(600))
    )
    assert ann.json("import", "linkedin", str(export))["added"] == 600
    r = ann.ok("team", "publish", "--dry-run")
    assert "Would send 600 ties (600 new" in r.stdout
    lines = r.stdout.splitlines()
    assert sum(1 for line in lines if line.startswith("add ")) == 600 and "600 rows" in lines[-1]


def test_my_publish_brings_my_own_rows_in_my_cache_up_to_date(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    proxy = Proxy(team.pg.port)
    (team.kit / "ann-proxy.pgpass").write_text(
        _pgpass_line(team, "ann").replace(f":{team.pg.port}:", f":{proxy.port}:")
    )
    os.chmod(team.kit / "ann-proxy.pgpass", 0o600)
    ann.pgpass = team.kit / "ann-proxy.pgpass"
    url = team.member_url("ann").replace(f":{team.pg.port}/", f":{proxy.port}/")
    ann.ok("team", "join", url, "--as", "ann", "--key", str(team.kit / "team.key"))
    _seed(ann, [("Eli Ng", "Hooli", "eli@hooli.example", "client", [])])
    ann.ok("team", "publish")
    ann.ok("team", "sync")  # Eli is in the cache
    ann.ok("edit", "eli-ng", "--team-private")
    ann.ok("team", "publish")
    proxy.close()
    r = ann("team", "who-knows", "Eli Ng", "--json")
    assert r.exit_code == 0 and r.json()["source"] == "cache"
    assert r.json()["knows"] == [], "a person I withdrew no longer answers from my own cache"


def test_who_knows_with_two_things_to_look_for_says_only_one(team):
    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    team.join(ann)
    r = ann.fails("team", "who-knows", "Eli Ng", "--company", "Hooli", code=2)
    assert "only one of" in r.stderr
    assert "say whom to look for" in ann.fails("team", "who-knows", code=2).stderr


def test_ctrl_c_during_a_publish_says_nothing_was_kept_and_exits_130(team):
    import signal

    team.init("bob")
    bob = team.member("bob", "Bob Brand")
    team.join(bob)
    _seed(bob, [("Eli Ng", "Hooli", "eli@hooli.example", "client", [])])
    role = f"{team.db}_bob"
    with team.pg.admin(team.db) as hold:
        hold.autocommit = False
        hold.execute("SELECT 1 FROM cnet_team.member WHERE handle = 'bob' FOR UPDATE")
        env = {**os.environ, "CNET_DB": str(bob.db), "CNET_POLICY": str(bob.policy), "PGPASSFILE": str(bob.pgpass)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "curated_net", "team", "publish"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        with team.pg.admin() as watch:
            deadline = time.time() + 30
            while time.time() < deadline:
                if watch.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'", (role,)
                ).fetchone():
                    proc.send_signal(signal.SIGINT)
                    break
                time.sleep(0.05)
            else:
                proc.kill()
                pytest.fail("the publish never reached the member's row")
        out, err = proc.communicate(timeout=60)
        hold.rollback()
    assert proc.returncode == 130, (out, err)
    assert (
        "interrupted while trying to publish: nothing of it was kept on the team server, and nothing here changed"
        in err
    )
    assert "Traceback" not in err
    with team.admin() as conn:
        assert conn.execute("SELECT count(*) FROM cnet_team.tie").fetchone()[0] == 0
    assert bob.json("team", "status")["published_at"] is None


def test_ctrl_c_after_a_join_or_an_exchange_says_what_was_kept_and_how_to_finish(team, monkeypatch):
    from curated_net.team import cache

    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    real = cache.refresh

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "refresh", interrupted)
    r = ann("team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"))
    assert r.exit_code == 130, r
    assert "joined team" in r.stderr and "interrupted while filling the local cache" in r.stderr
    assert "cnet team sync fills it" in r.stderr and "Traceback" not in r.stderr
    assert ann.json("team", "status")["cache"]["as_of"] is None  # linked, no cache yet
    r = ann("team", "sync")
    assert r.exit_code == 130 and "asks exchanged, then interrupted while bringing the cache up to date" in r.stderr
    monkeypatch.setattr(cache, "refresh", real)
    assert ann.json("team", "sync")["cache"]["as_of"]


def test_ctrl_c_anywhere_else_is_a_message_and_exit_130_not_a_traceback(me, monkeypatch):
    from curated_net.team.service import Team

    def interrupted(self, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Team, "status", interrupted)
    r = me("team", "status")
    assert r.exit_code == 130 and "interrupted (Ctrl-C)" in r.stderr and "Aborted" not in r.stderr


def test_offline_questions_answer_from_the_cache_and_never_reach_the_server(team):
    team.init("ann", "bob")
    ann = team.member("ann", "Ann Archer")
    bob = team.member("bob", "Bob Brand")
    team.join(bob)
    _seed(bob, [("Eli Ng", "Hooli", "eli@hooli.example", "client", [])])
    bob.ok("team", "publish")
    proxy = Proxy(team.pg.port)
    (team.kit / "ann-proxy.pgpass").write_text(
        _pgpass_line(team, "ann").replace(f":{team.pg.port}:", f":{proxy.port}:")
    )
    os.chmod(team.kit / "ann-proxy.pgpass", 0o600)
    ann.pgpass = team.kit / "ann-proxy.pgpass"
    url = team.member_url("ann").replace(f":{team.pg.port}/", f":{proxy.port}/")
    assert ann.fails("team", "who-knows", "Eli Ng", "--offline").exit_code == 1  # not linked yet: nothing to read
    ann.ok("team", "join", url, "--as", "ann", "--key", str(team.kit / "team.key"))  # fills the cache
    connections = len(proxy.open)
    knows = ann.json("team", "who-knows", "Eli Ng", "--offline")
    assert knows["source"] == "cache" and [k["member"] for k in knows["knows"]] == ["bob"]
    routes = ann.json("team", "path", "Eli Ng", "--offline")
    assert routes["source"] == "cache" and routes["routes"][0]["hops"][-1]["whose"] == "bob"
    table = ann.ok("team", "who-knows", "--company", "hooli", "--offline")
    assert "Eli Ng" in table.stdout and "from the cache of" in table.stderr
    assert len(proxy.open) == connections, "an offline question opened a connection to the server"
    ann.ok("team", "who-knows", "Eli Ng")  # (the proxy counts connections: a question online opens one)
    assert len(proxy.open) > connections
    proxy.close()


def test_a_join_or_sync_whose_cache_cannot_be_filled_says_what_was_done(team, monkeypatch):
    from curated_net.team import cache, server

    team.init("ann")
    ann = team.member("ann", "Ann Archer")
    real = cache.refresh

    def dropped(*args, **kwargs):
        raise server.Unreachable("the connection to the team server dropped while trying to read the projection")

    monkeypatch.setattr(cache, "refresh", dropped)
    r = ann("team", "join", team.member_url("ann"), "--as", "ann", "--key", str(team.kit / "team.key"), "--json")
    assert r.exit_code == 0, r
    assert r.json()["handle"] == "ann" and r.json()["cache"] is None
    assert "joined; but the local cache of the team was not filled" in r.stderr
    assert ann.json("team", "status")["linked"] is True
    r = ann("team", "sync")
    assert r.exit_code == 1 and "the asks were exchanged (cnet request list shows them), but the cache" in r.stderr
    monkeypatch.setattr(cache, "refresh", real)
    assert ann.json("team", "sync")["cache"]["as_of"]
