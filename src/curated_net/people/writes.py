"""The one place people are written: a person, their e-mails, phones, tags and highlights.

Every path that creates or changes a person — `add`/`edit`, every importer, a request from a
stranger, bulk links, merge and restore — goes through these functions, so each rule (what a
name, a phone or an e-mail may be, handles never reused, duplicates refused, the search index
kept) is applied once, here. They work inside the caller's write transaction on a plain
sqlite3 connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from .. import text as tx
from ..archive import attribute
from ..dates import now_iso, parse_day_to_remember, parse_partial_date
from ..errors import BadInput, Duplicate, NotFound
from . import affiliations
from .fields import BY_KEY, DRAFTED, FLAGS, LIST_TABLES, LISTS, SCALAR_KEYS, SCALARS, Field
from .records import like_escape

ME = "me"
NAME_MAX = 500
TEXT_MAX = 1_000_000  # a field of free text: notes may hold a pasted letter, not a book
_PHONE_CHARS = frozenset("0123456789 +-().x/")


@dataclass
class PersonChanges:
    """What the user asked to set or change. None leaves a field alone; "" clears it."""

    name: str | None = None
    handle: str | None = None
    nickname: str | None = None
    pronouns: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    linkedin: str | None = None
    how_met: str | None = None
    met_on: str | None = None
    birthday: str | None = None
    anniversary: str | None = None
    notes: str | None = None
    append_note: str | None = None
    do_not_introduce: bool | None = None
    no_recruiters: bool | None = None
    team_private: bool | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    remove_highlights: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)  # "Acme Corp 2016-2019" (people/affiliations.py)
    schools: list[str] = field(default_factory=list)
    remove_employers: list[str] = field(default_factory=list)
    remove_schools: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A caller of the Python API passing one text for a list would otherwise be read letter by letter.
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "list[str]":
                if isinstance(value, str) or not isinstance(value, list | tuple):
                    raise BadInput(f"{f.name}: expected a list of text, found {type(value).__name__} ({value!r:.60})")
                if not all(isinstance(v, str) for v in value):
                    raise BadInput(f"{f.name}: every value must be text")
                setattr(self, f.name, list(value))
            elif value is not None and not isinstance(value, bool if "bool" in str(f.type) else str):
                raise BadInput(
                    f"{f.name}: expected {'true or false' if 'bool' in str(f.type) else 'text'}, found {type(value).__name__}"
                )


# -- the rules for each value ----------------------------------------------------------------------


def check_name(name: str | None, *, what: str = "name") -> str:
    """A person's name as stored: trimmed, NFC, not blank, at most 500 characters, on one line."""
    n = tx.clean_input(name or "")
    if not n:
        raise BadInput(f"{what}: a person needs a name that is not blank")
    if len(n) > NAME_MAX:
        raise BadInput(f"{what}: {len(n)} characters is too long for a name ({NAME_MAX} at most)")
    if tx.has_control(n):
        raise BadInput(f"{what}: '{tx.printable(n)}' holds a line break or control character; a name is one line")
    return n


def check_text(value: str | None, *, what: str, one_line: bool = False) -> str | None:
    """Free text as stored: trimmed and NFC, line ends as LF (`one_line` fields keep a CR as given); '' means
    none. Control characters are kept (every output escapes them); what cannot be stored is refused."""
    if value is None:
        return None
    t = tx.clean_input(value)
    if not one_line and "\r" in t:
        t = t.replace("\r\n", "\n").replace("\r", "\n")
    if len(t) > TEXT_MAX:
        raise BadInput(f"{what}: {len(t)} characters is too long ({TEXT_MAX} at most)")
    if "\x00" in t or tx.has_surrogates(t):
        raise BadInput(f"{what}: '{tx.printable(t)}' is not text (a NUL, or bytes that are not UTF-8)")
    return t or None


