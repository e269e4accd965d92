"""Interactions from the user's own mail: mbox files, Maildir folders, folders of .eml, single .eml files.

Only headers are read (the standard library's `mailbox` finds each message, `email`'s header parser
reads it up to its first blank line); no body is read or stored. A message is an e-mail interaction
with its sender when I am among its recipients, and with each recipient when I sent it. The rules are
stated in the README and held by tests/test_archives.py.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import hashlib
import mailbox
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from pathlib import Path

from .. import text as tx
from ..archive import attribute, matched_since, next_item_id, owners, record_item
from ..errors import BadInput
from ..runtime import paused_gc

MAX_PEOPLE = 10
SOURCE = "mail"
_BULK = re.compile(r"^\s*(bulk|list|junk)\s*$", re.IGNORECASE)
_NOREPLY = re.compile(
    r"(^|[._+-])(no-?reply|do-?not-?reply|donotreply|mailer-daemon|notifications?|bounces?)([._+-]|@)", re.I
)
_SKIPS = ("list", "bulk", "noreply", "too_many_people", "duplicate", "unreadable", "not_mine", "before_since")


@dataclass
class ArchiveSummary:
    """What an archive import did, in the shape `--json` prints."""

    messages: int = 0
    interactions_added: int = 0
    people_matched: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_SKIPS, 0))
    problems: list[dict] = field(default_factory=list)  # a damaged message, by file and position
    suggested_people: int = 0
    suggested_links: int = 0
    events: int | None = None  # calendars: events read, and their occurrences up to today
    occurrences: int | None = None
    # calendars without --since: the first day of the window, when a recurring event began before it (its
    # earlier occurrences were not read)
    not_read_before: str | None = None

    def as_dict(self) -> dict:
        calendar = (
            {}
            if self.events is None
            else {"events": self.events, "occurrences": self.occurrences, "not_read_before": self.not_read_before}
        )
        return {
            **calendar,
            "messages": self.messages,
            "interactions_added": self.interactions_added,
            "people_matched": self.people_matched,
            "skipped": self.skipped,
            "problems": self.problems,
            "suggested_people": self.suggested_people,
            "suggested_links": self.suggested_links,
        }


def addresses(conn: sqlite3.Connection, telling: str) -> tuple[set[str], dict[str, int]]:
    """My own e-mail addresses, and everyone else's with its person (the first, where people share one).

    Without any address of mine an archive cannot be read: `telling` says what cnet could not tell apart."""
    mine: set[str] = set()
    by_address: dict[str, int] = {}
    for key, pid, is_me in conn.execute(
        "SELECT e.address_key, e.person_id, p.is_me FROM email e JOIN person p ON p.id = e.person_id ORDER BY e.id"
    ):
        if is_me:
            mine.add(key)
        else:
            by_address.setdefault(key, pid)
    if not mine:
        raise BadInput(
            f"cnet does not know your own e-mail addresses, so it cannot tell {telling}",
            hint="Add them with: cnet edit me --email you@example.com",
        )
    return mine, by_address


def _unparsed(_name: str, value: str) -> str:
    """A header value as the message has it, unfolded: the header factory that parses nothing."""
    return value


def _header_text(value) -> str:
    """A header as text: encoded words decoded, raw 8-bit bytes read as UTF-8 (else Windows-1252)."""
    if value is None:
        return ""
    raw = str(value)
    if tx.has_surrogates(raw):  # 8-bit bytes the parser kept as surrogates
        b = raw.encode("utf-8", "surrogateescape")
        try:
            raw = b.decode("utf-8")
        except UnicodeDecodeError:
            raw = b.decode("cp1252", "replace")
    try:
        return str(make_header(_decoded_words(raw)))
    except (UnicodeDecodeError, LookupError, ValueError, TypeError):
        return raw


WORDS_AT_ONCE = 200
_WORD_THEN_SPACE = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=[ \t]+")


def _decoded_words(raw: str) -> list[tuple[bytes | str, str | None]]:
    """decode_header's answer, in time proportional to the header's length.

    The standard library's decode_header takes time in the square of a header's encoded words (it pops
    each from the front of a list, and joins bytes one word at a time): 90,000 in one Subject took 15 s.
    A header with more than WORDS_AT_ONCE is cut after the space that follows every WORDS_AT_ONCE-th
    encoded word; each piece is decoded on its own, and the pieces' parts are put together as decode_header
    puts its own: whitespace between two encoded words dropped (RFC 2047), runs of one charset joined."""
    if raw.count("=?") <= WORDS_AT_ONCE:
        return decode_header(raw)
    pieces, at = [], 0
    for n, m in enumerate(_WORD_THEN_SPACE.finditer(raw), 1):
        if n % WORDS_AT_ONCE == 0:
            pieces.append(raw[at : m.end()])
            at = m.end()
    pieces.append(raw[at:])
    parts: list[tuple[bytes, str | None]] = []
    for piece in pieces:
        decoded = [
            (w if isinstance(w, bytes) else w.encode("raw-unicode-escape"), cs) for w, cs in decode_header(piece)
        ]
        if (
            decoded
            and decoded[0][1] is not None
            and len(parts) > 1
            and parts[-1][1] is None
            and parts[-1][0].isspace()
            and parts[-2][1] is not None
        ):
            parts.pop()  # the space a piece ended with lay between two encoded words: not text
        parts += decoded
    runs: list[tuple[list[bytes], str | None]] = []
    for word, charset in parts:
        if runs and runs[-1][1] == charset:
            runs[-1][0].append(word)
        else:
            runs.append(([word], charset))
    return [(b"".join(words), charset) for words, charset in runs]


def _addresses(msg, *names: str) -> list[tuple[str, str]]:
    """(display name, address) of every address in these headers, addresses lower-cased."""
    try:
        values = [_header_text(v) for n in names for v in (msg.get_all(n) or [])]
    except (ValueError, TypeError, IndexError, AttributeError):  # a header the parser cannot read as addresses
        return []
    out = []
    for name, addr in email.utils.getaddresses(values):
        addr = addr.strip().strip("<>").lower()
        if "@" in addr and not tx.has_control(addr):
            out.append((name.strip(), addr))
    return out


def messages(paths: list[Path]) -> Iterator[tuple[str, int, bytes | str | None]]:
    """Each message's header bytes, with the file it came from and its position there (None if unreadable;
    a reason instead, when a message's file is not a regular file and was not opened).

    An mbox is read message by message from disk, never whole; only the header block of each is kept.
    Only regular files are opened: a FIFO, a device or a socket among them is named and never read."""
    from ..paths import input_kind, open_input, refuse_unreadable

    for path in paths:
        kind = input_kind(path, what=str(path))
        if kind == "a folder":
            if (path / "cur").is_dir() or (path / "new").is_dir():
                for n, f in enumerate(_maildir_files(path), 1):
                    yield str(path), n, _head_of_file(f)
            else:
                for n, f in enumerate(sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml"), 1):
                    yield str(f), n, _head_of_file(f)
        elif kind == "a regular file" and path.suffix.lower() == ".eml":
            with open_input(path, stdin=False) as fh:
                yield str(path), 1, _head_of(fh)
        elif kind == "a regular file":
            mbox = mailbox.mbox(path, factory=None, create=False)
            for n, key in enumerate(mbox.iterkeys(), 1):
                yield str(path), n, _head_of(mbox.get_file(key))
        else:
            raise refuse_unreadable(path, kind)


def _maildir_files(folder: Path) -> list[Path]:
    """The messages of a Maildir (its cur/ and new/ folders), in the order of their unique names."""
    found = []
    for sub in ("new", "cur"):
        try:
            entries = list(os.scandir(folder / sub))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.startswith(".") and not entry.is_dir():
                found.append((entry.name.split(":", 1)[0], Path(entry.path)))
    return [p for _key, p in sorted(found)]


def _head_of_file(path: Path) -> bytes | str | None:
    """The header block of one message file; a reason when it is not a regular file (never opened)."""
    from ..paths import open_input

    try:
        fh = open_input(path, stdin=False)
    except BadInput as exc:
        return exc.message
    return _head_of(fh)


MAX_HEAD = 1 << 20  # no real header block is a megabyte


def _head_of(fh) -> bytes | None:
    """The header block of a message (up to its first blank line), read from a file positioned at its start;
    None past MAX_HEAD bytes or 5,000 lines (a line is never read past the limit, however long it is)."""
    lines = []
    size = 0
    try:
        while True:
            line = fh.readline(MAX_HEAD + 1 - size)
            if not line or line in (b"\n", b"\r\n"):
                break
            lines.append(line)
            size += len(line)
            if size > MAX_HEAD or len(lines) > 5000:
                return None
    finally:
        fh.close()
    return b"".join(lines) if lines else None


def _date(msg) -> dt.date | None:
    try:
        when = email.utils.parsedate_to_datetime(_header_text(msg.get("Date")))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when.date() if when else None


@paused_gc()
def import_mail(
    conn: sqlite3.Connection,
    paths: list[Path],
    *,
    since: str | None = None,
    subjects: bool = True,
    max_people: int = MAX_PEOPLE,
    progress: Callable[[int, int], None] | None = None,
) -> ArchiveSummary:
    """Read messages into the caller's write transaction: interactions with the people they name."""
    from ..dates import parse_partial_date

    mine, _by_address = addresses(conn, "what you sent from what you received")
    first_day = parse_partial_date(since, field="--since").earliest() if since else None
    today = dt.date.today()
    # Headers are kept as the unfolded text they are (raw 8-bit bytes as surrogates, which _header_text reads
    # as UTF-8): the default policy's structured header objects cost 4× the rest of the import, and compat32
    # would turn 8-bit values into Header objects that lose their bytes.
    parser = BytesHeaderParser(policy=email.policy.default.clone(header_factory=_unparsed))
    summary = ArchiveSummary()
    first_item = next_item_id(conn)
    seen: set[str] = set()
    for fname, n, head in messages(paths):
        summary.messages += 1
        if progress and summary.messages % 500 == 0:
            progress(summary.messages, 0)
        if head is None or isinstance(head, str):
            summary.skipped["unreadable"] += 1
            reason = head or "no headers could be read"
            summary.problems.append({"file": fname, "message": n, "reason": reason})
            continue
        try:
            msg = parser.parsebytes(head)
        except Exception as exc:  # the header parser's own errors vary by damage: one message is skipped
            summary.skipped["unreadable"] += 1
            summary.problems.append({"file": fname, "message": n, "reason": f"unreadable headers ({exc})"})
            continue
        if msg.get("List-Id") or msg.get("List-Unsubscribe"):
            summary.skipped["list"] += 1
            continue
        auto = _header_text(msg.get("Auto-Submitted")).strip().lower()
        if _BULK.match(_header_text(msg.get("Precedence"))) or (auto and auto != "no"):
            summary.skipped["bulk"] += 1
            continue
        senders = _addresses(msg, "From")
        if not senders or _NOREPLY.search(senders[0][1]):
            summary.skipped["noreply" if senders else "unreadable"] += 1
            if not senders:
                summary.problems.append({"file": fname, "message": n, "reason": "no From address"})
            continue
        to, cc = _addresses(msg, "To"), _addresses(msg, "Cc", "Bcc")
        recipients = to + cc
        sender = senders[0]
        if sender[1] in mine:
            direction = "out"
        elif any(r[1] in mine for r in recipients):
            direction = "in"
        else:
            summary.skipped["not_mine"] += 1
            continue
        others = {a for _name, a in [sender, *recipients] if a not in mine}
        if len(others) > max_people:
            summary.skipped["too_many_people"] += 1
            continue
        day = _date(msg)
        if day is None or day > today:
            summary.skipped["unreadable"] += 1
            summary.problems.append({"file": fname, "message": n, "reason": "no date, or a date in the future"})
            continue
        if first_day and day < first_day:
            summary.skipped["before_since"] += 1
            continue
        message_id = _header_text(msg.get("Message-ID")).strip() or _synthetic_id(sender[1], day, msg)
        on_it: dict[str, tuple[str, str]] = {}  # address -> (name, role): its first role on the message
        for role, found in (("from", [sender]), ("to", to), ("cc", cc)):
            for name, a in found:
                if a not in mine:
                    on_it.setdefault(a, (name, role))
        subject = " ".join(_header_text(msg.get("Subject")).split())[:500] if subjects else None
        kept = [(a, name, role) for a, (name, role) in on_it.items()]
        if record_item(conn, SOURCE, message_id, day.isoformat(), direction, kept, subject=subject) is None:
            # the same message again (Takeout repeats one per label), now or in an earlier import
            summary.skipped["duplicate"] += 1
        seen.update(on_it)
    # What was kept becomes interactions with whoever has these addresses (the one place that decides it).
    summary.interactions_added = attribute(conn, owners(conn, seen))
    summary.people_matched = matched_since(conn, first_item)
    return summary


def _synthetic_id(sender: str, day: dt.date, msg) -> str:
    """A message with no Message-ID is known by its sender, date and subject."""
    basis = f"{sender}|{day}|{_header_text(msg.get('Date'))}|{_header_text(msg.get('Subject'))}"
    return "<cnet-" + hashlib.sha256(basis.encode("utf-8", "surrogateescape")).hexdigest()[:24] + ">"
