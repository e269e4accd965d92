"""Commands over the graph: degree, path, network."""

from typing import Annotated

import typer

from . import render
from .args import OptionalPerson, PersonArg
from .context import state
from .render import JsonOpt, Output, OutputOpt, wants_json

ViewOpt = Annotated[
    str,
    typer.Option("--view", help="curated (ties that pass the policy) or nominal (every tie, as LinkedIn counts)."),
]
MaxDepthOpt = Annotated[int, typer.Option("--max-depth", help="Give up beyond this many hops.")]


def register(app: typer.Typer) -> None:
    app.command("degree")(degree)
    app.command("path")(path)
    app.command("network")(network)


def curated_store(ctx: typer.Context):
    """The store, with its curated flags brought in line with the policy in force."""
    from ..policy.curation import ensure_curated

    store = state(ctx).store()
    ensure_curated(store)
    return store


def check_view(view: str):
    from ..errors import BadInput
    from ..network.graph import View

    try:
        return View(view.lower())
    except ValueError:
        raise BadInput(f"--view: '{view}' is not a view; choose curated or nominal") from None


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
    from ..network.queries import degree_between
    from ..people.records import me_id, resolve_id

    v = check_view(view)
    store = curated_store(ctx)
    with store.connect() as conn:
        pa = resolve_id(conn, a)
        pb = resolve_id(conn, b) if b else me_id(conn)
        data = degree_between(conn, pa, pb, view=v, max_depth=max_depth, all_paths=all_, limit=limit)
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
    from ..network.queries import warm_paths
    from ..people.records import me_id, resolve_id

    v = check_view(view)
    store = curated_store(ctx)
    with store.connect() as conn:
        if b:
            pa, pb = resolve_id(conn, a), resolve_id(conn, b)
        else:
            pa, pb = me_id(conn), resolve_id(conn, a)
        data = warm_paths(conn, pa, pb, k=k, view=v, max_depth=max_depth, slack=slack)
    render.emit(data, wants_json(output, as_json), render.routes_doc)


def network(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="How many bridges to list.")] = 10,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """My network by degree (1st / 2nd / 3rd…) in both views, my best bridges, and people with no tie."""
    from ..network.queries import ensure_degrees, network_summary

    store = curated_store(ctx)
    ensure_degrees(store)
    with store.connect() as conn:
        data = network_summary(conn, top=top)
    render.emit(data, wants_json(output, as_json), render.network_doc)
