"""Two records are one person only on evidence that they are; importing anything twice adds no one."""

from __future__ import annotations

from conftest import Cli


def _connections(tmp_path, rows: str):
    f = tmp_path / "Connections.csv"
    f.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    return f


def test_namesakes_with_different_linkedin_urls_stay_two_people(me, tmp_path):
    f = _connections(
        tmp_path,
        "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,Engineer,01 Jan 2024\n"
        "Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Acme,Designer,02 Jan 2024\n"
        "Kim,Ode,https://www.linkedin.com/in/kim-ode-a,,,,03 Jan 2024\n"
        "Kim,Ode,https://www.linkedin.com/in/kim-ode-b,,,,04 Jan 2024\n",
    )
    out = me.json("import", "linkedin", str(f))
    assert (out["added"], out["updated"]) == (4, 0)
    urls = sorted(p["linkedin"].rsplit("/", 1)[-1] for p in me.json("list"))
    assert urls == ["kim-ode-a", "kim-ode-b", "sam-lee-1", "sam-lee-2"]
    again = me.json("import", "linkedin", str(f))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 4)
    pairs = {(d["keep"], d["other"]) for d in me.json("dupes")}
    assert ("sam-lee", "sam-lee-2") in pairs and ("kim-ode", "kim-ode-2") in pairs  # listed, not guessed


def test_two_rows_of_one_file_with_only_a_name_are_two_people_and_stay_two(me, tmp_path):
    f = _connections(tmp_path, "Ann,Lee,,,,,01 Jan 2024\nAnn,Lee,,,,,02 Jan 2024\n")
    assert me.json("import", "linkedin", str(f))["added"] == 2
    assert me.json("import", "linkedin", str(f))["added"] == 0
    assert len(me.json("list")) == 2


def test_a_name_does_not_join_records_whose_emails_share_nothing(me, tmp_path):
    f = tmp_path / "people.csv"
    f.write_text("name,email\nAnn Lee,ann@one.example\nAnn Lee,ann@two.example\n")
    assert me.json("import", "csv", str(f))["added"] == 2
    assert me.json("import", "csv", str(f))["added"] == 0
    me.ok("add", "Bob Stone", "--email", "bob@one.example")
    g = tmp_path / "more.csv"
    g.write_text("name,email\nBob Stone,bob@other.example\n")
    assert me.json("import", "csv", str(g))["added"] == 1


def test_a_household_sharing_an_email_survives_a_csv_round_trip_and_a_reimport(me, tmp_path):
    me.ok("add", "Pat Doe", "-e", "family@doe.example", "-t", "Dentist", "--birthday", "1970-01-01")
    me.ok("add", "Kim Doe", "-e", "family@doe.example", "-t", "Pilot", "--birthday", "1972-02-02", "--force")
    out = tmp_path / "c1.csv"
    me.ok("export", "csv", "--out", str(out))
    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    first = other.json("import", "csv", str(out))
    assert (first["added"], first["unchanged"], first["warnings"]) == (2, 0, [])  # the handles said two people
    people = {p["handle"]: p for p in other.json("list")}
    assert {h: p["title"] for h, p in people.items()} == {"kim-doe": "Pilot", "pat-doe": "Dentist"}
    assert other.json("show", "pat-doe")["birthday"] == "1970-01-01"
    assert other.json("show", "kim-doe")["emails"] == ["family@doe.example"]
    for db in (me, other):  # read again into either database: each row finds its own person
        again = db.json("import", "csv", str(out))
        assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert other.ok("export", "csv").stdout.replace("\r\n", "\n") == out.read_text().replace("\r\n", "\n")


