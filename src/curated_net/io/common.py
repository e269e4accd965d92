"""What every importer shares: who is already here, fields an import may update, text of unknown encoding."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from .. import text as tx
from ..errors import BadInput
from ..people.writes import (
    check_fields,
    check_name,
    check_text,
    create_person,
    insert_emails,
    insert_people,
    person_values,
    set_fields,
)


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
    conflicts: list[dict] = field(default_factory=list)  # a field both sides changed since the last sync
    removed: list[dict] | None = None  # people whose card was deleted in another client (vdir imports)

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "files": self.files,
            "also": self.also,
            "conflicts": self.conflicts,
        } | ({} if self.removed is None else {"removed": self.removed})


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


def decode_chunk(raw: bytes, charset: str | None = None, *, fallback: str | None = None) -> str:
    """Decode bytes in the declared charset, else UTF-8, else `fallback` (what the file's other bytes are),
    else Windows-1252, never to U+FFFD."""
    for encoding in (charset, "utf-8", fallback, "cp1252"):
        if encoding:
            try:
                return raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return raw.decode("latin-1")


# The legacy code pages address books wrote names in, each with the script it was made for: what the
# detector proposes is held to these, and to what a name in that script can look like (_anomalies).
_NATIVE = {
    "cp1252": "LATIN",
    "cp1250": "LATIN",
    "cp1251": "CYRILLIC",
    "cp1253": "GREEK",
    "cp1255": "HEBREW",
    "cp1256": "ARABIC",
    "cp1257": "LATIN",
    "cp1254": "LATIN",
    "cp949": "HANGUL",
    "euc_kr": "HANGUL",
    "cp932": "CJK",
    "shift_jis": "CJK",
    "gb18030": "CJK",
    "gbk": "CJK",
    "big5": "CJK",
    "koi8_r": "CYRILLIC",
    "cp874": "THAI",
}  # fmt: skip (in the order a tie is settled: the code pages more address books wrote first)
_EAST_ASIAN = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK"}
_VOWELS = {
    "LATIN": set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ"),
    "CYRILLIC": set("аеёиоуыэюяіїєў"),
    "GREEK": set("αεηιουωάέήίόύώϊϋΐΰ"),
}
_RARE_LATIN = set("ðþđ")  # letters only Icelandic and Faroese (ð, þ) or the South Slavic languages (đ) write
_NOT_WITH_RARE = set("çñãõøåàèìòùâêîôûÿœ")
_LATVIAN = set("āēīūģķļņ")
_POLISH = set("żźśćńł")
_HEBREW_FINAL = set("ךםןףץ")
_HEBREW_NOT_FINAL = set("כמנפצ")


def _script(ch: str) -> str:
    import unicodedata

    word = unicodedata.name(ch, "").split(" ")[0]
    return _EAST_ASIAN.get(word, word)


def _anomalies(text: str) -> tuple[int, str] | None:
    """How many words of a decoding no name in its script would have, and the script; None when the
    decoding mixes scripts or holds what no text holds (a control, a private-use character)."""
    import unicodedata

    letters = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    if any(unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r" for ch in text):
        return None
    if not letters:
        return 0, "LATIN"
    scripts = [_script(ch) for ch in letters]
    main = max(set(scripts), key=scripts.count)
    if scripts.count(main) < 0.9 * len(letters):
        return None
    if main == "LATIN" and any(_script(ch) != "LATIN" for ch in text if ch.isalpha()):
        return None
    bad = 0
    capitals = any(ch.isupper() for ch in letters)
    if any(ord(ch) > 0x7F and not ch.isalpha() for ch in text):  # a symbol where a letter should be
        for a, b, c in zip(" " + text, text, text[1:] + " ", strict=False):  # (before, it, after)
            if ord(b) > 0x7F and not b.isalpha() and (a.isalpha() or c.isalpha()):
                if b == "\u2019" and a.isalpha() and c.isalpha():
                    continue  # O’Brien
                bad += 1
    for word in "".join(ch if ch.isalpha() or unicodedata.category(ch) == "Mn" else " " for ch in text).split():
        if unicodedata.category(word[0]) == "Mn":  # a mark on no letter
            bad += 1
            continue
        if main in _VOWELS:
            lower = word.lower()
            if main != "LATIN" and not (word.isupper() or word.islower() or word[1:].islower()):
                bad += 1  # "иВАН", "НЯкпт": a name is capitalised, or all in capitals
            elif main != "LATIN" and not capitals:
                bad += 1  # Greek or Cyrillic with no capital anywhere: Hebrew bytes read as small letters
            elif any(a.islower() and b.isupper() for a, b in pairwise(word)):
                bad += 1  # a capital after a small letter inside a word
            elif len(word) >= 4 and not _VOWELS[main] & set(lower):
                bad += 1  # "Рбрбдьрпхлпт": no vowel
            elif main == "LATIN" and len(word) >= 2 and not any(ch.isascii() for ch in word):
                bad += 1  # "àôøéí", "ãï": a Latin word with no plain letter
            elif main == "LATIN" and set(lower) & _RARE_LATIN and set(lower) & _NOT_WITH_RARE:
                bad += 1  # "Çaðrý", "Çađrý": ð, þ (Icelandic) and đ (Croatian) never beside ç; Turkish ğ misread
            elif main == "LATIN" and len(lower) > 3 and lower.endswith(("iæ", "iè")):
                bad += 1  # "Balaševiæ": the South Slavic -ić read as Windows-1252
            elif main == "LATIN" and set(lower) & _LATVIAN and set(lower) & _POLISH:
                bad += 1  # "Ēašrż": Latvian macrons beside Polish letters (Turkish read as Windows-1257)
            elif main != "LATIN" and any(ch.isascii() for ch in word) and not word.isascii():
                bad += 1  # "Ηaπrύ": a Greek or Cyrillic word with plain Latin letters inside
            elif main == "GREEK" and lower[0] in "ϊϋΐΰ":
                bad += 1  # "Ϊαν": a diaeresis marks a vowel after a vowel, never a word's first letter
            elif main == "CYRILLIC" and lower[0] in "ъьы":
                bad += 1  # "Ъбн": no word opens with a hard sign, a soft sign or ы
            elif main == "GREEK" and ("ς" in word[:-1] or word[-1] == "σ"):
                bad += 1
        elif main == "HEBREW" and (_HEBREW_FINAL & set(word[:-1]) or word[-1] in _HEBREW_NOT_FINAL):
            bad += 1
        elif main == "CJK" and len({0xFF61 <= ord(ch) <= 0xFF9F for ch in word}) == 2:
            bad += 1  # half-width katakana stand alone, never beside kanji
    return bad, main


def legacy_charset(samples: list[bytes]) -> str | None:
    """What legacy code page undeclared non-UTF-8 text is in; None keeps Windows-1252, the usual one.

    charset-normalizer proposes readings; each is held to what text in its script can look like: letters of
    one script, and no word that no name has (a Latin word with no plain letter, a Greek final sigma inside
    a word, a Hebrew final letter inside one, a capital after small letters, a long word with no vowel). The
    reading with fewest such words wins, Windows-1252 on a tie; among CJK readings, the one that keeps to
    its code page's core standard (_core_share)."""
    blob = b"\n".join(s for s in samples if s)
    if not blob:
        return None
    readings: dict[str, tuple[int, int, float]] = {}  # encoding -> (anomalies, order, -core share)
    try:
        latin = _anomalies(blob.decode("cp1252"))
    except UnicodeDecodeError:
        latin = None
    if latin is not None and latin[0] == 0:
        return None  # plain Windows-1252 text: Søren, José, Müller
    from charset_normalizer import from_bytes

    proposed = [m.encoding for m in from_bytes(blob)]
    for order, encoding in enumerate(dict.fromkeys([*proposed, *_NATIVE])):
        if encoding in ("utf_8", "ascii", "latin_1", "cp1252") or encoding not in _NATIVE:
            continue
        try:
            text = blob.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        found = _anomalies(text)
        if found is None or (
            found[1] != _NATIVE[encoding] and not (found[1] == "CJK" and _NATIVE[encoding] == "HANGUL")
        ):
            continue
        readings[encoding] = (found[0] + _uncommon(text, encoding), order, -_core_share(text, encoding))
    if not readings:
        return None
    preference = list(_NATIVE)  # on a tie, the code page more address books wrote
    best = min(readings, key=lambda e: (readings[e][0], readings[e][2], preference.index(e), readings[e][1]))
    if latin is not None and latin[0] <= readings[best][0]:
        return None
    return best


# A CJK code page and the national standard at its core: real text keeps to the core (EUC-KR's 2,350 Hangul,
# JIS X 0208, GB 2312), a misreading wanders out of it ("名無し" in Shift_JIS read as CP949 is "뼹뼰궢",
# syllables no legacy Korean system wrote). A detector's first guess on a few names can be that misreading.
_CORE = {"cp949": "euc_kr", "cp932": "shift_jis", "gb18030": "gb2312", "gbk": "gb2312", "big5hkscs": "big5"}


# Where the characters names are written in lie in each CJK code page (by lead byte): the first level of
# kanji (JIS X 0208) with kana, GB 2312's first level, Big5's frequent characters, KS X 1001's Hangul. A
# reading of other bytes as CJK lands mostly elsewhere.
_COMMON = {
    "cp932": ("shift_jis", ((0x81, 0x84), (0x88, 0x98), (0xA1, 0xDF))),
    "shift_jis": ("shift_jis", ((0x81, 0x84), (0x88, 0x98), (0xA1, 0xDF))),
    "gb18030": ("gb2312", ((0xA1, 0xA9), (0xB0, 0xD7))),
    "gbk": ("gb2312", ((0xA1, 0xA9), (0xB0, 0xD7))),
    "big5": ("big5", ((0xA1, 0xC6),)),
    "cp949": ("euc_kr", ((0xA1, 0xAC), (0xB0, 0xC8))),
    "euc_kr": ("euc_kr", ((0xA1, 0xAC), (0xB0, 0xC8))),
}


def _uncommon(text: str, encoding: str) -> int:
    """How many characters of a CJK reading lie outside the part of its code page names are written in."""
    if encoding not in _COMMON:
        return 0
    core, ranges = _COMMON[encoding]
    out = 0
    for ch in text:
        if ord(ch) <= 0x7F:
            continue
        try:
            lead = ch.encode(core)[0]
        except UnicodeEncodeError:
            out += 1
            continue
        out += not any(lo <= lead <= hi for lo, hi in ranges)
    return out


def _core_share(text: str, encoding: str) -> float:
    """How much of a decoding's non-ASCII text its code page's core standard can write (1.0 for others)."""
    core = _CORE.get(encoding)
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if core is None or not wide:
        return 1.0
    fits = sum(len(ch.encode(core, "replace")) <= 2 and ch.encode(core, "replace") != b"?" for ch in wide)
    return fits / len(wide)  # (EUC-KR spells a syllable outside its core in 8 bytes)


class People:
    """Who is already here, by the identifiers a file carries, strongest first: LinkedIn URL, UID (address
    books), e-mail, then name + company.

    Two records are one person only on evidence that they are: a match is refused when a stronger
    identifier on both sides disagrees (two LinkedIn URLs, two UIDs, two sets of e-mails with none in
    common), and name + company never joins two records of the same file (`used`), so two namesakes at
    one company stay two people, and importing a file again finds each record's own person.
    """

    def __init__(self, conn: sqlite3.Connection, *, source: str | None = None, imported: tuple[str, ...] = ()) -> None:
        """`source` names the import and `imported` the fields it writes (their provenance is recorded for
        the people it creates with `deferred`)."""
        self.conn = conn
        self.source, self.imported = source, imported
        row = conn.execute("SELECT id, name_fold FROM person WHERE is_me = 1").fetchone()
        self.me: int | None = row[0] if row else None
        self.my_fold: str | None = row[1] if row else None  # my name as names are compared (name_fold)
        self.by_url = {u: pid for pid, u in conn.execute("SELECT id, linkedin FROM person WHERE linkedin IS NOT NULL")}
        self.url_of = {pid: u for u, pid in self.by_url.items()}
        self.by_email: dict[str, int] = {}
        self.emails_of: dict[int, set[str]] = {}
        for key, pid in conn.execute("SELECT address_key, person_id FROM email ORDER BY person_id"):
            self.by_email.setdefault(key, pid)
            self.emails_of.setdefault(pid, set()).add(key)
        self.uids_of: dict[int, set[str]] = {}  # filled by importers whose files carry UIDs
        self.used: set[int] = set()  # people a record of the file being read was already matched to
        self.by_name: dict[tuple[str, str], list[int]] = {}
        self.by_name_only: dict[str, list[int]] = {}
        self.registry = {r[0] for r in conn.execute("SELECT handle FROM handle_registry")}  # every handle issued
        self.pending: list[tuple] = []  # people created with `deferred`, until flush()
        self.new_ids: set[int] = set()  # their ids
        self.new_emails: list[tuple[int, str, int]] = []  # their addresses, for insert_emails
        self.forms: dict[str, tuple[str, str, str]] = {}  # tx.name_forms of names met, worked out in batches
        self.next_id = 0
        self.created_elsewhere = 0  # people met only in a secondary file (an invitation, a recognition)
        for pid, fold, company in conn.execute(
            "SELECT id, name_fold, coalesce(company, '') FROM person WHERE is_me = 0"
        ):
            self.by_name.setdefault((fold, tx.name_fold(company)), []).append(pid)
            self.by_name_only.setdefault(fold, []).append(pid)

    def new_file(self) -> None:
        """Start reading another file: its records may match people the last one's did."""
        self.used.clear()

    def flush(self) -> None:
        """Insert the people created with `deferred`, in one batch, with the provenance of what the import
        wrote and their e-mails; their handles are claimed here, in the order they were created, from their
        names' forms worked out all at once."""
        if not self.pending:
            return
        names = [row[1] for row in self.pending if row[1] not in self.forms]
        self.forms.update(zip(names, tx.name_forms(names), strict=True))
        forms, registry = self.forms, self.registry
        insert_people(
            self.conn,
            [
                (
                    pid,
                    *person_values(
                        handle or tx.claim_handle(forms[name][2], registry),
                        name,
                        stamp,
                        company=company,
                        title=title,
                        url=url,
                        forms=forms[name],
                    ),
                )
                for pid, name, stamp, company, title, url, handle, _ in self.pending
            ],
        )
        for pid, _name, stamp, *_row, more in self.pending:
            if more:
                set_fields(self.conn, pid, more, stamp=stamp)
        if self.source and self.imported:
            record_imported(self.conn, self.new_ids, self.imported, self.source)
        insert_emails(self.conn, self.new_emails)
        for pending in (self.pending, self.new_ids, self.new_emails):
            pending.clear()

    def find(
        self,
        url: str | None,
        email: str | None,
        name: str,
        company: str,
        *,
        uid: str | None = None,
        emails: tuple[str, ...] | list[str] = (),
        by_name: Callable[[int], bool] | None = None,
        by_email: Callable[[int], bool] | None = None,
    ) -> int | None:
        """The person a record names, or None: see the class for the rules. The one found is marked used;
        `by_name` says whom a name and company may find, `by_email` whom an e-mail may."""
        keys = [email.casefold()] if email and not emails else sorted({e.casefold() for e in (*emails, email) if e})
        found = self.by_url.get(url) if url else None
        if found is not None and not self._agrees(found, url, uid):
            found = None
        if found is None:
            found = next(
                (
                    pid
                    for k in keys
                    for pid in self.email_holders(k)
                    if self._agrees(pid, url, uid) and (by_email is None or by_email(pid))
                ),
                None,
            )
        if found is None:
            for pid in self.by_name.get((tx.name_fold(name), tx.name_fold(company)), ()):
                # A name is weak evidence: never for a person a record of this file already was, nor against
                # e-mails that share nothing.
                if pid in self.used or not self._agrees(pid, url, uid) or (by_name and not by_name(pid)):
                    continue
                if keys and self.emails_of.get(pid) and self.emails_of[pid].isdisjoint(keys):
                    continue
                found = pid
                break
        if found is not None:
            self.used.add(found)
        return found

    def email_holders(self, key: str) -> Iterable[int]:
        """Who an e-mail address (casefolded) may find: the first person met with it."""
        pid = self.by_email.get(key)
        return () if pid is None else (pid,)

    def _agrees(self, pid: int, url: str | None, uid: str | None) -> bool:
        """Whether no stronger identifier of this person disagrees with the record's (URL, UID)."""
        if url and self.url_of.get(pid, url) != url:
            return False
        return not (uid and self.uids_of.get(pid) and uid not in self.uids_of[pid])

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
        checked: bool = False,
        stem: str | None = None,
        handle_now: bool = False,
        more: dict[str, object] | None = None,
        remember: bool = True,
    ) -> tuple[int, str | None]:
        """Add a person; return their id and handle. With `deferred`, the row waits for flush(): the id is
        final at once, the handle too with `handle_now` or a `stem` (else None until the flush claims it
        from the name). The name, company, title and `more` fields obey the rules of every other path
        (`people.writes`); BadInput says why not, before anything is kept. `checked` says the caller has
        already passed name, company and title through those rules; without `remember`, the caller
        remembers them (remember_unshared)."""
        if not checked:
            name = check_name(name)
            company = check_text(company, what="company", one_line=True)
            title = check_text(title, what="title", one_line=True)
        more = check_fields(more) if more else None
        if deferred:
            # Inside the import's write transaction nobody else inserts, so the next rowid is ours to give.
            if not self.pending:
                self.next_id = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM person").fetchone()[0]
            pid, self.next_id = self.next_id, self.next_id + 1
            self.new_ids.add(pid)
            handle = tx.claim_handle(stem or tx.slugify(name), self.registry) if stem or handle_now else None
            self.pending.append((pid, name, stamp, company, title, url, handle, more))
        else:
            pid, handle = create_person(
                self.conn,
                name,
                company=company,
                title=title,
                linkedin=url,
                stem=stem,
                stamp=stamp,
                registry=self.registry,
            )
            if more:
                set_fields(self.conn, pid, more, stamp=stamp)
        if remember:
            self.remember(pid, url, email, name, company or "")
        return pid, handle

    def unshared(self, records: list[tuple[str | None, str | None, str, str]]) -> list[tuple[str, str] | None]:
        """For each record of a file (LinkedIn URL, e-mail, name, company), its name key when it can only be
        a new person — none of its identifiers is anyone's here, nor another record's — else None. Such a
        record needs no lookup (find), and it is remembered by remember_unshared."""
        names = [name for _, _, name, _ in records]
        forms = tx.name_forms(names)
        self.forms.update(zip(names, forms, strict=True))  # for flush(), which needs them again
        folds = [f[1] for f in forms]
        companies = {company: tx.name_fold(company) for company in {company for _, _, _, company in records}}
        named = [(fold, companies[company]) for fold, (_, _, _, company) in zip(folds, records, strict=True)]
        urls = [url for url, _, _, _ in records]
        mails = [email.casefold() if email else None for _, email, _, _ in records]
        url_count, mail_count, name_count = Counter(urls), Counter(mails), Counter(named)
        return [
            key
            if name_count[key] == 1
            and key not in self.by_name
            and (url is None or (url_count[url] == 1 and url not in self.by_url))
            and (mail is None or (mail_count[mail] == 1 and mail not in self.by_email))
            else None
            for key, url, mail in zip(named, urls, mails, strict=True)
        ]

    def remember_unshared(self, pid: int, url: str | None, email: str | None, key: tuple[str, str]) -> None:
        """remember() for a new person whose record unshared() found sharing nothing (`key` its name key):
        nothing of theirs is there to add to."""
        self.used.add(pid)
        if url:
            self.by_url[url], self.url_of[pid] = pid, url
        if email:
            self.by_email[email.casefold()], self.emails_of[pid] = pid, {email.casefold()}
        self.by_name[key] = [pid]
        self.by_name_only.setdefault(key[0], []).append(pid)

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
            same = self.by_name.get((tx.name_fold(name), tx.name_fold(company)))
            if same:
                return same[0]
        same = self.by_name_only.get(tx.name_fold(name), [])
        if same:
            return min(same)  # several with that name: the first one met, never yet another copy
        self.created_elsewhere += 1
        return self.create(name, stamp, company=company, url=url)[0]

    def remember(
        self, pid: int, url: str | None, email: str | None, name: str, company: str, *, uid: str | None = None
    ) -> None:
        self.used.add(pid)
        if url:
            self.by_url.setdefault(url, pid)
            self.url_of.setdefault(pid, url)
        if email:
            self.by_email.setdefault(email.casefold(), pid)
            self.emails_of.setdefault(pid, set()).add(email.casefold())
        if uid:
            self.uids_of.setdefault(pid, set()).add(uid)
        fold = tx.name_fold(name)
        same = self.by_name.setdefault((fold, tx.name_fold(company)), [])
        if pid not in same:
            same.append(pid)
        alike = self.by_name_only.setdefault(fold, [])
        if pid not in alike:
            alike.append(pid)


def record_imported(conn, ids: Iterable[int], fields: tuple[str, ...], source: str) -> None:
    """record_provenance's batched form, for people this import created: each field as `source` gave it,
    read from their rows, stamped with their creation."""
    named = " UNION ALL ".join(f"SELECT '{c}' AS field" for c in fields)  # the code's own column names
    value = "CASE f.field " + " ".join(f"WHEN '{c}' THEN p.{c}" for c in fields) + " END"
    conn.execute(
        "INSERT OR REPLACE INTO provenance (person_id, field, source, value, updated_at) "
        f"SELECT p.id, f.field, ?, {value}, p.created_at "
        f"FROM json_each(?) AS j JOIN person p ON p.id = j.value, ({named}) AS f",
        (source, json.dumps(sorted(ids))),
    )


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


def move_provenance(conn, other: int, keep: int) -> None:
    """Give `keep` what the imports wrote of `other`'s fields (merge), where keep has no record of its own."""
    conn.execute(
        "INSERT OR IGNORE INTO provenance (person_id, field, source, value, updated_at) "
        "SELECT ?, field, source, value, updated_at FROM provenance WHERE person_id = ?",
        (keep, other),
    )
