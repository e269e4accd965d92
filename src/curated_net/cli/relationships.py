"""Commands for ties: connect, disconnect, evidence, link, unlink, log, history."""

import sys
from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import (
    CRITERIA_HELP,
    AsOpt,
    ConversationOpt,
    DetailOpt,
    OptionalPerson,
    OverrideOpt,
    PersonArg,
    PlaceOpt,
    SinceOpt,
    UntilOpt,
    choice,
    pair_evidence,
)
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json


def register(app: typer.Typer) -> None:
    for fn in (connect, disconnect, evidence, link, unlink, log, history):
        app.command(fn.__name__)(fn)


def connect(
    ctx: typer.Context,
    person: OptionalPerson = None,
    as_: AsOpt = None,
    detail: DetailOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    conversation: ConversationOpt = None,
    source: Annotated[
        str | None,
        typer.Option("--source", click_type=choice("source"), help="Where a nominal tie came from (not evidence)."),
    ] = None,
    connected_on: Annotated[str | None, typer.Option("--connected-on", help="When the nominal tie was made.")] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            help="Many at once: a CSV with columns person, criterion, detail, since, until, place, conversation.",
        ),
    ] = None,
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Connect me with a person (gated by the policy); run again to add evidence."""
    from ..errors import BadInput

    if file is not None:
        if person or as_:
            raise BadInput("give either a person with --as, or --file, not both")
        _connect_file(ctx, file, override, wants_json(output, as_json))
        return
    if not person:
        raise BadInput("connect needs a person (or --file FILE)", hint="Example: cnet connect bones --as friend")
    items = pair_evidence(as_, detail=detail, since=since, until=until, place=place, conversation=conversation)
    data = network(ctx).connect(person, items, source=source, connected_on=connected_on, override=override)
    render.verdict_notes(data["verdict"])
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Connected with {data.name} ({data.person}): {data.connection.summary}")
        for e in data.updated_evidence:
            render.info(f"Updated the {e.criterion} evidence you had recorded (#{e.id}) rather than adding another.")
        if items and not data.added_evidence and not data.updated_evidence:
            render.info("That evidence was already recorded; nothing added.")


def _connect_file(ctx: typer.Context, file: str, override: str | None, json_mode: bool) -> None:

    from ..paths import read_input

    data = network(ctx).connect_file(read_input(file), name=file, override=override)
    if json_mode:
        render.emit_json(data)
    else:
        render.line(
            f"{len(data['connected'])} connected, {len(data['refused'])} refused by your policy, "
            f"{len(data['skipped'])} unusable"
        )
        for r in data["refused"]:
            render.warn(f"{file}: line {r['line']}: {r['person']}: refused by {', '.join(r['rules'])}")
        for s in data["skipped"]:
            render.warn(f"{file}: line {s['line']}: {s['reason']}")
    if data["refused"] and not data["connected"]:
        raise typer.Exit(3)  # all refused: as a single refused connect; otherwise the rows that passed are in


def disconnect(
    ctx: typer.Context,
    person: PersonArg,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Remove my connection with a person, and its evidence."""
    data = network(ctx).disconnect(person)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Disconnected from {data['name']} ({data['person']})")


