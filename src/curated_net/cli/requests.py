"""Commands for requests: someone asked me to connect, or for an introduction."""

from typing import Annotated

import typer

from . import render
from .context import state
from .relationships import AsOpt, ConversationOpt, DetailOpt, OverrideOpt, PlaceOpt, SinceOpt, UntilOpt, _pair_evidence
from .render import JsonOpt, Output, OutputOpt, wants_json

app = typer.Typer(help="Requests to connect or to be introduced: record, list, accept, decline.", no_args_is_help=True)
ViaOpt = Annotated[str, typer.Option("--via", help="How it came: phone, in-person, email, linkedin or message.")]
OnOpt = Annotated[str | None, typer.Option("--on", help="When it came (default today).")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="request")


def _emit_request(store, rid: int, json_mode: bool) -> None:
    from ..intro.requests import request_record

    with store.connect() as conn:
        rec = request_record(conn, rid)
    if json_mode:
        render.emit_json(rec)
    else:
        render.line(
            f"Request #{rid}: {rec['from_name']} asked to {'connect' if rec['kind'] == 'connect' else 'meet ' + rec['to_name']} "
            f"(by {rec['channel']})"
        )


@app.command("connect")
def request_connect(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(metavar="NAME", help="Who asked (created if unknown).")],
    via: ViaOpt,
    note: Annotated[str | None, typer.Option("--note", help="What they said.")] = None,
    on: OnOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that someone asked to connect with me."""
    from ..intro.requests import add_request

    store = state(ctx).store()
    with store.connect(write=True) as conn:
        pid = _person_or_new(conn, person)
        rid = add_request(conn, "connect", pid, channel=via, note=note, received_on=on)
    _emit_request(store, rid, wants_json(output, as_json))


@app.command("intro")
def request_intro(
    ctx: typer.Context,
    asker: Annotated[str, typer.Argument(metavar="FROM", help="Who asked (created if unknown).")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Whom they want to meet.")],
    via: ViaOpt,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why they want to meet.")],
    note: Annotated[str | None, typer.Option("--note", help="Anything else they said.")] = None,
    on: OnOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that someone asked me to introduce them to someone."""
    from ..intro.requests import add_request
    from ..people.records import resolve_id

    store = state(ctx).store()
    with store.connect(write=True) as conn:
        pid = _person_or_new(conn, asker)
        rid = add_request(
            conn, "intro", pid, to_pid=resolve_id(conn, target), channel=via, reason=reason, note=note, received_on=on
        )
    _emit_request(store, rid, wants_json(output, as_json))


def _person_or_new(conn, name: str) -> int:
    """Resolve a person; create them by name when no one matches (requests often come from strangers)."""
    from .. import text as tx
    from ..errors import NotFound
    from ..people.records import resolve_id

    try:
        return resolve_id(conn, name)
    except NotFound:
        pass
    clean = tx.clean_input(name)
    if not clean:
        from ..errors import BadInput

        raise BadInput("a name is needed")
    from ..dates import now_iso
    from ..network.bulk import new_person

    registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}
    pid = new_person(conn, registry, clean, now_iso())
    handle = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]
    render.info(f"Added {clean} ({handle}) as a new person")
    return pid


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="open, accepted or declined.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="connect or intro.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List requests, newest first."""
    from ..intro.requests import list_requests

    store = state(ctx).store()
    with store.connect() as conn:
        data = list_requests(conn, status=status, kind=kind)
    render.emit(
        data,
        wants_json(output, as_json),
        lambda d: render.simple_table(
            d, ["id", "kind", "from", "to", "channel", "status", "received_on", "reason"], empty="No requests."
        ),
    )


@app.command("show")
def show(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="ID")],
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one request."""
    from ..intro.requests import request_record

    store = state(ctx).store()
    with store.connect() as conn:
        rec = request_record(conn, request_id)
    render.emit(rec, wants_json(output, as_json), render.request_card)


@app.command("accept")
def accept(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="ID")],
    as_: AsOpt = None,
    detail: DetailOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    conversation: ConversationOpt = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Accept a request by running its gated action: connect (with your evidence), or ask the person to be reached."""
    from ..intro.requests import request_record

    store = state(ctx).store()
    with store.connect() as conn:
        rec = request_record(conn, request_id)
    from ..errors import BadInput

    if rec["status"] != "open":
        raise BadInput(f"request #{request_id} is already {rec['status']}")
    if rec["kind"] == "intro":
        from .intro import _ask

        _ask(ctx, rec["from"], rec["to"], rec["reason"], request_id, override, wants_json(output, as_json))
        return
    from ..network.writes import connect as do_connect
    from ..network.writes import connection_dict
    from ..people.writes import resolve
    from ..policy import load_gate
    from ..store.database import Store
    from .gated import decision

    items = _pair_evidence(as_, detail=detail, since=since, until=until, place=place, conversation=conversation)
    gate = load_gate()
    facts_request = {"id": request_id, "channel": rec["channel"], "from": rec["from"], "kind": "connect"}
    with decision(store, "accept", [rec["from"]], detail={"request": request_id}) as outcome, store.write() as s:
        target = resolve(s, rec["from"])
        conn, verdict, _added = do_connect(
            s, target, items, gate=gate, override=override, action="accept", request=facts_request
        )
        outcome["verdict"] = verdict
        Store.dbapi(s).execute("UPDATE request SET status = 'accepted' WHERE id = ?", (request_id,))
        data = {
            "request": request_id,
            "person": target.handle,
            "connection": connection_dict(conn),
            "verdict": verdict.as_dict(),
        }
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"Accepted: connected with {rec['from_name']} ({rec['from']}): {data['connection']['summary']}")


@app.command("decline")
def decline(
    ctx: typer.Context,
    request_id: Annotated[int, typer.Argument(metavar="ID")],
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Decline a request and draft a warm, honest note saying so (nothing private about anyone else)."""
    from ..intro.context import me_context, person_context
    from ..intro.drafting import render as render_template
    from ..intro.requests import request_record, set_status

    store = state(ctx).store()
    with store.connect(write=True) as conn:
        rec = request_record(conn, request_id)
        set_status(conn, request_id, "declined")
        context = {
            "a": _public(person_context(conn, rec["from_id"])),
            "b": _public(person_context(conn, rec["to_id"])) if rec["to_id"] else None,
            "me": me_context(conn),
            "channel": rec["channel"],
            "channel_refused": rec["channel"] not in ("phone", "in-person"),
        }
        text = render_template("decline-intro" if rec["kind"] == "intro" else "decline-connect", context)
    if wants_json(output, as_json):
        render.emit_json({"request": request_id, "status": "declined", "draft": text})
    else:
        import sys

        sys.stdout.write(text)


def _public(p: dict) -> dict:
    """Only what may be said to someone else: names, never notes, highlights or how we met."""
    return {k: p[k] for k in ("handle", "name", "first", "call")}
