"""The address books people actually export: Google, Outlook and Thunderbird CSV, and legacy code pages."""

from __future__ import annotations

import pytest

GOOGLE_OLD = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Birthday,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Title,Website 1 - Type,Website 1 - Value\n"
    "Ann Lee,Ann,,Lee,Annie,1980-03-21,Met at PyCon,* myContacts ::: Friends,* Home ::: Work,"
    "ann@home.example ::: ann@work.example,Mobile,+1 555 0100 ::: +1 555 0101,,Acme,Engineer,Profile,"
    "https://www.linkedin.com/in/ann-lee\n"
)
GOOGLE_NEW = (
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Bob,Q,Stone,,Globex,CTO,--05-04,,* myContacts ::: Board,Work,bob@globex.example,Mobile,+44 20 7946 0000\n"
)
OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,E-mail Address,E-mail 2 Address,Home Phone,"
    "Business Phone,Mobile Phone,Job Title,Company,Business City,Birthday,Notes,Categories\n"
    "Cy,,Young,Dr.,,,cy@initech.example,cy@home.example,+1 555 0200,+1 555 0201,,Surgeon,Initech,Boston,"
    "1/2/1970,,Golf;Board\n"
)
THUNDERBIRD = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,Mobile Number,"
    "Job Title,Organization,Web Page 1,Birth Year,Birth Month,Birth Day,Notes\n"
    "Dee,Dee,Dee Dee Ramone,,dee@ramones.example,,+1 555 0300,+1 555 0301,Bassist,Ramones,,1951,9,18,\n"
    ",,,,,,,,,Acme Supplies,,,,,\n"
)


def _import(me, tmp_path, name, text, encoding="utf-8"):
    f = tmp_path / name
    f.write_bytes(text.encode(encoding))
    return me.json("import", "csv", str(f))


def test_google_contacts_before_2023(me, tmp_path):
    out = _import(me, tmp_path, "google.csv", GOOGLE_OLD)
    assert out["format"] == "Google Contacts (before 2023)" and out["added"] == 1
    ann = me.json("show", "ann-lee")
    assert ann["emails"] == ["ann@home.example", "ann@work.example"]
    assert ann["phones"] == ["+1 555 0100", "+1 555 0101"]
    assert (ann["company"], ann["title"], ann["nickname"]) == ("Acme", "Engineer", "Annie")
    assert ann["linkedin"] == "https://www.linkedin.com/in/ann-lee" and ann["tags"] == ["Friends"]
    assert ann["birthday"] == "1980-03-21"


def test_google_contacts_and_outlook_and_thunderbird(me, tmp_path):
    assert _import(me, tmp_path, "g.csv", GOOGLE_NEW)["format"] == "Google Contacts"
    bob = me.json("show", "bob-q-stone")
    assert (bob["company"], bob["title"], bob["emails"], bob["tags"]) == (
        "Globex",
        "CTO",
        ["bob@globex.example"],
        ["Board"],
    )
    assert _import(me, tmp_path, "o.csv", OUTLOOK)["format"] == "Outlook"
    cy = me.json("show", "cy-young")
    assert cy["title"] == "Surgeon" and cy["company"] == "Initech" and cy["location"] == "Boston"  # Dr. is no job
    assert cy["emails"] == ["cy@initech.example", "cy@home.example"] and len(cy["phones"]) == 2
    assert sorted(cy["tags"]) == ["Board", "Golf"]
    out = _import(me, tmp_path, "t.csv", THUNDERBIRD)
    assert out["format"] == "Thunderbird" and out["added"] == 2
    dee = me.json("show", "dee-dee-ramone")  # the display name wins over first and last
    assert dee["emails"] == ["dee@ramones.example"] and dee["title"] == "Bassist"
    assert dee["birthday"] == "1951-09-18"
    assert any("named by the company" in w["reason"] for w in out["warnings"])
    assert me.json("show", "acme-supplies")["company"] == "Acme Supplies"


def test_every_address_book_import_twice_adds_no_one(me, tmp_path):
    for name, text in (("a.csv", GOOGLE_OLD), ("b.csv", GOOGLE_NEW), ("c.csv", OUTLOOK), ("d.csv", THUNDERBIRD)):
        _import(me, tmp_path, name, text)
        assert _import(me, tmp_path, name, text)["added"] == 0, name


@pytest.mark.parametrize(
    "encoding, names",
    [
        ("shift_jis", ["安藤 ロイド", "伊藤 圭一"]),
        ("cp1253", ["Βαγγέλης Παπαδόπουλος", "Γιώργος Νικολάου"]),
        ("cp1251", ["Иван Петров", "Сергей Смирнов"]),
        ("cp1252", ["Søren Ærø", "José Núñez"]),
    ],
)
def test_legacy_code_pages_decode_as_what_the_bytes_are(me, tmp_path, encoding, names):
    _import(me, tmp_path, "legacy.csv", "name\n" + "".join(n + "\n" for n in names), encoding)
    assert sorted(p["name"] for p in me.json("list")) == sorted(names)
    card = tmp_path / "legacy.vcf"
    card.write_bytes(
        b"".join(b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + n.encode(encoding) + b"\r\nEND:VCARD\r\n" for n in names)
    )
    other = me.db.parent / "other.db"
    out = me.json("--db", str(other), "init", "--name", "Me")
    assert out["status"] == "created"
    me.ok("--db", str(other), "import", "vcard", str(card))
    assert sorted(p["name"] for p in me.json("--db", str(other), "list")) == sorted(names)


def test_a_card_that_declares_its_code_page_on_one_property_only(me, tmp_path):
    card = tmp_path / "greek.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:" + "Παπαδόπουλος;Βαγγέλης".encode("cp1253") + b"\r\n"
        b"FN:"
        + "Βαγγέλης".encode("cp1253")
        + b"\r\nLABEL;CHARSET=Windows-1253:"
        + "Αθήνα".encode("cp1253")
        + b"\r\nEND:VCARD\r\n"
    )
    me.ok("import", "vcard", str(card))
    assert [p["name"] for p in me.json("list")] == ["Βαγγέλης"]
