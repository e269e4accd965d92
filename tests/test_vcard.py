"""vCard in and out: 2.1/3.0/4.0 quirks, nothing lost, identity on re-import, round trips."""

from __future__ import annotations

import base64
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REALDATA, Cli
from curated_net.io.vcard import read_cards

JPEG = bytes(range(256)) * 3  # any bytes: what matters is that they come back identical


def write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def by_name(cli: Cli) -> dict[str, dict]:
    return {p["name"]: p for p in cli.json("list")}


def cards_of(text: str) -> list[dict[tuple, list[str]]]:
    """Each card of an export as {(group, NAME): [values]} read back through the importer's reader."""
    cards, _ = read_cards(text.encode("utf-8"), "export")
    out = []
    for c in cards:
        d: dict[tuple, list[str]] = {}
        for p in c.props:
            d.setdefault((p.group, p.name), []).append(p.value)
        out.append(d)
    return out


def test_v21_quoted_printable_soft_breaks_and_declared_charsets(me, tmp_path):
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=SHIFT_JIS:" + "安藤;ロイド".encode("shift_jis") + b";;;\r\n"
        b"FN;CHARSET=SHIFT_JIS:" + "安藤 ロイド".encode("shift_jis") + b"\r\n"
        b"ADR;HOME;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:;;=93=8C=8B=9E=\r\n=93=73;Tokyo;;150-8512;Japan\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =\r\nfor all folk=0D=0Ato come=\r\n to the aid.\r\n"
        b"TEL;WORK;VOICE:+81 3 1234 5678\r\n"
        b"EMAIL;PREF;INTERNET:lloyd@example.jp\r\n"
        b"END:VCARD\r\n"
    )
    out = me.json("import", "vcard", write(tmp_path, "jp.vcf", data))
    assert out["added"] == 1 and out["skipped"] == [] and out["warnings"] == []
    person = by_name(me)["安藤 ロイド"]
    assert person["location"] == "Tokyo, Japan"
    assert person["notes"] == "Now's the time for all folk\nto come to the aid."
    assert person["phones"] == ["+81 3 1234 5678"] and person["emails"] == ["lloyd@example.jp"]
    card = cards_of(me.ok("export", "vcard", person["handle"]).stdout)[0]
    assert card[(None, "ADR")] == [";;東京都;Tokyo;;150-8512;Japan"]  # the QP street, decoded from Shift_JIS
    assert card[(None, "TEL")] == ["+81 3 1234 5678"]


def test_raw_bytes_in_a_declared_charset_and_utf16_files(me, tmp_path):
    sjis = b"BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=SHIFT_JIS:" + "伊藤 圭一".encode("shift_jis") + b"\nEND:VCARD\n"
    utf16 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n".encode("utf-16")
    latin = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Fran\xe7ois M\xfcller\r\nEND:VCARD\r\n"  # no charset: Windows-1252
    me.ok(
        "import",
        "vcard",
        write(tmp_path, "a.vcf", sjis),
        write(tmp_path, "b.vcf", utf16),
        write(tmp_path, "c.vcf", latin),
    )
    names = set(by_name(me))
    assert {"伊藤 圭一", "Zoë Ångström", "François Müller"} <= names
    assert not any("\ufffd" in n for n in names)


def test_junk_lines_are_reported_with_their_numbers_and_crcrlf_is_a_line_end(me, tmp_path):
    data = (
        b"BEGIN:vCard\r\r\nVERSION:2.1\r\r\nFN:Conference Call\r\r\n"
        b"# this line is junk\r\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:a (sharp ->=\r\r\n#<- sharp) kept\r\r\n"
        b"END:vCard\r\r\n"
    )
    out = me.json("import", "vcard", write(tmp_path, "junk.vcf", data))
    assert [w["line"] for w in out["warnings"]] == [4]
    assert "not a vCard line" in out["warnings"][0]["reason"]
    assert by_name(me)["Conference Call"]["notes"] == "a (sharp ->#<- sharp) kept"
    table = me.ok("import", "vcard", str(tmp_path / "junk.vcf"))
    assert "junk.vcf: line 4: not a vCard line" in table.stderr


