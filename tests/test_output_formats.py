"""--output: every command that prints rows offers TSV and writes it; a command that prints one document
offers table and JSON only, so `--output tsv` there is a usage error, never silently a table."""

from __future__ import annotations

import pytest
import typer
from typer._click.core import Context

from curated_net.cli.app import app

# What each row-printing command needs besides --output (team commands need a server: see test_team.py).
ROW_COMMANDS = {
    "list": [],
    "search": ["Leonard"],
    "evidence": ["bones"],
    "history": ["bones"],
    "degree": ["bones", "jim"],
    "path": ["bones"],
    "network": [],
    "intro list": [],
    "intro pending": ["--days", "0"],
    "request list": [],
    "recognition": [],
    "decisions": [],
    "audit": [],
    "template list": [],
    "dupes": [],
    "suggest list": [],
    "due": [],
    "prune list": [],
    "review": [],
}


def _output_choices() -> dict[str, list[str]]:
    """Every command with an --output option, and the formats it offers."""
    found: dict[str, list[str]] = {}

    def walk(command, path: list[str], ctx: Context) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, [*path, name], Context(sub, parent=ctx))
            return
        for p in command.params:
            if "--output" in getattr(p, "opts", []):
                found[" ".join(path)] = list(p.type.choices)

    root = typer.main.get_command(app)
    walk(root, [], Context(root))
    return found


def test_every_command_offers_table_and_json_and_tsv_only_where_it_prints_rows():
    choices = _output_choices()
    assert len(choices) > 60
    assert all(c[:2] == ["table", "json"] for c in choices.values())
    offering = {name for name, c in choices.items() if "tsv" in c}
    assert offering - {"team publish", "team who-knows"} == set(ROW_COMMANDS)


@pytest.mark.parametrize("command", sorted(ROW_COMMANDS))
def test_tsv_is_a_header_and_rows_of_the_same_width(example, command):
    r = example.ok(*command.split(), *ROW_COMMANDS[command], "--output", "tsv")
    lines = r.stdout.splitlines()
    assert lines, f"cnet {command} -o tsv printed nothing"
    width = lines[0].count("\t")
    assert width >= 1 and all(line.count("\t") == width for line in lines)
    assert "│" not in r.stdout and "─" not in r.stdout  # not a drawn table


def test_row_shaped_documents_give_their_rows(example):
    degree = [line.split("\t") for line in example.ok("degree", "bones", "jim", "-o", "tsv").stdout.splitlines()]
    head = degree[0]
    assert head == ["from", "to", "degree", "label", "view", "path"] and len(degree) == 2
    row = dict(zip(head, degree[1], strict=True))
    assert row["from"].startswith("leonard") and row["label"] == "2nd" and row["view"] == "curated"
    evidence = example.ok("evidence", "bones", "-o", "tsv").stdout.splitlines()
    assert evidence[0].split("\t")[:2] == ["id", "criterion"] and len(evidence) >= 2
    decided = example.ok("decisions", "-o", "tsv").stdout.splitlines()
    assert len(decided) == 1 + len(example.json("decisions"))


def test_a_document_command_refuses_tsv_as_a_usage_error(example):
    before = example.snapshot()
    r = example.fails("show", "bones", "--output", "tsv", code=2)
    assert "'tsv' is not one of 'table', 'json'" in r.stderr and r.stdout == ""
    example.fails("add", "Nina Park", "-o", "tsv", code=2)
    assert example.snapshot() == before
    assert "<table|json>" in example.ok("show", "--help").stdout
