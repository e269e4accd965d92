"""Hostile input is normal input: a clear message and exit 1 (2 for a bad option value), never a traceback,
and a failed or refused command leaves the database, and every file, as it was."""

from __future__ import annotations

import json
import os
import stat
import time
import zipfile

import pytest

from curated_net.policy.loader import default_text

REASON = "Leonard saw Meridian's posting for a staff physician and would like to hear about the role"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# -- failed or refused commands write nothing ----------------------------------------------------------------


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_intro_out_that_cannot_be_written_records_nothing(example, tmp_path, where):
    target = tmp_path if where == "folder" else tmp_path / "no" / "such" / "draft.txt"
    before = example.snapshot()
    r = example.fails("intro", "bones", "jim", "--reason", REASON, "--out", str(target))
    assert "--out" in r.stderr
    assert example.snapshot() == before
    assert example.json("intro", "list") == []


def test_intro_out_writes_the_draft_privately_and_records_nothing(example, tmp_path):
    out = tmp_path / "draft.txt"
    before = example.snapshot()
    example.ok("intro", "bones", "jim", "--reason", REASON, "--out", str(out))
    assert "Leonard" in out.read_text() and _mode(out) == 0o600
    assert example.json("intro", "list") == [] and example.snapshot() == before


def test_a_refused_intro_after_a_policy_edit_leaves_the_database_byte_identical(example):
    example.policy.parent.mkdir(parents=True, exist_ok=True)
    # Friends no longer count as evidence: Leonard (a friend) is not someone I "really know" any more.
    example.policy.write_text(default_text().replace('"family", "friend"', '"family"'))
    before = example.snapshot()
    r = example.fails("intro", "bones", "jim", "--reason", REASON, code=3)
    assert "vouch-for-both" in r.stderr
    assert example.snapshot() == before


def test_huge_numbers_are_usage_errors_before_anything_is_written(example):
    before = example.snapshot()
    for args in (
        ("list", "--degree", "99999999999999999999"),
        ("search", "bones", "--limit", "99999999999999999999"),
        ("intro", "show", "99999999999999999999"),
        ("intro", "consent", "99999999999999999999", "yes"),
        ("request", "show", "99999999999999999999"),
        ("request", "decline", "--", "-1"),
        ("evidence", "bones", "--remove", "99999999999999999999"),
    ):
        r = example.fails(*args, code=2)
        assert "Invalid value" in r.stderr, args
    assert example.snapshot() == before


def test_a_damaged_backup_never_looks_like_a_backup(me, tmp_path):
    import sqlite3

    from curated_net.errors import StoreError
    from curated_net.store.database import Store

    store = Store.open(me.db)

    class Broken:
        """A source connection whose copy fails halfway (a full disk, a kill)."""

        def backup(self, target, **kw):
            target.execute("CREATE TABLE half (x)")
            raise sqlite3.OperationalError("disk I/O error")

    out = tmp_path / "backups"
    with pytest.raises(StoreError, match="disk I/O error"):
        store.backup(out / "copy.db", conn=Broken())  # type: ignore[arg-type]
    assert list(out.iterdir()) == []  # neither a .bak-looking file nor a partial one


# -- no traceback, ever ------------------------------------------------------------------------------------

BAD = "Bad \udcff Name"  # what Python makes of the bytes 'Bad \xff Name' in an argument


@pytest.mark.parametrize(
    "args",
    [
        ("add", BAD),
        ("add", "Ann", "--company", BAD),
        ("add", "Ann", "--email", BAD),
        ("add", "Ann", "--tag", BAD),
        ("add", "Ann", "--highlight", BAD),
        ("edit", "bones", "--note", BAD),
        ("edit", "bones", "--name", BAD),
        ("show", BAD),
        ("search", BAD),
        ("connect", "bones", "--as", "friend", "--detail", BAD),
        ("connect", "bones", "--as", BAD),
        ("link", "bones", "jim", "--how", BAD),
        ("log", "bones", BAD),
        ("intro", "bones", "jim", "--reason", BAD),
        ("request", "connect", BAD, "--via", "phone"),
        ("request", "intro", "bones", "jim", "--via", "phone", "--reason", BAD),
        ("endorse", "priya-raman", "--skill", BAD),
        ("check", "intro", "bones", BAD),
        ("degree", BAD),
        ("list", "--tag", BAD),
        ("list", "--company", BAD),
        ("import", "linkedin", BAD),
        ("export", "vcard", BAD),
    ],
)
def test_text_that_is_not_utf8_gets_a_message(example, args):
    before = example.snapshot()
    r = example(*args)
    assert r.exit_code in (1, 2, 3), (args, r.exit_code, r.stdout)
    assert r.stderr.strip() and "Traceback" not in r.stderr
    assert example.snapshot() == before