def test_photo_survives_21_continuation_lines_and_converts_between_30_and_40(me, tmp_path):
    b64 = base64.b64encode(JPEG).decode()
    rows = "\r\n".join(b64[i : i + 70] for i in range(0, len(b64), 70))  # 2.1: continuation lines, no indent
    data = f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Pat Photo\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:{rows}\r\n\r\nEND:VCARD\r\n"
    me.ok("import", "vcard", write(tmp_path, "photo.vcf", data.encode()))
    v3 = cards_of(me.ok("export", "vcard", "pat-photo").stdout)[0]
    assert base64.b64decode(v3[(None, "PHOTO")][0]) == JPEG
    me.ok("export", "vcard", "pat-photo", "--version", "4.0", "--out", str(tmp_path / "v4.vcf"))
    text4 = (tmp_path / "v4.vcf").read_bytes().decode()
    assert text4.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")  # CRLF line ends, VERSION first
    uri = cards_of(text4)[0][(None, "PHOTO")][0]
    assert uri.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == JPEG
    assert all(len(line.encode()) <= 75 for line in text4.split("\r\n")), "lines are folded at 75 octets"


CARD40 = """BEGIN:VCARD
VERSION:4.0
FN:Ada Lovelace
N;ALTID=1;LANGUAGE=en:Lovelace;Ada;;;
N;ALTID=1;LANGUAGE=it:Lovelace;Ada Augusta;;;
item1.EMAIL;TYPE=work:ada@engine.example
item1.X-ABLabel:analytical
RELATED;TYPE=spouse:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6
BDAY:--1210
ANNIVERSARY:18350708
X-CUSTOM;X-PARAM="a:b;c":kept\\, exactly
ORG:Analytical Engine Society;Notes
TITLE:Translator
CATEGORIES:math,poetry
UID:urn:uuid:0f0e0d0c-0b0a-0908-0706-050403020100
END:VCARD
"""


def test_groups_altid_related_and_x_properties_are_written_back(me, tmp_path):
    me.ok("import", "vcard", write(tmp_path, "ada.vcf", CARD40.encode()))
    ada = by_name(me)["Ada Lovelace"]
    assert ada["company"] == "Analytical Engine Society" and ada["title"] == "Translator"
    assert ada["tags"] == ["math", "poetry"] and ada["emails"] == ["ada@engine.example"]
    out = cards_of(me.ok("export", "vcard", "ada-lovelace", "--version", "4.0").stdout)[0]
    original = cards_of(CARD40)[0]
    for key, values in original.items():
        if key == (None, "N"):  # one N a card (strict readers refuse two); the other travels beside it
            assert out[key] == values[:1] and out[(None, "X-CNET-ALSO-N")] == values[1:]
            continue
        assert out.get(key) == values, key
    shown = me.json("show", "ada-lovelace")["address_book"]
    assert {
        "property": "RELATED",
        "type": ["spouse"],
        "value": "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
    } in shown
    ada = me.json("show", "ada-lovelace")
    assert (ada["birthday"], ada["anniversary"]) == ("--12-10", "1835-07-08")  # fields now, shown in cnet due
    exported = me.ok("export", "vcard", "ada-lovelace", "--version", "4.0").stdout
    assert 'X-PARAM="a:b;c"' in exported and "item1.X-ABLABEL:analytical" in exported


