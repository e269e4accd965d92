"""Running a gated action from the command line: warnings, refusals and the decision log."""

import contextlib

from . import render


@contextlib.contextmanager
def decision(store, action: str, subjects: list[str], detail: dict | None = None):
    """Record the verdict of the gated action run inside the block, whatever it was.

    The block sets `outcome["verdict"]`; a refusal raised inside it is logged, then re-raised.
    """
    from ..errors import Refused
    from ..policy import decisions

    outcome: dict = {"verdict": None}
    try:
        yield outcome
    except Refused as exc:
        if exc.verdict is not None:
            decisions.record(store.path, exc.verdict, subjects, detail=detail)
        raise
    verdict = outcome["verdict"]
    if verdict is not None:
        decisions.record(store.path, verdict, subjects, detail=detail)
        for r in verdict.warnings:
            render.warn(r.line().removeprefix("warning from "))
        if verdict.overridden:
            render.warn(f"overridden ({verdict.override_reason}): " + "; ".join(r.id for r in verdict.refusals))
