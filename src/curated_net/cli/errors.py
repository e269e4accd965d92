"""The one place where domain errors become messages on stderr and exit codes."""

from __future__ import annotations

import sqlite3

from ..errors import Ambiguous, CnetError, Duplicate, NotFound, Refused
from . import render


def report(exc: BaseException, *, json_mode: bool = False) -> int:
    """Print `exc` for a person and return the exit code; a refusal asked for in JSON is also one JSON
    document on stdout (the verdict, each rule's outcome and the fixes)."""
    if isinstance(exc, Refused) and json_mode and exc.verdict is not None:
        render.emit_json(exc.verdict.as_dict())
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