def test_reimport_adds_no_duplicates_updates_what_it_wrote_and_keeps_user_edits(me, tmp_path):
    v1 = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee Park\r\nORG:Acme\r\nTITLE:Engineer\r\nEMAIL:lee@acme.example\r\nEND:VCARD\r\n"
    path = write(tmp_path, "lee.vcf", v1)
    assert me.json("import", "vcard", path)["added"] == 1
    again = me.json("import", "vcard", path)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)
    me.ok("edit", "lee-park", "--company", "Acme Robotics")  # the user's word
    v2 = (
        v1.replace(b"Engineer", b"Lead Engineer")
        .replace(b"ORG:Acme", b"ORG:Acme Corp")
        .replace(b"END:VCARD", b"TEL:+1 555 0100\r\nEND:VCARD")
    )
    out = me.json("import", "vcard", write(tmp_path, "lee2.vcf", v2))
    assert (out["added"], out["updated"]) == (0, 1)
    lee = me.json("show", "lee-park")
    assert lee["company"] == "Acme Robotics" and lee["title"] == "Lead Engineer"
    assert lee["phones"] == ["+1 555 0100"]
    assert len(me.json("list")) == 1


def test_identity_by_email_linkedin_and_name_with_company(me, tmp_path):
    me.ok("add", "Rosa Diaz", "--email", "Rosa@Example.com")
    me.ok("add", "Tom Quill", "--linkedin", "https://www.linkedin.com/in/tomquill")
    me.ok("add", "Ines Faro", "--company", "Lumen")
    data = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:R. Diaz\nEMAIL:rosa@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Thomas Quill\nURL:linkedin.com/in/tomquill/\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:INES FARO\nORG:Lumen\nEND:VCARD\n"
    )
    out = me.json("import", "vcard", write(tmp_path, "three.vcf", data.encode()))
    assert out["added"] == 0 and out["updated"] == 3
    assert sorted(by_name(me)) == ["Ines Faro", "Rosa Diaz", "Tom Quill"]


def test_cards_without_a_name(me, tmp_path):
    data = (
        b"BEGIN:VCARD\nVERSION:2.1\nEMAIL;PREF:only.mail@example.com\nEND:VCARD\n"
        b"BEGIN:VCARD\nVERSION:2.1\nX-EMPTY:nothing to call it\nEND:VCARD\n"
    )
    out = me.json("import", "vcard", write(tmp_path, "noname.vcf", data))
    assert out["added"] == 1
    assert out["skipped"] == [
        {"file": str(tmp_path / "noname.vcf"), "line": 5, "reason": "no name (the card has no FN or N)"}
    ]
    assert "only.mail@example.com" in by_name(me)


def test_bad_input_is_refused_and_leaves_the_database_as_it_was(me, tmp_path):
    before = me.snapshot()
    r = me.fails("import", "vcard", str(tmp_path / "missing.vcf"))
    assert "missing.vcf: no such file" in r.stderr
    good = write(tmp_path, "good.vcf", b"BEGIN:VCARD\nVERSION:3.0\nFN:Al\nEND:VCARD\n")
    notcard = write(tmp_path, "notes.txt", b"just some text\nno cards here\n")
    r = me.fails("import", "vcard", notcard)  # the only file: nothing to import
    assert "notes.txt: no vCard in this file" in r.stderr
    r = me.fails("import", "vcard", good, notcard, "--strict")  # --strict: any file without a card stops it
    assert "notes.txt: no vCard in this file" in r.stderr
    assert me.snapshot() == before
    # Among several, a file with no card is reported and skipped; the others are read.
    out = me.json("import", "vcard", good, notcard)
    assert out["added"] == 1 and [s["file"] for s in out["skipped"]] == [str(notcard)]
    before = me.snapshot()
    r = me.fails("export", "vcard", "--version", "2.1", code=2)
    assert "--version" in r.stderr
    me.fails("export", "vcard", "nobody-here")


