"""LinkedIn "Get a copy of your data" exports, in every variant seen in the wild.

A LinkedIn connection becomes a person plus a *nominal* connection (source `linkedin`, its
date): it is never evidence of knowing anyone, and an import never passes through the connect
gate. Identity: LinkedIn URL, then e-mail, then name and company. Re-importing updates what the
import wrote before (company, position) but never what the user has edited since.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import text as tx
from ..dates import now_iso
from ..errors import BadInput
from ..intro.requests import add_request
from ..network import degrees
from ..network.recognition import add_recognition
from ..network.writes import ensure_connection, insert_connections, touch_graph
from ..people.writes import (
    NAME_MAX,
    add_email,
    check_name,
    check_normalised_email,
    check_text,
    plain_values,
    set_fields,
)
from ..runtime import paused_gc
from ..store.database import Store
from .common import (
    ImportSummary,
    People,
    csv_rows,
    decode_chunk,
    decode_utf16,
    legacy_charset,
    update_field,
)

SOURCE = "linkedin"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Spanish, Portuguese, French, German, Danish, Czech abbreviations seen in localised Excel re-saves
    "ene": 1,
    "abr": 4,
    "ago": 8,
    "dic": 12,
    "fev": 2,
    "mai": 5,
    "out": 10,
    "dez": 12,
    "janv": 1,
    "févr": 2,
    "avr": 4,
    "juil": 7,
    "août": 8,
    "déc": 12,
    "mär": 3,
    "okt": 10,
    "maj": 5,
}
_HEADER = {
    "firstname": "first",
    "first": "first",
    "lastname": "last",
    "last": "last",
    "url": "url",
    "profileurl": "url",
    "emailaddress": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "title": "position",
    "jobtitle": "position",
    "connectedon": "connected_on",
}


@dataclass
class Summary(ImportSummary):
    # The connections of people added by this import, written in batches (see flush).
    pending_connections: list[tuple] = field(default_factory=list)
    invited_by: str | None = None  # my profile URL, as Invitations.csv says (it tells my messages apart)

    def flush(self, conn: sqlite3.Connection, people: People) -> None:
        """Write the batched rows of new people (before anything reads them back)."""
        people.flush()
        insert_connections(conn, self.pending_connections)
        self.pending_connections.clear()


# -- decoding ---------------------------------------------------------------------------------------


def decode_lines(data: bytes, fname: str = "the file") -> str:
    """Decode line by line: UTF-8 where it is, else Windows-1252 (what Excel writes), never U+FFFD."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decode_utf16(data, fname)
    try:
        return data.decode("utf-8")  # the usual export: all of it UTF-8, decoded in one pass
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    foreign = []
    for raw in lines:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            foreign.append(raw)
    fallback = legacy_charset(foreign) if foreign else None
    return "\n".join(decode_chunk(raw, fallback=fallback) for raw in lines)


# -- dates ------------------------------------------------------------------------------------------


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> str | None:
    """A LinkedIn date in any of the shapes exports and re-saves use, as YYYY-MM-DD; None if empty."""
    t = (text or "").strip()
    if not t:
        return None
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$", t)  # 2022-03-12, 2024/12/15 08:53:43 UTC
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return _iso(y, mo, d, text)
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})(?:,?\s.*)?$", t)  # "1/8/18, 6:14 PM" (US: month first)
    if m:
        return _iso(_year(m[3]), int(m[1]), int(m[2]), text)
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{2,4})$", t)  # 16.09.2021
    if m:
        return _iso(_year(m[3]), int(m[2]), int(m[1]), text)
    m = re.match(r"^(\d{1,2})[-\s]([^\W\d_]+)\.?[-\s](\d{2,4})$", t)  # 30 May 2024, 23-Apr-23, 30-oct-09
    if m:
        month = _MONTHS.get(m[2].lower()[:4]) or _MONTHS.get(m[2].lower()[:3])
        if month:
            return _iso(_year(m[3]), month, int(m[1]), text)
    m = re.match(r"^([^\W\d_]+)\.? (\d{1,2}),? (\d{4})$", t)  # May 30, 2024
    if m:
        month = _MONTHS.get(m[1].lower()[:3])
        if month:
            return _iso(int(m[3]), month, int(m[2]), text)
    raise ValueError(f"unrecognised date '{text}'")


