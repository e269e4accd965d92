"""LinkedIn's messages.csv in every column variant, with Positions, Education and the invitations I sent."""

from __future__ import annotations

import csv
import io

import pytest

ME_URL = "https://www.linkedin.com/in/sam-rivera"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme Corp,Engineer,01 Mar 2020\n"
    "Bob,Stone,https://www.linkedin.com/in/bob-stone,,Initech,Analyst,01 Mar 2021\n"
    "Cy,Young,,,Globex,Director,01 Mar 2019\n"
)
HEADER_2024 = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE",
    "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT",
]  # fmt: skip
SECRET = "the secret body, with a comma,\nand a line break"


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def _msg(conv, frm, frm_url, to, to_url, when, subject="", folder="INBOX", draft="No"):
    return [conv, "", frm, frm_url, to, to_url, when, subject, SECRET, folder, "", draft, "No"]


def _export(tmp_path, messages: str, name: str = "messages.csv", **others: str):
    folder = tmp_path / "export"
    folder.mkdir(exist_ok=True)
    (folder / "Connections.csv").write_text(CONNECTIONS)
    (folder / name).write_text(messages)
    for fname, text in others.items():
        (folder / fname.replace("_", ".")).write_text(text)
    return folder


def test_messages_become_interactions_by_profile_and_nothing_of_their_content_is_kept(me, tmp_path):
    ann, bob, dee = (f"https://www.linkedin.com/in/{h}" for h in ("ann-lee", "bob-stone", "dee-recruiter"))
    rows = [
        _msg("c1", "Ann Lee", ann, "Sam Rivera", ME_URL, "2024-03-01 10:00:00 UTC", "Lunch?"),
        _msg("c1", "Sam Rivera", ME_URL, "Ann Lee", ann, "2024-03-01 11:00:00 UTC"),
        _msg("c2", "Sam Rivera", ME_URL, "Bob Stone", bob, "2024-04-02 09:30:00 UTC", "", "SENT"),
        _msg("c2", "Sam Rivera", ME_URL, "Bob Stone", bob, "2024-04-02 09:31:00 UTC", "", "INBOX", "Yes"),  # a draft
        _msg("c3", "Sponsored Conversation", "", "Sam Rivera", ME_URL, "2024-04-03 09:00:00 UTC"),
        _msg("c4", "Ann Lee", ann, "Sam Rivera", ME_URL, "not a date"),
        _msg("c6", "Sam Rivera", ME_URL, "Bob Stone, PhD", bob, "2024-04-05 09:30:00 UTC", "Congrats"),  # a comma
    ]
    for i in range(3):  # a stranger, three times each way: a suggested person
        rows.append(_msg("c5", "Dee Recruiter", dee, "Sam Rivera", ME_URL, f"2024-05-0{i + 1} 08:00:00 UTC"))
        rows.append(_msg("c5", "Sam Rivera", ME_URL, "Dee Recruiter", dee, f"2024-05-0{i + 1} 09:00:00 UTC"))
    folder = _export(tmp_path, _csv(HEADER_2024, rows))
    out = me.json("import", "linkedin", str(folder))
    files = {k.rsplit("/", 1)[-1]: v for k, v in out["files"].items()}
    done = files["messages.csv"]
    assert done["messages"] == 10 and done["interactions_added"] == 4 and done["skipped_bulk"] == 1
    reasons = {s["line"]: s["reason"] for s in out["skipped"] if s["file"].endswith("messages.csv")}
    # Reported by the line each row starts on (every content here spans two lines).
    assert "draft" in reasons.pop(8) and "unrecognised date 'not a date'" in reasons.pop(12) and not reasons
    history = me.json("history", "ann-lee")
    assert sorted((h["kind"], h["note"]) for h in history) == [
        ("message", "LinkedIn message to them"),
        ("message", "Lunch?"),
    ]
    assert [h["note"] for h in me.json("history", "bob-stone")] == ["Congrats", "LinkedIn message to them"]
    [s] = me.json("suggest", "people")
    assert (s["name"], s["linkedin"]) == ("Dee Recruiter", dee) and "3 LinkedIn messages from them" in s["facts"]
    wal = me.db.parent / "cnet.db-wal"
    raw = me.db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"secret body" not in raw
    again = me.json("import", "linkedin", str(folder))  # the same export again: nothing counts twice
    again_files = {k.rsplit("/", 1)[-1]: v for k, v in again["files"].items()}
    assert again_files["messages.csv"]["interactions_added"] == 0 and again_files["messages.csv"]["duplicate"] == 10
    me.ok("suggest", "accept", s["id"])
    assert len(me.json("history", dee)) == 6  # her messages, the moment she is someone