def test_export_chooses_people_and_writes_a_file(me, tmp_path):
    me.ok("add", "Kim Ode", "--tag", "poet", "--email", "kim@example.com")
    me.ok("add", "Lu Vega", "--tag", "poet")
    me.ok("add", "Max Bell")
    everyone = cards_of(me.ok("export", "vcard").stdout)
    assert sorted(c[(None, "FN")][0] for c in everyone) == ["Kim Ode", "Lu Vega", "Max Bell"]  # not me
    poets = cards_of(me.ok("export", "vcard", "--tag", "poet").stdout)
    assert len(poets) == 2
    out = tmp_path / "one.vcf"
    r = me.ok("export", "vcard", "kim@example.com", "--out", str(out))
    assert r.stdout == "" and cards_of(out.read_text())[0][(None, "FN")] == ["Kim Ode"]


def test_json_export_and_merge_carry_the_kept_properties(me, tmp_path):
    me.ok("import", "vcard", write(tmp_path, "ada.vcf", CARD40.encode()))
    me.ok("add", "Ada King", "--email", "ada.king@example.com")
    me.ok("merge", "ada-king", "ada-lovelace", "--yes")
    merged = cards_of(me.ok("export", "vcard", "ada-king", "--version", "4.0").stdout)[0]
    assert merged[(None, "RELATED")] == ["urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"]
    dump = me.ok("export", "json").stdout
    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("import", "json", "-", input=dump)
    assert other.ok("export", "vcard").stdout == me.ok("export", "vcard").stdout


# -- round trip with generated people -------------------------------------------------------------

_text = (
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=30)
    .map(lambda s: unicodedata.normalize("NFC", " ".join(s.split())))
    .filter(bool)
)
_note = st.lists(_text, min_size=1, max_size=3).map("\n".join)
_email = st.from_regex(r"[a-z][a-z0-9._]{0,10}@[a-z]{1,8}\.(com|org|example)", fullmatch=True)
_phone = st.from_regex(r"\+?[0-9][0-9 ]{3,12}[0-9]", fullmatch=True)
_tag = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=_text.filter(lambda s: not s.startswith("-")),
    company=st.none() | _text,
    title=st.none() | _text,
    nickname=st.none() | _text,
    location=st.none() | _text,
    notes=st.none() | _note,
    emails=st.lists(_email, max_size=2, unique_by=str.casefold),
    phones=st.lists(_phone, max_size=2, unique=True),
    tags=st.lists(_tag, max_size=3, unique=True),
    highlight=st.none() | _text,
    version=st.sampled_from(["3.0", "4.0"]),
)
def test_round_trip_through_vcard_keeps_every_field(
    tmp_path_factory, name, company, title, nickname, location, notes, emails, phones, tags, highlight, version
):
    base = tmp_path_factory.mktemp("rt")
    src = Cli(base / "a" / "cnet.db")
    src.ok("init", "--name", "Sam Rivera")
    args = ["add", name, "--how-met", "a sailing trip", "--met-on", "2019-05", "--do-not-introduce"]
    for flag, value in (("--company", company), ("--title", title), ("--nickname", nickname)):
        if value:
            args += [flag, value]
    for flag, value in (("--location", location), ("--note", notes), ("--highlight", highlight)):
        if value:
            args += [flag, value]
    for e in emails:
        args += ["--email", e]
    for p in phones:
        args += ["--phone", p]
    for t in tags:
        args += ["--tag", t]
    args.append("--force")
    src.ok(*args)
    dst = Cli(base / "b" / "cnet.db")
    dst.ok("init", "--name", "Sam Rivera")
    card = write(base, "one.vcf", src.ok("export", "vcard", "--version", version).stdout.encode())
    assert dst.json("import", "vcard", card)["added"] == 1
    (a,) = src.json("list")
    (b,) = dst.json("list")
    fields = ("handle", "name", "nickname", "company", "title", "location", "notes", "emails", "phones", "tags")
    fields += ("how_met", "met_on", "highlights", "flags")
    assert {k: a[k] for k in fields} == {k: b[k] for k in fields}
    assert (
        dst.ok("export", "vcard", "--version", version).stdout == src.ok("export", "vcard", "--version", version).stdout
    )


