"""The store: one SQLite file, migrated on open, used through plain sqlite3 connections.

Every command reads and writes through `connect()`, one transaction each, so none of them pays
for importing an ORM: the SQLModel classes in `models` declare the schema (a test holds the
migrations to them) and are imported by no command. SQLite-only features (pragmas, FTS5, the
online backup API, integrity checks) live here, behind methods a PostgreSQL store would
implement its own way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError
from . import migrations

BUSY_TIMEOUT_S = 60.0


def bump_graph_version(conn: sqlite3.Connection) -> None:
    """Record that ties changed, so stored degrees are recomputed before they are next shown."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'graph_version'")


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Keep one value of the database's own bookkeeping (which policy the flags follow, the version degrees
    were computed for, cached bridges): the one writer of `meta` besides bump_graph_version."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _connect_raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    # As the ORM's connections: in WAL mode a commit survives a crash of cnet; only a power cut can
    # take back the last one, and never leaves the file half-written.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def check_db_path(path: Path) -> str | None:
    """What the database path names, checked before SQLite touches it: None (nothing there yet) or a regular
    file. Anything else, the database's or its -wal/-shm/-journal files, is refused naming what it is: SQLite
    would open a device or a FIFO, make it 0600 and leave a -journal beside it, even for a read."""
    from ..paths import existing_kind

    kind = existing_kind(path, what="database")
    if kind not in (None, "a regular file"):
        raise StoreError(f"{path} is {kind}, not a database file; nothing was done", hint=_DB_HINT)
    for suffix in ("-wal", "-shm", "-journal"):
        beside = Path(f"{path}{suffix}")
        other = existing_kind(beside, what="database")
        if other not in (None, "a regular file"):
            raise StoreError(f"{beside} is {other}, not SQLite's {suffix[1:]} file; nothing was done", hint=_DB_HINT)
    return kind


_DB_HINT = "Choose the database file with --db PATH or CNET_DB (cnet db path shows the default)."


def _create_private_file(path: Path) -> None:
    from ..paths import private_dir

    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _tighten(path: Path) -> None:
    """A database others can read (copied in, or reached through a symlink) is made private again."""
    import stat

    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = p.stat().st_mode  # follows a symlink: the file itself is what must be private
        except FileNotFoundError:
            continue
        if stat.S_IMODE(mode) & 0o077:
            try:
                os.chmod(p, stat.S_IMODE(mode) & 0o600)
            except OSError as exc:
                raise StoreError(
                    f"{p} can be read by other users and cannot be made private ({exc.strerror})",
                    hint=f"Run: chmod 600 {p}",
                ) from None


def _sqlite_error(path: Path, exc: sqlite3.Error) -> StoreError:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg:
        return StoreError(f"{path} is not a usable cnet database ({msg})")
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{path} stayed locked by another cnet for {BUSY_TIMEOUT_S:.0f} s; try again")
    return StoreError(f"database error in {path}: {msg}")


def drop_schema_items(conn: sqlite3.Connection, kind: str, *names: str) -> list[str]:
    """Drop the named triggers or indexes; return the SQL that makes them again."""
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL "
        f"AND name IN ({', '.join('?' * len(names))})",
        (kind, *names),
    ).fetchall()
    for name, _sql in found:
        conn.execute(f"DROP {kind.upper()} {name}")
    return [sql for _name, sql in found]


@dataclass(frozen=True)
class Migrating:
    """A schema migration about to run: from and to which version, the backup it makes first, and its size."""

    from_version: int
    to_version: int
    backup: Path | None
    size_bytes: int