def plain_values(values: list[str], *, longest: int = TEXT_MAX) -> bool:
    """Whether check_text, check_name and check_normalised_email would each leave every one of these
    trimmed values as it is: ASCII, no control character, none longer than `longest`. One
    pass in C over the lot lets a bulk path skip those checks for a column of a million values."""
    joined = "".join(values)
    return joined.isascii() and not tx.has_control(joined) and max(map(len, values), default=0) <= longest


def check_phone(raw: str, *, what: str = "--phone") -> str:
    """A phone number as stored: digits and the usual punctuation, at least three digits."""
    num = tx.clean_input(raw)
    digits = sum(ch.isdigit() for ch in num)
    if digits < 3 or len(num) > 64 or not set(num) <= _PHONE_CHARS:
        raise BadInput(f"{what}: '{tx.printable(raw)}' is not a phone number")
    return num


def check_email(raw: str, *, what: str = "--email") -> str:
    """An e-mail address in its stored form (the domain lower-cased)."""
    try:
        addr = tx.normalise_email(raw)
    except BadInput as exc:
        raise BadInput(f"{what}: {exc.message}") from None
    return check_normalised_email(addr, what=what)


def check_normalised_email(addr: str, *, what: str = "--email") -> str:
    """The rest of check_email, for an address already in tx.normalise_email's form."""
    if len(addr) > 320 or tx.has_control(addr, allow_newlines=False):
        raise BadInput(f"{what}: '{tx.printable(addr)}' is not an address")
    return addr


def check_tag(raw: str, *, what: str = "--tag") -> str:
    t = tx.clean_input(raw)
    if not t:
        raise BadInput(f"{what}: a tag cannot be blank")
    if len(t) > 200 or tx.has_control(t):
        raise BadInput(f"{what}: '{tx.printable(t)}' is not a tag (one line, 200 characters at most)")
    return t


def check_highlight(raw: str, *, what: str = "--highlight") -> str:
    t = check_text(raw, what=what, one_line=True)
    if not t:
        raise BadInput(f"{what}: a highlight cannot be blank")
    return t


def check_linkedin(raw: str, *, what: str = "--linkedin") -> str:
    try:
        return tx.normalise_linkedin(raw)
    except BadInput as exc:
        raise BadInput(f"{what}: {exc.message}") from None


def check_value(f: Field, raw: object, *, what: str | None = None, allow_future: bool = False) -> object:
    """A value of a declared field as it is stored, by the field's rule ('' and None clear a scalar);
    BadInput names `what` (the option or place it came from) and why not."""
    what = what or f.option or f"--{f.key.replace('_', '-')}"  # the option a person typed: --phone, not --phones
    if f.kind == "flag":
        if not isinstance(raw, bool | int):
            raise BadInput(f"{what}: expected true or false")
        return bool(raw)
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise BadInput(f"{what}: expected text, found {type(raw).__name__}")
    if f.kind == "name":
        return check_name(raw, what=what)
    if f.kind in ("line", "text"):
        return check_text(raw, what=what, one_line=f.kind == "line")
    if f.kind == "email":
        return check_email(raw, what=what)
    if f.kind == "phone":
        return check_phone(raw, what=what)
    if f.kind == "tag":
        return check_tag(raw, what=what)
    if f.kind == "highlight":
        return check_highlight(raw, what=what)
    if f.kind == "affiliation":
        return affiliations.text(*affiliations.parse(raw, what=what))
    if not raw.strip():
        return None
    if f.kind == "date":
        return parse_partial_date(raw, field=what, allow_future=allow_future).iso()
    if f.kind == "day":
        return parse_day_to_remember(raw, field=what)
    if f.kind == "url":
        return check_linkedin(raw, what=what)
    raise AssertionError(f"no rule for the kind {f.kind}")


_LIST_KEYS = {
    "emails": lambda raw: tx.email_key(tx.clean_input(raw).removeprefix("mailto:")),
    "phones": tx.clean_input,
    "tags": tx.name_key,
    "highlights": lambda raw: raw,
}


