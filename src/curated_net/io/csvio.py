"""People as CSV: an export a spreadsheet can open safely, and an import with a column map."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput
from ..people.records import person_records
from .common import People, csv_rows
from .linkedin import decode_lines

COLUMNS = (
    "handle",
    "name",
    "nickname",
    "pronouns",
    "emails",
    "phones",
    "company",
    "title",
    "location",
    "linkedin",
    "tags",
    "how_met",
    "met_on",
    "highlights",
    "notes",
    "connection",
    "evidence",  # JSON: [{"criterion": ..., "detail": ..., "since": ...}], read back by import csv
)
FIELDS = (
    "name",
    "first_name",
    "last_name",
    "nickname",
    "pronouns",
    "email",
    "phone",
    "company",
    "title",
    "location",
    "linkedin",
    "tag",
    "how_met",
    "met_on",
    "highlight",
    "notes",
    # Evidence of my connection: one piece from these columns (as cnet connect --file reads them), or any
    # number as the JSON of an export's `evidence` column. Each goes through the gated connect.
    "criterion",
    "detail",
    "since",
    "until",
    "place",
    "conversation",
    "evidence",
)
_ALIASES = {
    "first": "first_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "last": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "fullname": "name",
    "emailaddress": "email",
    "emails": "email",
    "mail": "email",
    "phones": "phone",
    "mobile": "phone",
    "telephone": "phone",
    "organization": "company",
    "organisation": "company",
    "position": "title",
    "jobtitle": "title",
    "role": "title",
    "url": "linkedin",
    "profile": "linkedin",
    "linkedinurl": "linkedin",
    "tags": "tag",
    "highlights": "highlight",
    "note": "notes",
    "howmet": "how_met",
    "meton": "met_on",
    "city": "location",
}


def inert(value: str) -> str:
    """A cell a spreadsheet will show, never run: leading = + - @ (and tab, CR) are quoted away."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_csv(conn: sqlite3.Connection) -> str:
    return "".join(iter_csv(conn))


