"""What the user typed is printed literally, in tables, cards, errors and JSON."""

from __future__ import annotations

import json

MARKUP = "[bold red]Mallory[/]"
ESCAPE = "Eve \x1b[2J\x1b]0;pwned\x07 \x9b31m"


def test_markup_in_names_shows_as_typed(me):
    handle = me.ok("add", MARKUP, "--company", "[link=http://x]Acme[/link]").stdout.strip()
    assert MARKUP in me.ok("show", handle).stdout
    assert "[link=http://x]Acme[/link]" in me.ok("list").stdout
    assert me.json("show", handle)["name"] == MARKUP


def test_control_characters_never_reach_the_terminal(me):
    handle = me.ok("add", "Eve", "--company", ESCAPE, "--note", "line one\nline two \x1b[31m").stdout.strip()
    for args in (("show", handle), ("list",), ("search", "eve"), ("show", handle, "--json")):
        out = me.ok(*args).stdout
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, args
    assert "\\x1b[2J" in me.ok("show", handle).stdout
    # JSON keeps the exact text, escaped.
    assert me.json("show", handle)["company"] == ESCAPE


def test_a_name_is_one_line_of_text(me):
    before = me.snapshot()
    for bad in (ESCAPE, "Ann\nLee", "Ann\rLee", "Bad \udcff Name"):
        r = me.fails("add", bad)
        assert "\x1b" not in r.stderr and "name" in r.stderr
    assert me.fails("edit", "me", "--name", "Sam\r\nBcc: x@y.example").stderr.startswith("error: --name")
    assert me.fails("request", "connect", "Mallory\nEvil", "--via", "phone").stderr.startswith("error: NAME")
    assert me.snapshot() == before


def test_error_messages_are_literal_too(me):
    r = me.fails("show", "[red]nobody\x1b[0m")
    assert "[red]nobody" in r.stderr and "\x1b" not in r.stderr


def test_json_output_is_one_document_on_stdout_only(me):
    me.ok("add", "Ann Lee")
    for args in (("list",), ("show", "ann-lee"), ("search", "ann"), ("db", "status"), ("db", "check")):
        r = me.ok(*args, "--json")
        json.loads(r.stdout)
        assert r.stderr == ""


def test_rtl_and_emoji_names_round_trip(me):
    for name in ("فاطمة الزهراء", "דוד כהן", "Zoë 🚀 Ng", "Ελένη Παπαδοπούλου"):
        handle = me.ok("add", name).stdout.strip()
        assert me.json("show", handle)["name"] == name
        assert name in me.ok("show", handle).stdout


def test_a_fix_written_to_a_pipe_stays_on_one_line(example, monkeypatch):
    # CliRunner's stdout is not a terminal: as `cnet audit | cat`, even where COLUMNS asks for a narrow one.
    for columns in (None, "80"):
        if columns:
            monkeypatch.setenv("COLUMNS", columns)
        out = example.ok("audit").stdout
        fixes = [line for line in out.splitlines() if "cnet connect noah-fischer" in line]
        assert len(fixes) == 1 and "--as client|colleague|" in fixes[0] and fixes[0].rstrip().endswith('"...")')
        assert not any(line.startswith("client|") for line in out.splitlines())
    # Tables keep their layout at the width asked for.
    assert max(len(line) for line in example.ok("list").stdout.splitlines()) <= 80