# -- handles ---------------------------------------------------------------------------------------


def allocate_handle(conn: sqlite3.Connection, stem: str) -> str:
    """Return the first free handle for a stem: `ann-lee`, then `ann-lee-2`, … (never one used before)."""
    taken = {
        r[0]
        for r in conn.execute(
            "SELECT handle FROM handle_registry WHERE handle = ? OR handle LIKE ? ESCAPE '\\'",
            (stem, like_escape(stem) + "-%"),
        )
    }
    return tx.claim_handle(stem, taken)


def handle_registry(conn: sqlite3.Connection) -> set[str]:
    """Every handle ever issued, for bulk paths that claim many handles in memory."""
    return {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}


def keep_retired_handles(conn: sqlite3.Connection, handles: Iterable[str]) -> None:
    """Register handles no one holds any more (a restore's), so they are never issued again."""
    conn.executemany(
        "INSERT OR IGNORE INTO handle_registry (handle, issued_at) VALUES (?, '')", ((h,) for h in handles)
    )


def _handle_taken(conn: sqlite3.Connection, handle: str) -> bool:
    if handle in tx.RESERVED_HANDLES:
        return True
    return conn.execute("SELECT 1 FROM handle_registry WHERE handle = ?", (handle,)).fetchone() is not None


# -- one person ------------------------------------------------------------------------------------

PERSON_COLUMNS = "handle, name, name_key, name_fold, company, title, linkedin, created_at, updated_at"
_SCALARS = SCALAR_KEYS


def person_values(
    handle: str,
    name: str,
    stamp: str,
    *,
    company: str | None,
    title: str | None,
    url: str | None,
    forms: tuple[str, str, str] | None = None,
) -> tuple:
    """The values of PERSON_COLUMNS for a checked name; `forms` are its tx.name_forms when worked out."""
    key, fold = forms[:2] if forms else (tx.name_key(name), tx.name_fold(name))
    return (handle, name, key, fold, company or None, title or None, url, stamp, stamp)


