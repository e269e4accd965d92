"""One description of a person: every declared field through every door (add, edit, each export, import into
a fresh database, merge), and the doors that used to drop one."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Cli
from curated_net import Network
from curated_net.people.fields import FIELDS, FLAGS, LISTS, SCALARS
from curated_net.people.writes import PersonChanges


def test_every_declared_field_is_in_the_schema_the_changes_and_the_json_shape(me):
    cols = {r[1] for r in sqlite3.connect(me.db).execute("PRAGMA table_info(person)")}
    assert {f.key for f in SCALARS} <= cols
    assert {f.key for f in FIELDS} <= set(PersonChanges.__dataclass_fields__)
    person = me.json("add", "Ann Lee")
    assert [k for k in person if k in {f.key for f in FIELDS}] == [f.key for f in FIELDS if f.kind != "flag"]
    assert set(person["flags"]) == {f.key for f in FLAGS}


def test_csv_export_has_every_field_and_reads_back(me, tmp_path):
    me.ok("add", "Ann Lee", "--birthday", "--12-24", "--anniversary", "2010-06-05", "--do-not-introduce")
    me.ok("add", "Bo Chen", "--tag", "a;b", "--tag", "c,d", "--highlight", "x | y", "--note", "=SUM(A1)")
    out = tmp_path / "people.csv"
    me.ok("export", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    ann = next(r for r in rows if r["name"] == "Ann Lee")
    assert (ann["birthday"], ann["anniversary"], ann["flags"]) == (
        "'--12-24",
        "2010-06-05",
        "do-not-introduce",
    )  # a leading - is quoted for spreadsheets
    fresh = Cli(tmp_path / "fresh" / "cnet.db")
    fresh.ok("init", "--name", "Sam Rivera")
    fresh.ok("import", "csv", str(out))
    again = {p["name"]: p for p in fresh.json("list")}
    assert again["Ann Lee"]["birthday"] == "--12-24" and again["Ann Lee"]["anniversary"] == "2010-06-05"
    assert again["Ann Lee"]["flags"]["do_not_introduce"] is True
    assert sorted(again["Bo Chen"]["tags"]) == ["a;b", "c,d"] and again["Bo Chen"]["highlights"] == ["x | y"]
    assert again["Bo Chen"]["notes"] == "=SUM(A1)"


def test_merge_keeps_birthday_and_anniversary_and_reports_the_conflict(me):
    me.ok("add", "Ann Lee", "--birthday", "1980-03-21")
    me.ok("add", "Ann M. Lee", "--birthday", "1981-03-21", "--anniversary", "2010-06-05", "--pronouns", "she/her")
    done = me.json("merge", "ann-lee", "ann-m-lee", "--yes")
    assert {"field": "birthday", "kept": "1980-03-21", "moved_to_notes": "1981-03-21"} in done["conflicts"]
    ann = me.json("show", "ann-lee")["person"] if "person" in me.json("show", "ann-lee") else me.json("show", "ann-lee")
    assert ann["birthday"] == "1980-03-21" and ann["anniversary"] == "2010-06-05" and ann["pronouns"] == "she/her"
    assert "birthday was '1981-03-21'" in ann["notes"]


def test_every_name_of_a_merged_person_is_exported_and_read_back(me, tmp_path):
    me.ok("add", "Ann Lee", "--email", "ann@example.com")
    me.ok("add", "Annie Lee-Park", "--email", "annie@example.com")
    me.ok("merge", "ann-lee", "annie-lee-park", "--yes")
    for version in ("3.0", "4.0"):
        out = tmp_path / f"v{version}.vcf"
        me.ok("export", "vcard", "--version", version, "--out", str(out))
        text = out.read_text()
        assert "Annie Lee-Park" in text, text
        fresh = Cli(tmp_path / f"fresh{version}" / "cnet.db")
        fresh.ok("init", "--name", "Sam Rivera")
        fresh.ok("import", "vcard", str(out))
        again = tmp_path / f"again{version}.vcf"
        fresh.ok("export", "vcard", "--version", version, "--out", str(again))
        assert "Annie Lee-Park" in again.read_text()
        assert [p["name"] for p in fresh.json("list")] == ["Ann Lee"]


def test_linkedin_row_for_me_changes_nothing_of_me(me, tmp_path):
    me.ok("edit", "me", "--company", "Mine Inc", "--title", "Owner", "--linkedin", "https://www.linkedin.com/in/sam")
    before = me.json("show", "me")
    csv_text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Rivera,https://www.linkedin.com/in/sam,,Other Co,Intern,01 Jan 2024\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,CTO,01 Jan 2024\n"
    )
    path = tmp_path / "Connections.csv"
    path.write_text(csv_text)
    summary = me.json("import", "linkedin", str(path))
    assert summary["added"] == 1 and summary["updated"] == 0
    assert [s["line"] for s in summary["skipped"]] == [2] and "me" in summary["skipped"][0]["reason"]
    after = me.json("show", "me")
    assert after == before


# -- every field through every door -------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12).map(
    lambda s: unicodedata.normalize("NFC", s).strip()
)  # stored as NFC, trimmed (people.writes)
_LINE = _TEXT.filter(lambda t: t and "\n" not in t and "\r" not in t)
_NAME = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x00"),
        min_size=1,
        max_size=12,
    )
    .map(lambda s: unicodedata.normalize("NFC", s).strip())
    .filter(bool)
)
_WORD = st.text("abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8)
_DAY = st.sampled_from(["--12-24", "--02-29", "1980-03-21", "2001-11-30"])
_DATE = st.sampled_from(["2019", "2019-05", "2019-05-14", "1999-12-31"])
# A place and its period as cnet prints it (people.affiliations.text): each form the period takes.
_PERIOD = st.sampled_from(["", " 2016", " 2010–2014", " 2019-05–", " –2014", " 2019-05–2020-02-29"])


def _places(n: int, what: str):
    return st.lists(
        st.tuples(_WORD, _PERIOD).map(lambda t, n=n: f"{t[0].title()} {what}{n}{t[1]}"),
        min_size=1,
        max_size=2,
        unique_by=lambda v: v.split(" ")[0].casefold(),
    )


def _person(n: int):
    return st.fixed_dictionaries(
        {
            "name": _NAME.map(lambda s, n=n: f"{s} {n}"),
            "nickname": _LINE,
            "pronouns": _LINE,
            "emails": st.lists(_WORD.map(lambda w, n=n: f"{w}{n}@example.org"), min_size=1, max_size=2, unique=True),
            "phones": st.lists(
                st.from_regex(r"\+1 [0-9]{3} 555 [0-9]{4}", fullmatch=True), min_size=1, max_size=2, unique=True
            ),
            "company": _LINE,
            "title": _LINE,
            "location": _LINE,
            "linkedin": _WORD.map(lambda w, n=n: f"https://www.linkedin.com/in/{w}-{n}"),
            "tags": st.lists(_NAME.filter(lambda t: len(t) < 50), min_size=1, max_size=2, unique_by=str.casefold),
            "how_met": _LINE,
            "met_on": _DATE,
            "birthday": _DAY,
            "anniversary": _DAY,
            "highlights": st.lists(_LINE, min_size=1, max_size=2, unique=True),
            "notes": _TEXT.filter(bool),
            "employers": _places(n, "Co"),
            "schools": _places(n, "U"),
            **{f.key: st.booleans() for f in FLAGS},
        }
    )


def _as_changes(p: dict) -> PersonChanges:
    return PersonChanges(**{k: v for k, v in p.items() if k != "name"})


def _expected(p: dict) -> dict:
    """The person's declared fields as the JSON shape holds them."""
    out = {f.key: p[f.key] for f in FIELDS if f.kind != "flag"}
    out["notes"] = p["notes"].replace("\r\n", "\n").replace("\r", "\n")  # notes keep line breaks as LF
    out["flags"] = {f.key: p[f.key] for f in FLAGS}
    return out


