"""What cnet kept of your archives: cnet archive status, cnet archive forget ADDRESS | --before DATE."""

from typing import Annotated

import typer

from .. import text as tx
from . import render
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, wants_json

app = typer.Typer(
    help="What cnet kept of your mail, calendars and LinkedIn messages: status, forget.", no_args_is_help=True
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="archive")


@app.command("status")
def status(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """How many messages and meetings are kept, and how many of their addresses are no one's yet."""
    data = network(ctx).archive_status()
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    what = {"mail": "e-mail", "calendar": "meeting", "linkedin": "LinkedIn message"}
    items = ", ".join(tx.counted(n, what.get(s, s)) for s, n in data["items"].items())
    render.line(f"Kept: {items} ({data['with_subject']:,} with a subject, no body)")
    if data.get("invitations_sent"):
        n = data["invitations_sent"]
        render.line(f"and {tx.counted(n, 'LinkedIn invitation')} you sent (for the review's score; not messages)")
    if data["first"]:
        render.line(f"From {data['first']} to {data['last']}")
    render.line(f"{tx.counted(data['addresses'], 'address')}, {data['addresses_no_ones']:,} of them no one's yet")


@app.command("forget")
def forget(
    ctx: typer.Context,
    address: Annotated[
        str | None, typer.Argument(help="An e-mail address or LinkedIn profile URL: every item it is on.")
    ] = None,
    before: Annotated[
        str | None, typer.Option("--before", metavar="DATE", help="Every item dated before this (YYYY[-MM[-DD]]).")
    ] = None,
    keep_interactions: Annotated[
        bool,
        typer.Option("--keep-interactions", help="Keep the interactions these items gave (only the headers go)."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Forget what was kept: the headers of every item an address is on, or of every item before a date."""
    from ..errors import BadInput

    net = network(ctx)
    preview = net.archive_forget(address, before=before, keep_interactions=keep_interactions, dry_run=True)
    if not preview["items"]:
        raise BadInput(f"nothing kept to forget: {preview['what']}")
    n = preview["interactions"]
    gone = "" if keep_interactions else f" and the {tx.counted(n, 'interaction')} {tx.noun(n, 'it')} gave"
    question = f"Forget {tx.counted(preview['items'], 'kept item')} ({preview['what']}){gone}?"
    # Asked outside any transaction: a person thinking must not hold the write lock.
    if not yes and not typer.confirm(render.plain(question), err=True):
        raise BadInput("nothing forgotten")
    data = net.archive_forget(address, before=before, keep_interactions=keep_interactions)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(
            f"Forgot {tx.counted(data['items'], 'item')} and {tx.counted(data['interactions'], 'interaction')} "
            f"({data['what']})"
        )
