"""People as CSV: an export a spreadsheet can open safely, and an import with a column map."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator

from .. import text as tx
from ..dates import now_iso
from ..errors import BadInput
from ..people.cardprop import Prop, keep_props
from ..people.fields import FIELDS as PERSON_FIELDS
from ..people.fields import FLAG_WORDS, FLAGS, LISTS
from ..people.records import person_records
from ..people.writes import add_lists, check_value, set_fields
from ..runtime import paused_gc
from .common import People, csv_rows
from .linkedin import decode_lines
from .vcard import escape

# The export's columns: the handle, each declared field's (people.fields), then the connection and its evidence.
COLUMNS = (
    "handle",
    *dict.fromkeys(f.csv[0] for f in PERSON_FIELDS),
    "connection",
    "evidence",  # JSON: [{"criterion": ..., "detail": ..., "since": ...}], read back by import csv
)
FIELDS = (
    "handle",  # who the row is, when a cnet export wrote it: matched first, and kept for a new person
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
    "birthday",
    "anniversary",
    "notes",
    "employers",  # "Acme Corp 2016–2019; Initech" (as export csv writes them)
    "schools",
    "flags",
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
    "school": "schools",
    "note": "notes",
    "howmet": "how_met",
    "meton": "met_on",
    "city": "location",
    "website": "website",
    "webpage": "website",
    "homepage": "website",
    "birthday": "birthday",
    "birthdate": "birthday",
    "dateofbirth": "birthday",
    "categories": "tag",
    "labels": "tag",
    "groups": "tag",
    "groupmembership": "tag",
}


_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet run a cell


def inert(value: str) -> str:
    """A cell a spreadsheet will show, never run: leading = + - @ (and tab, CR) are quoted away (and a
    value that already starts so, quoted, gets one more quote, which the import takes off again)."""
    lead = value.lstrip("'")[:1]  # behind any quotes already there, so that the import takes exactly one off
    return "'" + value if lead and lead in _FORMULA_LEADS else value


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
                **{f.csv[0]: list_cell(p[f.key], _LIST_CELLS[f.key][2]) for f in LISTS},
                "flags": "; ".join(f.key.replace("_", "-") for f in FLAGS if p["flags"][f.key]),
                "connection": status.get(pid, ""),
            }
            w.writerow([inert(str(row.get(c) or "")) for c in COLUMNS])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue()


# Each declared list in a CSV: the column import reads it from (as FIELDS names it), the separators it splits a
# cell at, and the one export joins values with (a value holding a separator is written as a JSON array).
_LIST_CELLS = {
    "emails": ("email", ";", ";"),
    "phones": ("phone", ";", ";"),
    "tags": ("tag", ";,", ";"),
    "highlights": ("highlight", "|", "|"),
    "employers": ("employers", ";", ";"),
    "schools": ("schools", ";", ";"),
}


def _key(header: str) -> str:
    """A header as it is matched: lower case, letters and digits only ("E-mail 2" -> "email2")."""
    return "".join(ch for ch in header.strip().lower() if ch.isalnum())


def _field_for(header: str) -> str | None:
    """The field a column of any CSV feeds, by its name ("E-mail Work" and "Mobile" too); None for a column
    that is not one (it is kept as an address-book property), "skip" for one cnet wrote and reads again."""
    k = _key(header)
    exact = next((f for f in FIELDS if f.replace("_", "") == k), None) or _ALIASES.get(k)
    if exact:
        return exact
    if k in _DERIVED:
        return "skip"
    if k.endswith(("type", "label")) or k.startswith("phonetic") or k in _NOT_A_NAME:
        return None  # "E-mail 1 - Type" qualifies its value; "Phonetic First Name" is no phone
    if k in _NAME_PARTS:
        return _NAME_PARTS[k]
    if "email" in k:
        return "email"
    if "phone" in k or "mobile" in k or k.endswith(("fax", "pager")):
        return "phone"
    if "website" in k or "webpage" in k:
        return "website"
    return None


_DERIVED = {"connection"}  # cnet's own export: what it works out, not what a person is
_NOT_A_NAME = {"emaildisplayname", "email2displayname", "email3displayname"}
_NAME_PARTS = {
    "displayname": "name",
    "companyname": "company",
    "organizationname": "company",
    "organisationname": "company",
    "employer": "company",
    "middlename": "middle_name",
    "additionalname": "middle_name",
    "nameprefix": "prefix",
    "prefix": "prefix",
    "honorific": "prefix",
    "namesuffix": "suffix",
    "suffix": "suffix",
}


# -- the address books people export ------------------------------------------------------------------
# Each is recognised by its header and read column by column; a column not listed is matched by name as
# any CSV's would be. Fields beyond FIELDS: middle_name (joins the name), birthday (the person's birthday field,
# while empty), website (a LinkedIn URL among them is the LinkedIn field), skip (a column read as nothing).

_GOOGLE_OLD = {
    "Name": "name",
    "Name Prefix": "prefix",
    "Name Suffix": "suffix",
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
    "Name Prefix": "prefix",
    "Name Suffix": "suffix",
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
    "Title": "prefix",  # Mr., Dr.: an honorific, not a job
    "Suffix": "suffix",
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
        found = next((f for pattern, f in _GOOGLE_NUMBERED if pattern.fullmatch(h)), None) or named.get(h)
        return found or (None if _NUMBERED.fullmatch(h) else _field_for(h))

    return field


_google_old, _google_new = _google(_GOOGLE_OLD), _google(_GOOGLE_NEW)


def _outlook(h: str) -> str | None:
    if h.endswith((" Phone", " Phone 2", " Fax")) or h in ("Pager", "Callback", "Telex", "Radio Phone"):
        return "phone"
    return _OUTLOOK.get(h) or _field_for(h)


def _thunderbird(h: str) -> str | None:
    return _THUNDERBIRD.get(h) or _field_for(h)


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
_GOOGLE_OWN = {"mycontacts", "my contacts"}


# -- what cnet does not model is kept, as the address-book properties a vCard would carry -------------
# An address book's CSV says more than cnet's fields: addresses, web pages, the labels of e-mails and phones,
# name prefixes, departments, anything. Each is kept beside the person as a vCard property (ADR, URL, a
# TYPE on EMAIL/TEL, N; any other column as X-<COLUMN>): `cnet show` lists them, vCard and JSON exports carry
# them, and nothing a file said is lost.

_NUMBERED_LABEL = re.compile(r"(.+?) (\d+) - (?:Type|Label)")  # Google: "E-mail 2 - Label" qualifies "… - Value"
_NUMBERED = re.compile(r"(.+?) (\d+) - .+")
_GOOGLE_ADDRESS = re.compile(
    r"Address (\d+) - (Street|City|PO Box|Region|Postal Code|Country|Extended Address|Neighborhood|Formatted)"
)
_ADDRESS = re.compile(  # Outlook, Thunderbird and many spreadsheets: "Home Street 2", "Business Postal Code"
    r"(Home|Business|Work|Other) (Street|Address|Address PO Box|PO Box|City|State|Region|Postal Code|Zip|"
    r"ZipCode|Zip Code|Country|Country/Region)(?: \d)?",
    re.IGNORECASE,
)
_ADR_PART = {  # the seven parts of a vCard ADR, in order: PO box, extended, street, city, region, code, country
    "po box": 0, "address po box": 0, "extended address": 1, "neighborhood": 1, "street": 2, "address": 2,
    "city": 3, "state": 4, "region": 4, "postal code": 5, "zip": 5, "zipcode": 5, "zip code": 5, "country": 6,
    "country/region": 6,
}  # fmt: skip
_KIND = {"home": "home", "business": "work", "work": "work", "other": "other"}
_TYPE_WORDS = {
    "home": "home", "business": "work", "work": "work", "mobile": "cell", "cell": "cell", "fax": "fax",
    "pager": "pager", "car": "car", "other": "other", "main": "main", "primary": "pref", "blog": "blog",
    "profile": "profile",
}  # fmt: skip


class _Kept:
    """How a file's columns beyond cnet's fields are kept, worked out once from its header."""

    def __init__(self, header: list[str], fields: list[str | None]) -> None:
        self.header = [h.strip() for h in header]
        self.fields = fields
        self.addresses: dict[str, dict] = {}
        self.labels: dict[int, int] = {}  # a value column -> the column that labels it
        self.types: dict[int, str] = {}  # a value column -> the TYPE its header says ("Home Phone")
        self.extra: list[tuple[int, str]] = []
        self.used: set[int] = set()  # the columns that held something kept
        numbered = {}
        for i, h in enumerate(self.header):
            m = _NUMBERED_LABEL.fullmatch(h)
            if m:
                numbered[(m[1], m[2])] = i
        consumed = set(numbered.values())
        for i, h in enumerate(self.header):
            if i in consumed or fields[i] == "skip" or not h:
                continue
            m = _GOOGLE_ADDRESS.fullmatch(h)
            if m:
                a = self._address("g" + m[1], None, numbered.get(("Address", m[1])))
                if m[2] == "Formatted":
                    a["formatted"] = i
                else:
                    a["parts"].setdefault(_ADR_PART[m[2].lower()], []).append(i)
                continue
            m = _ADDRESS.fullmatch(h)
            if m:
                kind = _KIND[m[1].lower()]
                self._address(kind, kind, None)["parts"].setdefault(_ADR_PART[m[2].lower()], []).append(i)
                continue
            m = _NUMBERED.fullmatch(h)
            if m and (m[1], m[2]) in numbered:
                self.labels[i] = numbered[(m[1], m[2])]
            if fields[i] in ("email", "phone", "website") and i not in self.labels:
                words = [_TYPE_WORDS[w] for w in re.findall(r"[a-z]+", h.lower()) if w in _TYPE_WORDS]
                if words:
                    self.types[i] = ",".join(dict.fromkeys(words))
            if fields[i] is None:
                self.extra.append((i, _x_name(h)))

    def _address(self, key: str, kind: str | None, label: int | None) -> dict:
        return self.addresses.setdefault(key, {"type": kind, "label": label, "parts": {}, "formatted": None})

    def props(self, row: list[str], rec: dict, name: str, google: bool) -> list[Prop]:
        """What one row says beyond cnet's fields, as properties (names, typed values, addresses, the rest)."""

        def cell(i: int | None) -> str:
            return row[i].strip() if i is not None and i < len(row) else ""

        out: list[Prop] = []
        parts = [" ".join(rec.get(k, [])) for k in ("last_name", "first_name", "middle_name", "prefix", "suffix")]
        if any(parts):
            out += [Prop("FN", escape(name), field="name"), Prop("N", ";".join(map(escape, parts)), field="name")]
        for i, f in enumerate(self.fields):
            if f not in ("email", "phone", "website") or not cell(i):
                continue
            values = _MULTI.split(cell(i)) if google else [cell(i)]
            labels = [_type(x) for x in _MULTI.split(cell(self.labels.get(i)))] if i in self.labels else []
            for j, value in enumerate(v for v in values if v):
                kind = (labels[j] if j < len(labels) else labels[0] if labels else None) or self.types.get(i)
                params = {"TYPE": [kind]} if kind else {}
                if f == "website":
                    linked = "linkedin.com/" in value.lower()
                    out.append(Prop("URL", value, params, field="linkedin" if linked else None))
                elif kind:
                    out.append(Prop("EMAIL" if f == "email" else "TEL", escape(value), params, field=f + "s"))
        for a in self.addresses.values():
            adr = [" ".join(x for x in (cell(i) for i in a["parts"].get(n, [])) if x) for n in range(7)]
            kind = _type(cell(a["label"])) or a["type"]
            params = {"TYPE": [kind]} if kind else {}
            if any(adr):
                out.append(Prop("ADR", ";".join(map(escape, adr)), params))
                self.used.update(i for ix in a["parts"].values() for i in ix if cell(i))
            if cell(a["formatted"]):  # the address as the user sees it printed: vCard 3.0's LABEL
                out.append(Prop("LABEL", escape(cell(a["formatted"])), params))
                self.used.add(a["formatted"])
        for i, x in self.extra:
            if cell(i):
                kind = _type(cell(self.labels.get(i)))
                out.append(Prop(x, escape(cell(i)), {"TYPE": [kind]} if kind else {}))
                self.used.add(i)
        return out

    def kept_columns(self) -> list[str]:
        """The headers of the columns kept as properties rather than fields."""
        return [self.header[i] for i in sorted(self.used) if not self.fields[i]]


