"""The whole database as one JSON document, and back.

Shape (version 2: version 1 plus the kept vCard properties), documented in the README: people are keyed by handle; everything that points
at a person uses the handle; introductions and requests keep their numbers. Export → import →
export gives the same document byte for byte (no timestamps of the export itself).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator

from .. import text as tx
from ..dates import parse_partial_date
from ..errors import BadInput
from ..people.records import person_records
from ..runtime import paused_gc
from ..store.database import set_meta
from .handles import HandleTable

FORMAT = "cnet-export"
VERSION = 3  # 3: employers and schools travel with each person (2 kept them in an "affiliations" section)
READS = (1, 2, 3)

_PERSON_FIELDS = (
    "handle",
    "name",
    "nickname",
    "pronouns",
    "company",
    "title",
    "location",
    "linkedin",
    "how_met",
    "met_on",
    "notes",
    "do_not_introduce",
    "no_recruiters",
    "is_me",
    "created_at",
    "updated_at",
)


BATCH = 2_000  # records fetched at a time: memory stays flat whatever the size of the network


def _batched(rows: Iterable, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_all(conn: sqlite3.Connection, *, decisions: list[dict], policy_text: str | None) -> dict:
    """The whole document in memory (for the Python API; `write_document` streams the same document)."""
    doc: dict = {}
    for key, value in export_sections(conn, decisions=decisions, policy_text=policy_text):
        if value is None or isinstance(value, (str, int, dict)):
            doc[key] = value
        else:
            doc[key] = [json.loads(x) for x in value] if isinstance(value, RawLines) else list(value)  # type: ignore[call-overload]
    return doc


def export_sections(
    conn: sqlite3.Connection, *, decisions: list[dict], policy_text: str | None
) -> Iterator[tuple[str, object]]:
    """The document's members in order, each a value or an iterator of records read as they are written.

    People come in the order they were added (their ids), and what belongs to people in the order of
    its people: a restore adds them in that order, so the next export is the same document, and every
    list comes straight off an index — nothing is sorted or held but one batch and every handle (one text
    and an array of offsets: flat memory at a million people)."""
    quoted = HandleTable(conn, _quote, by_handle=True)
    handle = _Unquoted(quoted)
    yield "format", FORMAT
    yield "version", VERSION
    yield "people", _people(conn)
    yield "connections", _connections(conn, handle)
    yield "links", _links(conn, quoted)
    yield "interactions", _interactions(conn, handle)
    recognition = sorted(
        (
            {
                "person": handle[pid],
                "kind": k,
                "skill": sk,
                "text": t,
                "given_on": g,
                "source": src,
                "status": st,
                "created_at": c,
            }
            for pid, k, sk, t, g, src, st, c in conn.execute(
                "SELECT person_id, kind, skill, text, given_on, source, status, created_at FROM recognition ORDER BY id"
            )
        ),
        key=lambda x: (x["person"], x["kind"], x["given_on"], x["skill"] or "", x["text"] or ""),
    )
    yield "recognition", recognition
    yield (
        "requests",
        [
            {
                "id": r[0],
                "kind": r[1],
                "from": handle[r[2]],
                "to": handle.get(r[3]),
                "channel": r[4],
                "reason": r[5],
                "note": r[6],
                "status": r[7],
                "received_on": r[8],
                "source": r[9],
                "created_at": r[10],
                "updated_at": r[11],
            }
            for r in conn.execute(
                "SELECT id, kind, from_person, to_person, channel, reason, note, status, received_on, source, created_at, "
                "updated_at FROM request ORDER BY id"
            )
        ],
    )
    intro_cols = (
        "id",
        "a",
        "b",
        "requested_by",
        "request_id",
        "reason",
        "status",
        "outcome",
        "consent_note",
        "draft",
        "requested_at",
        "asked_at",
        "answered_at",
        "introduced_at",
        "outcome_at",
        "created_at",
        "updated_at",
    )
    introductions = []
    for r in conn.execute(f"SELECT {', '.join(intro_cols)} FROM introduction ORDER BY id"):
        d = dict(zip(intro_cols, r, strict=True))
        d["a"], d["b"] = handle[d["a"]], handle[d["b"]]
        d["requested_by"] = handle.get(d["requested_by"])
        introductions.append(d)
    yield "introductions", introductions
    yield (
        "provenance",
        (
            {"person": handle[pid], "field": f, "source": s, "value": v, "updated_at": u}
            for pid, f, s, v, u in conn.execute(
                "SELECT person_id, field, source, value, updated_at FROM provenance ORDER BY person_id, field, source"
            )
        ),
    )
    yield (
        "card_properties",
        (
            {
                "person": handle[pid],
                "position": pos,
                "group": grp,
                "name": name,
                "params": json.loads(params),
                "value": value,
                "field": fld,
            }
            for pid, pos, grp, name, params, value, fld in conn.execute(
                "SELECT person_id, position, grp, name, params, value, field FROM card_property "
                "ORDER BY person_id, position"
            )
        ),
    )
    retired = conn.execute(
        "SELECT handle FROM handle_registry WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.handle = handle_registry.handle)"
    )
    yield "retired_handles", sorted(h for (h,) in retired)
    yield "decisions", [{k: v for k, v in d.items() if k != "n"} for d in reversed(decisions)]
    yield "policy", policy_text
    # Present only when there is some, so exports of databases without them stay as they were.
    if conn.execute("SELECT 1 FROM archive_item LIMIT 1").fetchone():
        yield "archive", _archive(conn)
    dismissed = [
        {"kind": k, "key": key, "dismissed_at": at}
        for k, key, at in conn.execute("SELECT kind, key, dismissed_at FROM suggestion_dismissed ORDER BY kind, key")
    ]
    if dismissed:
        yield "dismissed_suggestions", dismissed
    # Employers and schools travel with each person (their declared lists); an older export's "affiliations"
    # section is still read.


def _people(conn: sqlite3.Connection) -> Iterator[dict]:
    cursor = conn.execute("SELECT id FROM person ORDER BY id")
    for batch in _batched(r[0] for r in cursor):
        for rec in person_records(conn, batch):
            p = dict(rec)
            p["flags"] = dict(p["flags"])
            yield p


def _connections(conn: sqlite3.Connection, handle: _Unquoted) -> Iterator[dict]:
    rows = conn.execute(
        "SELECT person_id, nominal_source, nominal_on, curated, created_at, updated_at FROM connection "
        "ORDER BY person_id"
    )
    for batch in _batched(rows):
        evidence: dict[int, list[dict]] = {}
        for r in conn.execute(
            "SELECT person_id, criterion, detail, since, until, place, conversation, created_at FROM evidence "
            "WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, id",
            (json.dumps([b[0] for b in batch]),),
        ):
            evidence.setdefault(r[0], []).append(
                {
                    "criterion": r[1],
                    "detail": r[2],
                    "since": r[3],
                    "until": r[4],
                    "place": r[5],
                    "conversation": r[6],
                    "created_at": r[7],
                }
            )
        for pid, src, on, curated, created, updated in batch:
            yield {
                "person": handle[pid],
                "nominal_source": src,
                "nominal_on": on,
                "curated": bool(curated),
                "created_at": created,
                "updated_at": updated,
                "evidence": evidence.get(pid, []),
            }


class RawLines:
    """A list whose records are already compact JSON (what `json.dumps` writes), for the busiest lists."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[str]:
        return self.lines


