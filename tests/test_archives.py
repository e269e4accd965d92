"""Evidence from the user's own archives: mail and calendar, read locally; what they suggest."""

from __future__ import annotations

import datetime as dt
import json
import mailbox
from email.message import EmailMessage

import pytest

ME = "sam@rivera.example"
TODAY = dt.date.today()


def _message(sender, to, subject, day, *, msgid=None, cc=(), **headers):
    m = EmailMessage()
    m["From"], m["To"] = sender, ", ".join(to)
    if cc:
        m["Cc"] = ", ".join(cc)
    m["Subject"] = subject
    m["Date"] = day.strftime("%a, %d %b %Y 10:00:00 +0000")
    if msgid is not False:
        m["Message-ID"] = msgid or f"<{abs(hash((sender, subject, day)))}@mail.example>"
    for k, v in headers.items():
        m[k.replace("_", "-")] = v
    m.set_content("The body: never read, never stored. " * 20)
    return m


@pytest.fixture
def mail(me, tmp_path):
    me.ok("edit", "me", "--email", ME)
    me.ok("add", "Ann Lee", "--email", "ann@acme.example", "--email", "ann.lee@gmail.com")
    me.ok("add", "Bob Stone", "--email", "bob@acme.example")
    d = dt.date(2024, 3, 1)
    msgs = [
        _message("Ann Lee <ANN@acme.example>", [ME], "Lunch next week?", d, msgid="<a1@x>"),
        _message(ME, ["ann@acme.example", "Bob Stone <bob@acme.example>"], "Re: the audit", d, msgid="<a2@x>"),
        _message("news@shop.example", [ME], "Sale!", d, List_Unsubscribe="<mailto:u@shop.example>"),
        _message("digest@list.example", [ME], "Digest", d, List_Id="<l.example>"),
        _message("robot@acme.example", [ME], "Build failed", d, Auto_Submitted="auto-generated"),
        _message("promo@acme.example", [ME], "Hi", d, Precedence="bulk"),
        _message("no-reply@bank.example", [ME], "Statement", d),
        _message("ann@acme.example", ["bob@acme.example"], "Not to me", d),
        _message(ME, [f"p{i}@big.example" for i in range(11)], "All hands", d),
        _message("Ann Lee <ann@acme.example>", [ME], "=?UTF-8?Q?Caf=C3=A9_tomorrow?=", d, msgid="<a3@x>"),
        _message("ann@acme.example", [ME], "From the future", TODAY + dt.timedelta(days=30)),
    ]
    # A correspondent cnet does not know, three times each way: a suggested person.
    for i in range(3):
        msgs.append(_message("Cy Young <cy@initech.example>", [ME], f"q{i}", d + dt.timedelta(days=i)))
        msgs.append(_message(ME, ["cy@initech.example"], f"a{i}", d + dt.timedelta(days=i)))
    # Ann and Bob together on three messages: a suggested link.
    for i in range(2):
        msgs.append(_message(ME, ["ann@acme.example", "bob@acme.example"], f"plan {i}", d + dt.timedelta(days=10 + i)))
    box_path = tmp_path / "all.mbox"
    box = mailbox.mbox(box_path)
    for m in msgs:
        box.add(m)
    box.add(msgs[0])  # Takeout repeats a message once per label
    box.flush()
    box.close()
    return box_path


def test_messages_become_email_interactions_by_the_rules(me, mail):
    out = me.json("import", "mail", str(mail))
    assert out["skipped"]["list"] == 2 and out["skipped"]["bulk"] == 2 and out["skipped"]["noreply"] == 1
    assert out["skipped"]["not_mine"] == 1 and out["skipped"]["too_many_people"] == 1
    assert out["skipped"]["duplicate"] == 1 and out["skipped"]["unreadable"] == 1  # the one from the future
    ann = me.json("history", "ann-lee")
    notes = sorted(h["note"] for h in ann)
    assert notes == ["Café tomorrow", "Lunch next week?", "Re: the audit", "plan 0", "plan 1"]
    assert all(h["kind"] == "email" and h["source"] == "mail" for h in ann)
    assert [h["note"] for h in me.json("history", "bob-stone")] == ["plan 1", "plan 0", "Re: the audit"]
    assert out["people_matched"] == 2 and out["interactions_added"] == 8
    # Again, whole: nothing is added.
    again = me.json("import", "mail", str(mail))
    assert again["interactions_added"] == 0 and again["skipped"]["duplicate"] == 12  # the 11 counted, and the repeat


