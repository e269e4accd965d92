"""The Python API: `Network` opens a cnet database and offers every use case the command line has.

    >>> from curated_net import Network
    >>> net = Network.open("people.db", create=True)
    >>> net.init("Sam Rivera")["status"]
    'created'

Each method runs in one transaction and returns plain data (the JSON shapes the CLI prints);
bad input raises `BadInput`, an unknown person `NotFound`, a refusal `Refused` — the same domain
errors the command line turns into messages and exit codes. Gated actions (connect, accept,
intro, endorse, recommend) are recorded in the decision log whatever their verdict.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BadInput, Usage
from .records import (
    Connected,
    Connection,
    ConnectionEvidence,
    Decision,
    Disconnected,
    Evidence,
    Interaction,
    Introduction,
    Link,
    Person,
    Recognition,
    Request,
    Suggestion,
    suggestion,
)
from .store.database import Store

if TYPE_CHECKING:
    from typing import BinaryIO

    from .io.common import ImportSummary
    from .network.graph import View
    from .network.review import Filters as ReviewFilters
    from .network.review import ReviewSession
    from .network.writes import EvidenceInput
    from .people.writes import PersonChanges
    from .policy import Gate
    from .team.service import Team

Progress = Callable[[int, int], None] | None


class Network:
    """A cnet database and its owner's policy. Open one with `Network.open(path)`."""

    def __init__(self, store: Store, *, gate: Gate | None = None) -> None:
        self.store = store
        self._gate = gate
        self.notices: list[str] = []  # what a user should know about an answer (the CLI prints them once)
        self._behind: Any = None  # what reads compute for themselves (network/derived.py), once known
        if getattr(store, "migrated", False):
            store.migrated = False
            with self._write():  # a migration wrote anyway: what it left behind is brought up to date now
                pass

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, gate: Gate | None = None) -> Network:
        """Open (with `create`, create) the database at `path`; the policy is the user's unless `gate` is given."""
        return cls(Store.open(path, create=create), gate=gate)

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Network:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def team(self) -> Team:
        """The team this database is linked to (cnet team): join, publish, who-knows, path, ask, sync, leave."""
        from .team.service import Team

        return Team(self)

    @property
    def gate(self) -> Gate:
        """The policy in force (the user's file, or the built-in default); a broken file raises."""
        if self._gate is None:
            from .policy import load_gate

            self._gate = load_gate()
        return self._gate

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction. It never writes: where the stored curated flags or degrees are behind (see
        `_curated`), they are computed for this connection in memory (network/derived.py)."""
        state = self._behind
        with self.store.connect(foreign_keys=not state) as conn:
            if state:
                from .network.derived import overlay

                overlay(conn, state)
            yield conn

    @contextmanager
    def _write(self, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction; before it commits, the curated flags and the degrees are brought up to date
        (stored only by commands that write anyway). foreign_keys=False is for bulk loads (Store.connect)."""
        from .network.derived import settle

        with self.store.connect(write=True, foreign_keys=foreign_keys) as conn:
            yield conn
            settle(conn, self._gate)
        self._behind = None

    def _degrees(self) -> None:
        """Before a read of the stored degrees: when they are behind the ties (or the curated flags read are not
        the stored ones), reads compute them in memory."""

        if self._behind is None or not self._behind.degrees:
            from .network.derived import Behind, degrees_behind

            with self.store.connect() as conn:
                stale = degrees_behind(conn, self._behind)
            if stale:
                self._behind = Behind(flags=self._behind.flags if self._behind else {}, degrees=True)

    def _curated(self) -> None:
        """Before a read of the curated view: when the stored curated flags are not the verdicts of the policy
        in force (its file was edited since the last write), reads compute them in memory.

        A broken policy file does not stop an answer that only reads: the flags last brought in step are
        used, and a notice says so."""
        from .network.derived import behind

        if self._behind is not None:
            return
        try:
            with self.store.connect() as conn:
                self._behind = behind(conn, self._gate)
        except BadInput as exc:
            from .policy.loader import PolicyError  # only when something failed: reads need not load it

            if not isinstance(exc, PolicyError):
                raise
            notice = (
                f"{exc.message.splitlines()[0]}; the curated view shows the connections as the policy last "
                "judged them (see: cnet policy check)"
            )
            if notice not in self.notices:
                self.notices.append(notice)

    @contextmanager
    def _gated(self, action: str, subjects: list[str], detail: dict[str, Any] | None = None) -> Iterator[Any]:
        """A write transaction for a gated action, its verdict recorded after it commits or rolls back."""
        from .policy.decisions import recording

        with recording(self.db_path, action, subjects, detail=detail) as held, self._write() as conn:
            held.conn = conn
            yield held

    def resolve(self, query: str) -> int:
        """The id of the person a query names (handle, name, e-mail, LinkedIn URL, prefix, nickname)."""
        from .people.records import resolve_id

        with self._read() as conn:
            return resolve_id(conn, query)

    def _handle(self, query: str) -> str:
        from .people.records import person_record, resolve_id

        with self._read() as conn:
            handle: str = person_record(conn, resolve_id(conn, query))["handle"]
            return handle

    # -- people --------------------------------------------------------------------------------------

    def init(self, name: str, *, emails: Sequence[str] = ()) -> dict[str, Any]:
        """Set me (create, confirm or rename), with my own addresses; return {"status", "db", "me"}."""
        from .people.records import person_record
        from .people.writes import add_email, init_me

        with self._write() as conn:
            pid, status = init_me(conn, name)
            for address in emails:
                add_email(conn, pid, address, what="--email")
            me = Person.from_json(person_record(conn, pid))
        return {"status": status, "db": str(self.db_path), "me": me}

    def add(self, name: str, changes: PersonChanges | None = None, *, force: bool = False, **fields: Any) -> Person:
        """Add a person (fields as in `PersonChanges`); refuse a likely duplicate unless `force`."""
        from .people.records import person_record
        from .people.writes import PersonChanges, add_person

        changes = changes or PersonChanges(**fields)
        with self._write() as conn:
            return Person.from_json(person_record(conn, add_person(conn, name, changes, force=force)))

    def edit(self, person: str, changes: PersonChanges | None = None, *, force: bool = False, **fields: Any) -> Person:
        """Change a person: text fields replace ("" clears), lists add, remove_* lists remove."""
        from .people.records import person_record, resolve_id
        from .people.writes import PersonChanges, edit_person

        changes = changes or PersonChanges(**fields)
        with self._write() as conn:
            pid = resolve_id(conn, person)
            edit_person(conn, pid, changes, force=force)
            return Person.from_json(person_record(conn, pid))

    def person(self, query: str) -> Person:
        """One person (`cnet show --json` without their ties)."""
        from .people.records import person_record, resolve_id

        with self._read() as conn:
            return Person.from_json(person_record(conn, resolve_id(conn, query)))

    def remove(self, person: str) -> Person:
        """Remove a person and every tie and record that is theirs; return who it was."""
        from .people.records import person_record, resolve_id
        from .people.writes import remove_person

        with self._write() as conn:
            pid = resolve_id(conn, person)
            data = Person.from_json(person_record(conn, pid))
            remove_person(conn, pid)
        return data

    def show(self, person: str, *, explain: bool = False) -> dict[str, Any]:
        """Everything about one person: details, connection, degree, interactions, strength."""
        from .network.queries import profile
        from .people.records import resolve_id

        self._curated()
        with self._read() as conn:
            return profile(conn, resolve_id(conn, person), explain=explain)

    def people(
        self,
        *,
        tag: str | None = None,
        company: str | None = None,
        sort: str = "name",
        limit: int | None = None,
        include_me: bool = False,
        degree: int | None = None,
        view: str = "curated",
        due: bool = False,
        not_contacted_since: str | None = None,
    ) -> list[Person]:
        """People, filtered by tag, company, degree from me, who is due for contact or not contacted since a date;
        sorted by name, handle, company, added, updated, last-contact or strength."""
        return list(
            self.iter_people(
                tag=tag,
                company=company,
                sort=sort,
                limit=limit,
                include_me=include_me,
                degree=degree,
                view=view,
                due=due,
                not_contacted_since=not_contacted_since,
            )
        )

    def iter_people(
        self,
        *,
        tag: str | None = None,
        company: str | None = None,
        sort: str = "name",
        limit: int | None = None,
        include_me: bool = False,
        degree: int | None = None,
        view: str = "curated",
        due: bool = False,
        not_contacted_since: str | None = None,
    ) -> Iterator[Person]:
        """The same people, read a batch at a time as they are taken."""
        from .people.records import list_ids, person_records

        ids, since = self._people_filter(degree=degree, view=view, due=due, not_contacted_since=not_contacted_since)
        from .network.ties import strengths_of

        with self._read() as conn:
            found = list_ids(
                conn,
                tag=tag,
                company=company,
                include_me=include_me,
                sort=sort,
                limit=limit,
                ids=ids,
                not_contacted_since=since,
                strengths=strengths_of,
            )
            for start in range(0, len(found), 2_000):  # a batch at a time: the first rows print at once
                yield from map(Person.from_json, person_records(conn, found[start : start + 2_000]))

    def count_people(
        self,
        *,
        tag: str | None = None,
        company: str | None = None,
        include_me: bool = False,
        degree: int | None = None,
        view: str = "curated",
        due: bool = False,
        not_contacted_since: str | None = None,
    ) -> int:
        """How many people iter_people would give without a limit (counted in SQL, not read)."""
        from .people.records import count_ids

        ids, since = self._people_filter(degree=degree, view=view, due=due, not_contacted_since=not_contacted_since)
        with self._read() as conn:
            return count_ids(conn, tag=tag, company=company, include_me=include_me, ids=ids, not_contacted_since=since)

    def _people_filter(
        self, *, degree: int | None, view: str, due: bool, not_contacted_since: str | None
    ) -> tuple[set[int] | None, str | None]:
        """The ids (None: everyone) and the ISO date that the degree, due and not-contacted filters pick."""
        ids: set[int] | None = None
        since = None
        if not_contacted_since:
            from .dates import parse_partial_date

            since = parse_partial_date(not_contacted_since, field="--not-contacted-since").iso()
        if due:
            with self._read() as conn:
                handles = {d["handle"] for d in self.due()}
                ids = {pid for pid, h in conn.execute("SELECT id, handle FROM person") if h in handles}
        if degree is not None:
            from .network.queries import ids_at_degree

            v = check_view(view)
            check_degree(degree)
            self._curated()
            self._degrees()
            with self._read() as conn:
                at = ids_at_degree(conn, degree, v)
            ids = at if ids is None else ids & at
        return ids, since

    def search(self, text: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over names, nickname, company, title, notes, how-met and highlights."""
        from .people.records import search

        with self._read() as conn:
            return search(conn, text, limit)

    def dupes(self) -> list[dict[str, Any]]:
        """Pairs of people who are probably one person, with the reasons."""
        from .people.dupes import find_dupes

        with self._read() as conn:
            return find_dupes(conn)

    def merge(self, keep: str, other: str, *, prefer: str = "keep") -> dict[str, Any]:
        """Merge `other` into `keep`: everything moves over, losing values go into the notes."""
        from .merge import merge
        from .people.records import resolve_id

        with self._write() as conn:
            return merge(conn, resolve_id(conn, keep), resolve_id(conn, other), prefer=prefer, gate=self.gate)

    # -- ties ----------------------------------------------------------------------------------------

    def connect(
        self,
        person: str,
        evidence: list[EvidenceInput] | None = None,
        *,
        source: str | None = None,
        connected_on: str | None = None,
        override: str | None = None,
    ) -> Connected:
        """Connect me with a person, adding evidence (gated by the connect rules); run again to add more."""
        from .network.writes import connect

        gate, handle = self.gate, self._handle(person)
        with self._gated("connect", [handle]) as held:
            done = connect(
                held.conn,
                self.resolve_in(held.conn, handle),
                evidence or [],
                gate=gate,
                nominal_source=source,
                nominal_on=connected_on,
                override=override,
            )
            held.verdict = done.verdict
        return Connected(
            done.handle,
            done.name,
            Connection.from_json(done.connection),
            tuple(Evidence.from_json(e) for e in done.added),
            tuple(Evidence.from_json(e) for e in done.updated),
            done.verdict.as_dict() if done.verdict else None,
        )

    def connect_file(self, data: bytes, *, name: str = "<file>", override: str | None = None) -> dict[str, Any]:
        """Connect with many people from an evidence CSV in one transaction: each row through the gated
        connect; a refused or unusable row writes nothing and is reported with its rule or reason."""
        from .errors import CnetError, Refused
        from .io.csvio import evidence_rows
        from .network.writes import EvidenceInput, connect
        from .people.records import resolve_id
        from .policy import decisions

        rows = evidence_rows(data, name)
        gate = self.gate
        out: dict[str, list[Any]] = {"connected": [], "refused": [], "skipped": []}
        verdicts = []
        with self._write() as conn:
            for line, rec in rows:
                conn.execute("SAVEPOINT row")  # a refused row leaves nothing of itself
                handle = rec.get("person") or ""
                try:
                    pid = resolve_id(conn, handle)
                    handle = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]
                    evidence = EvidenceInput(
                        rec.get("criterion") or "",
                        **{k: rec.get(k) for k in ("detail", "since", "until", "place", "conversation")},
                    )
                    done = connect(conn, pid, [evidence], gate=gate, override=override)
                    verdicts.append((done.verdict, [handle]))
                    out["connected"].append({"line": line, "person": handle, "added": len(done.added)})
                except Refused as exc:
                    conn.execute("ROLLBACK TO row")
                    verdicts.append((exc.verdict, [handle]))
                    failed = [r.id for r in exc.verdict.refusals] if exc.verdict else []
                    out["refused"].append({"line": line, "person": handle, "rules": failed, "message": exc.message})
                except CnetError as exc:
                    conn.execute("ROLLBACK TO row")
                    out["skipped"].append({"line": line, "person": handle, "reason": exc.message})
                finally:
                    conn.execute("RELEASE row")
        for verdict, subjects in verdicts:  # logged once the rows that passed are committed
            if verdict is not None:
                decisions.record(self.db_path, verdict, subjects, detail={"file": name})
        return out

    @staticmethod
    def resolve_in(conn: sqlite3.Connection, query: str) -> int:
        from .people.records import resolve_id

        return resolve_id(conn, query)

    def disconnect(self, person: str) -> Disconnected:
        """Remove my connection with a person, and its evidence."""
        from .network.writes import disconnect

        with self._write() as conn:
            pid = self.resolve_in(conn, person)
            removed = disconnect(conn, pid)
            handle, name = conn.execute("SELECT handle, name FROM person WHERE id = ?", (pid,)).fetchone()
        return Disconnected(handle, name, Connection.from_json(removed))

    def evidence(
        self,
        person: str,
        *,
        remove: list[int] | None = None,
        edit: int | None = None,
        change: EvidenceInput | None = None,
    ) -> ConnectionEvidence:
        """The evidence of my connection with a person, after removing or editing some of it."""
        from .network.ties import connection_record
        from .network.writes import _require_connection, edit_evidence, remove_evidence
        from .people.records import person_record

        if change is not None and edit is None:
            raise BadInput("say which evidence to change with --edit N (see the numbers with: cnet evidence PERSON)")
        writing = bool(remove) or edit is not None
        with self._write() if writing else self._read() as conn:
            pid = self.resolve_in(conn, person)
            _require_connection(conn, pid)
            if edit is not None:
                from .network.writes import EvidenceInput

                edit_evidence(conn, pid, edit, change or EvidenceInput(""), gate=self.gate)
            if remove:
                remove_evidence(conn, pid, list(remove), gate=self.gate)
            who = person_record(conn, pid)
            record = connection_record(conn, pid)
        assert record is not None
        held = Connection.from_json(record)
        return ConnectionEvidence(
            who["handle"], who["name"], held.status, held.nominal_source, held.nominal_on, held.evidence, held.summary
        )

    def link(
        self, a: str, b: str, *, how: str | None = None, learnt: str | None = None, strength: int | None = None
    ) -> Link:
        """Record that two people know each other; the link, with its status ("added", "updated" or
        "unchanged")."""
        from .network.ties import link_record
        from .network.writes import link

        with self._write() as conn:
            pa, pb = self.resolve_in(conn, a), self.resolve_in(conn, b)
            status = link(conn, pa, pb, how=how, learnt=learnt, strength=strength)
            handles = dict(conn.execute("SELECT id, handle FROM person WHERE id IN (?, ?)", (pa, pb)))
            names = dict(conn.execute("SELECT id, name FROM person WHERE id IN (?, ?)", (pa, pb)))
            row = link_record(conn, pa, pb)
        assert row is not None
        return Link(status, handles[pa], handles[pb], names[pa], names[pb], row["how"], row["learnt"], row["strength"])

    def link_file(
        self,
        source: str | BinaryIO,
        *,
        name: str = "the file",
        strict: bool = False,
        create: bool = True,
        progress: Progress = None,
    ) -> dict[str, Any]:
        """Add the links a file names (one pair a line), finding each name as a PERSON argument is found;
        unknown names become people unless `create` is False. `source` is the text, or a binary file
        (UTF-8), read a few MB at a time and never held whole; `name` is the file's in messages."""
        import os
        import stat

        from .network.bulk import bulk_link, read_chunks

        size = None
        if isinstance(source, str):
            chunks: str | Iterator[str] = source
        else:
            chunks = read_chunks(source, name)
            try:  # a regular file's size lets progress be told while it is read
                st = os.fstat(source.fileno())
                size = st.st_size if stat.S_ISREG(st.st_mode) else None
            except (OSError, AttributeError, ValueError):
                pass
        del source
        with self._write(foreign_keys=False) as conn:
            return bulk_link(conn, chunks, size=size, strict=strict, create=create, progress=progress).as_dict()

    def unlink(self, a: str, b: str) -> dict[str, Any]:
        """Forget that two people know each other."""
        from .network.writes import unlink

        with self._write() as conn:
            pa, pb = self.resolve_in(conn, a), self.resolve_in(conn, b)
            unlink(conn, pa, pb)
            handles = dict(conn.execute("SELECT id, handle FROM person WHERE id IN (?, ?)", (pa, pb)))
        return {"unlinked": [handles[pa], handles[pb]]}

    def log(
        self, person: str, note: str, *, kind: str = "meeting", on: str | None = None, memorable: bool = False
    ) -> Interaction:
        """Record an interaction with a person; return it."""
        from .network.ties import interactions
        from .network.writes import log_interaction

        with self._write() as conn:
            pid = self.resolve_in(conn, person)
            iid = log_interaction(conn, pid, note, kind=kind, on=on, memorable=memorable)
            handle, name = conn.execute("SELECT handle, name FROM person WHERE id = ?", (pid,)).fetchone()
            logged = next(e for e in interactions(conn, pid) if e["id"] == iid)
        return Interaction(handle, name, **logged)

    def keep_in_touch(
        self,
        person: str | None = None,
        *,
        tag: str | None = None,
        every: str | None = None,
        at_most: str | None = None,
        off: bool = False,
    ) -> dict[str, Any]:
        """Be in touch with a person, or everyone with a tag, every so often (`every`: 30d, 6w, 3m, 1y)."""
        from .network.keep import set_cadence

        with self._write() as conn:
            pid = self.resolve_in(conn, person) if person else None
            done = set_cadence(conn, pid=pid, tag=tag, every=every, at_most=at_most, off=off)
            who = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0] if pid else None
        return {"person": who, "tag": tag, **done}

    def due(self, *, within: str | None = None) -> list[dict[str, Any]]:
        """Who is due or overdue for contact (within a period from today), most overdue first."""
        from .network.keep import due, parse_period

        days = parse_period(within, what="--within") if within else None
        with self._read() as conn:
            return due(conn, within_days=days)

    def due_calendar(self, out: str | Path, *, within: str | None = None) -> dict[str, Any]:
        """Write who is due as a calendar file (.ics) any calendar app can import or subscribe to."""
        from .network.keep import due_calendar
        from .paths import write_private

        rows = self.due(within=within)
        path = write_private(out, due_calendar(rows), what="--ics", allow_stdout=True)
        return {"ics": str(path), "events": len(rows)}

    def prune(self, people: Sequence[str], *, on: bool = True) -> dict[str, Any]:
        """Mark (or with on=False, unmark) connections to drop on LinkedIn."""
        from .network.keep import mark_prune, mark_stamp

        stamp = mark_stamp()  # one command, one stamp: prune undo takes back exactly these

        def one(conn: sqlite3.Connection, person: str) -> tuple[dict[str, Any], None]:
            pid = self.resolve_in(conn, person)
            handle = conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0]
            return {"id": person, "handle": handle, "changed": mark_prune(conn, pid, on=on, stamp=stamp)}, None

        # All or none: an unknown name among them marks no one, and says what each would have been.
        done = self._all_or_nothing(people, one, "marked" if on else "unmarked")
        return {"changed": sum(d["changed"] for d in done), "marked": on, "people": done}

    def prune_matching(self, filters: ReviewFilters, *, on: bool = True, dry_run: bool = False) -> dict[str, Any]:
        """Mark (unmark) every connection with no evidence that the filters select; `dry_run` only counts them.
        {"matched": those it changes (would change), "already": those the filters select that are marked (for
        on=False, unmarked) already, "changed", "marked", "filters", "people": [handles, the first 20]}."""
        from .network.keep import mark_prune, mark_stamp
        from .network.review import ordered

        f = filters.checked()
        if not f.any:
            raise Usage("a bulk mark needs a filter (--company, --tag, --connected-before, --never-contacted or "
                           "--score-below), or name the people")  # fmt: skip
        with self._read() if dry_run else self._write() as conn:
            rows = ordered(conn, f, sort="name", bulk=True, keep=not dry_run)
            marked = {r[0] for r in conn.execute("SELECT person_id FROM prune_mark")}
            # Those a mark would change: to mark, the unmarked; to unmark, the marked.
            ids = [pid for pid, _s in rows if (pid in marked) != on]
            from .people.records import names

            who = names(conn, ids[:20])
            stamp = mark_stamp()
            changed = 0 if dry_run else sum(mark_prune(conn, pid, on=on, stamp=stamp) for pid in ids)
        return {
            "matched": len(ids),
            "already": len(rows) - len(ids),
            "changed": changed,
            "marked": on,
            "dry_run": dry_run,
            "filters": f.describe(),
            "people": [who[pid][0] for pid in ids[:20]],
        }

    def prune_undo(self) -> dict[str, Any]:
        """Unmark everyone the last mark command marked: {"changed", "marked_at", "people": [handles]}."""
        from .network.keep import undo_last_mark

        with self._write() as conn:
            return undo_last_mark(conn)

    def prune_list(self) -> list[dict[str, Any]]:
        from .network.keep import prune_list

        with self._read() as conn:
            return prune_list(conn)

    def review(
        self, queue: str = "nominal", filters: ReviewFilters | None = None, *, sort: str = "score"
    ) -> ReviewSession:
        """A review of a queue, the people I most likely know first: a `ReviewSession` to walk card by card."""
        from .network.review import ReviewSession

        return ReviewSession(self, queue, filters, sort=sort)

    def review_queue(
        self, queue: str = "nominal", filters: ReviewFilters | None = None, *, sort: str = "score"
    ) -> list[dict[str, Any]]:
        """The whole queue as it would be reviewed: handle, name, company and the likely-known score with why."""
        from .network.review import Filters, ordered, skipped_ids
        from .people.records import names

        with self._read() as conn:
            rows = ordered(conn, (filters or Filters()).checked(), queue=queue, sort=sort, why=True)
            skipped = skipped_ids(conn)
            who = names(conn, [pid for pid, _s in rows])
            company = dict(conn.execute("SELECT id, company FROM person WHERE id IN (SELECT value FROM json_each(?))",
                                        (__import__("json").dumps([pid for pid, _s in rows]),)))  # fmt: skip
        return [
            {
                "handle": who[pid][0],
                "name": who[pid][1],
                "company": company.get(pid),
                **s.as_dict(),
                "skipped": pid in skipped,
            }
            for pid, s in rows
        ]

    def review_state(self, person: str, answer: str | None, *, days: int | None = None) -> None:
        """Skip or snooze a person in reviews (None: as before, for undo)."""
        from .network.review import set_state

        with self._write() as conn:
            set_state(conn, self.resolve_in(conn, person), answer, days=days)

    def review_done(self) -> None:
        """A queue gone through: its skipped people come back in the next review."""
        from .network.review import clear_skips

        with self._write() as conn:
            clear_skips(conn)

    def history(self, person: str) -> list[dict[str, Any]]:
        """The interactions with a person, newest first."""
        from .network.ties import interactions

        with self._read() as conn:
            return interactions(conn, self.resolve_in(conn, person))

    # -- questions about the network -------------------------------------------------------------------

    def degree(
        self,
        a: str,
        b: str | None = None,
        *,
        view: str = "curated",
        max_depth: int = 6,
        all_paths: bool = False,
        limit: int = 20,
    ) -> dict[str, Any]:
        """How far apart two people are (b defaults to me), with the path and how each hop is known."""
        from .network.queries import degree_between
        from .people.records import me_id

        v = check_view(view)
        self._curated()
        with self._read() as conn:
            pa = self.resolve_in(conn, a)
            pb = self.resolve_in(conn, b) if b else me_id(conn)
            return degree_between(conn, pa, pb, view=v, max_depth=max_depth, all_paths=all_paths, limit=limit)

    def path(
        self,
        a: str,
        b: str | None = None,
        *,
        k: int = 3,
        view: str = "curated",
        max_depth: int = 6,
        slack: int = 1,
    ) -> dict[str, Any]:
        """The best introduction routes from a to b (from me to a if b is left out): strongest weakest tie first."""
        from .network.queries import warm_paths
        from .people.records import me_id

        v = check_view(view)
        self._curated()
        with self._read() as conn:
            if b:
                pa, pb = self.resolve_in(conn, a), self.resolve_in(conn, b)
            else:
                pa, pb = me_id(conn), self.resolve_in(conn, a)
            return warm_paths(conn, pa, pb, k=k, view=v, max_depth=max_depth, slack=slack)

    def network(self, *, top: int = 10) -> dict[str, Any]:
        """My network by degree in both views, my best bridges, and people with no tie."""
        from .network.queries import network_summary

        self._curated()
        self._degrees()
        with self._read() as conn:
            return network_summary(conn, top=top)

    # -- the policy ------------------------------------------------------------------------------------

    def check(self, action: str, *people: str, **details: Any) -> dict[str, Any]:
        """The policy's verdict on an action without doing it: connect/accept/endorse/recommend PERSON, or
        intro A B; details are evidence=[EvidenceInput], via=, reason=, request=."""
        from .network.facts import intro_facts, person_facts
        from .network.ties import evidence_of
        from .network.writes import check_evidence, plan_evidence

        gate = self.gate
        self._curated()
        with self._read() as conn:
            ids = [self.resolve_in(conn, p) for p in people]
            if action == "intro":
                if len(ids) != 2:
                    raise BadInput("check intro needs two people")
                facts = intro_facts(
                    conn, ids[0], ids[1], reason=details.get("reason"), request_id=details.get("request")
                )
            elif action in ("connect", "accept", "endorse", "recommend"):
                if len(ids) != 1:
                    raise BadInput(f"check {action} needs one person")
                # The evidence as connecting would leave it: new criteria added, held ones updated.
                extra, updates = plan_evidence(
                    evidence_of(conn, ids[0]), [check_evidence(e) for e in details.get("evidence") or []]
                )
                request = None
                if action == "accept":
                    handle = conn.execute("SELECT handle FROM person WHERE id = ?", (ids[0],)).fetchone()[0]
                    request = {"channel": details.get("via", "linkedin"), "from": handle, "kind": "connect"}
                facts = person_facts(conn, action, ids[0], extra, replace=updates, request=request)
            else:
                raise BadInput(f"cannot check '{action}'; choose connect, accept, intro, endorse or recommend")
            verdict = gate.evaluate(action, facts)
        data = verdict.as_dict()
        data["subjects"] = {k: v["handle"] for k, v in facts["subjects"].items()}
        return data

    def counting(self, action: str = "connect") -> dict[str, Any]:
        """Which criteria count as evidence for an action under the policy in force ({"criteria",
        "need_conversation"}), so that no one is offered a criterion the policy will not count."""
        from .policy.kinds import ACTIONS

        if action not in ACTIONS:
            raise BadInput(f"'{action}' is not an action; choose one of {', '.join(ACTIONS)}")
        return self.gate.counting(action).as_dict()

    def audit(self) -> dict[str, Any]:
        """The whole network held against the policy: the connections and recognition it would refuse today."""
        from .network.audit import audit

        gate = self.gate
        self._curated()
        with self._read() as conn:
            return audit(conn, gate)

    def decisions(
        self,
        *,
        person: str | None = None,
        action: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
    ) -> list[Decision]:
        """Every gated attempt, newest first."""
        from .policy import decisions

        handle = self._handle(person) if person else None
        read = decisions.read(self.db_path, person=handle, action=action, outcome=outcome, limit=limit)
        return [Decision.from_json(e) for e in read]

    # -- introductions ---------------------------------------------------------------------------------

    def intro(
        self,
        a: str,
        b: str,
        *,
        reason: str | None = None,
        fmt: str = "text",
        request: int | None = None,
        override: str | None = None,
        out: str | None = None,
    ) -> dict[str, Any]:
        """Draft the introduction of a (who wants to reach b) to b under the policy; with `out`, write it there.

        A draft records nothing — no introduction, no decision: the introduction is made when `sent` says
        so. A refusal raises `Refused` with the verdict; a draft without a reason (given, or held by the
        introduction it continues) raises `Usage`."""
        from .intro.service import draft_intro

        gate = self.gate
        with self._read() as conn:
            pa, pb = self.resolve_in(conn, a), self.resolve_in(conn, b)
            _needs_reason(conn, pa, pb, reason, request)
            done = draft_intro(conn, gate, pa, pb, reason=reason, fmt=fmt, request=request, override=override)
        if out is not None:
            from .paths import write_private

            write_private(out, done.text)
        return {**done.as_dict(), "warnings": done.warnings, "out": out, "a": done.subjects[0], "b": done.subjects[1]}

    def sent(
        self,
        a: str | None = None,
        b: str | None = None,
        *,
        intro_id: int | None = None,
        reason: str | None = None,
        request: int | None = None,
        override: str | None = None,
        on: str | None = None,
        text: str | None = None,
    ) -> dict[str, Any]:
        """Record that an introduction was made (of a to b, or introduction `intro_id`): gated by the policy
        and logged, it then counts for protect-my-connections and track-record. `text` is what was sent
        (default: the draft as cnet writes it now); `on` the day it was sent (default now)."""
        from .dates import parse_partial_date
        from .intro import lifecycle
        from .intro.service import record_sent
        from .people.writes import check_text

        when = parse_partial_date(on, field="--on").iso() if on else None
        text = check_text(text, what="the text sent") if text is not None else None
        with self._read() as conn:
            if intro_id is not None:
                rec = lifecycle.intro_record(conn, intro_id)
                if rec["status"] not in lifecycle.OPEN:
                    raise BadInput(
                        f"introduction #{intro_id} is already {rec['status']}"
                        + (f" (on {rec['dates']['introduced'][:10]})" if rec["dates"]["introduced"] else ""),
                        hint=f"See it with: cnet intro show {intro_id}",
                    )
                a, b = rec["a"], rec["b"]
            if a is None or b is None:
                raise BadInput("say which introduction was sent: cnet intro sent ID, or cnet intro sent A B")
            ha, hb = self._handle(a), self._handle(b)
            _needs_reason(conn, self.resolve_in(conn, ha), self.resolve_in(conn, hb), reason, request)
        gate = self.gate
        with self._gated("intro", [ha, hb], {"step": "sent"}) as held:
            _bring_flags_in_step(held.conn, gate)
            pa, pb = self.resolve_in(held.conn, ha), self.resolve_in(held.conn, hb)
            done = record_sent(
                held.conn, gate, pa, pb, reason=reason, request=request, override=override, on=when, text=text
            )
            held.verdict = done.verdict
            rec = lifecycle.intro_record(held.conn, done.id) if done.id is not None else {}
        return {**{k: v for k, v in rec.items()}, "verdict": done.verdict.as_dict()}

    def ask(
        self, a: str, b: str, *, reason: str | None = None, request: int | None = None, override: str | None = None
    ) -> dict[str, Any]:
        """Draft the private note asking b whether they want to meet a (double opt-in), and record the ask."""
        from .intro.service import ask_intro

        gate = self.gate
        ha, hb = self._handle(a), self._handle(b)
        with self._read() as conn:
            _needs_reason(conn, self.resolve_in(conn, ha), self.resolve_in(conn, hb), reason, request)
        with self._gated("intro", [ha, hb], {"step": "ask"}) as held:
            _bring_flags_in_step(held.conn, gate)
            done = ask_intro(
                held.conn,
                gate,
                self.resolve_in(held.conn, ha),
                self.resolve_in(held.conn, hb),
                reason=reason,
                request=request,
                override=override,
            )
            held.verdict = done.verdict
        return {"id": done.id, "draft": done.text, "verdict": done.verdict.as_dict(), "b": done.subjects[1]}

    def consent(self, intro_id: int, answer: str | bool, *, note: str | None = None) -> Introduction:
        """Record whether the person being reached agreed (yes/no)."""
        from .intro import lifecycle
        from .people.writes import check_text

        if isinstance(answer, str):
            if answer.lower() not in ("yes", "no", "y", "n"):
                raise BadInput(f"answer '{answer}' must be yes or no")
            answer = answer.lower().startswith("y")
        with self._write() as conn:
            return Introduction.from_json(lifecycle.consent(conn, intro_id, answer, check_text(note, what="--note")))

    def outcome(self, intro_id: int, result: str, *, on: str | None = None) -> Introduction:
        """Record how an introduction ended: met, hired, deal, no-show, ghosted or declined."""
        from .dates import parse_partial_date
        from .intro import lifecycle

        when = parse_partial_date(on, field="--on").iso() if on else None
        with self._write() as conn:
            return Introduction.from_json(lifecycle.record_outcome(conn, intro_id, result.lower(), when))

    def intros(self, *, status: str | None = None, person: str | None = None) -> list[dict[str, Any]]:
        """Introductions, newest first (without their drafts)."""
        from .intro import lifecycle

        with self._read() as conn:
            pid = self.resolve_in(conn, person) if person else None
            rows = lifecycle.list_intros(conn, status=status, person=pid)
        return [{k: v for k, v in r.items() if k != "draft"} for r in rows]

    def introduction(self, intro_id: int) -> Introduction:
        """One introduction: who, why, each step's date, the outcome and the draft."""
        from .intro import lifecycle

        with self._read() as conn:
            return Introduction.from_json(lifecycle.intro_record(conn, intro_id))

    def pending(self, days: int | None = None) -> tuple[int, list[dict[str, Any]]]:
        """Introductions whose step has waited longer than `days` (default: the policy's pending_days)."""
        from .intro import lifecycle

        if days is None:
            from .policy.loader import load_policy

            days = int(load_policy().settings["pending_days"])
        with self._read() as conn:
            rows = lifecycle.pending(conn, days)
        return days, [{k: v for k, v in r.items() if k != "draft"} for r in rows]

    # -- requests --------------------------------------------------------------------------------------

    def request_connect(
        self, person: str, *, via: str, note: str | None = None, on: str | None = None
    ) -> dict[str, Any]:
        """Record that someone (created if unknown) asked to connect with me."""
        from .intro.requests import add_request, request_record
        from .intro.service import person_or_new

        with self._write() as conn:
            pid, created = person_or_new(conn, person)
            rid = add_request(conn, "connect", pid, channel=via, note=note, received_on=on)
            return {**request_record(conn, rid), "created_person": created}

    def request_intro(
        self,
        asker: str,
        target: str,
        *,
        via: str,
        reason: str,
        note: str | None = None,
        on: str | None = None,
    ) -> dict[str, Any]:
        """Record that someone (created if unknown) asked me to introduce them to someone."""
        from .intro.requests import add_request, request_record
        from .intro.service import person_or_new

        with self._write() as conn:
            to = self.resolve_in(conn, target)
            pid, created = person_or_new(conn, asker)
            rid = add_request(conn, "intro", pid, to_pid=to, channel=via, reason=reason, note=note, received_on=on)
            return {**request_record(conn, rid), "created_person": created}

    def requests(self, *, status: str | None = None, kind: str | None = None) -> list[Request]:
        """Requests made of me, newest first (of a status, of a kind)."""
        from .intro.requests import list_requests

        with self._read() as conn:
            return [Request.from_json(r) for r in list_requests(conn, status=status, kind=kind)]

    def request(self, request_id: int) -> Request:
        """One request made of me."""
        from .intro.requests import request_record

        with self._read() as conn:
            return Request.from_json(request_record(conn, request_id))

    def accept(
        self, request_id: int, evidence: list[EvidenceInput] | None = None, *, override: str | None = None
    ) -> dict[str, Any]:
        """Accept a request: connect (gated by accept, with my evidence), or ask the person to be reached."""
        from .intro.requests import refuse_mine
        from .intro.service import accept_connect

        rec = self.request(request_id)
        refuse_mine(rec)
        if rec.status != "open":
            raise BadInput(f"request #{request_id} is already {rec.status}")
        if rec.kind == "intro":
            data = {
                **self.ask(rec.from_, rec["to"], reason=rec.reason, request=request_id, override=override),
                "kind": "intro",
            }
            self._team_answer_notice(request_id)
            return data
        gate = self.gate
        with self._gated("accept", [rec.from_], {"request": request_id}) as held:
            data, held.verdict = accept_connect(held.conn, gate, request_id, evidence or [], override=override)
        return {**data, "kind": "connect", "from_name": rec.from_name}

    def decline(self, request_id: int) -> dict[str, Any]:
        """Decline a request and draft a warm, honest note saying so."""
        from .intro.service import decline

        with self._write() as conn:
            data = decline(conn, request_id)
        self._team_answer_notice(request_id)
        return data

    def _team_answer_notice(self, request_id: int) -> None:
        """Say where an answer to a team ask goes: back with the next sync, or nowhere once the team is left."""
        rec = self.request(request_id)
        if rec.channel != "team" or rec.source != "team" or rec.from_ == "me":
            return
        if rec.team is None:
            self.notices.append(
                f"this ask came through a team this database has left: your answer cannot be delivered through "
                f"it; tell {rec.from_name} yourself"
            )
        else:
            self.notices.append(f"your answer goes back to {rec.team.member} with: cnet team sync")

    # -- recognition -----------------------------------------------------------------------------------

    def _recognise(
        self,
        person: str,
        kind: str,
        *,
        skill: str | None = None,
        text: str | None = None,
        override: str | None = None,
    ) -> dict[str, Any]:
        from .intro.recommendation import draft_recommendation
        from .network.recognition import ACTIONS, give_recognition

        gate, handle = self.gate, self._handle(person)
        with self._gated(ACTIONS[kind], [handle], {"skill": skill} if skill else None) as held:
            rec, verdict = give_recognition(
                held.conn,
                self.resolve_in(held.conn, handle),
                kind,
                gate=gate,
                skill=skill,
                text=text,
                override=override,
                draft=draft_recommendation,
            )
            held.verdict = verdict
        return {**rec, "verdict": verdict.as_dict()}

    def endorse(self, person: str, skill: str, *, override: str | None = None) -> dict[str, Any]:
        """Endorse a person for a skill (gated by honest-recognition)."""
        return self._recognise(person, "endorsement", skill=skill, override=override)

    def recommend(self, person: str, *, text: str | None = None, override: str | None = None) -> dict[str, Any]:
        """Write a recommendation (drafted from the evidence unless `text`), gated by honest-recognition."""
        return self._recognise(person, "recommendation", text=text, override=override)

    def recognition(self, person: str | None = None) -> list[Recognition]:
        """Endorsements and recommendations I gave (to one person), newest first."""
        from .network.recognition import recognition_records

        with self._read() as conn:
            rows = recognition_records(conn, self.resolve_in(conn, person) if person else None)
        return [Recognition(**r) for r in rows]

    # -- bringing people in, taking everything out ------------------------------------------------------

    def import_linkedin(self, path: str | Path, *, progress: Progress = None, subjects: bool = True) -> dict[str, Any]:
        """Import a LinkedIn export (Connections.csv, the unzipped folder or the .zip) in one transaction: the
        connections, and from a full export invitations, recognition, my positions and schools, and the messages
        (kept by their headers, never their content; `subjects` False keeps no subject either)."""
        from .io.linkedin import import_linkedin

        # Every id the import writes is one it has just read or made (as bulk links): no key to check.
        with self._write(foreign_keys=False) as conn:
            return _summary(import_linkedin(conn, Path(path).expanduser(), progress=progress, subjects=subjects))

    def import_vcard(
        self,
        files: Sequence[str | Path | tuple[str, bytes]],
        *,
        strict: bool = False,
        progress: Progress = None,
    ) -> dict[str, Any]:
        """Import address books in one transaction: vCard files, vdir folders (their .vcf files), `-` for
        stdin, or (name, bytes) pairs; with `strict`, a file with no card stops it (otherwise it is reported
        and skipped)."""
        from .io.vcard import import_vcards, read_sources

        data = read_sources(files)  # every file read before the transaction begins
        with self._write() as conn:
            return _summary(import_vcards(conn, data, strict=strict, progress=progress))

    def import_csv(self, data: bytes, *, mapping: dict[str, str] | None = None, name: str = "<csv>") -> dict[str, Any]:
        """Import people from any CSV; columns matched by name, or by `mapping` (column -> field)."""
        from .io.csvio import import_csv
        from .policy import decisions

        verdicts: list[Any] = []
        with self._write() as conn:
            summary = import_csv(conn, data, mapping or {}, name, gate=self.gate, verdicts=verdicts)
        for verdict, subjects in verdicts:  # the evidence rows' verdicts, logged once the import committed
            if verdict is not None:
                decisions.record(self.db_path, verdict, subjects, detail={"file": name})
        return summary

    def import_mail(
        self,
        paths: Sequence[str | Path],
        *,
        since: str | None = None,
        subjects: bool = True,
        max_people: int = 10,
        dry_run: bool = False,
        progress: Progress = None,
    ) -> dict[str, Any]:
        """Interactions from mbox files, Maildir folders, folders of .eml or .eml files, in one transaction
        (with `dry_run`, rolled back: the summary says what would be done)."""
        from .io.mail import import_mail

        return self._archive(
            lambda conn: import_mail(
                conn, [Path(p).expanduser() for p in paths], since=since, subjects=subjects, max_people=max_people,
                progress=progress,
            ),
            dry_run,
        )  # fmt: skip

    def import_calendar(
        self,
        paths: Sequence[str | Path],
        *,
        since: str | None = None,
        subjects: bool = True,
        max_people: int = 10,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Meetings from .ics calendars (each past occurrence of a recurring event), in one transaction."""
        from .io.calendar import import_calendar

        return self._archive(
            lambda conn: import_calendar(
                conn, [Path(p).expanduser() for p in paths], since=since, subjects=subjects, max_people=max_people
            ),
            dry_run,
        )

    def _archive(self, run: Callable[[sqlite3.Connection], Any], dry_run: bool) -> dict[str, Any]:
        from .network.suggestions import counts

        class _Rollback(Exception):
            pass

        result: dict[str, Any] = {}
        try:
            with self._write() as conn:
                result = {**run(conn).as_dict(), "dry_run": dry_run}
                result.update(counts(conn))
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        return result

    def archive_status(self) -> dict[str, Any]:
        """What the archives' kept headers hold: items by source, their addresses, how many are no one's yet."""
        from .archive import status

        with self._read() as conn:
            return status(conn)

    def archive_forget(
        self,
        address: str | None = None,
        *,
        before: str | None = None,
        keep_interactions: bool = False,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Delete the kept headers of every item an address is on, or dated before a date, and (unless
        `keep_interactions`) the interactions they gave; `dry_run` only counts them."""
        from .archive import forget, forget_preview

        if dry_run:
            with self._read() as conn:
                return forget_preview(conn, address=address, before=before)
        with self._write() as conn:
            return forget(conn, address=address, before=before, keep_interactions=keep_interactions)

    def suggestions(self, kind: str | None = None) -> list[Suggestion]:
        """What the archives suggest (people, evidence, links), with the facts behind each."""
        from .network.suggestions import suggest

        with self._read() as conn:
            return [suggestion(s) for s in suggest(conn, kind)]

    def accept_suggestion(self, sid: str, *, criterion: str | None = None) -> dict[str, Any]:
        """Record a suggestion: add the person, connect with the evidence (gated), or link the two."""
        return self.accept_suggestions([sid], criterion=criterion)[0]

    def accept_suggestions(self, sids: Sequence[str], *, criterion: str | None = None) -> list[dict[str, Any]]:
        """Record several suggestions together, all or none: each adds a person, connects with its evidence
        (gated by the policy: each verdict is recorded) or links two people. Return what each did. When one
        cannot be done, none is: `Incomplete` says what each would have done or why it could not (one id
        alone raises its own error)."""
        from .network.suggestions import accept

        gate = self.gate

        def one(conn: sqlite3.Connection, sid: str) -> tuple[dict[str, Any], Any]:
            return accept(conn, sid, gate=gate, criterion=criterion)

        return self._all_or_nothing(sids, one, "accepted", action="connect")

    def dismiss_suggestion(self, sid: str) -> dict[str, Any]:
        return self.dismiss_suggestions([sid])[0]

    def dismiss_suggestions(self, sids: Sequence[str]) -> list[dict[str, Any]]:
        """Dismiss several suggestions together, all or none (they do not come back); what each did."""
        from .network.suggestions import dismiss

        return self._all_or_nothing(sids, lambda conn, sid: (dismiss(conn, sid), None), "dismissed")

    def _all_or_nothing(
        self,
        ids: Sequence[str],
        run: Callable[[sqlite3.Connection, str], tuple[dict[str, Any], Any]],
        verb: str,
        *,
        action: str | None = None,
    ) -> list[dict[str, Any]]:
        """Run `run` for each id in one transaction, each in a savepoint, and commit only if every one was
        done. Each gated verdict is recorded: a refusal whatever happens, an allowed one once it is done."""
        from .errors import CnetError, Incomplete, Refused
        from .policy import decisions

        ids = list(dict.fromkeys(ids))  # the same id twice is one
        if action:
            decisions.check_log(self.db_path)
        outcomes: list[dict[str, Any]] = []
        failed: list[tuple[str, CnetError]] = []
        allowed: list[tuple[str, Any]] = []
        refusals: list[tuple[str, Any]] = []

        class _Undo(Exception):
            pass

        committed = False
        try:
            with self._write() as conn:
                for sid in ids:
                    conn.execute("SAVEPOINT one_of_many")
                    try:
                        done, verdict = run(conn, sid)
                    except CnetError as exc:
                        conn.execute("ROLLBACK TO one_of_many")
                        conn.execute("RELEASE one_of_many")
                        failed.append((sid, exc))
                        if isinstance(exc, Refused) and exc.verdict is not None:
                            refusals.append((sid, exc.verdict))
                        outcomes.append({"id": sid, "done": False, "outcome": exc.message})
                        continue
                    conn.execute("RELEASE one_of_many")
                    if verdict is not None:
                        allowed.append((sid, verdict))
                    outcomes.append({**done, "done": True})
                if failed:
                    raise _Undo
            committed = True
        except _Undo:
            pass
        finally:
            if action:  # what happened: the refusals, and what was allowed once it is done
                for sid, verdict in refusals + (allowed if committed else []):
                    subject = sid.split(":", 1)[1] if ":" in sid else sid
                    decisions.record(self.db_path, verdict, [subject], detail={"suggestion": sid})
        if not failed:
            return outcomes
        if len(ids) == 1:
            raise failed[0][1]
        for i, o in enumerate(outcomes):
            if o["done"]:  # rolled back: what it did is only what it would have done
                would = {k: v for k, v in o.items() if k not in ("id", "done")}
                outcomes[i] = {"id": o["id"], "done": False, "outcome": f"would be {verb}; not recorded"}
                outcomes[i]["would_have"] = would
        lines = "\n".join(f"  {o['id']}: {o['outcome']}" for o in outcomes)
        firsts = [(sid, exc.message.splitlines()[0]) for sid, exc in failed[:2]]
        why = "; ".join(msg if sid in msg else f"{sid}: {msg}" for sid, msg in firsts)  # each named once
        why += f"; and {len(failed) - 2} more" if len(failed) > 2 else ""
        raise Incomplete(
            f"nothing was {verb}: {len(failed)} of {len(ids)} could not be {verb} ({why})\n{lines}",
            outcomes=outcomes,
            refused_only=all(isinstance(exc, Refused) for _sid, exc in failed),
            hint=f"Leave out the ones that cannot be {verb}, or fix them, and run it again.",
        )

    def import_json(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Restore a `cnet export json` document into this (empty) database."""
        from .io.jsondump import import_all

        with self._write() as conn:
            return import_all(conn, doc)

    @classmethod
    def restore(cls, path: str | Path, doc: dict[str, Any], *, policy_file: Path | None = None) -> dict[str, Any]:
        """Restore an export into a new, empty database at `path` (created), with its decision log and, where
        the user has none, its policy. A restore that fails leaves no new file behind."""
        import json

        from .io.jsondump import check_document
        from .paths import policy_path
        from .policy import decisions

        if not isinstance(doc, dict):
            raise BadInput('not a cnet export (expected an object with "format": "cnet-export")')
        check_document(doc)  # before any file is made
        from .paths import existing_kind

        path = Path(path)
        beside = (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")))
        made = [p for p in beside if existing_kind(p, what="database") is None]  # only what this restore makes
        try:
            net = cls.open(path, create=True)
            try:
                counts = net.import_json(doc)
            finally:
                net.close()
        except BaseException:
            for p in made:
                p.unlink(missing_ok=True)
            raise
        log = decisions.log_path(path)
        from .paths import write_private

        if doc.get("decisions") and existing_kind(log, what="decision log") is None:
            lines = (json.dumps(d, ensure_ascii=False) + "\n" for d in doc["decisions"])
            write_private(log, lines, what="decision log", allow_stdout=False)
        target = policy_file or policy_path()
        if doc.get("policy") and existing_kind(target, what="policy") is None:
            write_private(target, doc["policy"], what="policy", make_folder=True, allow_stdout=False)
            counts["policy"] = str(target)
        return counts

    def export_json(self, *, policy_text: str | None = None) -> dict[str, Any]:
        """Everything, as one document that `import_json` restores."""
        from .io.jsondump import export_all
        from .policy import decisions

        with self._read() as conn:
            return export_all(conn, decisions=decisions.read(self.db_path), policy_text=policy_text)

    def iter_export_json(self, *, policy_text: str | None = None, pretty: bool = False) -> Iterator[str]:
        """The same document as text, a piece at a time, read as it is written (memory stays flat)."""
        from .io.jsondump import export_sections, write_document
        from .policy import decisions

        log = decisions.read(self.db_path)
        with self._read() as conn:
            yield from write_document(export_sections(conn, decisions=log, policy_text=policy_text), pretty=pretty)

    def export_vcard(self, people: list[str] | None = None, *, tag: str | None = None, version: str = "3.0") -> str:
        """People as vCards (default everyone but me), with every property their imported cards carried."""
        return "".join(self.iter_export_vcard(people, tag=tag, version=version))

    def iter_export_vcard(
        self, people: list[str] | None = None, *, tag: str | None = None, version: str = "3.0"
    ) -> Iterator[str]:
        """The same, a few hundred cards at a time (memory stays flat)."""
        from .io.spool import Spool
        from .io.vcard import iter_vcards, record_sync

        synced = Spool()  # a million cards' fields would not fit in flat memory: they wait on disk
        with self._read() as conn:
            yield from iter_vcards(conn, self._card_ids(conn, people, tag), version, synced)
        # Read whole: what each card said is remembered, so an edit made to it elsewhere is told from ours.
        with self._write() as conn:
            record_sync(conn, synced)

    def export_vdir(
        self, folder: str | Path, people: list[str] | None = None, *, tag: str | None = None, version: str = "3.0"
    ) -> list[str]:
        """Write one card a file into a vdir folder (named by UID; exporting again updates each in place)."""
        from .io.spool import Spool
        from .io.vcard import export_vdir, record_sync, vdir_key
        from .text import printable

        synced = Spool()
        vdir = vdir_key(Path(folder))
        try:  # the folder is remembered by its path: one that cannot be stored is refused before a card is written
            vdir.encode("utf-8")
        except UnicodeEncodeError:
            raise BadInput(
                f"--vdir: the folder's name '{printable(vdir)}' is not valid UTF-8; cnet remembers a vdir by its "
                "path, so give it a UTF-8 name"
            ) from None
        with self._read() as conn:
            ids = self._card_ids(conn, people, tag)
            written = [str(p) for p in export_vdir(conn, ids, Path(folder).expanduser(), version, synced)]
        with self._write() as conn:  # what each card said, so an edit made to it elsewhere is told from ours
            record_sync(conn, synced, vdir=vdir)
        return written

    def _card_ids(self, conn: sqlite3.Connection, people: list[str] | None, tag: str | None) -> list[int]:
        from .people.records import list_ids

        if people:
            ids = list(dict.fromkeys(self.resolve_in(conn, q) for q in people))
            if tag:
                tagged = set(list_ids(conn, tag=tag, include_me=True))
                ids = [i for i in ids if i in tagged]
        else:
            ids = list_ids(conn, tag=tag)
        if not ids and (people or tag):
            who = f"the tag '{tag}'" if tag else "those people"
            raise BadInput(f"no one to export: no one matched {who}", hint="See the tags with: cnet list")
        return ids

    def export_csv(self) -> str:
        """Everyone but me as CSV, one row each (with the evidence as JSON in a column)."""
        return "".join(self.iter_export_csv())

    def iter_export_csv(self) -> Iterator[str]:
        """The same, a batch of rows at a time (memory stays flat)."""
        from .io.csvio import iter_csv

        with self._read() as conn:
            yield from iter_csv(conn)

    def network_map(
        self,
        *,
        fmt: str = "html",
        view: str = "curated",
        depth: int = 2,
        tag: str | None = None,
        company: str | None = None,
        focus: str | None = None,
    ) -> tuple[str, dict[str, Any]]:
        """The network as a picture around me (or `focus`): an offline HTML page or an SVG, and what it holds."""
        from .map.layout import place
        from .map.model import build_map
        from .map.page import html, svg
        from .people.records import me_id

        if fmt not in ("html", "svg"):
            raise BadInput(f"--format: '{fmt}' is not html or svg")
        v = check_view(view)
        self._curated()
        with self._read() as conn:
            me = me_id(conn)
            centre = self.resolve_in(conn, focus) if focus else me
            m = build_map(conn, me=me, centre=centre, view=v, depth=depth, tag=tag, company=company)
        place(m)
        text = html(m) if fmt == "html" else svg(m)
        return text, {"format": fmt, **m.summary(fmt)}

    def export_graph(self, fmt: str = "graphml", *, view: str = "curated") -> str:
        """The graph of a view as GraphML, GEXF, DOT or node-link JSON."""
        return "".join(self.iter_export_graph(fmt, view=view))

    def iter_export_graph(self, fmt: str = "graphml", *, view: str = "curated") -> Iterator[str]:
        """The same, a piece at a time, read as it is written (memory stays flat)."""
        from .io.graphs import render

        v = check_view(view)
        self._curated()
        with self._read() as conn:
            yield from render(conn, fmt, v)

    def status(self) -> dict[str, Any]:
        from .store.status import database_status

        return database_status(self.store)


def check_view(view: str) -> View:
    from .network.graph import View

    try:
        return View(str(view).lower())
    except ValueError:
        raise BadInput(f"--view: '{view}' is not a view; choose curated or nominal") from None


def check_degree(degree: int) -> int:
    if not 1 <= degree <= 50:
        raise BadInput(f"--degree: {degree} is outside 1–50")
    return degree


def _needs_reason(conn: sqlite3.Connection, a: int, b: int, reason: str | None, request: int | None = None) -> None:
    """An introduction needs a reason — words, not punctuation: the one given, or the one the open
    introduction it continues or the request it answers holds."""
    from .intro import lifecycle
    from .intro.requests import request_record

    if reason is not None and any(ch.isalnum() for ch in reason):
        return
    if reason is not None and reason.strip():
        raise BadInput(f"--reason '{reason.strip()}' says nothing: say why the two should talk")
    iid = lifecycle.open_intro(conn, a, b)
    if iid is not None and lifecycle.intro_record(conn, iid)["reason"]:
        return
    if request is not None and request_record(conn, request)["reason"]:
        return
    raise Usage(
        "missing option '--reason': say why the two should talk",
        hint='e.g. --reason "Jim is hiring a staff physician and Leonard wants to hear about the role"',
    )


def _bring_flags_in_step(conn: sqlite3.Connection, gate: Gate) -> None:
    """Inside a gated write: the curated flags follow the policy in force (rolled back with a refusal)."""
    from .network.curation import in_step, refresh_curated_flags

    if not in_step(conn, gate):
        refresh_curated_flags(conn, gate)


def _summary(summary: ImportSummary) -> dict[str, Any]:
    return summary.as_dict()


__all__ = ["Network", "check_degree", "check_view"]