def _found(record: dict) -> dict:
    out = {f.key: record[f.key] for f in FIELDS if f.kind != "flag"}
    out["flags"] = record["flags"]
    for f in LISTS:
        out[f.key] = sorted(out[f.key]) if f.key in _UNORDERED else out[f.key]
    return out


_UNORDERED = ("tags", "employers", "schools")  # tags by name, employers and schools by when they started


def _norm(p: dict) -> dict:
    e = _expected(p)
    for key in _UNORDERED:
        e[key] = sorted(e[key])
    return e


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_person(1), second=_person(2))
def test_every_declared_field_survives_add_edit_every_export_import_and_merge(tmp_path_factory, first, second):
    base = tmp_path_factory.mktemp("fields")
    net = Network.open(base / "cnet.db", create=True)
    net.init("Sam Rivera")
    # add with half the fields, edit in the rest: both doors write every field
    half = {k: v for i, (k, v) in enumerate(first.items()) if i % 2 == 0 and k != "name"}
    added = net.add(first["name"], PersonChanges(**half), force=True)
    net.edit(added["handle"], PersonChanges(**{k: v for k, v in first.items() if k not in half and k != "name"}))
    assert _found(net.person(added["handle"])) == _norm(first)
    exports = {
        "json": lambda fresh: fresh.import_json(json.loads(json.dumps(net.export_json()))),
        "csv": lambda fresh: fresh.import_csv(net.export_csv().encode()),
        "vcard 3.0": lambda fresh: fresh.import_vcard([("a.vcf", net.export_vcard(version="3.0").encode())]),
        "vcard 4.0": lambda fresh: fresh.import_vcard([("a.vcf", net.export_vcard(version="4.0").encode())]),
    }
    for door, send in exports.items():
        fresh = Network.open(base / f"{door}.db", create=True)
        if door != "json":
            fresh.init("Sam Rivera")
        send(fresh)
        people = [p for p in fresh.people() if not p["is_me"]]
        assert len(people) == 1, (door, people)
        assert _found(people[0]) == _norm(first), door
        # merge with another person: every value of both is found again (the losing side's in the notes)
        other = fresh.add(second["name"], _as_changes(second), force=True)
        done = fresh.merge(people[0]["handle"], other["handle"])
        merged = fresh.person(people[0]["handle"])
        for f in FIELDS:
            mine, theirs = _expected(first), _expected(second)
            if f.kind == "flag":
                assert merged["flags"][f.key] == (first[f.key] or second[f.key]), (door, f.key)
            elif f.many:
                assert set(mine[f.key]) | set(theirs[f.key]) <= set(merged[f.key]), (door, f.key)
            elif f.key == "notes":
                assert mine["notes"] in merged["notes"] and theirs["notes"] in merged["notes"], door
            else:
                assert merged[f.key] == first[f.key], (door, f.key)
                if first[f.key] != second[f.key]:
                    assert str(second[f.key]) in merged["notes"], (door, f.key)
                    assert any(c["field"] == f.key for c in done["conflicts"]), (door, f.key)
        fresh.close()
    net.close()