def test_no_body_is_stored_and_no_subjects_keeps_none(me, mail):
    me.json("import", "mail", str(mail), "--no-subjects")
    assert {h["note"] for h in me.json("history", "ann-lee")} == {"E-mail from them", "E-mail to them"}
    wal = me.db.parent / "cnet.db-wal"
    raw = me.db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"never read, never stored" not in raw and b"Lunch next week" not in raw


def test_dry_run_writes_nothing_and_since_bounds_the_messages(me, mail):
    before = me.snapshot()
    out = me.json("import", "mail", str(mail), "--dry-run")
    assert out["dry_run"] is True and out["interactions_added"] == 8
    assert me.snapshot() == before
    later = me.json("import", "mail", str(mail), "--since", "2024-03-05")
    assert later["skipped"]["before_since"] > 0
    assert later["interactions_added"] == 4  # "plan 0" and "plan 1", each with Ann and with Bob


def test_archive_interactions_feed_strength(me, mail):
    before = me.json("show", "ann-lee")["strength"]["score"]
    me.ok("import", "mail", str(mail))
    after = me.json("show", "ann-lee", "--explain")["strength"]
    assert after["score"] > before and after["last_interaction"] == "2024-03-12"


def test_maildir_folders_of_eml_and_single_files(me, tmp_path):
    me.ok("edit", "me", "--email", ME)
    me.ok("add", "Ann Lee", "--email", "ann@acme.example")
    md = mailbox.Maildir(tmp_path / "Maildir")
    md.add(_message("ann@acme.example", [ME], "From the Maildir", dt.date(2024, 1, 2)))
    folder = tmp_path / "emls"
    folder.mkdir()
    (folder / "one.eml").write_bytes(bytes(_message(ME, ["ann@acme.example"], "An .eml", dt.date(2024, 1, 3))))
    single = tmp_path / "single.eml"
    single.write_bytes(bytes(_message("ann@acme.example", [ME], "Single", dt.date(2024, 1, 4), msgid=False)))
    out = me.json("import", "mail", str(tmp_path / "Maildir"), str(folder), str(single))
    assert out["interactions_added"] == 3
    assert me.json("import", "mail", str(single))["interactions_added"] == 0  # no Message-ID: known by its headers


def test_without_my_addresses_cnet_says_what_it_needs(me, tmp_path):
    f = tmp_path / "x.eml"
    f.write_bytes(bytes(_message("a@b.example", ["c@d.example"], "x", dt.date(2024, 1, 1))))
    assert "cnet edit me --email" in me.fails("import", "mail", str(f)).stderr


def test_suggestions_people_links_evidence_accept_and_dismiss(me, mail):
    me.ok("connect", "bob-stone", "--source", "linkedin", "--connected-on", "2020-01-01")
    me.ok("edit", "me", "--email", "sam@acme.example")
    out = me.json("import", "mail", str(mail))
    assert out["suggested_people"] == 1 and out["suggested_links"] == 1
    people = me.json("suggest", "people")
    assert [(s["email"], s["name"]) for s in people] == [("cy@initech.example", "Cy Young")]
    assert people[0]["facts"] == "3 e-mails from them and 3 to them, 2024"
    links = me.json("suggest", "links")
    assert [(s["a"], s["b"]) for s in links] == [("ann-lee", "bob-stone")] and "3 e-mails" in links[0]["facts"]
    evidence = me.json("suggest", "evidence")
    assert [(s["person"], s["criterion"]) for s in evidence] == [("bob-stone", "colleague")]  # same work domain
    assert me.json("show", "bob-stone")["connection"]["evidence"] == []  # never recorded without the user
    me.ok("suggest", "accept", people[0]["id"], links[0]["id"])
    assert me.json("show", "cy@initech.example")["name"] == "Cy Young"
    assert me.json("degree", "ann-lee", "bob-stone", "--view", "nominal")["degree"] == 1
    me.ok("suggest", "accept", evidence[0]["id"])
    assert me.json("show", "bob-stone")["connection"]["evidence"][0]["criterion"] == "colleague"
    assert me.json("decisions")[0]["action"] == "connect"
    assert me.json("suggest") == []
    me.ok("import", "mail", str(mail))
    assert me.json("suggest") == []


