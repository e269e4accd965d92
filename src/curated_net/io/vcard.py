"""vCard 2.1, 3.0 and 4.0 in and out, without loss.

vobject reads every property line and writes every card. Before it, a tolerant reader turns what
real address books write into lines vobject accepts: `\\r\\r\\n` and bare `\\r` line ends, 2.1
quoted-printable soft breaks, 2.1 base64 continuation lines, raw bytes in the declared CHARSET,
UTF-16 files, and junk lines (reported with their numbers, then ignored).

A card is a person (never a connection: an address book says nothing of how well I know anyone).
Identity: X-CNET-HANDLE, UID, LinkedIn URL, e-mail, then name and company. Every property is kept
in `card_property`, so an export writes back what cnet does not model (photos, addresses, birthdays,
`item1.` groups, ALTID, RELATED, X- properties); a property that fed a cnet field is written back
only while the field still holds that value, so the user's edits win.
"""

from __future__ import annotations

import binascii
import functools
import json
import os
import quopri
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import text as tx
from ..dates import now_iso, parse_day_to_remember, parse_partial_date
from ..errors import BadInput
from ..network import degrees
from ..people.cardprop import BINARY, Card, Prop, escape, forget_props, keep_new_props, keep_props
from ..people.fields import FIELDS as PERSON_FIELDS
from ..people.fields import LISTS
from ..people.records import person_record, person_records
from ..people.writes import (
    PersonChanges,
    add_lists,
    check_email,
    check_phone,
    check_value,
    edit_person,
    insert_phones,
    remove_person,
    set_fields,
    touch_person,
)
from ..runtime import paused_gc
from ..store.database import Store
from .common import (
    ImportSummary,
    People,
    decode_chunk,
    decode_utf16,
    legacy_charset,
    update_field,
)
from .spool import Spool

SOURCE = "vcard"
DAY_FIELDS = tuple(f for f in PERSON_FIELDS if f.kind == "day")
VERSIONS = ("3.0", "4.0")

_PROP_START = re.compile(rb"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?[ \t]*[;:]")
_HEAD = re.compile(rb'(?:[^:"]|"[^"]*")*')
_PROP_HEAD = re.compile(b"(?=" + _PROP_START.pattern + b")" + _HEAD.pattern)  # both at once: a line's head


def _head(raw: bytes) -> bytes:
    """A property line's name and parameters (before the value's colon); the pattern matches any line."""
    m = _HEAD.match(raw)
    return m.group() if m else b""


_CHARSET = re.compile(rb";\s*CHARSET=([^;:]+)", re.IGNORECASE)
_B64 = re.compile(rb"[A-Za-z0-9+/=]+")
_ENCODING_B = re.compile(rb"ENCODING=B\b")
# Export metadata that describes the file rather than the person: the newest copy wins.
_CNET = "X-CNET-"
# cnet's own fields as they travel in a card: read into those fields, never kept as properties. Any other
# X-CNET- property (a newer cnet may write one) is kept like every unknown property.
# The declared lists that travel as X-CNET- properties, one value a property: highlights, employers, schools.
_CNET_LISTS = tuple(f for f in LISTS if (f.vcard[0] or "").startswith(_CNET))
_OWN = frozenset(
    {_CNET + "HANDLE", _CNET + "FLAGS"}
    | {name for f in PERSON_FIELDS for name in f.vcard if name and name.startswith(_CNET)}
)
_ALSO = _CNET + "ALSO-"
ALSO_UID = _ALSO + "UID"  # the UIDs of the cards a merged person came from, beyond the one UID a card has


# -- reading ----------------------------------------------------------------------------------------


def _physical_lines(data: bytes, one_by_one: bool):
    """(line number, line) for every line. Unless `one_by_one` is asked for, the file's usual fold (a line
    break then a space) comes already joined: a photo is a hundred lines, and joining them in C is most of
    the reading. Any other fold is left as a line of its own, for _join_lines to join."""
    if one_by_one or b"\x00" in data:
        yield from enumerate(data.splitlines(), 1)
        return
    # Each fold becomes a NUL (there is none in the file), counted to keep the line numbers.
    data = data.replace(b"\r\n " if b"\r\n" in data else b"\n ", b"\x00")
    n = 1
    for line in data.splitlines():
        folds = line.count(b"\x00")
        yield n, (line.replace(b"\x00", b"") if folds else line)
        n += folds + 1


Logical = tuple[int, bytes, "str | None", bytes]  # line number, the line, 'qp' | 'b64' | None, its head


def _logical_lines(data: bytes) -> tuple[list[Logical], list[dict]]:
    """Join physical lines into property lines (folding, QP soft breaks, 2.1 base64 runs)."""
    if b"\r\r" in data:
        data = re.sub(rb"\r+\n", b"\n", data)  # CR CR LF, as some writers end lines, is one break
    # The usual file is read with its folds joined at once; a 2.1 card (whose folds keep their whitespace)
    # or a quoted-printable value (whose soft line breaks are not folds) has it read again line by line.
    return _join_lines(data, one_by_one=False) or _join_lines(data, one_by_one=True) or ([], [])


def _join_lines(data: bytes, *, one_by_one: bool) -> tuple[list[Logical], list[dict]] | None:
    """_logical_lines from _physical_lines; None when it finds the file needs reading `one_by_one`."""
    out: list[list] = []  # [line number, bytes, kind, head] with kind 'qp', 'b64' or None
    junk: list[dict] = []
    v21 = False
    open_ = False
    for n, raw in _physical_lines(data, one_by_one):
        cur = out[-1] if out and open_ else None
        if cur is not None and cur[2] == "qp" and cur[1].endswith(b"="):
            cur[1] = cur[1][:-1] + raw  # a quoted-printable soft line break
            continue
        if cur is not None and raw[:1] in (b" ", b"\t"):
            # 3.0/4.0 unfolding drops the one whitespace character; 2.1 keeps it (but not in base64).
            cur[1] += raw.strip() if cur[2] == "b64" else (raw if v21 else raw[1:])
            continue
        stripped = raw.strip()
        if cur is not None and cur[2] == "b64" and stripped and _B64.fullmatch(stripped):
            cur[1] += stripped  # 2.1 writers continue base64 on unindented lines
            continue
        if not stripped:
            open_ = False
            continue
        start = _PROP_HEAD.match(raw)
        if start is None:
            junk.append({"line": n, "reason": f"not a vCard line, ignored: {tx.printable(decode_chunk(raw))[:60]}"})
            open_ = False
            continue
        head = start.group()
        upper = head.upper()
        kind = "qp" if b"QUOTED-PRINTABLE" in upper else None
        if kind is None and b"B" in upper and (b"BASE64" in upper or _ENCODING_B.search(upper)):
            kind = "b64"
        if upper.startswith(b"VERSION"):
            v21 = raw.split(b":", 1)[-1].strip() == b"2.1"
        if (v21 or kind == "qp") and not one_by_one:
            return None
        out.append([n, raw, kind, head])
        open_ = True
    # A head its first line ended before the value's colon may go on in the lines joined to it: found again.
    return [(n, bytes(b), k, h if b[len(h) : len(h) + 1] == b":" else _head(b)) for n, b, k, h in out], junk


def _fallbacks(lines: list[Logical]) -> list[str | None]:
    """For each line, the code page its bytes are in when it declares none and is not UTF-8: a charset its
    card declares on another line (`LABEL;CHARSET=Windows-1253:` only), else what its card's undeclared
    bytes are (legacy_charset, card by card)."""
    card_charsets: list[str | None] = []
    declared: str | None = None
    starts = []
    for _n, raw, _kind, head in lines:
        if head[:5].upper() == b"BEGIN" and raw.strip().upper() == b"BEGIN:VCARD":
            starts.append(len(card_charsets))
            declared = None
        m = _CHARSET.search(head) if b"=" in head else None
        if m and declared is None:
            name = m.group(1).decode("ascii", "replace").strip().strip('"')
            declared = name if name.lower().replace("-", "") not in ("utf8", "usascii") else None
        card_charsets.append(declared)
    # A card's charset holds from its BEGIN on, not just after the line that declares it.
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(card_charsets)
        found = next((c for c in card_charsets[start:end] if c), None)
        card_charsets[start:end] = [found] * (end - start)
    # Each card's undeclared bytes are read as the code page they are in, card by card: one file may hold
    # a Greek card and a Hebrew one. A card whose bytes are no single code page's takes the file's reading.
    undecoded: list[int] = []
    for i, ((_n, raw, kind, _h), charset) in enumerate(zip(lines, card_charsets, strict=True)):
        if charset or kind == "b64" or raw.isascii():
            continue
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            undecoded.append(i)
    if not undecoded:
        return card_charsets
    card_of = [0] * len(lines)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(lines)
        card_of[start:end] = [i] * (end - start)
    foreign: dict[int, list[bytes]] = {}
    for i in undecoded:
        foreign.setdefault(card_of[i], []).append(lines[i][1].split(b":", 1)[-1])
    detected = {card: legacy_charset(samples) for card, samples in foreign.items()}
    undecided = [card for card, found in detected.items() if found is None and not _cp1252(foreign[card])]
    if undecided:
        whole = legacy_charset([s for samples in foreign.values() for s in samples])
        detected.update(dict.fromkeys(undecided, whole))
    return [c or detected.get(card_of[i]) for i, c in enumerate(card_charsets)]


