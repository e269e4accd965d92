"""Commands over the graph: degree, path, network."""

from typing import Annotated

import typer

from . import render
from .args import OptionalPerson, PersonArg, choice, complete_person, complete_tag
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

ViewOpt = Annotated[
    str,
    typer.Option(
        "--view",
        click_type=choice("view"),
        help="curated (ties that pass the policy) or nominal (every tie, as LinkedIn counts).",
    ),
]
MaxDepthOpt = Annotated[int, typer.Option("--max-depth", min=1, max=50, help="Give up beyond this many hops.")]


def register(app: typer.Typer) -> None:
    app.command("degree")(degree)
    app.command("path")(path)
    app.command("network")(network_cmd)
    app.command("map")(map_cmd)


def degree(
    ctx: typer.Context,
    a: PersonArg,
    b: OptionalPerson = None,
    view: ViewOpt = "curated",
    max_depth: MaxDepthOpt = 6,
    all_: Annotated[bool, typer.Option("--all", help="List every shortest path (bounded by --limit).")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="At most this many paths with --all.")] = 20,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """How far apart two people are (B defaults to me), and the path with how each hop is known."""
    data = network(ctx).degree(a, b, view=view, max_depth=max_depth, all_paths=all_, limit=limit)
    render.emit(data, render.mode(output, as_json), render.degree_doc, tsv=render.DEGREE_TSV, rows=render.degree_rows)


def path(
    ctx: typer.Context,
    a: PersonArg,
    b: OptionalPerson = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many routes.")] = 3,
    view: ViewOpt = "curated",
    max_depth: MaxDepthOpt = 6,
    slack: Annotated[
        int, typer.Option("--slack", min=0, max=3, help="Consider routes this much longer than the shortest.")
    ] = 1,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """The best introduction routes from A to B (from me to A if B is left out): strongest weakest tie first."""
    data = network(ctx).path(a, b, k=k, view=view, max_depth=max_depth, slack=slack)
    render.emit(data, render.mode(output, as_json), render.routes_doc, tsv=render.ROUTES_TSV, rows=render.route_rows)


def network_cmd(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="How many bridges to list.")] = 10,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """My network by degree (1st / 2nd / 3rd…) in both views, my best bridges, and people with no tie."""
    doc = network(ctx).network(top=top)
    render.emit(doc, render.mode(output, as_json), render.network_doc, tsv=render.NETWORK_TSV, rows=render.network_rows)


def map_cmd(
    ctx: typer.Context,
    out: Annotated[
        str | None,
        typer.Option("--out", "-O", help="The file to write (map.html, map.svg); a private one with --open."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            click_type=choice("map format"),
            help="html (an interactive page that works offline) or svg (a picture); by --out's suffix if left out.",
        ),
    ] = None,
    view: ViewOpt = "curated",
    depth: Annotated[int, typer.Option("--depth", min=1, max=3, help="Rings out to this degree (1–3).")] = 2,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Only people with this tag (and who they are reached through).", autocompletion=complete_tag
        ),
    ] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help="Only people whose company contains this (and who they are reached through)."),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Put this person at the centre instead of me.", autocompletion=complete_person),
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the page in the browser once written.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """A picture of the network: an offline HTML page (or an SVG) with me at the centre and rings by degree.

    Colour says how I know each person, size my relationship strength; a ring marks a bridge. The page
    makes no request of any kind: hover for details, click for the warm routes, search by name."""
    if out is None and not open_:
        raise typer.BadParameter(
            "give the file to write, e.g. --out map.html (or --open to view it at once)", param_hint="--out"
        )
    if out == "-" and (open_ or wants_json(output, as_json)):
        from ..errors import BadInput

        raise BadInput("--out - writes the page to stdout: it cannot be opened, nor share stdout with --json")
    from pathlib import Path

    named = Path(out or "")
    suffix = {".svg": "svg", ".html": "html", ".htm": "html"}.get(named.suffix.lower())
    if fmt is None:
        fmt = suffix or "html"
    elif suffix and suffix != fmt:  # an HTML page in map.svg opens as neither
        raise typer.BadParameter(
            f"'{fmt}' writes {'an HTML page' if fmt == 'html' else 'an SVG picture'}, but --out {out} ends in "
            f"{named.suffix}: write it to {named.with_suffix('.' + fmt)}, or leave --format out",
            param_hint="--format",
        )
    text, summary = network(ctx).network_map(fmt=fmt, view=view, depth=depth, tag=tag, company=company, focus=focus)
    from ..paths import write_private

    if out is None:
        import tempfile

        out = str(Path(tempfile.mkdtemp(prefix="cnet-map-")) / f"map.{fmt}")  # mkdtemp makes it 0700
    path = write_private(out, text)
    summary = {"out": str(path), "bytes": len(text.encode("utf-8")), **summary}
    opened = None
    if open_:
        import webbrowser

        opened = webbrowser.open(path.resolve().as_uri())
        summary["opened"] = opened
    render.emit(summary, wants_json(output, as_json), lambda doc: render.map_doc(doc, err=out == "-"))
    if open_ and not opened:
        render.warn(f"no browser could be started here; open {path} yourself")