def _iso(y: int, m: int, d: int, text: str) -> str:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        raise ValueError(f"impossible date '{text}'") from None


# -- reading the CSV files --------------------------------------------------------------------------


def _norm(h: str) -> str:
    return re.sub(r"[\s_\-]", "", h.strip().lstrip("\ufeff").strip('"').lower())


def read_table(text: str, *, required: str = "first") -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Find the header line (after any preamble), sniff ; or , and return (header, [(line, row)])."""
    start, pos = 0, 0  # the header's line number and where it begins: the lines after it are not split here
    while True:
        end = text.find("\n", pos)
        header_line = text[pos:] if end == -1 else text[pos:end]
        cells = [_norm(c) for c in re.split(r"[;,]", header_line)]
        if required in {_HEADER.get(c, c) for c in cells}:
            break
        if end == -1:
            raise BadInput(f"no header row found (expected a row naming the columns, with '{required}')")
        start, pos = start + 1, end + 1
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    body = text[pos:]
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    prev = 0
    stray_cr = "\r" in body  # CRs left inside cells (line breaks within quotes) are dropped
    for row in csv_rows(reader, ""):
        first_line = start + prev + 1
        prev = reader.line_num
        if not header:
            header = row
            continue
        joined = "".join(row)
        if not joined.strip():  # a row of empty cells
            continue
        rows.append((first_line, [c.replace("\r", "") for c in row] if stray_cr and "\r" in joined else row))
    return header, rows


def _records(header: list[str], rows) -> list[tuple[int, dict]]:
    keys = [_HEADER.get(_norm(h), _norm(h)) for h in header]
    return [(line, dict(zip(keys, map(str.strip, row), strict=False))) for line, row in rows]


# -- the import -------------------------------------------------------------------------------------


@dataclass
class Export:
    """The files of one export: Connections.csv, and from a folder or zip the others too (a part of an export
    may hold only some of them: messages.csv alone, say)."""

    connections: tuple[str, bytes] | None
    others: dict[str, tuple[str, bytes]]


def open_export(path: Path) -> Export:
    from ..paths import input_kind, read_input, refuse_unreadable

    kind = input_kind(path, what=str(path))
    if kind not in ("a folder", "a regular file"):
        raise refuse_unreadable(path, kind)
    files: dict[str, tuple[str, bytes]] = {}
    if kind == "a folder":
        for p in path.iterdir():
            if p.suffix.lower() == ".csv" and input_kind(p, what=str(p)) == "a regular file":
                files[p.name.lower()] = (str(p), read_input(p, stdin=False))
    elif zipfile.is_zipfile(path):
        import zlib

        try:
            with zipfile.ZipFile(path) as z:
                for info in z.infolist():
                    name = info.filename.rsplit("/", 1)[-1]
                    if name.lower().endswith(".csv"):
                        files[name.lower()] = (f"{path}:{info.filename}", z.read(info))
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError) as exc:
            raise BadInput(f"{path}: the zip file is damaged or cannot be read ({exc})") from None
    else:
        files["connections.csv"] = (str(path), read_input(path, stdin=False))  # a single file: the connections
    if "connections.csv" not in files and not set(files) & set(READ_ALONE):
        raise BadInput(
            f"{path}: no Connections.csv in this export, nor any other file cnet reads "
            f"({', '.join(READ_ALONE.values())})"
        )
    return Export(files.pop("connections.csv", None), files)


# The files of an export read without its Connections.csv, as LinkedIn names them.
READ_ALONE = {
    "messages.csv": "messages.csv",
    "invitations.csv": "Invitations.csv",
    "positions.csv": "Positions.csv",
    "education.csv": "Education.csv",
    "endorsement_given_info.csv": "Endorsement_Given_Info.csv",
    "recommendations_given.csv": "Recommendations_Given.csv",
}


@paused_gc()
def import_linkedin(
    conn: sqlite3.Connection,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    subjects: bool = True,
) -> Summary:
    """Import an export into the caller's write transaction."""
    export = open_export(path)
    summary = Summary()
    people = People(conn, source=SOURCE, imported=("company", "title"))  # the fields a row gives
    stamp = now_iso()
    records: list[tuple[int, dict]] = []
    if export.connections is not None:
        records = _import_connections(conn, export.connections, people, summary, stamp, progress)
    for key, handler, required in (
        ("invitations.csv", _import_invitations, "direction"),
        ("endorsement_given_info.csv", _import_endorsements, "skillname"),
        ("recommendations_given.csv", _import_recommendations, "first"),
    ):
        if key in export.others:
            fname, fdata = export.others[key]
            try:
                header, rows = read_table(decode_lines(fdata, fname), required=required)
            except BadInput as exc:
                raise BadInput(f"{fname}: {exc.message}") from exc
            summary.files[fname] = handler(conn, people, fname, _records(header, rows), summary, stamp)
    summary.flush(conn, people)
    summary.removed = remove_placeholders(conn)
    from . import linkedin_messages as lm

    skipped: list[dict] = []
    for key, kind in (("positions.csv", "employer"), ("education.csv", "school")):
        if key in export.others:
            fname, fdata = export.others[key]
            header, rows = _table(fname, fdata, "companyname" if kind == "employer" else "schoolname")
            summary.files[fname] = lm.import_affiliations(conn, kind, fname, _records(header, rows), skipped, stamp)
    if "messages.csv" in export.others:
        fname, fdata = export.others["messages.csv"]
        header, rows = _table(fname, fdata, "from")
        summary.files[fname] = lm.import_messages(
            conn, fname, _records(header, rows), skipped, invited_by=summary.invited_by, subjects=subjects
        )
    summary.skipped.extend(skipped)
    if progress:
        progress(len(records), len(records))
    also = {"people": people.created_elsewhere}
    for counts in summary.files.values():
        for key in ("requests", "endorsements", "recommendations", "invitations_sent"):
            if key in counts:
                also[key] = also.get(key, 0) + counts[key]
    summary.also = {k: v for k, v in also.items() if v}
    touch_graph(conn)
    return summary