def insert_people(conn: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Insert people whose ids, names and handles are already checked: rows of (id, *person_values(...))."""
    rows = list(rows)
    conn.executemany(f"INSERT INTO person (id, {PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    _addresses_changed(conn, [r[0] for r in rows if r[7]])


def _addresses_changed(conn: sqlite3.Connection, pids: Iterable[int], *, taken: bool = False) -> None:
    """These people have new addresses (e-mails, a LinkedIn profile): what the archives kept for them becomes
    their interactions; `taken`: some were taken away, and what came only through those goes."""
    attribute(conn, pids, prune=taken)


def create_person(
    conn: sqlite3.Connection,
    name: str,
    *,
    company: str | None = None,
    title: str | None = None,
    linkedin: str | None = None,
    stem: str | None = None,
    stamp: str | None = None,
    registry: set[str] | None = None,
    what: str = "name",
) -> tuple[int, str]:
    """Create a person met in a file or a request (no duplicate check: the caller matched identity first);
    return their id and handle.

    The handle is claimed from `stem` when given (a handle a file carried), else from the name;
    `registry` is the set of every handle issued, for callers that create many.
    """
    name = check_name(name, what=what)
    company = check_text(company, what="company", one_line=True)
    title = check_text(title, what="title", one_line=True)
    stem = stem or tx.slugify(name)
    handle = tx.claim_handle(stem, registry) if registry is not None else allocate_handle(conn, stem)
    stamp = stamp or now_iso()
    cur = conn.execute(
        f"INSERT INTO person ({PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        person_values(handle, name, stamp, company=company, title=title, url=linkedin),
    )
    assert cur.lastrowid is not None
    if linkedin:
        _addresses_changed(conn, [cur.lastrowid])
    return cur.lastrowid, handle


def init_me(conn: sqlite3.Connection, name: str) -> tuple[int, str]:
    """Create me, or confirm me; return (my id, "created" | "unchanged" | "renamed")."""
    name = check_name(name, what="--name")
    row = conn.execute("SELECT id, name FROM person WHERE is_me = 1").fetchone()
    if row is None:
        stamp = now_iso()
        cur = conn.execute(
            f"INSERT INTO person ({PERSON_COLUMNS}, is_me) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            person_values(ME, name, stamp, company=None, title=None, url=None),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid, "created"
    if row[1] == name:
        return row[0], "unchanged"
    conn.execute(
        "UPDATE person SET name = ?, name_key = ?, name_fold = ?, updated_at = ? WHERE id = ?",
        (name, tx.name_key(name), tx.name_fold(name), now_iso(), row[0]),
    )
    return row[0], "renamed"


@dataclass
class _Draft:
    """A person's fields and lists in memory while changes are applied to them."""

    values: dict
    emails: list[str]
    phones: list[str]
    tags: list[str]
    highlights: list[str]


def _load(conn: sqlite3.Connection, pid: int) -> _Draft:
    row = conn.execute(f"SELECT {', '.join(_SCALARS)}, is_me FROM person WHERE id = ?", (pid,)).fetchone()
    if row is None:
        raise NotFound(f"no person with id {pid}")
    values = dict(zip((*_SCALARS, "is_me"), row, strict=True))
    lists = {
        f.key: [
            r[0]
            for r in conn.execute(
                f"SELECT {LIST_TABLES[f.key][1]} FROM {LIST_TABLES[f.key][0]} WHERE person_id = ? "
                f"ORDER BY {LIST_TABLES[f.key][2]}",
                (pid,),
            )
        ]
        for f in DRAFTED
    }
    return _Draft(values, lists["emails"], lists["phones"], lists["tags"], lists["highlights"])


def _apply(d: _Draft, c: PersonChanges) -> None:
    """Apply changes to a person in memory, checking every value by its field's rule; nothing is written here."""
    v = d.values
    who = v["name"]
    for f in SCALARS:
        value = getattr(c, f.key)
        if value is not None and f.key != "name":
            v[f.key] = check_value(f, value)
    if c.append_note:
        note = check_text(c.append_note, what="--append-note")
        if note:
            v["notes"] = f"{v['notes']}\n\n{note}" if v["notes"] else note
    for f in DRAFTED:
        if f.key == "highlights":
            continue
        option = {"emails": "--remove-email", "phones": "--remove-phone", "tags": "--untag"}[f.key]
        values = _edited(
            getattr(d, f.key),
            getattr(c, "remove_" + f.key),
            getattr(c, f.key),
            lambda raw, f=f: check_value(f, raw),
            _LIST_KEYS[f.key],
            who,
            option,
            {"emails": "e-mail", "phones": "phone", "tags": "tag"}[f.key],
        )
        setattr(d, f.key, values)
    for raw in c.remove_highlights:
        d.highlights = _without_highlight(who, d.highlights, raw)
    for raw in c.highlights:
        d.highlights.append(check_highlight(raw))


def _email_key(raw: str) -> str:
    return tx.email_key(tx.clean_input(raw).removeprefix("mailto:"))


def _edited(values, removes, adds, check, key, who: str, option: str, what: str) -> list[str]:
    """A list of values after removing some (each must be there) and adding others (checked, kept once by
    `key`: e-mails by their comparable form, tags ignoring case)."""
    out = list(values)
    for raw in removes:
        kept = [v for v in out if key(v) != key(raw)]
        if len(kept) == len(out):
            raise BadInput(f"{option}: {who} has no {what} '{tx.printable(raw)}'")
        out = kept
    for raw in adds:
        value = check(raw)
        if all(key(v) != key(value) for v in out):
            out.append(value)
    return out


def _without_highlight(who: str, highlights: list[str], ref: str) -> list[str]:
    ref = tx.clean_input(ref)
    if ref.isdigit():
        i = int(ref) if len(ref) < 10 else 0
        if not 1 <= i <= len(highlights):
            raise BadInput(
                f"--remove-highlight: {who} has {tx.counted(len(highlights), 'highlight')}; there is no number {ref}"
            )
        return [h for j, h in enumerate(highlights, 1) if j != i]
    kept = [h for h in highlights if h != ref]
    if len(kept) == len(highlights):
        raise BadInput(f"--remove-highlight: {who} has no highlight '{tx.printable(ref)}' (give its text or number)")
    return kept


def _check_duplicates(conn: sqlite3.Connection, d: _Draft, *, exclude_id: int | None) -> None:
    reasons: dict[int, tuple[str, str, list[str]]] = {}

    def note(rows, why) -> None:
        for pid, handle, name, *rest in rows:
            if pid != exclude_id:
                reasons.setdefault(pid, (handle, name, []))[2].append(why(*rest) if callable(why) else why)

    keys = sorted({tx.email_key(e) for e in d.emails})
    if keys:
        import json

        note(
            conn.execute(
                "SELECT p.id, p.handle, p.name, e.address FROM email e JOIN person p ON p.id = e.person_id "
                "WHERE p.is_me = 0 AND e.address_key IN (SELECT value FROM json_each(?)) ORDER BY e.id",
                (json.dumps(keys),),
            ),
            lambda addr: f"same e-mail {addr}",
        )
    if d.values["linkedin"]:
        note(
            conn.execute(
                "SELECT id, handle, name FROM person WHERE is_me = 0 AND linkedin = ?", (d.values["linkedin"],)
            ),
            "same LinkedIn URL",
        )
    fold = tx.name_fold(d.values["name"])
    if fold:
        note(
            conn.execute("SELECT id, handle, name FROM person WHERE is_me = 0 AND name_fold = ?", (fold,)), "same name"
        )
    if reasons:
        existing = [(h, f"{n} ({'; '.join(why)})") for h, n, why in reasons.values()]
        raise Duplicate(
            f"{d.values['name']} looks like someone already here",
            existing=existing,
            hint="Use --force to add them anyway, or update the existing person with: cnet edit HANDLE ...",
        )


def _write(conn: sqlite3.Connection, pid: int, d: _Draft, before: _Draft | None) -> None:
    """Write a person's fields and whichever of their lists changed."""
    v = d.values
    sets = {k: v[k] for k in _SCALARS if before is None or before.values[k] != v[k]}
    if "name" in sets:
        sets["name_key"], sets["name_fold"] = tx.name_key(v["name"]), tx.name_fold(v["name"])
    sets["updated_at"] = now_iso()
    conn.execute(f"UPDATE person SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?", (*sets.values(), pid))
    for f in DRAFTED:
        values = getattr(d, f.key)
        if before is None or getattr(before, f.key) != values:
            write_list(conn, pid, f.key, values)
    if before is None or before.emails != d.emails or before.values["linkedin"] != v["linkedin"]:
        _addresses_changed(conn, [pid], taken=before is not None)


def write_list(conn: sqlite3.Connection, pid: int, key: str, values: list[str]) -> None:
    """Replace one of a person's lists with checked values, in their order."""
    table = LIST_TABLES[key][0]
    conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (pid,))
    if key == "emails":
        rows: list[tuple] = [(pid, e, tx.email_key(e), i) for i, e in enumerate(values)]
        sql = "INSERT INTO email (person_id, address, address_key, position) VALUES (?, ?, ?, ?)"
    elif key == "phones":
        rows, sql = (
            [(pid, p, i) for i, p in enumerate(values)],
            "INSERT INTO phone (person_id, number, position) VALUES (?, ?, ?)",
        )
    elif key == "tags":
        rows = [(pid, t, tx.name_key(t)) for t in values]
        sql = "INSERT OR IGNORE INTO tag (person_id, name, name_key) VALUES (?, ?, ?)"
    else:
        rows = [(pid, h, i) for i, h in enumerate(values)]
        sql = "INSERT INTO highlight (person_id, text, position) VALUES (?, ?, ?)"
    conn.executemany(sql, rows)