def test_rows_of_one_csv_sharing_an_email_under_two_names_stay_two_and_are_reported(me, tmp_path):
    f = tmp_path / "book.csv"
    f.write_text("name,email,title\nKim Doe,family@doe.example,Pilot\nPat Doe,family@doe.example,Dentist\n")
    first = me.json("import", "csv", str(f))
    assert first["added"] == 2
    assert [w["line"] for w in first["warnings"]] == [3]
    assert "shares the e-mail family@doe.example with Kim Doe" in first["warnings"][0]["reason"]
    # Read again, in the other order too: each row finds the one of the two it names.
    g = tmp_path / "reversed.csv"
    g.write_text("name,email,title\nPat Doe,family@doe.example,Dentist\nKim Doe,family@doe.example,Pilot\n")
    for file in (f, g):
        again = me.json("import", "csv", str(file))
        assert (again["added"], again["updated"], again["unchanged"], again["warnings"]) == (0, 0, 2, [])
    assert {p["name"]: p["title"] for p in me.json("list")} == {"Kim Doe": "Pilot", "Pat Doe": "Dentist"}


CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee-Smith\r\nN:Lee-Smith;Ann;;;\r\nEMAIL:ann@example.com\r\n"
    "ORG:Acme\r\nEND:VCARD\r\n"
)


def test_importing_the_same_cards_twice_adds_no_one(me, tmp_path):
    f = tmp_path / "ann.vcf"
    f.write_text(CARDS)
    first = me.json("import", "vcard", str(f))
    assert first["added"] == 2  # a bare name is its own card; the two with ann@example.com are one person
    people = sorted(p["handle"] for p in me.json("list"))
    for _ in range(2):
        assert me.json("import", "vcard", str(f))["added"] == 0
    assert sorted(p["handle"] for p in me.json("list")) == people


HOUSEHOLD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:pinkie\r\nFN:Pinkie Pie\r\nN:Pie;Pinkie;;;\r\n"
    "EMAIL:pink@pony.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:maud\r\nFN:Maud Pie\r\nN:Pie;Maud;;;\r\nEMAIL:pink@pony.example\r\nEND:VCARD\r\n"
)


def test_a_shared_email_does_not_merge_a_household_on_import_or_round_trip(me, tmp_path):
    f = tmp_path / "pies.vcf"
    f.write_text(HOUSEHOLD)
    assert me.json("import", "vcard", str(f))["added"] == 2
    assert me.json("import", "vcard", str(f))["added"] == 0
    out = tmp_path / "out.vcf"
    me.ok("export", "vcard", "--out", str(out))
    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    assert other.json("import", "vcard", str(out))["added"] == 2
    assert other.json("import", "vcard", str(f))["added"] == 0  # the UIDs carried identity through
    assert sorted(p["name"] for p in other.json("list")) == ["Maud Pie", "Pinkie Pie"]


def test_a_merged_person_exports_one_uid_one_n_one_fn_and_keeps_the_other_uid(me, tmp_path):
    f = tmp_path / "two.vcf"
    f.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-a\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-b\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n"
    )
    assert me.json("import", "vcard", str(f))["added"] == 2
    me.ok("merge", "ann-lee", "ann-lee-2", "--yes")
    text = me.ok("export", "vcard", "ann-lee").stdout
    lines = text.replace("\r\n", "\n").splitlines()
    assert sum(line.startswith("UID:") for line in lines) == 1
    assert sum(line.startswith("N:") for line in lines) == 1 and sum(line.startswith("FN:") for line in lines) == 1
    assert "X-CNET-ALSO-UID:card-b" in lines
    # Either card, read again, finds the merged person.
    assert me.json("import", "vcard", str(f))["added"] == 0
    out = tmp_path / "merged.vcf"
    out.write_text(text)
    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    other.ok("import", "vcard", str(out))
    assert other.json("import", "vcard", str(f))["added"] == 0


def test_unknown_cnet_properties_are_kept_like_any_other(me, tmp_path):
    f = tmp_path / "future.vcf"
    f.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nX-CNET-FAVOURITE-TEA:oolong\r\nEND:VCARD\r\n")
    me.ok("import", "vcard", str(f))
    assert "X-CNET-FAVOURITE-TEA:oolong" in me.ok("export", "vcard", "ann-lee").stdout


