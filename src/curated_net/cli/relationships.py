"""Commands for ties: connect, disconnect, evidence, link, unlink, log, history."""

import sys
from typing import Annotated

import typer

from . import render
from .args import OptionalPerson, PersonArg
from .context import state
from .render import JsonOpt, Output, OutputOpt, wants_json

CRITERIA_HELP = "client, colleague, business-partner, classmate, met-in-person, family or friend"
AsOpt = Annotated[list[str] | None, typer.Option("--as", help=f"Criterion (repeatable): {CRITERIA_HELP}.")]
DetailOpt = Annotated[
    list[str] | None, typer.Option("--detail", help="What we did together (one per --as, or one for all).")
]
SinceOpt = Annotated[list[str] | None, typer.Option("--since", help="Start: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[list[str] | None, typer.Option("--until", help="End of the period, if it ended.")]
PlaceOpt = Annotated[list[str] | None, typer.Option("--place", help="Where.")]
ConversationOpt = Annotated[
    list[str] | None, typer.Option("--conversation", help="The memorable conversation (for met-in-person).")
]


def register(app: typer.Typer) -> None:
    for fn in (connect, disconnect, evidence, link, unlink, log, history):
        app.command(fn.__name__)(fn)


def _pair_evidence(criteria, **fields):
    """Pair repeatable evidence options with the --as they belong to, in order ('' for none)."""
    from ..errors import BadInput
    from ..network.writes import EvidenceInput

    criteria = criteria or []
    n = len(criteria)
    columns = {}
    for name, values in fields.items():
        values = values or []
        if values and not n:
            raise BadInput(f"--{name} describes a criterion: give --as too (e.g. --as colleague --{name} ...)")
        if len(values) not in (0, n):
            raise BadInput(
                f"{len(values)} --{name} for {n} --as: give one --{name} for each --as, in order "
                f"(use --{name} '' where one has none), or connect once per criterion"
            )
        columns[name] = [v or None for v in values] or [None] * n
    return [EvidenceInput(c, **{k: v[i] for k, v in columns.items()}) for i, c in enumerate(criteria)]


OverrideOpt = Annotated[
    str | None,
    typer.Option("--override", help="Go ahead despite failing rules that allow an override; the reason is recorded."),
]


def connect(
    ctx: typer.Context,
    person: PersonArg,
    as_: AsOpt = None,
    detail: DetailOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    conversation: ConversationOpt = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where a nominal tie came from: linkedin (not evidence).")
    ] = None,
    connected_on: Annotated[str | None, typer.Option("--connected-on", help="When the nominal tie was made.")] = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Connect me with a person (gated by the policy); run again to add evidence."""
    from ..network.writes import connect as do_connect
    from ..network.writes import connection_dict, evidence_dict
    from ..people.records import resolve_id
    from ..people.writes import resolve
    from ..policy import load_gate
    from .gated import decision

    items = _pair_evidence(as_, detail=detail, since=since, until=until, place=place, conversation=conversation)
    gate = load_gate()
    store = state(ctx).store()
    with store.connect() as conn:
        handle = person_handle(conn, resolve_id(conn, person))
    with decision(store, "connect", [handle]) as outcome, store.write() as s:
        target = resolve(s, handle)
        conn, verdict, added = do_connect(
            s, target, items, nominal_source=source, nominal_on=connected_on, gate=gate, override=override
        )
        outcome["verdict"] = verdict
        data = {
            "person": target.handle,
            "name": target.name,
            "connection": connection_dict(conn),
            "added_evidence": [evidence_dict(e) for e in added],
            "verdict": verdict.as_dict() if verdict else None,
        }
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        n = len(data["added_evidence"])
        render.line(f"Connected with {data['name']} ({data['person']}): {data['connection']['summary']}")
        if items and not n:
            render.info("That evidence was already recorded; nothing added.")


def person_handle(conn, pid: int) -> str:
    return conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]


def disconnect(
    ctx: typer.Context,
    person: PersonArg,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Remove my connection with a person, and its evidence."""
    from ..network.writes import connection_dict
    from ..network.writes import disconnect as do_disconnect
    from ..people.writes import resolve

    store = state(ctx).store()
    with store.write() as s:
        target = resolve(s, person)
        before = connection_dict(do_disconnect(s, target))
    data = {"person": target.handle, "removed": before}
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Disconnected from {target.name} ({target.handle})")


def evidence(
    ctx: typer.Context,
    person: PersonArg,
    remove: Annotated[
        list[int] | None, typer.Option("--remove", help="Remove evidence by number (repeatable).")
    ] = None,
    edit: Annotated[
        int | None, typer.Option("--edit", help="Change evidence by number (with the options below).")
    ] = None,
    as_: Annotated[str | None, typer.Option("--as", help=f"New criterion: {CRITERIA_HELP}.")] = None,
    detail: Annotated[str | None, typer.Option("--detail", help="New detail ('' clears).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="New start date ('' clears).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="New end date ('' clears).")] = None,
    place: Annotated[str | None, typer.Option("--place", help="New place ('' clears).")] = None,
    conversation: Annotated[str | None, typer.Option("--conversation", help="New conversation ('' clears).")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the evidence of my connection with a person; --edit or --remove it."""
    from ..errors import BadInput, NotFound
    from ..network.ties import connection_record
    from ..people.records import person_record, resolve_id

    changing = any(v is not None for v in (as_, detail, since, until, place, conversation))
    if changing and edit is None:
        raise BadInput("say which evidence to change with --edit N (see the numbers with: cnet evidence PERSON)")
    store = state(ctx).store()
    if remove or edit is not None:
        from ..network.writes import EvidenceInput, edit_evidence, remove_evidence
        from ..people.writes import resolve

        with store.write() as s:
            target = resolve(s, person)
            if edit is not None:
                edit_evidence(s, target, edit, EvidenceInput(as_ or "", detail, since, until, place, conversation))
            if remove:
                remove_evidence(s, target, list(remove))
    with store.connect() as conn:
        pid = resolve_id(conn, person)
        who = person_record(conn, pid)
        record = connection_record(conn, pid)
    if record is None:
        raise NotFound(
            f"you are not connected with {who['name']} ({who['handle']})",
            hint=f"Connect with: cnet connect {who['handle']} --as CRITERION --detail ...",
        )
    data = {"person": who["handle"], "name": who["name"], **record}
    render.emit(data, wants_json(output, as_json), render.evidence_table)


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
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that two people know each other, or load many pairs with --file."""
    from ..errors import BadInput

    json_mode = wants_json(output, as_json)
    if file is not None:
        if a or b:
            raise BadInput("give either two people or --file, not both")
        _bulk(ctx, file, strict, json_mode)
        return
    if not (a and b):
        raise BadInput(
            "link needs two people (or --file FILE)",
            hint="Example: cnet link leonard-okafor christine-chapel --how 'work together'",
        )
    from ..network.writes import link as do_link
    from ..network.writes import link_dict
    from ..people.writes import resolve

    store = state(ctx).store()
    with store.write() as s:
        pa, pb = resolve(s, a), resolve(s, b)
        row, status = do_link(s, pa, pb, how=how, learnt=learnt, strength=strength)
        data = {"status": status, **link_dict(row, pa, pb)}
    if json_mode:
        render.emit_json(data)
    else:
        verb = {"added": "Linked", "updated": "Updated the link between", "unchanged": "Already linked:"}[status]
        render.line(f"{verb} {pa.name} ({pa.handle}) and {pb.name} ({pb.handle})")


def _read_text(file: str) -> str:
    from pathlib import Path

    from ..errors import BadInput

    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadInput(f"{file}: line {line} is not UTF-8 text (byte 0x{data[exc.start]:02x})") from exc


def _bulk(ctx: typer.Context, file: str, strict: bool, json_mode: bool) -> None:
    from ..network.bulk import bulk_link

    store = state(ctx).store()
    with (
        render.progress("Linking", enabled=not json_mode) as tick,
        store.connect(write=True, foreign_keys=False) as conn,
    ):
        # The text is handed over, not kept here: bulk_link lets go of it once it is read.
        summary = bulk_link(conn, _read_text(file), strict=strict, progress=tick)
    data = summary.as_dict()
    if json_mode:
        render.emit_json(data)
        return
    render.line(
        f"{data['links_added']} links added, {data['people_created']} people created, "
        f"{data['duplicates']} duplicates and {data['self_links']} self-links skipped, "
        f"{len(data['skipped'])} lines unusable (of {data['lines']})"
    )
    for item in data["skipped"][:20]:
        render.warn(f"{file}: line {item['line']}: {item['reason']}")
    if len(data["skipped"]) > 20:
        render.warn(f"… and {len(data['skipped']) - 20} more (see --json)")


def unlink(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Forget that two people know each other."""
    from ..network.writes import unlink as do_unlink
    from ..people.writes import resolve

    store = state(ctx).store()
    with store.write() as s:
        pa, pb = resolve(s, a), resolve(s, b)
        do_unlink(s, pa, pb)
    if wants_json(output, as_json):
        render.emit_json({"unlinked": [pa.handle, pb.handle]})
    else:
        render.line(f"Unlinked {pa.name} ({pa.handle}) and {pb.name} ({pb.handle})")


def log(
    ctx: typer.Context,
    person: PersonArg,
    text: Annotated[str, typer.Argument(help="What happened.")],
    kind: Annotated[str, typer.Option("--kind", "-k", help="call, email, meeting, in-person or message.")] = "meeting",
    on: Annotated[str | None, typer.Option("--on", help="When (default today): YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    memorable: Annotated[bool, typer.Option("--memorable", help="A real, memorable conversation.")] = False,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record an interaction with a person."""
    from ..network.ties import interactions
    from ..network.writes import log_interaction
    from ..people.writes import resolve
    from ..store.database import Store

    store = state(ctx).store()
    with store.write() as s:
        target = resolve(s, person)
        row = log_interaction(s, target, text, kind=kind, on=on, memorable=memorable)
        logged = next(e for e in interactions(Store.dbapi(s), target.id) if e["id"] == row.id)
        data = {"person": target.handle, **logged}
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Logged {data['kind']} with {target.name} on {data['on']}")


def history(
    ctx: typer.Context,
    person: PersonArg,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the interactions with a person, newest first."""
    from ..network.ties import interactions
    from ..people.records import person_record, resolve_id

    store = state(ctx).store()
    with store.connect() as conn:
        pid = resolve_id(conn, person)
        who = person_record(conn, pid)
        data = interactions(conn, pid)
    render.emit(
        data,
        wants_json(output, as_json),
        lambda rows: render.simple_table(
            rows, ["on", "kind", "memorable", "note"], empty=f"No interactions with {who['name']} yet."
        ),
    )
