"""Commands for introductions: draft (the default), sent, ask, consent, list, show, outcome, pending."""

import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from .. import text as tx
from . import render
from .args import OverrideOpt, PersonArg, choice, one_of
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json


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
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Draft the introduction of A (who wants to reach B) to B, under the policy. A draft records nothing:
    once you have sent it, say so with cnet intro sent."""
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
        render.info("The draft is written to stdout")
    elif out:
        render.info(f"Wrote the draft to {out}")
    else:
        sys.stdout.write(render.plain(data["draft"]))
    render.info(f"A draft only: nothing is recorded. Once you have sent it: {sent_command(data, reason, override)}")


def sent_command(data: dict, reason: str | None, override: str | None) -> str:
    """The command that records a draft as sent, whole: the reason and override it was drafted with."""
    import shlex

    if data["id"]:
        return f"cnet intro sent {data['id']}"
    words = ["cnet", "intro", "sent", data["a"], data["b"]]
    if reason:
        words += ["--reason", reason]
    if override:
        words += ["--override", override]
    return shlex.join(words)


@app.command("sent")
def sent(
    ctx: typer.Context,
    which: Annotated[
        list[str],
        typer.Argument(
            metavar="ID | A B", help="The introduction's number, or the two people (A was introduced to B)."
        ),
    ],
    reason: ReasonOpt = None,
    on: Annotated[str | None, typer.Option("--on", help="When it was sent (default now).")] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", help="The text you really sent (default: the draft as cnet writes it now)."),
    ] = None,
    request: RequestOpt = None,
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that an introduction was made: only then does it count for protect-my-connections and
    track-record. Gated by the policy, as the draft was."""
    from .args import read_text_arg

    if len(which) == 1 and which[0].isdigit():
        args: dict = {"intro_id": int(which[0])}
    elif len(which) == 2:
        args = {"a": which[0], "b": which[1]}
    else:
        raise typer.BadParameter(
            "give the introduction's number (cnet intro list) or the two people", param_hint="ID | A B"
        )
    text = read_text_arg(file, what="--file") if file else None
    data = network(ctx).sent(**args, reason=reason, on=on, text=text, request=request, override=override)
    render.verdict_notes(data["verdict"])
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(
            f"Recorded introduction #{data['id']}: {data['a_name']} ({data['a']}) to {data['b_name']} ({data['b']}), "
            f"made {data['dates']['introduced'][:10]}."
        )
        render.info(f"When you hear how it went: cnet intro outcome {data['id']} met|hired|deal|no-show|ghosted")


@app.command("ask")
def ask(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    reason: ReasonOpt = None,
    request: RequestOpt = None,
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
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
    answer: Annotated[
        str,
        typer.Argument(metavar="yes|no", click_type=one_of(("yes", "no", "y", "n"), what="answer"), help="yes or no."),
    ],
    note: Annotated[str | None, typer.Option("--note", help="What they said.")] = None,
    output: DocOutputOpt = DocOutput.table,
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
    output: DocOutputOpt = DocOutput.table,
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
    output: DocOutputOpt = DocOutput.table,
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
    columns = ["id", "a", "b", "status", "waiting_days", "next"]
    render.emit(
        data,
        render.mode(output, as_json),
        lambda d: render.simple_table(d, columns, empty=f"Nothing has waited longer than {tx.counted(n, 'day')}."),
        tsv=columns,
    )
