"""The team's projection kept beside my database, so `who-knows` and `path` answer when the server cannot be
reached, and say how old their answer is.

A private SQLite file (`cnet.team-cache.sqlite`, 0600) rather than tables in my database: it is only a copy of what
the server holds, can be dropped at any time, and is never exported. It is brought up to date member by member:
each publish raises the member's publication number, and only rows written since the number the cache holds are
fetched; a member whose tie count then differs has the rows they withdrew removed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..paths import private_dir

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS member (handle TEXT PRIMARY KEY, name TEXT, pub INTEGER NOT NULL, ties INTEGER NOT NULL,
    linkedin_key TEXT, email_keys TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS tie (
    member TEXT NOT NULL, ref TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, company TEXT,
    company_key TEXT, title TEXT, linkedin TEXT, linkedin_key TEXT, evidence TEXT NOT NULL, band INTEGER NOT NULL,
    last_contact TEXT, email_keys TEXT NOT NULL, pub INTEGER NOT NULL, PRIMARY KEY (member, ref)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tie_name_key ON tie(name_key);
CREATE INDEX IF NOT EXISTS tie_linkedin_key ON tie(linkedin_key) WHERE linkedin_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS tie_email (key TEXT NOT NULL, member TEXT NOT NULL, ref TEXT NOT NULL,
    PRIMARY KEY (member, ref, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS tie_email_key ON tie_email(key);
"""
VERSION = 3  # 3: a tie's e-mail hashes kept space-separated
# The secondary indexes, dropped while an empty cache is first filled and built once at the end (a sorted build
# instead of 1.5M scattered inserts into each).
_INDEXES = {
    "tie_name_key": "CREATE INDEX IF NOT EXISTS tie_name_key ON tie(name_key)",
    "tie_linkedin_key": "CREATE INDEX IF NOT EXISTS tie_linkedin_key ON tie(linkedin_key) WHERE linkedin_key IS NOT NULL",
    "tie_email_key": "CREATE INDEX IF NOT EXISTS tie_email_key ON tie_email(key)",
}
_TIE_COLS = (
    "member, ref, name, name_key, company, company_key, title, linkedin, linkedin_key, evidence, band, "
    "last_contact, email_keys, pub"
)


def cache_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + ".team-cache.sqlite")


def remove(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(cache_path(db_path)) + suffix)
        if p.exists():
            os.unlink(p)


def _open(path: Path, team_id: str) -> sqlite3.Connection:
    from ..store.database import check_db_path

    private_dir(path.parent)
    if check_db_path(path) is None:  # a device or a FIFO in its place is refused before SQLite opens it
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        held = None
        if version == VERSION:
            row = conn.execute("SELECT value FROM meta WHERE key = 'team_id'").fetchone()
            held = row[0] if row else None
        if version != VERSION or held != team_id:  # another team's copy, or an older layout: start afresh
            conn.executescript(
                "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS member; DROP TABLE IF EXISTS tie; "
                "DROP TABLE IF EXISTS tie_email;"
            )
            conn.executescript(_DDL)
            conn.execute("INSERT INTO meta VALUES ('team_id', ?)", (team_id,))
            conn.execute(f"PRAGMA user_version = {VERSION}")
    except sqlite3.DatabaseError:
        conn.close()
        path.unlink(missing_ok=True)  # a damaged copy is only a copy
        return _open(path, team_id)
    return conn


