"""Reading an archive is bounded whatever the file holds: recurrences expanded from --since (or ten years
ago) to today, capped per event and per file with the cap reported, rules finer than a day ignored with a
warning, header decoding in time proportional to the header, and only regular files opened."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from curated_net.io import calendar, mail

ME = "sam@rivera.example"
TODAY = dt.date.today()


@pytest.fixture
def sam(me):
    me.ok("edit", "me", "--email", ME)
    me.ok("add", "Ann Lee", "--email", "ann@acme.example")
    return me


def ics(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"


def event(uid: str, rule: str | None, start: str = "20000101T090000Z", title: str | None = None) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title or uid}\r\nDTSTART:{start}\r\n"
        + (f"RRULE:{rule}\r\n" if rule else "")
        + "ORGANIZER:mailto:ann@acme.example\r\nATTENDEE:mailto:sam@rivera.example\r\nEND:VEVENT\r\n"
    )


def reasons(out: dict) -> str:
    return "\n".join(p["reason"] for p in out["problems"])


WIDE = (
    "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY="
    + ",".join(map(str, range(1, 29)))
    + ";BYHOUR="
    + ",".join(map(str, range(24)))
    + ";BYMINUTE="
    + ",".join(map(str, range(60)))
)


@pytest.mark.parametrize(
    "rule, words",
    [
        ("FREQ=SECONDLY", "FREQ=SECONDLY"),
        ("FREQ=MINUTELY;COUNT=999999999", "FREQ=MINUTELY"),
        ("FREQ=HOURLY;INTERVAL=1", "FREQ=HOURLY"),
        (WIDE, "1,440 times a day"),
    ],
)
def test_a_rule_finer_than_a_day_is_ignored_with_a_warning_and_its_own_date_counts(sam, tmp_path, rule, words):
    f = tmp_path / "cal.ics"
    f.write_text(ics(event("flood", rule, title="Flood")))
    start = time.monotonic()
    for args in (("--dry-run",), ()):
        out = sam.json("import", "calendar", str(f), *args)
        assert out["occurrences"] == 1 and out["interactions_added"] == 1
        assert "event 'Flood' (flood)" in reasons(out) and words in reasons(out)
        assert "more often than once a day" in reasons(out)
    assert time.monotonic() - start < 20
    assert [h["on"] for h in sam.json("history", "ann-lee")] == ["2000-01-01"]


def test_a_recurrence_counts_from_ten_years_ago_unless_since_says_otherwise(sam, tmp_path):
    f = tmp_path / "cal.ics"
    f.write_text(ics(event("weekly", "FREQ=WEEKLY", start="19900105T090000Z")))
    out = sam.json("import", "calendar", str(f), "--dry-run")
    window = (TODAY - TODAY.replace(year=TODAY.year - 10)).days
    assert abs(out["occurrences"] - window / 7) <= 2  # the last ten years, not since 1990
    longer = sam.json("import", "calendar", str(f), "--dry-run", "--since", "2000")
    assert longer["occurrences"] > out["occurrences"] + 5 * 52


def test_the_summary_says_when_a_recurrences_occurrences_before_the_window_were_not_read(sam, tmp_path):
    window = TODAY.replace(year=TODAY.year - 10, day=min(TODAY.day, 28)).isoformat()
    old, recent = tmp_path / "old.ics", tmp_path / "recent.ics"
    old.write_text(ics(event("daily", "FREQ=DAILY", start="20000101T090000Z")))
    recent.write_text(ics(event("weekly", "FREQ=WEEKLY", start=f"{TODAY.year - 1}0105T090000Z")))
    note = f"occurrences before {window} not read (--since to go further back)"
    assert sam.json("import", "calendar", str(old), "--dry-run")["not_read_before"] == window
    assert note in sam.ok("import", "calendar", str(old), "--dry-run").stdout
    for args in ((str(recent),), (str(old), "--since", "2000")):  # nothing earlier, or --since reached it
        assert sam.json("import", "calendar", *args, "--dry-run")["not_read_before"] is None
        assert "not read" not in sam.ok("import", "calendar", *args, "--dry-run").stdout
    assert "recurring one's occurrences from ten years ago" in " ".join(
        sam.ok("import", "calendar", "--help").stdout.split()
    )


def test_the_caps_per_event_and_per_file_are_reported(sam, tmp_path, monkeypatch):
    monkeypatch.setattr(calendar, "MAX_PER_EVENT", 40)
    monkeypatch.setattr(calendar, "MAX_PER_FILE", 100)
    f = tmp_path / "cal.ics"
    f.write_text(ics(*(event(f"daily-{i}", "FREQ=DAILY", title=f"Daily {i}") for i in range(4))))
    out = sam.json("import", "calendar", str(f), "--dry-run", "--since", "2020")
    assert out["occurrences"] == 100
    text = reasons(out)
    assert "event 'Daily 0' (daily-0): more than 40 occurrences from 2020-01-01 to today; counted the first 40" in text
    assert "more than 100 occurrences; counted the first 100, the rest of the file was not read" in text


def test_a_rule_that_never_matches_is_stopped_and_reported(sam, tmp_path, monkeypatch):
    monkeypatch.setattr(calendar, "EXPAND_SECONDS", 0.3)
    monkeypatch.setattr(calendar, "EXPAND_SECONDS_PER_FILE", 0.8)
    f = tmp_path / "cal.ics"
    never = [event(f"never-{i}", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30") for i in range(8)]
    f.write_text(ics(*never, event("plain", None, start="20240301T090000Z", title="Plain")))
    start = time.monotonic()
    out = sam.json("import", "calendar", str(f))
    assert time.monotonic() - start < 15
    text = reasons(out)
    assert "its rule took more than 0.3 s to expand" in text
    assert "recurring events were not expanded: expanding this file's rules took more than 0.8 s" in text
    assert out["interactions_added"] == 1  # the single event after them is still read


@pytest.mark.parametrize(
    "line, left_out, words",
    [
        ("RRULE:FREQ=DAILY;INTERVAL=99999999999999999999", False, "RRULE could not be read and was ignored"),
        ("RRULE:FREQ=BOGUS", False, "RRULE could not be read"),
        ("SEQUENCE:x", False, "SEQUENCE could not be read"),
        ("DURATION:P99999999W", False, "DURATION could not be read"),
        ("DURATION:20240101", False, "DURATION could not be read"),
        ("EXDATE:garbage", False, "EXDATE could not be read"),
        ("DTEND:-P1D", False, "DTEND could not be read"),
        ("DTSTART:20240101/20240102", True, "its start (DTSTART) cannot be read; the event was left out"),
        ("DTSTART:-P1D", True, "its start (DTSTART) cannot be read"),
    ],
)
def test_a_date_or_rule_icalendar_cannot_read_is_dropped_with_a_warning(sam, tmp_path, line, left_out, words):
    """Values icalendar keeps as unreadable (or of the wrong kind) once reached the expander: a traceback."""
    name = line.split(":", 1)[0]
    body = event("odd", "FREQ=WEEKLY;COUNT=3", start="20240101T090000Z", title="Odd")
    if name == "DTSTART":
        body = body.replace("DTSTART:20240101T090000Z", line)
    else:
        body = body.replace("RRULE:FREQ=WEEKLY;COUNT=3\r\n", "" if name == "RRULE" else "RRULE:FREQ=WEEKLY;COUNT=3\r\n")
        body = body.replace("END:VEVENT", f"{line}\r\nEND:VEVENT")
    f = tmp_path / "cal.ics"
    f.write_text(ics(body, event("plain", None, start="20240301T090000Z", title="Plain")))
    before = sam.snapshot()
    out = sam.json("import", "calendar", str(f), "--dry-run")
    assert sam.snapshot() == before
    assert f"event 'Odd' (odd): {words}" in reasons(out)
    out = sam.json("import", "calendar", str(f))
    days = sorted(h["on"] for h in sam.json("history", "ann-lee"))
    assert "2024-03-01" in days  # the other event is read whatever this one holds
    assert ("2024-01-01" in days) is not left_out
    if name != "RRULE":
        assert len(days) == (1 if left_out else 4)  # the rule still repeats it three times


def test_the_time_limit_stops_a_loop_and_leaves_nothing_armed():
    import signal

    from curated_net.runtime import TimeUp, time_limit

    start = time.monotonic()
    with pytest.raises(TimeUp), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - start < 5
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    with time_limit(5):
        pass


# -- mail ------------------------------------------------------------------------------------------------------


def _eml(subject: str, *, to: str = ME) -> bytes:
    return (
        f"From: Ann Lee <ann@acme.example>\nTo: {to}\nSubject: {subject}\n"
        "Date: Mon, 01 Jan 2024 10:00:00 +0000\nMessage-ID: <m1@x>\n\nbody\n"
    ).encode()


def test_ninety_thousand_encoded_words_are_decoded_in_proportion(sam, tmp_path):
    # 45,000 encoded words (the most a header block of a megabyte holds) in one Subject.
    f = tmp_path / "flood.eml"
    f.write_bytes(_eml(" ".join(["=?utf-8?q?caf=C3=A9?="] * 45_000)))
    start = time.monotonic()
    out = sam.json("import", "mail", str(f))
    assert time.monotonic() - start < 20
    assert out["interactions_added"] == 1
    assert sam.json("history", "ann-lee")[0]["note"] == "café" * 125  # kept to 500 characters


def test_long_headers_decode_as_the_standard_library_does(monkeypatch):
    from email.header import decode_header, make_header

    monkeypatch.setattr(mail, "WORDS_AT_ONCE", 2)
    words = ["=?utf-8?q?caf=C3=A9?=", "=?iso-8859-1?q?Zo=EB?=", "hello", "=?utf-8?b?w6k=?=", "=?utf-8?q?=C3?=", "a,b"]
    import random

    rng = random.Random(7)
    for _ in range(2000):
        raw = "".join(rng.choice(words) + rng.choice([" ", "  ", "\t", ""]) for _ in range(rng.randint(1, 25)))
        try:
            want = str(make_header(decode_header(raw)))
        except (UnicodeDecodeError, LookupError, ValueError):
            want = raw
        assert mail._header_text(raw) == want, raw


def test_a_header_block_past_a_megabyte_is_unreadable_not_read_whole(sam, tmp_path):
    f = tmp_path / "huge.eml"
    f.write_bytes(b"X-Junk: " + b"a" * (3 << 20) + b"\n" + _eml("hi"))
    out = sam.json("import", "mail", str(f))
    assert out["skipped"]["unreadable"] == 1 and out["interactions_added"] == 0


def test_only_regular_files_are_read(sam, tmp_path):
    fifo = tmp_path / "x.eml"
    os.mkfifo(fifo)
    start = time.monotonic()
    r = sam.fails("import", "mail", str(fifo))
    assert "x.eml is a FIFO (named pipe), not a regular file" in r.stderr
    other = tmp_path / "inbox"
    os.mkfifo(other)
    assert "inbox is a FIFO" in sam.fails("import", "mail", str(other)).stderr
    assert "no such file" in sam.fails("import", "mail", str(tmp_path / "missing.mbox")).stderr
    # In a folder of messages and in a Maildir, a FIFO is named as a problem and the rest are read.
    folder = tmp_path / "emls"
    folder.mkdir()
    (folder / "a.eml").write_bytes(_eml("real"))
    os.mkfifo(folder / "b.eml")
    out = sam.json("import", "mail", str(folder))
    assert out["interactions_added"] == 1 and "FIFO" in reasons(out)
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1.host:2,S").write_bytes(_eml("in a maildir").replace(b"<m1@x>", b"<m2@x>"))
    os.mkfifo(maildir / "new" / "2.host")
    out = sam.json("import", "mail", str(maildir))
    assert out["interactions_added"] == 1 and "FIFO" in reasons(out)
    cal = tmp_path / "cal.ics"
    os.mkfifo(cal)
    assert "cal.ics is a FIFO" in sam.fails("import", "calendar", str(cal)).stderr
    assert time.monotonic() - start < 30  # nothing waited for a writer


def test_a_csv_header_of_millions_of_columns_is_refused_at_once(me, tmp_path):
    f = tmp_path / "wide.csv"
    f.write_bytes(b"name," * 1_000_000 + b"\nAnn Lee\n")
    start = time.monotonic()
    r = me.fails("import", "csv", str(f))
    assert "1,000,001 columns in the header line" in r.stderr
    assert time.monotonic() - start < 20
