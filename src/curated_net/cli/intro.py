"""Commands for introductions: draft (the default), ask, consent, list, show, outcome, pending."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from . import render
from .args import PersonArg
from .context import state
from .relationships import OverrideOpt
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
RequestOpt = Annotated[int | None, typer.Option("--request", help="The request this answers (its channel is checked).")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="intro")


def _resolve_pair(store, a: str, b: str):
    from ..people.records import person_record, resolve_id

    with store.connect() as conn:
        ida, idb = resolve_id(conn, a), resolve_id(conn, b)
        ra, rb = person_record(conn, ida), person_record(conn, idb)
    from ..errors import BadInput

    if ida == idb:
        raise BadInput("an introduction needs two different people")
    if ra["is_me"] or rb["is_me"]:
        raise BadInput("an introduction is between two other people, not me")
    return ida, idb, ra["handle"], rb["handle"]


def _requester(conn, request: int | None) -> int | None:
    if request is None:
        return None
    from ..intro.requests import request_record

    return request_record(conn, request)["from_id"]


@app.command("draft")
def draft(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    reason: ReasonOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown or eml.")] = "text",
    out: Annotated[str | None, typer.Option("--out", help="Write the draft to this file instead of stdout.")] = None,
    request: RequestOpt = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Draft the introduction of A (who wants to reach B) to B, gated by the policy."""
    from ..errors import BadInput
    from ..intro import lifecycle
    from ..intro.context import intro_context
    from ..intro.drafting import as_eml
    from ..intro.drafting import render as render_template
    from ..policy import load_gate
    from ..policy.facts import intro_facts
    from .gated import decision
    from .graph import curated_store

    if fmt not in ("text", "markdown", "eml"):
        raise BadInput(f"--format: '{fmt}' is not one of text, markdown, eml")
    gate = load_gate()
    store = curated_store(ctx)
    ida, idb, ha, hb = _resolve_pair(store, a, b)
    with decision(store, "intro", [ha, hb], detail={"step": "introduce"}) as outcome, store.connect(write=True) as conn:
        iid = lifecycle.open_intro(conn, ida, idb)
        if request is not None:
            from ..intro.requests import request_record

            request_record(conn, request)
        verdict = gate.evaluate("intro", intro_facts(conn, ida, idb, reason=reason, request_id=request, intro_id=iid))
        verdict.override(override)
        verdict.raise_if_refused()
        outcome["verdict"] = verdict
        context = intro_context(conn, ida, idb, reason)
        text = render_template("intro-markdown" if fmt == "markdown" else "intro", context)
        if iid is None:
            iid = lifecycle.start(
                conn,
                ida,
                idb,
                status="requested",
                reason=reason,
                request_id=request,
                requested_by=_requester(conn, request),
            )
        lifecycle.mark_introduced(conn, iid, text, reason)
        if request is not None:
            conn.execute("UPDATE request SET status = 'accepted' WHERE id = ? AND status = 'open'", (request,))
    result = text
    if fmt == "eml":
        result, problems = as_eml(text, me=context["me"], to=[context["b"], context["a"]])
        for p in problems:
            render.warn(p)
    if wants_json(output, as_json):
        render.emit_json({"id": iid, "format": fmt, "draft": result, "verdict": verdict.as_dict()})
    elif out:
        from pathlib import Path

        Path(out).write_text(result, encoding="utf-8")
        render.info(f"Wrote introduction #{iid} to {out}")
    else:
        import sys

        sys.stdout.write(result)


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
    _ask(ctx, a, b, reason, request, override, wants_json(output, as_json))


