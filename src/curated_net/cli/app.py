"""The `cnet` application: global options, the error boundary, and the command groups."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from .. import __version__
from . import context


class CnetGroup(TyperGroup):
    """Top-level group: every domain error raised by any command ends here as a message and exit code."""

    def invoke(self, ctx):
        from ..errors import CnetError

        try:
            return super().invoke(ctx)
        except (CnetError, OSError) as exc:
            from .errors import report

            ctx.exit(report(exc))
        except Exception as exc:
            import sqlite3

            if isinstance(exc, sqlite3.DatabaseError):
                from .errors import report

                ctx.exit(report(exc))
            raise
        finally:
            if isinstance(ctx.obj, context.State):
                ctx.obj.close()

    def list_commands(self, ctx):
        # Keep the order in which commands were registered (a reading order), not alphabetical.
        return list(self.commands)


app = typer.Typer(
    cls=CnetGroup,
    name="cnet",
    help="Keep a private, local record of who you really know, and how.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cnet {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="CNET_DB",
            metavar="PATH",
            help="Database file (default: cnet.db in your user data folder).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Keep a private, local record of who you really know, and how."""
    ctx.obj = context.State(db=db)


def _register() -> None:
    from . import db as db_cli
    from . import dupes as dupes_cli
    from . import graph as graph_cli
    from . import intro as intro_cli
    from . import io as io_cli
    from . import people as people_cli
    from . import policy as policy_cli
    from . import recognition as recognition_cli
    from . import relationships as relationships_cli
    from . import requests as requests_cli
    from . import templates as templates_cli

    people_cli.register(app)
    relationships_cli.register(app)
    graph_cli.register(app)
    intro_cli.register(app)
    requests_cli.register(app)
    recognition_cli.register(app)
    policy_cli.register(app)
    templates_cli.register(app)
    io_cli.register(app)
    dupes_cli.register(app)
    app.add_typer(db_cli.app, name="db")


_register()


def main() -> None:
    app()
