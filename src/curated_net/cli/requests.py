"""Commands for requests: someone asked me to connect, or for an introduction."""

import sys
from typing import Annotated

import typer

from . import render
from .args import (
    AsOpt,
    ConversationOpt,
    DetailOpt,
    OverrideOpt,
    PlaceOpt,
    SinceOpt,
    UntilOpt,
    choice,
    complete_person,
    pair_evidence,
)
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

app = typer.Typer(help="Requests to connect or to be introduced: record, list, accept, decline.", no_args_is_help=True)
ViaOpt = Annotated[str, typer.Option("--via", click_type=choice("channel"), help="How it came.")]
OnOpt = Annotated[str | None, typer.Option("--on", help="When it came (default today).")]
RequestId = Annotated[int, typer.Argument(metavar="ID", min=1, max=2**62)]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="request")


def _emit_request(rec: dict, json_mode: bool) -> None:
    if rec.pop("created_person", False):
        render.info(f"Added {render.plain(rec['from_name'])} ({rec['from']}) as a new person")
    if json_mode:
        render.emit_json(rec)
    else:
        wants = "connect" if rec["kind"] == "connect" else "meet " + rec["to_name"]
        render.line(f"Request #{rec['id']}: {rec['from_name']} asked to {wants} (by {rec['channel']})")


@app.command("connect")
def request_connect(
    ctx: typer.Context,
    person: Annotated[
        str, typer.Argument(metavar="NAME", help="Who asked (created if unknown).", autocompletion=complete_person)
    ],
    via: ViaOpt,
    note: Annotated[str | None, typer.Option("--note", help="What they said.")] = None,
    on: OnOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that someone asked to connect with me."""
    _emit_request(network(ctx).request_connect(person, via=via, note=note, on=on), wants_json(output, as_json))


@app.command("intro")
def request_intro(
    ctx: typer.Context,
    asker: Annotated[
        str, typer.Argument(metavar="FROM", help="Who asked (created if unknown).", autocompletion=complete_person)
    ],
    target: Annotated[
        str, typer.Argument(metavar="TO", help="Whom they want to meet.", autocompletion=complete_person)
    ],
    via: ViaOpt,
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why they want to meet.")],
    note: Annotated[str | None, typer.Option("--note", help="Anything else they said.")] = None,
    on: OnOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record that someone asked me to introduce them to someone."""
    rec = network(ctx).request_intro(asker, target, via=via, reason=reason, note=note, on=on)
    _emit_request(rec, wants_json(output, as_json))


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", click_type=choice("request status"))] = None,
    kind: Annotated[str | None, typer.Option("--kind", click_type=choice("request kind"))] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List requests, newest first."""
    columns = ["id", "kind", "from", "to", "channel", "status", "received_on", "reason"]
    render.emit(
        network(ctx).requests(status=status, kind=kind),
        render.mode(output, as_json),
        lambda d: render.simple_table(d, columns, empty="No requests."),
        tsv=columns,
    )


@app.command("show")
def show(
    ctx: typer.Context,
    request_id: RequestId,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Show one request."""
    render.emit(network(ctx).request(request_id), wants_json(output, as_json), render.request_card)


@app.command("accept")
def accept(
    ctx: typer.Context,
    request_id: RequestId,
    as_: AsOpt = None,
    detail: DetailOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    conversation: ConversationOpt = None,
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Accept a request by running its gated action: connect (with your evidence), or ask the person to be reached."""
    items = pair_evidence(as_, detail=detail, since=since, until=until, place=place, conversation=conversation)
    data = network(ctx).accept(request_id, items, override=override)
    json_mode = wants_json(output, as_json)
    if data.pop("kind") == "intro":
        from .intro import emit_ask

        emit_ask(data, json_mode)
        return
    render.verdict_notes(data["verdict"])
    from_name = data.pop("from_name")
    data.pop("name")
    if json_mode:
        render.emit_json(data)
    else:
        render.line(f"Accepted: connected with {from_name} ({data['person']}): {data['connection']['summary']}")


@app.command("decline")
def decline(
    ctx: typer.Context,
    request_id: RequestId,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Decline a request and draft a warm, honest note saying so (nothing private about anyone else)."""
    data = network(ctx).decline(request_id)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        sys.stdout.write(render.plain(data["draft"]))