def refresh(db_path: Path, team_id: str, pg: Any, *, only: str | None = None) -> dict:
    """Bring the cache up to date from the server (an open psycopg connection); return what changed. `only`: one
    member's rows (mine, after I publish), leaving the others and the cache's age as they were."""
    conn = _open(cache_path(db_path), team_id)
    fetched = removed = 0
    try:
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("BEGIN IMMEDIATE")
        held = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT handle, pub, ties FROM member")}
        first_fill = not conn.execute("SELECT 1 FROM tie LIMIT 1").fetchone()
        if first_fill:
            for name in _INDEXES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
        members = pg.execute(
            "SELECT handle, name, pub, ties, linkedin_key, email_keys, joined_at IS NOT NULL FROM cnet_team.member"
            + (" WHERE handle = %s" if only else ""),
            (only,) if only else None,
        ).fetchall()
        live = set()
        for handle, name, pub, ties, linkedin_key, email_keys, joined in members:
            if not joined:
                continue
            live.add(handle)
            old_pub = held.get(handle, (-1, 0))[0]
            conn.execute(
                "INSERT OR REPLACE INTO member (handle, name, pub, ties, linkedin_key, email_keys) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (handle, name, pub, ties, linkedin_key, json.dumps(list(email_keys or []))),
            )
            if old_pub == pub:
                continue
            cur = pg.execute(
                f"SELECT {_TIE_COLS} FROM cnet_team.tie WHERE member = %s AND pub > %s ORDER BY ref",
                (handle, max(old_pub, -1)),
            )
            while batch := cur.fetchmany(5000):
                fetched += len(batch)
                rows = [(*r[:12], " ".join(r[12] or ()), r[13]) for r in batch]
                conn.executemany(f"INSERT OR REPLACE INTO tie ({_TIE_COLS}) VALUES ({', '.join('?' * 14)})", rows)
                if old_pub >= 0:  # a row fetched again may have other addresses now
                    conn.executemany(
                        "DELETE FROM tie_email WHERE member = ? AND ref = ?", [(r[0], r[1]) for r in batch]
                    )
                conn.executemany(
                    "INSERT OR IGNORE INTO tie_email (key, member, ref) VALUES (?, ?, ?)",
                    [(k, r[0], r[1]) for r in batch for k in (r[12] or [])],
                )
            count = conn.execute("SELECT count(*) FROM tie WHERE member = ?", (handle,)).fetchone()[0]
            if count != ties:  # some were withdrawn: keep only what the server still has
                refs = [r[0] for r in pg.execute("SELECT ref FROM cnet_team.tie WHERE member = %s", (handle,))]
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_ref (ref TEXT PRIMARY KEY)")
                conn.execute("DELETE FROM keep_ref")
                conn.executemany("INSERT OR IGNORE INTO keep_ref VALUES (?)", [(r,) for r in refs])
                removed += conn.execute(
                    "DELETE FROM tie WHERE member = ? AND ref NOT IN (SELECT ref FROM keep_ref)", (handle,)
                ).rowcount
                conn.execute(
                    "DELETE FROM tie_email WHERE member = ? AND ref NOT IN (SELECT ref FROM keep_ref)", (handle,)
                )
        for handle in (set(held) - live) if only is None else ({only} & set(held)) - live:
            removed += conn.execute("DELETE FROM tie WHERE member = ?", (handle,)).rowcount
            conn.execute("DELETE FROM tie_email WHERE member = ?", (handle,))
            conn.execute("DELETE FROM member WHERE handle = ?", (handle,))
        for sql in _INDEXES.values():  # (made again after a first fill; already there otherwise)
            conn.execute(sql)
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if only is None:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('synced_at', ?)", (stamp,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return {"fetched": fetched, "removed": removed, "as_of": stamp}


def synced_at(db_path: Path) -> str | None:
    path = cache_path(db_path)
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'synced_at'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


class CacheReader:
    """Queries over the cache, in the shape the server's answer has."""

    def __init__(self, db_path: Path) -> None:
        path = cache_path(db_path)
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def close(self) -> None:
        self.conn.close()

    def members(self) -> list[tuple]:
        return [
            (h, n, lk, json.loads(ek))
            for h, n, lk, ek in self.conn.execute("SELECT handle, name, linkedin_key, email_keys FROM member")
        ]

    def candidates(self, *, linkedin: list[str], emails: list[str], names: list[str], member: str | None = None):
        sql = (
            "SELECT t.member, m.name, t.name, t.company, t.title, t.linkedin, t.linkedin_key, t.name_key, "
            "t.company_key, t.evidence, t.band, t.last_contact, t.email_keys, t.ref FROM tie t "
            "JOIN member m ON m.handle = t.member WHERE (t.linkedin_key IN (SELECT value FROM json_each(?)) "
            "OR t.name_key IN (SELECT value FROM json_each(?)) OR EXISTS (SELECT 1 FROM tie_email e WHERE "
            "e.member = t.member AND e.ref = t.ref AND e.key IN (SELECT value FROM json_each(?))))"
        )
        params: list = [json.dumps(linkedin), json.dumps(names), json.dumps(emails)]
        if member:
            sql += " AND t.member = ?"
            params.append(member)
        return [(*r[:12], r[12].split(), r[13]) for r in self.conn.execute(sql, params)]

    def company(self, key: str, limit: int):
        rows = self.conn.execute(
            "SELECT t.member, m.name, t.name, t.company, t.title, t.linkedin, t.linkedin_key, t.name_key, "
            "t.company_key, t.evidence, t.band, t.last_contact, t.email_keys, t.ref FROM tie t "
            "JOIN member m ON m.handle = t.member WHERE instr(t.company_key, ?) > 0 LIMIT ?",
            (key, limit),
        )
        return [(*r[:12], r[12].split(), r[13]) for r in rows]
