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


def policy_source_key() -> str:
    """A digest of the policy text in force and of this cnet, read without parsing the policy."""
    import hashlib
    import os
    from pathlib import Path

    from .. import __version__

    env = os.environ.get("CNET_POLICY")
    if env:
        path = Path(env).expanduser()
    else:
        from ..paths import config_dir

        path = config_dir() / "policy.toml"
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        text = b"built-in:" + (Path(__file__).parent / "default.toml").read_bytes()
    except OSError:
        return ""  # unreadable: the full load reports why
    return hashlib.sha256(__version__.encode() + b"\0" + text).hexdigest()[:16]


def ensure_curated(store, gate: Gate | None = None) -> None:
    """Make the stored curated flags reflect the policy in force (after the user edits it).

    Read commands pass no gate: when the policy's text is the one the flags were last checked
    against, nothing is parsed at all.
    """
    source = policy_source_key() if gate is None else ""
    with store.connect() as conn:
        stored = conn.execute("SELECT value FROM meta WHERE key = 'curated_policy'").fetchone()
        if source:
            row = conn.execute("SELECT value FROM meta WHERE key = 'curated_policy_source'").fetchone()
            if row and stored and row[0] == f"{source}:{stored[0]}":
                return
        gate = gate or default_gate()
        if not source and in_step(conn, gate):
            return
    if stored and stored[0] == gate.fingerprint and not _writable(store):
        return  # in step, and nowhere to note it (a read-only file): parse again next time
    with store.connect(write=True) as conn:
        if not stored or stored[0] != gate.fingerprint:
            refresh_curated_flags(conn, gate)
        if source:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('curated_policy_source', ?)",
                (f"{source}:{gate.fingerprint}",),
            )


def _writable(store) -> bool:
    import os

    return os.access(store.path, os.W_OK)