class Store:
    """A cnet database. Open with `Store.open(path)`; work in `connect()` / `connect(write=True)` transactions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.migrated = False  # whether opening it brought its schema up to date (a write: see Network)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: Path | str, *, create: bool = False, on_migrate: Callable[[Migrating], None] | None = None
    ) -> Store:
        """Open (or with `create`, create) the database at `path` and bring its schema up to date.

        `on_migrate` hears of a migration before it starts (with the backup made first), so a caller can say
        why the open takes time and where the copy goes."""
        path = Path(path)
        kind = check_db_path(path)
        if kind is None:
            if not create:
                raise StoreError(
                    f"no cnet database at {path}",
                    hint='Create one with: cnet init --name "Your Name" (or choose another with --db / CNET_DB)',
                )
            _create_private_file(path)
        else:
            _tighten(path)
        store = cls(path)
        store._prepare(on_migrate)
        return store

    def _prepare(self, on_migrate: Callable[[Migrating], None] | None = None) -> None:
        try:
            conn = _connect_raw(self.path)
        except sqlite3.Error as exc:
            if "not a database" in str(exc):  # a connection's first PRAGMA reads the file's header
                raise _sqlite_error(self.path, exc) from exc
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        try:
            version = migrations.current_version(conn)
            if version > migrations.LATEST:
                raise StoreError(
                    f"{self.path} was written by a newer cnet (schema version {version}; "
                    f"this cnet knows versions up to {migrations.LATEST})",
                    hint="Upgrade cnet to use this database; it has not been touched.",
                )
            if version < migrations.LATEST:
                backup = self._migration_backup_path(version) if version > 0 else None
                if on_migrate is not None and version > 0:
                    on_migrate(Migrating(version, migrations.LATEST, backup, self.size_bytes()))
                if backup is not None:
                    self.backup(backup, conn=conn)
                migrations.migrate(conn)
                self.migrated = True
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(self.path, exc) from exc
        finally:
            conn.close()

    def _migration_backup_path(self, version: int) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")

    # -- sessions ------------------------------------------------------------------------
    @contextlib.contextmanager
    def connect(self, *, write: bool = False, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """A plain connection in one transaction (BEGIN IMMEDIATE when writing), no ORM involved.

        foreign_keys=False is for bulk loads that only write ids they have just read or made.
        """
        try:
            conn = _connect_raw(self.path)
            if not foreign_keys:
                conn.execute("PRAGMA foreign_keys = OFF")
        except sqlite3.Error as exc:
            raise _sqlite_error(self.path, exc) from exc
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
                conn.execute("COMMIT" if write else "ROLLBACK")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(self.path, exc) from exc
        finally:
            conn.close()

    def close(self) -> None:
        """Nothing stays open between transactions; kept so a Store can be used like other handles."""

    # -- SQLite-specific services -----------------------------------------------------------
    def schema_version(self) -> int:
        conn = _connect_raw(self.path)
        try:
            return migrations.current_version(conn)
        finally:
            conn.close()

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    def backup(self, dest: Path | str, *, conn: sqlite3.Connection | None = None) -> Path:
        """Copy the live database to `dest` with SQLite's online backup API (0600, never overwrites)."""
        from ..paths import existing_kind, private_dir, private_temp

        dest = Path(dest).expanduser()
        kind = existing_kind(dest, what="backup")
        if kind is not None:
            raise StoreError(
                f"{dest} already exists ({kind}); choose another backup file"
                if kind != "a regular file"
                else f"{dest} already exists; choose another backup file"
            )
        if dest.resolve() == self.path.resolve():
            raise StoreError("the backup file cannot be the database itself")
        private_dir(dest.parent, what="backup")
        # Copied under a temporary name and renamed when complete: a backup that exists is a whole one.
        with private_temp(dest.parent, dest.name, what="backup") as (_fd, partial):
            src = conn or _connect_raw(self.path)
            try:
                target = sqlite3.connect(partial)
                try:
                    target.execute("PRAGMA journal_mode = OFF")  # no -journal beside it: the copy is whole or gone
                    src.backup(target)
                finally:
                    target.close()
                if existing_kind(dest, what="backup") is not None:
                    raise StoreError(f"{dest} already exists; choose another backup file")
                os.replace(partial, dest)
            except (sqlite3.Error, OSError) as exc:
                raise StoreError(f"backup to {dest} failed: {exc}") from exc
            finally:
                if conn is None:
                    src.close()
        return dest

    def check(self) -> list[str]:
        """Run SQLite's integrity and foreign-key checks and the search index's; return problems."""
        problems: list[str] = []
        conn = _connect_raw(self.path)
        try:
            for (line,) in conn.execute("PRAGMA integrity_check"):
                if line != "ok":
                    problems.append(f"integrity: {line}")
            for row in conn.execute("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: table {row[0]} row {row[1]} points at a missing {row[2]}")
            try:
                conn.execute("INSERT INTO person_fts (person_fts) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"search index: {exc} (rebuild with: cnet db reindex)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"integrity: {exc}")
        finally:
            conn.close()
        return problems

    def reindex(self) -> None:
        """Rebuild the full-text index from the people table."""
        with self.connect(write=True) as conn:
            # Drop and recreate: a damaged index cannot be trusted to delete its own rows.
            conn.execute("DROP TABLE IF EXISTS person_fts")
            conn.execute(migrations.PERSON_FTS_DDL)
            conn.execute(
                "INSERT INTO person_fts (rowid, name, nickname, company, title, notes, how_met, highlights) "
                "SELECT p.id, p.name, coalesce(p.nickname,''), coalesce(p.company,''), coalesce(p.title,''), "
                "coalesce(p.notes,''), coalesce(p.how_met,''), "
                "coalesce((SELECT group_concat(text, ' ') FROM highlight h WHERE h.person_id = p.id), '') "
                "FROM person p"
            )

    @staticmethod
    @contextlib.contextmanager
    def bulk_people(conn: sqlite3.Connection, *, rebuild_indexes: bool = False) -> Iterator[None]:
        """Insert many people inside the caller's transaction; index and register them once at the end.

        With rebuild_indexes, the secondary indexes on person are dropped and built again afterwards,
        which is faster when the load is large next to what is already there.
        """
        # A bulk load's page cache: 64 MiB rather than 2 (indexes built and rows written without spilling
        # pages to the log mid-load); the connection is the load's alone and closes with it.
        conn.execute("PRAGMA cache_size = -65536")
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
        existing = conn.execute("SELECT count(*) FROM person").fetchone()[0]
        rebuild = rebuild_indexes and existing < 50_000
        # Set aside for the load, all inside the caller's transaction (a rollback restores them): the
        # per-row search and registry triggers (cheaper than each row testing the 'bulk_load' mark
        # they check), and with `rebuild` the secondary indexes, built again once at the end.
        saved = drop_schema_items(conn, "trigger", "person_fts_insert", "person_handle_registered")
        if rebuild:
            saved += drop_schema_items(
                conn, "index", "person_name_key", "person_name_fold", "person_linkedin", "person_company"
            )
        try:
            yield
        finally:
            for sql in saved:
                conn.execute(sql)
        conn.execute(
            "INSERT INTO person_fts (rowid, name, nickname, company, title, notes, how_met, highlights) "
            "SELECT id, name, coalesce(nickname, ''), coalesce(company, ''), coalesce(title, ''), "
            "coalesce(notes, ''), coalesce(how_met, ''), "
            "coalesce((SELECT group_concat(text, ' ') FROM highlight h WHERE h.person_id = person.id), '') "
            "FROM person WHERE id >= ?",
            (first,),
        )
        conn.execute(
            "INSERT OR IGNORE INTO handle_registry (handle, issued_at) SELECT handle, created_at FROM person "
            "WHERE id >= ?",
            (first,),
        )

    @staticmethod
    def search_ids(conn: sqlite3.Connection, text: str, limit: int) -> list[tuple[int, float, str]]:
        """Full-text search over people: (person id, rank, snippet), best first."""
        query = fts_query(text)
        if not query:
            return []
        rows = conn.execute(
            "SELECT rowid, bm25(person_fts), snippet(person_fts, -1, '', '', '…', 10) "
            "FROM person_fts WHERE person_fts MATCH ? ORDER BY bm25(person_fts) LIMIT ?",
            (query, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1]), r[2]) for r in rows]


def fts_query(text: str) -> str:
    """Turn what the user typed into an FTS5 query: every word must match, as a prefix."""
    import re

    words = re.findall(r"[^\W_]+", text)
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)