def test_a_linkedin_url_python_cannot_split_is_bad_input(me):
    assert "not a LinkedIn URL" in me.fails("add", "Ann", "--linkedin", "[x").stderr


@pytest.mark.parametrize(
    "policy, problem",
    [
        ("rule = [1]\n", "must be a [[rule]] table"),
        ("rule = ['x']\n", "must be a [[rule]] table"),
        ("a = " + "[" * 2000 + "]" * 2000 + "\n", "nested too deeply"),
        (default_text().replace("per_days = 90", "per_days = 1000000"), "from 0 to 36500"),
        ("[settings]\npending_days = 99999999999\n", "from 0 to 36500"),
    ],
)
def test_broken_policy_files_are_named_problems(example, policy, problem):
    example.policy.parent.mkdir(parents=True, exist_ok=True)
    example.policy.write_text(policy)
    assert problem in example.fails("policy", "check").stderr
    before = example.snapshot()
    r = example.fails("intro", "bones", "jim", "--reason", REASON)
    assert "policy" in r.stderr and problem in r.stderr
    assert example.snapshot() == before


def test_an_editor_that_is_not_a_command_line(me, tmp_path):
    r = me("policy", "edit", env={"EDITOR": "vi '", "VISUAL": ""})
    assert r.exit_code == 1 and "not a command line" in r.stderr
    assert not me.policy.exists()


def test_a_broken_edit_before_policy_init_is_kept_privately(me, tmp_path):
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\necho 'rule = [1]' > \"$1\"\n")
    editor.chmod(0o700)
    r = me("policy", "edit", env={"EDITOR": str(editor), "VISUAL": ""})
    assert r.exit_code == 1 and "rejected" in r.stderr
    rejected = me.policy.with_name(me.policy.name + ".rejected")
    assert rejected.read_text().strip() == "rule = [1]" and _mode(rejected) == 0o600
    assert not me.policy.exists()


HOSTILE_TEMPLATES = {
    "{{ 1/0 }}": "ZeroDivisionError",
    "{{ 1 + 'a' }}": "TypeError",
    "{{ range(10**9) | list }}": "failed",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}": "calls itself",
    "{% include 'intro.txt.j2' %}": "calls itself",
    "{{ 10**5000 }}": "too large a number",
    "{{ 99999**9999999 }}": "too large a number",
    "{{ 'a' * 10**9 }}": "too long",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}": "ran longer than",
    "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}": "more than 1,000,000 characters",
}


@pytest.mark.parametrize("source", list(HOSTILE_TEMPLATES))
def test_a_hostile_template_is_stopped_with_a_message_naming_it(example, tmp_path, source):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "intro.txt.j2").write_text(source)
    before = example.snapshot()
    start = time.monotonic()
    r = example("intro", "bones", "jim", "--reason", REASON, env={"CNET_TEMPLATES": str(templates)})
    assert r.exit_code == 1, r.stdout[:200]
    assert "template 'intro'" in r.stderr and HOSTILE_TEMPLATES[source] in r.stderr, r.stderr
    assert time.monotonic() - start < 10
    assert example.snapshot() == before


def test_a_template_that_is_not_utf8(example, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "intro.txt.j2").write_bytes(b"Hello \xff {{ a.first }}")
    env = {"CNET_TEMPLATES": str(templates)}
    assert "not UTF-8" in example("intro", "bones", "jim", "--reason", REASON, env=env).stderr
    assert "not UTF-8" in example("template", "show", "intro", env=env).stderr


