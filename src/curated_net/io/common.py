"""What every importer shares: who is already here, fields an import may update, text of unknown encoding."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .. import text as tx
from ..errors import BadInput
from ..people.writes import check_name, check_text, create_person, insert_people, person_values, set_fields


@dataclass
class ImportSummary:
    """What an import did, in the contract's shape (`skipped` and `warnings` carry file and line)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    files: dict[str, dict] = field(default_factory=dict)
    also: dict[str, int] = field(default_factory=dict)  # what else the import created, by kind

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "files": self.files,
            "also": self.also,
        }


def decode_utf16(data: bytes, fname: str) -> str:
    """A UTF-16 file (it starts with a byte-order mark) as text; a cut-off or broken one is refused by name."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{fname}: starts as UTF-16 text but byte {exc.start} is not ({exc.reason})") from None


CELL_LIMIT = 1 << 24  # 16 MiB: a long note is a cell, not an attack; beyond that the file is refused


def csv_rows(reader, fname: str):
    """The rows of a csv.reader; a malformed file is a BadInput naming its line, not a traceback."""
    import csv

    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)
    try:
        yield from reader
    except csv.Error as exc:
        raise BadInput(f"{fname + ': ' if fname else ''}line {reader.line_num}: {exc}") from None


def decode_chunk(raw: bytes, charset: str | None = None) -> str:
    """Decode bytes in the declared charset, else UTF-8, else Windows-1252, never to U+FFFD."""
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


class People:
    """Who is already here, by LinkedIn URL, e-mail and name + company."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_url = {u: pid for pid, u in conn.execute("SELECT id, linkedin FROM person WHERE linkedin IS NOT NULL")}
        self.by_email = {k: pid for k, pid in conn.execute("SELECT address_key, person_id FROM email")}
        self.by_name: dict[tuple[str, str], int] = {}
        self.by_name_only: dict[str, list[int]] = {}
        self.registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}  # every handle issued
        self.pending: list[tuple] = []
        self.next_id = 0
        self.created_elsewhere = 0  # people met only in a secondary file (an invitation, a recognition)
        for pid, fold, company in conn.execute(
            "SELECT id, name_fold, coalesce(company, '') FROM person WHERE is_me = 0"
        ):
            self.by_name.setdefault((fold, tx.name_fold(company)), pid)
            self.by_name_only.setdefault(fold, []).append(pid)

    def flush(self) -> None:
        """Insert the people created with `deferred`, in one batch; their handles are claimed here, in the
        order they were created, from their names' forms worked out all at once."""
        names = [row[1] for row in self.pending]
        rows = [
            (pid, *person_values(tx.claim_handle(forms[2], self.registry), name, stamp, **fields, forms=forms))
            for (pid, name, stamp, fields), forms in zip(self.pending, tx.name_forms(names), strict=True)
        ]
        insert_people(self.conn, rows)
        self.pending.clear()

    def find(self, url: str | None, email: str | None, name: str, company: str) -> int | None:
        if url and url in self.by_url:
            return self.by_url[url]
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()]
        return self.by_name.get((tx.name_fold(name), tx.name_fold(company)))

    def create(
        self,
        name: str,
        stamp: str,
        *,
        company: str | None = None,
        title: str | None = None,
        url: str | None = None,
        email: str | None = None,
        deferred: bool = False,
    ) -> int:
        """Add a person; with `deferred`, the row waits for flush() (the id is final at once). The name,
        company and title obey the rules of every other path (`people.writes`); BadInput says why not."""
        name = check_name(name)
        company = check_text(company, what="company", one_line=True)
        title = check_text(title, what="title", one_line=True)
        if deferred:
            # Inside the import's write transaction nobody else inserts, so the next rowid is ours to give.
            if not self.pending:
                self.next_id = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
            pid, self.next_id = self.next_id, self.next_id + 1
            self.pending.append((pid, name, stamp, {"company": company, "title": title, "url": url}))
        else:
            pid = create_person(
                self.conn, name, company=company, title=title, linkedin=url, stamp=stamp, registry=self.registry
            )
        self.remember(pid, url, email, name, company or "")
        return pid

    def by_url_or_name(self, url_text: str | None, name: str, stamp: str, company: str | None = None) -> int:
        """Find a person named in a secondary file, or create them (with no connection)."""
        url = None
        if url_text:
            try:
                url = tx.normalise_linkedin(url_text)
            except BadInput:
                url = None
        if url and url in self.by_url:
            return self.by_url[url]
        if company is not None:
            pid = self.by_name.get((tx.name_fold(name), tx.name_fold(company)))
            if pid:
                return pid
        same = self.by_name_only.get(tx.name_fold(name), [])
        if same:
            return min(same)  # several with that name: the first one met, never yet another copy
        self.created_elsewhere += 1
        return self.create(name, stamp, company=company, url=url)

    def remember(self, pid: int, url: str | None, email: str | None, name: str, company: str) -> None:
        if url:
            self.by_url[url] = pid
        if email:
            self.by_email[email.casefold()] = pid
        self.by_name.setdefault((tx.name_fold(name), tx.name_fold(company)), pid)
        self.by_name_only.setdefault(tx.name_fold(name), []).append(pid)


def record_provenance(conn, pid: int, field_name: str, value: str | None, stamp: str, source: str) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO provenance (person_id, field, source, value, updated_at) VALUES (?, ?, ?, ?, ?)",
        (pid, field_name, source, value, stamp),
    )


def update_field(conn, pid: int, column: str, value: str | None, stamp: str, source: str) -> bool:
    """Write an imported value unless the user changed the field since the last import from `source` wrote it."""
    current = conn.execute(f"SELECT {column} FROM person WHERE id = ?", (pid,)).fetchone()[0]
    last = conn.execute(
        "SELECT value FROM provenance WHERE person_id = ? AND field = ? AND source = ?", (pid, column, source)
    ).fetchone()
    if current == value:
        if last is None or last[0] != value:
            record_provenance(conn, pid, column, value, stamp, source)
        return False
    user_edited = current is not None and (last is None or last[0] != current)
    if user_edited or value is None:
        return False
    set_fields(conn, pid, {column: value}, stamp=stamp)
    record_provenance(conn, pid, column, value, stamp, source)
    return True