def add_person(conn: sqlite3.Connection, name: str, changes: PersonChanges, *, force: bool = False) -> int:
    """Add a person; refuse a likely duplicate unless `force`. Return the new id."""
    values = dict.fromkeys(_SCALARS)
    values.update({f.key: False for f in FLAGS}, name=check_name(name), is_me=False)
    d = _Draft(values, [], [], [], [])
    _apply(d, changes)
    if not force:
        _check_duplicates(conn, d, exclude_id=None)
    if changes.handle:
        handle = tx.check_handle(changes.handle)
        if _handle_taken(conn, handle):
            raise BadInput(f"handle '{handle}' is taken (or was used before; handles are never reused)")
    else:
        handle = allocate_handle(conn, tx.slugify(d.values["name"]))
    stamp = now_iso()
    cur = conn.execute(
        f"INSERT INTO person ({PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        person_values(handle, d.values["name"], stamp, company=None, title=None, url=None),
    )
    assert cur.lastrowid is not None
    _write(conn, cur.lastrowid, d, None)
    _affiliations(conn, cur.lastrowid, changes)
    return cur.lastrowid


def edit_person(conn: sqlite3.Connection, pid: int, changes: PersonChanges, *, force: bool = False) -> None:
    """Apply changes to a person; the handle stays as it is."""
    if changes.handle:
        raise BadInput("a handle cannot be changed: handles are stable so scripts and notes keep working")
    before = _load(conn, pid)
    d = _Draft(
        dict(before.values), list(before.emails), list(before.phones), list(before.tags), list(before.highlights)
    )
    if changes.name is not None:
        d.values["name"] = check_name(changes.name, what="--name")
    _apply(d, changes)
    if not force and not d.values["is_me"]:
        _check_duplicates(conn, d, exclude_id=pid)
    _write(conn, pid, d, before)
    _affiliations(conn, pid, changes)