def _import_connections(conn, file: tuple[str, bytes], people: People, summary: Summary, stamp: str, progress):
    """Connections.csv: its people and their nominal connections; return its records."""
    name, data = file
    try:
        header, rows = read_table(decode_lines(data, name))
    except BadInput as exc:
        raise BadInput(f"{name}: {exc.message}") from exc
    records = _records(header, rows)
    if "first" not in {_HEADER.get(_norm(h)) for h in header}:
        raise BadInput(f"{name}: the header has no First Name column")
    step = max(1, len(records) // 200)
    plain = _plain_columns(records)
    read = [row for line, rec in records if (row := _read_row(summary, name, line, rec, plain)) is not None]
    unshared = people.unshared([(row.url, row.email, row.full, row.company) for row in read])
    # Many rows are a bulk load: its people and connections are not noted one by one for the degrees to
    # follow when they are most of the graph (it is read again in one pass).
    with degrees.journal_for(conn, len(read)), Store.bulk_people(conn, rebuild_indexes=len(records) > 5_000):
        for i, (row, alone) in enumerate(zip(read, unshared, strict=True), 1):
            if progress and i % step == 0:
                progress(i, len(records))
            _import_row(conn, people, summary, name, row, stamp, alone)
        summary.flush(conn, people)  # inside: bulk_people indexes and registers these people at its end
    for reports in (summary.skipped, summary.warnings):  # in the file's order, whichever pass found them
        reports.sort(key=lambda r: r["line"])
    summary.files[name] = {"rows": len(records)}
    return records


def _table(fname: str, data: bytes, required: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        return read_table(decode_lines(data, fname), required=required)
    except BadInput as exc:
        raise BadInput(f"{fname}: {exc.message}") from exc


def _plain_columns(records: list[tuple[int, dict]]) -> bool:
    """Whether every name, company, position and e-mail of the file passes its check unchanged (the usual
    export), so rows need not be checked one by one."""
    column = [rec.get(c, "") for _, rec in records for c in ("first", "last", "company", "position", "email")]
    widest_name = max((len(rec.get("first", "")) + len(rec.get("last", "")) + 1 for _, rec in records), default=0)
    return widest_name <= NAME_MAX and plain_values(column, longest=320)


@dataclass(slots=True)
class _Row:
    """A row of Connections.csv as the import writes it: every value normalised and checked."""

    line: int
    full: str
    url: str | None
    email: str | None
    company: str
    position: str
    connected_on: str | None


def _read_row(summary: Summary, fname: str, line: int, rec: dict, plain: bool = False) -> _Row | None:
    """The row's values, or None (and why, in the summary) when it cannot be imported."""
    full = " ".join(f"{rec.get('first', '')} {rec.get('last', '')}".split())
    if not tx.has_name(full):  # empty, or LinkedIn's "- -" for a member whose name it withholds
        summary.skipped.append({"file": fname, "line": line, "reason": "no name"})
        return None
    url = None
    if rec.get("url"):
        try:
            url = tx.normalise_linkedin(rec["url"])
        except BadInput:
            summary.warnings.append({"file": fname, "line": line, "reason": f"not a LinkedIn URL: {rec['url']}"})
    email = None
    if rec.get("email"):
        try:
            email = tx.normalise_email(rec["email"])
        except BadInput:
            summary.warnings.append({"file": fname, "line": line, "reason": f"not an e-mail address: {rec['email']}"})
    if plain:  # the whole file passed the checks at once (_plain_columns)
        company, position = rec.get("company", ""), rec.get("position", "")
    else:
        try:  # checked before anything is written, as every other path checks them
            full = check_name(full)
            company = check_text(rec.get("company"), what="Company", one_line=True) or ""
            position = check_text(rec.get("position"), what="Position", one_line=True) or ""
            if email:
                email = check_normalised_email(email, what="Email Address")
        except BadInput as exc:
            summary.skipped.append({"file": fname, "line": line, "reason": exc.message})
            return None
    connected_on = _date_or_warn(rec.get("connected_on", ""), summary, fname, line)
    return _Row(line, full, url, email, company, position, connected_on)


def _import_row(
    conn, people: People, summary: Summary, fname: str, row: _Row, stamp: str, alone: tuple[str, str] | None
) -> None:
    """Add or update the person a row is. A row `alone` (its name key from People.unshared) can only be
    a new person: it is not looked up."""
    url, email, full, company, connected_on = row.url, row.email, row.full, row.company, row.connected_on
    if url is None and email is None and people.me is not None and tx.name_fold(full) == people.my_fold:
        # My own row in an export without URLs: my name, and no URL or address of someone else's (a
        # namesake's row carries theirs; my own URL or address is found by find, as mine).
        pid: int | None = people.me
    else:
        pid = None if alone else people.find(url, email, full, company)
    changed = False
    if pid is None:
        pid, _ = people.create(
            full,
            stamp,
            company=company,
            title=row.position,
            url=url,
            email=email,
            deferred=True,
            checked=True,
            remember=alone is None,
        )
        if alone:
            people.remember_unshared(pid, url, email, alone)
        summary.added += 1
        # A new person: the rest of their rows are written in batches (Summary.flush), the batched form of
        # add_email and ensure_connection for rows that are new by construction.
        if email:
            people.new_emails.append((pid, email, 0))
        summary.pending_connections.append((pid, SOURCE, connected_on, 0, stamp, stamp))
        return
    if pid in people.new_ids:  # the same person twice in one file: read back what is written
        summary.flush(conn, people)
    if pid == people.me:  # my own row (my URL, address or name): nothing of me is LinkedIn's to change
        summary.skipped.append({"file": fname, "line": row.line, "reason": "this row is me (nothing of you changed)"})
        return
    changed |= update_field(conn, pid, "company", company or None, stamp, SOURCE)
    changed |= update_field(conn, pid, "title", row.position or None, stamp, SOURCE)
    if url and conn.execute("SELECT linkedin FROM person WHERE id = ?", (pid,)).fetchone()[0] is None:
        set_fields(conn, pid, {"linkedin": url}, stamp=stamp)
        changed = True
    if email:
        changed |= add_email(conn, pid, email)
    changed |= ensure_connection(conn, pid, nominal_source=SOURCE, nominal_on=connected_on, stamp=stamp)
    if changed:
        summary.updated += 1
    else:
        summary.unchanged += 1
    people.remember(pid, url, email, full, company)


# Every table a person can have rows in but the nominal connection an import made: a placeholder with a row in
# any of them has been touched by the user (or by another import) and is kept.
_THEIRS = (
    "email",
    "phone",
    "tag",
    "highlight",
    "evidence",
    "interaction",
    "recognition",
    "card_property",
    "card_sync",
    "keep_in_touch",
    "prune_mark",
    "review_state",
    "affiliation",
)


def remove_placeholders(conn: sqlite3.Connection) -> list[dict]:
    """Remove the people earlier versions imported from LinkedIn's nameless rows ('- -'), where nothing but the
    import ever wrote of them: no field of their own, no e-mail, tag, evidence, interaction, link, request,
    introduction or anything else, and not edited since. Anyone touched is kept, whatever their name."""
    from ..people.writes import remove_person

    rows = conn.execute(
        "SELECT p.id, p.handle, p.name FROM connection c CROSS JOIN person p ON p.id = c.person_id "
        "WHERE c.nominal_source = ? AND p.is_me = 0 AND p.updated_at = p.created_at "
        "AND coalesce(p.nickname, p.pronouns, p.location, p.how_met, p.met_on, p.notes, p.birthday, "
        "p.anniversary) IS NULL AND NOT (p.do_not_introduce OR p.no_recruiters OR p.team_private) "
        "AND p.name NOT GLOB '*[A-Za-z0-9]*'",  # a quick first cut; has_name below judges every script
        (SOURCE,),
    ).fetchall()
    removed = []
    for pid, handle, name in rows:
        if tx.has_name(name):
            continue
        touched = (
            any(
                conn.execute(f"SELECT 1 FROM {table} WHERE person_id = ? LIMIT 1", (pid,)).fetchone()
                for table in _THEIRS
            )
            or conn.execute(
                "SELECT 1 FROM link WHERE a = ?1 OR b = ?1 UNION ALL SELECT 1 FROM request WHERE from_person = ?1 "
                "OR to_person = ?1 UNION ALL SELECT 1 FROM introduction WHERE a = ?1 OR b = ?1 OR requested_by = ?1 "
                "LIMIT 1",
                (pid,),
            ).fetchone()
        )
        if touched:
            continue
        remove_person(conn, pid)
        removed.append(
            {
                "person": handle,
                "name": name,
                "reason": "an earlier import made them of a LinkedIn row with no name ('- -'); nothing else was known",
            }
        )
    return removed


def _date_or_warn(text: str, summary: Summary, fname: str, line: int) -> str | None:
    try:
        return parse_date(text)
    except ValueError as exc:
        summary.warnings.append({"file": fname, "line": line, "reason": str(exc)})
        return None


def _import_invitations(conn, people: People, fname, records, summary: Summary, stamp) -> dict:
    """Incoming invitations from people I am not connected with become requests to review. Outgoing ones are
    counted, not kept: an invitation I sent is nominal, not an interaction with anyone."""
    requests = sent = 0
    for line, rec in records:
        try:
            direction = rec.get("direction", "").upper()
            incoming = direction == "INCOMING"
            name = tx.clean_input(rec.get("from" if incoming else "to", ""))
            if not tx.has_name(name) or direction not in ("INCOMING", "OUTGOING"):
                summary.skipped.append({"file": fname, "line": line, "reason": "no name or direction"})
                continue
            if not incoming:
                sent += 1
                summary.invited_by = summary.invited_by or _profile(rec.get("inviterprofileurl"))
                day = _date_or_warn(rec.get("sentat", ""), summary, fname, line)
                if day:
                    from .linkedin_messages import keep_invitation

                    keep_invitation(conn, name, rec.get("inviteeprofileurl"), day)
                continue
            url = rec.get("inviterprofileurl")
            pid = people.by_url_or_name(url, name, stamp)
            day = _date_or_warn(rec.get("sentat", ""), summary, fname, line) or stamp[:10]
            message = rec.get("message") or None
            if conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (pid,)).fetchone():
                continue  # already connected: the invitation was accepted
            if conn.execute(
                "SELECT 1 FROM request WHERE from_person = ? AND kind = 'connect' AND received_on = ? AND source = ?",
                (pid, day, SOURCE),
            ).fetchone():
                continue
            add_request(conn, "connect", pid, channel="linkedin", note=message, received_on=day, source=SOURCE)
            requests += 1
        except BadInput as exc:  # a row no other path would accept either
            summary.skipped.append({"file": fname, "line": line, "reason": exc.message})
    return {"rows": len(records), "requests": requests, "invitations_sent": sent}


def _profile(text: str | None) -> str | None:
    try:
        return tx.normalise_linkedin(text) if text else None
    except BadInput:
        return None


def _import_endorsements(conn, people: People, fname, records, summary: Summary, stamp) -> dict:
    added = 0
    for line, rec in records:
        try:
            name = tx.clean_input(" ".join(x for x in (rec.get("endorseefirstname"), rec.get("endorseelastname")) if x))
            skill = rec.get("skillname")
            if not tx.has_name(name) or not skill:
                summary.skipped.append({"file": fname, "line": line, "reason": "no name or skill"})
                continue
            pid = people.by_url_or_name(rec.get("endorseepublicurl"), name, stamp)
            day = _date_or_warn(rec.get("endorsementdate", ""), summary, fname, line) or stamp[:10]
            status = rec.get("endorsementstatus") or None
            if add_recognition(
                conn, pid, "endorsement", skill=skill, given_on=day, source=SOURCE, status=status, stamp=stamp
            ):
                added += 1
        except BadInput as exc:  # a row no other path would accept either
            summary.skipped.append({"file": fname, "line": line, "reason": exc.message})
    return {"rows": len(records), "endorsements": added}


def _import_recommendations(conn, people: People, fname, records, summary: Summary, stamp) -> dict:
    added = 0
    for line, rec in records:
        try:
            name = tx.clean_input(" ".join(x for x in (rec.get("first"), rec.get("last")) if x))
            if not tx.has_name(name):
                summary.skipped.append({"file": fname, "line": line, "reason": "no name"})
                continue
            pid = people.by_url_or_name(None, name, stamp, company=rec.get("company") or "")
            day = _date_or_warn(rec.get("creationdate", ""), summary, fname, line) or stamp[:10]
            text = rec.get("text") or None
            status = rec.get("status") or None
            if add_recognition(
                conn, pid, "recommendation", text=text, given_on=day, source=SOURCE, status=status, stamp=stamp
            ):
                added += 1
        except BadInput as exc:  # a row no other path would accept either
            summary.skipped.append({"file": fname, "line": line, "reason": exc.message})
    return {"rows": len(records), "recommendations": added}
