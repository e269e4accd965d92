"""LinkedIn exports: every variant, idempotent re-imports, edits kept, nothing half-written."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REALDATA
from curated_net.io.linkedin import decode_lines, parse_date

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing.\n'
    'You will only see email addresses for connections who have allowed it."\n\n'
)


def write(tmp_path, name: str, data: bytes | str):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("30 May 2024", "2024-05-30"),
        ("1/8/18, 6:14 PM", "2018-01-08"),
        ("23-Apr-23", "2023-04-23"),
        ("16.09.2021", "2021-09-16"),
        ("30-oct-09", "2009-10-30"),
        ("04-May-22", "2022-05-04"),
        ("2022-03-12", "2022-03-12"),
        ("2024/12/15 08:53:43 UTC", "2024-12-15"),
        ("12-dic-19", "2019-12-12"),
        ("11/27/24, 09:51 AM", "2024-11-27"),
        ("", None),
    ],
)
def test_every_date_format(text, iso):
    assert parse_date(text) == iso


def test_bad_dates_are_named():
    with pytest.raises(ValueError, match="impossible"):
        parse_date("31.02.2021")
    with pytest.raises(ValueError, match="unrecognised"):
        parse_date("yesterday")


def test_mixed_encodings_decode_line_by_line():
    data = b"First Name;Last Name\r\n" + "Søren;Ærø\r\n".encode("cp1252") + "Zoë;Łukasz\r\n".encode()
    text = decode_lines(b"\xef\xbb\xbf" + data)
    assert "Søren;Ærø" in text and "Zoë;Łukasz" in text and "\ufffd" not in text


def test_current_format_with_preamble_and_url(me, tmp_path):
    f = write(
        tmp_path,
        "Connections.csv",
        PREAMBLE
        + (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ann,Lee,https://www.linkedin.com/in/ann-lee-42,ann@x.example,Acme,Engineer,30 May 2024\n"
            'Bob,"Stone, Jr.",https://www.linkedin.com/in/bobstone,,"Globex, Inc.","Head of ""Ops""",01 Jun 2024\n'
            ",,,,,,02 Jun 2024\n"
            "  Cy  ,  Young ,,, Initech , CTO ,03 Jun 2024\n"
            'Dee,Dee,,,"Multi\nline Co",Boss,04 Jun 2024\n'
        ),
    )
    out = me.json("import", "linkedin", str(f))
    assert (out["added"], out["updated"], out["unchanged"]) == (4, 0, 0)
    assert out["skipped"] == [{"file": str(f), "line": 8, "reason": "no name"}]
    ann = me.json("show", "ann@x.example")
    assert ann["linkedin"] == "https://www.linkedin.com/in/ann-lee-42" and ann["company"] == "Acme"
    assert ann["connection"]["status"] == "nominal" and ann["connection"]["nominal_source"] == "linkedin"
    assert ann["connection"]["nominal_on"] == "2024-05-30" and ann["connection"]["evidence"] == []
    bob = me.json("show", "bob-stone-jr")
    assert bob["name"] == "Bob Stone, Jr." and bob["company"] == "Globex, Inc." and bob["title"] == 'Head of "Ops"'
    assert me.json("show", "cy-young")["company"] == "Initech"
    assert me.json("show", "dee-dee")["company"] == "Multi\nline Co"


def test_a_row_that_fails_a_check_is_skipped_and_the_clean_rows_of_its_file_are_imported(me, tmp_path):
    """The usual file passes the checks in one go; one odd row sends every row through them one by one."""
    f = write(
        tmp_path,
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,ann@x.example,Acme,Engineer,30 May 2024\n"
        "Esc\x1b[31m,Red,,,Acme,Engineer,30 May 2024\n"
        f"{'L' * 600},Long,,,Acme,Engineer,30 May 2024\n"
        "Nul,Co,,,Ac\x00me,Engineer,30 May 2024\n"
        "Tab,Mail,,tab\tx@x.example,Acme,Engineer,30 May 2024\n"
        "Bo,Ng,,,Acme,Engineer,30 May 2024\n",
    )
    before = me.snapshot()
    out = me.json("import", "linkedin", str(f))
    assert out["added"] == 3, out
    assert [s["line"] for s in out["skipped"]] == [3, 4, 5]
    assert "control character" in out["skipped"][0]["reason"] and "too long" in out["skipped"][1]["reason"]
    assert "not text" in out["skipped"][2]["reason"]
    assert any("not an e-mail" in w["reason"] for w in out["warnings"])  # the row stays, without the address
    assert {p["handle"] for p in me.json("list")} == {"ann-lee", "bo-ng", "tab-mail"}
    assert me.snapshot() != before


