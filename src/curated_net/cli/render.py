"""The one renderer: tables and cards for people on a terminal, one JSON document for machines.

Everything from the user or a file goes through `lit()` so it prints literally: no Rich
markup is interpreted and control characters cannot reach the terminal.
"""

import enum
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any

import typer

from ..records import as_json
from ..text import counted, noun, printable, size_text


class Output(enum.StrEnum):
    table = "table"
    json = "json"
    tsv = "tsv"


def _note_json(ctx: typer.Context, value: Any) -> Any:
    """Remember that JSON was asked for, so that a refusal is answered in JSON too (see `errors.report`)."""
    if value is True or value == Output.json:
        from .context import state

        state(ctx).json = True
    return value


class DocOutput(enum.StrEnum):
    """The outputs of a command that prints one document, not rows: TSV is not offered where it would mean nothing."""

    table = "table"
    json = "json"


OutputOpt = Annotated[
    Output,
    typer.Option(
        "--output",
        "-o",
        help="Output format (tsv: one row a line).",
        case_sensitive=False,
        show_default=True,
        callback=_note_json,
    ),
]
DocOutputOpt = Annotated[
    DocOutput,
    typer.Option("--output", "-o", help="Output format.", case_sensitive=False, show_default=True, callback=_note_json),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (same as --output json).", callback=_note_json)
]


def wants_json(output: Output | DocOutput, as_json: bool) -> bool:
    return as_json or output == Output.json


