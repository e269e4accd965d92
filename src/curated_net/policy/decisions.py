"""The decision log: every gated attempt (allowed, warned, refused, overridden), one JSON line each.

It lives beside the database (`cnet.decisions.jsonl`, mode 0600) rather than in it, so that a
refused command can be recorded while the database itself stays exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

from ..dates import now_iso
from ..errors import BadInput
from . import Verdict


def log_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".decisions.jsonl")


def record(db_path: Path, verdict: Verdict, subjects: list[str], *, detail: dict | None = None) -> dict:
    entry = {
        "at": now_iso(),
        "action": verdict.action,
        "outcome": verdict.outcome,
        "subjects": subjects,
        "policy": verdict.policy_hash,
        "override_reason": verdict.override_reason,
        "rules": [{"id": r.id, "effect": r.effect, "passed": r.passed, "message": r.message} for r in verdict.rules],
        **({"detail": detail} if detail else {}),
    }
    path = log_path(db_path)
    # Never waiting on a FIFO nor writing to a device: only a regular file is appended to.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o600)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            from ..paths import kind_of

            raise BadInput(f"the decision log {path} is {kind_of(os.fstat(fd).st_mode)}, not a regular file")
        os.write(fd, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    finally:
        os.close(fd)
    return entry


def check_log(db_path: Path) -> None:
    """Refuse, before a gated action runs, a decision log that is not a regular file (or nothing yet)."""
    from ..paths import existing_kind

    path = log_path(db_path)
    kind = existing_kind(path, what="decision log")
    if kind not in (None, "a regular file"):
        raise BadInput(f"the decision log {path} is {kind}, not a regular file; nothing was done")


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(k), str) for k in ("at", "action", "outcome"))
        and isinstance(entry.get("subjects"), list)
        and all(isinstance(s, str) for s in entry["subjects"])
        and isinstance(entry.get("rules", []), list)
        and all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in entry.get("rules", []))
    )


def read(
    db_path: Path,
    *,
    person: str | None = None,
    action: str | None = None,
    outcome: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Decisions, newest first, filtered by a subject's handle, the action or the outcome."""
    from ..paths import existing_kind, open_input

    path = log_path(db_path)
    if existing_kind(path, what="decision log") is None:
        return []
    out = []
    with open_input(path, what="decision log", stdin=False) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                continue  # a line cut short by a crash: the rest of the log still counts
            if not _well_formed(entry):
                continue  # not a decision cnet wrote (an edited or restored log): shown, it would mislead
            entry["n"] = n
            if person and person not in entry.get("subjects", []):
                continue
            if action and entry.get("action") != action:
                continue
            if outcome and entry.get("outcome") != outcome:
                continue
            out.append(entry)
    out.reverse()
    return out[:limit] if limit else out


class Recording:
    """Holds the verdict of the gated action run inside `recording(...)`."""

    def __init__(self) -> None:
        self.verdict: Verdict | None = None
        self.conn: Any = None  # the write transaction the action runs in


@contextlib.contextmanager
def recording(db_path: Path, action: str, subjects: list[str], *, detail: dict | None = None):
    """Record the verdict of the gated action run inside the block, whatever it was.

    The block sets `.verdict`; a refusal raised inside it is logged, then raised again. Use it
    outside the write transaction: a refused action is logged after its transaction rolled back,
    an allowed one after it committed.
    """
    from ..errors import Refused

    check_log(db_path)
    held = Recording()
    try:
        yield held
    except Refused as exc:
        if exc.verdict is not None:
            record(db_path, exc.verdict, subjects, detail=detail)
        raise
    if held.verdict is not None:
        record(db_path, held.verdict, subjects, detail=detail)