def test_a_dismissed_suggestion_does_not_come_back(me, mail):
    me.ok("import", "mail", str(mail))
    sid = me.json("suggest", "people")[0]["id"]
    me.ok("suggest", "dismiss", sid)
    me.ok("import", "mail", str(mail))
    assert me.json("suggest", "people") == []
    assert "no open suggestion" in me.fails("suggest", "accept", sid).stderr


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//cnet//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:weekly-1
SUMMARY:Weekly sync
DTSTART;TZID=Europe/Berlin:20240101T100000
DTEND;TZID=Europe/Berlin:20240101T103000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=Europe/Berlin:20240108T100000
ORGANIZER;CN=Sam:mailto:sam@rivera.example
ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED:mailto:ann@acme.example
ATTENDEE;CN=Bob Stone;PARTSTAT=DECLINED:mailto:bob@acme.example
END:VEVENT
BEGIN:VEVENT
UID:weekly-1
RECURRENCE-ID;TZID=Europe/Berlin:20240115T100000
SUMMARY:Weekly sync (moved)
DTSTART;TZID=Europe/Berlin:20240116T100000
DTEND;TZID=Europe/Berlin:20240116T103000
ORGANIZER;CN=Sam:mailto:sam@rivera.example
ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED:mailto:ann@acme.example
END:VEVENT
BEGIN:VEVENT
UID:cancelled-1
SUMMARY:Cancelled
STATUS:CANCELLED
DTSTART;VALUE=DATE:20240201
ORGANIZER:mailto:sam@rivera.example
ATTENDEE:mailto:ann@acme.example
END:VEVENT
BEGIN:VEVENT
UID:declined-by-me
SUMMARY:Declined by me
DTSTART;VALUE=DATE:20240202
ORGANIZER:mailto:ann@acme.example
ATTENDEE;PARTSTAT=DECLINED:mailto:sam@rivera.example
END:VEVENT
BEGIN:VEVENT
UID:future-1
SUMMARY:Future
DTSTART;VALUE=DATE:{future}
ORGANIZER:mailto:sam@rivera.example
ATTENDEE:mailto:ann@acme.example
END:VEVENT
END:VCALENDAR
"""


def test_calendar_occurrences_by_the_rules(me, tmp_path):
    me.ok("edit", "me", "--email", ME)
    me.ok("add", "Ann Lee", "--email", "ann@acme.example")
    me.ok("add", "Bob Stone", "--email", "bob@acme.example")
    f = tmp_path / "cal.ics"
    f.write_text(ICS.replace("{future}", (TODAY + dt.timedelta(days=20)).strftime("%Y%m%d")))
    out = me.json("import", "calendar", str(f))
    days = sorted(h["on"] for h in me.json("history", "ann-lee"))
    # Jan 1 and 22 as planned, Jan 8 removed by EXDATE, Jan 15 moved to the 16th; cancelled, declined, future: none.
    assert days == ["2024-01-01", "2024-01-16", "2024-01-22"]
    assert {h["kind"] for h in me.json("history", "ann-lee")} == {"meeting"}
    assert me.json("history", "bob-stone") == []  # he declined
    assert out["events"] == 5 and out["interactions_added"] == 3
    assert me.json("import", "calendar", str(f))["interactions_added"] == 0


def test_my_addresses_at_init_raw_8bit_headers_and_a_damaged_message(cli, tmp_path):
    cli.ok("init", "--name", "Sam Rivera", "--email", ME)
    cli.ok("add", "Zoë Ångström", "--email", "zoe@example.se")
    raw = (
        b"From: =?iso-8859-1?q?Zo=EB?= <zoe@example.se>\nTo: " + ME.encode() + b"\nSubject: Fika p\xc3\xa5 fredag\n"
        b"Date: Tue, 02 Jan 2024 10:00:00 +0000\nMessage-ID: <z1@x>\n\nbody\n"
    )
    (tmp_path / "a.eml").write_bytes(raw)
    (tmp_path / "b.eml").write_bytes(b"\n\nno headers at all\n")
    out = cli.json("import", "mail", str(tmp_path / "a.eml"), str(tmp_path / "b.eml"))
    assert [h["note"] for h in cli.json("history", "zoe-angstrom")] == ["Fika på fredag"]
    assert out["skipped"]["unreadable"] == 1 and out["problems"][0]["file"].endswith("b.eml")


def test_folded_headers_encoded_words_and_latin1_bytes_are_read_as_written(cli, tmp_path):
    cli.ok("init", "--name", "Sam Rivera", "--email", ME)
    cli.ok("add", "Jürgen Müller", "--email", "jm@example.de")
    cli.ok("add", "René Roux", "--email", "rr@example.fr")
    (tmp_path / "a.eml").write_bytes(
        b"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <JM@example.de>\nTo: other@example.org,\n  Sam <"
        + ME.encode()
        + b">\nSubject: =?iso-8859-1?q?Caf=E9?=\n\tat noon\nDate: Mon, 01 Jan 2024 10:00:00 +0000\n"
        b"Message-ID:\n <folded@example.de>\n\nbody\n"
    )
    (tmp_path / "b.eml").write_bytes(  # undeclared 8-bit Latin-1, not UTF-8
        b"From: Ren\xe9 Roux <rr@example.fr>\nTo: " + ME.encode() + b"\nSubject: d\xe9j\xe0 vu\n"
        b"Date: Mon, 01 Jan 2024 11:00:00 +0000\nMessage-ID: <b@example.fr>\n\nbody\n"
    )
    cli.ok("import", "mail", str(tmp_path / "a.eml"), str(tmp_path / "b.eml"))
    assert [h["note"] for h in cli.json("history", "jurgen-muller")] == ["Café at noon"]
    assert [h["note"] for h in cli.json("history", "rene-roux")] == ["déjà vu"]
    archive = {a["source_id"]: a for a in json.loads(cli.ok("export", "json").stdout)["archive"]}
    assert archive["<folded@example.de>"]["parties"] == [
        ["jm@example.de", "Jürgen Müller", "from"],
        ["other@example.org", None, "to"],
    ]
    assert archive["<folded@example.de>"]["subject"] == "Café at noon"
    assert archive["<b@example.fr>"]["parties"] == [["rr@example.fr", "René Roux", "from"]]
    assert cli.json("import", "mail", str(tmp_path / "a.eml"))["skipped"]["duplicate"] == 1  # the folded id is one id


def test_the_archive_and_dismissals_travel_in_the_json_export(me, mail, tmp_path):
    me.ok("import", "mail", str(mail))
    me.ok("suggest", "dismiss", me.json("suggest", "links")[0]["id"])
    doc = me.ok("export", "json").stdout
    from conftest import Cli

    other = Cli(tmp_path / "copy" / "cnet.db")
    f = tmp_path / "all.json"
    f.write_text(doc)
    other.ok("import", "json", str(f))
    assert other.ok("export", "json").stdout == doc  # byte for byte
    assert [s["kind"] for s in other.json("suggest")] == ["people"]
    assert other.json("import", "mail", str(mail))["interactions_added"] == 0


def test_a_killed_mail_import_leaves_the_database_as_before(me, tmp_path):
    me.ok("edit", "me", "--email", ME)
    people = "".join(f"Person {i},p{i}@example.org\n" for i in range(40))
    (tmp_path / "people.csv").write_text("name,email\n" + people)
    me.ok("import", "csv", str(tmp_path / "people.csv"))
    big = tmp_path / "big.mbox"
    with big.open("wb") as out:  # 60,000 short messages: long enough to be stopped halfway
        for i in range(60_000):
            out.write(
                f"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nFrom: p{i % 40}@example.org\nTo: {ME}\n"
                f"Subject: note {i}\nDate: Mon, {1 + i % 28:02d} Jan 2024 10:00:00 +0000\nMessage-ID: <k{i}@x>\n\nhi\n\n".encode()
            )
    me.kill_midway("import", "mail", str(big))
    assert me.json("db", "check")["ok"] is True
    assert me.json("db", "status")["counts"]["interactions"] == 0  # the transaction never committed


def test_max_people_and_an_all_day_meeting_and_calendar_since_and_dry_run(me, tmp_path):
    me.ok("edit", "me", "--email", ME)
    me.ok("add", "Ann Lee", "--email", "ann@acme.example")
    box = mailbox.mbox(tmp_path / "m.mbox")
    box.add(_message(ME, ["ann@acme.example", "b@x.example", "c@x.example"], "Three of us", dt.date(2024, 5, 1)))
    box.flush()
    box.close()
    assert me.json("import", "mail", str(tmp_path / "m.mbox"), "--max-people", "2")["skipped"]["too_many_people"] == 1
    assert me.json("import", "mail", str(tmp_path / "m.mbox"), "--max-people", "3")["interactions_added"] == 1
    ics = tmp_path / "day.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
        "BEGIN:VEVENT\r\nUID:offsite\r\nSUMMARY:Offsite\r\nDTSTART;VALUE=DATE:20240610\r\nDTEND;VALUE=DATE:20240611\r\n"
        "ORGANIZER:mailto:ann@acme.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@rivera.example\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:old\r\nSUMMARY:Old\r\nDTSTART:20200101T090000Z\r\nORGANIZER:mailto:ann@acme.example\r\n"
        "ATTENDEE:mailto:sam@rivera.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    before = me.snapshot()
    assert me.json("import", "calendar", str(ics), "--dry-run")["interactions_added"] == 2
    assert me.snapshot() == before
    out = me.json("import", "calendar", str(ics), "--since", "2024")
    assert out["interactions_added"] == 1
    assert [(h["on"], h["note"]) for h in me.json("history", "ann-lee") if h["kind"] == "meeting"] == [
        ("2024-06-10", "Offsite")
    ]


# -- archives remember: what was read before an address was anyone's ---------------------------------------


@pytest.fixture
def strangers(me, tmp_path):
    """A mailbox of people cnet does not know yet: Carla writes and is written to; Dan is only copied."""
    me.ok("edit", "me", "--email", ME)
    d = dt.date(2024, 4, 1)
    msgs = [
        _message(
            "Carla Diaz <carla@diaz.example>", [ME], f"from carla {i}", d + dt.timedelta(days=i), cc=["dan@x.example"]
        )
        for i in range(3)
    ] + [_message(ME, ["carla@diaz.example"], f"to carla {i}", d + dt.timedelta(days=i)) for i in range(2)]
    box = mailbox.mbox(tmp_path / "strangers.mbox")
    for m in msgs:
        box.add(m)
    box.flush()
    box.close()
    out = me.json("import", "mail", str(tmp_path / "strangers.mbox"))
    assert out["interactions_added"] == 0 and out["skipped"]["duplicate"] == 0
    return tmp_path / "strangers.mbox"


def test_an_address_that_becomes_someones_brings_their_mail_at_once(me, strangers):
    me.ok("add", "Carla Diaz", "--email", "Carla@Diaz.example")
    notes = sorted(h["note"] for h in me.json("history", "carla-diaz"))
    assert notes == ["from carla 0", "from carla 1", "from carla 2", "to carla 0", "to carla 1"]
    # Dan was only copied on messages to me: no interaction with him, whenever he arrives.
    me.ok("add", "Dan Ek")
    me.ok("edit", "dan-ek", "--email", "dan@x.example")
    assert me.json("history", "dan-ek") == []
    # Importing the mailbox again adds nothing: what was kept was already hers.
    assert me.json("import", "mail", str(strangers))["interactions_added"] == 0
    # The address taken away: what came only through it goes.
    me.ok("edit", "carla-diaz", "--remove-email", "carla@diaz.example")
    assert me.json("history", "carla-diaz") == []
    me.ok("log", "carla-diaz", "coffee", "--kind", "in-person", "--on", "2024-05-01")
    me.ok("edit", "carla-diaz", "--email", "carla@diaz.example")
    assert len(me.json("history", "carla-diaz")) == 6  # her mail back, and what I logged kept


def test_every_path_that_gives_an_address_brings_the_mail(me, strangers, tmp_path):
    # suggest accept: Carla wrote three times and was written to twice; with a third, she is suggested.
    box = mailbox.mbox(tmp_path / "more.mbox")
    box.add(_message(ME, ["carla@diaz.example"], "to carla 2", dt.date(2024, 4, 9)))
    box.flush()
    box.close()
    me.ok("import", "mail", str(tmp_path / "more.mbox"))
    [s] = me.json("suggest", "people")
    me.ok("suggest", "accept", s["id"])
    assert len(me.json("history", "carla-diaz")) == 6
    me.ok("rm", "carla-diaz", "--yes")
    # an address-book import
    (tmp_path / "c.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Carla Diaz\nEMAIL:carla@diaz.example\nEND:VCARD\n")
    me.ok("import", "vcard", str(tmp_path / "c.vcf"))
    assert len(me.json("history", "carla@diaz.example")) == 6
    # a merge: the address moves over with her other record, and her mail is hers once
    me.ok("add", "C. Diaz", "--email", "cd@other.example")
    me.ok("merge", "c-diaz", "carla@diaz.example", "--yes")
    assert len(me.json("history", "c-diaz")) == 6
    # a LinkedIn import whose row carries the address
    me.ok("rm", "c-diaz", "--yes")
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\nCarla,Diaz,carla@diaz.example,,,1 May 2024\n"
    )
    me.ok("import", "linkedin", str(tmp_path / "Connections.csv"))
    assert len(me.json("history", "carla@diaz.example")) == 6


def test_archive_status_and_forget_an_address_or_everything_before_a_date(me, strangers, mail):
    me.ok("import", "mail", str(mail))
    status = me.json("archive", "status")
    assert status["items"]["mail"] == 5 + 11 and status["addresses_no_ones"] >= 2  # carla, dan, cy…
    me.ok("add", "Carla Diaz", "--email", "carla@diaz.example")
    before = me.snapshot()
    r = me("archive", "forget", "carla@diaz.example", input="n\n")
    assert r.exit_code == 1 and "Forget 5 kept items" in r.stderr and "5 interactions" in r.stderr
    assert me.snapshot() == before  # said no: nothing forgotten
    out = me.json("archive", "forget", "CARLA@diaz.example", "--yes")
    assert out["items"] == 5 and out["interactions"] == 5
    assert me.json("history", "carla-diaz") == []
    assert me.json("archive", "status")["items"]["mail"] == 11
    # before a date, keeping the interactions they gave: only the headers go
    ann = len(me.json("history", "ann-lee"))
    out = me.json("archive", "forget", "--before", "2024-03-05", "--keep-interactions", "--yes")
    assert out["items"] > 0 and out["interactions"] == 0
    assert len(me.json("history", "ann-lee")) == ann
    assert me.fails("archive", "forget", "nobody@nowhere.example", "--yes").stderr.count("nothing kept") == 1
    # Asked for in a way it cannot be run: a usage error (exit 2), and nothing forgotten.
    before = me.snapshot()
    assert "an ADDRESS, or --before" in me.fails("archive", "forget", "--yes", code=2).stderr
    both = me.fails("archive", "forget", "ann@lee.example", "--before", "2024", "--yes", code=2)
    assert "not both" in both.stderr
    assert "future" in me.fails("archive", "forget", "--before", "2099-01-01", "--yes", code=2).stderr
    assert me.snapshot() == before
    assert "not an e-mail address" in me.fails("archive", "forget", "just words", "--yes").stderr
    assert "--before" in me.fails("archive", "forget", "--before", "2024-02-30", "--yes", code=2).stderr


def test_suggestions_are_typed_records_and_print_as_the_archives_suggest_them(me, mail):
    from curated_net import Network
    from curated_net.network.suggestions import suggest
    from curated_net.records import EvidenceSuggestion, LinkSuggestion, PersonSuggestion, as_json

    me.ok("connect", "bob-stone", "--source", "linkedin", "--connected-on", "2020-01-01")
    me.ok("edit", "me", "--email", "sam@acme.example")
    me.ok("import", "mail", str(mail))
    net = Network.open(me.db)
    typed = net.suggestions()
    assert [type(s) for s in typed] == [PersonSuggestion, EvidenceSuggestion, LinkSuggestion]
    assert typed[0].email == "cy@initech.example" and typed[1].criterion == "colleague" and typed[2].b == "bob-stone"
    with net.store.connect() as conn:
        plain = suggest(conn)
    # the same keys in the same order as the domain's dicts, and as the CLI prints them
    assert json.dumps(typed, default=as_json) == json.dumps(plain)
    assert me.json("suggest") == plain and [list(s) for s in me.json("suggest")] == [list(s) for s in plain]
    assert net.suggestions("links") == [plain[2]]
