"""What the API returns: typed records.

Each record is a frozen dataclass with attributes (`person.name`, `person.flags.do_not_introduce`) and is
also a read-only mapping of its JSON shape (`person["name"]`), so code written against the dicts of
before keeps working. `as_json()` is the shape `--json` prints; the one renderer (cli/render.py) calls
it, so the JSON is what it always was.

A record's fields are the JSON shape's keys in order; a person's are the fields people/fields.py declares
(tests/test_records.py holds the two together).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar


class Record(Mapping[str, Any]):
    """A record is a read-only mapping of its JSON shape; records equal dicts of the same shape."""

    __slots__ = ()
    # Keys the JSON shape leaves out while their value is None (as the dicts of before did).
    _absent_when_none: ClassVar[frozenset[str]] = frozenset()
    # Attributes whose JSON key is a Python keyword, as (attribute, key): ("from_", "from").
    _renamed: ClassVar[tuple[tuple[str, str], ...]] = ()

    def as_json(self) -> dict[str, Any]:
        """The record as `--json` prints it."""
        return {k: _json(getattr(self, a)) for k, a in self._pairs()}

    def __getitem__(self, key: str) -> Any:
        for k, a in self._pairs():
            if k == key:
                return _json(getattr(self, a))
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def _keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self._pairs())

    def _pairs(self) -> tuple[tuple[str, str], ...]:
        """(JSON key, attribute) of each key the JSON shape holds, in order."""
        renamed = dict(self._renamed)
        names = (f.name for f in fields(self))  # type: ignore[arg-type]
        return tuple(
            (renamed.get(a, a), a) for a in names if a not in self._absent_when_none or getattr(self, a) is not None
        )

    def __repr__(self) -> str:
        inner = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))  # type: ignore[arg-type]
        return f"{type(self).__name__}({inner})"


def _json(value: object) -> Any:
    if isinstance(value, Record):
        return value.as_json()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


def as_json(value: object) -> Any:
    """`json.dumps`'s `default`: a record as its JSON shape (anything else is not JSON)."""
    if isinstance(value, Record):
        return value.as_json()
    raise TypeError(f"{type(value).__name__} is not JSON")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Flags(Record):
    """A person's flags: never introduce them, keep recruiters away, never publish them to a team."""

    do_not_introduce: bool = False
    no_recruiters: bool = False
    team_private: bool = False


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Person(Record):
    """A person, as `cnet show PERSON --json` prints them without their ties."""

    handle: str
    name: str
    nickname: str | None
    pronouns: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    company: str | None
    title: str | None
    location: str | None
    linkedin: str | None
    tags: tuple[str, ...]
    how_met: str | None
    met_on: str | None
    birthday: str | None
    anniversary: str | None
    highlights: tuple[str, ...]
    notes: str | None
    employers: tuple[str, ...]
    schools: tuple[str, ...]
    flags: Flags
    is_me: bool
    created_at: str
    updated_at: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Person:
        """A person from the JSON shape (people.records.person_records gives it)."""
        values = {f.name: d[f.name] for f in fields(cls)}
        for key in ("emails", "phones", "tags", "highlights", "employers", "schools"):
            values[key] = tuple(values[key])
        values["flags"] = Flags(**d["flags"])
        return cls(**values)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Link(Record):
    """A tie between two other people as `Network.link` leaves it: whether it was added, updated or already
    there, both ends (handle and name), and how they know each other, where I learnt it, how strong it is."""

    status: str
    a: str
    b: str
    a_name: str
    b_name: str
    how: str | None
    learnt: str | None
    strength: int | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Interaction(Record):
    """A dated interaction with a person as `Network.log` records it: whose (handle and name), its id, kind,
    day, note, whether it was memorable, and where it came from (None: typed; or the archive it was read from)."""

    person: str
    name: str
    id: int
    kind: str
    on: str
    note: str | None
    memorable: bool
    source: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Evidence(Record):
    """One piece of evidence of my connection with a person: its number, criterion, and what backs it."""

    id: int
    criterion: str
    detail: str | None
    since: str | None
    until: str | None
    place: str | None
    conversation: str | None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Evidence:
        """Evidence from its JSON shape (network.ties gives it)."""
        return cls(**{f.name: d[f.name] for f in fields(cls)})