@pytest.mark.parametrize(
    "doc",
    [
        {"format": "cnet-export", "version": 2, "people": [1, 2, 3]},
        {"format": "cnet-export", "version": 2, "people": [], "policy": 42},
        {"format": "cnet-export", "version": 2, "people": [], "policy": "rule = [1]"},
        {"format": "cnet-export", "version": 2, "people": [], "decisions": [1, 2]},
        {"format": "cnet-export", "version": 2, "people": [], "retired_handles": [1, None]},
        {
            "format": "cnet-export",
            "version": 2,
            "people": [{"handle": "ann", "name": "Ann", "met_on": "not-a-date", "created_at": "t", "updated_at": "t"}],
        },
        {
            "format": "cnet-export",
            "version": 2,
            "people": [{"handle": "ann", "name": "Ann \ud800", "created_at": "t", "updated_at": "t"}],
        },
        [1, 2],
        "cnet",
    ],
)
def test_a_malformed_export_is_refused_and_leaves_no_database(cli, tmp_path, doc):
    f = tmp_path / "doc.json"
    f.write_text(json.dumps(doc))
    r = cli.fails("import", "json", str(f))
    assert r.stderr.startswith("error: ")
    assert not cli.db.exists()


def test_an_export_with_an_email_that_would_forge_a_header_restores_it_as_a_note_only(cli, tmp_path):
    person = {"handle": "ann", "name": "Ann", "emails": ["a@b.example\r\nBcc: x@y.example"]}
    me = {"handle": "me", "name": "Me", "is_me": True, "created_at": "t", "updated_at": "t"}
    doc = {"format": "cnet-export", "version": 2, "people": [me, {**person, "created_at": "t", "updated_at": "t"}]}
    f = tmp_path / "doc.json"
    f.write_text(json.dumps(doc))
    out = cli.json("import", "json", str(f))
    assert out["kept_in_notes"] == ["ann: email 'a@b.example\r\nBcc: x@y.example'"]
    ann = cli.json("show", "ann")
    assert ann["emails"] == [] and "Bcc" in ann["notes"]


def test_an_export_nested_too_deeply(cli, tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in cli.fails("import", "json", str(f)).stderr
    assert not cli.db.exists()


def test_importers_refuse_damaged_files_by_name(me, tmp_path):
    huge = tmp_path / "huge.csv"
    huge.write_text("name,notes\nAnn Lee," + "x" * 200_000 + "\n")
    assert me.json("import", "csv", str(huge))["added"] == 1  # a long note is a cell, not an attack
    me.ok("show", "ann-lee")
    quote = tmp_path / "quote.csv"
    quote.write_text('name,notes\nBob,"never closed\n' + "y" * (1 << 24) + "\n")
    r = me.fails("import", "csv", str(quote))
    assert "quote.csv: line" in r.stderr
    bad_zip = tmp_path / "export.zip"
    with zipfile.ZipFile(bad_zip, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Connections.csv", "First Name,Last Name\n" + "Ann,Lee\n" * 5000)
    data = bytearray(bad_zip.read_bytes())
    data[60:400] = b"\x00" * 340  # the compressed stream, broken
    bad_zip.write_bytes(bytes(data))
    r = me.fails("import", "linkedin", str(bad_zip))
    assert "export.zip" in r.stderr
    odd = tmp_path / "odd.vcf"
    odd.write_bytes("BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16")[:-1])
    assert "odd.vcf" in me.fails("import", "vcard", str(odd)).stderr
    odd_csv = tmp_path / "odd.csv"
    odd_csv.write_bytes("First Name,Last Name\r\nAnn,Lee\r\n".encode("utf-16")[:-1])
    assert "odd.csv" in me.fails("import", "linkedin", str(odd_csv)).stderr


# -- text reaches the terminal literally ---------------------------------------------------------------------

ESC = "\x1b]0;PWNED\x07 \x1b[2J \x9b31m \u202e"


def test_drafts_notes_and_prompts_print_control_characters_escaped(example):
    example.ok("edit", "jim", "--company", f"Meridian {ESC}", "--highlight", f"sails {ESC}")
    outputs = [
        example.ok("intro", "bones", "jim", "--reason", f"a role {ESC}").stdout,
        example.ok("intro", "ask", "priya-raman", "jim", "--reason", f"data {ESC}").stdout,
        example.ok("show", "jim").stdout,
    ]
    rid = example.json("request", "intro", "raj-patel", "jim", "--via", "linkedin", "--reason", f"x {ESC}")["id"]
    outputs.append(example.ok("request", "decline", str(rid)).stdout)
    for out in outputs:
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), out
    assert "\\x1b]0;PWNED\\x07" in outputs[0] + outputs[2]
    # JSON keeps the exact text (escaped as JSON does).
    assert example.json("show", "jim")["company"] == f"Meridian {ESC}"


