"""A usage error is printed through the same literal-text escaping as every other message: a bad choice,
an unknown option or a bad number echoes what was typed escaped, on a terminal and to a pipe, exit 2."""

from __future__ import annotations

import re

from clitree import choices, required_args, walk

HOSTILE = "\x1b[31mRED\x1b]0;PWNED\x07\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

CHOICE_PARAMS = [
    (cmd.path, p.opts[0] if p.param_type_name == "option" else None, p.name, cmd)
    for cmd in walk()
    for p in [*cmd.arguments, *cmd.options]
    if choices(p)
]


def test_the_walk_finds_the_choice_options_the_campaign_named():
    found = {(" ".join(path), opt or name) for path, opt, name, _cmd in CHOICE_PARAMS}
    for named in [
        ("connect", "--as"),
        ("log", "--kind"),
        ("list", "--sort"),
        ("list", "--view"),
        ("map", "--view"),
        ("review", "--queue"),
        ("suggest list", "kind"),
        ("export graph", "--format"),
    ]:
        assert named in found, named
    assert len(found) >= 19


def test_every_bad_choice_is_echoed_escaped(me):
    # The usage error's text is escaped whatever stderr is (report_usage never asks if it is a terminal).
    for path, opt, name, cmd in CHOICE_PARAMS:
        if opt is None:  # an argument: the value takes its place
            index = [a.name for a in cmd.arguments].index(name)
            args = required_args(cmd)
            args = [*args[:index], HOSTILE, *args[index + 1 :]] if index < len(args) else [*args, HOSTILE]
        else:
            args = [*required_args(cmd), opt, HOSTILE]
        r = me(*path, *args)
        out = r.stdout + r.stderr
        assert r.exit_code == 2, (path, opt, r.exit_code, out)
        assert not RAW.search(out), (path, opt, out)
        assert "\\x1b[31mRED\\x1b]0;PWNED\\x07\\u202e" in r.stderr, (path, opt, r.stderr)


def test_an_unknown_option_and_a_bad_number_are_escaped_too(me):
    r = me("list", "--bogus\x1b[2J")
    assert r.exit_code == 2 and "No such option: --bogus\\x1b[2J" in r.stderr
    r = me("list", "--limit", "9\x07")
    assert r.exit_code == 2 and "'9\\x07' is not a valid" in r.stderr
    assert not RAW.search(r.stderr)


def test_bytes_that_are_not_utf8_are_echoed_as_typed(me):
    # Python holds the bytes b"\xff\xfe" of an argument as the surrogates U+DCFF U+DCFE: shown as the bytes.
    r = me("export", "graph", "--format", "\udcff\udcfe")
    assert r.exit_code == 2 and "'\\xff\\xfe' is not one of" in r.stderr, r.stderr
    assert "\\udc" not in r.stderr
    r = me("add", "Ann \udcff\x1b")  # a domain message the same way; a control character as before
    assert r.exit_code != 0 and "'Ann \\xff\\x1b'" in r.stderr, r.stderr
