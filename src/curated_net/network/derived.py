"""What cnet derives from its records and keeps beside them: each connection's curated flag (the policy's
verdict on its evidence) and the degrees from me (network/degrees.py).

They are stored only by commands that write anyway: every write transaction of the API brings them up to
date before it commits (`settle`). A read, a check or a refusal never writes: where what is stored is
behind (the policy file was edited by hand since the last write, or a tie changed through a path that did
not settle), the read's own connection holds the values as they should be in temporary tables, in memory,
that stand in for the stored ones for that connection alone (`overlay`). Nothing reaches the database file,
its journal or any other file.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..policy import Gate


@dataclass
class Behind:
    """What a read must compute for itself: the curated flags that differ from the stored ones (person id
    -> flag), and whether the stored degrees are behind the ties."""

    flags: dict[int, int] = field(default_factory=dict)
    degrees: bool = False

    def __bool__(self) -> bool:
        return bool(self.flags) or self.degrees


def policy_behind(conn: sqlite3.Connection, gate: Gate | None) -> Gate | None:
    """The policy in force when the stored flags are not its verdicts, else None.

    With no gate given, a policy whose text is the one the flags were last brought in step with is not
    even parsed (every read asks). A broken policy file raises PolicyError."""
    policy, in_step = _judged_by(conn, gate)
    return None if in_step else policy


def _judged_by(conn: sqlite3.Connection, gate: Gate | None) -> tuple[Gate | None, bool]:
    """The policy in force (None when its text is the one last noted: it need not be parsed) and whether the
    stored flags are its verdicts."""
    from ..policy import default_gate
    from .curation import in_step, policy_source_key

    source = policy_source_key() if gate is None else ""
    if source:
        row = conn.execute(
            "SELECT s.value, c.value FROM meta s, meta c "
            "WHERE s.key = 'curated_policy_source' AND c.key = 'curated_policy'"
        ).fetchone()
        if row and row[0] == f"{source}:{row[1]}":
            return None, True
    gate = gate or default_gate()
    return gate, in_step(conn, gate)


def flags_for(conn: sqlite3.Connection, gate: Gate) -> dict[int, int]:
    """The connections whose curated flag the policy would change: person id -> new flag."""
    from .curation import verdicts

    judged = {pid: flag for flag, pid in verdicts(conn, gate)}
    stored = dict(conn.execute("SELECT person_id, curated FROM connection"))
    return {pid: flag for pid, flag in judged.items() if stored.get(pid) != flag}


def owe_verdicts(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Inside a write: these connections were written without the policy's verdict (a bulk load); `settle`
    judges them, all at once, before the transaction commits. Noted in a temporary table of this connection
    (a few pages, never the database file), which a rollback empties with everything else."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS unjudged (person_id INTEGER PRIMARY KEY)")
    conn.execute("INSERT OR IGNORE INTO temp.unjudged (person_id) SELECT value FROM json_each(?)", (json.dumps(ids),))


# The table owe_verdicts notes connections in: a scope for curation.judge.
OWED = "temp.unjudged"


def _owed(conn: sqlite3.Connection) -> bool:
    """Whether `owe_verdicts` noted any connection in this transaction."""
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'unjudged'").fetchone() is None:
        return False
    return conn.execute(f"SELECT 1 FROM {OWED} LIMIT 1").fetchone() is not None


def _me(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    return row[0] if row else None


# -- writes: store them -------------------------------------------------------------------------------------


def settle(conn: sqlite3.Connection, gate: Gate | None) -> None:
    """Inside a write transaction, before it commits: the curated flags in step with the policy in force
    (unless its file is broken: they stay as last judged) and the degrees up to date."""
    from ..policy import default_gate
    from ..policy.loader import PolicyError
    from ..store.database import set_meta
    from .curation import judge, refresh_curated_flags, sync_curated

    owed = _owed(conn)
    try:
        policy, in_step = _judged_by(conn, gate)
        if owed and policy is None:
            policy = default_gate()
    except PolicyError:
        # The flags stay as last judged; connections written without a verdict are judged, with all the
        # others, by the first write that can read the policy.
        if owed:
            set_meta(conn, "curated_policy", "")
        policy, in_step, owed = None, True, False
    if not in_step:
        assert policy is not None  # a policy is parsed whenever the flags may be behind it
        refresh_curated_flags(conn, policy)
    else:
        if owed:
            assert policy is not None
            judge(conn, policy, scope=OWED)
        if policy is not None:
            # Notes the policy's text (a database's first write too), so that reads need not parse it and
            # the next write need not judge every connection again.
            sync_curated(conn, policy)
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'unjudged'").fetchone() is not None:
        conn.execute(f"DELETE FROM {OWED}")  # judged, with every connection or alone
    _degrees(conn)


def _degrees(conn: sqlite3.Connection) -> None:
    from . import degrees

    if not degrees.up_to_date(conn):
        me = _me(conn)
        if me is not None:
            degrees.bring_up_to_date(conn, me)


# -- reads: compute them, in memory ---------------------------------------------------------------------------


def behind(conn: sqlite3.Connection, gate: Gate | None) -> Behind:
    """The curated flags stored behind what the records and the policy say (PolicyError when the policy is
    broken). Whether the stored degrees are behind is asked only by a read of them (`degrees_behind`): a
    point query searches the ties themselves, and at ten million links working every degree out in memory
    would cost it ten seconds."""
    out = Behind()
    policy = policy_behind(conn, gate)
    if policy is not None:
        out.flags = flags_for(conn, policy)
    return out


def degrees_behind(conn: sqlite3.Connection, state: Behind | None) -> bool:
    """Whether a read of the stored degrees must work them out for itself: they are behind the ties, or the
    curated flags it reads are not the stored ones."""
    from . import degrees

    return bool(state and state.flags) or not degrees.up_to_date(conn)


def overlay(conn: sqlite3.Connection, state: Behind) -> None:
    """In a read transaction: temporary copies of the tables that are behind, brought up to date, standing in
    for the stored ones in this connection (SQLite finds a temporary table before a stored one of the same
    name). Kept in memory; the transaction's end drops them."""
    if not state:
        return
    conn.execute("PRAGMA temp_store = MEMORY")
    if state.flags:
        _shadow(conn, "connection")
        conn.executemany(
            "UPDATE temp.connection SET curated = ? WHERE person_id = ?",
            [(flag, pid) for pid, flag in state.flags.items()],
        )
    if state.degrees:
        from . import degrees

        for table in ("degree_cache", "degree_dirty", "meta"):
            _shadow(conn, table)
        # The triggers that note changed ties watch the stored tables: note the changed flags here.
        conn.executemany("INSERT OR IGNORE INTO temp.degree_dirty (person_id) VALUES (?)", [(p,) for p in state.flags])
        me = _me(conn)
        if me is not None:
            degrees.bring_up_to_date(conn, me)


def _shadow(conn: sqlite3.Connection, table: str) -> None:
    """A temporary table with the stored one's columns, keys and indexes (no foreign keys, no triggers),
    holding its rows."""
    import re

    (sql,) = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    conn.execute(re.sub(r"^\s*CREATE\s+TABLE\s+", "CREATE TEMP TABLE ", sql, count=1, flags=re.IGNORECASE))
    conn.execute(f"INSERT INTO temp.{table} SELECT * FROM main.{table}")
    indexes = conn.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    for (index_sql,) in indexes:
        made = re.match(r"^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(IF\s+NOT\s+EXISTS\s+)?", index_sql, flags=re.IGNORECASE)
        if made is not None:  # the same index, made in the temporary schema
            conn.execute(f"{made.group(0)}temp.{index_sql[made.end() :]}")
