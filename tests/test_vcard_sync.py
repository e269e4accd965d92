"""vCard and vdir that keep the truth: an edit made in another client arrives, both sides' edits are told
apart, re-importing changes nothing, and every exported card is one strict readers and khard read."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from conftest import REALDATA, Cli

HOSTILE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hostile Card\r\nN:Card;Hostile;;;\r\nAGENT:\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:not*base64!\r\nBDAY;VALUE=text:circa 1800\r\nBDAY:1980-03-21\r\n"
    "ORG:Company, The;Dept\r\nTITLE:a, b; c\r\nPROFILE:VCARD\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN;ALTID=1:Ada\r\nN;ALTID=1;SORT-AS=Lovelace:Lovelace;Ada;;;\r\n"
    "N;ALTID=1:Lovelace;Augusta;;;\r\nBDAY:--1210\r\nANNIVERSARY;VALUE=text:the spring of 1835\r\n"
    "UID:urn:uuid:ada\r\nEND:VCARD\r\n"
)


def _cards(text: str) -> list[str]:
    return re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", text, re.S)


def _strict(text: str) -> int:
    """Read every card of a file with vobject, validating it, and write it back validated: raises on any."""
    cards = _cards(text)
    for card in cards:
        vobject.readOne(card, validate=True).serialize(validate=True)
    return len(cards)


def _khard(tmp_path: Path, folder: Path) -> str:
    """khard's list and birthdays over a vdir, refusing any card it cannot parse (skip_unparsable = no)."""
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[book]]\npath = {folder}\n[general]\ndefault_action = list\neditor = /bin/false\n"
        "merge_editor = /bin/false\n[contact table]\ndisplay = first_name\n[vcard]\nskip_unparsable = no\n"
    )
    khard = shutil.which("khard", path=str(Path(sys.executable).parent)) or shutil.which("khard")
    assert khard, "khard is a test dependency (pyproject's test extras)"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    out = ""
    for action in ("list", "birthdays"):
        r = subprocess.run([khard, "-c", str(config), action], capture_output=True, text=True, env=env, timeout=60)
        assert r.returncode == 0 and "Error" not in r.stderr, r.stdout + r.stderr
        out += r.stdout
    return out


def _vdir(me: Cli, tmp_path: Path, version: str = "3.0") -> Path:
    folder = tmp_path / f"vdir{version}"
    me.ok("export", "vcard", "--vdir", str(folder), "--version", version)
    return folder


def _edit(path: Path, **props: str) -> None:
    """Change a card as a client does: read with vobject, set values, write the whole card back."""
    card = vobject.readOne(path.read_bytes().decode())
    for name, value in props.items():
        name = name.replace("_", "-").lower()
        if name == "org":
            card.org.value = [value]
        elif name in card.contents:
            card.contents[name][0].value = value
        else:
            card.add(name).value = value
    path.write_text(card.serialize(), newline="")


def _file_of(folder: Path, name: str) -> Path:
    return next(p for p in folder.glob("*.vcf") if f"FN:{name}" in p.read_text())


def test_an_edit_made_in_another_client_arrives_though_the_folder_was_never_imported(me, tmp_path):
    me.ok("add", "Ann Lee", "--company", "Acme", "--title", "Engineer", "--email", "ann@acme.example")
    me.ok("add", "Bo Chen", "--company", "Initech")
    folder = _vdir(me, tmp_path)
    _edit(_file_of(folder, "Ann Lee"), title="CTO", org="Globex")
    out = me.json("import", "vcard", str(folder))
    assert (out["added"], out["updated"], out["unchanged"], out["conflicts"]) == (0, 1, 1, [])
    ann = me.json("show", "ann-lee")
    assert (ann["company"], ann["title"], ann["emails"]) == ("Globex", "CTO", ["ann@acme.example"])
    again = me.json("import", "vcard", str(folder))  # the same folder again: nothing changes
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    # and the next export writes what arrived
    me.ok("export", "vcard", "--vdir", str(folder))
    assert "TITLE:CTO" in _file_of(folder, "Ann Lee").read_text()


