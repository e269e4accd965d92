"""Staying in touch: cadences per person and per tag, and who is due."""

from __future__ import annotations

import datetime as dt

import pytest


def _ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def test_cadences_per_person_and_tag_and_who_is_due(me):
    for name, tag in (("Ann Lee", "mentor"), ("Bob Stone", "mentor"), ("Cy Young", "mentor"), ("Dee Ramone", None)):
        me.ok("add", name, *(["--tag", tag] if tag else []))
    me.ok("keep-in-touch", "--tag", "mentor", "--every", "30d", "--at-most", "45d")
    me.ok("keep-in-touch", "bob-stone", "--every", "1y")  # his own setting wins over the tag's
    me.ok("keep-in-touch", "cy-young", "--off")
    me.ok("log", "ann-lee", "Coffee", "--on", _ago(60))
    me.ok("log", "bob-stone", "Call", "--on", _ago(60))
    me.ok("log", "dee-ramone", "Lunch", "--on", _ago(400))  # no cadence: never due
    due = me.json("due")
    assert [d["handle"] for d in due] == ["ann-lee"]
    ann = due[0]
    assert ann["days_late"] == 30 and ann["overdue"] is True and ann["cadence_from"] == "tag mentor"
    assert ann["last_contact"] == _ago(60)
    assert me.json("show", "bob-stone")["keep_in_touch"] == {
        "every_days": 365,
        "at_most_days": None,
        "from": "person",
        "due_on": (dt.date.today() + dt.timedelta(days=305)).isoformat(),
        "days_late": -305,
        "overdue": False,
        "status": "upcoming",
        "when": "due in 305 days",
    }
    assert me.json("show", "cy-young")["keep_in_touch"] is None
    assert "every 30 days, at most 45" in me.ok("show", "ann-lee").stdout
    # Logging an interaction resets the clock.
    me.ok("log", "ann-lee", "Dinner", "--kind", "in-person")
    assert me.json("due") == []
    assert [d["handle"] for d in me.json("due", "--within", "31d")] == ["ann-lee"]


def test_never_contacted_is_due_now_and_the_most_overdue_come_first(me):
    me.ok("add", "Ann Lee")
    me.ok("add", "Bob Stone")
    me.ok("add", "Cy Young")
    me.ok("keep-in-touch", "ann-lee", "--every", "10d")
    me.ok("keep-in-touch", "bob-stone", "--every", "100d")
    me.ok("keep-in-touch", "cy-young", "--every", "2w")
    me.ok("log", "ann-lee", "x", "--on", _ago(30))  # 20 days late of 10: twice its period
    me.ok("log", "bob-stone", "x", "--on", _ago(150))  # 50 late of 100: half
    due = me.json("due")
    # Overdue first (Ann, a whole cadence late; Cy, never in touch), then the late (Bob).
    assert [d["handle"] for d in due] == ["ann-lee", "cy-young", "bob-stone"]
    assert [d["status"] for d in due] == ["overdue", "overdue", "late"]
    assert next(d for d in due if d["handle"] == "cy-young")["overdue"] is True  # never in touch at all


def test_bad_periods_and_settings_are_refused_and_write_nothing(me):
    me.ok("add", "Ann Lee")
    before = me.snapshot()
    assert "not a period" in me.fails("keep-in-touch", "ann-lee", "--every", "fortnightly").stderr
    assert "shorter than --every" in me.fails("keep-in-touch", "ann-lee", "--every", "30d", "--at-most", "7d").stderr
    assert "one of them" in me.fails("keep-in-touch", "ann-lee", "--tag", "x", "--every", "1m").stderr
    assert "--every PERIOD, or --off" in me.fails("keep-in-touch", "ann-lee").stderr
    assert "outside one day" in me.fails("keep-in-touch", "ann-lee", "--every", "99999y").stderr
    assert "other people" in me.fails("keep-in-touch", "me", "--every", "1m").stderr
    assert me.snapshot() == before


def test_due_as_a_calendar_any_app_reads(me, tmp_path):
    import icalendar

    me.ok("add", "Ann Lee")
    me.ok("keep-in-touch", "ann-lee", "--every", "30d")
    me.ok("log", "ann-lee", "x", "--on", _ago(40))
    out = tmp_path / "due.ics"
    assert me.json("due", "--ics", str(out))["events"] == 1
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Be in touch with Ann Lee"]
    assert events[0]["DTSTART"].dt == dt.date.today()  # already late: today
    assert list(events[0].walk("VALARM"))


