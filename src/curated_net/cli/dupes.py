"""Commands for duplicates: dupes, merge."""

from typing import Annotated

import typer

from . import render
from .args import PersonArg, choice
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json


def register(app: typer.Typer) -> None:
    app.command("dupes")(dupes)
    app.command("merge")(merge)


def dupes(ctx: typer.Context, output: OutputOpt = Output.table, as_json: JsonOpt = False) -> None:
    """List likely duplicates: same e-mail or LinkedIn URL, the same name, similar names at the same company."""
    data = network(ctx).dupes()
    columns = ["keep", "keep_name", "other", "other_name", "reasons"]
    render.emit(
        data,
        render.mode(output, as_json),
        lambda d: render.simple_table(d, columns, empty="No likely duplicates."),
        tsv=columns,
    )


def merge(
    ctx: typer.Context,
    keep: PersonArg,
    other: PersonArg,
    prefer: Annotated[
        str, typer.Option("--prefer", click_type=choice("prefer"), help="Whose value wins a conflict.")
    ] = "keep",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Merge OTHER into KEEP: evidence, links, interactions, introductions and recognition move over; conflicting
    values are resolved by --prefer and the losing ones kept in the notes."""
    from ..errors import BadInput

    net = network(ctx)
    kr, orr = net.person(keep), net.person(other)
    question = f"Merge {orr['name']} ({orr['handle']}) into {kr['name']} ({kr['handle']})?"
    if not yes and not typer.confirm(render.plain(question), err=True):
        raise BadInput("nothing merged")
    data = net.merge(kr["handle"], orr["handle"], prefer=prefer)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    render.line(f"Merged {data['merged']} into {data['kept']}")
    for c in data["conflicts"]:
        render.info(f"  {c['field']}: kept '{c['kept']}'; '{c['moved_to_notes']}' is in the notes")