def test_both_sides_changed_cnets_value_is_kept_and_the_conflict_reported(me, tmp_path):
    me.ok("add", "Ann Lee", "--title", "Engineer", "--nickname", "Annie", "--email", "ann@acme.example")
    folder = _vdir(me, tmp_path)
    me.ok("edit", "ann-lee", "--title", "Staff Engineer")  # ours changed title
    path = _file_of(folder, "Ann Lee")
    _edit(path, title="Manager", nickname="Nan")  # theirs changed title and nickname
    text = path.read_bytes().decode().replace("EMAIL:ann@acme.example\r\n", "EMAIL:ann@globex.example\r\n")
    path.write_text(text, newline="")  # and swapped the address
    out = me.json("import", "vcard", str(folder))
    assert out["updated"] == 1
    [conflict] = out["conflicts"]
    assert (conflict["person"], conflict["field"], conflict["kept"], conflict["theirs"]) == (
        "ann-lee",
        "title",
        "Staff Engineer",
        "Manager",
    )
    ann = me.json("show", "ann-lee")
    assert (ann["title"], ann["nickname"], ann["emails"]) == ("Staff Engineer", "Nan", ["ann@globex.example"])


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_a_card_that_only_conflicts_updates_no_one(me, tmp_path, version):
    me.ok("add", "Ann Lee", "--title", "Engineer")
    me.ok("add", "Bo Chen", "--company", "Initech")
    folder = _vdir(me, tmp_path, version)
    _edit(_file_of(folder, "Ann Lee"), title="Ensign")  # theirs changed the title...
    me.ok("edit", "ann-lee", "--title", "Captain")  # ...and so did ours: cnet keeps Captain
    me.ok("edit", "bo-chen", "--company", "Globex")  # only ours changed: the card is behind, nothing to read
    out = me.json("import", "vcard", str(folder))
    assert (out["added"], out["updated"], out["unchanged"]) == (0, 0, 2)
    assert [(c["field"], c["kept"], c["theirs"]) for c in out["conflicts"]] == [("title", "Captain", "Ensign")]
    assert me.json("show", "ann-lee")["title"] == "Captain"
    again = me.json("import", "vcard", str(folder))  # told once: the card's title is now the one last read
    assert (again["updated"], again["unchanged"], again["conflicts"]) == (0, 2, [])
    me.ok("export", "vcard", "--vdir", str(folder), "--version", version)
    text = _file_of(folder, "Ann Lee").read_text()
    assert "TITLE:Captain" in text and "Ensign" not in text


def test_reimporting_cnets_own_export_changes_nothing_in_either_version(me, tmp_path):
    me.ok("add", "Ann Lee", "--birthday", "--12-24", "--tag", "a,b", "--highlight", "x; y", "--do-not-introduce")
    (tmp_path / "h.vcf").write_text(HOSTILE, newline="")
    me.ok("import", "vcard", str(tmp_path / "h.vcf"))
    for version in ("3.0", "4.0"):
        out = tmp_path / f"all{version}.vcf"
        me.ok("export", "vcard", "--version", version, "--out", str(out))
        before = me.json("list")
        again = me.json("import", "vcard", str(out))
        assert (again["added"], again["updated"], again["conflicts"]) == (0, 0, []), version
        assert me.json("list") == before
        vdir_again = me.json("import", "vcard", str(_vdir(me, tmp_path, version)))
        assert (vdir_again["added"], vdir_again["updated"]) == (0, 0), version


def test_a_name_alone_never_joins_two_cards(me, tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    for i, email in enumerate(("", "EMAIL:sam@two.example\r\n", "")):
        (folder / f"{i}.vcf").write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee\r\nORG:Acme\r\n{email}END:VCARD\r\n", newline=""
        )
    first = me.json("import", "vcard", str(folder))
    assert first["added"] == 3 and len(me.json("list")) == 3
    again = me.json("import", "vcard", str(folder))
    assert (again["added"], again["updated"]) == (0, 0) and len(me.json("list")) == 3
    exported = tmp_path / "out.vcf"
    me.ok("export", "vcard", "--out", str(exported))
    third = me.json("import", "vcard", str(exported))
    assert (third["added"], third["updated"]) == (0, 0) and len(me.json("list")) == 3


