"""Likely duplicates: pairs of people who are probably one person (merge.py puts them together)."""

from __future__ import annotations

import difflib
import sqlite3
from collections import defaultdict

from .. import text as tx

SIMILAR = 0.88
GROUP_LIMIT = 400  # compare names pairwise only inside companies this small


def find_dupes(conn: sqlite3.Connection) -> list[dict]:
    """Pairs of people who are probably one person, with the reasons."""
    reasons: dict[tuple[int, int], list[str]] = defaultdict(list)

    def pair(a: int, b: int, why: str) -> None:
        if a != b:
            key = (min(a, b), max(a, b))
            if why not in reasons[key]:
                reasons[key].append(why)

    for sql, why in (
        (
            "SELECT address_key, group_concat(DISTINCT person_id) FROM email GROUP BY address_key HAVING count(DISTINCT person_id) > 1",
            "same e-mail",
        ),
        (
            "SELECT linkedin, group_concat(id) FROM person WHERE linkedin IS NOT NULL GROUP BY linkedin HAVING count(*) > 1",
            "same LinkedIn URL",
        ),
        (
            "SELECT name_fold, group_concat(id) FROM person WHERE is_me = 0 GROUP BY name_fold HAVING count(*) > 1",
            "same name",
        ),
    ):
        for value, ids in conn.execute(sql):
            members = sorted(int(i) for i in ids.split(","))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pair(a, b, f"{why} ({value})" if why == "same e-mail" else why)
    by_company: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, fold, company in conn.execute(
        "SELECT id, name_fold, company FROM person WHERE is_me = 0 AND company IS NOT NULL AND company != ''"
    ):
        by_company[tx.name_fold(company)].append((pid, fold))
    for company, group in by_company.items():
        if len(group) > GROUP_LIMIT or not company:
            continue
        for i, (a, fa) in enumerate(group):
            for b, fb in group[i + 1 :]:
                if fa == fb or abs(len(fa) - len(fb)) > len(fa) // 4 + 1:
                    continue
                m = difflib.SequenceMatcher(None, fa, fb)
                if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR:
                    pair(a, b, "similar names at the same company")
    if not reasons:
        return []
    info = {pid: (h, n) for pid, h, n in conn.execute("SELECT id, handle, name FROM person")}
    out = [
        {"keep": info[a][0], "keep_name": info[a][1], "other": info[b][0], "other_name": info[b][1], "reasons": why}
        for (a, b), why in reasons.items()
    ]
    return sorted(out, key=lambda d: (d["keep"], d["other"]))
