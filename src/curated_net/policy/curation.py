"""Keeping the curated view in step with the policy in force."""

from __future__ import annotations

from . import Gate, default_gate


def refresh_curated_flags(conn, gate: Gate) -> int:
    """Recompute every connection's curated flag for the policy in force; return how many changed."""
    from .facts import all_connection_facts

    changed = [(int(gate.is_curated(f)), f["subjects"]["person"]["id"]) for f in all_connection_facts(conn)]
    current = dict(conn.execute("SELECT person_id, curated FROM connection"))
    changed = [(c, pid) for c, pid in changed if current.get(pid) != c]
    if changed:
        conn.executemany("UPDATE connection SET curated = ? WHERE person_id = ?", changed)
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")
    conn.execute("UPDATE meta SET value = ? WHERE key = 'curated_policy'", (gate.fingerprint,))
    return len(changed)


def in_step(conn, gate: Gate) -> bool:
    """Whether the stored flags already reflect this policy (trivially so with no connections)."""
    stored = conn.execute("SELECT value FROM meta WHERE key = 'curated_policy'").fetchone()
    if stored and stored[0] == gate.fingerprint:
        return True
    return conn.execute("SELECT 1 FROM connection LIMIT 1").fetchone() is None


def sync_curated(conn, gate: Gate) -> None:
    """Inside a write that touched connections: bring every flag in step if the policy changed since."""
    stored = conn.execute("SELECT value FROM meta WHERE key = 'curated_policy'").fetchone()
    if not stored or stored[0] != gate.fingerprint:
        refresh_curated_flags(conn, gate)


def ensure_curated(store, gate: Gate | None = None) -> None:
    """Make the stored curated flags reflect the policy in force (after the user edits it)."""
    gate = gate or default_gate()
    with store.connect() as conn:
        if in_step(conn, gate):
            return
    with store.connect(write=True) as conn:
        refresh_curated_flags(conn, gate)
