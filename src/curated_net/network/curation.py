"""Keeping the curated view in step with the policy in force."""

from __future__ import annotations

from collections.abc import Iterable

from ..policy import Gate, default_text
from ..store.database import bump_graph_version, set_meta
from .facts import all_connection_facts, connections_alike


def source_digest(text: str, builtin: bool) -> str:
    """A digest of a policy's text (and of this cnet): equal digests, equal policies."""
    import hashlib

    from .. import __version__

    head = f"{__version__}\0{'built-in' if builtin else 'file'}\0"
    return hashlib.sha256((head + text).encode("utf-8")).hexdigest()[:16]


def _note_source(conn, gate: Gate) -> None:
    """Remember which policy text the curated flags were last brought in step with."""
    policy = getattr(gate, "policy", None)
    if policy is not None:
        value = f"{source_digest(policy.text, policy.source == 'built-in default')}:{gate.fingerprint}"
        stored = conn.execute("SELECT value FROM meta WHERE key = 'curated_policy_source'").fetchone()
        if not stored or stored[0] != value:  # a write that changes nothing leaves the file as it was
            set_meta(conn, "curated_policy_source", value)


def verdicts(conn, gate: Gate, ids: Iterable[int] | None = None, *, scope: str | None = None) -> list[tuple[int, int]]:
    """(curated flag, person id) of every connection (or those of `ids`, or of the person ids in the table
    `scope`) under the policy. The verdict on a connection follows from what is known of it, never from
    whose it is: the policy is held to one connection of each group alike (network.facts.connections_alike)
    and the others get its verdict."""
    groups = connections_alike(conn, ids, scope=scope)
    facts = {f["subjects"]["person"]["id"]: f for f in all_connection_facts(conn, [g[0] for g in groups.values()])}
    out: list[tuple[int, int]] = []
    for group in groups.values():
        flag = int(gate.is_curated(facts[group[0]]))
        out.extend((flag, pid) for pid in group)
    return out


def judge(conn, gate: Gate, ids: Iterable[int] | None = None, *, scope: str | None = None) -> int:
    """Bring the curated flags of these connections (`ids`, or those in the table `scope`) in step with the
    policy (after a bulk load wrote them without its verdict); return how many changed."""
    return write_curated(conn, verdicts(conn, gate, ids, scope=scope))


def refresh_curated_flags(conn, gate: Gate) -> int:
    """Recompute every connection's curated flag for the policy in force; return how many changed."""
    changed = write_curated(conn, verdicts(conn, gate))
    set_meta(conn, "curated_policy", gate.fingerprint)
    _note_source(conn, gate)
    return changed


def write_curated(conn, flags: list[tuple[int, int]]) -> int:
    """Set connections' curated flags, rows of (flag, person id): the one writer of the flag. Only those
    that change are written, and then the graph's version moves; return how many changed."""
    import json

    changed = 0
    for flag in (0, 1):
        ids = [pid for c, pid in flags if c == flag]
        if ids:
            conn.execute(
                "UPDATE connection SET curated = ?1 WHERE curated != ?1 "
                "AND person_id IN (SELECT value FROM json_each(?2))",
                (flag, json.dumps(ids)),
            )
            changed += conn.execute("SELECT changes()").fetchone()[0]
    if changed:
        bump_graph_version(conn)
    return changed


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
    else:
        _note_source(conn, gate)


def policy_source_key() -> str:
    """The digest of the policy text in force, read without parsing it ("" when it cannot be read)."""
    from ..errors import BadInput
    from ..paths import existing_kind, policy_path, read_text_input

    path = policy_path()
    try:
        if existing_kind(path, what="policy") is not None:
            return source_digest(read_text_input(path, what="policy"), False)
        return source_digest(default_text(), True)
    except (OSError, BadInput):
        return ""  # the full load reports why
