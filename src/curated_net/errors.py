"""Domain errors. The CLI turns each into a message and an exit code in one place."""

from __future__ import annotations


class CnetError(Exception):
    """Base for every error a user should see as a message, not a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(CnetError):
    """A person (or other record) that does not exist."""

    def __init__(self, message: str, *, suggestions: list[tuple[str, str]] | None = None, hint=None):
        super().__init__(message, hint=hint)
        self.suggestions = suggestions or []


class Ambiguous(CnetError):
    """A name that matches more than one person."""

    def __init__(self, message: str, *, candidates: list[tuple[str, str]]):
        super().__init__(message, hint="Use a handle to say which one you mean.")
        self.candidates = candidates


class BadInput(CnetError):
    """Input that cannot be accepted: an impossible date, a malformed file, an empty name."""


class Duplicate(CnetError):
    """A likely duplicate of an existing person."""

    def __init__(self, message: str, *, existing: list[tuple[str, str]], hint: str | None = None):
        super().__init__(message, hint=hint)
        self.existing = existing


class Usage(CnetError):
    """A command asked for in a way it cannot be run: a required option left out (exit 2, as a parse error)."""

    exit_code = 2


class Interrupted(CnetError):
    """Ctrl-C: the command stopped (exit 130, as a shell reports SIGINT); the message says what was kept."""

    exit_code = 130


class StoreError(CnetError):
    """The database cannot be used: missing, newer than this cnet, corrupt, locked for too long."""


class Incomplete(CnetError):
    """Several things asked for at once (ids, people, rows) of which some could not be done: so none was.

    `outcomes` says, in order, what each would have done or why it could not be done ({"id", "done": False,
    "outcome"}); the exit code is 3 when only policy refusals stood in the way, else 1."""

    def __init__(self, message: str, *, outcomes: list[dict], refused_only: bool, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.outcomes = outcomes
        self.exit_code = 3 if refused_only else 1


class Refused(CnetError):
    """An action the user's policy refuses."""

    exit_code = 3

    def __init__(self, message: str, *, hint: str | None = None, verdict=None) -> None:
        super().__init__(message, hint=hint)
        self.verdict = verdict
