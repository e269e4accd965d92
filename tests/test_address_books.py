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
        ("shift_jis", ["名無しの権兵衛", "権兵衛"]),  # read as Korean by a detector's first guess
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


# What real exports carry beyond cnet's fields (the columns are those Google, Outlook and Thunderbird write).
GOOGLE_FULL = (
    "\ufeffFirst Name,Middle Name,Last Name,Name Prefix,Name Suffix,Organization Name,Organization Title,"
    "Organization Department,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - Postal Code,Address 1 - Country,Relation 1 - Label,Relation 1 - Value,Website 1 - Label,"
    "Website 1 - Value\n"
    'Eva,von,Berg,Dr.,PhD,Kantonsspital,Chirurgin,Chirurgie,"two\nlines",* starred ::: Friends ::: * myContacts,'
    "* Home,eva@home.example,Ältere,eva@old.example,Mobile,+41 79 000 00 00,Home,"
    '"Hauptstrasse 1\n3000 Bern",Hauptstrasse 1,Bern,3000,Schweiz,Spouse,Max,Blog,https://eva.example\n'
)


def test_what_an_address_book_says_beyond_cnets_fields_is_kept(me, tmp_path):
    out = _import(me, tmp_path, "google.csv", GOOGLE_FULL)
    assert out["added"] == 1 and out["format"] == "Google Contacts"
    assert {"Organization Department", "Relation 1 - Value", "Address 1 - Street"} <= set(out["kept"])
    eva = me.json("show", "eva-von-berg")
    assert sorted(eva["tags"]) == ["Friends", "starred"]  # only Google's own "* myContacts" is dropped
    assert eva["notes"] == "two\nlines" and eva["location"] == "Bern"
    book = {(c["property"], c["value"]) for c in eva["address_book"]}
    assert ("ADR", "Hauptstrasse 1, Bern, 3000, Schweiz") in book
    assert ("ORGANIZATION-DEPARTMENT", "Chirurgie") in book and ("RELATION-1", "Max") in book
    assert ("URL", "https://eva.example") in book
    card = tmp_path / "eva.vcf"
    me.ok("export", "vcard", "--out", str(card))
    text = card.read_bytes().decode()
    assert "X-RELATION-1;TYPE=spouse:Max" in text
    assert "N:Berg;Eva;von;Dr.;PhD\r\n" in text  # the name's parts as the file gave them
    assert "EMAIL;TYPE=home:eva@home.example" in text and "EMAIL;TYPE=ältere:eva@old.example" in text
    assert "TEL;TYPE=cell:+41 79 000 00 00" in text
    assert "ADR;TYPE=home:;;Hauptstrasse 1;Bern;;3000;Schweiz" in text
    assert "LABEL;TYPE=home:Hauptstrasse 1\\n3000 Bern" in text  # as Google printed it
    assert "URL;TYPE=blog:https://eva.example" in text
    again = _import(me, tmp_path, "google.csv", GOOGLE_FULL)  # nothing new the second time
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)
    other = me.db.parent / "other.db"
    me.ok("--db", str(other), "init", "--name", "Me")
    me.ok("--db", str(other), "import", "vcard", str(card))
    back = tmp_path / "back.vcf"
    me.ok("--db", str(other), "export", "vcard", "--out", str(back))
    assert back.read_bytes().decode() == text  # through a vCard and back, the same card


def test_outlook_birthdays_and_honorifics_and_a_name_column(me, tmp_path):
    outlook = (
        "Title,First Name,Last Name,Suffix,Company,Job Title,E-mail Address,Business Phone,Birthday,"
        "Business Street,Business City,Business Postal Code\n"
        "Dr.,Cy,Young,Jr.,Initech,Surgeon,cy@initech.example,+1 555 0200,1/2/1970,1 Main St,Boston,02101\n"
    )
    _import(me, tmp_path, "o.csv", outlook)
    cy = me.json("show", "cy-young")
    assert cy["birthday"] == "1970-01-02" and cy["title"] == "Surgeon"  # month first, as Outlook writes it
    card = tmp_path / "cy.vcf"
    me.ok("export", "vcard", "--out", str(card))
    text = card.read_bytes().decode()
    assert "N:Young;Cy;;Dr.;Jr.\r\n" in text and "ADR;TYPE=work:;;1 Main St;Boston;;02101;\r\n" in text
    assert "TEL;TYPE=work:+1 555 0200" in text
    # A "Name" column among Outlook's is still the name (a sync tool's export).
    _import(
        me, tmp_path, "n.csv", "Action,Name,E-mail Address,Job Title\nadd,Adam Glacius,adam@anycom.example,Planner\n"
    )
    assert me.json("show", "adam-glacius")["title"] == "Planner"


def test_any_csv_columns_are_read_by_what_they_name(me, tmp_path):
    sheet = (
        "Display Name,Title,First Name,Last Name,Job Title,Email Home,Email Work,Home Mobile,Categories,"
        "Birthday,IM Skype,E-mail Display Name\n"
        "Ann Lee,Ms.,Ann,Lee,Engineer,ann@home.example,ann@work.example,+1 555 0100,golf,20/01/1991,annlee,Ann\n"
    )
    out = _import(me, tmp_path, "sheet.csv", sheet)
    ann = me.json("show", "ann-lee")
    assert ann["title"] == "Engineer"  # beside a Job Title, Title is the honorific
    assert ann["emails"] == ["ann@home.example", "ann@work.example"] and ann["phones"] == ["+1 555 0100"]
    assert ann["tags"] == ["golf"] and ann["birthday"] == "1991-01-20"
    assert {"IM Skype", "E-mail Display Name"} <= set(out["kept"])


def test_rows_with_only_an_email_are_named_by_it(me, tmp_path):
    out = _import(me, tmp_path, "tb.csv", "Primary Email\nsolo@example.com\n\nduo@example.com\n")
    assert out["added"] == 2
    assert sum("named by the e-mail" in w["reason"] for w in out["warnings"]) == 2
    assert me.json("show", "solo@example.com")["emails"] == ["solo@example.com"]


def test_no_column_to_name_anyone_is_refused_and_says_what_it_read(me, tmp_path):
    f = tmp_path / "noheader.csv"
    f.write_text("1,2,3\n4,5,6\n")
    before = me.snapshot()
    r = me.fails("import", "csv", str(f))
    assert "the first line is read as the header: 1, 2, 3" in r.stderr and me.snapshot() == before


def test_cnets_own_csv_reads_back_numbers_it_protected(me, tmp_path):
    me.ok("add", "Ann Lee", "--phone", "+41 79 000 00 00", "--email", "ann@example.com")
    first = tmp_path / "one.csv"
    me.ok("export", "csv", "--out", str(first))
    assert "'+41 79 000 00 00" in first.read_text()  # a spreadsheet shows it, never runs it
    other = me.db.parent / "other.db"
    me.ok("--db", str(other), "init", "--name", "Me")
    me.ok("--db", str(other), "import", "csv", str(first))
    assert me.json("--db", str(other), "show", "ann-lee")["phones"] == ["+41 79 000 00 00"]
    second = tmp_path / "two.csv"
    me.ok("--db", str(other), "export", "csv", "--out", str(second))
    assert second.read_bytes() == first.read_bytes()