def test_exports_hold_only_what_their_version_allows(me, tmp_path):
    (tmp_path / "h.vcf").write_text(HOSTILE, newline="")
    me.ok("import", "vcard", str(tmp_path / "h.vcf"))
    me.ok("add", "Cy Day", "--birthday", "--02-29", "--anniversary", "1999")
    me.ok("export", "vcard", "--version", "3.0", "--out", str(tmp_path / "v3.vcf"))
    v3 = (tmp_path / "v3.vcf").read_bytes().decode()
    assert _strict(v3) == 3
    for forbidden in ("ALTID", "SORT-AS", "\r\nBDAY;VALUE=text", "\r\nAGENT:", "\r\nPROFILE", "--12-10", "--02-29"):
        assert forbidden not in v3, forbidden
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-10" in v3 and "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29" in v3
    assert v3.count("\r\nBDAY") == 3  # one a card
    assert "X-CNET-ALSO-BDAY:circa 1800" in v3  # one BDAY a card: the other beside it
    assert "X-CNET-KEPT-PHOTO" in v3 and "X-CNET-KEPT-AGENT" in v3
    assert "ORG:Company\\, The;Dept" in v3 and "TITLE:a\\, b\\; c" in v3
    me.ok("export", "vcard", "--version", "4.0", "--out", str(tmp_path / "v4.vcf"))
    v4 = (tmp_path / "v4.vcf").read_bytes().decode()
    assert _strict(v4) == 3
    assert "BDAY:--1210" in v4 and "BDAY:--0229" in v4 and "ANNIVERSARY;VALUE=text:the spring of 1835" in v4
    assert "\r\nN;" not in v4.split("FN;ALTID=1:Ada")[1].split("END:VCARD")[0].replace("N;ALTID=1;SORT-AS", "", 1)
    # read back: every value is found again
    back = Cli(tmp_path / "back" / "cnet.db")
    back.ok("init", "--name", "Me")
    back.ok("import", "vcard", str(tmp_path / "v3.vcf"))
    people = {p["name"]: p for p in back.json("list")}
    assert people["Cy Day"]["birthday"] == "--02-29" and people["Cy Day"]["anniversary"] == "1999"
    assert people["Ada"]["birthday"] == "--12-10" and people["Hostile Card"]["birthday"] == "1980-03-21"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_khard_and_strict_vobject_read_every_exported_card(me, tmp_path, version):
    (tmp_path / "h.vcf").write_text(HOSTILE, newline="")
    me.ok("import", "vcard", str(tmp_path / "h.vcf"))
    real = sorted((REALDATA / "vcard").glob("*.vcf")) if (REALDATA / "vcard").exists() else []
    if real:
        me.ok("import", "vcard", *map(str, real))
    me.ok("add", "Cy Day", "--birthday", "--02-29")
    folder = _vdir(me, tmp_path, version)
    files = sorted(folder.glob("*.vcf"))
    assert len(files) == len(me.json("list"))
    for path in files:
        assert _strict(path.read_bytes().decode()) == 1, path.read_text()
    listed = _khard(tmp_path, folder)
    assert "Cy Day" in listed and "Hostile" in listed


# -- undeclared 8-bit code pages, card by card ------------------------------------------------------

SCRIPTS = {
    "greek": ("cp1253", "Γιώργος Παπαδόπουλος", "Εθνική Τράπεζα"),
    "hebrew": ("cp1255", "אופיר כהן", "בנק הפועלים"),
    "cyrillic": ("cp1251", "Ольга Петрова", "Сбербанк"),
    "japanese": ("shift_jis", "佐藤 花子", "株式会社日立製作所"),
    "korean": ("euc_kr", "이서연", "삼성전자"),
    "arabic": ("cp1256", "فاطمة الزهراء", "بنك القاهرة"),
}


def _legacy_card(name: str, org: str, encoding: str) -> bytes:
    return (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name.encode(encoding) + b"\r\nORG:" + org.encode(encoding) + b"\r\n"
        b"EMAIL:" + encoding.encode() + b"@example.org\r\nEND:VCARD\r\n"
    )


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_an_undeclared_code_page_is_read_as_what_its_bytes_are(me, tmp_path, script):
    encoding, name, org = SCRIPTS[script]
    path = tmp_path / f"{script}.vcf"
    path.write_bytes(_legacy_card(name, org, encoding))
    me.ok("import", "vcard", str(path))
    [person] = me.json("list")
    assert (person["name"], person["company"]) == (name, org)


