"""LinkedIn's messages.csv (and the Positions, Education and outgoing Invitations of the same export).

Every column variant seen in exports from 2018 on is read by what its columns name:

- `CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT,
  CONTENT, FOLDER, ATTACHMENTS, IS MESSAGE DRAFT, IS CONVERSATION DRAFT` (2023 on, every header quoted),
- the same without the drafts' columns or `ATTACHMENTS` (2022), without `RECIPIENT PROFILE URLS` (2020–21),
  without any profile URL (`CONVERSATION ID, CONVERSATION TITLE, FROM, TO, DATE, SUBJECT, CONTENT, FOLDER`),
- and 2018's `From, To, Date, Subject, Content, Direction, Folder`.

A message is kept like an e-mail (curated_net.archive): its conversation, sender and time as its id, its date,
direction and subject (unless subjects are not kept), and the people on it by profile URL — where a row names
someone without a URL, by the one person here of that exact name. Its content is never stored. A message to
me is an interaction with its sender; one I sent, with each recipient. Drafts, sponsored messages and
InMail from LinkedIn itself are skipped; a row that cannot be read is reported with its line.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

from .. import text as tx
from ..archive import attribute, matched_since, next_item_id, owners, record_item
from ..errors import BadInput

SOURCE = "linkedin"
MAX_PEOPLE = 10
# Senders that are LinkedIn itself or an advertiser, not a person.
_NOT_PEOPLE = frozenset(
    tx.name_key(n)
    for n in ("LinkedIn", "LinkedIn Member", "Sponsored Conversation", "LinkedIn Talent Solutions", "LinkedIn Premium")
)
_NOT_MINE_FOLDERS = frozenset({"spam", "sponsored", "junk"})
_YES = frozenset({"yes", "true", "1", "y"})


@dataclass
class _Row:
    line: int
    conversation: str
    sender_name: str
    sender_url: str | None
    to_names: list[str]
    to_urls: list[str]
    to_whole: str
    when: str
    day: str
    subject: str
    direction: str  # INCOMING / OUTGOING when the file says, else ''
    folder: str
    digest: str  # of the content, in memory only: tells a row repeated from another message of the same second


def _url(text: str) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return tx.normalise_linkedin(text)
    except BadInput:
        return None


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;]", text or "") if p.strip()]


def _me(conn: sqlite3.Connection, rows: list[_Row], invited_by: str | None) -> tuple[str | None, str]:
    """My profile URL (mine on record, the one who sent my invitations, else the one on the most conversations),
    and my name key."""
    me = conn.execute("SELECT linkedin, name_key FROM person WHERE is_me = 1").fetchone()
    if me is None:
        raise BadInput("this database has no owner yet", hint='Run: cnet init --name "Your Name"')
    if me[0]:
        return me[0], me[1]
    if invited_by:
        return invited_by, me[1]
    seen: dict[str, set[str]] = {}
    for r in rows:
        for url in (r.sender_url, *r.to_urls):
            if url:
                seen.setdefault(url, set()).add(r.conversation or f"#{r.line}")
    if seen:
        ranked = Counter({url: len(c) for url, c in seen.items()}).most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            return ranked[0][0], me[1]
        # a tie (one conversation): the sender whose name is mine
        for r in rows:
            if r.sender_url and tx.name_key(r.sender_name) == me[1]:
                return r.sender_url, me[1]
    return None, me[1]


def read_rows(records: list[tuple[int, dict]], fname: str, skipped: list[dict]) -> list[_Row]:
    """The rows of messages.csv as messages (content dropped at once); a row that cannot be read is reported."""
    import hashlib

    from .linkedin import parse_date

    out = []
    for line, rec in records:
        # Never kept, not even in memory past this point: only a digest, to know a repeated row for what it is.
        digest = hashlib.blake2b((rec.pop("content", None) or "").encode(), digest_size=8).hexdigest()
        if (rec.get("ismessagedraft") or "").strip().lower() in _YES:
            skipped.append({"file": fname, "line": line, "reason": "a draft, never sent"})
            continue
        when = (rec.get("date") or "").strip()
        try:
            day = parse_date(when)
        except ValueError as exc:
            skipped.append({"file": fname, "line": line, "reason": str(exc)})
            continue
        if day is None:
            skipped.append({"file": fname, "line": line, "reason": "no date"})
            continue
        sender = " ".join((rec.get("from") or "").split())
        sender_url = _url(rec.get("senderprofileurl", ""))
        if not sender and not sender_url:
            skipped.append({"file": fname, "line": line, "reason": "no sender"})
            continue
        if tx.has_control(sender) or len(sender) > 500:
            skipped.append({"file": fname, "line": line, "reason": "the sender's name is not a name"})
            continue
        urls = [u for u in (_url(x) for x in _split(rec.get("recipientprofileurls", ""))) if u]
        out.append(
            _Row(
                line,
                (rec.get("conversationid") or "").strip(),
                sender,
                sender_url,
                [n for n in _split(rec.get("to", "")) if not tx.has_control(n) and len(n) <= 500],
                urls,
                " ".join((rec.get("to") or "").split()) if not tx.has_control(rec.get("to") or "") else "",
                when,
                day,
                " ".join((rec.get("subject") or "").split())[:500],
                (rec.get("direction") or "").strip().upper(),
                (rec.get("folder") or "").strip().lower(),
                digest,
            )
        )
    return out


def import_messages(
    conn: sqlite3.Connection,
    fname: str,
    records: list[tuple[int, dict]],
    skipped: list[dict],
    *,
    invited_by: str | None = None,
    subjects: bool = True,
    max_people: int = MAX_PEOPLE,
) -> dict:
    """Keep the messages of messages.csv in the caller's transaction; return what was done, by count."""
    rows = read_rows(records, fname, skipped)
    my_url, my_name = _me(conn, rows, invited_by)
    my_url_saved = _save_my_url(conn, my_url)
    today = dt.date.today().isoformat()
    by_name: dict[str, list[tuple[str, str | None]]] = {}
    for handle, key, url in conn.execute("SELECT handle, name_key, linkedin FROM person WHERE is_me = 0"):
        by_name.setdefault(key, []).append((handle, url))

    def address(name: str, url: str | None) -> str | None:
        """Where a person on a message is kept: their profile URL, else the one person here of that name."""
        if url:
            return url
        found = by_name.get(tx.name_key(name), [])
        if len(found) == 1:
            handle, known_url = found[0]
            return known_url or f"handle:{handle}"
        return None

    counts = Counter[str]()
    first_item = next_item_id(conn)
    seen: set[str] = set()
    ids = Counter[str]()
    rows_seen: dict[tuple[str, str], int] = {}  # (message, content digest) -> the line it was first read on
    for r in rows:
        if r.folder in _NOT_MINE_FOLDERS or tx.name_key(r.sender_name) in _NOT_PEOPLE:
            counts["bulk"] += 1
            continue
        if r.day > today:
            skipped.append({"file": fname, "line": r.line, "reason": "a date in the future"})
            continue
        mine_sent = (
            r.direction == "OUTGOING"
            or (my_url is not None and r.sender_url == my_url)
            or (r.sender_url is None and tx.name_key(r.sender_name) == my_name)
            or r.folder == "sent"
        )
        names, urls = _recipients(r)
        if mine_sent:
            direction = "out"
            people = [
                (a, n or None, "to")
                for n, u in zip(names, urls, strict=True)
                if (a := address(n, u)) and a != my_url and tx.name_key(n) != my_name
            ]
        else:
            to_me = r.direction == "INCOMING" or not r.to_urls or (my_url is not None and my_url in r.to_urls)
            if not to_me:
                counts["not_mine"] += 1
                skipped.append({"file": fname, "line": r.line, "reason": "neither from you nor to you"})
                continue
            direction = "in"
            a = address(r.sender_name, r.sender_url)
            people = [(a, r.sender_name or None, "from")] if a else []
            people += [  # the others it went to: kept (for suggested links), not interactions
                (x, n or None, "to")
                for n, u in zip(names, urls, strict=True)
                if (x := address(n, u)) and x != my_url and tx.name_key(n) != my_name
            ]
        if not people:
            skipped.append({"file": fname, "line": r.line, "reason": "no profile URL, and no one here by that name"})
            continue
        if len({a for a, _n, _r in people}) > max_people:
            counts["too_many_people"] += 1
            continue
        base = f"li:{r.conversation}|{r.sender_url or tx.name_key(r.sender_name)}|{r.when}"
        if not r.conversation:
            base += f"|{','.join(sorted(a for a, _n, _r in people))}|{r.subject}"
        first = rows_seen.setdefault((base, r.digest), r.line)
        if first != r.line:  # the same row twice in the file: one message
            counts["repeated"] += 1
            skipped.append({"file": fname, "line": r.line, "reason": f"the same message as line {first}"})
            continue
        ids[base] += 1
        source_id = base if ids[base] == 1 else f"{base}#{ids[base]}"  # the nth message of one instant
        subject = r.subject if subjects and r.subject else None
        if record_item(conn, SOURCE, source_id, r.day, direction, people, subject=subject) is None:
            counts["duplicate"] += 1
        else:
            counts["messages"] += 1
        seen.update(a for a, _n, _r in people)
    added = attribute(conn, owners(conn, seen) | _handles(conn, seen))
    return {
        "rows": len(records),
        "messages": counts["messages"],
        "interactions_added": added,
        "people_matched": matched_since(conn, first_item),
        "duplicate": counts["duplicate"],
        "skipped_bulk": counts["bulk"],
        "skipped_not_mine": counts["not_mine"],
        "skipped_too_many_people": counts["too_many_people"],
        "skipped_repeated": counts["repeated"],
        "my_profile": my_url,
        "my_profile_saved": my_url_saved,
    }


