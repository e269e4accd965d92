"""Commands over the graph: degree, path, network."""

from typing import Annotated

import typer

from . import render
from .args import OptionalPerson, PersonArg, choice
from .context import network
from .render import JsonOpt, Output, OutputOpt, wants_json

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
    render.emit(data, wants_json(output, as_json), render.degree_doc)


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
    render.emit(data, wants_json(output, as_json), render.routes_doc)


def network_cmd(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="How many bridges to list.")] = 10,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """My network by degree (1st / 2nd / 3rd…) in both views, my best bridges, and people with no tie."""
    render.emit(network(ctx).network(top=top), wants_json(output, as_json), render.network_doc)
