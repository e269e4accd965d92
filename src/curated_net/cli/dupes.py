"""Commands for duplicates: dupes, merge."""

from typing import Annotated

import typer

from . import render
from .args import PersonArg
from .context import state
from .render import JsonOpt, Output, OutputOpt, wants_json


def register(app: typer.Typer) -> None:
    app.command("dupes")(dupes)
    app.command("merge")(merge)


def dupes(ctx: typer.Context, output: OutputOpt = Output.table, as_json: JsonOpt = False) -> None:
    """List likely duplicates: same e-mail or LinkedIn URL, the same name, similar names at the same company."""
    from ..people.dupes import find_dupes

    store = state(ctx).store()
    with store.connect() as conn:
        data = find_dupes(conn)
    render.emit(
        data,
        wants_json(output, as_json),
        lambda d: render.simple_table(
            d, ["keep", "keep_name", "other", "other_name", "reasons"], empty="No likely duplicates."
        ),
    )


def merge(
    ctx: typer.Context,
    keep: PersonArg,
    other: PersonArg,
    prefer: Annotated[str, typer.Option("--prefer", help="Whose value wins a conflict: keep or other.")] = "keep",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Merge OTHER into KEEP: evidence, links, interactions, introductions and recognition move over; conflicting
    values are resolved by --prefer and the losing ones kept in the notes."""
    from ..errors import BadInput
    from ..people.dupes import merge as run
    from ..people.records import person_record, resolve_id

    store = state(ctx).store()
    with store.connect() as conn:
        ka, ob = resolve_id(conn, keep), resolve_id(conn, other)
        kr, orr = person_record(conn, ka), person_record(conn, ob)
    if not yes and not typer.confirm(
        f"Merge {orr['name']} ({orr['handle']}) into {kr['name']} ({kr['handle']})?", err=True
    ):
        raise BadInput("nothing merged")
    with store.connect(write=True) as conn:
        data = run(conn, ka, ob, prefer=prefer)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    render.line(f"Merged {data['merged']} into {data['kept']}")
    for c in data["conflicts"]:
        render.info(f"  {c['field']}: kept '{c['kept']}'; '{c['moved_to_notes']}' is in the notes")
