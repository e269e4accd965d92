"""What teams add to the local database, without a server: the team-private flag through every door, the
`team` channel, the policy's team_private_tags setting."""

from __future__ import annotations

import json

from curated_net import Network


def test_team_private_is_a_flag_set_by_add_and_edit_and_kept_by_export_merge_and_vcard(me, tmp_path):
    me.ok("add", "Ann Lee", "--team-private")
    assert me.json("show", "ann-lee")["flags"]["team_private"] is True
    me.ok("edit", "ann-lee", "--team-shared")
    assert me.json("show", "ann-lee")["flags"]["team_private"] is False
    me.ok("edit", "ann-lee", "--team-private")

    # A JSON export restores it.
    me.ok("export", "json", "--out", str(tmp_path / "all.json"))
    other = type(me)(tmp_path / "other" / "cnet.db")
    other.ok("import", "json", str(tmp_path / "all.json"))
    assert other.json("show", "ann-lee")["flags"]["team_private"] is True

    # A vCard carries it as a flag and brings it back.
    me.ok("export", "vcard", "ann-lee", "--out", str(tmp_path / "ann.vcf"))
    assert "team-private" in (tmp_path / "ann.vcf").read_text()
    third = type(me)(tmp_path / "third" / "cnet.db")
    third.ok("init", "--name", "Third")
    third.ok("import", "vcard", str(tmp_path / "ann.vcf"))
    assert third.json("show", "ann-lee")["flags"]["team_private"] is True

    # A merge keeps a person private when either record was.
    me.ok("add", "Ann Lee", "--force", "--company", "Acme")
    me.ok("merge", "ann-lee-2", "ann-lee", "--yes")
    assert me.json("show", "ann-lee-2")["flags"]["team_private"] is True


def test_a_request_from_me_is_only_an_ask_sent_through_a_team(me):
    me.ok("add", "Bo Park")
    r = me.fails("request", "intro", "me", "bo-park", "--via", "phone", "--reason", "x")
    assert "not from me" in r.stderr
    # Anyone may still tell cnet a request came through the team channel.
    me.ok("add", "Cy Ode")
    rec = me.json("request", "intro", "cy-ode", "bo-park", "--via", "team", "--reason", "hiring")
    assert rec["channel"] == "team" and rec["team"] is None


def test_the_default_policy_does_not_count_the_team_channel_as_personal(me):
    me.ok("add", "Bo Park", "--how-met", "work", "--met-on", "2019", "--highlight", "kind")
    me.ok("add", "Cy Ode", "--how-met", "work", "--met-on", "2019", "--highlight", "sharp")
    me.ok("connect", "bo-park", "--as", "colleague")
    me.ok("connect", "cy-ode", "--as", "colleague")
    me.ok("request", "intro", "cy-ode", "bo-park", "--via", "team", "--reason", "hiring")
    before = me.snapshot()
    r = me.fails("request", "accept", "1", code=3)
    assert "ask-me-personally" in r.stderr and "team" in r.stderr and "--via phone" in r.stderr
    assert me.snapshot() == before
    # A policy that counts the team as personal lets it through.
    me.policy.parent.mkdir(parents=True, exist_ok=True)
    me.ok("policy", "init")
    text = me.policy.read_text().replace('allowed = ["phone", "in-person"]', 'allowed = ["phone", "in-person", "team"]')
    me.policy.write_text(text)
    assert me.json("request", "accept", "1")["verdict"]["allowed"]


def test_team_private_tags_is_a_policy_setting_checked_like_the_others(me):
    me.policy.parent.mkdir(parents=True, exist_ok=True)
    me.policy.write_text('[settings]\nteam_private_tags = ["family", "clients"]\n')
    assert me("policy", "check").exit_code == 0
    from curated_net.policy.loader import load_policy

    assert load_policy(me.policy).settings["team_private_tags"] == ["family", "clients"]
    me.policy.write_text('[settings]\nteam_private_tags = "family"\n')
    r = me.fails("policy", "check")
    assert "team_private_tags" in r.stderr + r.stdout
    me.policy.write_text("[settings]\nteam_private_tags = [1]\n")
    me.fails("policy", "check")


def test_the_python_api_sees_the_flag(tmp_path):
    with Network.open(tmp_path / "x.db", create=True) as net:
        net.init("Sam")
        p = net.add("Ann Lee", team_private=True)
        assert p["flags"]["team_private"] is True
        assert json.loads(json.dumps(p.as_json()))["flags"] == {  # a record is JSON through as_json()
            "do_not_introduce": False,
            "no_recruiters": False,
            "team_private": True,
        }


PSYCOPG_PROBE = (
    "import sys\n"
    "from curated_net.cli.app import app\n"
    "try:\n    app(sys.argv[1:], prog_name='cnet')\nexcept SystemExit as e:\n    pass\n"
    "print('PSYCOPG:' + str(any(m.split('.')[0] == 'psycopg' for m in sys.modules)))\n"
)


def _imports_psycopg(args: list[str], env: dict) -> bool:
    import os
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", PSYCOPG_PROBE, *args], capture_output=True, text=True, env={**os.environ, **env}
    )
    return out.stdout.strip().splitlines()[-1] == "PSYCOPG:True"


def test_only_team_commands_that_reach_a_server_import_psycopg(example):
    env = {"CNET_DB": str(example.db), "CNET_POLICY": str(example.policy)}
    for args in (["--help"], ["list"], ["request", "list"], ["show", "bones"], ["team", "--help"], ["team", "status"]):
        assert not _imports_psycopg(args, env), args
    # A team command that needs the server does (here it fails: the URL holds a password, refused unread).
    assert _imports_psycopg(["team", "join", "postgresql://u:pw@127.0.0.1/x", "--as", "ann"], env)