@pytest.mark.parametrize(
    "variant",
    ["2022 no drafts", "2021 no recipient urls", "no urls", "2018"],
)
def test_every_column_variant(variant, me, tmp_path):
    ann = "https://www.linkedin.com/in/ann-lee"
    if variant == "2022 no drafts":
        header = HEADER_2024[:11]
        rows = [r[:11] for r in (
            _msg("c1", "Ann Lee", ann, "Sam Rivera", ME_URL, "2024-03-01 10:00:00 UTC"),
            _msg("c1", "Sam Rivera", ME_URL, "Ann Lee", ann, "2024-03-02 10:00:00 UTC"),
            _msg("c2", "Sam Rivera", ME_URL, "Cy Young", "", "2024-03-03 10:00:00 UTC"),
        )]  # fmt: skip
        text = _csv(header, rows)
    elif variant == "2021 no recipient urls":
        header = [h for h in HEADER_2024[:10] if h != "RECIPIENT PROFILE URLS"]
        rows = [
            ["c1", "", "Ann Lee", ann, "Sam Rivera", "2024-03-01 10:00:00 UTC", "", SECRET, "INBOX"],
            ["c1", "", "Sam Rivera", ME_URL, "Ann Lee", "2024-03-02 10:00:00 UTC", "", SECRET, "INBOX"],
            ["c2", "", "Sam Rivera", ME_URL, "Cy Young", "2024-03-03 10:00:00 UTC", "", SECRET, "INBOX"],
        ]
        text = _csv(header, rows)
    elif variant == "no urls":
        text = (
            "CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
            f'c1,,Ann Lee,Sam Rivera,2024-03-01 10:00:00 UTC,,"{SECRET}",INBOX\n'
            f'c1,,Sam Rivera,Ann Lee,2024-03-02 10:00:00 UTC,,"{SECRET}",SENT\n'
            f'c2,,Sam Rivera,Cy Young,2024-03-03 10:00:00 UTC,,"{SECRET}",SENT\n'
        )
    else:
        text = (
            "From,To,Date,Subject,Content,Direction,Folder\n"
            f'Ann Lee,Sam Rivera,"3/1/24, 10:00 AM",Hello,"{SECRET}",INCOMING,INBOX\n'
            f'Sam Rivera,Ann Lee,"3/2/24, 10:00 AM",Re: Hello,"{SECRET}",OUTGOING,SENT\n'
            f'Sam Rivera,Cy Young,"3/3/24, 10:00 AM",,"{SECRET}",OUTGOING,SENT\n'
        )
    folder = _export(tmp_path, text, name="messages.csv" if variant != "2018" else "Messages.csv")
    me.ok("import", "linkedin", str(folder))
    assert len(me.json("history", "ann-lee")) == 2
    # Cy has no profile URL: the one person here of that exact name is the one written to.
    assert [h["kind"] for h in me.json("history", "cy-young")] == ["message"]