def test_each_card_of_a_file_is_read_in_its_own_code_page(me, tmp_path):
    """One file, six cards, six code pages (as address books merged from several phones are)."""
    path = tmp_path / "mixed.vcf"
    path.write_bytes(b"".join(_legacy_card(name, org, enc) for enc, name, org in SCRIPTS.values()))
    out = me.json("import", "vcard", str(path))
    assert out["added"] == 6
    got = {(p["name"], p["company"]) for p in me.json("list")}
    assert got == {(name, org) for _enc, name, org in SCRIPTS.values()}


# Short names, a card each with nothing else to go on (the hardest case for a detector).
SHORT = [
    ("cp1255", "דן"),
    ("cp1256", "علي"),
    ("cp1254", "Çağrı Öztürk"),
    ("cp1250", "Đorđe Balašević"),
    ("cp1257", "Jānis Bērziņš"),
    ("cp1251", "Ян"),
    ("cp1252", "Björk Guðmundsdóttir"),
    ("cp1252", "Zoë"),
]


@pytest.mark.parametrize(("encoding", "name"), SHORT)
def test_a_short_name_alone_is_read_in_its_own_code_page(me, tmp_path, encoding, name):
    path = tmp_path / "short.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name.encode(encoding) + b"\r\nEND:VCARD\r\n")
    me.ok("import", "vcard", str(path))
    assert me.json("list")[0]["name"] == name


def test_latin_cards_stay_windows_1252(me, tmp_path):
    path = tmp_path / "latin.vcf"
    path.write_bytes(_legacy_card("Søren Müller", "Ødegård & Peña", "cp1252"))
    me.ok("import", "vcard", str(path))
    assert me.json("list")[0]["name"] == "Søren Müller"


def test_glued_and_missing_end_lines_split_cards_with_a_warning_naming_the_line(me, tmp_path):
    path = tmp_path / "glued.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARDBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\n"
        b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Di Ode\r\n"
        b"END:VCARD\r\n"
    )
    out = me.json("import", "vcard", str(path))
    assert out["added"] == 4
    assert {w["line"]: w["reason"] for w in out["warnings"]} == {
        4: "END:VCARD and BEGIN:VCARD glued on one line: read as two cards",
        8: "the card has no END:VCARD: read up to line 11, where the next card begins",
    }
    exported = tmp_path / "out.vcf"
    me.ok("export", "vcard", "--out", str(exported))
    text = exported.read_bytes().decode()
    assert text.count("BEGIN:VCARD") == text.count("END:VCARD") == 4 and "VCARDBEGIN" not in text


def test_two_cards_of_one_person_from_two_books_reimport_as_unchanged(me, tmp_path):
    """Cards that disagree only in what describes their file (REV) are no change of the person."""
    for i, rev in enumerate(("20120101T000000Z", "20230505T101010Z")):
        (tmp_path / f"{i}.vcf").write_text(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.example\r\nTITLE:CTO\r\nREV:{rev}\r\n"
            f"X-BOOK:{i}\r\nEND:VCARD\r\n",
            newline="",
        )
    files = [str(tmp_path / "0.vcf"), str(tmp_path / "1.vcf")]
    me.ok("import", "vcard", *files)
    again = me.json("import", "vcard", *files)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert len(me.json("list")) == 1


# -- a card deleted in another client ------------------------------------------------------------------


def test_a_card_deleted_in_another_client_removes_the_person_cnet_changed_nothing_of(me, tmp_path):
    me.ok("add", "Ann Lee", "--company", "Acme", "--email", "ann@acme.example")
    me.ok("add", "Bo Chen", "--company", "Initech")
    folder = _vdir(me, tmp_path)
    _file_of(folder, "Bo Chen").unlink()  # as khard's `rm` does
    out = me.json("import", "vcard", str(folder))
    assert [(r["person"], r["name"]) for r in out["removed"]] == [("bo-chen", "Bo Chen")]
    assert (out["added"], out["updated"], out["unchanged"], out["conflicts"]) == (0, 0, 1, [])
    assert [p["handle"] for p in me.json("list")] == ["ann-lee"]
    again = me.json("import", "vcard", str(folder))  # told once; nothing more goes
    assert (again["removed"], again["unchanged"]) == ([], 1)
    said = me.ok("import", "vcard", str(folder.parent / folder.name / ".." / folder.name))
    assert "removed" not in said.stdout  # the same folder by another path: nothing more either
    me.ok("add", "Cy Dow")
    me.ok("export", "vcard", "--vdir", str(folder))
    _file_of(folder, "Cy Dow").unlink()
    said = me.ok("import", "vcard", str(folder))
    assert (
        ", 1 removed" in said.stdout and f"removed Cy Dow (cy-dow): their card was deleted from {folder}" in said.stdout
    )