def test_list_by_last_contact_and_strength_and_who_is_due_or_quiet(example):
    example.ok("log", "jim", "Sailing", "--on", _ago(1), "--memorable")
    by_contact = [p["handle"] for p in example.json("list", "--sort", "last-contact")]
    assert by_contact[0] == "jim-castellano"
    strongest = [p["handle"] for p in example.json("list", "--sort", "strength", "--limit", "3")]
    scores = [example.json("show", h)["strength"]["score"] for h in strongest]
    assert scores == sorted(scores, reverse=True) and len(strongest) == 3
    everyone = {p["handle"] for p in example.json("list")}
    quiet = {p["handle"] for p in example.json("list", "--not-contacted-since", _ago(30))}
    assert "jim-castellano" not in quiet and quiet < everyone
    assert example.json("list", "--due") == []
    example.ok("keep-in-touch", "bones", "--every", "1w")
    example.ok("log", "bones", "x", "--on", _ago(20))
    assert [p["handle"] for p in example.json("list", "--due")] == ["leonard-okafor"]


def test_connect_from_a_file_gates_each_row_and_writes_nothing_for_the_refused(me, tmp_path):
    for name in ("Ann Lee", "Bob Stone", "Cy Young"):
        me.ok("add", name)
    f = tmp_path / "evidence.csv"
    f.write_text(
        "Person,Criterion,Detail,Since,Place,Conversation\n"
        "ann-lee,colleague,data platform,2019,Northwind,\n"
        "bob-stone,classmate,MBA,2014,,\n"  # the default policy does not count classmates
        "nobody-here,friend,,,,\n"
        "cy-young,met-in-person,,2023-05,Lisbon,robot arms\n"
    )
    out = me.json("connect", "--file", str(f))
    assert [(c["line"], c["person"]) for c in out["connected"]] == [(2, "ann-lee"), (5, "cy-young")]
    assert [(r["line"], r["person"], r["rules"]) for r in out["refused"]] == [(3, "bob-stone", ["really-know"])]
    assert [s["line"] for s in out["skipped"]] == [4]
    assert me.json("show", "bob-stone")["connection"] is None  # nothing written for the refused row
    ann = me.json("evidence", "ann-lee")["evidence"][0]
    assert (ann["criterion"], ann["detail"], ann["since"], ann["place"]) == (
        "colleague",
        "data platform",
        "2019",
        "Northwind",
    )
    assert [d["outcome"] for d in me.json("decisions")] == ["allowed", "refused", "allowed"]
    again = me.json("connect", "--file", str(f))
    assert [c["added"] for c in again["connected"]] == [0, 0]  # the same evidence is kept once
    bad = tmp_path / "bad.csv"
    bad.write_text("who,what\nann,friend\n")
    assert "needs the columns person and criterion" in me.fails("connect", "--file", str(bad)).stderr


def test_prune_marks_and_lists_the_profiles_to_drop(example):
    example.ok("prune", "mark", "raj-patel", "peter-novak")
    assert example.ok("prune", "mark", "raj-patel").stdout.strip() == "0 marked"  # once
    rows = example.json("prune", "list")
    assert [r["handle"] for r in rows] == ["peter-novak", "raj-patel"]
    piped = example.ok("prune", "list").stdout.splitlines()
    assert all(
        line.startswith("https://www.linkedin.com/in/") or line.startswith("(no LinkedIn URL)") for line in piped
    )
    example.ok("prune", "unmark", "peter-novak")
    assert [r["handle"] for r in example.json("prune", "list")] == ["raj-patel"]
    assert "yourself" in example.fails("prune", "mark", "me").stderr


def test_birthdays_and_anniversaries_appear_in_due_ahead_of_time(me):
    soon = dt.date.today() + dt.timedelta(days=5)
    later = dt.date.today() + dt.timedelta(days=60)
    me.ok("add", "Ann Lee", "--birthday", f"--{soon.month:02d}-{soon.day:02d}")
    me.ok("add", "Bob Stone", "--birthday", f"1980-{later.month:02d}-{later.day:02d}")
    me.ok("add", "Cy Young", "--anniversary", f"2010-{soon.month:02d}-{soon.day:02d}")
    due = me.json("due")
    assert [(d["kind"], d["handle"], d["due_on"]) for d in due] == [
        ("birthday", "ann-lee", soon.isoformat()),
        ("anniversary", "cy-young", soon.isoformat()),
    ]
    assert [d["handle"] for d in me.json("due", "--within", "90d")] == ["ann-lee", "cy-young", "bob-stone"]
    assert me.json("show", "ann-lee")["birthday"] == f"--{soon.month:02d}-{soon.day:02d}"
    assert "is not a day of the year" in me.fails("edit", "ann-lee", "--birthday", "--02-30").stderr
    assert me.json("edit", "ann-lee", "--birthday", "")["birthday"] is None