def test_vdirs_in_and_out(me, tmp_path):
    vdir = tmp_path / "contacts"
    vdir.mkdir()
    (vdir / "a.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ann-1\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\nEND:VCARD\r\n"
    )
    (vdir / "b.vcf").write_text(HOUSEHOLD)
    (vdir / "empty.vcf").write_text("")
    (vdir / "readme.txt").write_text("not a card")
    out = me.json("import", "vcard", str(vdir))
    assert out["added"] == 3 and [s["file"] for s in out["skipped"]] == [str(vdir / "empty.vcf")]
    target = tmp_path / "exported"
    me.ok("export", "vcard", "--vdir", str(target))
    files = sorted(p.name for p in target.iterdir())
    assert files == ["ann-1.vcf", "maud.vcf", "pinkie.vcf"]
    assert oct(target.stat().st_mode & 0o777) == "0o700"
    me.ok("edit", "ann-lee", "--company", "Acme")
    me.ok("export", "vcard", "--vdir", str(target))  # again: each card's own file, updated in place
    assert sorted(p.name for p in target.iterdir()) == files
    assert "ORG:Acme" in (target / "ann-1.vcf").read_text()
    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    assert other.json("import", "vcard", str(target))["added"] == 3


def test_cards_as_outlook_and_old_phones_write_them(me, tmp_path):
    f = tmp_path / "outlook.vcf"
    f.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Ann\r\nFN:Ann Lee\r\nTEL;WORK;:+1 555 0100\r\nTEL;FAX,WORK:+1 555 0101\r\n"
        b"ADR;HOME;PREF;:;;1 Main St;Springfield;;;\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bob Stone\r\nEND:VCARD\r\n"  # the first card never ended
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Cy Young\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:His Assistant\r\nEND:VCARD\r\n"
        b"END:VCARD\r\n"
    )
    out = me.json("import", "vcard", str(f))
    assert sorted(p["name"] for p in me.json("list")) == ["Ann Lee", "Bob Stone", "Cy Young"]
    assert any("no END:VCARD" in w["reason"] and w["line"] == 1 for w in out["warnings"])
    ann = me.json("show", "ann-lee")
    assert ann["phones"] == ["+1 555 0100", "+1 555 0101"]
    assert any(c["property"] == "ADR" and "1 Main St" in c["value"] for c in ann["address_book"])
    card = me.ok("export", "vcard", "ann-lee").stdout
    assert "TYPE=FAX,WORK" in card


def test_lines_fold_at_75_octets_not_characters(me):
    me.ok("add", "Ann Lee", "--note", "Ж" * 60)
    for line in me.ok("export", "vcard", "ann-lee").stdout.splitlines():
        assert len(line.encode("utf-8")) <= 75, line


def test_exports_conform_to_their_version_and_lose_nothing(me, tmp_path):
    f = tmp_path / "mixed.vcf"
    f.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Lee\r\nKIND:individual\r\nGENDER:F\r\nANNIVERSARY:20100601\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nN:Stone;Bob;;;\r\nLABEL:1 Main St\r\nCLASS:PUBLIC\r\n"
        "MAILER:PineMail\r\nEND:VCARD\r\n"
    )
    me.ok("import", "vcard", str(f))
    v3 = me.ok("export", "vcard", "ann-lee", "--version", "3.0").stdout.splitlines()
    assert "N:Lee;Ann;;;" in v3  # 3.0 requires N
    assert {"X-KIND:individual", "X-GENDER:F", "X-ANNIVERSARY:2010-06-01"} <= set(v3)  # 3.0 writes dates so
    assert not any(line.startswith(("KIND:", "GENDER:", "ANNIVERSARY:")) for line in v3)
    v4 = me.ok("export", "vcard", "bob-stone", "--version", "4.0").stdout.splitlines()
    assert {"X-LABEL:1 Main St", "X-CLASS:PUBLIC", "X-MAILER:PineMail"} <= set(v4)
    assert not any(line.startswith(("LABEL:", "CLASS:", "MAILER:")) for line in v4)