def test_a_deleted_card_whose_person_cnet_holds_more_of_is_kept_and_the_conflict_reported(me, tmp_path):
    for name in ("Ann Lee", "Bo Chen", "Cy Dow", "Di Eze"):
        me.ok("add", name)
    me.ok("connect", "ann-lee", "--as", "colleague", "--detail", "Acme")
    me.ok("link", "bo-chen", "di-eze")
    folder = _vdir(me, tmp_path)
    me.ok("edit", "cy-dow", "--title", "CTO")  # changed in cnet since the export
    for name in ("Ann Lee", "Bo Chen", "Cy Dow"):
        _file_of(folder, name).unlink()
    out = me.json("import", "vcard", str(folder))
    assert out["removed"] == []
    kept = {c["person"]: c for c in out["conflicts"]}
    assert set(kept) == {"ann-lee", "bo-chen", "cy-dow"}
    assert "a connection" in kept["ann-lee"]["kept"] and "links" in kept["bo-chen"]["kept"]
    assert "changed in cnet" in kept["cy-dow"]["kept"]
    assert {c["field"] for c in out["conflicts"]} == {"card"}
    assert {c["theirs"] for c in out["conflicts"]} == {"deleted"}
    assert len(me.json("list")) == 4
    said = me.ok("import", "vcard", str(folder))  # reported once: the card is no longer the folder's
    assert "deleted" not in said.stderr
    me.ok("export", "vcard", "--vdir", str(folder))  # and the next export writes it back
    assert _file_of(folder, "Ann Lee")


def test_only_a_vdir_tells_a_deleted_card(me, tmp_path):
    """A card missing from a file, or from a folder cnet never wrote or read, or read with other files,
    removes nobody; a card read from a vdir is counted as that folder's, one of cnet's export too."""
    me.ok("add", "Ann Lee")
    me.ok("add", "Bo Chen")
    one = tmp_path / "one.vcf"
    me.ok("export", "vcard", "ann-lee", "--out", str(one))
    out = me.json("import", "vcard", str(one))
    assert "removed" in out and out["removed"] == []
    folder = _vdir(me, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(_file_of(folder, "Ann Lee"), other / "ann.vcf")
    assert me.json("import", "vcard", str(other))["removed"] == []  # Bo was never in this folder
    # Ann's card is now counted as the other folder's: gone from there, she goes
    (other / "ann.vcf").unlink()
    (other / "note.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dow\r\nUID:cy\r\nEND:VCARD\r\n")
    out = me.json("import", "vcard", str(other))
    assert [r["person"] for r in out["removed"]] == ["ann-lee"]


def test_a_card_deleted_from_a_folder_read_before_but_never_written_removes_its_person(me, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    for uid, name in (("a", "Ann Lee"), ("b", "Bo Chen")):
        (folder / f"{uid}.vcf").write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nUID:{uid}\r\nEND:VCARD\r\n")
    assert me.json("import", "vcard", str(folder))["added"] == 2
    (folder / "b.vcf").unlink()
    out = me.json("import", "vcard", str(folder))
    assert [r["uid"] for r in out["removed"]] == ["b"]
    assert [p["name"] for p in me.json("list")] == ["Ann Lee"]


def test_a_card_whose_uid_another_client_changed_is_not_taken_for_deleted(me, tmp_path):
    me.ok("add", "Ann Lee")
    folder = _vdir(me, tmp_path)
    path = _file_of(folder, "Ann Lee")
    text = re.sub(r"UID:[^\r]*", "UID:urn:uuid:new-one", path.read_text())
    path.unlink()
    (folder / "new-one.vcf").write_text(text, newline="")
    out = me.json("import", "vcard", str(folder))
    assert (out["removed"], out["conflicts"], out["added"]) == ([], [], 0)
    assert [p["handle"] for p in me.json("list")] == ["ann-lee"]


def test_a_client_that_drops_the_omitted_year_keeps_the_birthday_yearless(me, tmp_path):
    me.ok("add", "Leonard Okafor", "--birthday", "--12-24", "--title", "Surgeon")
    folder = _vdir(me, tmp_path)
    (card,) = folder.glob("*.vcf")
    text = card.read_text()
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-24" in text
    # What khard writes back after any edit: the year without the parameter that says it is none.
    card.write_text(
        text.replace("BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-24", "BDAY:1604-12-24").replace("Surgeon", "Chief"),
        newline="",
    )
    out = me.json("import", "vcard", str(folder))
    assert (out["added"], out["updated"]) == (0, 1)
    leonard = me.json("show", "leonard-okafor")
    assert (leonard["birthday"], leonard["title"]) == ("--12-24", "Chief")


def test_other_clients_anniversaries_are_read_and_4_0_writes_its_own_property(me, tmp_path):
    cards = tmp_path / "others.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Thun Derbird\r\nX-ANNIVERSARY:1990-04-30\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evo Lution\r\nX-EVOLUTION-ANNIVERSARY:2001-06-02\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Out Look\r\nX-MS-ANNIVERSARY:20050910\r\nEND:VCARD\r\n",
        newline="",
    )
    me.ok("import", "vcard", str(cards))
    days = {p["name"]: me.json("show", p["handle"])["anniversary"] for p in me.json("list")}
    assert days == {"Thun Derbird": "1990-04-30", "Evo Lution": "2001-06-02", "Out Look": "2005-09-10"}
    me.ok("export", "vcard", "--version", "4.0", "--out", str(tmp_path / "v4.vcf"))
    v4 = (tmp_path / "v4.vcf").read_bytes().decode()
    assert _strict(v4) == 3
    assert "ANNIVERSARY:19900430" in v4 and "X-ANNIVERSARY" not in v4
    assert "ANNIVERSARY:20010602" in v4 and "ANNIVERSARY:20050910" in v4
    v3 = me.ok("export", "vcard", "--version", "3.0").stdout
    assert "X-ANNIVERSARY:1990-04-30" in v3 and "X-ANNIVERSARY:2001-06-02" in v3
    again = me.json("import", "vcard", str(cards))
    assert (again["added"], again["updated"]) == (0, 0)


MALFORMED = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mal Formed\r\nN:Formed;Mal\r\nEMAIL;TYPE=:mal@x.example\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:not base64 !!!\r\nGEO:abc\r\nREV:notadate\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Geo Ok\r\nGEO:37.386013,-122.082932\r\nREV:1995-10-31T22:27:10Z\r\nEND:VCARD\r\n"
)