def _save_my_url(conn: sqlite3.Connection, url: str | None) -> bool:
    """Keep the profile URL the file showed to be mine, when I have none on record and no one else has it."""
    from ..people.writes import set_fields

    if url is None:
        return False
    me, mine = conn.execute("SELECT id, linkedin FROM person WHERE is_me = 1").fetchone()
    if mine or conn.execute("SELECT 1 FROM person WHERE linkedin = ? AND is_me = 0", (url,)).fetchone():
        return False
    set_fields(conn, me, {"linkedin": url})
    return True


def _recipients(r: _Row) -> tuple[list[str], list[str | None]]:
    """The recipients as (names, profile URLs) in pairs: by position where the two lists agree; one URL goes with
    the whole TO (a name may hold a comma: "Ann Lee, PhD"); otherwise the URLs alone, or the names alone."""
    if r.to_urls:
        if len(r.to_urls) == len(r.to_names):
            return r.to_names, list(r.to_urls)
        if len(r.to_urls) == 1:
            return [r.to_whole], list(r.to_urls)
        return [""] * len(r.to_urls), list(r.to_urls)
    return r.to_names, [None] * len(r.to_names)


def _handles(conn: sqlite3.Connection, addresses: set[str]) -> set[int]:
    handles = [a.removeprefix("handle:") for a in addresses if a.startswith("handle:")]
    if not handles:
        return set()
    import json

    return {
        r[0]
        for r in conn.execute(
            "SELECT id FROM person WHERE handle IN (SELECT value FROM json_each(?))", (json.dumps(handles),)
        )
    }