# -- real address books ---------------------------------------------------------------------------

VCARDS = REALDATA / "vcard"
NAMES = {
    "android_v21_shiftjis_qp.vcf": ["安藤 ロイド 1"],
    "android_v40_sort_as_utf8.vcf": ["安藤 ロイド"],
    "khard_korean_fn_only_v40.vcf": ["최유림"],
    "icloud_ios_multi_v30.vcf": ["Antonion", "Benjamin", "Jimmy Aun", "San Zhang"],
    "ezvcard_gmail_list_v30.vcf": ["Arnold Smith", "Chris Beatle", "Doug White"],
}


def _travels(p, pooled: dict) -> bool:
    """Whether an exported file still carries a property: under its name, as X-NAME where the version lacks
    it (vcard.ONLY_30 / ONLY_40), as X-CNET-ALSO-NAME where a card has one (a second BDAY, N), or as
    X-CNET-KEPT-NAME where its value is not one the version allows; its text the same once unescaped, a
    date the same day. Only the file's own structure (PROFILE:VCARD) is not a property of anyone."""
    from curated_net.io.vcard import _day_value
    from curated_net.people.cardprop import Prop
    from curated_net.people.fields import FIELDS as PERSON_FIELDS

    if p.name == "PROFILE":
        return True
    names = [p.name, "X-" + p.name, "X-CNET-ALSO-" + p.name, "X-CNET-KEPT-" + p.name, "X-CNET-KEPT-X-" + p.name]
    found = [v for n in names for v in pooled.get((p.group, n), []) + pooled.get((None, n), [])]
    if p.value in found or p.text() in {Prop(p.name, v).text() for v in found}:
        return True
    if p.name == "N":  # written with its five components, the missing ones empty
        return any(v.rstrip(";") == p.value.rstrip(";") for v in found)
    if p.name == "GEO":  # the same place in the version's form (37.38;-122.08, geo:37.38,-122.08)
        return any(re.findall(r"[-+]?[\d.]+", v)[:2] == re.findall(r"[-+]?[\d.]+", p.value)[:2] for v in found)
    # Another client's name for a day cnet knows (Evolution's X-EVOLUTION-ANNIVERSARY) travels as the field's own.
    own = next((f.vcard for f in PERSON_FIELDS if f.kind == "day" and p.name in (*f.vcard, *f.vcard_also)), None)
    day = _day_value(p) if own else None
    found += [v for n in own or () if n for v in pooled.get((None, n), [])]
    return day is not None and any(
        _day_value(Prop("BDAY", v, {"X-APPLE-OMIT-YEAR": ["1604"]} if v.startswith("1604") else {})) == day
        for v in found
    )


def _files() -> list[str]:
    return sorted(p.name for p in VCARDS.glob("*.vcf")) if VCARDS.exists() else ["(realdata absent)"]


@pytest.mark.parametrize("fname", _files())
def test_real_address_books(cli, tmp_path, fname):
    path = VCARDS / fname
    if not path.exists():
        pytest.skip("shared/realdata is not here")
    cli.ok("init", "--name", "Me")
    cards, _ = read_cards(path.read_bytes(), fname)
    out = cli.json("import", "vcard", str(path))
    assert out["added"] + out["updated"] == len(cards) and out["skipped"] == []
    people = cli.json("list")
    assert all("\ufffd" not in p["name"] for p in people)
    if fname in NAMES:
        assert sorted(p["name"] for p in people) == NAMES[fname]
    again = cli.json("import", "vcard", str(path))
    assert (again["added"], again["updated"]) == (0, 0)
    # Nothing lost: every property of every card comes back out, in the file's own version family.
    version = "4.0" if all(c.version == "4.0" for c in cards) else "3.0"
    exported = cards_of(cli.ok("export", "vcard", "--version", version).stdout)
    pooled: dict[tuple, list[str]] = {}
    for c in exported:
        for key, values in c.items():
            pooled.setdefault(key, []).extend(values)
    for card in cards:
        for p in card.props:
            assert _travels(p, pooled), (p.group, p.name, p.value[:60])
    back = Cli(tmp_path / "back" / "cnet.db")
    back.ok("init", "--name", "Me")
    back.ok(
        "import",
        "vcard",
        write(tmp_path, "export.vcf", cli.ok("export", "vcard", "--version", version).stdout.encode()),
    )
    assert sorted(p["name"] for p in back.json("list")) == sorted(p["name"] for p in people)