def _links(conn: sqlite3.Connection, quoted: HandleTable) -> RawLines:
    # The pairs in the order of the index, formatted here: a network has millions of
    # links, and a dict and a json.dumps each would be most of the export's time. Handles are quoted once,
    # and so is each combination of the other fields (most links share theirs).
    text, start, end = quoted.text, quoted.start, quoted.end  # where a handle sits is its place in handle order

    def q(value: object) -> str:
        return _quote(value) if isinstance(value, str) else json.dumps(value)

    def lines() -> Iterator[str]:
        tails: dict[tuple, str] = {}
        for a, b, *rest in conn.execute("SELECT a, b, how, learnt, strength, created_at FROM link"):
            key = tuple(rest)
            tail = tails.get(key)
            if tail is None:
                if len(tails) > 100_000:
                    tails.clear()
                how, learnt, strength, created = rest
                tail = tails[key] = (
                    f'"how": {q(how)}, "learnt": {q(learnt)}, "strength": {q(strength)}, "created_at": {q(created)}}}'
                )
            if start[a] > start[b]:  # the pair is written in handle order, whatever the ids
                a, b = b, a
            yield f'{{"a": {text[start[a] : end[a]]}, "b": {text[start[b] : end[b]]}, {tail}'

    return RawLines(lines())


