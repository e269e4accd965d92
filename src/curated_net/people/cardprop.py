"""A vCard property as cnet keeps it, and what `show` says of the ones cnet does not model.

Apart from the vCard reader and writer (io/vcard.py) so that `cnet show` does not load them.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field


def escape(text: str) -> str:
    """A text value as a vCard line carries it (backslash, comma, semicolon and line breaks escaped)."""
    if not _NEEDS_ESCAPE.search(text):
        return text  # nearly every value: vobject's escaping would hand it back unchanged
    from vobject.icalendar import backslashEscape

    return backslashEscape(text)


_NEEDS_ESCAPE = re.compile(r"[\\;,\n\r]")

# Properties whose value is binary (inline base64 in 2.1/3.0, a data: URI in 4.0).
BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}


@dataclass
class Prop:
    """One property as a 3.0/4.0 line would carry it: value escaped, base64 without whitespace."""

    name: str
    value: str
    params: dict[str, list[str]] = field(default_factory=dict)
    group: str | None = None
    line: int = 0
    field: str | None = None

    # Values without a backslash have nothing to unescape (most values): skip vobject's scanner.

    def text(self) -> str:
        if "\\" not in self.value:
            return self.value
        from vobject.icalendar import stringToTextValues

        return (stringToTextValues(self.value, listSeparator=None) or [""])[0]

    def texts(self) -> list[str]:
        if "\\" not in self.value:
            return [v for v in self.value.split(",") if v.strip()]
        from vobject.icalendar import stringToTextValues

        return [v for v in stringToTextValues(self.value) if v.strip()]

    def parts(self) -> list[str]:
        if "\\" not in self.value:
            return self.value.split(";")
        from vobject.vcard import splitFields

        return [p if isinstance(p, str) else ",".join(p) for p in splitFields(self.value)]

    def types(self) -> set[str]:
        return {t.lower() for v in self.params.get("TYPE", []) for t in v.split(",")}

    def key(self) -> tuple:
        return (self.group or "", self.name, json.dumps(self.params, sort_keys=True), self.value)


def insert_props(conn: sqlite3.Connection, rows: list[tuple[int, int, Prop]]) -> None:
    """Write kept properties: rows of (person id, position, property). The one statement that writes them,
    for the importers (io.vcard.keep_props) and a restore alike."""
    conn.executemany(
        "INSERT INTO card_property (person_id, position, grp, name, params, value, field) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                pid,
                position,
                p.group,
                p.name,
                json.dumps(p.params, ensure_ascii=False, sort_keys=True) if p.params else "{}",
                p.value,
                p.field,
            )
            for pid, position, p in rows
        ],
    )


def keep_props(
    conn, pid: int, props: list[Prop], *, new: bool = False, own: frozenset[str] = frozenset()
) -> list[Prop]:
    """Keep what a card (or an address book's CSV row) says beside the person: new properties added, file
    metadata replaced (what describes a file: REV, PRODID); properties named in `own` (a card's cnet fields)
    are never kept. The one writer of card properties with keep_new_props, its batched form, and forget_props."""
    if new:
        return [p for p in props if p.name not in own] if keep_new_props(conn, [(pid, props)], own=own) else []
    have = {
        Prop(name, value, json.loads(params), grp).key()
        for grp, name, params, value in conn.execute(
            "SELECT grp, name, params, value FROM card_property WHERE person_id = ?", (pid,)
        )
    }
    fresh = [p for p in props if p.key() not in have and p.name not in own]
    if not fresh:
        return []
    replaced = {p.name for p in fresh if p.name in _REPLACED}
    if replaced:
        conn.execute(
            f"DELETE FROM card_property WHERE person_id = ? AND name IN ({','.join('?' * len(replaced))})",
            (pid, *replaced),
        )
    position = conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM card_property WHERE person_id = ?", (pid,)
    ).fetchone()[0]
    insert_props(conn, [(pid, position + i, p) for i, p in enumerate(fresh)])
    return fresh


def keep_new_props(conn, cards: list[tuple[int, list[Prop]]], *, own: frozenset[str] = frozenset()) -> bool:
    """keep_props for people who have none yet, many at once; return whether any was kept."""
    rows = [(pid, i, p) for pid, props in cards for i, p in enumerate(p for p in props if p.name not in own)]
    # Long values (photos) after the short ones: a photo then fills its own pages, rather than each
    # person's short rows being left alone on a page the photo did not fit (a third of the file, empty).
    rows.sort(key=lambda row: len(row[2].value) > _LONG)
    insert_props(conn, rows)
    return bool(rows)


_LONG = 1_000


_REPLACED = {"REV", "PRODID"}  # describe the file, not the person: the newest copy wins


def forget_props(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Forget kept properties by row id (a card edited elsewhere no longer has them)."""
    conn.executemany("DELETE FROM card_property WHERE id = ?", [(i,) for i in ids])


@dataclass
class Card:
    line: int
    version: str
    props: list[Prop]

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def first(self, name: str) -> Prop | None:
        found = self.all(name)
        preferred = [p for p in found if "pref" in p.types() or "PREF" in p.params]
        return (preferred or found)[0] if found else None


def kept_properties(conn: sqlite3.Connection, pid: int) -> list[dict]:
    """What a person's cards said that cnet does not model (for `show`): birthday, addresses, photos…"""

    rows = conn.execute(
        "SELECT grp, name, params, value FROM card_property WHERE person_id = ? AND field IS NULL "
        "AND name NOT IN ('UID', 'REV', 'PRODID', 'N', 'FN', 'X-CNET-ALSO-N', 'X-CNET-ALSO-FN') ORDER BY position",
        (pid,),
    ).fetchall()
    # Apple's labels ride on a grouped X-ABLABEL ("item1.X-ABLABEL:_$!<Anniversary>!$_"): shown as the
    # type of the property they label, not as a property of their own.
    labels = {
        grp: re.sub(r"^_\$!<(.*)>!\$_$", r"\1", value.strip())
        for grp, name, _params, value in rows
        if grp and name.upper() == "X-ABLABEL"
    }
    out = []
    for grp, name, params, value in rows:
        if grp and name.upper() == "X-ABLABEL":
            continue
        p = Prop(name, value, json.loads(params), grp)
        if name in BINARY and (p.params.get("ENCODING") == ["b"] or value.startswith("data:")):
            shown = f"<{len(value.split(',')[-1]) * 3 // 4:,} bytes>"
        elif name in ("ADR", "N", "ORG"):
            shown = ", ".join(x.strip() for x in p.parts() if x.strip())
        else:
            shown = p.text()
        shown = re.sub(r"\\([:;,\\])", r"\1", shown)  # escapes some clients add where none is needed
        types = sorted(p.types() - {"pref", "internet", "voice"})
        if grp in labels:
            types.append(labels[grp].lower())
        label = name[2:] if name.startswith("X-") else name
        out.append(
            {
                "property": label.replace("ABDATE", "date").replace("ABRELATEDNAMES", "related"),
                "type": types,
                "value": shown,
            }
        )
    return out


def other_names(conn: sqlite3.Connection, pid: int, name: str) -> list[str]:
    """A person's other names (a merge's losing name, a card's second FN), as `show` lists them."""
    found = (
        Prop(n, v).text().strip()
        for n, v in conn.execute(
            "SELECT name, value FROM card_property WHERE person_id = ? AND field IS NULL "
            "AND name IN ('FN', 'X-CNET-ALSO-FN') ORDER BY position",
            (pid,),
        )
    )
    return [n for n in dict.fromkeys(found) if n and n != name]


def move_props(conn: sqlite3.Connection, other: int, keep: int, *, other_names: bool) -> int:
    """Give `keep` the kept card properties of `other` (merge), after keep's own. With `other_names`, the
    name `other`'s cards gave is no longer the person's name but another of their names: still written to
    every export (as a further FN), no longer read as the name. Return how many moved."""
    offset = conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM card_property WHERE person_id = ?", (keep,)
    ).fetchone()[0]
    if other_names:
        conn.execute("UPDATE card_property SET field = NULL WHERE person_id = ? AND field = 'name'", (other,))
    return conn.execute(
        "UPDATE card_property SET person_id = ?, position = position + ? WHERE person_id = ?", (keep, offset, other)
    ).rowcount


def keep_other_name(conn: sqlite3.Connection, pid: int, name: str, *, demote: bool) -> None:
    """Keep `name` as another name of a person (a merge's losing name), as the FN an address book would
    carry for it, unless one of their cards already does. With `demote`, the name their cards gave until now
    is that other name (the merge preferred the other person's)."""
    if demote:
        conn.execute("UPDATE card_property SET field = NULL WHERE person_id = ? AND field = 'name'", (pid,))
    have = {
        Prop(n, v).text().strip()
        for n, v in conn.execute(
            "SELECT name, value FROM card_property WHERE person_id = ? AND name IN ('FN', 'X-CNET-ALSO-FN')", (pid,)
        )
    }
    if name in have:
        return
    position = conn.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM card_property WHERE person_id = ?", (pid,)
    ).fetchone()[0]
    insert_props(conn, [(pid, position, Prop("FN", escape(name)))])
