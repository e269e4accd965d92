"""Help that teaches: every command's examples run against the example network; "did you mean" for commands
and people; people complete in bash and zsh, driven through a real pseudo-terminal."""

from __future__ import annotations

import mailbox
import os
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from conftest import Cli
from curated_net.cli import app as cli_app
from curated_net.cli.examples import EXAMPLES, NOT_RUN, SETUP

FILES = {
    "pairs.csv": "leonard-okafor,priya-raman\nchloe-dubois,jim-castellano\n",
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Kim,Ode,https://www.linkedin.com/in/kim-ode,,Nordlys AB,Engineer,01 Jan 2024\n",
    "contacts.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ana@ruiz.example\r\nEND:VCARD\r\n",
    "people.csv": "Full name,email\nAna Ruiz,ana@ruiz.example\n",
    "calendar.ics": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
    "SUMMARY:Pilot review\r\nDTSTART;VALUE=DATE:20240610\r\nORGANIZER:mailto:aiko@kumo.example\r\n"
    "ATTENDEE:mailto:sam@rivera.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
}


def _every_command() -> list[str]:
    out = []

    def walk(path: str, command) -> None:
        out.append(path)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(f"{path} {name}", sub)

    for name, command in cli_app.eager_commands().items():
        walk(name, command)
    return out


def _mailbox(folder: Path) -> None:
    from email.message import EmailMessage

    box = mailbox.mbox(folder / "mail.mbox")
    for i in range(3):
        for sender, to in (
            ("Cy Young <cy@initech.example>", "sam@rivera.example"),
            ("sam@rivera.example", "cy@initech.example"),
        ):
            m = EmailMessage()
            m["From"], m["To"], m["Subject"] = sender, to, f"Robots {i}"
            m["Date"] = f"Mon, 0{i + 1} Jan 2024 10:00:00 +0000"
            m["Message-ID"] = f"<{i}-{sender[:2]}@x>"
            box.add(m)
    box.flush()
    box.close()


def test_every_command_has_one_to_three_examples_at_the_end_of_its_help(cli):
    commands = _every_command()
    assert set(commands) <= set(EXAMPLES), f"commands without examples: {sorted(set(commands) - set(EXAMPLES))}"
    assert not set(EXAMPLES) - set(commands), f"examples of no command: {sorted(set(EXAMPLES) - set(commands))}"
    for name in commands:
        assert 1 <= len(EXAMPLES[name]) <= 3, name
        assert all(line.startswith("cnet ") for line in EXAMPLES[name]), name
        text = cli.ok(*name.split(), "--help").stdout
        tail = text[text.rindex("Examples:") :]
        assert all(line in tail for line in EXAMPLES[name]), f"cnet {name} --help does not end with its examples"
    assert "Examples:" in cli.ok("--help").stdout


def _parse(line: str) -> None:
    """Parse an example as the command line would (options, arguments, required ones), without running it."""
    words = shlex.split(line)[1:]
    command = cli_app.eager_commands()[words[0]]
    args = words[1:]
    while args and args[0] in (getattr(command, "commands", None) or {}):
        command, args = command.commands[args[0]], args[1:]
    assert not getattr(command, "commands", None), f"{line}: names a group, not a command"
    command.make_context(line, list(args))  # raises a UsageError for an unknown option or a missing one


@pytest.mark.parametrize("name", sorted(NOT_RUN))
def test_the_examples_not_run_here_are_still_valid_commands(name):
    for line in EXAMPLES[name]:
        try:
            _parse(line)
        except Exception as exc:  # click.UsageError and its kin: the message says what is wrong
            pytest.fail(f"{line}: {exc}")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_examples_run_against_the_example_network(name, example_source, tmp_path, monkeypatch):
    if name in NOT_RUN:
        pytest.skip(NOT_RUN[name])
    folder = tmp_path / "run"
    (folder / "data").mkdir(parents=True, mode=0o700)
    for p in example_source.parent.iterdir():
        if p.name.startswith("cnet.") and not p.name.endswith(("-wal", "-shm")):
            shutil.copy2(p, folder / "data" / p.name)
    cli = Cli(folder / "data" / "cnet.db")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("EDITOR", "true")  # policy and template edits save what they opened
    for fname, text in FILES.items():
        (folder / fname).write_text(text)
    (folder / "linkedin-export").mkdir()
    (folder / "linkedin-export" / "Connections.csv").write_text(FILES["Connections.csv"])
    _mailbox(folder)
    for line in (*SETUP.get(name, ()), *EXAMPLES[name]):
        r = cli(*shlex.split(line)[1:])
        assert r.exit_code == 0, f"{line} -> {r.exit_code}\n{r.stdout}\n{r.stderr}"
        assert "Traceback" not in r.stdout + r.stderr