@pytest.mark.parametrize(
    "content",
    [
        b"First Name;Last Name;Company;Position;Connected on\r\nAnn;Lee;Acme;Engineer;16.09.2021\r\n"
        b"S\xf8ren;Kierkegaard;Lund;Writer;07.09.2021\r\n",
        b"FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\nAnn,Lee,,Acme,Engineer,04-May-22\n"
        b"S\xc3\xb8ren,Kierkegaard,,Lund,Writer,05-May-22\n",
        b"\xef\xbb\xbfFirst Name,Last Name,Email Address,Company,Position,Connected On\r\nAnn,Lee,,Acme,Engineer,"
        b'"1/8/18, 6:14 PM"\r\nS\xc3\xb8ren,Kierkegaard,,Lund,Writer,23-Apr-23\r\n',
        b"First Name;Company;Position;Connected On\nAnn Lee;          ;Engineer;30-oct-09\nS\xc3\xb8ren Kierkegaard;"
        b"Lund;Writer;01 Dec 2016\n",
    ],
    ids=["semicolon-cp1252-crlf", "nospace-headers", "bom-us-dates", "hand-edited-two-formats"],
)
def test_header_delimiter_and_encoding_variants(me, tmp_path, content):
    f = write(tmp_path, "Connections.csv", content)
    out = me.json("import", "linkedin", str(f))
    assert out["added"] == 2 and out["skipped"] == [] and out["warnings"] == []
    names = {p["name"] for p in me.json("list")}
    assert names == {"Ann Lee", "Søren Kierkegaard"}


def test_reimport_adds_no_duplicates_updates_and_keeps_edits(me, tmp_path):
    f = write(
        tmp_path,
        "c.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,30 May 2024\n"
        "Bob,Stone,,bob@x.example,Globex,Analyst,01 Jun 2024\n",
    )
    me.json("import", "linkedin", str(f))
    again = me.json("import", "linkedin", str(f))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    me.ok("edit", "bob-stone", "--company", "Bob's Own Firm")
    newer = write(
        tmp_path,
        "c2.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://linkedin.com/in/AnnLee/,,Acme Corp,Staff Engineer,30 May 2024\n"
        "Bob,Stone,,bob@x.example,Initech,Director,01 Jun 2024\n",
    )
    out = me.json("import", "linkedin", str(newer))
    assert (out["added"], out["updated"]) == (0, 2)
    ann = me.json("show", "ann-lee")
    assert ann["company"] == "Acme Corp" and ann["title"] == "Staff Engineer"
    bob = me.json("show", "bob-stone")
    assert bob["company"] == "Bob's Own Firm"  # the user's edit wins
    assert bob["title"] == "Director"
    assert len(me.json("list")) == 2


def test_rows_that_share_an_identifier_are_matched_and_the_rest_are_new_people(me, tmp_path):
    """Rows that share nothing with anyone are added without a lookup; a row sharing a URL, an e-mail or a
    name and company (with someone already here or with another row) is still matched as before."""
    me.ok("add", "Cleo Park", "--email", "cleo@old.example")
    me.ok("add", "Dev Rao", "--company", "Initech")
    f = write(
        tmp_path,
        "c.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,30 May 2024\n"
        "Bob,Stone,,bob@x.example,Globex,Analyst,01 Jun 2024\n"
        "Ann,Lee,https://linkedin.com/in/AnnLee/,,Acme,Staff Engineer,30 May 2024\n"  # Ann again, her URL spelt otherwise
        "Robert,Stone,,BOB@x.example,Globex,Analyst,01 Jun 2024\n"  # Bob again, by his e-mail
        "C.,Park,,cleo@old.example,,,02 Jun 2024\n"  # Cleo, by the e-mail she has here
        "Dev,Rao,,,Initech,Manager,03 Jun 2024\n"  # Dev, by name and company
        "Eve,Moss,,,Umbrella,Chemist,04 Jun 2024\n"
        "Eve,Moss,,,Umbrella,Chemist,04 Jun 2024\n",  # two rows of one name at one company: two people
    )
    out = me.json("import", "linkedin", str(f))
    # Added: Ann, Bob and the two Eves; updated: Ann (her second row's title), Cleo and Dev (now connected);
    # Robert Stone's row is Bob's, with nothing new.
    assert (out["added"], out["updated"], out["unchanged"]) == (4, 3, 1)
    people = {p["handle"]: p for p in me.json("list")}
    assert sorted(people) == ["ann-lee", "bob-stone", "cleo-park", "dev-rao", "eve-moss", "eve-moss-2"]
    assert people["ann-lee"]["title"] == "Staff Engineer" and people["dev-rao"]["title"] == "Manager"
    assert {p["handle"] for p in me.json("list", "--degree", "1", "--view", "nominal")} == set(people)
    again = me.json("import", "linkedin", str(f))
    assert again["added"] == 0 and len(me.json("list")) == 6