def _evidence(items: Iterable[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_json(e) for e in items)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Connection(Record):
    """My connection with a person: curated or nominal, the nominal source and day, the evidence, a summary."""

    status: str
    nominal_source: str | None
    nominal_on: str | None
    evidence: tuple[Evidence, ...]
    summary: str

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Connection:
        """A connection from its JSON shape (network.ties.as_connection_record gives it)."""
        return cls(d["status"], d["nominal_source"], d["nominal_on"], _evidence(d["evidence"]), d["summary"])


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Connected(Record):
    """What `Network.connect` did: whose connection (handle and name), the connection as it now is, the
    evidence added and the evidence updated in place, and the policy's verdict (None when ungated)."""

    person: str
    name: str
    connection: Connection
    added_evidence: tuple[Evidence, ...]
    updated_evidence: tuple[Evidence, ...]
    verdict: dict[str, Any] | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ConnectionEvidence(Record):
    """My connection with a person as `Network.evidence` lists it: whose (handle and name), then the
    connection's own fields."""

    person: str
    name: str
    status: str
    nominal_source: str | None
    nominal_on: str | None
    evidence: tuple[Evidence, ...]
    summary: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Disconnected(Record):
    """What `Network.disconnect` removed: whose connection (handle and name) and the connection as it was."""

    person: str
    name: str
    removed: Connection


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class IntroDates(Record):
    """When an introduction took each step (None: not yet): requested, asked, answered, introduced, outcome."""

    requested: str | None
    asked: str | None
    answered: str | None
    introduced: str | None
    outcome: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Introduction(Record):
    """An introduction of a (who wants to reach b) to b: both ends (handle and name), who asked for it and by
    which request, the reason, where it stands, how it ended, b's note when answering, each step's date, and
    the draft as last written."""

    id: int
    a: str
    a_name: str
    b: str
    b_name: str
    requested_by: str | None
    request: int | None
    reason: str | None
    status: str
    outcome: str | None
    consent_note: str | None
    dates: IntroDates
    draft: str | None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Introduction:
        """An introduction from its JSON shape (intro.lifecycle.intro_record gives it)."""
        values = {f.name: d[f.name] for f in fields(cls)}
        values["dates"] = IntroDates(**d["dates"])
        return cls(**values)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RuleOutcome(Record):
    """One rule's outcome in a decision: its id, effect (deny or warn), whether it passed, and its message."""

    id: str
    effect: str | None
    passed: bool | None
    message: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Decision(Record):
    """One gated attempt from the decision log: when, the action, the verdict's outcome, whom it was about
    (handles), the policy's digest, the override's reason, each rule's outcome, what else the action
    recorded (absent from the JSON when nothing), and the line of the log it is on."""

    _absent_when_none: ClassVar[frozenset[str]] = frozenset({"detail"})

    at: str
    action: str
    outcome: str
    subjects: tuple[str, ...]
    policy: str | None
    override_reason: str | None
    rules: tuple[RuleOutcome, ...]
    detail: dict[str, Any] | None
    n: int

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Decision:
        """A decision from a line of the log as policy.decisions reads it (its line number as `n`)."""
        return cls(
            d["at"],
            d["action"],
            d["outcome"],
            tuple(d["subjects"]),
            d.get("policy"),
            d.get("override_reason"),
            tuple(RuleOutcome(r["id"], r.get("effect"), r.get("passed"), r.get("message")) for r in d.get("rules", ())),
            d.get("detail"),
            d["n"],
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PersonSuggestion(Record):
    """Someone the archives show I correspond with both ways and cnet does not know: the suggestion's id,
    kind ("people") and key (the address), their name, e-mail or LinkedIn address, and the facts behind it."""

    id: str
    kind: str
    key: str
    name: str
    email: str | None
    linkedin: str | None
    facts: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class EvidenceSuggestion(Record):
    """A connection without evidence that the archives show in use: the suggestion's id, kind ("evidence")
    and key (the handle), whose (handle and name), the facts, the criterion they suggest (None: I say), and why."""

    id: str
    kind: str
    key: str
    person: str
    name: str
    facts: str
    criterion: str | None
    why: str | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LinkSuggestion(Record):
    """Two people the archives show together: the suggestion's id, kind ("links") and key, both handles, and
    the facts behind it."""

    id: str
    kind: str
    key: str
    a: str
    b: str
    facts: str


Suggestion = PersonSuggestion | EvidenceSuggestion | LinkSuggestion
_SUGGESTIONS: dict[str, type[PersonSuggestion] | type[EvidenceSuggestion] | type[LinkSuggestion]] = {
    "people": PersonSuggestion,
    "evidence": EvidenceSuggestion,
    "links": LinkSuggestion,
}


def suggestion(d: Mapping[str, Any]) -> Suggestion:
    """A suggestion from its JSON shape (network.suggestions gives it), typed by its kind."""
    cls = _SUGGESTIONS[d["kind"]]
    return cls(**{f.name: d[f.name] for f in fields(cls)})


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class RequestTeam(Record):
    """A request that came through a team: in (a teammate asked me) or out (I asked them), the teammate, and
    the ask's number in the team."""

    direction: str
    member: str | None
    ask: int | None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Request(Record):
    """A request someone made of me: to connect, or to be introduced to someone. Its number, kind, who asked
    (person id, handle, name; `from_` is the JSON's `from`), whom they want to reach (None for connect), the
    channel, reason, note, status, the day it came, where it was read from, and the team it came through."""

    _renamed: ClassVar[tuple[tuple[str, str], ...]] = (("from_", "from"),)

    id: int
    kind: str
    from_id: int
    from_: str
    from_name: str
    to_id: int | None
    to: str | None
    to_name: str | None
    channel: str | None
    reason: str | None
    note: str | None
    status: str
    received_on: str | None
    source: str | None
    team: RequestTeam | None

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Request:
        """A request from its JSON shape (intro.requests.request_record gives it)."""
        values = {f.name: d[dict(cls._renamed).get(f.name, f.name)] for f in fields(cls)}
        values["team"] = RequestTeam(**d["team"]) if d["team"] else None
        return cls(**values)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Recognition(Record):
    """An endorsement or a recommendation I gave: its number, to whom (handle and name), the kind, the skill
    endorsed, the recommendation's text, the day, where it came from, and its status there (None: cnet's own)."""

    id: int
    handle: str
    name: str
    kind: str
    skill: str | None
    text: str | None
    given_on: str
    source: str | None
    status: str | None