def test_positions_education_and_invitations_feed_the_review(me, tmp_path):
    folder = _export(
        tmp_path,
        _csv(HEADER_2024, []),
        Positions_csv="Company Name,Title,Description,Location,Started On,Finished On\n"
        "Acme Corporation,Engineer,,Berlin,Jan 2016,Dec 2019\nNorthwind,Lead,,,Feb 2020,\n",
        Education_csv="School Name,Start Date,End Date,Notes,Degree Name,Activities\nMIT,2005,2009,,BSc,\n",
        Invitations_csv="From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        f'Sam Rivera,Bob Stone,"3/1/21, 9:00 AM",,OUTGOING,{ME_URL},https://www.linkedin.com/in/bob-stone\n',
    )
    me.ok("import", "linkedin", str(folder))
    mine = me.json("show", "me")["affiliations"]
    assert [(a["kind"], a["name"], a["start"], a["until"]) for a in mine] == [
        ("school", "MIT", "2005", "2009"),
        ("employer", "Acme Corporation", "2016-01", "2019-12"),
        ("employer", "Northwind", "2020-02", None),
    ]
    rows = {r["handle"]: r for r in me.json("review", "--list")}
    assert "you were at Acme Corporation 2016–2019; they are now" in rows["ann-lee"]["why"]
    assert "you invited them (2021)" in rows["bob-stone"]["why"]
    # The invitation is kept for the score but is no message: archive status says so.
    status = me.json("archive", "status")
    assert status["items"]["linkedin"] == 0 and status["invitations_sent"] == 1
    text = me.ok("archive", "status").stdout
    assert "0 LinkedIn messages" in text and "1 LinkedIn invitation you sent" in text


def test_messages_alone_repeated_rows_my_profile_and_rows_between_others(me, tmp_path):
    """A folder or zip holding messages.csv alone is read; a row repeated in the file is one message; the
    profile found to be mine is kept; a row neither from me nor to me is reported, not dropped silently."""
    import zipfile

    ann, bob = "https://www.linkedin.com/in/ann-lee", "https://www.linkedin.com/in/bob-stone"
    conns = tmp_path / "Connections.csv"
    conns.write_text(CONNECTIONS)
    me.ok("import", "linkedin", str(conns))
    one = _msg("c1", "Ann Lee", ann, "Sam Rivera", ME_URL, "2024-03-01 10:00:00 UTC", "Lunch?")
    rows = [
        one,
        _msg("c1", "Sam Rivera", ME_URL, "Ann Lee", ann, "2024-03-01 11:00:00 UTC"),
        one,  # exported twice: the same message
        _msg("c2", "Sam Rivera", ME_URL, "Bob Stone", bob, "2024-03-02 11:00:00 UTC"),
        _msg("c3", "Ann Lee", ann, "Bob Stone", bob, "2024-03-03 11:00:00 UTC"),  # between two others
    ]
    part = tmp_path / "part"
    part.mkdir()
    (part / "messages.csv").write_text(_csv(HEADER_2024, rows))
    zipped = tmp_path / "part.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(part / "messages.csv", "Basic_LinkedInDataExport/messages.csv")
    assert me.json("show", "me").get("linkedin") is None
    out = me.json("import", "linkedin", str(zipped))
    [done] = out["files"].values()
    assert (done["messages"], done["skipped_repeated"], done["skipped_not_mine"]) == (3, 1, 1)
    reasons = sorted(s["reason"] for s in out["skipped"])
    assert reasons == ["neither from you nor to you", "the same message as line 2"]
    assert len(me.json("history", "ann-lee")) == 2
    assert done["my_profile_saved"] is True and me.json("show", "me")["linkedin"] == ME_URL
    text = me.ok("import", "linkedin", str(part))  # the folder: nothing new, and said so
    assert "0 messages kept" in text.stdout and "3 messages already kept" in text.stdout
    assert "1 repeated row" in text.stdout and "1 neither from you nor to you" in text.stdout
    assert "Skipped 2 rows" in text.stderr and "the same message as line 2" in text.stderr
    assert len(me.json("history", "ann-lee")) == 2
    # A folder with nothing cnet reads is refused, naming what it looked for.
    (tmp_path / "empty").mkdir()
    assert "messages.csv" in me.fails("import", "linkedin", str(tmp_path / "empty")).stderr


def test_an_import_summary_groups_its_skips_by_reason(me, tmp_path):
    rows = "".join(f" -, -,,,,,0{i} Jan 2020\n" for i in range(1, 4))
    conns = tmp_path / "Connections.csv"
    conns.write_text(CONNECTIONS + rows)
    r = me.ok("import", "linkedin", str(conns))
    assert r.stdout.startswith("People: 3 added, 0 updated, 0 unchanged; 3 rows skipped")
    assert "Skipped 3 rows" in r.stderr and "3 rows: no name (lines 5, 6, 7)" in r.stderr
    assert r.stderr.count("no name") == 1
