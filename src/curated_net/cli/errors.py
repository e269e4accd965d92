"""The one place where domain errors become messages on stderr and exit codes."""

from __future__ import annotations

import sqlite3

from ..errors import Ambiguous, CnetError, Duplicate, Incomplete, NotFound, Refused
from . import render


def report_usage(exc) -> int:
    """Print a usage error (Click's layout: usage, where to find help, the error) with the text made literal:
    a value the user typed (`--view $'\\e]0;PWNED\\a'`) is echoed escaped, never sent to the terminal."""
    import sys

    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from ..text import printable

    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, NoArgsIsHelpError):
        text = exc.format_message()
    elif isinstance(exc, UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.\n"
        text = f"{ctx.get_usage()}\n{hint}\nError: {exc.format_message()}"
    else:
        text = f"Error: {exc.format_message()}"
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()
    return exc.exit_code


def report(exc: BaseException, *, json_mode: bool = False) -> int:
    """Print `exc` for a person and return the exit code; a refusal asked for in JSON is also one JSON
    document on stdout (the verdict, each rule's outcome and the fixes)."""
    if isinstance(exc, Refused) and json_mode and exc.verdict is not None:
        render.emit_json(exc.verdict.as_dict())
    if isinstance(exc, Incomplete) and json_mode:
        render.emit_json({"done": False, "outcomes": exc.outcomes})
    if isinstance(exc, Ambiguous):
        render.error(exc.message, rows=exc.candidates, hint=exc.hint)
    elif isinstance(exc, NotFound):
        rows = exc.suggestions
        hint = exc.hint
        if rows:
            render.error(exc.message + ". Did you mean:", rows=rows, hint=hint)
        else:
            render.error(exc.message, hint=hint)
    elif isinstance(exc, Duplicate):
        render.error(exc.message + ":", rows=exc.existing, hint=exc.hint)
    elif isinstance(exc, CnetError):
        # A refusal's lines already say "refused by <rule>: ..."
        render.error(exc.message, hint=exc.hint, label=None if exc.exit_code == 3 else "error")
        return exc.exit_code
    elif isinstance(exc, sqlite3.DatabaseError):
        render.error(f"database error: {exc}")
    elif isinstance(exc, UnicodeError):
        # Bytes that are not UTF-8 (an argument, a file name) reach here only where no rule named the field.
        render.error("text that is not valid UTF-8 cannot be used here (check the arguments' encoding)")
    elif isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        render.error(f"cannot use{where}: {exc.strerror or exc}")
    else:
        raise exc
    return 1