def _affiliations(conn: sqlite3.Connection, pid: int, c: PersonChanges) -> None:
    if c.employers or c.schools or c.remove_employers or c.remove_schools:
        affiliations.apply(
            conn,
            pid,
            employers=c.employers,
            schools=c.schools,
            remove_employers=c.remove_employers,
            remove_schools=c.remove_schools,
        )


def clear_people(conn: sqlite3.Connection) -> None:
    """Start a restore from no one: the database it restores into is new (only the owner its creation made,
    whom the export holds too); everything that is someone's goes with them."""
    conn.execute("DELETE FROM person")


def remove_person(conn: sqlite3.Connection, pid: int) -> None:
    """Delete a person and every tie and record that is theirs; their handle stays retired."""
    row = conn.execute("SELECT is_me FROM person WHERE id = ?", (pid,)).fetchone()
    if row is None:
        raise NotFound(f"no person with id {pid}")
    if row[0]:
        raise BadInput("me cannot be removed; use another database to start afresh")
    conn.execute("DELETE FROM person WHERE id = ?", (pid,))


# -- list values, one at a time (importers, merge) ---------------------------------------------------


def add_email(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "e-mail") -> bool:
    """Give a person an e-mail address unless they have it (any case); return whether it was added."""
    addr = check_email(raw, what=what)
    key = tx.email_key(addr)
    # One statement: the address is added (last in the person's order) only if no case of it is there.
    added = (
        conn.execute(
            "INSERT INTO email (person_id, address, address_key, position) "
            "SELECT ?, ?, ?, (SELECT count(*) FROM email WHERE person_id = ?) "
            "WHERE NOT EXISTS (SELECT 1 FROM email WHERE person_id = ? AND address_key = ?)",
            (pid, addr, key, pid, pid, key),
        ).rowcount
        > 0
    )
    if added:
        _addresses_changed(conn, [pid])
    return added