def test_a_killed_import_leaves_the_database_as_before(me, tmp_path):
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.com\r\nORG:Company {i % 50}\r\n"
        f"NOTE:card {i}\r\nX-KEPT:value {i}\r\nEND:VCARD\r\n"
        for i in range(40000)
    )
    f = write(tmp_path, "big.vcf", cards.encode())
    me.ok("add", "Ann Lee")
    before = me.snapshot()
    me.kill_midway("import", "vcard", f)
    assert [p["name"] for p in me.json("list")] == ["Ann Lee"]
    assert me.json("db", "check")["ok"] is True
    assert me.snapshot() == before


def test_new_people_of_one_file_are_complete_whichever_card_says_what(me, tmp_path):
    """People a file adds are written in batches: a second card of the same person, a refused card between
    them and values refused inside a card must come out as if each card were written on its own."""
    photo = base64.b64encode(JPEG * 8).decode()
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ana@example.org\r\nTEL:+34 600 000 001\r\n"
        f"CATEGORIES:climbing,{'x' * 300}\r\nX-CNET-HIGHLIGHT:ran the Lisbon office\r\nNICKNAME:Anita\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Title\r\nTITLE:{'t' * 2_000_000}\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ANA@example.org\r\nEMAIL:ana.r@example.net\r\n"
        "TEL:+34 600 000 002\r\nNOTE:met at the climbing wall\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Ode\r\nX-CNET-HANDLE:ben\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Benjamin Ode\r\nX-CNET-HANDLE:ben\r\nORG:Ode & Co\r\nEND:VCARD\r\n"
    )
    out = me.json("import", "vcard", write(tmp_path, "batch.vcf", data.encode()))
    assert (out["added"], out["updated"]) == (2, 2)
    assert [s["line"] for s in out["skipped"]] == [11] and "too long" in out["skipped"][0]["reason"]
    assert any("not a tag" in w["reason"] for w in out["warnings"])
    ana = me.json("show", "ana-ruiz")
    assert ana["emails"] == ["ana@example.org", "ana.r@example.net"]
    assert ana["phones"] == ["+34 600 000 001", "+34 600 000 002"]
    assert ana["tags"] == ["climbing"] and ana["highlights"] == ["ran the Lisbon office"]
    assert (ana["nickname"], ana["notes"]) == ("Anita", "met at the climbing wall")
    ben = me.json("show", "ben")  # the second card carried the handle the first one was given
    assert (ben["name"], ben["company"]) == ("Ben Ode", "Ode & Co")
    assert "bad-title" not in {p["handle"] for p in me.json("list")}
    assert [p["handle"] for p in me.json("search", "Lisbon")] == ["ana-ruiz"]
    card = me.ok("export", "vcard", "ana-ruiz").stdout
    assert photo in card.replace("\n ", "") and card.count("BEGIN:VCARD") == 1
    again = me.json("import", "vcard", write(tmp_path, "batch.vcf", data.encode()))
    assert (again["added"], again["updated"]) == (0, 0) and again["unchanged"] == 4