def _cp1252(samples: list[bytes]) -> bool:
    try:
        b"".join(samples).decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


@functools.cache
def _vobject():
    """vobject's line parser, imported once and only by what reads cards (escape() and the CSV importer,
    which use this module, do without it)."""
    import vobject.base

    return vobject.base


_EMPTY_PARAM = re.compile(rb";+(?=;|$)")
_BARE_TYPES = re.compile(rb";([A-Za-z0-9-]+(?:,[A-Za-z0-9-]+)+)(?=;|$)")


def _content_line(n: int, raw: bytes, kind: str | None, fallback: str | None, head: bytes):
    """Parse one property line (`head` its name and parameters) with vobject; decode raw bytes in the
    declared charset first."""
    parseLine = _vobject().parseLine

    fixed = head
    if b";;" in fixed or fixed.endswith(b";"):
        # An empty parameter (`ADR;HOME;PREF;:…`, `TEL;WORK;:…`, as Outlook writes 2.1) says nothing: drop it.
        fixed = _EMPTY_PARAM.sub(b"", fixed)
    if b"," in fixed:
        # A bare list of types (`TEL;FAX,WORK:`) is what TYPE=FAX,WORK says; the parser would keep only FAX.
        fixed = _BARE_TYPES.sub(rb";TYPE=\1", fixed)
    if fixed != head:
        raw, head = fixed + raw[len(head) :], fixed
    m = _CHARSET.search(head) if b"=" in head else None
    charset = m.group(1).decode("ascii", "replace").strip().strip('"') if m else None
    if kind != "qp" and len(raw) > 1024 and raw[len(head) : len(head) + 1] == b":":
        # A long value (a photo): the parser reads the name and parameters, the value is the rest of the
        # line, as the parser would have it, without its pattern running over every byte.
        name, params, _, group = parseLine(decode_chunk(head, charset, fallback=fallback) + ":", n)
        return _Line(name, params, decode_chunk(raw[len(head) + 1 :], charset, fallback=fallback), group)
    text = decode_chunk(raw, None if kind == "qp" else charset, fallback=fallback)
    if kind != "qp":  # only quoted-printable needs vobject's ContentLine (it decodes QP in its charset)
        return _Line(*parseLine(text, n))
    from vobject.base import ParseError, VObjectError, textLineToContentLine

    try:
        return textLineToContentLine(text, n)
    except (LookupError, UnicodeDecodeError, ValueError, binascii.Error):
        if kind != "qp":
            raise
    except (ParseError, VObjectError):
        raise
    # Quoted-printable in a charset Python does not know, or bytes not in it: decode it ourselves.
    name_params, _, value = text.partition(":")
    name_params = re.sub(r";\s*(ENCODING=)?QUOTED-PRINTABLE", "", name_params, flags=re.IGNORECASE)
    line = textLineToContentLine(name_params + ":", n)
    line.value = decode_chunk(quopri.decodestring(value.encode("latin-1", "replace")), charset or fallback)
    return line


class _Line:
    """A property line as vobject's parseLine gives it, with ContentLine's parameter table."""

    __slots__ = ("group", "name", "params", "singletonparams", "value")

    def __init__(self, name: str, params: list, value: str, group: str | None) -> None:
        self.name, self.value, self.group = name.upper(), value, group
        self.params: dict[str, list[str]] = {}
        self.singletonparams: list[str] = []
        for p in params:
            if len(p) == 1:
                self.singletonparams += p
            else:
                self.params.setdefault(p[0].upper(), []).extend(p[1:])


def _prop(line, kind: str | None, n: int) -> Prop:
    params = {key.upper(): list(values) for key, values in line.params.items()} if line.params else {}
    for single in line.singletonparams:
        s = single.upper()
        if s in ("BASE64", "B"):
            params["ENCODING"] = ["b"]
        elif s in ("7BIT", "8BIT", "QUOTED-PRINTABLE"):
            continue
        elif s != "TYPE":  # `TEL;FAX,WORK:` — a bare list of types (`EMAIL;TYPE=:` names none)
            params.setdefault("TYPE", []).extend(t for t in single.split(",") if t)
    if params:
        params = {k: [v for v in vs if v] for k, vs in params.items()}
        params = {k: vs for k, vs in params.items() if vs}  # `TYPE=` with no value says nothing
        params.pop("CHARSET", None)
        enc = [e.upper() for e in params.get("ENCODING", [])]
        if any(e in ("BASE64", "B") for e in enc):
            params["ENCODING"] = ["b"]
        elif enc:
            params.pop("ENCODING")
    value = line.value
    if params.get("ENCODING") == ["b"]:
        joined = "".join(value.split())  # folded base64; a value that is not base64 is kept as it came
        value = joined if _B64_VALID.fullmatch(joined) else value
    elif kind == "qp":  # decoded text: its line breaks become the escape every version reads
        value = value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return Prop(line.name.upper(), value, params, line.group, n)


# One card's END and the next one's BEGIN glued on one line (`END:VCARDBEGIN:VCARD`), as some writers do:
# the line reads as an END whose value goes on with the BEGIN.
_GLUED = re.compile(r"(?i)\s*VCARD\s*BEGIN:VCARD\s*")