def test_linkedin_never_becomes_evidence_even_for_people_i_know(me, tmp_path):
    me.ok("add", "Ann Lee", "--company", "Acme")
    me.ok("connect", "ann-lee", "--as", "colleague")
    f = write(
        tmp_path, "c.csv", "First Name,Last Name,Company,Position,Connected On\nAnn,Lee,Acme,Engineer,30 May 2024\n"
    )
    out = me.json("import", "linkedin", str(f))
    assert out["added"] == 0 and out["updated"] == 1
    conn = me.json("show", "ann-lee")["connection"]
    assert conn["status"] == "curated" and [e["criterion"] for e in conn["evidence"]] == ["colleague"]
    assert conn["nominal_source"] == "linkedin"


def _full_export(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(
        folder,
        "Connections.csv",
        PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,Engineer,30 May 2024\n",
    )
    write(
        folder,
        "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Zed Stranger,Sam Rivera,"12/15/24, 7:47 AM",Hi!,INCOMING,https://www.linkedin.com/in/zed,\n'
        'Ann Lee,Sam Rivera,"12/01/24, 7:47 AM",,INCOMING,https://www.linkedin.com/in/annlee,\n'
        'Sam Rivera,Yan Other,"12/10/24, 7:47 AM",Let us connect,OUTGOING,,https://www.linkedin.com/in/yan\n',
    )
    write(
        folder,
        "Endorsement_Given_Info.csv",
        "Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status\n"
        "2024/12/15 08:53:43 UTC,Python,Ann,Lee,www.linkedin.com/in/annlee,ACCEPTED\n",
    )
    write(
        folder,
        "Recommendations_Given.csv",
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        'Ann,Lee,Acme,Engineer,"Ann is great.\nReally.","11/27/24, 09:51 AM",VISIBLE\n',
    )
    return folder


def test_full_export_folder_and_zip(me, tmp_path):
    folder = _full_export(tmp_path)
    zpath = tmp_path / "export.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for p in folder.iterdir():
            z.write(p, f"Basic_LinkedInDataExport/{p.name}")
    out = me.json("import", "linkedin", str(zpath))
    assert out["added"] == 1
    requests = me.json("request", "list")
    assert [(r["from"], r["channel"], r["status"]) for r in requests] == [("zed-stranger", "linkedin", "open")]
    # An invitation I sent is nominal: counted, never an interaction (nor a person).
    assert out["also"]["invitations_sent"] == 1 and out["also"]["requests"] == 1
    assert me("show", "yan-other").exit_code == 1
    assert all(me.json("history", p["handle"]) == [] for p in me.json("list"))
    line = me.ok("import", "linkedin", str(zpath)).stdout
    assert "invitations you sent" in line and "0 added" in line
    rec = me.json("recognition")
    assert {(r["kind"], r["handle"], r["source"]) for r in rec} == {
        ("endorsement", "ann-lee", "linkedin"),
        ("recommendation", "ann-lee", "linkedin"),
    }
    assert next(r for r in rec if r["kind"] == "recommendation")["text"] == "Ann is great.\nReally."
    audit = me.json("audit")
    assert {(f["subject"], f["kind"]) for f in audit["failing"]} >= {
        ("ann-lee", "endorsement"),
        ("ann-lee", "connection"),
    }
    again = me.json("import", "linkedin", str(folder))  # the same export as a folder: nothing new
    assert (again["added"], again["updated"]) == (0, 0)
    assert len(me.json("request", "list")) == 1 and len(me.json("recognition")) == 2
    assert me.json("db", "check") == {"ok": True, "problems": []}  # every id written points at someone


def test_bad_input_names_the_file(me, tmp_path):
    before = me.snapshot()
    r = me.fails("import", "linkedin", str(tmp_path / "missing.csv"))
    assert "no such file" in r.stderr
    f = write(tmp_path, "Connections.csv", "this,is,not\nan,export,at all\n")
    r = me.fails("import", "linkedin", str(f))
    assert str(f) in r.stderr and "no header row" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no Connections.csv" in me.fails("import", "linkedin", str(empty)).stderr
    assert me.snapshot() == before


def test_a_killed_import_leaves_the_database_as_before(me, tmp_path):
    rows = "".join(f"Person{i},Number{i},,Company{i % 50},Role,30 May 2024\n" for i in range(60000))
    f = write(tmp_path, "big.csv", "First Name,Last Name,Email Address,Company,Position,Connected On\n" + rows)
    me.ok("add", "Ann Lee")
    before = me.snapshot()
    me.kill_midway("import", "linkedin", str(f))
    names = [p["name"] for p in me.json("list")]
    assert names == ["Ann Lee"]
    assert me.json("db", "check")["ok"] is True
    assert me.snapshot() == before


LINKEDIN = REALDATA / "linkedin"
FOLDERS = (
    "2018_full_export",
    "2021_preamble_nourl",
    "2023_excel_ddmonyy",
    "excel_semicolon_cp1252_dk",
    "edited_semicolon_es",
    "synthetic_iso_dates",
    "2026_url_cz",
    "anonymised_random_names",
    "2024_full_export_se",
    "2022_nopreamble_nourl_id",
)


def _decode(line: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            pass
    return line.decode("latin-1")


def _count_rows(path) -> tuple[int, int]:
    """(rows naming someone, rows naming no one) of an export's Connections.csv, counted with the csv module
    alone: the header is the first line that names a First Name column, the delimiter what it uses."""
    import csv
    import io

    raw = next(p for p in path.iterdir() if p.name.lower() == "connections.csv").read_bytes()
    lines = [_decode(line) for line in raw.removeprefix(b"\xef\xbb\xbf").splitlines()]
    start = next(i for i, line in enumerate(lines) if "first name" in line.lower() or "firstname" in line.lower())
    delimiter = ";" if lines[start].count(";") > lines[start].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter))[1:]
    rows = [r for r in rows if any(c.strip() for c in r)]
    nameless = sum(1 for r in rows if not any(ch.isalnum() for ch in "".join(r[:2])))  # none, or "- -"
    return len(rows) - nameless, nameless


