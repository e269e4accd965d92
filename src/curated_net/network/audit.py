"""The whole network held against the policy in force: what would be refused today."""

from __future__ import annotations

import sqlite3

from .. import text as tx
from ..policy import Gate
from .facts import all_connection_facts, all_recognition_facts


def audit(conn: sqlite3.Connection, gate: Gate) -> dict:
    rule_stats: dict[tuple[str, str], dict] = {}
    failing: list[dict] = []

    def tally(kind: str, verdict) -> None:
        for r in verdict.rules:
            stat = rule_stats.setdefault((r.id, kind), {"rule": r.id, "of": kind, "checked": 0, "passed": 0})
            stat["checked"] += 1
            stat["passed"] += int(r.passed)

    connections = all_connection_facts(conn)
    for facts in connections:
        verdict = gate.evaluate("connect", facts)
        tally("connections", verdict)
        bad = [r for r in verdict.rules if not r.passed]
        if bad:
            p = facts["subjects"]["person"]
            failing.append(
                {
                    "subject": p["handle"],
                    "name": p["name"],
                    "kind": "connection",
                    "would_be": "refused" if verdict.refusals else "warned",
                    "rules": [r.as_dict() for r in bad],
                }
            )
    recognition = all_recognition_facts(conn)
    for rec, facts in recognition:
        verdict = gate.evaluate(facts["action"], facts)
        tally(rec["kind"] + "s", verdict)
        bad = [r for r in verdict.rules if not r.passed]
        if bad:
            p = facts["subjects"]["person"]
            failing.append(
                {
                    "subject": p["handle"],
                    "name": p["name"],
                    "kind": rec["kind"],
                    "recognition": rec,
                    "would_be": "refused" if verdict.refusals else "warned",
                    "rules": [r.as_dict() for r in bad],
                }
            )
    summary = sorted(rule_stats.values(), key=lambda s: (s["of"], s["rule"]))
    lines = [f"{s['passed']:,} of {s['checked']:,} {s['of']} pass {s['rule']}" for s in summary]
    if not summary:
        lines = [
            f"{tx.counted(len(connections), 'connection')} and {tx.counted(len(recognition), 'recognition')}: "
            "no rule applies"
        ]
    return {
        "policy": gate.fingerprint,
        "connections": len(connections),
        "recognitions": len(recognition),
        "summary": summary,
        "lines": lines,
        "failing": failing,
    }