def read_cards(data: bytes, fname: str) -> tuple[list[Card], list[dict]]:
    """Every card in a file, and what was ignored (with line numbers)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = decode_utf16(data, fname).encode("utf-8", "surrogateescape")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines, warnings = _logical_lines(data)
    for w in warnings:
        w["file"] = fname
    cards: list[Card] = []
    current: Card | None = None
    nested = 0
    agent_open = False  # the last property was an AGENT with no value: a card follows as its value
    for (n, raw, kind, head), fallback in zip(lines, _fallbacks(lines), strict=True):
        try:
            cl = _content_line(n, raw, kind, fallback, head)
        except Exception as exc:  # one unreadable property must not lose the file
            warnings.append({"file": fname, "line": n, "reason": f"unreadable property, ignored ({exc})"})
            continue
        name = cl.name.upper()
        if name == "END" and _GLUED.fullmatch(cl.value):
            warnings.append(
                {"file": fname, "line": n, "reason": "END:VCARD and BEGIN:VCARD glued on one line: read as two cards"}
            )
            if current is not None and not nested:
                cards.append(current)
            current = Card(n, "2.1", []) if not nested else current
            continue
        after_agent, agent_open = agent_open, name == "AGENT" and not str(cl.value).strip()
        if name == "BEGIN" and cl.value.strip().upper() == "VCARD":
            if current is not None and (nested or after_agent):
                nested += 1
                warnings.append({"file": fname, "line": n, "reason": "a card inside a card (AGENT), ignored"})
                continue
            if current is not None:  # the card before never ended: it is read as it is, and this one starts
                warnings.append(
                    {
                        "file": fname,
                        "line": current.line,
                        "reason": f"the card has no END:VCARD: read up to line {n}, where the next card begins",
                    }
                )
                cards.append(current)
            current = Card(n, "2.1", [])
            continue
        if name == "END" and cl.value.strip().upper() == "VCARD":
            if nested:
                nested -= 1
            elif current is not None:
                cards.append(current)
                current = None
            continue
        if current is None:
            warnings.append({"file": fname, "line": n, "reason": "a property outside any card, ignored"})
            continue
        if nested:
            continue
        if name == "VERSION":
            current.version = cl.value.strip()
            continue
        current.props.append(_prop(cl, kind, n))
    if current is not None:
        warnings.append({"file": fname, "line": current.line, "reason": "the card has no END:VCARD (read anyway)"})
        cards.append(current)
    if not cards:
        raise BadInput(f"{fname}: no vCard in this file (no BEGIN:VCARD … END:VCARD)")
    return cards, warnings


# -- cards to people --------------------------------------------------------------------------------


@dataclass
class Fields:
    name: str | None = None
    nickname: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    notes: str | None = None
    linkedin: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    handle: str | None = None
    uid: str | None = None
    pronouns: str | None = None
    how_met: str | None = None
    met_on: str | None = None
    highlights: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    birthday: str | None = None
    anniversary: str | None = None
    sync_key: str | None = None  # the UID, else the card's place in its file: what card_sync remembers it by


def _day_or_none(text: str) -> str | None:
    try:
        return parse_day_to_remember(text, field="date")
    except BadInput:
        return None


def _or_none(values: list[str]) -> list[str | None]:
    """The values, or one None: a card with no e-mail is matched and remembered once, without one."""
    return [*values] if values else [None]


def _name_from_n(p: Prop) -> str:
    parts = (p.parts() + [""] * 5)[:5]
    family, given, middle, prefix, suffix = (x.strip() for x in parts)
    return " ".join(x for x in (prefix, given, middle, family, suffix) if x)


def _location(p: Prop) -> str | None:
    parts = (p.parts() + [""] * 7)[:7]
    place = [x.strip() for x in (parts[3], parts[4], parts[6]) if x.strip()]
    return ", ".join(place) or None


def card_fields(card: Card, fname: str, warnings: list[dict]) -> Fields:
    """What a card says in cnet's terms; marks each property with the field it fed."""
    f = Fields()
    fn = card.first("FN")
    if fn is not None and fn.text().strip():
        f.name, fn.field = tx.clean_input(fn.text()), "name"  # as written: cnet keeps every space of a name
    n = card.first("N")
    if n is not None:
        if f.name is None and _name_from_n(n):
            f.name = tx.clean_input(_name_from_n(n))
        n.field = "name"
    nick = card.first("NICKNAME")
    if nick is not None and nick.texts():
        f.nickname, nick.field = tx.clean_input(nick.texts()[0]), "nickname"
    org = card.first("ORG")
    if org is not None and org.parts() and org.parts()[0].strip():
        f.company, org.field = tx.clean_input(org.parts()[0]), "company"
    title = card.first("TITLE")
    if title is not None and title.text().strip():
        f.title, title.field = tx.clean_input(title.text()), "title"
    notes = [p for p in card.all("NOTE") if p.text().strip()]
    if notes:
        f.notes = "\n\n".join(p.text().strip() for p in notes)
        for p in notes:
            p.field = "notes"
    for p in card.all("EMAIL"):
        try:
            address = check_email(p.text())
        except BadInput:
            warnings.append({"file": fname, "line": p.line, "reason": f"not an e-mail address, kept: {p.text()}"})
            continue
        if address.casefold() not in {e.casefold() for e in f.emails}:
            f.emails.append(address)
        p.field = "emails"
    for p in card.all("TEL"):
        number = tx.clean_input(p.text())
        if number.lower().startswith("tel:"):
            number = number[4:]
        if not number:
            continue
        try:  # the rule `cnet add --phone` applies; a value it refuses is kept as the card had it
            number = check_phone(number)
        except BadInput:
            warnings.append({"file": fname, "line": p.line, "reason": f"not a phone number, kept: {p.text()}"})
            continue
        if number not in f.phones:
            f.phones.append(number)
            p.field = "phones"
    for p in card.all("CATEGORIES"):
        for t in p.texts():
            if tx.name_key(t) not in {tx.name_key(x) for x in f.tags}:
                f.tags.append(tx.clean_input(t))
        p.field = "tags"
    for p in card.all("URL") + card.all("X-SOCIALPROFILE"):
        try:
            url = tx.normalise_linkedin(p.text())
        except BadInput:
            continue
        if f.linkedin is None:
            f.linkedin, p.field = url, "linkedin"
    adr = card.first("ADR")
    if adr is not None:
        f.location = _location(adr)
    loc = card.first(_CNET + "LOCATION")
    if loc is not None:
        f.location, loc.field = loc.text() or None, "location"
    uid = card.first("UID")
    if uid is not None and uid.value.strip():
        f.uid = uid.value.strip()
    for key, attr in (("HANDLE", "handle"), ("PRONOUNS", "pronouns"), ("HOW-MET", "how_met"), ("MET-ON", "met_on")):
        carried = card.first(_CNET + key)
        if carried is not None and carried.text().strip():
            setattr(f, attr, tx.clean_input(carried.text()))
            carried.field = attr
    for day_field in DAY_FIELDS:  # a property of either version, else the value an export had to keep aside
        names = [n for n in dict.fromkeys([*day_field.vcard[::-1], *day_field.vcard_also]) if n]
        if f.handle:  # a card cnet wrote may have kept a day aside as X-CNET-KEPT-
            names += [KEPT + n for n in names]
        found = [d for n in names for d in card.all(n) if d.text().strip()]
        day = next((d for d in found if _day_value(d) is not None), None)  # the first that is a date
        if day is not None:
            setattr(f, day_field.key, _day_value(day))
            day.field = day_field.key  # written back from the field while it holds this value
        for d in found:
            if day is None and not d.name.startswith(KEPT):
                warnings.append({"file": fname, "line": d.line, "reason": f"not a date, kept: {d.text()}"})
    if f.met_on:
        try:
            f.met_on = parse_partial_date(f.met_on, field="X-CNET-MET-ON").iso()
        except (BadInput, ValueError):
            warnings.append({"file": fname, "line": card.line, "reason": f"not a date, kept: {f.met_on}"})
            f.met_on = None
            kept = card.first(_CNET + "MET-ON")
            if kept is not None:
                kept.field = None
    for fld in _CNET_LISTS:
        for p in (p for name in dict.fromkeys(fld.vcard) if name for p in card.all(name)):
            if p.text().strip():
                getattr(f, fld.key).append(tx.clean_input(p.text()))
                p.field = fld.key
    for p in card.all(_CNET + "FLAGS"):
        f.flags |= {x.strip().lower() for x in p.texts()}
        p.field = "flags"
    if f.name is None:
        # A card with no name is still someone in the address book: name it by what it does carry.
        for fallback in (f.nickname, f.company, *(f.emails[:1]), *(f.phones[:1])):
            if fallback:
                f.name = fallback
                warnings.append({"file": fname, "line": card.line, "reason": f"no name; named '{fallback}'"})
                break
    return f


class _Cards(People):
    """People already here, also by the handle and UID that earlier exports and imports carried; and the
    rows of the people this import adds, written in batches (flush)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn, source=SOURCE, imported=_PROVENANCE)
        self.new_phones: list[tuple[int, str, int]] = []
        self.new_lists: list[tuple[int, dict[str, list[str]]]] = []
        self.new_props: list[tuple[int, list[Prop]]] = []
        self.synced: list[tuple[str, int, dict, str | None]] = []
        self.vdir: str | None = None  # the vdir the file being read is in
        self.carded: set[int] = (
            set()
        )  # people a card of this import was, or made  # (card UID, person, what the card said), for record_sync
        self.by_handle = dict(conn.execute("SELECT handle, id FROM person WHERE is_me = 0"))
        self.by_uid: dict[str, int] = {}
        for uid, pid in conn.execute(
            "SELECT value, person_id FROM card_property WHERE name IN ('UID', ?) ORDER BY id", (ALSO_UID,)
        ):
            self.by_uid.setdefault(uid, pid)
            self.uids_of.setdefault(pid, set()).add(uid)

    def base_of(self, uid: str | None) -> dict | None:
        """What cnet last wrote or read for a card UID (its declared fields), or None."""
        if not uid:
            return None
        row = self.conn.execute("SELECT fields FROM card_sync WHERE uid = ?", (uid,)).fetchone()
        return json.loads(row[0]) if row else None

    def read(self, uid: str, pid: int, values: dict) -> None:
        """Remember what was read for a card UID (written with the next flush)."""
        self.synced.append((uid, pid, values, self.vdir))

    def match(self, f: Fields) -> int | None:
        """The person a card is: the handle an export of cnet's wrote, its UID, then what People.find allows."""
        pid = None
        if f.handle and f.handle in self.by_handle:
            pid = self.by_handle[f.handle]
        elif f.uid and f.uid in self.by_uid:
            pid = self.by_uid[f.uid]
        if pid is None:
            # A name alone never joins two cards: only someone who came by no card (added by hand, from
            # LinkedIn) is found by name and company.
            pid = self.find(
                f.linkedin, None, f.name or "", f.company or "", uid=f.uid, emails=f.emails, by_name=self.cardless
            )
        if pid is not None:
            self.used.add(pid)
            self.carded.add(pid)
        return pid

    def cardless(self, pid: int) -> bool:
        return pid not in self.carded and pid not in self.uids_of

    def flush(self) -> None:
        """Write the people this import added and everything of theirs, each kind of row in one batch,
        through the batched forms of its one writer (they are new: nothing of theirs to compare with)."""
        super().flush()  # the people, their provenance and e-mails
        insert_phones(self.conn, self.new_phones)
        for pid, lists in self.new_lists:  # checked when their card was read
            add_lists(self.conn, pid, **lists)
        keep_new_props(self.conn, self.new_props, own=_OWN)
        record_sync(self.conn, self.synced)
        for pending in (self.new_phones, self.new_lists, self.new_props, self.synced):
            pending.clear()