def test_photos_do_not_bloat_the_database(me, tmp_path):
    """A photo's row fills its own pages; the short rows of each card are not left alone on a page."""
    rng = __import__("random").Random(3)
    photos = [base64.b64encode(rng.randbytes(6000)).decode() for _ in range(300)]
    data = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Card{i};Pat;;;\r\nFN:Pat Card{i}\r\nEMAIL:pat{i}@example.org\r\n"
        f"TEL:+41 79 555 {i:04d}\r\nORG:Acme\r\nTITLE:Engineer\r\nUID:card-{i}\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD\r\n"
        for i, photo in enumerate(photos)
    )

    def size() -> int:
        return sum(Path(f"{me.db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{me.db}{s}").exists())

    empty = size()  # the schema's own pages: what the photos add is what is held to their size
    me.json("import", "vcard", write(tmp_path, "photos.vcf", data.encode()))
    me.ok("db", "check")
    assert size() - empty < 1.3 * sum(map(len, photos))


@pytest.mark.parametrize("end", ["\r\n", "\n", "\r"])
def test_every_kind_of_fold_is_joined_whatever_the_line_ends(me, tmp_path, end):
    """The usual fold is joined at once; a tab fold, or a fold after another kind of line end, is joined too."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ola", "  Nordmann", "NOTE:first", "\tsecond", "ORG:Acme", "END:VCARD"]
    text = end.join(lines) + end
    text = text.replace(f"ORG:Acme{end}", "ORG:Ac\n me\r\n") if end == "\r\n" else text  # a stray LF fold too
    out = me.json("import", "vcard", write(tmp_path, "folds.vcf", text.encode()))
    assert out["added"] == 1 and out["skipped"] == [] and out["warnings"] == []
    ola = me.json("show", "ola-nordmann")
    assert (ola["name"], ola["notes"], ola["company"]) == ("Ola Nordmann", "firstsecond", "Acme")


def test_a_21_card_after_30_cards_keeps_its_folded_whitespace(me, tmp_path):
    """A 2.1 card anywhere in the file has the whole file read line by line (2.1 folds keep their space)."""
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Berg\r\nNOTE:one\r\n  two\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Lind\r\nNOTE:three\r\n four\r\nEND:VCARD\r\n"
    )
    me.json("import", "vcard", write(tmp_path, "mixed.vcf", data.encode()))
    assert me.json("show", "ann-berg")["notes"] == "one two"
    assert me.json("show", "bo-lind")["notes"] == "three four"


def test_what_a_vdir_is_is_decided_by_the_domain(tmp_path):
    """A folder is a vdir: its .vcf and .vcard files in name order, nothing else in it (not a FIFO, a note
    or a sub-folder); one with no card file is refused; files, folders and (name, bytes) mix in one import."""
    import os

    from curated_net import Network
    from curated_net.errors import BadInput
    from curated_net.io.vcard import read_sources

    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nUID:{}\r\nEND:VCARD\r\n"
    vdir = tmp_path / "contacts"
    vdir.mkdir()
    (vdir / "b.vcf").write_text(card.format("Bo Lee", "b"))
    (vdir / "a.VCARD").write_text(card.format("Al Ode", "a"))
    (vdir / "notes.txt").write_text(card.format("Not Me", "n"))
    (vdir / "sub.vcf").mkdir()
    os.mkfifo(vdir / "pipe.vcf")  # never opened: reading it would wait for a writer for ever
    single = tmp_path / "one.vcf"
    single.write_text(card.format("Cy Young", "c"))
    found = read_sources([vdir, str(single), ("given.vcf", card.format("Di Ray", "d").encode())])
    assert [Path(name).name for name, _ in found] == ["a.VCARD", "b.vcf", "one.vcf", "given.vcf"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(BadInput, match=r"a folder with no \.vcf files"):
        read_sources([empty])
    with Network.open(tmp_path / "cnet.db", create=True) as net:
        net.init("Sam Rivera")
        summary = net.import_vcard([vdir, single])
        assert summary["added"] == 3
        assert sorted(p.name for p in net.people()) == ["Al Ode", "Bo Lee", "Cy Young"]