def _type(label: str) -> str | None:
    """A Google label ("* Home", "Mobile", "Kids' school") as a vCard TYPE."""
    text = label.strip().lstrip("*").strip().lower()
    if re.fullmatch(r"[a-z ]+", text):
        text = text.replace(" ", "")  # "Home Page" as address books write it: homepage
    return _TYPE_WORDS.get(text, text) if text else None


def _x_name(header: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", re.sub(r" - Value$", "", header)).strip("-").upper() or "COLUMN"
    return slug if slug.startswith("X-") else "X-" + slug


def _uninert(value: str) -> str:
    """Undo what `inert` (and a spreadsheet user's apostrophe) put before a leading = + - @."""
    lead = value.lstrip("'")[:1]
    return value[1:] if value[:1] == "'" and lead and lead in _FORMULA_LEADS else value


MAX_COLUMNS = 5_000


@paused_gc()
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
    if len(header) > MAX_COLUMNS:  # each column is matched to a field: 2M of them took 15 s
        raise BadInput(
            f"{fname}: {len(header):,} columns in the header line; an address book has a few dozen "
            f"(cnet reads files of at most {MAX_COLUMNS:,})"
        )
    for col, field in mapping.items():
        if field not in FIELDS:
            raise BadInput(f"--map {col}={field}: '{field}' is not a field ({', '.join(FIELDS)})")
        if col not in header:
            raise BadInput(f"--map {col}={field}: {fname} has no column '{col}' (columns: {', '.join(header)})")
    book, reader_of = recognise(header)
    fields = [mapping[h] if h in mapping else (reader_of(h.strip()) if reader_of else _field_for(h)) for h in header]
    keys = [_key(h) for h in header]
    if "jobtitle" in keys:  # beside a job title, a Title is Mr. or Dr.
        fields = [
            "prefix" if k == "title" and f == "title" and h not in mapping else f
            for k, f, h in zip(keys, fields, header, strict=True)
        ]
    if not {"name", "first_name", "last_name", "nickname", "company", "email"} & set(fields):
        raise BadInput(
            f"{fname}: no column names a person (a name, first or last name, nickname, company or e-mail; "
            f"the first line is read as the header: {', '.join(tx.printable(h) for h in header[:8])}); "
            "map one with --map COLUMN=name"
        )
    kept = _Kept(header, fields)
    fields = [None if f == "skip" else f for f in fields]
    google = bool(book and book.startswith("Google"))
    people = _Rows(conn)
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
        row = [_uninert(v) for v in row]
        for f, v in zip(fields, row, strict=False):
            if f and v.strip():
                values = _MULTI.split(v.strip()) if google else [v.strip()]
                rec.setdefault(f, []).extend(x for x in values if x)
        for w in rec.pop("website", []):
            if "linkedin.com/" in w.lower():
                rec.setdefault("linkedin", []).append(w)
        if google:  # "* myContacts" is Google's bookkeeping; "* starred", "* coworkers" are the user's
            rec["tag"] = [t.lstrip("* ") for t in rec.get("tag", []) if t.lstrip("* ").lower() not in _GOOGLE_OWN]
        email = url = None
        emails = [e for v in rec.get("email", []) for e in v.replace(";", ",").split(",") if e.strip()]
        valid_emails = []
        for e in emails:
            try:
                valid_emails.append(tx.normalise_email(e))
            except BadInput:
                warnings.append({"line": line, "reason": f"not an e-mail address: {e}"})
        email = valid_emails[0] if valid_emails else None
        # A name column is the name as written; first, middle and last names are put together.
        name = " ".join(rec.get("name", [])) or " ".join(
            " ".join(rec.get("first_name", []) + rec.get("middle_name", []) + rec.get("last_name", [])).split()
        )
        for what, value in (("nickname", rec.get("nickname")), ("company", rec.get("company")), ("e-mail", email)):
            if not name and value:
                name = value[0] if isinstance(value, list) else value
                warnings.append({"line": line, "reason": f"no name; named by the {what} '{name}'"})
        if not name:
            if any(c.strip() for c in row):
                skipped.append({"line": line, "reason": "no name"})
            continue
        if rec.get("linkedin"):
            try:
                url = tx.normalise_linkedin(rec["linkedin"][0])
            except BadInput:
                warnings.append({"line": line, "reason": f"not a LinkedIn URL: {rec['linkedin'][0]}"})
        company = (rec.get("company") or [""])[0]
        handle = None
        if rec.get("handle"):
            try:
                handle = tx.check_handle(rec["handle"][0])
            except BadInput:
                warnings.append({"line": line, "reason": f"not a handle, ignored: {tx.printable(rec['handle'][0])}"})
        conn.execute("SAVEPOINT row")  # a row refused halfway leaves nothing of itself
        try:
            pid, new, changed = _import_row(
                conn, people, rec, name, company, url, email, valid_emails, stamp, warnings, line, handle
            )
        except BadInput as exc:
            conn.execute("ROLLBACK TO row")
            skipped.append({"line": line, "reason": exc.message})
            continue
        else:
            changed = bool(keep_props(conn, pid, kept.props(row, rec, name, google), new=new)) or changed
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
        "kept": kept.kept_columns(),
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


class _Rows(People):
    """People already here, for the rows of a CSV: an e-mail finds everyone who has it, not only the first
    (a household shares one), so that a row finds the one of them it names."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self.handled: set[int] = set()  # the people rows of this file named by their handle
        self._holders: dict[str, list[int]] = {}  # the row being matched: who has each of its e-mails

    def email_holders(self, key: str) -> list[int]:
        return self._holders.get(key, [])

    def match(
        self, handle: str | None, url: str | None, email: str | None, emails: list[str], name: str, company: str
    ) -> tuple[int | None, list[tuple[str, str, str]]]:
        """The person a row is (or None), and (name, handle, address) of the people who have one of its
        e-mails but were not taken for it (to report; not those the handles of a cnet export named apart).
        The handle a cnet export wrote names the person first; then People.find, where an e-mail finds
        someone of another name only if no one of the row's name has it, no earlier row of this file was
        them, and the row carries no handle (a cnet export's row that is not theirs is someone else: a
        household shares an address, never a person)."""
        if handle:
            row = self.conn.execute("SELECT id FROM person WHERE handle = ? AND is_me = 0", (handle,)).fetchone()
            if row:
                self.used.add(row[0])
                self.handled.add(row[0])
                return row[0], []
        keys = sorted({tx.email_key(e) for e in (*emails, email) if e})
        self._holders = {}
        found: dict[int, tuple[int, str, str, str, str]] = {}  # each holder once, with their first address
        for key, pid, fold_, name_, handle_, address in self.conn.execute(
            "SELECT e.address_key, p.id, p.name_fold, p.name, p.handle, e.address FROM email e "
            "JOIN person p ON p.id = e.person_id WHERE e.address_key IN (SELECT value FROM json_each(?)) "
            "ORDER BY e.id",
            (json.dumps(keys),),
        ):
            self._holders.setdefault(key, []).append(pid)
            if pid not in found or address < found[pid][4]:
                found[pid] = (pid, fold_, name_, handle_, address)
        holders = sorted(found.values())
        fold = tx.name_fold(name)
        namesakes = {pid for pid, f, *_ in holders if f == fold}

        def joins(pid: int) -> bool:
            if namesakes:
                return pid in namesakes
            return pid not in self.used and not handle

        pid = self.find(url, email, name, company, emails=emails, by_email=joins)
        apart = [
            (n, h, a) for p, _f, n, h, a in holders if p != pid and not joins(p) and not (handle and p in self.handled)
        ]
        return pid, apart


def _import_row(conn, people: _Rows, rec: dict, name, company, url, email, emails, stamp, warnings, line, handle=None):
    """One row through the same writes as every other path: (id, added, changed). A handle column (a cnet
    export's) names the person first (_Rows.match); each declared field is read from its column by the
    field's own rule, and fills the field while it is empty."""
    pid, apart = people.match(handle, url, email, emails, name, company)
    new = pid is None
    if pid is None:  # a new person keeps the handle the file gave (or the next free one after it)
        title = (rec.get("title") or [None])[0]
        pid, _ = people.create(name, stamp, company=company, title=title, url=url, stem=handle)
        if handle:
            people.handled.add(pid)
        for other, other_handle, address in apart:
            warnings.append(
                {
                    "line": line,
                    "reason": f"{name} shares the e-mail {address} with {other} ({other_handle}): kept as two "
                    "people (a shared e-mail does not make them one; if they are: cnet merge)",
                }
            )
    filled = [f for f in PERSON_FIELDS if not f.many and f.kind not in ("name", "flag", "url")]
    current = dict(
        zip(
            [f.key for f in filled],
            conn.execute(f"SELECT {', '.join(f.key for f in filled)} FROM person WHERE id = ?", (pid,)).fetchone(),
            strict=True,
        )
    )
    fill: dict[str, object] = {}
    given = dict(rec)
    if not given.get("birthday"):
        parts = [(rec.get(k) or [""])[0] for k in ("birth_year", "birth_month", "birth_day")]
        if parts[1] and parts[2]:  # Thunderbird's three columns
            day = f"{parts[0]}-{parts[1].zfill(2)}-{parts[2].zfill(2)}" if parts[0] else f"--{parts[1]}-{parts[2]}"
            given["birthday"] = [day]
    for f in filled:
        if not given.get(f.key) or current[f.key] is not None:
            continue
        raw = given[f.key][0] if f.key != "notes" else "\n".join(given[f.key])
        try:
            fill[f.key] = check_value(f, _iso_day(raw) if f.kind == "day" else raw, what=f.key)
        except BadInput as exc:
            warnings.append({"line": line, "reason": exc.message})
    flags = {w.strip().lower() for v in rec.get("flags", []) for w in re.split(r"[;,]", v) if w.strip()}
    for word in sorted(flags - set(FLAG_WORDS)):
        warnings.append({"line": line, "reason": f"not a flag, ignored: {word}"})
    for word in flags & set(FLAG_WORDS):
        if not conn.execute(f"SELECT {FLAG_WORDS[word]} FROM person WHERE id = ?", (pid,)).fetchone()[0]:
            fill[FLAG_WORDS[word]] = True
    set_fields(conn, pid, {k: v for k, v in fill.items() if v is not None}, stamp=stamp)
    refused: list[str] = []
    lists = {
        f.key: [x for v in rec.get(_LIST_CELLS[f.key][0], []) for x in cell_values(v, _LIST_CELLS[f.key][1])]
        for f in LISTS
        if f.key != "emails"
    }
    changed = add_lists(conn, pid, emails=emails, refused=refused, **lists)
    warnings += [{"line": line, "reason": r} for r in refused]
    return pid, new, bool(fill) or changed


def list_cell(values: list[str], sep: str) -> str:
    """A list as one cell: the values joined by `sep` and a space, or, when a value holds a separator or
    could be read as something else, a JSON array (import csv reads both)."""
    if any(ch in v for v in values for ch in ";,|[\n\r") or any(v != v.strip() for v in values):
        return json.dumps(values, ensure_ascii=False)
    return f"{sep} ".join(values)


def cell_values(cell: str, seps: str) -> list[str]:
    """The values of a list cell: a JSON array of text (as list_cell writes one), else split at `seps`."""
    text = cell.strip()
    if text.startswith("["):
        try:
            values = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            values = None
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            return [v for v in values if v.strip()]
    return [x.strip() for x in re.split("[" + re.escape(seps) + "]", text) if x.strip()]


def _iso_day(text: str) -> str:
    """A day as address books write it (Outlook's 1/2/1970, month first; 20/01/1991 where it cannot be)."""
    m = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", text)
    if not m:
        return text
    a, b, year = int(m[1]), int(m[2]), m[3]
    month, day = (b, a) if a > 12 or "." in text else (a, b)  # 16.09.2021 is day first, as in Europe
    return f"{year}-{month:02d}-{day:02d}"


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