def insert_emails(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, int]]) -> None:
    """add_email's batched form, for people created by the same import (they have no address yet): rows of
    (person id, address check_email has passed, position), each person's addresses distinct in any case."""
    rows = list(rows)
    conn.executemany(
        "INSERT INTO email (person_id, address, address_key, position) VALUES (?, ?, ?, ?)",
        ((pid, addr, tx.email_key(addr), position) for pid, addr, position in rows),
    )
    _addresses_changed(conn, {pid for pid, _a, _p in rows})


def insert_phones(conn: sqlite3.Connection, rows: Iterable[tuple[int, str, int]]) -> None:
    """add_phone's batched form, as insert_emails: rows of (person id, number check_phone has passed, position)."""
    conn.executemany("INSERT INTO phone (person_id, number, position) VALUES (?, ?, ?)", rows)


def add_phone(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "phone") -> bool:
    num = check_phone(raw, what=what)
    return (
        conn.execute(
            "INSERT INTO phone (person_id, number, position) SELECT ?, ?, (SELECT count(*) FROM phone WHERE person_id = ?) "
            "WHERE NOT EXISTS (SELECT 1 FROM phone WHERE person_id = ? AND number = ?)",
            (pid, num, pid, pid, num),
        ).rowcount
        > 0
    )


def add_tag(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "tag") -> bool:
    tag = check_tag(raw, what=what)
    cur = conn.execute(
        "INSERT OR IGNORE INTO tag (person_id, name, name_key) VALUES (?, ?, ?)", (pid, tag, tx.name_key(tag))
    )
    return cur.rowcount > 0


def add_highlight(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "highlight") -> bool:
    text = check_highlight(raw, what=what)
    if conn.execute("SELECT 1 FROM highlight WHERE person_id = ? AND text = ?", (pid, text)).fetchone():
        return False
    conn.execute(
        "INSERT INTO highlight (person_id, text, position) "
        "VALUES (?, ?, (SELECT count(*) FROM highlight WHERE person_id = ?))",
        (pid, text, pid),
    )
    return True


def add_employer(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "--employer") -> bool:
    """Give a person an employer ("Acme Corp 2016-2019") unless they have it (same place and start)."""
    return affiliations.add(conn, pid, "employer", *affiliations.parse(raw, what=what))


def add_school(conn: sqlite3.Connection, pid: int, raw: str, *, what: str = "--school") -> bool:
    return affiliations.add(conn, pid, "school", *affiliations.parse(raw, what=what))


# The writer of one value of each declared list (importers, merge, restore).
ADD_ONE = {
    "emails": add_email,
    "phones": add_phone,
    "tags": add_tag,
    "highlights": add_highlight,
    "employers": add_employer,
    "schools": add_school,
}


def check_fields(values: dict[str, object]) -> dict[str, object]:
    """Scalar fields of a person as set_fields would store them, each by its declared rule; BadInput names
    the one that cannot be."""
    unknown = set(values) - set(_SCALARS)
    if unknown:
        raise ValueError(f"not person fields: {sorted(unknown)}")
    return {k: check_value(BY_KEY[k], v, what=k.replace("_", "-"), allow_future=True) for k, v in values.items()}


def set_fields(conn: sqlite3.Connection, pid: int, values: dict[str, object], *, stamp: str | None = None) -> None:
    """Write checked scalar fields of a person (importers and merge); the name keeps its keys in step."""
    if not values:
        return
    sets = check_fields(values)
    if "name" in sets:
        sets["name_key"], sets["name_fold"] = tx.name_key(sets["name"]), tx.name_fold(sets["name"])
    sets["updated_at"] = stamp or now_iso()
    conn.execute(f"UPDATE person SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?", (*sets.values(), pid))
    if "linkedin" in sets:
        _addresses_changed(conn, [pid], taken=True)


