"""People as CSV: an export a spreadsheet can open safely, and an import with a column map."""

from __future__ import annotations

import csv
import io
import sqlite3

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput
from ..people.records import person_records
from .common import People
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
    ids = [r[0] for r in conn.execute("SELECT id FROM person WHERE is_me = 0 ORDER BY handle")]
    status = dict(
        conn.execute("SELECT person_id, CASE curated WHEN 1 THEN 'curated' ELSE 'nominal' END FROM connection")
    )
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for pid, p in zip(ids, person_records(conn, ids), strict=True):
        row = {
            **p,
            "emails": "; ".join(p["emails"]),
            "phones": "; ".join(p["phones"]),
            "tags": "; ".join(p["tags"]),
            "highlights": " | ".join(p["highlights"]),
            "connection": status.get(pid, ""),
        }
        w.writerow([inert(str(row.get(c) or "")) for c in COLUMNS])
    return buf.getvalue()


def _field_for(header: str) -> str | None:
    k = "".join(ch for ch in header.strip().lower() if ch.isalnum())
    return next((f for f in FIELDS if f.replace("_", "") == k), None) or _ALIASES.get(k)


def import_csv(conn: sqlite3.Connection, data: bytes, mapping: dict[str, str], fname: str) -> dict:
    text = decode_lines(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # the header line tells the delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{fname}: the file is empty") from None
    for col, field in mapping.items():
        if field not in FIELDS:
            raise BadInput(f"--map {col}={field}: '{field}' is not a field ({', '.join(FIELDS)})")
        if col not in header:
            raise BadInput(f"--map {col}={field}: {fname} has no column '{col}' (columns: {', '.join(header)})")
    fields = [mapping[h] if h in mapping else _field_for(h) for h in header]
    if "name" not in fields and "first_name" not in fields:
        raise BadInput(f"{fname}: no name column (map one with --map COLUMN=name)")
    people = People(conn)
    stamp = now_iso()
    added = updated = unchanged = 0
    skipped, warnings = [], []
    prev = 1
    for row in reader:
        line = prev + 1
        prev = reader.line_num
        rec: dict[str, list[str]] = {}
        for f, v in zip(fields, row, strict=False):
            if f and v.strip():
                rec.setdefault(f, []).append(v.strip())
        name = " ".join(rec.get("name", [])) or " ".join(rec.get("first_name", []) + rec.get("last_name", []))
        name = " ".join(name.split())
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
        pid = people.find(url, email, name, company)
        new = pid is None
        if new:
            pid = people.create(name, stamp, company=company, title=(rec.get("title") or [None])[0], url=url)
            added += 1
        changed = False
        for col in ("nickname", "pronouns", "location", "how_met", "notes", "title", "company"):
            src = {"notes": "notes"}.get(col, col)
            if rec.get(src):
                value = rec[src][0]
                cur = conn.execute(f"SELECT {col} FROM person WHERE id = ?", (pid,)).fetchone()[0]
                if cur is None:
                    conn.execute(f"UPDATE person SET {col} = ? WHERE id = ?", (value, pid))
                    changed = True
        if rec.get("met_on"):
            try:
                day = parse_partial_date(rec["met_on"][0], field="met_on").iso()
                if conn.execute("SELECT met_on FROM person WHERE id = ?", (pid,)).fetchone()[0] is None:
                    conn.execute("UPDATE person SET met_on = ? WHERE id = ?", (day, pid))
                    changed = True
            except BadInput as exc:
                warnings.append({"line": line, "reason": exc.message})
        for e in valid_emails:
            if not conn.execute(
                "SELECT 1 FROM email WHERE person_id = ? AND address_key = ?", (pid, tx.email_key(e))
            ).fetchone():
                n = conn.execute("SELECT count(*) FROM email WHERE person_id = ?", (pid,)).fetchone()[0]
                conn.execute(
                    "INSERT INTO email (person_id, address, address_key, position) VALUES (?, ?, ?, ?)",
                    (pid, e, tx.email_key(e), n),
                )
                changed = True
        for v in rec.get("phone", []):
            for ph in [x.strip() for x in v.split(";") if x.strip()]:
                if not conn.execute("SELECT 1 FROM phone WHERE person_id = ? AND number = ?", (pid, ph)).fetchone():
                    conn.execute("INSERT INTO phone (person_id, number, position) VALUES (?, ?, 99)", (pid, ph))
                    changed = True
        for v in rec.get("tag", []):
            for t in [x.strip() for x in v.replace(",", ";").split(";") if x.strip()]:
                conn.execute(
                    "INSERT OR IGNORE INTO tag (person_id, name, name_key) VALUES (?, ?, ?)", (pid, t, tx.name_key(t))
                )
        for v in rec.get("highlight", []):
            for h in [x.strip() for x in v.split("|") if x.strip()]:
                if not conn.execute("SELECT 1 FROM highlight WHERE person_id = ? AND text = ?", (pid, h)).fetchone():
                    conn.execute("INSERT INTO highlight (person_id, text, position) VALUES (?, ?, 99)", (pid, h))
                    changed = True
        if not new:
            if changed:
                updated += 1
            else:
                unchanged += 1
        people.remember(pid, url, email, name, company)
    return {"added": added, "updated": updated, "unchanged": unchanged, "skipped": skipped, "warnings": warnings}