def test_a_value_its_property_cannot_hold_travels_kept_never_raw_and_never_changed(me, tmp_path):
    (tmp_path / "m.vcf").write_text(MALFORMED, newline="")
    me.ok("import", "vcard", str(tmp_path / "m.vcf"))
    out = {}
    for version in ("3.0", "4.0"):
        me.ok("export", "vcard", "--version", version, "--out", str(tmp_path / f"{version}.vcf"))
        out[version] = (tmp_path / f"{version}.vcf").read_bytes().decode()
        assert _strict(out[version]) == 2
        text = out[version]
        assert "EMAIL:mal@x.example" in text and "TYPE=TYPE" not in text.upper()  # `TYPE=` named no type
        assert "X-CNET-KEPT-GEO:abc" in text and "\r\nGEO:abc" not in text
        assert "X-CNET-KEPT-REV:notadate" in text and "\r\nREV:notadate" not in text
        assert "not base64 !!!" in text  # kept as it came, spaces and all
        assert "N:Formed;Mal;;;\r\n" in text  # five components
        assert "REV:1995-10-31T22:27:10Z" in text
        again = me.json("import", "vcard", str(tmp_path / f"{version}.vcf"))
        assert (again["added"], again["updated"]) == (0, 0), version
    assert "GEO:37.386013;-122.082932" in out["3.0"] and "GEO:geo:37.386013,-122.082932" in out["4.0"]


def test_a_vdir_whose_name_is_not_utf8_is_refused_before_a_card_is_written(me, tmp_path):
    """Found by the process-mode sweep: the export wrote its cards, then failed to remember the folder."""
    import os

    from curated_net import BadInput, Network

    me.ok("add", "Ann Lee")
    before = me.snapshot()
    folder = tmp_path / os.fsdecode(b"bad \xff\xfe name")
    with Network.open(me.db) as net, pytest.raises(BadInput, match="not valid UTF-8"):
        net.export_vdir(folder)
    assert not os.path.exists(folder) and me.snapshot() == before
