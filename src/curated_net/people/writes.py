"""People: adding, editing and removing the persons in the network (the write side of the domain API)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from .. import text as tx
from ..dates import now_iso, parse_partial_date
from ..errors import BadInput, Duplicate
from ..store.database import Store
from ..store.models import Email, Highlight, Person, Phone, Tag
from .records import like_escape, resolve_id

ME = "me"
_OPTIONAL_TEXT = ("nickname", "pronouns", "company", "title", "location", "how_met", "notes")


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
    notes: str | None = None
    append_note: str | None = None
    do_not_introduce: bool | None = None
    no_recruiters: bool | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    remove_highlights: list[str] = field(default_factory=list)


# -- reading -------------------------------------------------------------------------------------


def resolve(session: Session, query: str) -> Person:
    """The person a query names (see `directory.resolve_id` for the order), as an ORM object for writing."""
    return session.get(Person, resolve_id(Store.dbapi(session), query))


# -- writing -------------------------------------------------------------------------------------


def init_me(session: Session, name: str) -> tuple[Person, str]:
    """Create me, or confirm me; return (me, "created" | "unchanged" | "renamed")."""
    name = _require_name(name)
    me = session.exec(select(Person).where(Person.is_me == True)).first()  # noqa: E712
    if me is None:
        me = _new_person(name, handle=ME, is_me=True)
        session.add(me)
        session.flush()
        return me, "created"
    if me.name == name:
        return me, "unchanged"
    _set_name(me, name)
    me.updated_at = now_iso()
    session.add(me)
    session.flush()
    return me, "renamed"


def add_person(session: Session, name: str, changes: PersonChanges, *, force: bool = False) -> Person:
    """Add a person; refuse a likely duplicate unless `force`."""
    name = _require_name(name)
    person = _new_person(name)
    _apply(person, changes)
    if not force:
        _check_duplicates(session, person, exclude_id=None)
    stem = tx.check_handle(changes.handle) if changes.handle else tx.slugify(name)
    if changes.handle:
        if _handle_taken(session, stem):
            raise BadInput(f"handle '{stem}' is taken (or was used before; handles are never reused)")
        person.handle = stem
    else:
        person.handle = allocate_handle(session, stem)
    session.add(person)
    session.flush()
    return person


def edit_person(session: Session, person: Person, changes: PersonChanges, *, force: bool = False) -> Person:
    """Apply changes to a person; the handle stays as it is."""
    if changes.handle:
        raise BadInput("a handle cannot be changed: handles are stable so scripts and notes keep working")
    if changes.name is not None:
        _set_name(person, _require_name(changes.name))
    _apply(person, changes)
    if not force:
        _check_duplicates(session, person, exclude_id=person.id)
    person.updated_at = now_iso()
    session.add(person)
    session.flush()
    return person


def remove_person(session: Session, person: Person) -> None:
    """Delete a person and every tie and record that is theirs; their handle stays retired."""
    if person.is_me:
        raise BadInput("me cannot be removed; use another database to start afresh")
    session.delete(person)
    session.flush()


def allocate_handle(session: Session, stem: str) -> str:
    """Return the first free handle for a stem: `ann-lee`, then `ann-lee-2`, … (never one used before)."""
    conn = Store.dbapi(session)
    taken = {
        r[0]
        for r in conn.execute(
            "SELECT handle FROM handle_registry WHERE handle = ? OR handle LIKE ? ESCAPE '\\'",
            (stem, like_escape(stem) + "-%"),
        )
    }
    taken |= tx.RESERVED_HANDLES
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def _handle_taken(session: Session, handle: str) -> bool:
    if handle in tx.RESERVED_HANDLES:
        return True
    conn = Store.dbapi(session)
    return conn.execute("SELECT 1 FROM handle_registry WHERE handle = ?", (handle,)).fetchone() is not None


def _new_person(name: str, **fields) -> Person:
    stamp = now_iso()
    person = Person(
        handle=fields.pop("handle", ""),
        name=name,
        name_key="",
        name_fold="",
        created_at=stamp,
        updated_at=stamp,
        **fields,
    )
    _set_name(person, name)
    person.emails, person.phones, person.tags, person.highlights = [], [], [], []
    return person


def _require_name(name: str | None) -> str:
    n = tx.clean_input(name or "")
    if not n:
        raise BadInput("name: a person needs a name that is not blank")
    if len(n) > 500:
        raise BadInput(f"name: {len(n)} characters is too long for a name (500 at most)")
    return n


def _set_name(person: Person, name: str) -> None:
    person.name = name
    person.name_key = tx.name_key(name)
    person.name_fold = tx.name_fold(name)


def _apply(person: Person, c: PersonChanges) -> None:
    for attr in _OPTIONAL_TEXT:
        value = getattr(c, attr)
        if value is not None:
            setattr(person, attr, tx.clean_input(value) or None)
    if c.append_note:
        note = tx.clean_input(c.append_note)
        person.notes = f"{person.notes}\n\n{note}" if person.notes else note
    if c.met_on is not None:
        person.met_on = parse_partial_date(c.met_on, field="--met-on").iso() if c.met_on.strip() else None
    if c.linkedin is not None:
        person.linkedin = tx.normalise_linkedin(c.linkedin) if c.linkedin.strip() else None
    if c.do_not_introduce is not None:
        person.do_not_introduce = c.do_not_introduce
    if c.no_recruiters is not None:
        person.no_recruiters = c.no_recruiters

    for raw in c.remove_emails:
        key = tx.email_key(tx.normalise_email(raw))
        kept = [e for e in person.emails if e.address_key != key]
        if len(kept) == len(person.emails):
            raise BadInput(f"--remove-email: {person.name} has no e-mail '{raw}'")
        person.emails = kept
    for raw in c.emails:
        addr = tx.normalise_email(raw)
        if all(e.address_key != tx.email_key(addr) for e in person.emails):
            person.emails.append(Email(address=addr, address_key=tx.email_key(addr), position=len(person.emails)))

    for raw in c.remove_phones:
        num = tx.clean_input(raw)
        kept = [p for p in person.phones if p.number != num]
        if len(kept) == len(person.phones):
            raise BadInput(f"--remove-phone: {person.name} has no phone '{raw}'")
        person.phones = kept
    for raw in c.phones:
        num = _check_phone(raw)
        if all(p.number != num for p in person.phones):
            person.phones.append(Phone(number=num, position=len(person.phones)))

    for raw in c.remove_tags:
        key = tx.name_key(raw)
        kept = [t for t in person.tags if t.name_key != key]
        if len(kept) == len(person.tags):
            raise BadInput(f"--untag: {person.name} has no tag '{raw}'")
        person.tags = kept
    for raw in c.tags:
        name = tx.clean_input(raw)
        if not name:
            raise BadInput("--tag: a tag cannot be blank")
        if all(t.name_key != tx.name_key(name) for t in person.tags):
            person.tags.append(Tag(name=name, name_key=tx.name_key(name)))

    for raw in c.remove_highlights:
        person.highlights = _without_highlight(person, raw)
    for raw in c.highlights:
        text = tx.clean_input(raw)
        if not text:
            raise BadInput("--highlight: a highlight cannot be blank")
        person.highlights.append(Highlight(text=text, position=len(person.highlights)))
    for i, h in enumerate(person.highlights):
        h.position = i


def _without_highlight(person: Person, ref: str) -> list[Highlight]:
    ref = tx.clean_input(ref)
    if ref.isdigit():
        i = int(ref)
        if not 1 <= i <= len(person.highlights):
            raise BadInput(
                f"--remove-highlight: {person.name} has {len(person.highlights)} highlight(s); there is no number {i}"
            )
        return [h for j, h in enumerate(person.highlights, 1) if j != i]
    kept = [h for h in person.highlights if h.text != ref]
    if len(kept) == len(person.highlights):
        raise BadInput(f"--remove-highlight: {person.name} has no highlight '{ref}' (give its text or number)")
    return kept


def _check_phone(raw: str) -> str:
    num = tx.clean_input(raw)
    digits = [ch for ch in num if ch.isdigit()]
    if len(digits) < 3 or any(not (ch.isdigit() or ch in " +-().x/") for ch in num):
        raise BadInput(f"--phone: '{raw}' is not a phone number")
    return num


def _check_duplicates(session: Session, person: Person, *, exclude_id: int | None) -> None:
    reasons: dict[int, tuple[Person, list[str]]] = {}

    def note(p: Person, why: str) -> None:
        if p.id != exclude_id and not p.is_me:
            reasons.setdefault(p.id, (p, []))[1].append(why)

    keys = [e.address_key for e in person.emails]
    if keys:
        for p, addr in session.exec(select(Person, Email.address).join(Email).where(Email.address_key.in_(keys))).all():
            note(p, f"same e-mail {addr}")
    if person.linkedin:
        for p in session.exec(select(Person).where(Person.linkedin == person.linkedin)).all():
            note(p, "same LinkedIn URL")
    if person.name_fold:
        for p in session.exec(select(Person).where(Person.name_fold == person.name_fold)).all():
            note(p, "same name")
    if reasons:
        existing = [(p.handle, f"{p.name} ({'; '.join(why)})") for p, why in reasons.values()]
        raise Duplicate(
            f"{person.name} looks like someone already here",
            existing=existing,
            hint="Use --force to add them anyway, or update the existing person with: cnet edit HANDLE ...",
        )
