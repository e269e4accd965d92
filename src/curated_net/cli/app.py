"""The `cnet` application: global options, the error boundary, and the command groups."""

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from .. import __version__
from . import context


class CnetGroup(TyperGroup):
    """Top-level group: every domain error raised by any command ends here as a message and exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run cnet; a usage error (a bad option value, an unknown option) is printed through the same
        literal-text escaping as every other message, on a terminal and to a pipe, and exits 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        import sys

        from typer._click.exceptions import ClickException
        from typer.exceptions import Abort

        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as exc:
            from .errors import report_usage

            sys.exit(report_usage(exc))
        except Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        # Without standalone mode Click returns the code of an exit (`ctx.exit(n)`); a command that ran to
        # its end returns None (invoke below returns nothing).
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        from ..errors import CnetError

        try:
            super().invoke(ctx)
            return None
        except BrokenPipeError:
            # The reader went away (`cnet list | head`): stop quietly, as command-line tools do.
            import os
            import sys

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except click_exceptions.UsageError as exc:
            _did_you_mean(exc)
            raise
        except (CnetError, OSError, UnicodeError) as exc:
            from .errors import report

            ctx.exit(report(exc, json_mode=isinstance(ctx.obj, context.State) and ctx.obj.json))
        except KeyboardInterrupt:
            # Ctrl-C: a message and the exit code a shell gives SIGINT (Click would say only "Aborted!", exit 1).
            # Each write is one transaction, so what was under way was rolled back; a command that talks to a
            # team server says more itself (errors.Interrupted).
            from ..errors import Interrupted
            from .errors import report

            ctx.exit(report(Interrupted("interrupted (Ctrl-C)")))
        except ValueError as exc:
            if "null byte" not in str(exc):  # a NUL in a file name: only a program can pass one
                raise
            from ..errors import BadInput
            from .errors import report

            ctx.exit(report(BadInput("a file name cannot hold a NUL byte")))
        except Exception as exc:
            import sqlite3

            if isinstance(exc, sqlite3.DatabaseError):
                from .errors import report

                ctx.exit(report(exc))
            raise
        finally:
            if isinstance(ctx.obj, context.State):
                if ctx.obj.notices():
                    from . import render

                    for notice in ctx.obj.notices():
                        render.warn(notice)
                ctx.obj.close()

    # Commands are built on first use: a run builds only the module it invokes, so `cnet --help`,
    # completion and every command skip the cost of turning ~60 functions into click commands.

    def list_commands(self, ctx):
        return [name for name, _module, _help in COMMANDS]

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in _MODULE_OF:
            for name, command in _build(_MODULE_OF[cmd_name]).items():
                self.commands.setdefault(name, command)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx, formatter):
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(len(name) for name, _m, _h in COMMANDS)
        with formatter.section("Commands"):
            formatter.write_dl([(name, make_default_short_help(help_, limit)) for name, _m, help_ in COMMANDS])

    def shell_complete(self, ctx, incomplete):
        from typer._click.shell_completion import CompletionItem

        items = [CompletionItem(name, help=help_) for name, _m, help_ in COMMANDS if name.startswith(incomplete)]
        return items + [i for i in super(TyperGroup, self).shell_complete(ctx, incomplete) if i.value.startswith("-")]


def _did_you_mean(exc) -> None:
    """'No such command' names the closest commands of the group it was typed in (rapidfuzz's matcher)."""
    import re

    m = re.match(r"No such command '(.+)'\.", exc.message)
    ctx = exc.ctx
    if not m or ctx is None or "Did you mean" in exc.message:  # click named them already
        return
    group = ctx.command
    names = list(group.list_commands(ctx)) if hasattr(group, "list_commands") else []
    close = closest(m.group(1), names)
    if close:
        exc.message += " Did you mean: " + ", ".join(close) + "?"


def closest(word: str, choices: list[str], *, limit: int = 3, cutoff: float = 75) -> list[str]:
    """The choices nearest to a word that matched none, best first (for 'did you mean')."""
    from rapidfuzz import fuzz, process

    found = process.extract(word.lower(), choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [choice for choice, _score, _i in found]


# name, module, first paragraph of its help: what `cnet --help` lists without importing the module.
# tests/test_cli_startup.py holds this against the commands themselves.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "people", "Create the database (if needed) and set me."),
    ("add", "people", "Add a person; print the new handle."),
    ("show", "people", "Show everything about one person: details, connection, degree, interactions, strength."),
    ("list", "people", "List people, filtered by tag, company or degree from me."),
    (
        "edit",
        "people",
        "Change a person. Text options replace ('' clears); list options add; --remove-*/--untag remove.",
    ),
    ("rm", "people", "Remove a person and their ties (their handle is never reused)."),
    ("search", "people", "Search names, nickname, company, title, notes, how-met and highlights."),
    ("connect", "relationships", "Connect me with a person (gated by the policy); run again to add evidence."),
    ("disconnect", "relationships", "Remove my connection with a person, and its evidence."),
    ("evidence", "relationships", "List the evidence of my connection with a person; --edit or --remove it."),
    ("link", "relationships", "Record that two people know each other, or load many pairs with --file."),
    ("unlink", "relationships", "Forget that two people know each other."),
    ("log", "relationships", "Record an interaction with a person."),
    ("history", "relationships", "List the interactions with a person, newest first."),
    (
        "degree",
        "graph",
        "How far apart two people are (B defaults to me), and the path with how each hop is known.",
    ),
    (
        "path",
        "graph",
        "The best introduction routes from A to B (from me to A if B is left out): strongest weakest tie first.",
    ),
    (
        "network",
        "graph",
        "My network by degree (1st / 2nd / 3rd…) in both views, my best bridges, and people with no tie.",
    ),
    (
        "map",
        "graph",
        "A picture of the network: an offline HTML page (or an SVG) with me at the centre and rings by degree.",
    ),
    (
        "intro",
        "intro",
        "Introductions: cnet intro A B --reason TEXT drafts one (A wants to reach B); subcommands manage their life.",
    ),
    ("request", "requests", "Requests to connect or to be introduced: record, list, accept, decline."),
    ("endorse", "recognition", "Endorse a person for a skill (gated by honest-recognition)."),
    ("recommend", "recognition", "Write a recommendation for a person (gated by honest-recognition); prints it."),
    ("recognition", "recognition", "List the endorsements and recommendations I gave."),
    (
        "decisions",
        "policy",
        "Every gated attempt, newest first: what was tried, the verdict, and each rule's outcome.",
    ),
    (
        "audit",
        "policy",
        "Hold the whole network against your policy: the connections and recognition it would refuse today.",
    ),
    ("policy", "policy", "Your policy file: path, init, show, check, edit."),
    ("check", "policy", "The policy's verdict on an action, without doing it (exit 3 when it would be refused)."),
    ("template", "templates", "The templates drafts are written from: list, show, edit, reset."),
    ("import", "io", "Bring people in: linkedin, vcard, csv, json, mail, calendar."),
    ("export", "io", "Take everything out: json, vcard, csv, graph (to stdout unless --out)."),
    (
        "dupes",
        "dupes",
        "List likely duplicates: same e-mail or LinkedIn URL, the same name, similar names at the same company.",
    ),
    (
        "merge",
        "dupes",
        "Merge OTHER into KEEP: evidence, links, interactions, introductions and recognition move over; conflicting\n"
        "values are resolved by --prefer and the losing ones kept in the notes.",
    ),
    ("suggest", "suggest", "What your mail and calendar suggest: people, evidence, links."),
    ("archive", "archive", "What cnet kept of your mail, calendars and LinkedIn messages: status, forget."),
    ("keep-in-touch", "keep", "How often to be in touch with a person, or with everyone who has a tag."),
    ("due", "keep", "Who is due or overdue for contact, and the birthdays and anniversaries coming round."),
    ("prune", "keep", "Connections to drop on LinkedIn: mark, unmark, undo, list."),
    ("review", "review", "Walk a queue of people one keystroke a decision: evidence, prune, skip, snooze, undo."),
    ("db", "db", "The database file: path, status, backup, check."),
    (
        "team",
        "team",
        "A team's shared warm paths: init, join, status, publish, sync, who-knows, path, ask, leave.",
    ),
)
_MODULE_OF = {name: module for name, module, _help in COMMANDS}


app = typer.Typer(
    cls=CnetGroup,
    name="cnet",
    help="Keep a private, local record of who you really know, and how.",
    epilog=(
        "Examples:\n\n\b\n  cnet show bones\n  cnet review --list\n  cnet due --within 14d\n\n"
        "Every command's --help ends with examples of its own (cnet show --help)."
    ),
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


def _typer() -> typer.Typer:
    return typer.Typer(
        cls=CnetGroup,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


_built: dict[str, dict] = {}


def _build(module: str) -> dict:
    """The click commands of one command module by name, built once."""
    if module not in _built:
        import importlib

        mod = importlib.import_module(f"{__package__}.{module}")
        holder = _typer()
        holder.callback()(lambda: None)  # a callback keeps a one-command module a group
        if hasattr(mod, "register"):
            mod.register(holder)
        else:
            holder.add_typer(mod.app, name=module)
        from typer.main import get_command

        group = get_command(holder)
        _built[module] = dict(getattr(group, "commands", {}))
        from .examples import epilog

        def with_examples(path: str, command) -> None:  # every command's --help ends with its examples
            command.epilog = epilog(path) or command.epilog
            for sub_name, sub in (getattr(command, "commands", None) or {}).items():
                with_examples(f"{path} {sub_name}", sub)

        for name, command in _built[module].items():
            with_examples(name, command)
    return _built[module]


def eager_commands() -> dict:
    """Every command, built now (for tests that hold the index above against them)."""
    out: dict = {}
    for module in dict.fromkeys(m for _n, m, _h in COMMANDS):
        out.update(_build(module))
    return out


def main() -> None:
    app()
