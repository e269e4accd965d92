"""`cnet db`: where the database is, what is in it, backups and checks."""

from typing import Annotated

import typer

from . import render
from .context import state
from .render import DocOutput, DocOutputOpt, JsonOpt, wants_json

app = typer.Typer(help="The database file: path, status, backup, check.", no_args_is_help=True)


@app.command("path")
def path(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Print the database path (whether or not it exists yet)."""
    p = state(ctx).db_path
    if wants_json(output, as_json):
        render.emit_json({"path": str(p), "exists": p.exists()})
    else:
        render.line(str(p))


@app.command("status")
def status(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Show the schema version, counts and file size."""
    from ..store.status import database_status

    data = database_status(state(ctx).store())
    render.emit(data, wants_json(output, as_json), lambda d: render.key_values(d, title="cnet database"))


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[str | None, typer.Argument(help="Where to write the copy (default: beside the database).")] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Copy the live database with SQLite's online backup (safe while cnet runs)."""
    import datetime as dt

    store = state(ctx).store()
    if file is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = store.path.with_name(f"{store.path.stem}-backup-{stamp}.db")
    else:
        from pathlib import Path

        dest = Path(file)
    written = store.backup(dest)
    if wants_json(output, as_json):
        render.emit_json({"backup": str(written), "bytes": written.stat().st_size})
    else:
        render.line(str(written))


@app.command("check")
def check(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Check integrity, foreign keys and the search index; exit 1 on any problem."""
    store = state(ctx).store()
    problems = store.check()
    if wants_json(output, as_json):
        render.emit_json({"ok": not problems, "problems": problems})
    elif problems:
        for p in problems:
            render.error(p, label="problem")
    else:
        render.line(f"ok: {store.path}")
    if problems:
        raise typer.Exit(1)


@app.command("reindex")
def reindex(ctx: typer.Context) -> None:
    """Rebuild the full-text search index."""
    store = state(ctx).store()
    store.reindex()
    render.line("search index rebuilt")