@pytest.mark.parametrize("folder", FOLDERS)
def test_real_exports(cli, folder):
    path = LINKEDIN / folder
    if not path.exists():
        pytest.skip("shared/realdata is not here")
    named, nameless = _count_rows(path)
    cli.ok("init", "--name", "Me")
    out = cli.json("import", "linkedin", str(path))
    # Every row is accounted for: a new person, a repeat of one met earlier in the file, or skipped.
    assert out["added"] + out["updated"] + out["unchanged"] == named
    assert len(out["skipped"]) == nameless
    assert all(s["reason"] == "no name" for s in out["skipped"])
    assert not [w for w in out["warnings"] if "date" in w["reason"]]
    people = cli.json("list")
    assert all("\ufffd" not in p["name"] for p in people)
    assert all(any(ch.isalnum() for ch in p["name"]) for p in people)  # no "- -" placeholder is anyone
    again = cli.json("import", "linkedin", str(path))
    assert again["added"] == 0 and len(cli.json("list")) == len(people)


_FIRST, _LAST = ["Ann", "Bo", "ann"], ["Lee", "Ode"]
_row = st.tuples(
    st.sampled_from(_FIRST),
    st.sampled_from(_LAST),
    st.sampled_from(["", "https://www.linkedin.com/in/a", "linkedin.com/in/A/", "https://www.linkedin.com/in/b"]),
    st.sampled_from(["", "a@x.example", "A@X.example", "b@x.example"]),
    st.sampled_from(["", "Acme", "acme", "Globex"]),
    st.sampled_from(["", "Engineer", "Lead"]),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_row, min_size=1, max_size=8), st.lists(_row, max_size=3))
def test_the_identity_pass_changes_no_outcome(rows, already):
    """Whatever identifiers rows share with each other or with people already here, the import's outcome is
    the one it has when every row is looked up (People.unshared only spares the lookups it cannot need)."""
    import tempfile
    from pathlib import Path

    from curated_net.api import Network
    from curated_net.io.common import People

    def csv_of(rs):
        return "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "".join(
            f"{f},{last},{u},{e},{c},{p},30 May 2024\n" for f, last, u, e, c, p in rs
        )

    def outcome(monkeypatched: bool):
        with tempfile.TemporaryDirectory() as d:
            first, second = Path(d, "already.csv"), Path(d, "rows.csv")
            first.write_text(csv_of(already))
            second.write_text(csv_of(rows))
            net = Network.open(Path(d, "c.db"), create=True)
            net.init("Me")
            original = People.unshared
            if monkeypatched:
                People.unshared = lambda self, records: [None] * len(records)  # type: ignore[method-assign]
            try:
                if already:
                    net.import_linkedin(first)
                summary = net.import_linkedin(second)
            finally:
                People.unshared = original  # type: ignore[method-assign]
            people = sorted(
                (
                    p["handle"],
                    p["name"],
                    p.get("company"),
                    p.get("title"),
                    p.get("linkedin"),
                    tuple(p.get("emails", [])),
                )
                for p in (net.show(q["handle"]) for q in net.people())
            )
            return {k: summary[k] for k in ("added", "updated", "unchanged", "skipped")}, people

    assert outcome(False) == outcome(True)