# C1 and bidi controls, and lone surrogates (bytes that were not UTF-8, as in a file name): written as \uXXXX
# escapes, which JSON allows, so that no terminal acts on them and stdout can always encode the document.
_C1 = re.compile("[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def emit_json(data: Any) -> None:
    """Print one JSON document on stdout (C1 controls escaped so no terminal acts on them)."""
    # Indented for a person at a terminal; compact (and several times faster) for programs.
    text = json.dumps(data, ensure_ascii=False, indent=2 if _isatty(sys.stdout) else None, default=as_json)
    text = _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


def console(stderr: bool = False):
    import os

    stream = sys.stderr if stderr else sys.stdout
    piped = not _isatty(stream)
    # Piped output is read by tools and people alike: do not squeeze tables into 80 columns.
    width = None if os.environ.get("COLUMNS") or not piped else 200
    # Nothing on stderr is wrapped; on a pipe, lines of text are not (tables keep their layout).
    kind = _lines_console() if piped and not stderr else _rich_console()
    return kind(
        file=stream,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=stderr or piped,
    )


def _rich_console():
    from rich.console import Console

    return Console


@functools.cache
def _lines_console():
    """Rich's Console, but its soft wrap holds for lines of text only: a message or a line written to a pipe
    is never broken, so a command in it can be copied whole; a table, a card or a grid keeps its layout at
    the console's width."""
    from rich.console import Console
    from rich.text import Text

    class Lines(Console):
        def print(self, *objects: Any, soft_wrap: bool | None = None, **kwargs: Any) -> None:
            if soft_wrap is None and not all(isinstance(o, str | Text) for o in objects):
                soft_wrap = False
            super().print(*objects, soft_wrap=soft_wrap, **kwargs)

    return Lines


def is_terminal() -> bool:
    """Whether stdout is a terminal (text to a terminal is escaped; to a file or a pipe it stays exact)."""
    return _isatty(sys.stdout)


def _isatty(stream) -> bool:
    from ..paths import is_terminal

    return is_terminal(stream)


def lit(value: Any, style: str | None = None):
    """Rich Text holding `value` literally."""
    from rich.text import Text

    return Text("" if value is None else printable(str(value)), style=style or "")


def plain(text: str) -> str:
    """Text from the user made literal for a prompt or a line (control characters escaped)."""
    return printable(text)


def line(text: str, *, err: bool = False) -> None:
    """Print one plain line (already literal), e.g. a handle for scripts."""
    stream = sys.stderr if err else sys.stdout
    stream.write(printable(text) + "\n")


def mode(output: Output | DocOutput, as_json: bool) -> Output:
    """The output a list command was asked for: --json wins, then --output."""
    return Output.json if as_json else Output(output)


def emit(
    data: Any,
    json_mode: bool | Output | DocOutput,
    table: Callable[[Any], None],
    *,
    tsv: list[str] | None = None,
    rows: Callable[[Any], Iterable[Mapping[str, Any]]] | None = None,
) -> None:
    """Render `data` as JSON, as tab-separated rows (given `tsv` columns; `rows` picks a document's rows),
    or through its table."""
    if json_mode is True or json_mode == Output.json:
        emit_json(data)
    elif json_mode == Output.tsv and tsv is not None:
        emit_tsv(rows(data) if rows else data, tsv)
    else:
        table(data)


def emit_tsv(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> None:
    """One line a row, a header first; tabs and line breaks inside a value written as \\t and \\n so each row
    stays one line (and, to a terminal, control characters escaped)."""
    out = sys.stdout
    literal = _isatty(out)

    def cell(v: Any) -> str:
        text = _cell(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return printable(text) if literal else text

    out.write("\t".join(columns) + "\n")
    for r in rows:
        out.write("\t".join(cell(r.get(c)) for c in columns) + "\n")


# -- rows: lists of people and search hits, any number of them -----------------------------------------

TERMINAL_ROWS = 200  # the most a table shows before it is laid out as plain columns (or, on a terminal, cut)


def screen_rows() -> int:
    """How many rows a table on this terminal shows at once (its height less the header and footer)."""
    import shutil

    return max(10, min(TERMINAL_ROWS, shutil.get_terminal_size((100, 40)).lines - 8))


def emit_rows(
    rows: Iterable[Mapping[str, Any]],
    how: Output,
    table: Callable[[list[Any]], None],
    *,
    tsv: list[str],
    columns: list[str],
    cut: int | None = None,
    more_hint: str = "--all, --limit N or --output tsv for the rest",
) -> None:
    """Render rows as they come: JSON (one row a line inside one array) and TSV stream every row; a table
    shows at most `cut` rows (a screen's worth, on a terminal) and says what is left, and beyond
    TERMINAL_ROWS rows it is written as plain aligned columns, a batch at a time, not laid out whole."""
    import itertools

    it = iter(rows)
    # The first row is read before anything is written: bad input is an error, not half an output.
    first = list(itertools.islice(it, 1))
    it = itertools.chain(first, it)
    if how == Output.json:
        emit_json_rows(it)
        return
    if how == Output.tsv:
        emit_tsv(it, tsv)
        return
    head = list(itertools.islice(it, (cut if cut is not None else TERMINAL_ROWS) + 1))
    if cut is not None:
        table(head[:cut])
        if len(head) > cut:
            info(f"… and more: the first {cut} shown ({more_hint})")
        return
    if len(head) <= TERMINAL_ROWS:
        table(head)
        return
    plain_columns(itertools.chain(head, it), columns)


def emit_json_rows(rows: Iterable[Any]) -> None:
    """One JSON array on stdout, written a row at a time (one row a line), C1 controls escaped."""
    out = sys.stdout
    sep = "[\n"
    for r in rows:
        out.write(
            sep + _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(r, ensure_ascii=False, default=as_json))
        )
        sep = ",\n"
    out.write("[]\n" if sep == "[\n" else "\n]\n")


def plain_rows(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> None:
    """Rows for a pipe: one a line, values separated by tabs under a header, nothing laid out (a tab or line
    break inside a value written as \\t or \\n)."""
    out = sys.stdout
    lines = ["\t".join(columns)]
    for r in rows:
        values = ["" if (v := r.get(c)) is None else str(v) for c in columns]
        line = "\t".join(values)
        if line.count("\t") != len(columns) - 1 or "\n" in line or "\r" in line:
            line = "\t".join(v.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") for v in values)
        lines.append(line)
    out.write("\n".join(lines) + "\n")


def plain_columns(
    rows: Iterable[Mapping[str, Any]], columns: list[str], *, sample: int = 1_000, widest: int = 40
) -> None:
    """Rows as plain text columns (widths from the first rows), streamed: for thousands of rows, where a
    laid-out table would take a millisecond a row. Values are literal, never cut."""
    import itertools

    it = iter(rows)
    first = list(itertools.islice(it, sample))

    def cells(r: Mapping[str, Any]) -> list[str]:
        return [printable(_cell(r.get(c)).replace("\t", "\\t").replace("\n", "\\n")) for c in columns]

    widths = [min(widest, max([len(c), *(len(x[i]) for x in map(cells, first))])) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip() + "\n"

    out = sys.stdout
    out.write(line(list(columns)))
    out.write(line(["-" * w for w in widths]))
    count, batch = 0, []
    for r in itertools.chain(first, it):
        batch.append(line(cells(r)))
        count += 1
        if len(batch) >= 2_000:
            out.write("".join(batch))
            batch = []
    out.write("".join(batch))
    out.write(counted(count, "row") + "\n")


# -- people --------------------------------------------------------------------------------------


def people_table(
    people: list[dict], *, title: str | None = None, extra: str | None = None, total: int | None = None
) -> None:
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
    shown = counted(len(people), "person")
    if total is not None and total > len(people):  # cut short: say of how many
        shown = f"{len(people):,} of {counted(total, 'person')}"
    con.print(lit(shown), style="dim")


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
    row("also known as", p.get("also_known_as"))
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
    for key, label in (("connection", "connection"), ("degree", "degree")):
        if key in p and p[key] not in (None, {}):
            row(label, _summary(p[key]))
    s = p.get("strength")
    if s and "evidence" in s:  # --explain: the parts of the score, as the README documents them
        last = s.get("last_interaction")
        row(
            "strength",
            [
                f"{s['score']}/100 = evidence {s['evidence']} + recency {s['recency']} + frequency {s['frequency']}",
                f"last interaction {last} ({counted(s['days_since_last'], 'day')} ago)"
                if last
                else "no interaction logged",
                f"{counted(s['interactions_in_window'], 'interaction')} in two years (memorable ones count twice)",
            ],
        )
    elif s:
        row("strength", _summary(s))
    given = [
        (f"endorsed for {r['skill']}" if r["kind"] == "endorsement" else "recommended") + f" ({r['given_on']})"
        for r in p.get("recognition", [])
    ]
    row("recognition", given)
    # The days as the person holds them (the card after add and edit as after show), and when each comes
    # round next where the data says (show's days_to_remember).
    ahead = p.get("days_to_remember") or {}
    for kind in ("birthday", "anniversary"):
        d = ahead.get(kind) or {}
        row(kind, p.get(kind) and p[kind] + (f" (next {d['next']}, {d['when']})" if d.get("next") else ""))
    last = p.get("last_contact")
    if "last_contact" in p:
        row("last contact", f"{last} ({_ago(last)})" if last else "none recorded")
    k = p.get("keep_in_touch")
    if k:
        row(
            "keep in touch",
            f"every {counted(k['every_days'], 'day')}"
            + (f", at most {k['at_most_days']}" if k.get("at_most_days") else "")
            + (f" (from {k['from']})" if k["from"] != "person" else "")
            + (f"; {k['when']}" if k.get("when") else "")
            + ("; OVERDUE" if k.get("overdue") else ""),
        )
    places = p.get("affiliations")
    row(
        "worked / studied",
        [
            f"{a['name']}"
            + (f" {_period(a)}" if a.get("start") or a.get("until") else "")
            + (" (school)" if a["kind"] == "school" else "")
            for a in places
        ]
        if places is not None
        else [*p.get("employers", []), *(f"{s} (school)" for s in p.get("schools", []))],  # a person record
    )
    row(
        "address book",
        [
            f"{c['property'].lower()}"
            + (f" ({', '.join(c['type'])})" if c["type"] else "")
            + f": {c['value']}".replace("\n", " / ")
            for c in p.get("address_book", [])
        ],
    )
    row("notes", p.get("notes"))
    title = lit(p["name"] + ("  (me)" if p.get("is_me") else ""), "bold")
    console().print(Panel(grid, title=title, title_align="left", expand=False))


def _ago(day: str) -> str:
    import datetime as dt

    try:
        days = (dt.date.today() - dt.date.fromisoformat(day[:10])).days if len(day) >= 10 else None
    except ValueError:
        days = None
    if days is None:
        return day
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


def _period(a: dict) -> str:
    from ..people.affiliations import period

    return period(a.get("start"), a.get("until"))


def due_rows(rows: list[dict]) -> None:
    """Who is due, for a person at a terminal: a table that reads ("12 days late", "in 6 days"), those past
    --at-most marked OVERDUE; on a narrow terminal one block each, a rule between them."""
    from rich.table import Table

    con = console()
    if not rows:
        con.print(lit("No one is due."))
        return
    cells = [
        {
            "who": f"{r['name']} ({r['handle']})",
            "what": "keep in touch" if r["kind"] == "contact" else r["kind"],
            "when": r["when"] + ("  OVERDUE" if r["overdue"] else ""),
            "last contact": r["last_contact"] or ("" if r["kind"] != "contact" else "never"),
            "cadence": f"every {r['every_days']}d" + (f", at most {r['at_most_days']}d" if r["at_most_days"] else "")
            if r["every_days"]
            else f"yearly, {r.get('date_text') or r.get('date') or ''}",
            "_overdue": r["overdue"],
        }
        for r in rows
    ]
    columns = ["who", "what", "when", "last contact", "cadence"]
    widths = [max(len(c), *(len(printable(x[c])) for x in cells)) for c in columns]
    if sum(widths) + 3 * len(columns) + 1 > con.width:
        rule = "─" * max(10, min(con.width, 40))
        for n, x in enumerate(cells):
            if n:
                con.print(lit(rule), style="dim")
            con.print(lit(x["who"], "bold"), soft_wrap=False)  # a table's rows, one block each: they wrap as it does
            con.print(lit(f"  {x['what']}: {x['when']}"), style="bold red" if x["_overdue"] else None, soft_wrap=False)
            for c in ("last contact", "cadence"):
                if x[c]:
                    con.print(lit(f"  {c}: {x[c]}"), soft_wrap=False)
        return
    table = Table()
    for c in columns:
        table.add_column(c, no_wrap=c == "who")
    for x in cells:
        style = "bold red" if x["_overdue"] else None
        table.add_row(*[lit(x[c], style if c == "when" else None) for c in columns])
    con.print(table)


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
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    need = sum(w if c in HANDLE_COLUMNS else min(w, 10) for c, w in zip(columns, widths, strict=True))
    if need + 3 * len(columns) + 1 > con.width:
        # Too narrow for a table whose handles stay whole: one block per row, every value on its own line.
        label = max(len(c) for c in columns)
        rule = "─" * max(10, min(con.width, 40))
        for n, row in enumerate(cells):
            if n:  # a rule between blocks: where one person ends and the next begins
                con.print(lit(rule), style="dim")
            for c, v in zip(columns, row, strict=True):
                if v:
                    # A table's rows, one block each: they wrap to the width as the table would.
                    con.print(lit(f"{c.replace('_', ' '):<{label}}  {v}"), soft_wrap=False)
        return
    table = Table()
    for i, c in enumerate(columns):
        if c in HANDLE_COLUMNS:
            # What the user types next is never cut: handles keep their width, other columns give way.
            width = max(len(c), *(len(row[i]) for row in cells))
            table.add_column(c.replace("_", " "), no_wrap=True, min_width=width)
        else:
            table.add_column(c.replace("_", " "), overflow="fold")
    for row in cells:
        table.add_row(*[lit(v) for v in row])
    con.print(table)


# Columns whose values are handles or numbers a user types in the next command.
HANDLE_COLUMNS = frozenset({"id", "handle", "a", "b", "from", "to", "keep", "other", "subjects", "requested_by"})


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


def verdict_notes(verdict: dict | None) -> None:
    """On stderr: the warnings of an allowed gated action, and what an override let through."""
    if not verdict:
        return
    for r in verdict["rules"]:
        if not r["passed"] and r["effect"] == "warn":
            warn(f"{r['id']}: {r['message']}." + (f" Fix: {r['fix']}" if r.get("fix") else ""))
    if verdict.get("outcome") == "overridden":
        refused = [r["id"] for r in verdict["rules"] if not r["passed"] and r["effect"] == "deny"]
        warn(f"overridden ({verdict.get('override_reason')}): " + "; ".join(refused))


def info(message: str) -> None:
    """A human note on stderr, so stdout stays clean for scripts."""
    console(stderr=True).print(lit(message))


def error(
    message: str, *, rows: list[tuple[str, str]] | None = None, hint: str | None = None, label: str | None = "error"
) -> None:
    con = console(stderr=True)
    if label:
        con.print(lit(f"{label}: ", "bold red"), lit(message), sep="")
    else:
        con.print(lit(message))
    width = max((len(h) for h, _ in rows or []), default=0)
    for handle, name in rows or []:
        con.print(lit(f"  {handle.ljust(width)}  {name}"))
    if hint:
        con.print(lit(hint), style="dim")


# -- ties and the graph ----------------------------------------------------------------------------


EVIDENCE_TSV = ["id", "criterion", "detail", "since", "until", "place", "conversation"]


def evidence_rows(data: dict) -> list[dict]:
    """Each item of evidence as a row."""
    return [{c: e.get(c) for c in EVIDENCE_TSV} for e in data["evidence"]]


def evidence_table(data: dict) -> None:
    con = console()
    con.print(lit(f"{data['name']} ({data['person']}) — {data['summary']}", "bold"))
    rows = [{"#" if c == "id" else c: v for c, v in r.items()} for r in evidence_rows(data)]
    simple_table(rows, ["#", *EVIDENCE_TSV[1:]], empty="No evidence recorded.")


DEGREE_TSV = ["from", "to", "degree", "label", "view", "path"]


def degree_rows(doc: dict) -> list[dict]:
    """A degree as one row (the path as handles joined by commas), for scripts asking about many pairs."""
    return [{c: doc.get(c) for c in DEGREE_TSV}]


def _path_lines(doc: dict) -> None:
    con = console()
    for hop in doc.get("hops", []):
        con.print(lit(f"  {hop['from']} — {hop['to']}: {hop['how']}"))


def degree_doc(doc: dict) -> None:
    con = console()
    head = f"{doc['from']} → {doc['to']}: {doc['label']} ({doc['view']} view)"
    con.print(lit(head, "bold"))
    if doc["degree"]:
        con.print(lit("  " + " → ".join(doc["path"])))
        _path_lines(doc)
    for extra in doc.get("paths", [])[1:]:
        con.print(lit("  also: " + " → ".join(extra)))
    if doc.get("paths_truncated"):
        con.print(lit("  (more shortest paths exist; raise --limit)"), style="dim")
    if doc["degree"] is None:
        other = " or in the nominal view (--view nominal)" if doc["view"] == "curated" else ""
        con.print(lit(f"  Look further with --max-depth N (up to 50){other}."), style="dim")


def routes_doc(doc: dict) -> None:
    con = console()
    con.print(lit(f"{doc['from']} → {doc['to']}: {doc['label']} ({doc['view']} view)", "bold"))
    if not doc["routes"]:
        con.print(lit("  No route found."))
        return
    for i, r in enumerate(doc["routes"], 1):
        ask = f" — ask {r['ask']}" if r.get("ask") else ""
        con.print(lit(f"{i}. {' → '.join(r['path'])}  (weakest tie {r['weakest']}, {r['length']} hops){ask}"))
        for hop in r["hops"]:
            con.print(lit(f"     {hop['from']} — {hop['to']} [{hop['strength']}]: {hop['how']}"))


def map_doc(doc: dict, *, err: bool = False) -> None:
    """One line: what was drawn and where it went (on stdout: the file is the product; on stderr when the
    page itself went to stdout)."""
    counts = ", ".join(f"{n:,} {d}" for d, n in doc["by_degree"].items()) or "no one"
    folded = f"; {doc['folded']:,} folded into their bridges until clicked" if doc["folded"] else ""
    grouped = doc.get("grouped")
    if grouped:
        folded = (
            f"; grouped by company ({grouped['companies']:,}) then by bridge, opening on click; "
            f"{grouped['on_page']:,} on the page, {grouped['left_out']:,} left out (cnet list --degree N lists them)"
        )
    if doc.get("not_drawn"):
        folded = (
            f"; {counted(doc['not_drawn'], 'person')} beyond the first ring not drawn "
            "(a picture opens nothing: --format html folds them into their bridges)"
        )
    context = f"; {doc['context']:,} shown as context" if doc["context"] else ""
    where = "the map to stdout" if doc["out"] == "-" else doc["out"]
    con = console(stderr=err)
    con.print(
        lit(
            f"Wrote {where} ({doc['format']}, {size_text(doc['bytes'])}): {doc['view']} view around "
            f"{doc['centre']}, {counts}{context}{folded}"
        )
    )


NETWORK_TSV = ["view", "degree", "people"]


def network_rows(doc: dict) -> list[dict]:
    """The network as rows: how many people at each degree, in each view."""
    return [
        {"view": view, "degree": label, "people": n}
        for view in ("curated", "nominal")
        for label, n in doc["views"][view]["by_degree"].items()
    ]


ROUTES_TSV = ["route", "hop", "from", "to", "strength", "how"]


def route_rows(doc: dict) -> list[dict]:
    """The routes as rows, one a hop."""
    return [
        {"route": i, "hop": j, "from": h["from"], "to": h["to"], "strength": h["strength"], "how": h["how"]}
        for i, r in enumerate(doc["routes"], 1)
        for j, h in enumerate(r["hops"], 1)
    ]


def network_doc(doc: dict) -> None:
    from rich.table import Table

    con = console()
    con.print(
        lit(
            f"{counted(doc['people'], 'person')}, {counted(doc['connections'], 'connection')} "
            f"({doc['curated_connections']:,} curated), {counted(doc['links'], 'link')}",
            "bold",
        )
    )
    table = Table(title=lit("By degree from me"))
    table.add_column("degree")
    table.add_column("curated", justify="right")
    table.add_column("nominal", justify="right")
    labels = list(dict.fromkeys([*doc["views"]["curated"]["by_degree"], *doc["views"]["nominal"]["by_degree"]]))
    labels.sort(key=lambda s: (s == "not connected", int("".join(ch for ch in s if ch.isdigit()) or 0)))
    for lab in labels:
        table.add_row(
            lit(lab),
            lit(doc["views"]["curated"]["by_degree"].get(lab, 0)),
            lit(doc["views"]["nominal"]["by_degree"].get(lab, 0)),
        )
    con.print(table)
    for view in ("curated", "nominal"):
        rows = doc["views"][view]["bridges"]
        con.print(lit(f"Bridges to 2nd-degree people ({view} view)", "bold"))
        simple_table(rows, ["handle", "name", "second_degree", "only_through_them"], empty="  none")
    untied = doc["untied"]
    con.print(lit(f"People with no tie: {untied['count']}", "bold"))
    if untied["people"]:
        con.print(
            lit(
                "  "
                + ", ".join(p["handle"] for p in untied["people"])
                + (" …" if untied["count"] > len(untied["people"]) else "")
            )
        )


class progress:
    """A Rich progress bar on a terminal (stderr); a no-op callback elsewhere."""

    def __init__(self, label: str, *, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled and _isatty(sys.stderr)
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self):
        if not self.enabled:
            return lambda done, total: None
        from rich.progress import Progress

        self._bar = Progress(console=console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task(self.label, total=None)

        def tick(done: int, total: int) -> None:
            self._bar.update(self._task, completed=done, total=total)

        return tick

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False


# -- policy --------------------------------------------------------------------------------------


def policy_table(data: dict) -> None:
    con = console()
    con.print(lit(f"Policy: {data['source']} (hash {data['hash']})", "bold"))
    rows = [
        {
            "id": r["id"],
            "kind": r["kind"],
            "actions": r["actions"],
            "effect": r["effect"] + (", overridable" if r["allow_override"] else ""),
            "enabled": r["enabled"],
            "params": ", ".join(f"{k}={v}" for k, v in r["params"].items()),
        }
        for r in data["rules"]
    ]
    simple_table(
        rows, ["id", "kind", "actions", "effect", "enabled", "params"], empty="No rules: everything is allowed."
    )


def _fix_label(rule: dict) -> str:
    """A fix that records a fact is to be run only if that fact is true, and says so."""
    return "fix, only if true" if rule.get("fix_only_if_true") else "fix"


def verdict_table(data: dict, *, explain: bool = False) -> None:
    con = console()
    who = ", ".join(f"{k} {v}" for k, v in data.get("subjects", {}).items())
    head = {"allowed": "allowed", "warned": "allowed, with warnings", "refused": "refused"}.get(
        data["outcome"], data["outcome"]
    )
    con.print(lit(f"{data['action']} ({who}): {head}", "bold"))
    for r in data["rules"]:
        if r["passed"] and not explain:
            continue
        mark = "pass" if r["passed"] else ("FAIL" if r["effect"] == "deny" else "warn")
        con.print(lit(f"  [{mark}] {r['id']}: {r['message']}"))
        if r.get("fix") and not r["passed"]:
            con.print(lit(f"         {_fix_label(r)}: {r['fix']}"))
    if not explain and all(r["passed"] for r in data["rules"]):
        n = len(data["rules"])
        con.print(lit(f"  {counted(n, 'rule')} {noun(n, 'passes', 'pass')} (--explain to see them)"), style="dim")


DECISIONS_TSV = ["at", "action", "outcome", "subjects", "failed", "override"]


def decision_rows(rows: list[dict]) -> list[dict]:
    """Each decision as a row: when, what, the verdict, about whom, the rules that failed, the override."""
    return [
        {
            "at": r["at"],
            "action": r["action"],
            "outcome": r["outcome"],
            "subjects": r["subjects"],
            "failed": [x["id"] for x in r["rules"] if not x["passed"]],
            "override": r.get("override_reason"),
        }
        for r in rows
    ]


def decisions_table(rows: list[dict]) -> None:
    simple_table(decision_rows(rows), DECISIONS_TSV, empty="No decisions recorded yet.")


AUDIT_TSV = ["subject", "name", "kind", "would_be", "rule", "message", "fix"]


def audit_rows(data: dict) -> list[dict]:
    """The audit as rows: one for each failing rule of each failing subject."""
    return [
        {
            "subject": item["subject"],
            "name": item["name"],
            "kind": item["kind"],
            "would_be": item["would_be"],
            "rule": r["id"],
            "message": r["message"],
            "fix": r.get("fix"),
        }
        for item in data["failing"]
        for r in item["rules"]
    ]


AUDIT_SHOWN = 50


def audit_doc(data: dict) -> None:
    con = console()
    con.print(lit(f"Audit against policy {data['policy']}", "bold"))
    for text in data["lines"]:
        con.print(lit("  " + text))
    if not data["failing"]:
        con.print(lit("Nothing fails your policy."))
        return
    con.print(lit(f"Would be refused or warned today ({len(data['failing'])}):", "bold"))
    shown = data["failing"][:AUDIT_SHOWN]
    for item in shown:
        what = item["kind"] + (
            f" ({item['recognition'].get('skill')})" if item.get("recognition", {}).get("skill") else ""
        )
        con.print(lit(f"  {item['subject']} — {item['name']} — {what}: {item['would_be']}"))
        for r in item["rules"]:
            con.print(
                lit(f"      {r['id']}: {r['message']}" + (f"  {_fix_label(r)}: {r['fix']}" if r.get("fix") else ""))
            )
    if len(data["failing"]) > len(shown):
        con.print(lit(f"… and {len(data['failing']) - len(shown):,} more (all of them with --json)"), style="dim")


# -- introductions and requests ------------------------------------------------------------------


def intro_table(rows: list[dict]) -> None:
    simple_table(
        [{**r, "outcome": r.get("outcome") or ""} for r in rows],
        ["id", "a", "b", "status", "outcome", "requested_by", "reason"],
        empty="No introductions yet.",
    )


def intro_card(r: dict) -> None:
    con = console()
    con.print(lit(f"Introduction #{r['id']}: {r['a_name']} ({r['a']}) → {r['b_name']} ({r['b']})", "bold"))
    rows = {
        "status": r["status"] + (f", outcome {r['outcome']}" if r.get("outcome") else ""),
        "reason": r.get("reason"),
        "requested by": r.get("requested_by"),
        "request": r.get("request"),
        "consent note": r.get("consent_note"),
        **{k: v for k, v in r["dates"].items() if v},
    }
    key_values({k: v for k, v in rows.items() if v not in (None, "")})
    if r.get("draft"):
        con.print(lit("draft:", "dim"))
        con.print(lit(r["draft"]))


def request_card(r: dict) -> None:
    key_values(
        {k: v for k, v in r.items() if v not in (None, "") and not k.endswith("_id")}, title=f"Request #{r['id']}"
    )