def test_import_csv_reads_evidence_columns_and_export_csv_writes_what_it_reads_back(me, tmp_path):
    f = tmp_path / "people.csv"
    f.write_text(
        "name,email,criterion,detail,since,place\n"
        "Ann Lee,ann@x.example,colleague,data platform,2019,Northwind\n"
        "Bob Stone,bob@x.example,classmate,MBA,2014,\n"  # refused by really-know: the person is kept, not the tie
    )
    out = me.json("import", "csv", str(f))
    assert out["added"] == 2 and out["connected"] == 1
    assert [(r["line"], r["person"], r["rules"]) for r in out["refused"]] == [(3, "bob-stone", ["really-know"])]
    assert me.json("show", "bob-stone")["connection"] is None
    assert [d["outcome"] for d in me.json("decisions")] == ["refused", "allowed"]
    me.ok("connect", "ann-lee", "--as", "friend", "--detail", "sailing")
    exported = tmp_path / "out.csv"
    me.ok("export", "csv", "--out", str(exported))
    from conftest import Cli

    other = Cli(tmp_path / "other" / "cnet.db")
    other.ok("init", "--name", "Me")
    again = other.json("import", "csv", str(exported))
    assert again["connected"] == 2
    ev = other.json("evidence", "ann-lee")["evidence"]
    assert sorted((e["criterion"], e["detail"]) for e in ev) == [("colleague", "data platform"), ("friend", "sailing")]


# -- a due list a person can read ---------------------------------------------------------------------------


@pytest.fixture
def due_people(me):
    def ago(days: int) -> str:
        return (dt.date.today() - dt.timedelta(days=days)).isoformat()

    me.ok("add", "Ann Lee", "--birthday", "--" + (dt.date.today() + dt.timedelta(days=6)).strftime("%m-%d"))
    me.ok("add", "Bob Stone", "--anniversary", (dt.date.today() - dt.timedelta(days=3650)).isoformat())
    me.ok("add", "Cy Late, Jr.; the Third")
    me.ok("keep-in-touch", "ann-lee", "--every", "30d")
    me.ok("keep-in-touch", "cy-late-jr-the-third", "--every", "30d", "--at-most", "40d")
    me.ok("log", "ann-lee", "Coffee", "--on", ago(42))  # 12 days late, no --at-most: late
    me.ok("log", "cy-late-jr-the-third", "Call", "--on", ago(85))  # 55 days late and past --at-most: overdue
    return me


def test_due_says_how_late_and_when_in_words(due_people):
    rows = {(r["kind"], r["handle"]): r for r in due_people.json("due")}
    ann, cy = rows[("contact", "ann-lee")], rows[("contact", "cy-late-jr-the-third")]
    assert (ann["when"], ann["status"], ann["overdue"]) == ("12 days late", "late", False)
    assert (cy["when"], cy["status"], cy["overdue"]) == ("55 days late", "overdue", True)
    birthday = rows[("birthday", "ann-lee")]
    assert (birthday["when"], birthday["days_late"]) == ("in 6 days", -6)
    anniversary = rows[("anniversary", "bob-stone")]["when"]
    assert anniversary in ("today", "tomorrow") or anniversary.startswith("in ")
    # To a pipe: plain rows, no table drawn, every one on a line of its own.
    out = due_people.ok("due").stdout.splitlines()
    assert out[0].split("\t")[:4] == ["kind", "handle", "when", "status"] and "─" not in "".join(out)
    assert any("55 days late" in line and "overdue" in line for line in out)
    assert any("birthday" in line and "in 6 days" in line for line in out)


