"""Commands that bring people in and take everything out: import and export."""

from typing import Annotated

import typer

from . import render
from .context import state
from .render import JsonOpt, Output, OutputOpt, wants_json

import_app = typer.Typer(help="Bring people in: linkedin, json.", no_args_is_help=True)
export_app = typer.Typer(help="Take everything out: json (to stdout unless --out).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(import_app, name="import")
    root.add_typer(export_app, name="export")


@import_app.command("linkedin")
def import_linkedin(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="Connections.csv, an unzipped export folder, or the export .zip.")],
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Import a LinkedIn export: people and nominal connections (never evidence), plus invitations and recognition."""
    from pathlib import Path

    from ..io.linkedin import import_linkedin as run

    json_mode = wants_json(output, as_json)
    store = state(ctx).store()
    with render.progress("Importing", enabled=not json_mode) as tick, store.connect(write=True) as conn:
        summary = run(conn, Path(path).expanduser(), progress=tick).as_dict()
    if json_mode:
        render.emit_json(summary)
        return
    render.line(
        f"{summary['added']} added, {summary['updated']} updated, {summary['unchanged']} unchanged, "
        f"{len(summary['skipped'])} skipped"
    )
    for item in summary["skipped"][:20]:
        render.warn(f"{item.get('file', path)}: line {item['line']}: skipped: {item['reason']}")
    for item in summary["warnings"][:20]:
        render.warn(f"{item.get('file', path)}: line {item['line']}: {item['reason']}")
    extra = len(summary["skipped"]) + len(summary["warnings"]) - 40
    if extra > 0:
        render.warn(f"… and {extra} more (see --json)")
