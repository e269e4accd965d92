"""Commands for introductions: draft (the default), ask, consent, list, show, outcome, pending."""

import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from . import render
from .args import OverrideOpt, PersonArg, choice
from .context import network
from .render import JsonOpt, Output, OutputOpt, wants_json


class IntroGroup(TyperGroup):
    """`cnet intro A B …` drafts; `cnet intro ask|consent|list|…` manage the introductions' life."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["draft", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=IntroGroup,
    help="Introductions: cnet intro A B --reason TEXT drafts one (A wants to reach B); subcommands manage their life.",
    no_args_is_help=True,
)

ReasonOpt = Annotated[str | None, typer.Option("--reason", "-r", help="Why the two should talk.")]
RequestOpt = Annotated[
    int | None,
    typer.Option("--request", min=1, max=2**62, help="The request this answers (its channel is checked)."),
]
IntroId = Annotated[int, typer.Argument(metavar="ID", min=1, max=2**62, help="The introduction.")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="intro")


@app.command("draft")
def draft(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    reason: ReasonOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", click_type=choice("draft format"), help="The draft's format.")
    ] = "text",
    out: Annotated[str | None, typer.Option("--out", help="Write the draft to this file instead of stdout.")] = None,
    request: RequestOpt = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Draft the introduction of A (who wants to reach B) to B, gated by the policy."""
    if out == "-" and wants_json(output, as_json):
        from ..errors import BadInput

        raise BadInput("--out - writes the draft to stdout, where --json would print too: choose one")
    data = network(ctx).intro(a, b, reason=reason, fmt=fmt, request=request, override=override, out=out)
    render.verdict_notes(data["verdict"])
    for w in data["warnings"]:
        render.warn(w)
    if wants_json(output, as_json):
        render.emit_json({k: data[k] for k in ("id", "format", "draft", "verdict")})
    elif out == "-":
        render.info(f"Introduction #{data['id']} written to stdout")
    elif out:
        render.info(f"Wrote introduction #{data['id']} to {out}")
    else:
        sys.stdout.write(render.plain(data["draft"]))


@app.command("ask")
def ask(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    reason: ReasonOpt = None,
    request: RequestOpt = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Draft the private note asking B whether they want to meet A (double opt-in), and record the ask."""
    emit_ask(network(ctx).ask(a, b, reason=reason, request=request, override=override), wants_json(output, as_json))


def emit_ask(data: dict, json_mode: bool) -> None:
    """Print the note asking the person to be reached (also the answer to an accepted introduction request)."""
    render.verdict_notes(data["verdict"])
    if json_mode:
        render.emit_json({k: data[k] for k in ("id", "draft", "verdict")})
    else:
        sys.stdout.write(render.plain(data["draft"]))
        render.info(
            f"Recorded as introduction #{data['id']} (asked). When {data['b']} answers: "
            f"cnet intro consent {data['id']} yes|no"
        )


@app.command("consent")
def consent(
    ctx: typer.Context,
    intro_id: IntroId,
    answer: Annotated[str, typer.Argument(help="yes or no.")],
    note: Annotated[str | None, typer.Option("--note", help="What they said.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record whether the person being reached agreed."""
    render.emit(network(ctx).consent(intro_id, answer, note=note), wants_json(output, as_json), render.intro_card)


@app.command("outcome")
def outcome_cmd(
    ctx: typer.Context,
    intro_id: IntroId,
    result: Annotated[
        str,
        typer.Argument(
            metavar="OUTCOME", click_type=choice("outcome"), help="met, hired, deal, no-show, ghosted or declined."
        ),
    ],
    on: Annotated[str | None, typer.Option("--on", help="When (default today).")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record how an introduction ended (feeds the track-record rule)."""
    render.emit(network(ctx).outcome(intro_id, result, on=on), wants_json(output, as_json), render.intro_card)


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option("--status", click_type=choice("intro status"), help="Only introductions at this step.")
    ] = None,
    person: Annotated[str | None, typer.Option("--person", help="Only introductions involving this person.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List introductions, newest first."""
    render.emit(
        network(ctx).intros(status=status, person=person),
        render.mode(output, as_json),
        render.intro_table,
        tsv=["id", "a", "b", "status", "outcome", "requested_by", "reason"],
    )


@app.command("show")
def show(
    ctx: typer.Context,
    intro_id: IntroId,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one introduction: who, why, each step's date, the outcome and the draft."""
    render.emit(network(ctx).introduction(intro_id), wants_json(output, as_json), render.intro_card)


@app.command("pending")
def pending(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=0, max=100_000, help="Stalled longer than this (default: the policy's pending_days)."
        ),
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Introductions whose current step has stalled, and what to do next."""
    n, data = network(ctx).pending(days)
    render.emit(
        data,
        wants_json(output, as_json),
        lambda d: render.simple_table(
            d, ["id", "a", "b", "status", "waiting_days", "next"], empty=f"Nothing has waited longer than {n} days."
        ),
    )