# -- my employers and schools, and the invitations I sent --------------------------------------------------


def _month(text: str) -> str | None:
    """'Jan 2016', '2016', '01/2016', '2016-01' as a partial date; None if empty or unreadable."""
    from .linkedin import _MONTHS

    t = (text or "").strip()
    if not t:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?$", t)
    if m:
        return f"{m[1]}-{int(m[2]):02d}" if m[2] else m[1]
    m = re.match(r"^([^\W\d_]+)\.?\s+(\d{4})$", t)
    if m and (_MONTHS.get(m[1].lower()[:4]) or _MONTHS.get(m[1].lower()[:3])):
        month = _MONTHS.get(m[1].lower()[:4]) or _MONTHS[m[1].lower()[:3]]
        return f"{m[2]}-{month:02d}"
    m = re.match(r"^(\d{1,2})/(\d{4})$", t)
    if m:
        return f"{m[2]}-{int(m[1]):02d}"
    from .linkedin import parse_date

    try:
        return parse_date(t)
    except ValueError:
        return None


def import_affiliations(
    conn: sqlite3.Connection, kind: str, fname: str, records: list[tuple[int, dict]], skipped: list[dict], stamp: str
) -> dict:
    """Positions.csv (employers) or Education.csv (schools): mine, kept with their periods."""
    from ..people import affiliations

    me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()
    if me is None:
        raise BadInput("this database has no owner yet", hint='Run: cnet init --name "Your Name"')
    name_col = "companyname" if kind == "employer" else "schoolname"
    added = 0
    for line, rec in records:
        name = " ".join((rec.get(name_col) or "").split())
        if not name:
            skipped.append(
                {"file": fname, "line": line, "reason": f"no {'company' if kind == 'employer' else 'school'}"}
            )
            continue
        if tx.has_control(name) or len(name) > 300:
            skipped.append({"file": fname, "line": line, "reason": "not a name of a place"})
            continue
        start = _month(rec.get("startedon") or rec.get("startdate") or "")
        until = _month(rec.get("finishedon") or rec.get("enddate") or "")
        added += affiliations.add(conn, me[0], kind, name, start, until, source=SOURCE, stamp=stamp)
    return {"rows": len(records), kind + "s": added}


def keep_invitation(conn: sqlite3.Connection, to_name: str, to_url: str | None, day: str) -> bool:
    """An invitation I sent, kept by the profile it went to (not an interaction: the review's score reads it)."""
    url = _url(to_url or "")
    if not url:
        return False
    return record_item(conn, SOURCE, f"invite:{url}|{day}", day, "invite", [(url, to_name or None, "to")]) is not None