def touch_person(conn: sqlite3.Connection, pid: int, stamp: str | None = None) -> None:
    """Say a person changed (an import added to their lists or kept properties) without changing a field."""
    conn.execute("UPDATE person SET updated_at = ? WHERE id = ?", (stamp or now_iso(), pid))


def add_lists(conn: sqlite3.Connection, pid: int, *, refused: list[str] | None = None, **lists: Iterable[str]) -> bool:
    """Add the values a person does not have yet, each list by its declared key (emails=, employers=...) and
    each value through its own rule; a value the rule refuses is left out and its message added to `refused`
    (importers report it) — without `refused`, it raises."""
    unknown = set(lists) - set(ADD_ONE)
    if unknown:
        raise ValueError(f"not person lists: {sorted(unknown)}")
    changed = False
    for f in LISTS:
        add = ADD_ONE[f.key]
        for value in lists.get(f.key, ()):
            try:
                changed |= add(conn, pid, value)
            except BadInput as exc:
                if refused is None:
                    raise
                refused.append(exc.message)
    return changed


# -- a person restored from an export ----------------------------------------------------------------


def _string(value: object, what: str, *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise BadInput(f"{what}: expected text, found {type(value).__name__}")
    return value


def _strings(value: object, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{what}: expected a list of text")
    return value


def restore_person(conn: sqlite3.Connection, p: object, *, what: str) -> tuple[int, list[str]]:
    """Write a person as an export holds them (handle, dates and flags kept), through the rules of every other
    path. A list value the rules no longer accept is kept in the notes; return (id, those values)."""
    if not isinstance(p, dict):
        raise BadInput(f"{what}: expected an object")
    is_me = p.get("is_me", False)
    if not isinstance(is_me, bool):
        raise BadInput(f"{what}.is_me: expected true or false")
    handle = _string(p.get("handle"), f"{what}.handle", optional=False) or ""
    if not (is_me and handle == ME):
        tx.check_handle(handle)
        if _handle_taken(conn, handle):
            raise BadInput(f"{what}.handle: '{handle}' appears twice in the export")
    flags = p.get("flags") or {}
    if not isinstance(flags, dict) or not all(isinstance(flags.get(f.key, False), bool) for f in FLAGS):
        raise BadInput(f"{what}.flags: expected {' and '.join(f.key for f in FLAGS)} as true or false")
    values: dict[str, object] = {}
    for f in SCALARS:
        raw = flags.get(f.key, False) if f.kind == "flag" else p.get(f.key)
        if f.kind == "name":
            raw = _string(raw, f"{what}.{f.key}", optional=False)
        values[f.key] = check_value(f, raw, what=f"{what}.{f.key}", allow_future=True)
    created = _string(p.get("created_at"), f"{what}.created_at", optional=False)
    updated = _string(p.get("updated_at"), f"{what}.updated_at", optional=False)
    name = str(values["name"])
    columns = ("handle", "name_key", "name_fold", *_SCALARS, "is_me", "created_at", "updated_at")
    cur = conn.execute(
        f"INSERT INTO person ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (handle, tx.name_key(name), tx.name_fold(name), *values.values(), int(is_me), created, updated),
    )
    assert cur.lastrowid is not None
    pid = cur.lastrowid
    if values["linkedin"]:
        _addresses_changed(conn, [pid])
    refused: list[str] = []
    for f in LISTS:
        add = ADD_ONE[f.key]
        for value in _strings(p.get(f.key), f"{what}.{f.key}"):
            try:
                add(conn, pid, value, what=f"{what}.{f.key}")
            except BadInput:
                refused.append(f"{f.key[:-1]} '{value}'")
    if refused:
        note = "Restored from an export, not accepted as a value today: " + "; ".join(refused) + "."
        conn.execute(
            "UPDATE person SET notes = CASE WHEN notes IS NULL THEN ? ELSE notes || char(10) || char(10) || ? END "
            "WHERE id = ?",
            (note, note, pid),
        )
    return pid, refused