def test_exports_to_a_file_stay_exact(example, tmp_path):
    example.ok("edit", "jim", "--company", f"Meridian {ESC}")
    out = tmp_path / "people.vcf"
    example.ok("export", "vcard", "jim", "--out", str(out))
    assert "\x1b]0" in out.read_text()  # the file holds the bytes as they are
    from conftest import Cli

    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    other.ok("import", "vcard", str(out))
    assert other.json("show", "jim")["company"] == f"Meridian {ESC}"


# -- private files stay private, whatever the umask --------------------------------------------------------------


def test_everything_cnet_writes_is_private_at_umask_000(cli, tmp_path):
    old = os.umask(0)
    try:
        cli.ok("init", "--name", "Sam Rivera")
        cli.ok("add", "Ann Lee")
        written = []
        for fmt, name in (("json", "all.json"), ("csv", "people.csv"), ("vcard", "cards.vcf"), ("graph", "g.graphml")):
            target = tmp_path / "out" / name
            target.parent.mkdir(exist_ok=True, mode=0o700)
            cli.ok("export", fmt, "--out", str(target))
            written.append(target)
        cli.ok("policy", "init")
        written.append(cli.policy)
        backup = tmp_path / "backups" / "deep" / "copy.db"
        cli.ok("db", "backup", str(backup))
        written.append(backup)
        for path in written:
            assert _mode(path) == 0o600, path
        for folder in (cli.db.parent, cli.policy.parent, backup.parent, backup.parent.parent):
            assert _mode(folder) == 0o700, folder
        assert _mode(cli.db) == 0o600
    finally:
        os.umask(old)


def test_a_database_others_can_read_is_made_private(me, tmp_path):
    link = tmp_path / "link.db"
    os.chmod(me.db, 0o644)
    link.symlink_to(me.db)
    me.ok("--db", str(link), "list")
    assert _mode(me.db) == 0o600


def test_a_decision_log_with_lines_cnet_did_not_write_shows_only_its_own(example):
    example.ok("connect", "bones", "--as", "friend", "--detail", "school")
    own = example.json("decisions")
    log = example.db.with_name("cnet.decisions.jsonl")
    with log.open("a") as f:
        f.write('{"at": 1, "action": "connect"}\n[1, 2]\n{"at": "t", "action": "x", "outcome": "y", "subjects": 5}\n')
        f.write(
            '{"at": "t", "action": "intro", "outcome": "allowed", "subjects": ["a"], "rules": [1]}\n'
            + "[" * 5000
            + "\n"
        )
    assert example.json("decisions") == own
    example.ok("decisions")


def test_an_export_with_text_that_is_not_unicode_anywhere_is_refused(example, tmp_path):
    doc = json.loads(example.ok("export", "json").stdout)
    doc["links"][0]["created_at"] = "\ud800"
    f = tmp_path / "doc.json"
    f.write_text(json.dumps(doc))
    r = example.fails("--db", str(tmp_path / "new.db"), "import", "json", str(f))
    assert "links[0].created_at" in r.stderr and not (tmp_path / "new.db").exists()


def test_an_intro_by_email_keeps_names_with_commas_quotes_and_accents_in_their_headers(example, tmp_path):
    import email
    from email import policy as email_policy

    example.ok("edit", "jim", "--name", 'Jim "Sails" Castellano, Jr.')
    example.ok("edit", "bones", "--name", "Léonard Okafor-Núñez")
    out = tmp_path / "intro.eml"
    example.ok("intro", "bones", "jim", "--reason", REASON, "--format", "eml", "--out", str(out))
    msg = email.message_from_bytes(out.read_bytes(), policy=email_policy.default)
    names = {a.display_name for a in msg["To"].addresses}
    assert names == {'Jim "Sails" Castellano, Jr.', "Léonard Okafor-Núñez"}
    assert "\n" not in msg["Subject"]