VCARD_SUFFIXES = (".vcf", ".vcard")


class Sources(list[tuple[str, bytes]]):
    """The files an import of address books reads, as (name, bytes); `vdirs` maps each file read from a
    folder to that folder (absolute), and `folders` lists the folders read."""

    def __init__(self) -> None:
        super().__init__()
        self.vdirs: dict[str, str] = {}
        self.folders: list[str] = []


def vdir_key(folder: Path) -> str:
    """How card_sync names a vdir: its absolute path, links resolved (the same folder however it is given)."""
    return str(folder.expanduser().resolve())


def read_sources(sources: Iterable[str | os.PathLike[str] | tuple[str, bytes]]) -> Sources:
    """The files an import of address books reads: each source is a vCard file, `-` for stdin, or a vdir —
    a folder whose cards are its .vcf and .vcard files (regular files only, in name order; a folder with
    none is refused). A (name, bytes) pair is taken as it is."""
    from ..paths import input_kind, read_input

    out = Sources()
    for source in sources:
        if isinstance(source, tuple):
            out.append(source)
            continue
        name = os.fspath(source)
        if name == "-":
            out.append(("<stdin>", read_input("-")))
            continue
        path = Path(name).expanduser()
        if input_kind(path, what=name) == "a folder":  # a vdir: one card (or a few) a file
            found = sorted(
                f
                for f in path.iterdir()
                if f.suffix.lower() in VCARD_SUFFIXES and input_kind(f, what=str(f)) == "a regular file"
            )
            if not found:
                raise BadInput(f"{name}: a folder with no .vcf files")
            key = vdir_key(path)
            out.folders.append(key)
            for f in found:
                out.append((str(f), read_input(f, stdin=False)))
                out.vdirs[str(f)] = key
            continue
        out.append((name, read_input(path, what=None, stdin=False)))
    return out