def evidence(
    ctx: typer.Context,
    person: PersonArg,
    remove: Annotated[
        list[int] | None, typer.Option("--remove", min=1, max=2**62, help="Remove evidence by number (repeatable).")
    ] = None,
    edit: Annotated[
        int | None,
        typer.Option("--edit", min=1, max=2**62, help="Change evidence by number (with the options below)."),
    ] = None,
    as_: Annotated[
        str | None, typer.Option("--as", click_type=choice("criterion"), help=f"New criterion: {CRITERIA_HELP}.")
    ] = None,
    detail: Annotated[str | None, typer.Option("--detail", help="New detail ('' clears).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="New start date ('' clears).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="New end date ('' clears).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="New place ('' clears).")] = None,
    conversation: Annotated[str | None, typer.Option("--conversation", help="New conversation ('' clears).")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the evidence of my connection with a person; --edit or --remove it."""
    from ..network.writes import EvidenceInput

    changing = any(v is not None for v in (as_, detail, since, until, place, conversation))
    change = EvidenceInput(as_ or "", detail, since, until, place, conversation) if changing else None
    data = network(ctx).evidence(person, remove=remove, edit=edit, change=change)
    render.emit(
        data, render.mode(output, as_json), render.evidence_table, tsv=render.EVIDENCE_TSV, rows=render.evidence_rows
    )


def link(
    ctx: typer.Context,
    a: OptionalPerson = None,
    b: OptionalPerson = None,
    how: Annotated[str | None, typer.Option("--how", help="How they know each other.")] = None,
    learnt: Annotated[str | None, typer.Option("--learnt", help="Where or from whom I learnt it.")] = None,
    strength: Annotated[
        int | None, typer.Option("--strength", min=0, max=100, help="How strong their tie is, 0–100 (default 50).")
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", help="Bulk: one pair per line, whitespace- or comma-separated ('-' reads stdin)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="With --file: add nothing if any line is unusable.")] = False,
    no_create: Annotated[
        bool, typer.Option("--no-create", help="With --file: add no one; a line naming someone unknown is skipped.")
    ] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that two people know each other, or load many pairs with --file."""
    from ..errors import BadInput

    json_mode = wants_json(output, as_json)
    if file is not None:
        if a or b:
            raise BadInput("give either two people or --file, not both")
        _bulk(ctx, file, strict, not no_create, json_mode)
        return
    if not (a and b):
        raise BadInput(
            "link needs two people (or --file FILE)",
            hint="Example: cnet link leonard-okafor christine-chapel --how 'work together'",
        )
    data = network(ctx).link(a, b, how=how, learnt=learnt, strength=strength)
    if json_mode:
        render.emit_json({k: v for k, v in data.items() if k not in ("a_name", "b_name")})
    else:
        verb = {"added": "Linked", "updated": "Updated the link between", "unchanged": "Already linked:"}[
            data["status"]
        ]
        render.line(f"{verb} {data['a_name']} ({data['a']}) and {data['b_name']} ({data['b']})")


def _bulk(ctx: typer.Context, file: str, strict: bool, create: bool, json_mode: bool) -> None:
    from contextlib import nullcontext

    from ..paths import open_input

    net = network(ctx)
    # The file is handed over open: the bulk path reads it a few MB at a time, never whole.
    with (
        nullcontext(sys.stdin.buffer) if file == "-" else open_input(file, what="--file") as stream,
        render.progress("Linking", enabled=not json_mode) as tick,
    ):
        data = net.link_file(stream, name=file, strict=strict, create=create, progress=tick)
    if json_mode:
        render.emit_json(data)
        return
    render.line(
        f"{tx.counted(data['links_added'], 'link')} added, {tx.counted(data['people_created'], 'person')} created, "
        f"{tx.counted(data['duplicates'], 'duplicate')} and {tx.counted(data['self_links'], 'self-link')} skipped, "
        f"{tx.counted(len(data['skipped']), 'line')} unusable (of {data['lines']:,})"
    )
    if data["created"]:
        shown = ", ".join(data["created"][:10]) + (
            f" … ({len(data['created']) - 10} more)" if len(data["created"]) > 10 else ""
        )
        render.info(f"New people: {shown}")
    for item in data["skipped"][:20]:
        render.warn(f"{file}: line {item['line']}: {item['reason']}")
    if len(data["skipped"]) > 20:
        render.warn(f"… and {len(data['skipped']) - 20} more (see --json)")


def unlink(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Forget that two people know each other."""
    data = network(ctx).unlink(a, b)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Unlinked {data['unlinked'][0]} and {data['unlinked'][1]}")


def log(
    ctx: typer.Context,
    person: PersonArg,
    text: Annotated[str, typer.Argument(help="What happened.")],
    kind: Annotated[
        str, typer.Option("--kind", "-k", click_type=choice("kind"), help="What kind of contact.")
    ] = "meeting",
    on: Annotated[str | None, typer.Option("--on", help="When (default today): YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    memorable: Annotated[bool, typer.Option("--memorable", help="A real, memorable conversation.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record an interaction with a person."""
    data = network(ctx).log(person, text, kind=kind, on=on, memorable=memorable)
    if wants_json(output, as_json):
        render.emit_json({k: v for k, v in data.items() if k != "name"})
    else:
        render.line(f"Logged {data['kind']} with {data['name']} on {data['on']}")


def history(
    ctx: typer.Context,
    person: PersonArg,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the interactions with a person, newest first."""
    net = network(ctx)
    data = net.history(person)
    render.emit(
        data,
        render.mode(output, as_json),
        lambda rows: render.simple_table(
            rows, ["on", "kind", "memorable", "note"], empty=f"No interactions with {net.person(person)['name']} yet."
        ),
        tsv=["id", "on", "kind", "memorable", "note"],
    )