def test_due_on_a_narrow_terminal_is_blocks_with_a_rule_between(due_people):
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    env = {**os.environ, "CNET_DB": str(due_people.db), "CNET_POLICY": str(due_people.policy), "COLUMNS": "50"}
    child = pexpect.spawn(sys.executable, ["-m", "curated_net", "due"], env=env, encoding="utf-8", timeout=20)
    child.expect(pexpect.EOF)
    screen = child.before
    assert "55 days late  OVERDUE" in screen and "12 days late" in screen and "in 6 days" in screen
    assert screen.count("─" * 10) >= 2  # between the blocks of each person
    child = pexpect.spawn(
        sys.executable, ["-m", "curated_net", "due"], env={**env, "COLUMNS": "160"}, encoding="utf-8", timeout=20
    )
    child.expect(pexpect.EOF)
    assert "12 days late" in child.before and "every 30d, at most 40d" in child.before
    birthday = (dt.date.today() + dt.timedelta(days=6)).strftime("%B")
    assert f"yearly, {(dt.date.today() + dt.timedelta(days=6)).day} {birthday}" in child.before
    assert "--" + (dt.date.today() + dt.timedelta(days=6)).strftime("%m-%d") not in child.before


def test_due_marks_overdue_without_at_most_orders_by_urgency_and_within_bounds_birthdays(due_people):
    me = due_people
    me.ok("add", "Dee Gone")
    me.ok("keep-in-touch", "dee-gone", "--every", "10d")
    me.ok("log", "dee-gone", "Call", "--on", (dt.date.today() - dt.timedelta(days=25)).isoformat())
    rows = me.json("due")
    dee = next(r for r in rows if r["handle"] == "dee-gone")
    # 15 days late on a 10-day cadence, no --at-most: more than a whole cadence late is overdue.
    assert (dee["status"], dee["overdue"], dee["overdue_after_days"]) == ("overdue", True, 20)
    order = [(r["kind"], r["handle"]) for r in rows]
    # The overdue, most late for their cadence first; then the late; then what comes up, soonest first.
    assert order[:3] == [("contact", "cy-late-jr-the-third"), ("contact", "dee-gone"), ("contact", "ann-lee")]
    assert [r["status"] for r in rows[3:]] and all(r["kind"] != "contact" for r in rows[3:])
    assert [r["due_on"] for r in rows[3:]] == sorted(r["due_on"] for r in rows[3:])
    # --within bounds birthdays too: one 6 days off is not within 3 days, and is within 7.
    assert ("birthday", "ann-lee") not in {(r["kind"], r["handle"]) for r in me.json("due", "--within", "3d")}
    assert ("birthday", "ann-lee") in {(r["kind"], r["handle"]) for r in me.json("due", "--within", "7d")}
    assert ("birthday", "ann-lee") in {(r["kind"], r["handle"]) for r in me.json("due")}  # 14 days ahead by default


def test_show_gives_birthday_anniversary_last_contact_and_cadence(due_people):
    ann = due_people.json("show", "ann-lee")
    assert ann["last_contact"] == (dt.date.today() - dt.timedelta(days=42)).isoformat()
    assert ann["days_to_remember"]["birthday"]["when"] == "in 6 days"
    assert ann["keep_in_touch"]["when"] == "12 days late"
    assert "anniversary" in due_people.json("show", "bob-stone")["days_to_remember"]
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    env = {**os.environ, "CNET_DB": str(due_people.db), "CNET_POLICY": str(due_people.policy), "COLUMNS": "120"}
    child = pexpect.spawn(sys.executable, ["-m", "curated_net", "show", "ann-lee"], env=env, encoding="utf-8")
    child.expect(pexpect.EOF)
    card = child.before
    assert "birthday" in card and "in 6 days" in card
    assert "last contact" in card and "42 days ago" in card
    assert "every 30 days; 12 days late" in card


def test_due_ics_is_a_calendar_icalendar_reads_back(due_people, tmp_path):
    import icalendar

    out = due_people.json("due", "--ics", str(tmp_path / "due.ics"))
    assert out["events"] == 4
    raw = (tmp_path / "due.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "Be in touch with Cy Late, Jr.; the Third" in events  # commas and semicolons escaped, read back
    assert "Ann Lee's birthday" in events
    cy = events["Be in touch with Cy Late, Jr.; the Third"]
    assert cy["DTSTART"].dt == dt.date.today() and "55 days late" in str(cy["DESCRIPTION"])
    assert [a["ACTION"] for a in cy.walk("VALARM")] == ["DISPLAY"]
    before = due_people.snapshot()
    assert "FIFO" in due_people.fails("due", "--ics", _fifo(tmp_path)).stderr  # an output path is a regular file
    assert due_people.snapshot() == before


def _fifo(tmp_path):
    import os

    path = tmp_path / "pipe"
    os.mkfifo(path)
    return str(path)