def test_merge_moves_the_other_persons_employers_and_schools_once(me):
    me.ok("add", "Zoe O'Brien", "--company", "ETH")
    me.ok("edit", "zoe-o-brien", "--employer", "Initech 2010-2014")
    me.ok("add", "Zoe OBrien", "--force", "--email", "zoe@other.example")
    me.ok("edit", "zoe-obrien", "--employer", "Globex 2016-2020", "--employer", "Initech 2010-2014")
    me.ok("edit", "zoe-obrien", "--school", "MIT 1999-2003")
    done = me.json("merge", "zoe-o-brien", "zoe-obrien", "--yes")
    assert done["moved"]["employers"] == 1 and done["moved"]["schools"] == 1 and done["dropped"] == {}
    zoe = me.json("show", "zoe-o-brien")
    assert zoe["employers"] == ["Initech 2010–2014", "Globex 2016–2020"] and zoe["schools"] == ["MIT 1999–2003"]
    assert [(a["kind"], a["name"]) for a in zoe["affiliations"]] == [
        ("school", "MIT"),
        ("employer", "Initech"),
        ("employer", "Globex"),
    ]


def test_employers_and_schools_come_back_from_every_export(me, tmp_path):
    me.ok("add", "Ann Lee")
    me.ok("edit", "ann-lee", "--employer", "Initech 2010-2014", "--employer", "Acme, Inc. 2019-05-now")
    me.ok("edit", "ann-lee", "--school", "MIT 1999-2003", "--school", "Brookline High")
    want = me.json("show", "ann-lee")
    assert want["employers"] == ["Initech 2010–2014", "Acme, Inc. 2019-05–"]
    assert want["schools"] == ["MIT 1999–2003", "Brookline High"]
    for door, args in {
        "csv": ("csv",),
        "vcard 3.0": ("vcard", "--version", "3.0"),
        "vcard 4.0": ("vcard", "--version", "4.0"),
        "json": ("json",),
    }.items():
        out = tmp_path / f"{door}.out"
        me.ok("export", *args, "--out", str(out))
        if door.startswith("vcard"):
            assert "X-CNET-EMPLOYER:Initech 2010–2014" in out.read_text() and "X-CNET-SCHOOL:MIT" in out.read_text()
        fresh = Cli(tmp_path / door / "cnet.db")
        if door != "json":
            fresh.ok("init", "--name", "Sam Rivera")
        fresh.ok("import", args[0], str(out))
        again = fresh.json("show", "ann-lee")
        assert (again["employers"], again["schools"]) == (want["employers"], want["schools"]), door
        assert again["affiliations"] == want["affiliations"], door


