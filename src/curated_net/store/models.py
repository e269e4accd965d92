"""The schema, declared: one SQLModel class per table.

These classes are the source of truth for what the database holds; the numbered migrations in
`migrations` build it, and tests/test_schema.py holds every migrated database (from blank and from
each earlier version, with data in it) equal to what is declared here. No command imports this
module: writes and reads go through plain sqlite3 connections, so none pays for the ORM.
"""

from sqlmodel import Field, Relationship, SQLModel


def _children(order_by: str) -> dict:
    return {"order_by": order_by, "cascade": "all, delete-orphan", "lazy": "selectin"}


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(unique=True)
    name: str
    name_key: str
    name_fold: str
    nickname: str | None = None
    pronouns: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    linkedin: str | None = None
    how_met: str | None = None
    met_on: str | None = None
    notes: str | None = None
    birthday: str | None = None  # YYYY-MM-DD, YYYY-MM, YYYY, or --MM-DD (a day with no year)
    anniversary: str | None = None
    do_not_introduce: bool = False
    no_recruiters: bool = False
    team_private: bool = False  # never published to a team
    is_me: bool = False
    created_at: str
    updated_at: str

    emails: list["Email"] = Relationship(sa_relationship_kwargs=_children("Email.position"))
    phones: list["Phone"] = Relationship(sa_relationship_kwargs=_children("Phone.position"))
    tags: list["Tag"] = Relationship(sa_relationship_kwargs=_children("Tag.name_key"))
    highlights: list["Highlight"] = Relationship(sa_relationship_kwargs=_children("Highlight.position"))


class Email(SQLModel, table=True):
    __tablename__ = "email"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    address: str
    address_key: str
    position: int = 0


class Phone(SQLModel, table=True):
    __tablename__ = "phone"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    number: str
    position: int = 0


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    name: str
    name_key: str


class Highlight(SQLModel, table=True):
    __tablename__ = "highlight"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    text: str
    position: int = 0


class Meta(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class Connection(SQLModel, table=True):
    __tablename__ = "connection"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    nominal_source: str | None = None
    nominal_on: str | None = None
    curated: bool = False
    created_at: str
    updated_at: str

    evidence: list["Evidence"] = Relationship(sa_relationship_kwargs=_children("Evidence.id"))


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="connection.person_id")
    criterion: str
    detail: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    conversation: str | None = None
    created_at: str


class Link(SQLModel, table=True):
    __tablename__ = "link"

    a: int = Field(foreign_key="person.id", primary_key=True)
    b: int = Field(foreign_key="person.id", primary_key=True)
    how: str | None = None
    learnt: str | None = None
    strength: int | None = None
    created_at: str


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    kind: str
    on_date: str
    note: str
    memorable: bool = False
    created_at: str
    source: str | None = None  # None: logged by the user; 'mail' or 'calendar': read from an archive
    source_id: str | None = None  # the Message-ID, or an event's UID and occurrence


class DegreeCache(SQLModel, table=True):
    __tablename__ = "degree_cache"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    nominal: int | None = None
    curated: int | None = None
    # Per view: links to people one degree nearer (ways in), to 2nd-degree people, and to 2nd-degree people
    # with one way in; bridges are ranked by the last two (network/degrees.py keeps them with the degrees).
    nominal_parents: int = 0
    nominal_seconds: int = 0
    nominal_sole: int = 0
    curated_parents: int = 0
    curated_seconds: int = 0
    curated_sole: int = 0


class DegreeDirty(SQLModel, table=True):
    """Whose ties changed since the degrees were last brought up to date (noted by triggers)."""

    __tablename__ = "degree_dirty"

    person_id: int = Field(primary_key=True)


class Recognition(SQLModel, table=True):
    __tablename__ = "recognition"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    kind: str
    skill: str | None = None
    text: str | None = None
    given_on: str
    source: str = "cnet"
    status: str | None = None
    created_at: str


class Request(SQLModel, table=True):
    __tablename__ = "request"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    from_person: int = Field(foreign_key="person.id")
    to_person: int | None = Field(default=None, foreign_key="person.id")
    channel: str
    reason: str | None = None
    note: str | None = None
    status: str = "open"
    received_on: str
    source: str = "cnet"
    created_at: str
    updated_at: str


