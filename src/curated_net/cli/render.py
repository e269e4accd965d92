"""The one renderer: tables and cards for people on a terminal, one JSON document for machines.

Everything from the user or a file goes through `lit()` so it prints literally: no Rich
markup is interpreted and control characters cannot reach the terminal.
"""

from __future__ import annotations

import enum
import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Annotated, Any

import typer

from ..text import printable


class Output(enum.StrEnum):
    table = "table"
    json = "json"


OutputOpt = Annotated[
    Output, typer.Option("--output", "-o", help="Output format.", case_sensitive=False, show_default=True)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document (same as --output json).")]


def wants_json(output: Output, as_json: bool) -> bool:
    return as_json or output == Output.json


_C1 = re.compile("[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def emit_json(data: Any) -> None:
    """Print one JSON document on stdout (C1 controls escaped so no terminal acts on them)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def console(stderr: bool = False):
    import os

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Piped output is read by tools and people alike: do not squeeze tables into 80 columns.
    width = None if os.environ.get("COLUMNS") or _isatty(stream) else 200
    return Console(
        file=stream,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=stderr,
    )


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def lit(value: Any, style: str | None = None):
    """Rich Text holding `value` literally."""
    from rich.text import Text

    return Text("" if value is None else printable(str(value)), style=style or "")


def line(text: str, *, err: bool = False) -> None:
    """Print one plain line (already literal), e.g. a handle for scripts."""
    stream = sys.stderr if err else sys.stdout
    stream.write(printable(text) + "\n")


def emit(data: Any, json_mode: bool, table: Callable[[Any], None]) -> None:
    """Render `data` as JSON or through its table renderer."""
    if json_mode:
        emit_json(data)
    else:
        table(data)


# -- people --------------------------------------------------------------------------------------


def people_table(people: list[dict], *, title: str | None = None, extra: str | None = None) -> None:
    from rich.table import Table

    con = console()
    if not people:
        con.print(lit("No people." if title is None else f"{title}: no people."))
        return
    table = Table(title=lit(title) if title else None, show_lines=False)
    table.add_column("handle", no_wrap=True)
    table.add_column("name")
    table.add_column("company")
    table.add_column("title")
    if extra:
        table.add_column(extra)
    table.add_column("tags")
    for p in people:
        row = [lit(p["handle"], "bold"), lit(p["name"]), lit(p.get("company")), lit(p.get("title"))]
        if extra:
            row.append(lit(p.get(extra)))
        row.append(lit(", ".join(p.get("tags", []))))
        table.add_row(*row)
    con.print(table)
    con.print(lit(f"{len(people)} {'person' if len(people) == 1 else 'people'}"), style="dim")


def person_card(p: dict) -> None:
    from rich.panel import Panel
    from rich.table import Table

    from ..dates import load_partial_date

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()

    def row(label: str, value: Any) -> None:
        if value in (None, "", [], {}):
            return
        if isinstance(value, list):
            value = "\n".join(str(v) for v in value)
        grid.add_row(lit(label), lit(value))

    row("handle", p["handle"])
    row("nickname", p.get("nickname"))
    row("pronouns", p.get("pronouns"))
    role = " at ".join(x for x in (p.get("title"), p.get("company")) if x)
    row("role", role)
    row("location", p.get("location"))
    row("e-mail", p.get("emails"))
    row("phone", p.get("phones"))
    row("linkedin", p.get("linkedin"))
    row("tags", ", ".join(p.get("tags", [])))
    row("how we met", p.get("how_met"))
    met = load_partial_date(p.get("met_on"))
    row("met", met.human() if met else None)
    row("highlights", [f"{i}. {h}" for i, h in enumerate(p.get("highlights", []), 1)])
    flags = [k.replace("_", "-") for k, v in (p.get("flags") or {}).items() if v]
    row("flags", ", ".join(flags))
    for key, label in (("connection", "connection"), ("degree", "degree"), ("strength", "strength")):
        if key in p and p[key] not in (None, {}):
            row(label, _summary(p[key]))
    row("notes", p.get("notes"))
    title = lit(p["name"] + ("  (me)" if p.get("is_me") else ""), "bold")
    console().print(Panel(grid, title=title, title_align="left", expand=False))


def _summary(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("summary") or ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, []))
    return str(value)


def search_table(hits: list[dict]) -> None:
    from rich.table import Table

    con = console()
    if not hits:
        con.print(lit("No matches."))
        return
    table = Table()
    table.add_column("handle", no_wrap=True)
    table.add_column("name")
    table.add_column("company")
    table.add_column("match")
    for h in hits:
        table.add_row(lit(h["handle"], "bold"), lit(h["name"]), lit(h.get("company")), lit(h.get("match")))
    con.print(table)


def key_values(data: dict, *, title: str | None = None) -> None:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for k, v in data.items():
        if isinstance(v, dict):
            v = ", ".join(f"{kk} {vv}" for kk, vv in v.items())
        grid.add_row(lit(k), lit(v))
    con = console()
    if title:
        con.print(lit(title, "bold"))
    con.print(grid)


def simple_table(rows: Iterable[dict], columns: list[str], *, empty: str = "Nothing to show.") -> None:
    from rich.table import Table

    rows = list(rows)
    con = console()
    if not rows:
        con.print(lit(empty))
        return
    table = Table()
    for c in columns:
        table.add_column(c.replace("_", " "))
    for r in rows:
        table.add_row(*[lit(_cell(r.get(c))) for c in columns])
    con.print(table)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(_cell(x) for x in v)
    return str(v)


# -- messages ------------------------------------------------------------------------------------


def warn(message: str) -> None:
    console(stderr=True).print(lit("warning: ", "yellow"), lit(message), sep="")


def info(message: str) -> None:
    """A human note on stderr, so stdout stays clean for scripts."""
    console(stderr=True).print(lit(message))


def error(
    message: str, *, rows: list[tuple[str, str]] | None = None, hint: str | None = None, label: str = "error"
) -> None:
    con = console(stderr=True)
    con.print(lit(f"{label}: ", "bold red"), lit(message), sep="")
    width = max((len(h) for h, _ in rows or []), default=0)
    for handle, name in rows or []:
        con.print(lit(f"  {handle.ljust(width)}  {name}"))
    if hint:
        con.print(lit(hint), style="dim")