def iter_csv(conn: sqlite3.Connection, batch: int = 2_000) -> Iterator[str]:
    """Everyone but me, one row each, a batch of rows at a time (memory stays flat)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    cursor = conn.execute("SELECT id FROM person WHERE is_me = 0 ORDER BY handle")
    while ids := [r[0] for r in cursor.fetchmany(batch)]:
        arg = json.dumps(ids)
        status = dict(
            conn.execute(
                "SELECT person_id, CASE curated WHEN 1 THEN 'curated' ELSE 'nominal' END FROM connection "
                "WHERE person_id IN (SELECT value FROM json_each(?))",
                (arg,),
            )
        )
        evidence: dict[int, list[dict]] = {}
        for r in conn.execute(
            "SELECT person_id, criterion, detail, since, until, place, conversation FROM evidence "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, id",
            (arg,),
        ):
            e = dict(zip(("criterion", "detail", "since", "until", "place", "conversation"), r[1:], strict=True))
            evidence.setdefault(r[0], []).append({k: v for k, v in e.items() if v is not None})
        for pid, p in zip(ids, person_records(conn, ids), strict=True):
            ev = evidence.get(pid)
            row = {
                **p,
                "evidence": json.dumps(ev, ensure_ascii=False) if ev else "",
                "emails": "; ".join(p["emails"]),
                "phones": "; ".join(p["phones"]),
                "tags": "; ".join(p["tags"]),
                "highlights": " | ".join(p["highlights"]),
                "connection": status.get(pid, ""),
            }
            w.writerow([inert(str(row.get(c) or "")) for c in COLUMNS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue()


def _field_for(header: str) -> str | None:
    k = "".join(ch for ch in header.strip().lower() if ch.isalnum())
    return next((f for f in FIELDS if f.replace("_", "") == k), None) or _ALIASES.get(k)


# -- the address books people export ------------------------------------------------------------------
# Each is recognised by its header and read column by column; a column not listed is matched by name as
# any CSV's would be. Fields beyond FIELDS: middle_name (joins the name), birthday (the person's birthday field,
# while empty), website (a LinkedIn URL among them is the LinkedIn field), skip (a column read as nothing).

_GOOGLE_OLD = {
    "Name": "name",
    "Given Name": "first_name",
    "Additional Name": "middle_name",
    "Family Name": "last_name",
    "Nickname": "nickname",
    "Birthday": "birthday",
    "Notes": "notes",
    "Group Membership": "tag",
    "Location": "location",
}
_GOOGLE_NEW = {
    "First Name": "first_name",
    "Middle Name": "middle_name",
    "Last Name": "last_name",
    "Nickname": "nickname",
    "Organization Name": "company",
    "Organization Title": "title",
    "Birthday": "birthday",
    "Notes": "notes",
    "Labels": "tag",
}
_OUTLOOK = {
    "First Name": "first_name",
    "Middle Name": "middle_name",
    "Last Name": "last_name",
    "Title": "skip",  # Mr., Dr.: an honorific, not a job
    "Suffix": "skip",
    "Nickname": "nickname",
    "E-mail Address": "email",
    "E-mail 2 Address": "email",
    "E-mail 3 Address": "email",
    "Company": "company",
    "Job Title": "title",
    "Birthday": "birthday",
    "Notes": "notes",
    "Categories": "tag",
    "Web Page": "website",
    "Personal Web Page": "website",
    "Business City": "location",
    "Home City": "location",
}
_THUNDERBIRD = {
    "First Name": "first_name",
    "Last Name": "last_name",
    "Display Name": "name",  # wins over first and last: it is how the user wrote the name
    "Nickname": "nickname",
    "Primary Email": "email",
    "Secondary Email": "email",
    "Work Phone": "phone",
    "Home Phone": "phone",
    "Mobile Number": "phone",
    "Fax Number": "phone",
    "Pager Number": "phone",
    "Job Title": "title",
    "Organization": "company",
    "Organisation": "company",  # as a UK build of Thunderbird spells it
    "Notes": "notes",
    "Web Page 1": "website",
    "Web Page 2": "website",
    "Work City": "location",
    "Home City": "location",
    "Birth Year": "birth_year",
    "Birth Month": "birth_month",
    "Birth Day": "birth_day",
}


# Google's numbered columns ("E-mail 2 - Value"): both of its formats share them.
_GOOGLE_NUMBERED = (
    (re.compile(r"E-mail \d+ - Value"), "email"),
    (re.compile(r"Phone \d+ - Value"), "phone"),
    (re.compile(r"Website \d+ - Value"), "website"),
    (re.compile(r"Organization 1 - Name"), "company"),
    (re.compile(r"Organization 1 - Title"), "title"),
    (re.compile(r"Address 1 - City"), "location"),
)


def _google(named: dict[str, str]):
    def field(h: str) -> str | None:
        return next((f for pattern, f in _GOOGLE_NUMBERED if pattern.fullmatch(h)), None) or named.get(h, "skip")

    return field


_google_old, _google_new = _google(_GOOGLE_OLD), _google(_GOOGLE_NEW)


def _outlook(h: str) -> str | None:
    if h.endswith((" Phone", " Phone 2", " Fax")) or h in ("Pager", "Callback", "Telex", "Radio Phone"):
        return "phone"
    return _OUTLOOK.get(h, "skip")


def _thunderbird(h: str) -> str | None:
    return _THUNDERBIRD.get(h, "skip")


ADDRESS_BOOKS = {  # name: (how its header is recognised, how each column is read)
    "Google Contacts (before 2023)": (lambda hs: "Given Name" in hs and "E-mail 1 - Value" in hs, _google_old),
    "Google Contacts": (lambda hs: "Organization Name" in hs and "E-mail 1 - Value" in hs, _google_new),
    "Outlook": (lambda hs: "E-mail Address" in hs and ("Job Title" in hs or "Business Phone" in hs), _outlook),
    "Thunderbird": (lambda hs: "Primary Email" in hs and "Display Name" in hs, _thunderbird),
}


def recognise(header: list[str]):
    """Which address book wrote a CSV header, and how to read its columns (None for any other CSV)."""
    hs = {h.strip() for h in header}
    for name, (test, reader) in ADDRESS_BOOKS.items():
        if test(hs):
            return name, reader
    return None, None


_MULTI = re.compile(r"\s*:::\s*")  # Google: several values in one cell


def import_csv(
    conn: sqlite3.Connection, data: bytes, mapping: dict[str, str], fname: str, *, gate=None, verdicts=None
) -> dict:
    """Import people from a CSV into the caller's write transaction. Evidence columns connect through the
    gated connect (with `gate`); each verdict is appended to `verdicts` (with the person's handle) for the
    caller to log once the import commits, and a refused piece of evidence is reported, not written."""
    text = decode_lines(data, fname)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # the header line tells the delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = csv_rows(reader, fname)
    try:
        header = next(rows)
    except StopIteration:
        raise BadInput(f"{fname}: the file is empty") from None
    for col, field in mapping.items():
        if field not in FIELDS:
            raise BadInput(f"--map {col}={field}: '{field}' is not a field ({', '.join(FIELDS)})")
        if col not in header:
            raise BadInput(f"--map {col}={field}: {fname} has no column '{col}' (columns: {', '.join(header)})")
    book, reader_of = recognise(header)
    fields = [mapping[h] if h in mapping else (reader_of(h.strip()) if reader_of else _field_for(h)) for h in header]
    fields = [None if f == "skip" else f for f in fields]
    if "name" not in fields and "first_name" not in fields:
        raise BadInput(f"{fname}: no name column (map one with --map COLUMN=name)")
    people = People(conn)
    stamp = now_iso()
    added = updated = unchanged = connected = 0
    skipped: list[dict] = []
    warnings: list[dict] = []
    refused: list[dict] = []
    if gate is None:
        from ..policy import load_gate

        gate = load_gate()
    prev = 1
    for row in rows:
        line = prev + 1
        prev = reader.line_num
        rec: dict[str, list[str]] = {}
        for f, v in zip(fields, row, strict=False):
            if f and v.strip():
                values = _MULTI.split(v.strip()) if book and book.startswith("Google") else [v.strip()]
                rec.setdefault(f, []).extend(x for x in values if x)
        for w in rec.pop("website", []):
            if "linkedin.com/" in w.lower():
                rec.setdefault("linkedin", []).append(w)
        if book and book.startswith("Google"):  # "* myContacts" is Google's own label, not the user's
            rec["tag"] = [t for t in rec.get("tag", []) if not t.startswith("* ")]
        name = " ".join(rec.get("name", [])) or " ".join(
            rec.get("first_name", []) + rec.get("middle_name", []) + rec.get("last_name", [])
        )
        name = " ".join(name.split())
        if not name and rec.get("company"):
            name = rec["company"][0]
            warnings.append({"line": line, "reason": f"no name; named by the company '{name}'"})
        if not name:
            if any(c.strip() for c in row):
                skipped.append({"line": line, "reason": "no name"})
            continue
        email = url = None
        emails = [e for v in rec.get("email", []) for e in v.replace(";", ",").split(",") if e.strip()]
        valid_emails = []
        for e in emails:
            try:
                valid_emails.append(tx.normalise_email(e))
            except BadInput:
                warnings.append({"line": line, "reason": f"not an e-mail address: {e}"})
        email = valid_emails[0] if valid_emails else None
        if rec.get("linkedin"):
            try:
                url = tx.normalise_linkedin(rec["linkedin"][0])
            except BadInput:
                warnings.append({"line": line, "reason": f"not a LinkedIn URL: {rec['linkedin'][0]}"})
        company = (rec.get("company") or [""])[0]
        conn.execute("SAVEPOINT row")  # a row refused halfway leaves nothing of itself
        try:
            pid, new, changed = _import_row(
                conn, people, rec, name, company, url, email, valid_emails, stamp, warnings, line
            )
        except BadInput as exc:
            conn.execute("ROLLBACK TO row")
            skipped.append({"line": line, "reason": exc.message})
            continue
        finally:
            conn.execute("RELEASE row")
        if new:
            added += 1
        elif changed:
            updated += 1
        else:
            unchanged += 1
        people.remember(pid, url, email, name, company)
        for item in _evidence_of_row(rec, line, warnings):
            connected += _connect_row(conn, pid, item, gate, verdicts, refused, line)
    return {
        "added": added,
        "updated": updated,
        "unchanged": unchanged,
        "skipped": skipped,
        "warnings": warnings,
        "format": book or "CSV",
        "connected": connected,
        "refused": refused,
    }


def _evidence_of_row(rec: dict, line: int, warnings: list) -> list[dict]:
    """The evidence a row holds: its evidence column (JSON, as export csv writes it), or one piece from the
    criterion, detail, since, until, place and conversation columns."""
    out = []
    for text in rec.get("evidence", []):
        try:
            items = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            items = None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            warnings.append(
                {"line": line, "reason": "the evidence column is not a list of evidence (as export csv writes)"}
            )
            continue
        out += items
    if rec.get("criterion"):
        out.append(
            {k: (rec.get(k) or [None])[0] for k in ("criterion", "detail", "since", "until", "place", "conversation")}
        )
    return out


def _connect_row(conn, pid: int, item: dict, gate, verdicts, refused: list, line: int) -> int:
    from ..errors import CnetError, Refused
    from ..network.writes import EvidenceInput, connect

    fields = {
        k: item.get(k) if isinstance(item.get(k), str) else None
        for k in ("detail", "since", "until", "place", "conversation")
    }
    handle = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]
    conn.execute("SAVEPOINT evidence")
    try:
        done = connect(conn, pid, [EvidenceInput(str(item.get("criterion") or ""), **fields)], gate=gate)
        if verdicts is not None:
            verdicts.append((done.verdict, [handle]))
        return len(done.added)
    except Refused as exc:
        conn.execute("ROLLBACK TO evidence")
        if verdicts is not None:
            verdicts.append((exc.verdict, [handle]))
        rules = [r.id for r in exc.verdict.refusals] if exc.verdict else []
        refused.append({"line": line, "person": handle, "rules": rules, "message": exc.message})
    except CnetError as exc:
        conn.execute("ROLLBACK TO evidence")
        refused.append({"line": line, "person": handle, "rules": [], "message": exc.message})
    finally:
        conn.execute("RELEASE evidence")
    return 0


def _import_row(conn, people: People, rec: dict, name, company, url, email, emails, stamp, warnings, line):
    """One row through the same writes as every other path: (id, added, changed)."""
    from ..people.writes import add_lists, set_fields

    pid = people.find(url, email, name, company)
    new = pid is None
    if pid is None:
        pid = people.create(name, stamp, company=company, title=(rec.get("title") or [None])[0], url=url)
    fill: dict[str, object] = {}
    current = dict(
        zip(
            _FILLED,
            conn.execute(f"SELECT {', '.join(_FILLED)} FROM person WHERE id = ?", (pid,)).fetchone(),
            strict=True,
        )
    )
    for col in _FILLED:
        if rec.get(col) and current[col] is None:
            if col == "met_on":
                try:
                    fill[col] = parse_partial_date(rec[col][0], field="met_on").iso()
                except BadInput as exc:
                    warnings.append({"line": line, "reason": exc.message})
            else:
                fill[col] = rec[col][0]
    set_fields(conn, pid, fill, stamp=stamp)
    refused: list[str] = []
    changed = add_lists(
        conn,
        pid,
        emails=emails,
        phones=[x.strip() for v in rec.get("phone", []) for x in v.split(";") if x.strip()],
        tags=[x.strip() for v in rec.get("tag", []) for x in v.replace(",", ";").split(";") if x.strip()],
        highlights=[x.strip() for v in rec.get("highlight", []) for x in v.split("|") if x.strip()],
        refused=refused,
    )
    warnings += [{"line": line, "reason": r} for r in refused]
    changed |= _fill_birthday(conn, pid, rec, warnings, line)
    return pid, new, bool(fill) or changed


def _fill_birthday(conn, pid: int, rec: dict, warnings: list, line: int) -> bool:
    """A birthday column becomes the person's birthday, while they have none (a day with no year is kept so)."""
    from ..dates import parse_day_to_remember
    from ..people.writes import set_fields

    day = (rec.get("birthday") or [None])[0]
    parts = [(rec.get(k) or [""])[0] for k in ("birth_year", "birth_month", "birth_day")]
    if not day and parts[1] and parts[2]:
        day = f"{parts[0]}-{parts[1].zfill(2)}-{parts[2].zfill(2)}" if parts[0] else f"--{parts[1]}-{parts[2]}"
    if not day:
        return False
    try:
        value = parse_day_to_remember(day, field="birthday")
    except BadInput as exc:
        warnings.append({"line": line, "reason": exc.message})
        return False
    if conn.execute("SELECT birthday FROM person WHERE id = ?", (pid,)).fetchone()[0] is not None:
        return False
    set_fields(conn, pid, {"birthday": value})
    return True


_FILLED = ("nickname", "pronouns", "location", "how_met", "notes", "title", "company", "met_on")


EVIDENCE_COLUMNS = ("person", "criterion", "detail", "since", "until", "place", "conversation")


def evidence_rows(data: bytes, fname: str) -> list[tuple[int, dict]]:
    """The rows of an evidence CSV (columns person, criterion, detail, since, until, place, conversation;
    the header names them, in any order and case), with their line numbers."""
    text = decode_lines(data, fname)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = csv_rows(reader, fname)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(rows)]
    except StopIteration:
        raise BadInput(f"{fname}: the file is empty") from None
    if "person" not in header or "criterion" not in header:
        raise BadInput(
            f"{fname}: the header needs the columns person and criterion (and may have {', '.join(EVIDENCE_COLUMNS[2:])})"
        )
    unknown = [h for h in header if h and h not in EVIDENCE_COLUMNS]
    if unknown:
        raise BadInput(f"{fname}: unknown column(s) {', '.join(unknown)} (known: {', '.join(EVIDENCE_COLUMNS)})")
    out = []
    prev = 1
    for row in rows:
        line, prev = prev + 1, reader.line_num
        if not any(c.strip() for c in row):
            continue
        out.append((line, {h: (v.strip() or None) for h, v in zip(header, row, strict=False) if h}))
    return out