# -- did you mean --------------------------------------------------------------------------------------------


def test_a_mistyped_command_or_person_gets_a_did_you_mean(example):
    r = example.fails("degre", "bones", code=2)
    assert "Did you mean: degree?" in r.stderr
    assert "Did you mean" in example.fails("prune", "mrk", code=2).stderr
    for typo, handle in (
        ("leonrad", "leonard-okafor"),
        ("bnoes", "leonard-okafor"),
        ("jim castelano", "jim-castellano"),
    ):
        r = example.fails("show", typo)
        assert "Did you mean" in r.stderr and handle in r.stderr, typo


# -- people complete in bash and zsh, through a pseudo-terminal ------------------------------------------------


def _shell(name: str, db: Path, tmp_path: Path):
    pexpect = pytest.importorskip("pexpect")
    if not shutil.which(name):
        pytest.skip(f"{name} is not installed here")
    cnet = Path(sys.executable).parent / "cnet"
    if not cnet.exists():
        pytest.skip("the cnet console script is not installed")
    env = {
        **os.environ,
        "PATH": f"{cnet.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CNET_DB": str(db),
        "HOME": str(tmp_path),
        "PS1": "$ ",
        "TERM": "dumb",
    }
    args = ["--norc", "--noprofile", "-i"] if name == "bash" else ["-f", "-i"]
    child = pexpect.spawn(name, args, env=env, encoding="utf-8", timeout=20, dimensions=(40, 200))
    if name == "zsh":
        child.sendline("autoload -Uz compinit && compinit -u")
    child.sendline('eval "$(cnet --show-completion)"')  # the script for the shell it runs in
    child.sendline("echo READY")
    child.expect("READY\r?\n")
    return child


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_people_complete_in_the_shell(shell, example, tmp_path):
    import pexpect

    child = _shell(shell, example.db, tmp_path)
    child.send("cnet show ben\t")
    child.expect("ben-carter")
    child.send(" --json\r")  # the completed line runs
    child.expect('"name": "Ben Carter"')
    child.send("cnet show bon\t --json\r")  # a nickname
    child.expect('"name": "Leonard Okafor"')
    # Many people: Tab types only what they all share, never the start of the first fifty.
    rows = "".join(f"Al,Person{i:02d},,,,,01 Jan 2024\n" for i in range(55))
    rows += "".join(f"Bo,Person{i:02d},,,,,01 Jan 2024\n" for i in range(5))
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows
    )
    example.ok("import", "linkedin", str(tmp_path / "Connections.csv"))
    child.send("cnet show \tX\r")
    child.expect("no person matches 'X'")  # nothing was typed before the X
    child.send("cnet show al\tX\r")
    child.expect("no person matches 'al-personX'")  # what all the al-… handles share
    child.sendline("exit")
    child.expect(pexpect.EOF)


def test_did_you_mean_reads_people_a_chunk_at_a_time_and_suggests_the_same(example, monkeypatch):
    """Suggestions for a name that matched no one are scored a chunk of people at a time (flat memory on a large
    network) and come back the same as from one pass over everyone."""
    import sqlite3

    from curated_net.people import records

    conn = sqlite3.connect(example.db)
    try:
        for typo in ("leonrad", "bnoes", "jim castelano", "mrk", "danel-carter-364699"):
            whole = records.suggest(conn, typo)
            monkeypatch.setattr(records, "SUGGEST_CHUNK", 2)
            assert records.suggest(conn, typo) == whole, typo
            monkeypatch.setattr(records, "SUGGEST_CHUNK", 20_000)
        assert ("leonard-okafor" in dict(records.suggest(conn, "leonrad"))) is True
    finally:
        conn.close()
    monkeypatch.setattr(records, "SUGGEST_CHUNK", 1)
    r = example.fails("show", "leonrad")
    assert "Did you mean" in r.stderr and "leonard-okafor" in r.stderr
    r = example.fails("degree", "bnoes")
    assert "Did you mean" in r.stderr and "leonard-okafor" in r.stderr
