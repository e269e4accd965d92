"""The person's fields, declared once.

Each entry says what a field is — its kind (which rule checks it), one value or many, how a merge of
two people treats it, the vCard property it travels as in 3.0 and 4.0, its CSV column, its JSON key
and whether `show` prints it. The writer's checks (`people.writes`), the reader (`people.records`),
merge (`people.dupes`), the JSON dump and restore, and the CSV and vCard mappings are derived from
this table: adding a field is one entry here plus a migration adding its column.

This module imports nothing of cnet's, so every layer may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "name", "line", "text", "date", "day", "url", "flag", "email", "phone", "tag", "highlight", "affiliation"
]
Merge = Literal["prefer", "join", "union", "either"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a person.

    kind:   the rule a value passes (`people.writes.check_value`): name, line (one line of text), text
            (several lines), date (a partial date: when we met), day (a day to remember: YYYY-MM-DD or
            --MM-DD), url (a LinkedIn URL), flag (true/false), email, phone, tag, highlight, affiliation (a
            place and its period as `--employer` takes it and cnet prints it: "Acme Corp 2016–2019").
    many:   a list (its own table) rather than a column of `person`.
    merge:  prefer (the kept side's value wins; the other's is a conflict, kept in the notes), join (both
            texts, as paragraphs), union (every value of both, once), either (true if either is).
    vcard:  the property it travels as in vCard 3.0 and in 4.0 (None: not on its own line).
    vcard_also: other clients' properties `import vcard` reads as this field (after the two above).
    csv:    the column `export csv` writes, then other headers `import csv` reads as this field.
    show:   whether `cnet show` prints it among the person's details.
    option: the option of `cnet add`/`edit` that sets it.
    """

    key: str
    kind: Kind
    many: bool = False
    merge: Merge = "prefer"
    vcard: tuple[str | None, str | None] = (None, None)
    vcard_also: tuple[str, ...] = ()
    csv: tuple[str, ...] = ()
    show: bool = True
    option: str | None = None

    @property
    def label(self) -> str:
        """The field as a person reads it: 'how met'."""
        return self.key.replace("_", " ")

    @property
    def multiline(self) -> bool:
        return self.kind == "text"


# In the order of the JSON shape of a person (README, "JSON shapes"); flags are nested under "flags".
FIELDS: tuple[Field, ...] = (
    Field("name", "name", vcard=("FN", "FN"), csv=("name", "full name", "display name"), option="--name"),
    Field("nickname", "line", vcard=("NICKNAME", "NICKNAME"), csv=("nickname",), option="--nickname"),
    Field("pronouns", "line", vcard=("X-CNET-PRONOUNS", "X-CNET-PRONOUNS"), csv=("pronouns",), option="--pronouns"),
    Field("emails", "email", many=True, merge="union", vcard=("EMAIL", "EMAIL"), csv=("emails",), option="--email"),
    Field("phones", "phone", many=True, merge="union", vcard=("TEL", "TEL"), csv=("phones",), option="--phone"),
    Field("company", "line", vcard=("ORG", "ORG"), csv=("company",), option="--company"),
    Field("title", "line", vcard=("TITLE", "TITLE"), csv=("title",), option="--title"),
    Field("location", "line", vcard=("X-CNET-LOCATION", "X-CNET-LOCATION"), csv=("location",), option="--location"),
    Field("linkedin", "url", vcard=("URL", "URL"), csv=("linkedin",), option="--linkedin"),
    Field("tags", "tag", many=True, merge="union", vcard=("CATEGORIES", "CATEGORIES"), csv=("tags",), option="--tag"),
    Field("how_met", "line", vcard=("X-CNET-HOW-MET", "X-CNET-HOW-MET"), csv=("how_met",), option="--how-met"),
    Field("met_on", "date", vcard=("X-CNET-MET-ON", "X-CNET-MET-ON"), csv=("met_on",), option="--met-on"),
    Field("birthday", "day", vcard=("BDAY", "BDAY"), csv=("birthday",), option="--birthday"),
    Field(
        "anniversary",
        "day",
        vcard=("X-ANNIVERSARY", "ANNIVERSARY"),
        vcard_also=("X-EVOLUTION-ANNIVERSARY", "X-MS-ANNIVERSARY"),  # Evolution's and Outlook's
        csv=("anniversary",),
        option="--anniversary",
    ),
    Field(
        "highlights",
        "highlight",
        many=True,
        merge="union",
        vcard=("X-CNET-HIGHLIGHT", "X-CNET-HIGHLIGHT"),
        csv=("highlights",),
        option="--highlight",
    ),
    Field("notes", "text", merge="join", vcard=("NOTE", "NOTE"), csv=("notes",), option="--note"),
    Field(
        "employers",
        "affiliation",
        many=True,
        merge="union",
        vcard=("X-CNET-EMPLOYER", "X-CNET-EMPLOYER"),
        csv=("employers",),
        option="--employer",
    ),
    Field(
        "schools",
        "affiliation",
        many=True,
        merge="union",
        vcard=("X-CNET-SCHOOL", "X-CNET-SCHOOL"),
        csv=("schools",),
        option="--school",
    ),
    Field("do_not_introduce", "flag", merge="either", csv=("flags",), option="--do-not-introduce"),
    Field("no_recruiters", "flag", merge="either", csv=("flags",), option="--no-recruiters"),
    Field("team_private", "flag", merge="either", csv=("flags",), option="--team-private"),
)

BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
SCALARS: tuple[Field, ...] = tuple(f for f in FIELDS if not f.many)
LISTS: tuple[Field, ...] = tuple(f for f in FIELDS if f.many)
FLAGS: tuple[Field, ...] = tuple(f for f in FIELDS if f.kind == "flag")
TEXTS: tuple[Field, ...] = tuple(f for f in SCALARS if f.kind in ("line", "text"))
# The scalar columns of `person`, in declared order.
SCALAR_KEYS: tuple[str, ...] = tuple(f.key for f in SCALARS)

# An employer or school as cnet prints it and `--employer` reads it back (people.affiliations.text, in SQL):
# "Acme 2016–2019", "Acme 2016–", "Acme 2019" (one year), "Acme 2019-05–2019-05", or just "Acme".
_AFFILIATION_TEXT = (
    "name || CASE WHEN start IS NULL AND until IS NULL THEN '' "
    "WHEN start = until AND length(start) = 4 THEN ' ' || start "
    "ELSE ' ' || coalesce(start, '') || '–' || coalesce(until, '') END"
)
# Where each list lives: (table, value column or expression, the order it is read in, which of its rows).
LIST_TABLES: dict[str, tuple[str, str, str, str]] = {
    "emails": ("email", "address", "position, id", "1"),
    "phones": ("phone", "number", "position, id", "1"),
    "tags": ("tag", "name", "name_key", "1"),
    "highlights": ("highlight", "text", "position, id", "1"),
    "employers": ("affiliation", _AFFILIATION_TEXT, "coalesce(start, '9999'), id", "kind = 'employer'"),
    "schools": ("affiliation", _AFFILIATION_TEXT, "coalesce(start, '9999'), id", "kind = 'school'"),
}
# The lists a person's draft holds while add/edit applies changes (people.writes); employers and schools are
# written by people.affiliations after it (a period each, removed by name).
DRAFTED: tuple[Field, ...] = tuple(f for f in LISTS if f.kind != "affiliation")

# How a flag is written in a CSV cell or an X-CNET-FLAGS value: 'do-not-introduce'.
FLAG_WORDS: dict[str, str] = {f.key.replace("_", "-"): f.key for f in FLAGS}