def _ask(ctx, a, b, reason, request, override, json_mode: bool) -> None:
    from ..intro import lifecycle
    from ..intro.context import intro_context
    from ..intro.drafting import render as render_template
    from ..policy import load_gate
    from ..policy.facts import intro_facts
    from .gated import decision
    from .graph import curated_store

    gate = load_gate()
    store = curated_store(ctx)
    ida, idb, ha, hb = _resolve_pair(store, a, b)
    with decision(store, "intro", [ha, hb], detail={"step": "ask"}) as outcome, store.connect(write=True) as conn:
        iid = lifecycle.open_intro(conn, ida, idb)
        facts = intro_facts(conn, ida, idb, reason=reason, request_id=request, intro_id=iid)
        verdict = gate.evaluate("intro", facts, skip_kinds=("consent",))
        verdict.override(override)
        verdict.raise_if_refused()
        outcome["verdict"] = verdict
        text = render_template("ask", intro_context(conn, ida, idb, reason))
        if iid is None:
            iid = lifecycle.start(
                conn,
                ida,
                idb,
                status="asked",
                reason=reason,
                request_id=request,
                requested_by=_requester(conn, request),
            )
        else:
            lifecycle.mark_asked(conn, iid, reason)
        if request is not None:
            conn.execute("UPDATE request SET status = 'accepted' WHERE id = ? AND status = 'open'", (request,))
    if json_mode:
        render.emit_json({"id": iid, "draft": text, "verdict": verdict.as_dict()})
    else:
        import sys

        sys.stdout.write(text)
        render.info(f"Recorded as introduction #{iid} (asked). When {hb} answers: cnet intro consent {iid} yes|no")


@app.command("consent")
def consent(
    ctx: typer.Context,
    intro_id: Annotated[int, typer.Argument(metavar="ID", help="The introduction.")],
    answer: Annotated[str, typer.Argument(help="yes or no.")],
    note: Annotated[str | None, typer.Option("--note", help="What they said.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record whether the person being reached agreed."""
    from ..errors import BadInput
    from ..intro import lifecycle

    if answer.lower() not in ("yes", "no", "y", "n"):
        raise BadInput(f"answer '{answer}' must be yes or no")
    store = state(ctx).store()
    with store.connect(write=True) as conn:
        rec = lifecycle.consent(conn, intro_id, answer.lower().startswith("y"), note)
    _emit_intro(rec, wants_json(output, as_json))


@app.command("outcome")
def outcome_cmd(
    ctx: typer.Context,
    intro_id: Annotated[int, typer.Argument(metavar="ID", help="The introduction.")],
    result: Annotated[str, typer.Argument(metavar="OUTCOME", help="met, hired, deal, no-show, ghosted or declined.")],
    on: Annotated[str | None, typer.Option("--on", help="When (default today).")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record how an introduction ended (feeds the track-record rule)."""
    from ..dates import parse_partial_date
    from ..intro import lifecycle

    when = parse_partial_date(on, field="--on").iso() if on else None
    store = state(ctx).store()
    with store.connect(write=True) as conn:
        rec = lifecycle.record_outcome(conn, intro_id, result.lower(), when)
    _emit_intro(rec, wants_json(output, as_json))


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option("--status", help="requested, asked, agreed, declined, introduced or closed.")
    ] = None,
    person: Annotated[str | None, typer.Option("--person", help="Only introductions involving this person.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List introductions, newest first."""
    from ..intro import lifecycle
    from ..people.records import resolve_id

    store = state(ctx).store()
    with store.connect() as conn:
        pid = resolve_id(conn, person) if person else None
        rows = lifecycle.list_intros(conn, status=status, person=pid)
    data = [{k: v for k, v in r.items() if k != "draft"} for r in rows]
    render.emit(data, wants_json(output, as_json), render.intro_table)


@app.command("show")
def show(
    ctx: typer.Context,
    intro_id: Annotated[int, typer.Argument(metavar="ID", help="The introduction.")],
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one introduction: who, why, each step's date, the outcome and the draft."""
    from ..intro import lifecycle

    store = state(ctx).store()
    with store.connect() as conn:
        rec = lifecycle.intro_record(conn, intro_id)
    _emit_intro(rec, wants_json(output, as_json))


@app.command("pending")
def pending(
    ctx: typer.Context,
    days: Annotated[
        int | None, typer.Option("--days", min=0, help="Stalled longer than this (default: the policy's pending_days).")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Introductions whose current step has stalled, and what to do next."""
    from ..intro import lifecycle
    from ..policy.loader import load_policy

    n = days if days is not None else load_policy().settings["pending_days"]
    store = state(ctx).store()
    with store.connect() as conn:
        rows = lifecycle.pending(conn, n)
    data = [{k: v for k, v in r.items() if k != "draft"} for r in rows]
    render.emit(
        data,
        wants_json(output, as_json),
        lambda d: render.simple_table(
            d, ["id", "a", "b", "status", "waiting_days", "next"], empty=f"Nothing has waited longer than {n} days."
        ),
    )


def _emit_intro(rec: dict, json_mode: bool) -> None:
    render.emit(rec, json_mode, render.intro_card)