def test_an_export_with_an_affiliations_section_is_still_restored(me, tmp_path):
    me.ok("add", "Ann Lee")
    me.ok("export", "json", "--out", str(tmp_path / "new.json"))
    doc = json.loads((tmp_path / "new.json").read_text())
    assert doc["version"] == 3
    doc["version"] = 2  # an export of before: employers and schools in a section
    for p in doc["people"]:
        p.pop("employers"), p.pop("schools")
    doc["affiliations"] = [
        {"person": "ann-lee", "kind": "employer", "name": "Initech", "start": "2010", "until": "2014", "source": None}
    ]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc))
    fresh = Cli(tmp_path / "fresh" / "cnet.db")
    fresh.ok("import", "json", str(path))
    assert fresh.json("show", "ann-lee")["employers"] == ["Initech 2010–2014"]


def test_merge_preferring_the_other_says_whose_value_was_lost(me):
    me.ok("add", "Bo Kim", "--birthday", "1970-01-01")
    me.ok("add", "Bo Kim", "--force", "--birthday", "1971-01-01")
    done = me.json("merge", "bo-kim", "bo-kim-2", "--yes", "--prefer", "other")
    assert done["conflicts"] == [{"field": "birthday", "kept": "1971-01-01", "moved_to_notes": "1970-01-01"}]
    bo = me.json("show", "bo-kim")
    assert bo["birthday"] == "1971-01-01"
    assert bo["notes"] == "Merged from bo-kim-2 (kept its birthday '1971-01-01'): birthday was '1970-01-01'."
    me.ok("add", "Cy Ng", "--birthday", "1970-01-01")
    me.ok("add", "Cy Ng", "--force", "--birthday", "1971-01-01")
    me.ok("merge", "cy-ng", "cy-ng-2", "--yes")
    assert me.json("show", "cy-ng")["notes"] == "Merged from cy-ng-2: birthday was '1971-01-01'."


def test_show_lists_a_merged_persons_other_name_plainly(me, tmp_path):
    me.ok("add", "Zoe O'Brien")
    me.ok("add", "Zoe OBrien", "--force")
    me.ok("merge", "zoe-o-brien", "zoe-obrien", "--yes")
    assert me.json("show", "zoe-o-brien")["also_known_as"] == ["Zoe OBrien"]
    out = tmp_path / "zoe.vcf"
    me.ok("export", "vcard", "--out", str(out))  # 3.0: the other name travels as X-CNET-ALSO-FN
    fresh = Cli(tmp_path / "fresh" / "cnet.db")
    fresh.ok("init", "--name", "Sam Rivera")
    fresh.ok("import", "vcard", str(out))
    zoe = fresh.json("show", "zoe-o-brien")
    assert zoe["also_known_as"] == ["Zoe OBrien"] and zoe["address_book"] == []
    shown = fresh.ok("show", "zoe-o-brien").stdout
    assert "also known as" in shown and "Zoe OBrien" in shown and "CNET-ALSO" not in shown


def _card_rows(text: str) -> dict[str, str]:
    """A printed person card as {label: value} (a value on several lines joined by ' / ')."""
    rows: dict[str, str] = {}
    label = ""
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        inner = line.strip()[1:-1]
        if inner[1:2] != " ":  # a label, two spaces or more, the value
            label, _, value = inner.strip().partition("  ")
            rows[label] = value.strip()
        else:  # the value's next line
            rows[label] += " / " + inner.strip()
    return rows


def test_the_card_after_edit_shows_each_declared_field_as_show_does(me):
    """One card: after edit it shows every field `show` shows (show adds the ties and when the days come round
    next, nothing of the person's own fields)."""
    me.ok("add", "Kim Lo", "--nickname", "Kimmy", "--company", "Acme")
    days = ("--birthday", "--07-09", "--anniversary", "2010-06-01")
    edited = _card_rows(me.ok("edit", "kim-lo", *days, "--employer", "Initech 2010-2014", "--school", "MIT").stdout)
    shown = _card_rows(me.ok("show", "kim-lo").stdout)
    assert (edited["birthday"], edited["anniversary"]) == ("--07-09", "2010-06-01")
    assert edited["worked / studied"] == "Initech 2010–2014 / MIT (school)"
    ties = {"degree", "strength", "last contact", "connection", "recognition", "keep in touch", "address book"}
    assert set(shown) - ties == set(edited), (shown, edited)
    for label, value in edited.items():
        assert shown[label].startswith(value), label
    assert shown["anniversary"].startswith("2010-06-01 (next ")
