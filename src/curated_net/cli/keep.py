"""Commands for staying in touch: keep-in-touch, due."""

from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import OptionalPerson, complete_person, complete_tag
from .context import network
from .filters import (
    CompanyFilter,
    ConnectedBeforeFilter,
    NeverContactedFilter,
    ScoreBelowFilter,
    TagFilter,
    filters,
)
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

prune_app = typer.Typer(help="Connections to drop on LinkedIn: mark, unmark, undo, list.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("keep-in-touch")(keep_in_touch)
    app.command("due")(due)
    app.add_typer(prune_app, name="prune")


def _bulk(ctx, people, on: bool, f, yes: bool, output, as_json) -> None:
    from ..errors import BadInput, Usage

    net = network(ctx)
    verb = "mark" if on else "unmark"
    if people and f.any:
        raise Usage(f"name the people or give filters, not both (cnet prune {verb} --help)")
    if people:
        data = net.prune(people, on=on)
        if wants_json(output, as_json):
            render.emit_json(data)
        else:
            render.line(f"{data['changed']} {verb}ed")
        return
    preview = net.prune_matching(f, on=on, dry_run=True)
    if not preview["matched"]:
        render.line(f"No one to {verb}: {_none_to_change(preview['already'], on, preview['filters'])}")
        if wants_json(output, as_json):
            render.emit_json(preview)
        return
    shown = ", ".join(preview["people"]) + (" …" if preview["matched"] > len(preview["people"]) else "")
    many = tx.counted(preview["matched"], "connection")
    question = f"{verb.capitalize()} {many} to drop on LinkedIn ({preview['filters']}): {shown}?"
    # Asked outside any transaction: a person thinking must not hold the write lock.
    if not yes and not typer.confirm(render.plain(question), err=True):
        raise BadInput(f"nothing {verb}ed")
    data = net.prune_matching(f, on=on)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"{data['changed']:,} {verb}ed ({data['filters']})")


def _none_to_change(already: int, on: bool, filters: str) -> str:
    """Why a bulk mark (unmark) changes no one: none match, or all who match are as asked already."""
    if not already:
        return f"no connection without evidence matches ({filters})"
    if on:
        who = "the one who matches is" if already == 1 else f"the {already:,} who match are"
        return f"{who} marked already ({filters}; cnet prune list)"
    who = "the one who matches is not marked" if already == 1 else f"none of the {already:,} who match is marked"
    return f"{who} ({filters}; cnet prune list)"


@prune_app.command("mark")
def prune_mark(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PERSON]...", help="Whom to drop on LinkedIn.", autocompletion=complete_person),
    ] = None,
    company: CompanyFilter = None,
    tag: TagFilter = None,
    connected_before: ConnectedBeforeFilter = None,
    never_contacted: NeverContactedFilter = False,
    score_below: ScoreBelowFilter = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before a bulk mark.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Mark connections to drop on LinkedIn (cnet keeps the to-do; cnet prune list prints their profiles).

    With filters instead of names, every connection without evidence that matches them: the count is shown
    and confirmed first (--yes to skip), and cnet prune unmark with the same filters undoes it."""
    _bulk(
        ctx, people, True, filters(company, tag, connected_before, never_contacted, score_below), yes, output, as_json
    )


@prune_app.command("unmark")
def prune_unmark(
    ctx: typer.Context,
    people: Annotated[list[str] | None, typer.Argument(metavar="[PERSON]...", autocompletion=complete_person)] = None,
    company: CompanyFilter = None,
    tag: TagFilter = None,
    connected_before: ConnectedBeforeFilter = None,
    never_contacted: NeverContactedFilter = False,
    score_below: ScoreBelowFilter = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before a bulk unmark.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Keep them after all: by name, or every marked connection the filters select."""
    _bulk(
        ctx, people, False, filters(company, tag, connected_before, never_contacted, score_below), yes, output, as_json
    )


@prune_app.command("undo")
def prune_undo(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Take back the last mark: everyone that command marked, whatever has changed about them since.

    prune unmark with the same filters finds only those who still match them; undo finds every one."""
    data = network(ctx).prune_undo()
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    shown = ", ".join(data["people"][:20]) + (" …" if len(data["people"]) > 20 else "")
    render.line(f"Unmarked {tx.counted(data['changed'], 'connection')} (the mark of {data['marked_at'][:19]}): {shown}")


@prune_app.command("list")
def prune_list(ctx: typer.Context, output: OutputOpt = Output.table, as_json: JsonOpt = False) -> None:
    """The LinkedIn profiles to disconnect from, one a line (a table on a terminal)."""
    rows = network(ctx).prune_list()
    how = render.mode(output, as_json)
    if how == Output.table and not render.is_terminal():
        for r in rows:  # piped: the profile URLs alone, to open one by one
            render.line(r["linkedin"] or f"(no LinkedIn URL) {r['name']} ({r['handle']})")
        return
    columns = ["handle", "name", "linkedin", "marked_at"]
    render.emit(rows, how, lambda d: render.simple_table(d, columns, empty="Nothing to prune."), tsv=columns)


def keep_in_touch(
    ctx: typer.Context,
    person: OptionalPerson = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Everyone with this tag (a person's own setting wins).", autocompletion=complete_tag
        ),
    ] = None,
    every: Annotated[str | None, typer.Option("--every", help="How often: 30d, 6w, 3m, 1y.")] = None,
    at_most: Annotated[str | None, typer.Option("--at-most", help="Overdue past this: 45d, 2m…")] = None,
    off: Annotated[bool, typer.Option("--off", help="Stop (for a person: whatever their tags say).")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """How often to be in touch with a person, or with everyone who has a tag."""
    data = network(ctx).keep_in_touch(person, tag=tag, every=every, at_most=at_most, off=off)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    who = data["person"] or f"everyone tagged {data['tag']}"
    if data["off"]:
        render.line(f"Not keeping track of {who}")
    else:
        most = f", at most {data['at_most_days']}" if data["at_most_days"] else ""
        render.line(f"Keeping in touch with {who} every {tx.counted(data['every_days'], 'day')}{most}")


def due(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help="Also who falls due within this: 7d, 2w… (birthdays and anniversaries: 14 days without it).",
        ),
    ] = None,
    ics: Annotated[
        str | None, typer.Option("--ics", metavar="FILE", help="Write them as a calendar (.ics) with reminders.")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Who is due or overdue for contact, and the birthdays and anniversaries coming round.

    Overdue (first): past --at-most, or without one more than a whole cadence late, or never in touch; then
    the late, most late for their cadence first; then what is due today and what comes up, soonest first."""
    if ics is not None:
        if ics == "-" and wants_json(output, as_json):
            from ..errors import BadInput

            raise BadInput("--ics - writes the calendar to stdout, where --json would print too: choose one")
        written = network(ctx).due_calendar(ics, within=within)
        if wants_json(output, as_json):
            render.emit_json(written)
        else:
            render.line(f"Wrote {tx.counted(written['events'], 'reminder')} to {written['ics']}", err=ics == "-")
        return
    rows = network(ctx).due(within=within)
    how = render.mode(output, as_json)
    columns = ["kind", "handle", "name", "when", "status", "last_contact", "every_days", "due_on", "days_late"]
    if how == Output.table and not render.is_terminal():
        render.plain_rows(rows, ["kind", "handle", "when", "status", "due_on", "last_contact", "name"])
        return
    render.emit(rows, how, render.due_rows, tsv=columns)
