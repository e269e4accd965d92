"""Finding and reading people over a plain DB-API connection (no ORM), for every command.

The JSON shape of a person is defined here, once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection

from .. import text as tx
from ..errors import Ambiguous, BadInput, NotFound
from ..store.database import fts_query
from .fields import FIELDS, FLAGS, LIST_TABLES, LISTS, SCALAR_KEYS

MAX_CANDIDATES = 10
_TOP = chr(0x10FFFF)
_COLUMNS = ", ".join(("id", "handle", *SCALAR_KEYS, "is_me", "created_at", "updated_at"))


def me_id(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    if row is None:
        raise NotFound("this database has no owner yet", hint='Run: cnet init --name "Your Name"')
    return row[0]


def person_records(conn: sqlite3.Connection, ids: list[int], *, only: Collection[str] | None = None) -> list[dict]:
    """People in the stable JSON shape (the declared fields in their order, flags nested), in the order of
    `ids`, with their lists fetched in bulk. With `only`, each record holds the handle and those keys alone
    (and reads no list it does not hold): for a caller that looks at a few fields of many people."""
    if not ids:
        return []
    shape = _SHAPE if only is None else tuple(k for k in _SHAPE if k in only or k == "handle")
    arg = json.dumps(ids)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM person WHERE id IN (SELECT value FROM json_each(?))", (arg,)
    ).fetchall()
    lists: dict[str, dict[int, list]] = {}
    for f in LISTS:
        if f.key not in shape:
            continue
        table, column, order, which = LIST_TABLES[f.key]
        per: dict[int, list] = {}
        for pid, value in conn.execute(
            f"SELECT person_id, {column} FROM {table} WHERE person_id IN (SELECT value FROM json_each(?)) "
            f"AND {which} ORDER BY person_id, {order}",
            (arg,),
        ):
            per.setdefault(pid, []).append(value)
        lists[f.key] = per
    # Each key's value from a row: a column, a list read above, or the flags.
    plan = [(k, _AT.get(k), lists.get(k)) for k in shape]
    flags = "flags" in shape
    by_id = {}
    for r in rows:
        pid = r[0]
        record: dict = {}
        for key, at, held in plan:
            if at is not None:
                record[key] = r[at]
            elif held is not None:
                record[key] = held.get(pid, [])
        if flags:
            record["flags"] = {key: bool(r[at]) for key, at in _FLAG_AT}
        if "is_me" in record:
            record["is_me"] = bool(record["is_me"])
        by_id[pid] = record
    return [by_id[i] for i in ids if i in by_id]


# The keys of a person's JSON shape in order, and where each scalar is in a row of _COLUMNS.
_SHAPE = (
    "handle",
    *(f.key for f in FIELDS if f.kind != "flag"),
    "flags",
    "is_me",
    "created_at",
    "updated_at",
)
_AT = {
    "handle": 1,
    **{k: 2 + i for i, k in enumerate(SCALAR_KEYS)},
    "is_me": 2 + len(SCALAR_KEYS),
    "created_at": 3 + len(SCALAR_KEYS),
    "updated_at": 4 + len(SCALAR_KEYS),
}
_FLAG_AT = tuple((f.key, _AT[f.key]) for f in FLAGS)


def person_record(conn: sqlite3.Connection, pid: int) -> dict:
    found = person_records(conn, [pid])
    if not found:
        raise NotFound(f"no person with id {pid}")
    return found[0]


def names(conn: sqlite3.Connection, ids) -> dict[int, tuple[str, str]]:
    """id -> (handle, name) for a few people."""
    ids = list(ids)
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT id, handle, name FROM person WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def resolve_id(conn: sqlite3.Connection, query: str, *, suggestions: bool = True) -> int:
    """Find one person: exact handle, exact name, e-mail, LinkedIn URL, a unique prefix, then a nickname.

    An unknown name raises NotFound with the closest people (a scan of every name), unless `suggestions`
    is False: a caller that creates the person instead needs none."""
    q = tx.clean_input(query)
    if not q:
        raise BadInput("a person is needed: give a handle, name, e-mail or LinkedIn URL")
    for handle in dict.fromkeys((q, q.casefold())):
        row = conn.execute("SELECT id FROM person WHERE handle = ?", (handle,)).fetchone()
        if row:
            return row[0]
    key = tx.name_key(q)

    def one(sql: str, params: tuple, what: str) -> int | None:
        hits = conn.execute(sql + f" LIMIT {MAX_CANDIDATES + 1}", params).fetchall()
        unique = list(dict.fromkeys(h[0] for h in hits))
        if len(unique) == 1:
            return unique[0]
        if unique:
            raise _ambiguous(conn, q, unique, what)
        return None

    found = one("SELECT id FROM person WHERE name_key = ? ORDER BY id", (key,), "people are called")
    if found is None and "@" in q:
        found = one(
            "SELECT person_id FROM email WHERE address_key = ? ORDER BY person_id",
            (tx.email_key(q),),
            "people have the e-mail",
        )
    if found is None and tx.looks_like_url(q):
        try:
            url = tx.normalise_linkedin(q)
        except BadInput:
            url = None
        if url:
            found = one("SELECT id FROM person WHERE linkedin = ? ORDER BY id", (url,), "people have the LinkedIn URL")
    if found is None:
        hp = q.casefold()
        found = one(
            "SELECT id FROM person WHERE (handle >= ? AND handle < ?) OR (name_key >= ? AND name_key < ?) "
            "ORDER BY name_key, id",
            (hp, hp + _TOP, key, key + _TOP),
            "people match",
        )
    if found is None:
        # Beyond the contract's order, as a last resort: what close friends call them ("bones").
        ids = [
            pid
            for pid, nick in conn.execute("SELECT id, nickname FROM person WHERE nickname IS NOT NULL")
            if tx.name_key(nick) == key
        ]
        if len(ids) == 1:
            found = ids[0]
        elif ids:
            raise _ambiguous(conn, q, ids, "people are nicknamed")
    if found is None:
        raise NotFound(
            f"no person matches '{q}'",
            suggestions=suggest(conn, q) if suggestions else [],
            hint="List people with: cnet list, or search with: cnet search TEXT",
        )
    return found


def _ambiguous(conn: sqlite3.Connection, query: str, ids: list[int], what: str) -> Ambiguous:
    shown = ids[:MAX_CANDIDATES]
    more = " (and more)" if len(ids) > MAX_CANDIDATES else ""
    who = names(conn, shown)
    return Ambiguous(f"'{query}' is ambiguous: {len(shown)}{more} {what} that", candidates=[who[i] for i in shown])


def suggest(conn: sqlite3.Connection, query: str, n: int = 5) -> list[tuple[str, str]]:
    """Closest people to a query that matched no one: word matches first, then fuzzy names."""
    out: dict[str, str] = {}
    fts = fts_query(tx.name_fold(query))
    if fts:
        rows = conn.execute(
            "SELECT p.handle, p.name FROM person_fts f JOIN person p ON p.id = f.rowid "
            "WHERE person_fts MATCH ? ORDER BY bm25(person_fts) LIMIT ?",
            ("{name nickname} : (" + fts + ")", n),
        ).fetchall()
        out.update(dict(rows))
    if len(out) < n:
        # Typos: the closest handles, names and nicknames by rapidfuzz's weighted ratio ("leonrad", "bnoes").
        for _score, _order, _key, (h, nm) in _closest_keys(conn, tx.name_key(query), n * 3):
            out.setdefault(h, nm)
    return list(out.items())[:n]


SUGGEST_CHUNK = 20_000  # people scored at a time: memory stays flat however large the network


def _closest_keys(
    conn: sqlite3.Connection, want: str, limit: int, chunk: int | None = None
) -> list[tuple[float, int, str, tuple[str, str]]]:
    """The `limit` handles, name keys and nickname keys closest to `want` (rapidfuzz's weighted ratio, 70 and up),
    best first, ties in table order; read from the database a chunk of people at a time and merged, so the
    same keys come back as from one pass over everyone, in bounded memory."""
    from rapidfuzz import fuzz, process

    size = chunk or SUGGEST_CHUNK
    best: dict[str, tuple[float, int, str, tuple[str, str]]] = {}
    order = 0  # a key's first place among everyone's keys: how ties are broken
    cur = conn.execute("SELECT handle, name, name_key, nickname FROM person WHERE is_me = 0")
    while rows := cur.fetchmany(size):
        keys: dict[str, tuple[int, tuple[str, str]]] = {}
        for h, nm, k, nick in rows:
            for key in (h, k, tx.name_key(nick) if nick else None):
                if key is not None and key not in keys:
                    keys[key] = (order, (h, nm))
                order += 1
        names_ = list(keys)
        for key, score, _i in process.extract(want, names_, scorer=fuzz.WRatio, limit=limit, score_cutoff=70):
            first, who = keys[key]
            seen = best.get(key)
            if seen is None or first < seen[1]:
                best[key] = (score, first, key, who)
        if len(best) > limit:
            best = dict(sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:limit])
    return sorted(best.values(), key=lambda v: (-v[0], v[1]))


SORTS = {
    "name": "name_key, handle",
    "handle": "handle",
    "company": "coalesce(company, '~') COLLATE NOCASE, name_key",
    "added": "created_at, id",
    "updated": "updated_at DESC, id",
    # The most recent contact first; never in touch last.
    "last-contact": "(SELECT max(on_date) FROM interaction i WHERE i.person_id = person.id) DESC NULLS LAST, name_key",
    "strength": "name_key",  # then by relationship strength, strongest first (worked out in Python)
}


def _people_where(
    *, tag: str | None, company: str | None, include_me: bool, ids: set[int] | None, not_contacted_since: str | None
) -> tuple[list[str], list[object]]:
    """The WHERE terms and parameters that pick people by the list filters (one place for listing and counting)."""
    where: list[str] = []
    params: list[object] = []
    if not_contacted_since:
        where.append("coalesce((SELECT max(on_date) FROM interaction i WHERE i.person_id = person.id), '') < ?")
        params.append(not_contacted_since)
    if not include_me:
        where.append("is_me = 0")
    if tag:
        where.append("id IN (SELECT person_id FROM tag WHERE name_key = ?)")
        params.append(tx.name_key(tag))
    if company:
        where.append("company LIKE ? ESCAPE '\\'")
        params.append("%" + like_escape(tx.clean_input(company)) + "%")
    if ids is not None:
        where.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(ids)))
    return where, params


def count_ids(
    conn: sqlite3.Connection,
    *,
    tag: str | None = None,
    company: str | None = None,
    include_me: bool = False,
    ids: set[int] | None = None,
    not_contacted_since: str | None = None,
) -> int:
    """How many people list_ids would give without a limit: one COUNT in SQL."""
    where, params = _people_where(
        tag=tag, company=company, include_me=include_me, ids=ids, not_contacted_since=not_contacted_since
    )
    sql = "SELECT count(*) FROM person" + (" WHERE " + " AND ".join(where) if where else "")
    return int(conn.execute(sql, params).fetchone()[0])


def list_ids(
    conn: sqlite3.Connection,
    *,
    tag: str | None = None,
    company: str | None = None,
    include_me: bool = False,
    sort: str = "name",
    limit: int | None = None,
    ids: set[int] | None = None,
    not_contacted_since: str | None = None,
    strengths: Callable[[sqlite3.Connection, list[int]], dict[int, int]] | None = None,
) -> list[int]:
    """People's ids, filtered and in the order asked for; sorting by strength needs `strengths` (the
    network's relationship strengths: people know nothing of ties)."""
    if sort not in SORTS:
        raise BadInput(f"cannot sort by '{sort}'; choose one of {', '.join(SORTS)}")
    where, params = _people_where(
        tag=tag, company=company, include_me=include_me, ids=ids, not_contacted_since=not_contacted_since
    )
    sql = "SELECT id FROM person" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {SORTS[sort]}"
    if limit and sort != "strength":
        sql += f" LIMIT {int(limit)}"
    found = [r[0] for r in conn.execute(sql, params)]
    if sort == "strength":
        if strengths is None:
            raise ValueError("sorting by strength needs the network's strengths (network.ties.strengths_of)")
        score = strengths(conn, found)
        found.sort(key=lambda pid: -score.get(pid, 0))  # stable: equal scores stay in name order
        found = found[: int(limit)] if limit else found
    return found


def like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[dict]:
    """Full-text search over names, nickname, company, title, notes, how-met and highlights."""
    from ..store.database import Store

    if not tx.clean_input(text):
        raise BadInput("search needs some text")
    if tx.has_surrogates(text):
        raise BadInput(f"search: '{tx.printable(text)}' is not valid UTF-8 text")
    hits = Store.search_ids(conn, text, limit)
    records = {r["handle"]: r for r in person_records(conn, [h[0] for h in hits])}
    who = names(conn, [h[0] for h in hits])
    return [dict(records[who[pid][0]], match=snip) for pid, _rank, snip in hits if pid in who]