@paused_gc()
def import_vcards(
    conn: sqlite3.Connection,
    files: list[tuple[str, bytes]],
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import address-book files into the caller's write transaction. A file with no card among several is
    reported and skipped (with `strict`, or when it is the only file, it stops the import). Files read
    from a vdir (`files` as read_sources gives them): a card cnet last wrote to or read from the folder that
    is no longer in it was deleted in another client (see `_deleted_cards`)."""
    vdirs = getattr(files, "vdirs", {})
    folders = getattr(files, "folders", [])
    summary = ImportSummary(removed=[])
    parsed = []
    for fname, data in files:
        try:
            cards, warnings = read_cards(data, fname)
        except BadInput as exc:
            if strict or len(files) == 1:
                raise
            summary.skipped.append({"file": fname, "line": 0, "reason": exc.message})
            continue
        parsed.append((fname, cards))
        summary.warnings += warnings
    people = _Cards(conn)
    stamp = now_iso()
    total = sum(len(c) for _, c in parsed)
    # Search, registry and indexes once, at the end; the degrees in one pass when the cards are many.
    with degrees.journal_for(conn, total), Store.bulk_people(conn, rebuild_indexes=total > 1_000):
        seen = _import_files(conn, people, parsed, summary, stamp, total, progress, vdirs)
        for folder in folders:
            _deleted_cards(conn, folder, seen.get(folder, set()), people.carded, summary)
    return summary


def _deleted_cards(conn, folder: str, present: set[str], carded: set[int], summary: ImportSummary) -> None:
    """The cards cnet last wrote to or read from this vdir that are no longer in it: deleted in another
    client. As any edit from there, the deletion arrives when cnet changed nothing of the person since:
    the person is removed. Where cnet holds more of them than the card did — a field changed here since,
    a connection, links, interactions, introductions, requests, recognition, another card — cnet's side is
    kept and the conflict reported (once: the card is no longer counted as the folder's). Someone a card
    of this import was (`carded`: their card under another UID) is not gone."""
    gone = [
        (uid, pid, json.loads(fields))
        for uid, pid, fields in conn.execute(
            "SELECT uid, person_id, fields FROM card_sync WHERE vdir = ? ORDER BY uid", (folder,)
        )
        if uid not in present
    ]
    kept = []
    removed = summary.removed = summary.removed if summary.removed is not None else []
    for uid, pid, base in gone:
        if pid in carded:
            kept.append(uid)  # their card is here under another UID
            continue
        if conn.execute("SELECT 1 FROM person WHERE id = ?", (pid,)).fetchone() is None:
            continue  # removed with another of its cards
        person = person_record(conn, pid)
        why = _held_beyond_card(conn, pid, uid, person, base)
        if why:
            summary.conflicts.append(
                {
                    "file": folder,
                    "line": 0,
                    "person": person["handle"],
                    "field": "card",
                    "kept": why,
                    "theirs": "deleted",
                }
            )
            kept.append(uid)
            continue
        remove_person(conn, pid)
        removed.append({"file": folder, "uid": uid, "person": person["handle"], "name": person["name"]})
    leave_vdir(conn, kept)


_TIES = (
    ("a connection", "SELECT 1 FROM connection WHERE person_id = ?1"),
    ("links", "SELECT 1 FROM link WHERE a = ?1 OR b = ?1"),
    ("interactions", "SELECT 1 FROM interaction WHERE person_id = ?1"),
    ("introductions", "SELECT 1 FROM introduction WHERE a = ?1 OR b = ?1 OR requested_by = ?1"),
    ("requests", "SELECT 1 FROM request WHERE from_person = ?1 OR to_person = ?1"),
    ("recognition", "SELECT 1 FROM recognition WHERE person_id = ?1"),
    ("a keep-in-touch cadence", "SELECT 1 FROM keep_in_touch WHERE person_id = ?1"),
)


def _held_beyond_card(conn, pid: int, uid: str, person: dict, base: dict) -> str:
    """Why a person whose card was deleted elsewhere stays ("" when nothing does): what cnet holds of them
    that the card did not."""
    if person["is_me"]:
        return "the card is you"
    if {k: v for k, v in field_values(person).items() if v} != base:
        return "changed in cnet since the card was last written or read"
    held = [what for what, sql in _TIES if conn.execute(f"{sql} LIMIT 1", (pid,)).fetchone()]
    if conn.execute("SELECT 1 FROM card_sync WHERE person_id = ? AND uid != ? LIMIT 1", (pid, uid)).fetchone():
        held.append("another card")
    return f"cnet holds {', '.join(held)} of them" if held else ""


def _import_files(
    conn, people: _Cards, parsed, summary: ImportSummary, stamp: str, total: int, progress, vdirs: dict[str, str]
) -> dict[str, set[str]]:
    """Read each file's cards; return, for each vdir, the cards (their sync keys) found in it."""
    done = 0
    seen: dict[str, set[str]] = {}
    for fname, cards in parsed:
        people.new_file()
        people.vdir = vdirs.get(fname)
        present = seen.setdefault(people.vdir, set()) if people.vdir else set()
        counts = {"cards": len(cards), "added": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        for index, card in enumerate(cards):
            done += 1
            if progress:
                progress(done, total)
            f = card_fields(card, fname, summary.warnings)
            f.sync_key = f.uid or f"file:{Path(fname).name}#{index}"
            present.add(f.sync_key)  # in the folder still, even if it is skipped below
            if not f.name:
                summary.skipped.append(
                    {"file": fname, "line": card.line, "reason": "no name (the card has no FN or N)"}
                )
                counts["skipped"] += 1
                continue
            refused: list[str] = []
            pid = people.match(f)
            if pid in people.new_ids:  # a second card of someone this import added: read back what is written
                people.flush()
            try:
                if pid is None:  # nothing is written before every value has passed its rule
                    outcome = _add_card(people, card, f, stamp, refused)
                else:
                    conn.execute("SAVEPOINT card")  # a card refused halfway leaves nothing of itself
                    try:
                        outcome = _update_card(conn, people, pid, card, f, stamp, refused, summary, fname)
                    except BadInput:
                        conn.execute("ROLLBACK TO card")
                        raise
                    finally:
                        conn.execute("RELEASE card")
            except BadInput as exc:
                summary.skipped.append({"file": fname, "line": card.line, "reason": exc.message})
                counts["skipped"] += 1
                continue
            summary.warnings += [{"file": fname, "line": card.line, "reason": r} for r in refused]
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            counts[outcome] += 1
        summary.files[fname] = counts
    people.flush()
    return seen


_PROVENANCE = ("nickname", "company", "title", "location", "notes")  # the fields a later import may update


def _add_card(people: _Cards, card: Card, f: Fields, stamp: str, refused: list[str]) -> str:
    """A new person from a card, kept for the next flush once every value has passed its rule."""
    carried = f.handle if f.handle and f.handle not in people.registry and tx.slugify(f.handle) == f.handle else None
    given = {
        "nickname": f.nickname,
        "pronouns": f.pronouns,
        "location": f.location,
        "how_met": f.how_met,
        "met_on": f.met_on,
        "notes": f.notes,
        "do_not_introduce": int("do-not-introduce" in f.flags),
        "no_recruiters": int("no-recruiters" in f.flags),
        "team_private": int("team-private" in f.flags),
        "birthday": f.birthday,
        "anniversary": f.anniversary,
    }
    # A new row holds none of these yet (NULL, 0): only what the card gives is written.
    pid, handle = people.create(
        f.name or "",
        stamp,
        company=f.company,
        title=f.title,
        url=f.linkedin,
        deferred=True,
        stem=carried,
        handle_now=True,  # a later card of the file may carry it
        more={k: v for k, v in given.items() if v},
    )
    assert handle is not None
    lists: dict[str, list[str]] = {}
    for fld in LISTS:
        if fld.key in ("emails", "phones"):
            continue  # checked when the card was read, written in their own batches
        for value in getattr(f, fld.key):
            try:
                lists.setdefault(fld.key, []).append(str(check_value(fld, value, what=fld.key[:-1])))
            except BadInput as exc:
                refused.append(exc.message)
    people.new_emails += [(pid, e, i) for i, e in enumerate(f.emails)]
    people.new_phones += [(pid, n, i) for i, n in enumerate(f.phones)]
    if lists:
        people.new_lists.append((pid, lists))
    people.new_props.append((pid, card.props))
    if f.sync_key:
        people.read(f.sync_key, pid, card_values(f, card))
    people.by_handle[handle] = pid
    people.carded.add(pid)
    if f.uid:
        people.by_uid[f.uid] = pid
    for email in _or_none(f.emails):
        people.remember(pid, f.linkedin, email, f.name or "", f.company or "", uid=f.uid)
    return "added"


def _update_card(
    conn, people: _Cards, pid: int, card: Card, f: Fields, stamp: str, refused: list[str], summary, fname: str
) -> str:
    """What a card of someone already here changes, inside the card's savepoint. A card cnet last wrote or
    read for this UID is compared with that, field by field (sync_card); one never seen before adds what the
    person lacks and updates what an earlier import of the same source wrote (update_field)."""
    base = people.base_of(f.sync_key)
    if base is not None:
        changed = _sync_card(conn, people, pid, card, f, base, refused, summary, fname)
    else:
        changed = _first_read(conn, pid, card, f, stamp, refused)
    for email in _or_none(f.emails):
        people.remember(pid, f.linkedin, email, f.name or "", f.company or "", uid=f.uid)
    if f.uid:
        people.by_uid.setdefault(f.uid, pid)
    if f.sync_key:
        people.read(f.sync_key, pid, card_values(f, card))
    return "updated" if changed else "unchanged"


def _first_read(conn, pid: int, card: Card, f: Fields, stamp: str, refused: list[str]) -> bool:
    """A card not read or written before, of someone here: what it adds, field by field."""
    changed = False
    for column in _PROVENANCE:
        changed |= update_field(conn, pid, column, getattr(f, column), stamp, SOURCE)
    filled_once = ("linkedin", "pronouns", "how_met", "met_on", "birthday", "anniversary")  # set only while empty
    current = conn.execute(f"SELECT {', '.join(filled_once)} FROM person WHERE id = ?", (pid,)).fetchone()
    fill = {c: getattr(f, c) for c, now in zip(filled_once, current, strict=True) if getattr(f, c) and now is None}
    set_fields(conn, pid, fill, stamp=stamp)
    changed |= bool(fill)
    changed |= _add_lists(conn, pid, f, refused)
    changed |= bool(keep_props(conn, pid, card.props, own=_OWN))
    if changed:
        touch_person(conn, pid, stamp)
    return changed


def card_values(f: Fields, card: Card) -> dict:
    """The declared fields as a card gives them; cnet's own (X-CNET-) fields only when the card is one
    cnet wrote (it has X-CNET-HANDLE): elsewhere their absence says nothing."""
    ours = f.handle is not None  # X-CNET-HANDLE, read into the handle
    out: dict = {}
    for key, flag, own, many in _CARD_FIELDS:
        if flag:
            if ours:
                out[key] = key.replace("_", "-") in f.flags
        elif ours or not own:
            value = getattr(f, key)
            out[key] = list(value) if many else value
    return out


def _own_field(fld) -> bool:
    prop = fld.vcard[0]
    return prop is None or prop.startswith(_CNET)


# (key, a flag, one of cnet's own X-CNET- fields, a list) for each declared field, worked out once
_CARD_FIELDS = [(fld.key, fld.kind == "flag", _own_field(fld), fld.many) for fld in PERSON_FIELDS]


def _sync_card(conn, people: _Cards, pid: int, card: Card, f: Fields, base: dict, refused, summary, fname) -> bool:
    """Three-way: each field the card gives against what cnet last wrote or read for its UID (`base`) and
    what the person holds now. Only their side changed: it arrives. Only ours: kept. Both, differently:
    ours kept, the conflict reported. Lists take what they added and drop what they removed."""

    person = person_record(conn, pid)
    ours = field_values(person)
    theirs = card_values(f, card)
    changes = PersonChanges()
    changed_fields = []
    for fld in PERSON_FIELDS:
        if fld.key not in theirs:
            continue
        mine, new = ours[fld.key], theirs[fld.key]
        old = base.get(fld.key, [] if fld.many else False if fld.kind == "flag" else None)
        if fld.many:
            key = _LIST_KEY[fld.key]
            old_keys = {key(v) for v in old or []}
            new_keys = {key(v) for v in new}
            mine_keys = {key(v) for v in mine}
            added = [v for v in new if key(v) not in old_keys and key(v) not in mine_keys]
            removed = [v for v in mine if key(v) in old_keys and key(v) not in new_keys]
            if added:
                getattr(changes, fld.key).extend(added)
            if removed:
                getattr(changes, "remove_" + fld.key).extend(removed)
            if added or removed:
                changed_fields.append(fld.key)
            continue
        if new in (old, mine):
            continue
        if mine == old or (old is None and mine is None):
            setattr(changes, fld.key, new if new is not None else ("" if fld.kind != "flag" else False))
            changed_fields.append(fld.key)
        else:
            summary.conflicts.append(
                {
                    "file": fname,
                    "line": card.line,
                    "person": person["handle"],
                    "field": fld.key,
                    "kept": mine,
                    "theirs": new,
                }
            )
    if changed_fields:
        edit_person(conn, pid, changes, force=True)
        ours = field_values(person_record(conn, pid))
    # A field whose value cnet kept over the card's (ours changed, or both did: a conflict) keeps its
    # properties as they are: the card's form of a value cnet does not hold is not kept (nor a change).
    differing = {
        fld.key for fld in PERSON_FIELDS if not fld.many and fld.key in theirs and theirs[fld.key] != ours[fld.key]
    }
    props = [p for p in card.props if p.field not in differing]
    if card.first(_CNET + "HANDLE") is not None and f.uid and f.uid == _written_uid(conn, person, pid):
        # a card cnet wrote of this person (its UID, its handle) holds all of them: it is compared whole
        props_changed = _sync_props(conn, pid, person, card, props, differing)
    else:  # another book's card is one of the person's cards: what it adds is kept, nothing else is touched
        fresh = keep_props(conn, pid, props, own=_OWN)
        props_changed = any(p.name not in _BOOKKEEPING for p in fresh)
    return bool(changed_fields) or props_changed


_LIST_KEY: dict[str, Callable[[str], str]] = {
    "emails": lambda v: v.casefold(),
    "phones": lambda v: v,
    "tags": tx.name_key,
    "highlights": lambda v: v,
    "employers": lambda v: v,
    "schools": lambda v: v,
}
# What a card carries about the file, not the person: a change in it is no change of the person.
_BOOKKEEPING = frozenset({"REV", "PRODID", "UID"})


def _written_uid(conn, person: dict, pid: int) -> str:
    """The UID an export writes on this person's card: the first one kept, else the one made for them."""
    row = conn.execute(
        "SELECT value FROM card_property WHERE person_id = ? AND name = 'UID' ORDER BY position LIMIT 1", (pid,)
    ).fetchone()
    return row[0] if row and row[0].strip() else _uid(conn, person["handle"])


def _sync_props(conn, pid: int, person: dict, card: Card, props: list[Prop], differing: set[str]) -> bool:
    """Keep the properties a card (`props`: but those of the fields in `differing`) added since cnet wrote
    it, and forget the kept ones it removed (a property is compared as the card's version writes it), but
    those of a field in `differing`, whose value cnet kept over the card's. Return whether the person changed."""
    version = card.version if card.version in VERSIONS else "3.0"
    rows = conn.execute(
        "SELECT id, grp, name, params, value, field FROM card_property WHERE person_id = ? ORDER BY position",
        (pid,),
    ).fetchall()
    kept = [(r[0], Prop(r[2], r[4], json.loads(r[3]), r[1], field=r[5])) for r in rows]
    written = {p.key() for p in card_for(conn, person, pid, version, kept=[p for _, p in kept])}
    in_card = {p.key() for p in card.props}
    gone = []
    for row_id, p in kept:
        if p.field in differing:
            continue
        shown = _convert(p, version)
        if shown is not None and shown.key() in written and shown.key() not in in_card and p.key() not in in_card:
            gone.append((row_id, p))
    fresh = [p for p in props if p.key() not in written and p.name not in _OWN]
    if gone:
        forget_props(conn, [row_id for row_id, _ in gone])
    added = keep_props(conn, pid, fresh, own=_OWN) if fresh else []
    return any(p.name not in _BOOKKEEPING for _, p in gone) or any(p.name not in _BOOKKEEPING for p in added)


def _add_lists(conn, pid: int, f: Fields, refused: list[str]) -> bool:
    """Add the values of each declared list this person does not have yet, and the flags."""
    changed = add_lists(conn, pid, refused=refused, **{fld.key: getattr(f, fld.key) for fld in LISTS})
    flags = [fld.key for fld in PERSON_FIELDS if fld.kind == "flag" and fld.key.replace("_", "-") in f.flags]
    raised: dict[str, object] = {}
    if flags:  # a flag a card raises is raised; one it lacks is left as it is
        now = conn.execute(f"SELECT {', '.join(flags)} FROM person WHERE id = ?", (pid,)).fetchone()
        raised = {k: True for k, was in zip(flags, now, strict=True) if not was}
        set_fields(conn, pid, raised)
    return changed or bool(raised)


def record_sync(conn, rows: Iterable[tuple], stamp: str | None = None, *, vdir: str | None = None) -> None:
    """Remember, for each card UID, the person's declared fields as cnet just wrote or read them, and the
    vdir the card is in: with `leave_vdir`, the writers of card_sync (an export and an import alike). `rows`
    are (uid, person id, fields[, vdir]) and may be a Spool: read as they are written. A field left empty is
    left out (read back as empty). A card written or read outside a vdir stays counted as its folder's."""
    stamp = stamp or now_iso()
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    conn.executemany(
        "INSERT INTO card_sync (uid, person_id, fields, at, vdir) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (uid) DO UPDATE SET person_id = excluded.person_id, fields = excluded.fields, "
        "at = excluded.at, vdir = coalesce(excluded.vdir, card_sync.vdir)",
        (
            (uid, pid, dumps({k: v for k, v in values.items() if v}), stamp, where[0] if where else vdir)
            for uid, pid, values, *where in rows
        ),
    )


def leave_vdir(conn, uids: list[str]) -> None:
    """These cards are no longer in the vdir they were counted in (deleted there; the person kept)."""
    if uids:
        conn.execute(
            "UPDATE card_sync SET vdir = NULL WHERE uid IN (SELECT value FROM json_each(?))", (json.dumps(uids),)
        )


# -- people to cards --------------------------------------------------------------------------------


def _uid_seed(conn) -> str:
    row = conn.execute("SELECT created_at FROM person WHERE is_me = 1").fetchone()
    return f"cnet:{row[0] if row else ''}:"


def _uid(conn, handle: str, seed: str | None = None) -> str:
    """A stable UID for a person who came with none: the same database and handle give the same one."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, (seed if seed is not None else _uid_seed(conn)) + handle))


# Properties one version has and the other does not: written to the other as an X- property, never lost.
# (An X- property stays as it is: a card may have had X-CLASS of its own.)
ONLY_40 = frozenset(
    {
        "KIND",
        "GENDER",
        "ANNIVERSARY",
        "LANG",
        "CLIENTPIDMAP",
        "MEMBER",
        "XML",
        "BIRTHPLACE",
        "DEATHPLACE",
        "DEATHDATE",
        "EXPERTISE",
        "HOBBY",
        "INTEREST",
        "ORG-DIRECTORY",
        "RELATED",
    }
)  # fmt: skip (FBURL, CALURI and CALADRURI are 3.0's too, by RFC 2739)
ONLY_30 = frozenset({"LABEL", "CLASS", "NAME", "PROFILE", "MAILER", "AGENT", "SORT-STRING"})


def _property_name(name: str, version: str) -> str:
    return "X-" + name if name in (ONLY_30 if version == "4.0" else ONLY_40) else name


_DATA_URI = re.compile(r"data:([^;,]+)?;base64,(.*)", re.S)


# Parameters RFC 6350 added: a 3.0 export leaves them out (the database keeps them, a 4.0 export writes them).
PARAMS_40 = frozenset(
    {"ALTID", "PID", "SORT-AS", "CALSCALE", "GEO", "TZ", "LABEL", "MEDIATYPE", "INDEX", "LEVEL", "CC"}
)
# What describes a file rather than a person: never written as a property of one.
_STRUCTURE = frozenset({"BEGIN", "END", "VERSION", "PROFILE"})
# A value its version cannot carry as it came (a photo that is not base64, a birthday that is not a date,
# an empty AGENT) travels as cnet's own X-CNET-KEPT-<NAME>, never raw: strict readers read every card.
KEPT = _CNET + "KEPT-"
_DAYS = frozenset({"BDAY", "ANNIVERSARY", "X-ANNIVERSARY"})
_GEO = re.compile(r"(?:geo:)?\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[;,]\s*([-+]?\d{1,3}(?:\.\d+)?)(?:[;,].*)?", re.I)
_STAMP = re.compile(r"\d{4}-?\d{2}-?\d{2}(?:T\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[-+]\d{2}(?::?\d{2})?)?)?")
_UNESCAPED_SEMI = re.compile(r"(?<!\\);")
_B64_VALID = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_ESCAPABLE = re.compile(r"\\.|[,;]")
_TEXT_PROPS = frozenset({"FN", "TITLE", "ROLE", "NOTE", "LABEL"})  # one text value: a , or ; in it is escaped
APPLE_OMIT_YEAR = "X-APPLE-OMIT-YEAR"
_OMITTED_YEAR = "1604"  # the leap year Apple's address book writes for a day with no year


def _kept(p: Prop, params: dict[str, list[str]] | None = None) -> Prop:
    # (no ENCODING: a reader would decode the value it names, and the value is kept because it cannot be)
    kept = {k: v for k, v in p.params.items() if k != "ENCODING"} if params is None else params
    return Prop(KEPT + p.name, p.value, kept, p.group)


def _escape_text(value: str, chars: str) -> str:
    """A text value with every unescaped character of `chars` escaped (escapes already there kept)."""
    return _ESCAPABLE.sub(
        lambda m: m.group() if m.group()[0] == "\\" or m.group() not in chars else "\\" + m.group(), value
    )


def _day_value(p: Prop) -> str | None:
    """The day a date property holds, as cnet stores days (`--MM-DD` with no year), or None."""
    if p.params.get("VALUE", [""])[0].lower() == "text":
        return None
    day = _day_or_none(p.value)
    omitted = p.params.get(APPLE_OMIT_YEAR)
    if day and omitted and day[:4] == omitted[0].strip() and len(day) == 10:
        return "--" + day[5:]
    # No one cnet knows was born in 1604: it is the year that stands for none (a 3.0 export writes it with
    # X-APPLE-OMIT-YEAR, and a client that drops the parameter when it saves, as khard does, keeps the year).
    if day and day.startswith(_OMITTED_YEAR + "-") and len(day) == 10:
        return "--" + day[5:]
    return day


def _written_day(day: str, version: str) -> tuple[str, dict[str, list[str]]] | None:
    """A stored day as the version writes it (4.0: 19800321, --1224; 3.0: 1980-03-21, and a day with no year
    as Apple's 1604-12-24 with X-APPLE-OMIT-YEAR); None where 3.0 has no form for it (a year, a month)."""
    if version == "4.0":
        return (day.replace("-", "") if len(day) == 10 else "--" + day[2:].replace("-", "")), {}
    if day.startswith("--"):
        return f"{_OMITTED_YEAR}-{day[2:]}", {APPLE_OMIT_YEAR: [_OMITTED_YEAR]}
    return (day, {}) if len(day) == 10 else None


def _valid(p: Prop, version: str) -> Prop | None:
    """The property as its version allows it: file structure dropped, a value it cannot carry kept under
    X-CNET-KEPT-, dates written in the version's form, text escaped as the version says."""
    name = p.name
    if name in _STRUCTURE:
        return None
    if name.startswith("X-") and name not in _DAYS:
        return p
    if name in BINARY and (p.params.get("ENCODING") == ["b"] or p.value.startswith("data:")):
        m = _DATA_URI.match(p.value) if p.value.startswith("data:") else None
        data = m.group(2) if m else p.value
        return p if _B64_VALID.fullmatch(data) else _kept(p)
    if name in _DAYS:
        day = _day_value(p)
        if day is None:  # 4.0 allows a text in place of the date (BDAY;VALUE=text:circa 1800); 3.0 does not
            text = p.params.get("VALUE", [""])[0].lower() == "text"
            return p if text and version == "4.0" and name != "X-ANNIVERSARY" else _kept(p)
        written = _written_day(day, version)
        if written is None:
            return _kept(p, {})
        params = {k: v for k, v in p.params.items() if k not in ("VALUE", APPLE_OMIT_YEAR)}
        return Prop(name, written[0], {**params, **written[1]}, p.group, field=p.field)
    if name == "AGENT" and not p.value.strip():
        return _kept(p)
    if name == "GEO":  # 3.0: 37.38;-122.08; 4.0: geo:37.38,-122.08 — anything else is not a place
        m = _GEO.fullmatch(p.value.strip())
        if m is None:
            return _kept(p)
        lat, lon = m.group(1), m.group(2)
        return Prop(name, f"geo:{lat},{lon}" if version == "4.0" else f"{lat};{lon}", p.params, p.group, field=p.field)
    if name == "REV" and not _STAMP.fullmatch(p.value.strip()):
        return _kept(p)
    if name == "N" and (missing := 4 - len(_UNESCAPED_SEMI.findall(p.value))) > 0:  # five components, all there
        return Prop(name, p.value + ";" * missing, p.params, p.group, field=p.field)
    if name in _TEXT_PROPS and ("," in p.value or ";" in p.value):
        return Prop(name, _escape_text(p.value, ",;"), p.params, p.group, field=p.field)
    if name == "ORG" and "," in p.value:
        return Prop(name, _escape_text(p.value, ","), p.params, p.group, field=p.field)
    return p


def _convert(p: Prop, version: str) -> Prop | None:
    """Write a kept property in the dialect of the export's version, as that version allows it."""
    checked = _valid(p, version)
    if checked is None:
        return None
    p = checked
    name = _property_name(p.name, version)
    if (
        version != "4.0"
        and name == p.name
        and "PREF" not in p.params
        and not p.value.startswith("data:")
        and p.value[:4].lower() != "tel:"
        and all(p.params.values())
        and (not p.params or PARAMS_40.isdisjoint(p.params))
    ):
        return p  # nearly every property of a 3.0 export: already in its dialect
    params = {k: list(v) for k, v in p.params.items()}
    value = p.value
    types = params.get("TYPE", [])
    if version == "4.0":
        if any(t.lower() == "pref" for t in types):
            params["TYPE"] = [t for t in types if t.lower() != "pref"]
            params.setdefault("PREF", ["1"])
        params["TYPE"] = [t.lower() for t in params.get("TYPE", [])]
        if params.get("ENCODING") == ["b"] and p.name in BINARY:
            kind = (params.pop("TYPE", None) or ["octet-stream"])[0].lower()
            media = f"image/{kind}" if p.name in ("PHOTO", "LOGO") and "/" not in kind else kind
            params.pop("ENCODING")
            params["VALUE"] = ["uri"]
            value = f"data:{media};base64,{value}"
    else:
        if not name.startswith("X-"):
            for key in PARAMS_40.intersection(params):
                params.pop(key)
        if "PREF" in params:
            params.pop("PREF")
            params["TYPE"] = [*types, "pref"]
        m = _DATA_URI.match(value) if value.startswith("data:") else None
        if m and p.name in BINARY:
            media = (m.group(1) or "").split("/")[-1].upper()
            params.pop("VALUE", None)
            params["ENCODING"] = ["b"]
            if media:
                params["TYPE"] = [media]
            value = m.group(2)
        elif p.name == "TEL" and value.lower().startswith("tel:"):
            params.pop("VALUE", None)
            value = value[4:]
    params = {k: v for k, v in params.items() if v}
    return Prop(name, value, params, p.group)


def card_for(
    conn, person: dict, pid: int, version: str, *, kept: list[Prop] | None = None, uid_seed: str | None = None
) -> list[Prop]:
    """The properties of one person's card: cnet's fields, then everything kept from imports (`kept`, when
    the caller read them for many people at once)."""
    if kept is None:
        kept = kept_props(conn, [pid]).get(pid, [])
    out: list[Prop] = []
    by_field: dict[str | None, list[Prop]] = {}
    for p in kept:
        by_field.setdefault(p.field, []).append(p)

    def fed(field_name: str) -> list[Prop]:
        return by_field.get(field_name, [])

    names = fed("name")
    fns = [p for p in names if p.name == "FN"]
    if fns and fns[0].text().strip() and tx.clean_input(fns[0].text()) == person["name"]:
        out += names
    else:
        out.append(Prop("FN", escape(person["name"])))
        words = person["name"].split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (person["name"], "")
        out.append(Prop("N", f"{escape(family)};{escape(given)};;;"))
    nick = fed("nickname")
    if person["nickname"]:
        out += (
            nick
            if nick and nick[0].texts()[:1] == [person["nickname"]]
            else [Prop("NICKNAME", escape(person["nickname"]))]
        )
    by_value = {p.text().casefold(): p for p in fed("emails")}
    for address in person["emails"]:
        out.append(by_value.get(address.casefold()) or Prop("EMAIL", escape(address)))
    by_value = {}
    for p in fed("phones"):
        number = p.text()
        by_value.setdefault(number[4:] if number.lower().startswith("tel:") else number, p)
    for number in person["phones"]:
        out.append(by_value.get(number) or Prop("TEL", escape(number)))
    org = fed("company")
    if person["company"]:
        out += (
            org if org and org[0].parts()[0].strip() == person["company"] else [Prop("ORG", escape(person["company"]))]
        )
    title = fed("title")
    if person["title"]:
        out += (
            title if title and title[0].text().strip() == person["title"] else [Prop("TITLE", escape(person["title"]))]
        )
    notes = fed("notes")
    if person["notes"]:
        same = notes and "\n\n".join(p.text().strip() for p in notes) == person["notes"]
        out += notes if same else [Prop("NOTE", escape(person["notes"]))]
    tags = fed("tags")
    if person["tags"]:
        same = tags and sorted(t for p in tags for t in p.texts()) == sorted(person["tags"])
        out += tags if same else [Prop("CATEGORIES", ",".join(escape(t) for t in person["tags"]))]
    for attr, name in (("birthday", "BDAY"), ("anniversary", "ANNIVERSARY")):
        day = person.get(attr)
        if day:
            kept_day = fed(attr)
            # Kept as it came only under the field's own property (another client's name, such as Thunderbird's
            # X-ANNIVERSARY or Evolution's, is written as the version's own: ANNIVERSARY in 4.0).
            same = kept_day and kept_day[0].name == name and _day_value(kept_day[0]) == day
            if same:
                out += kept_day
            else:
                out.append(Prop(name, day))  # in the version's form, by _convert
    link = fed("linkedin")
    if person["linkedin"]:
        out += link if link and link[0].text().strip() == person["linkedin"] else [Prop("URL", person["linkedin"])]
    if not any(p.name == "UID" for p in kept):
        out.append(Prop("UID", _uid(conn, person["handle"], uid_seed)))
    out += by_field.get(None, [])
    adr = Card(0, version, out).first("ADR")
    if person["location"] and (adr is None or _location(adr) != person["location"]):
        out.append(Prop(_CNET + "LOCATION", escape(person["location"])))
    out.append(Prop(_CNET + "HANDLE", person["handle"]))
    for key, attr in (("PRONOUNS", "pronouns"), ("HOW-MET", "how_met"), ("MET-ON", "met_on")):
        if person[attr]:
            out.append(Prop(_CNET + key, escape(person[attr])))
    for fld in _CNET_LISTS:
        prop = (fld.vcard[1] if version == "4.0" else fld.vcard[0]) or ""
        out += [Prop(prop, escape(value)) for value in person[fld.key]]
    flags = [k.replace("_", "-") for k, v in person["flags"].items() if v]
    if flags:
        out.append(Prop(_CNET + "FLAGS", ",".join(flags)))
    return [c for p in _one_of_each(out, version) if (c := _convert(p, version)) is not None]


def kept_props(conn, ids: list[int]) -> dict[int, list[Prop]]:
    """The properties kept from imported cards, for several people, in one query."""
    out: dict[int, list[Prop]] = {}
    for pid, grp, name, params, value, fld in conn.execute(
        "SELECT person_id, grp, name, params, value, field FROM card_property "
        "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, position",
        (json.dumps(ids),),
    ):
        out.setdefault(pid, []).append(Prop(name, value, json.loads(params), grp, field=fld))
    return out


# What a card has at most one of (RFC 6350's cardinality, which 3.0 readers hold to as well).
_SINGLE = ("BDAY", "ANNIVERSARY", "GENDER", "KIND", "PRODID", "REV")


def _one_of_each(props: list[Prop], version: str) -> list[Prop]:
    """A card has one UID and one N, and in 3.0 one FN (a merged person kept those of both cards): the first
    of each, with the alternative representations 4.0 links to it by ALTID; further UIDs travel as
    X-CNET-ALSO-UID, so identity survives export and import."""
    single = ("UID", "N", *_SINGLE) if version == "4.0" else ("UID", "N", "FN", *_SINGLE)
    first: dict[str, Prop] = {}
    out = []
    if version != "4.0" and not any(p.name == "N" for p in props):
        # 3.0 requires N: made from the formatted name when the card had none.
        fn = next((p for p in props if p.name == "FN"), None)
        words = fn.text().split() if fn else []
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else ((words or [""])[0], "")
        props = [*props, Prop("N", f"{escape(family)};{escape(given)};;;")]
    for p in props:
        if p.name in single:
            kept = first.get(p.name)
            if kept is not None:
                altid = kept.params.get("ALTID")
                if version == "4.0" and altid and p.params.get("ALTID") == altid and p.name != "N":
                    out.append(p)  # the same name in another language or script
                elif p.name == "UID" and p.value.strip() and p.value != kept.value:
                    out.append(Prop(ALSO_UID, p.value, {}, None))
                elif p.name != "UID" and p.value != kept.value:  # another name the card had: kept, not lost
                    out.append(Prop(_CNET + "ALSO-" + p.name, p.value, {}, None))
                continue
            first[p.name] = p
        out.append(p)
    rest: list[Prop] = []
    also: list[Prop] = []
    for p in out:
        (also if p.name.startswith(_ALSO) else rest).append(p)
    return rest + list({(p.name, p.value): p for p in also}.values())


def export_vcards(conn: sqlite3.Connection, ids: list[int], version: str = "3.0") -> str:
    """The people with these ids as one vCard file (CRLF line ends, lines folded at 75 octets)."""
    return "".join(iter_vcards(conn, ids, version))


def iter_vcards(
    conn: sqlite3.Connection, ids: list[int], version: str = "3.0", synced: Spool | list | None = None
) -> Iterator[str]:
    """The same file, a few hundred cards at a time."""
    out: list[str] = []
    for _uid, text in cards_text(conn, ids, version, synced):
        out.append(text)
        if len(out) >= 500:
            yield "".join(out)
            out = []
    if out:
        yield "".join(out)


def field_values(person: dict) -> dict:
    """The declared fields of a person record (flags unnested): what card_sync remembers of a card."""
    return {f.key: (person["flags"][f.key] if f.kind == "flag" else person[f.key]) for f in PERSON_FIELDS}


def cards_text(conn: sqlite3.Connection, ids: list[int], version: str = "3.0", synced: Spool | list | None = None):
    """Each person's card as (its UID, its text). Lines are put together here and quoted by vobject
    (dquoteEscape): building vobject components costs more than the rest of an export together."""
    from vobject.base import dquoteEscape

    if version not in VERSIONS:
        raise BadInput(f"--version: '{version}' is not one of {', '.join(VERSIONS)}")
    first = {"FN": 0, "N": 1}
    seed = _uid_seed(conn)
    for at in range(0, len(ids), 2_000):
        batch = ids[at : at + 2_000]
        kept = kept_props(conn, batch)
        for person, pid in _records(conn, batch):
            uid, text = _card_text(conn, person, pid, version, kept.get(pid, []), seed, first, dquoteEscape)
            if synced is not None:  # what this card says, for record_sync once the export is written
                synced.append((uid, pid, field_values(person)))
            yield uid, text


def _card_text(
    conn, person: dict, pid: int, version: str, kept: list[Prop], seed: str, first: dict, quote
) -> tuple[str, str]:
    """One card as (its UID, its text)."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    # The name first (FN, then N), then the rest by property name; lines of one name keep their order.
    props = sorted(
        card_for(conn, person, pid, version, kept=kept, uid_seed=seed),
        key=lambda p: (first.get(p.name, 2), p.name.lower()),
    )
    uid = next((p.value for p in props if p.name == "UID"), person["handle"])
    for p in props:
        line = (f"{p.group}." if p.group else "") + p.name.upper()
        for key in sorted(p.params):
            line += f";{key}=" + ",".join(quote(v) for v in p.params[key])
        lines.append(f"{line}:{p.value}")
    lines.append("END:VCARD")
    return uid, "".join(map(fold, lines))


def _records(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[dict, int]]:
    return list(zip(person_records(conn, ids), ids, strict=True))


def fold(line: str, width: int = 75) -> str:
    """One content line folded at `width` octets (RFC 6350 3.2), never inside a UTF-8 sequence, with CRLF.

    vobject's foldOneLine measures a line in characters before folding it, so a short line of
    multi-byte text is left longer than 75 octets; this measures octets.
    """
    if len(line) * 4 <= width or len(line.encode("utf-8")) <= width:
        return line + "\r\n"
    if line.isascii():  # photos and keys: slices, no per-character work
        parts = [line[:width]] + [line[i : i + width - 1] for i in range(width, len(line), width - 1)]
        return "\r\n ".join(parts) + "\r\n"
    out, used = [], 0
    for ch in line:
        size = len(ch.encode("utf-8"))
        if used + size > width:
            out.append("\r\n ")
            used = 1
        out.append(ch)
        used += size
    return "".join(out) + "\r\n"


def export_vdir(
    conn: sqlite3.Connection, ids: list[int], folder: Path, version: str = "3.0", synced: Spool | list | None = None
) -> list[Path]:
    """Write one file a card into a vdir (the folder khard and vdirsyncer keep), named by its UID: exporting
    again replaces each card's own file, whole, and leaves other files alone."""
    from ..paths import private_dir, write_private

    private_dir(folder, what="--vdir")
    written = []
    for uid, text in cards_text(conn, ids, version, synced):
        name = re.sub(r"[^A-Za-z0-9._@-]", "_", uid.removeprefix("urn:uuid:"))[:200] or "card"
        written.append(write_private(folder / f"{name}.vcf", text, what="--vdir"))
    return written