class Introduction(SQLModel, table=True):
    __tablename__ = "introduction"

    id: int | None = Field(default=None, primary_key=True)
    a: int = Field(foreign_key="person.id")
    b: int = Field(foreign_key="person.id")
    requested_by: int | None = Field(default=None, foreign_key="person.id")
    request_id: int | None = Field(default=None, foreign_key="request.id")
    reason: str | None = None
    status: str
    outcome: str | None = None
    consent_note: str | None = None
    draft: str | None = None
    requested_at: str | None = None
    asked_at: str | None = None
    answered_at: str | None = None
    introduced_at: str | None = None
    outcome_at: str | None = None
    created_at: str
    updated_at: str


class Provenance(SQLModel, table=True):
    __tablename__ = "provenance"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    field: str = Field(primary_key=True)
    source: str = Field(primary_key=True)
    value: str | None = None
    updated_at: str


class CardProperty(SQLModel, table=True):
    __tablename__ = "card_property"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    position: int
    grp: str | None = None
    name: str
    params: str = "{}"
    value: str
    field: str | None = None


class CardSync(SQLModel, table=True):
    __tablename__ = "card_sync"

    uid: str = Field(primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    fields: str  # JSON: the person's declared fields as cnet last wrote or read them for this card
    at: str
    vdir: str | None = Field(default=None, index=True)  # the folder the card was last written to or read from


class ArchiveItem(SQLModel, table=True):
    __tablename__ = "archive_item"

    id: int | None = Field(default=None, primary_key=True)
    source: str
    source_id: str
    on_date: str
    direction: str
    subject: str | None = None  # only where the import was allowed to keep it


class ArchiveParty(SQLModel, table=True):
    __tablename__ = "archive_party"

    item_id: int = Field(foreign_key="archive_item.id", primary_key=True)
    address: str = Field(primary_key=True)  # an e-mail address, or a LinkedIn profile URL
    name: str | None = None
    role: str | None = None  # from, to, cc, attendee (None: kept before roles were)


class SuggestionDismissed(SQLModel, table=True):
    __tablename__ = "suggestion_dismissed"

    kind: str = Field(primary_key=True)
    key: str = Field(primary_key=True)
    dismissed_at: str


class KeepInTouch(SQLModel, table=True):
    __tablename__ = "keep_in_touch"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", unique=True)
    tag_key: str | None = Field(default=None, unique=True)
    every_days: int | None = None  # None: off
    at_most_days: int | None = None
    updated_at: str


class PruneMark(SQLModel, table=True):
    __tablename__ = "prune_mark"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    marked_at: str


class ReviewState(SQLModel, table=True):
    __tablename__ = "review_state"

    person_id: int = Field(foreign_key="person.id", primary_key=True)
    answer: str
    until: str | None = None
    answered_at: str


class TeamLink(SQLModel, table=True):
    """The team this database is linked to: its store's URL (never a password), my handle, the key's fingerprint."""

    __tablename__ = "team_link"

    id: int | None = Field(default=None, primary_key=True)
    url: str
    team_id: str
    handle: str
    key_check: str
    joined_at: str
    published_at: str | None = None
    published_count: int | None = None
    service: str | None = None  # the libpq service (PGSERVICE) it joined with


class TeamPrefs(SQLModel, table=True):
    """What this database keeps off any team, whether or not it is linked to one."""

    __tablename__ = "team_prefs"

    id: int | None = Field(default=None, primary_key=True)
    private_tags: str = "[]"  # a JSON list of tags whose people are never published
    seat: str | None = None  # the id a team's server keeps for the seat this database holds (one database a seat)


class TeamAsk(SQLModel, table=True):
    """A request that travelled through the team: its number on the server, its direction, the answer sent back."""

    __tablename__ = "team_ask"

    request_id: int | None = Field(default=None, primary_key=True, foreign_key="request.id")
    ask_id: int
    direction: str  # 'in' (asked of me) or 'out' (I asked)
    member: str
    answered: str | None = None


class Affiliation(SQLModel, table=True):
    __tablename__ = "affiliation"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    kind: str  # employer, school
    name: str
    name_key: str
    start: str | None = None
    until: str | None = None
    source: str | None = None  # None: the user's; 'linkedin': the export's Positions/Education
    created_at: str