class _Unquoted:
    """Handles by id, read from the quoted ones (as the JSON writer quotes them again)."""

    def __init__(self, quoted: HandleTable) -> None:
        self.quoted = quoted
        self.plain = "\\" not in quoted.text  # no handle needed escaping: each is its quotes and itself

    def unquote(self, text: str) -> str:
        return text[1:-1] if self.plain else json.loads(text)

    def __getitem__(self, pid: int) -> str:
        return self.unquote(self.quoted[pid])

    def get(self, pid: int | None) -> str | None:
        text = self.quoted.get(pid)
        return None if text is None else self.unquote(text)


def _interactions(conn: sqlite3.Connection, handle: _Unquoted) -> Iterator[dict]:
    for pid, k, on, note, m, c, src, sid in conn.execute(
        "SELECT person_id, kind, on_date, note, memorable, created_at, source, source_id FROM interaction "
        "ORDER BY person_id, on_date, created_at, note, id"
    ):
        yield {
            "person": handle[pid],
            "kind": k,
            "on": on,
            "note": note,
            "memorable": bool(m),
            "created_at": c,
            **({"source": src, "source_id": sid} if src else {}),  # read from an archive
        }


def _archive(conn: sqlite3.Connection) -> Iterator[dict]:
    items = conn.execute(
        "SELECT id, source, source_id, on_date, direction, subject FROM archive_item ORDER BY source, source_id"
    )
    for batch in _batched(items):
        parties: dict[int, list[list]] = {}
        for item, address, name, role in conn.execute(
            "SELECT item_id, address, name, role FROM archive_party "
            "WHERE item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id, address",
            (json.dumps([b[0] for b in batch]),),
        ):
            parties.setdefault(item, []).append([address, name, role])
        for i, s, sid, on, d, subject in batch:
            yield {
                "source": s,
                "source_id": sid,
                "on": on,
                "direction": d,
                **({"subject": subject} if subject is not None else {}),
                "parties": parties.get(i, []),
            }