def test_linkedins_nameless_placeholder_rows_are_no_one(me, tmp_path):
    """LinkedIn writes ' -, -' for a member whose name it withholds (2022 without a URL, 2024 with one)."""
    conns = write(
        tmp_path,
        "Connections.csv",
        PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,Engineer,01 Jan 2020\n"
        " -, -,https://www.linkedin.com/in/770y6mh7,, -, -,13 Sep 2023\n"
        " -, -,,,,,21 Feb 2022\n",
    )
    out = me.json("import", "linkedin", str(conns))
    assert out["added"] == 1
    assert [(s["line"], s["reason"]) for s in out["skipped"]] == [(7, "no name"), (8, "no name")]
    assert [p["name"] for p in me.json("list")] == ["Ann Lee"]
    assert me("show", "person").exit_code == 1
    assert "- -" not in me("show", "persn").stderr  # nor offered as "did you mean"


def test_a_reimport_removes_the_placeholders_an_earlier_version_made_only_if_untouched(me, tmp_path):
    from curated_net import Network
    from curated_net.dates import now_iso
    from curated_net.network.writes import ensure_connection
    from curated_net.people.writes import create_person

    with Network.open(me.db) as net, net._write() as conn:  # what earlier versions wrote for a '- -' row
        for _ in range(3):
            stamp = now_iso()
            pid, _handle = create_person(conn, "- -", stamp=stamp, company="-", title="-")
            ensure_connection(conn, pid, nominal_source="linkedin", nominal_on="2023-09-13", stamp=stamp)
    me.ok("edit", "person-2", "--tag", "hidden-name")
    me.ok("log", "person-3", "a call about the grid", "--kind", "call")
    conns = write(
        tmp_path,
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        " -, -,https://www.linkedin.com/in/770y6mh7,, -, -,13 Sep 2023\n",
    )
    out = me.json("import", "linkedin", str(conns))
    assert [r["person"] for r in out["removed"]] == ["person"]
    assert me("show", "person").exit_code == 1
    # Someone the user tagged, or talked to, is theirs: kept, whatever the name.
    assert me.json("show", "person-2")["tags"] == ["hidden-name"]
    assert me.json("show", "person-3")["interactions"]["count"] == 1
    text = me.ok("import", "linkedin", str(conns)).stdout
    assert "removed" not in text


def test_my_own_row_in_an_export_without_urls_is_me_not_a_second_me(me, tmp_path):
    me.ok("edit", "me", "--company", "Acme", "--title", "Engineer")
    old = write(
        tmp_path,
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Sam,Rivera,,EvilCorp4,Intern4,15 Nov 2024\n"
        "SÁM,rivera,,EvilCorp5,Intern5,16 Nov 2024\n"  # as names are compared: case and accents aside
        "Sam,Rivera,sam@other.example,Beta,Chef,17 Nov 2024\n"  # a namesake's address: someone else
        "Ann,Lee,,Foo,Bar,01 Dec 2024\n",
    )
    for _ in range(2):
        out = me.json("import", "linkedin", str(old))
        mine = [s["line"] for s in out["skipped"] if s["reason"] == "this row is me (nothing of you changed)"]
        assert mine == [2, 3]
    assert me.json("show", "me")["company"] == "Acme" and me.json("show", "me")["title"] == "Engineer"
    assert sorted(p["handle"] for p in me.json("list")) == ["ann-lee", "sam-rivera"]
    assert me.json("show", "sam-rivera")["emails"] == ["sam@other.example"]
    # With URLs, a row of my name is a namesake (a member of their own): it is added, as before.
    new = write(
        tmp_path,
        "urls.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Rivera,https://www.linkedin.com/in/sam-rivera-9,,Gamma,Pilot,18 Nov 2024\n",
    )
    assert me.json("import", "linkedin", str(new))["added"] == 1