def write_document(sections: Iterable[tuple[str, object]], *, pretty: bool = False) -> Iterator[str]:
    """The document as text, a piece at a time: one record a line (or, `pretty`, exactly what
    `json.dumps(document, indent=2)` writes), always one valid JSON document ending in a newline."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, indent=2 if pretty else None)

    def pretty_raw(line: str) -> str:
        return dump(json.loads(line))

    yield "{"
    first = True
    for key, value in sections:
        head = ("" if first else ",") + ("\n  " if pretty else "\n") + dump(key) + ": "
        first = False
        if value is None or isinstance(value, (str, int, float, bool, dict)):
            yield head + dump(value).replace("\n", "\n  ")
            continue
        raw = isinstance(value, RawLines)
        as_text = (pretty_raw if pretty else None) if raw else dump
        items = iter(value)  # type: ignore[call-overload]
        opened = False
        while batch := list(itertools.islice(items, BATCH)):
            texts = batch if as_text is None else list(map(as_text, batch))
            if pretty:
                texts = [t.replace("\n", "\n    ") for t in texts]
                yield (head + "[\n    " if not opened else ",\n    ") + ",\n    ".join(texts)
            else:
                yield (head + "[\n" if not opened else ",\n") + ",\n".join(texts)
            opened = True
        if not opened:
            yield head + "[]"
        else:
            yield "\n  ]" if pretty else "\n]"
    yield "\n}\n"


_quote = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a string (in C)


def _need(doc: dict, key: str, kind: type):
    value = doc.get(key, kind())
    if not isinstance(value, kind):
        raise BadInput(f"'{key}' must be a {kind.__name__}")
    return value


def check_document(doc: dict) -> None:
    """What a restore needs of the parts it does not write through a record's own rules (the decision log,
    the policy, retired handles): checked before anything is written."""
    from ..policy.loader import PolicyError, parse_policy

    # No text in it may be what cannot be stored: a lone surrogate (\ud800) or a NUL.
    stack: list[tuple[object, str]] = [(doc, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if "\x00" in value or tx.has_surrogates(value):
                raise BadInput(
                    f"{where or 'the export'}: holds text that is not valid Unicode (a NUL or a lone surrogate)"
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and tx.has_surrogates(k):
                    raise BadInput(f"{where or 'the export'}: a key that is not valid Unicode")
                stack.append((v, f"{where}.{k}" if where else str(k)))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
    decisions = doc.get("decisions") or []
    if not isinstance(decisions, list) or not all(isinstance(d, dict) for d in decisions):
        raise BadInput("'decisions' must be a list of objects (the decision log)")
    retired = doc.get("retired_handles") or []
    if not isinstance(retired, list) or not all(isinstance(h, str) and not tx.has_control(h) for h in retired):
        raise BadInput("'retired_handles' must be a list of handles")
    policy = doc.get("policy")
    if policy is not None:
        if not isinstance(policy, str):
            raise BadInput("'policy' must be the text of a policy file")
        try:
            parse_policy(policy, "the export's policy")
        except PolicyError as exc:
            raise BadInput(exc.message) from None
    sections = ("people", "connections", "links", "interactions", "recognition", "requests", "introductions")
    for section in (*sections, "archive", "dismissed_suggestions", "affiliations"):
        items = doc.get(section) or []
        if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            raise BadInput(f"'{section}' must be a list of objects")


def _key(x: object, key: str, n: int, section: str) -> str:
    """A handle an export record points at."""
    if not isinstance(x, dict):
        raise BadInput(f"{section}[{n}]: expected an object")
    value = x.get(key)
    if not isinstance(value, str):
        raise BadInput(f"{section}[{n}].{key}: expected a handle")
    return value


def _text(x: dict, key: str, n: int, section: str) -> str | None:
    value = x.get(key)
    if value is not None and not isinstance(value, str):
        raise BadInput(f"{section}[{n}].{key}: expected text, found {type(value).__name__}")
    return value


def _required_text(x: dict, key: str, what: str) -> str:
    value = x.get(key)
    if not isinstance(value, str) or not value:
        raise BadInput(f"{what}.{key}: expected text, found {type(value).__name__ if value != '' else 'nothing'}")
    return value


def _restored_prop(x: dict, what: str):
    """(position, Prop) of a kept vCard property as an export holds it; BadInput names what is wrong."""
    from ..people.cardprop import Prop

    position = x.get("position")
    if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position < 2**31:
        raise BadInput(f"{what}.position: expected a number from 0, found {tx.printable(repr(position))[:40]}")
    params = x.get("params") or {}
    if not isinstance(params, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v) for k, v in params.items()
    ):
        raise BadInput(f"{what}.params: expected an object of lists of text")
    value = x.get("value")
    if not isinstance(value, str):
        raise BadInput(f"{what}.value: expected text, found {type(value).__name__}")
    for key in ("group", "field"):
        if x.get(key) is not None and not isinstance(x[key], str):
            raise BadInput(f"{what}.{key}: expected text, found {type(x[key]).__name__}")
    return position, Prop(_required_text(x, "name", what), value, params, x.get("group"), field=x.get("field"))


@paused_gc()
def import_all(conn: sqlite3.Connection, doc: dict) -> dict:
    """Restore an export into an empty database (me may exist); return counts."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadInput('not a cnet export (expected "format": "cnet-export")')
    if doc.get("version") not in READS:
        raise BadInput(
            f"export version {doc.get('version')!r} is not one this cnet reads ({', '.join(map(str, READS))})"
        )
    check_document(doc)
    if conn.execute("SELECT count(*) FROM person WHERE is_me = 0").fetchone()[0]:
        raise BadInput(
            "the database is not empty: import json restores into a new database",
            hint="Choose a new file with --db, or CNET_DB, and run cnet import json there",
        )
    from ..intro import lifecycle
    from ..intro.requests import add_request
    from ..network.recognition import add_recognition
    from ..network.writes import link, log_interaction, restore_connection
    from ..people.writes import clear_people, restore_person

    clear_people(conn)
    ids: dict[str, int] = {}
    people = _need(doc, "people", list)
    kept_in_notes: list[str] = []
    try:
        # Every record through the write its kind has on every other path; only ids and times are the export's.
        for n, p in enumerate(people):
            pid, refused = restore_person(conn, p, what=f"people[{n}]")
            ids[p["handle"]] = pid
            kept_in_notes += [f"{p['handle']}: {r}" for r in refused]
        for n, c in enumerate(_need(doc, "connections", list)):
            restore_connection(conn, ids[_key(c, "person", n, "connections")], c, what=f"connections[{n}]")
        for n, x in enumerate(_need(doc, "links", list)):
            strength = x.get("strength")
            if strength is not None and (not isinstance(strength, int) or isinstance(strength, bool)):
                raise BadInput(f"links[{n}].strength: expected a whole number 0-100")
            link(
                conn,
                ids[_key(x, "a", n, "links")],
                ids[_key(x, "b", n, "links")],
                how=_text(x, "how", n, "links"),
                learnt=_text(x, "learnt", n, "links"),
                strength=strength,
                stamp=_text(x, "created_at", n, "links"),
            )
        for n, x in enumerate(_need(doc, "interactions", list)):
            log_interaction(
                conn,
                ids[_key(x, "person", n, "interactions")],
                _text(x, "note", n, "interactions") or "",
                kind=_text(x, "kind", n, "interactions") or "",
                on=_text(x, "on", n, "interactions"),
                memorable=bool(x.get("memorable")),
                stamp=_text(x, "created_at", n, "interactions"),
                source=_text(x, "source", n, "interactions"),
                source_id=_text(x, "source_id", n, "interactions"),
            )
        for n, x in enumerate(_need(doc, "recognition", list)):
            add_recognition(
                conn,
                ids[_key(x, "person", n, "recognition")],
                _text(x, "kind", n, "recognition") or "",
                skill=_text(x, "skill", n, "recognition"),
                text=_text(x, "text", n, "recognition"),
                given_on=_text(x, "given_on", n, "recognition"),
                source=_text(x, "source", n, "recognition") or "cnet",
                status=_text(x, "status", n, "recognition"),
                stamp=_text(x, "created_at", n, "recognition"),
            )
        for n, x in enumerate(_need(doc, "requests", list)):
            if not isinstance(x.get("id"), int):
                raise BadInput(f"requests[{n}].id: expected a number")
            add_request(
                conn,
                _text(x, "kind", n, "requests") or "",
                ids[_key(x, "from", n, "requests")],
                channel=_text(x, "channel", n, "requests") or "",
                to_pid=ids[_key(x, "to", n, "requests")] if x.get("to") else None,
                reason=_text(x, "reason", n, "requests"),
                note=_text(x, "note", n, "requests"),
                received_on=_text(x, "received_on", n, "requests"),
                source=_text(x, "source", n, "requests") or "cnet",
                status=_text(x, "status", n, "requests") or "open",
                rid=x["id"],
                stamps=(_text(x, "created_at", n, "requests") or "", _text(x, "updated_at", n, "requests") or ""),
            )
        for n, x in enumerate(_need(doc, "introductions", list)):
            lifecycle.restore(conn, x, ids, what=f"introductions[{n}]")
        from ..people.cardprop import insert_props
        from ..people.writes import keep_retired_handles
        from .common import record_provenance

        for n, x in enumerate(_need(doc, "provenance", list)):
            what = f"provenance[{n}]"
            record_provenance(
                conn,
                ids[_key(x, "person", n, "provenance")],
                _required_text(x, "field", what),
                _text(x, "value", n, "provenance"),
                _required_text(x, "updated_at", what),
                _required_text(x, "source", what),
            )
        insert_props(
            conn,
            [
                (ids[_key(x, "person", n, "card_properties")], *_restored_prop(x, f"card_properties[{n}]"))
                for n, x in enumerate(_need(doc, "card_properties", list))
            ],
        )
        keep_retired_handles(conn, _need(doc, "retired_handles", list))  # checked by check_document
        from ..archive import ROLES, record_item

        for n, x in enumerate(_need(doc, "archive", list)):
            if x.get("source") not in ("mail", "calendar", "linkedin") or x.get("direction") not in (
                "in",
                "out",
                "meeting",
                "invite",
            ):
                raise BadInput(f"archive[{n}]: a message or meeting from mail, a calendar or LinkedIn")
            parties = x.get("parties") or []
            if not isinstance(parties, list) or not all(
                isinstance(p, list)
                and len(p) in (2, 3)
                and isinstance(p[0], str)
                and (p[1] is None or isinstance(p[1], str))
                and (len(p) == 2 or p[2] is None or p[2] in ROLES)
                for p in parties
            ):
                raise BadInput(f"archive[{n}].parties: expected [address, name, role] lists")
            on = parse_partial_date(_text(x, "on", n, "archive") or "", field=f"archive[{n}].on").iso()
            record_item(
                conn,
                x["source"],
                _text(x, "source_id", n, "archive") or "",
                on,
                x["direction"],
                [(p[0], p[1], p[2] if len(p) == 3 else None) for p in parties],
                subject=_text(x, "subject", n, "archive"),
            )
        from ..network.suggestions import record_dismissal

        for n, x in enumerate(_need(doc, "dismissed_suggestions", list)):
            what = f"dismissed_suggestions[{n}]"
            if not isinstance(x, dict):
                raise BadInput(f"{what}: expected an object")
            record_dismissal(
                conn,
                _required_text(x, "kind", what),
                _required_text(x, "key", what),
                _required_text(x, "dismissed_at", what),
            )
        from ..people import affiliations

        for n, x in enumerate(_need(doc, "affiliations", list)):
            what = f"affiliations[{n}]"
            name, start, until = affiliations.parse(_required_text(x, "name", what), what=f"{what}.name")
            for key in ("start", "until"):
                value = _text(x, key, n, "affiliations")
                if value:
                    value = parse_partial_date(value, field=f"{what}.{key}").iso()
                if key == "start":
                    start = value
                else:
                    until = value
            affiliations.add(
                conn,
                ids[_key(x, "person", n, "affiliations")],
                _required_text(x, "kind", what),
                name,
                start,
                until,
                source=_text(x, "source", n, "affiliations"),
            )
    except KeyError as exc:
        raise BadInput(f"the export refers to {exc} but does not contain it (or lacks a required field)") from None
    except (TypeError, AttributeError) as exc:
        raise BadInput(f"the export holds a value of the wrong type ({exc})") from None
    except sqlite3.IntegrityError as exc:
        raise BadInput(f"the export is inconsistent: {exc}") from None
    from ..network.degrees import owe_full_pass
    from ..network.writes import touch_graph

    touch_graph(conn)
    owe_full_pass(conn)  # a whole network at once: its degrees are made in one pass when next read
    set_meta(conn, "curated_policy", "")  # the flags restored are brought in step with the policy in force
    counts: dict[str, object] = {
        k: len(doc.get(k) or [])
        for k in (
            "people",
            "connections",
            "links",
            "interactions",
            "recognition",
            "requests",
            "introductions",
            "decisions",
        )
    }
    if kept_in_notes:
        counts["kept_in_notes"] = kept_in_notes
    return counts


def load(path: str) -> dict:
    from ..paths import read_input

    try:
        return json.loads(read_input(path).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise BadInput(f"{path}: nested too deeply to be a cnet export") from None
