"""What cnet says reads like a person wrote it: counts agree with their nouns, reasons read as sentences."""

from __future__ import annotations

from curated_net import text as tx


def test_counts_agree_with_their_nouns():
    assert [tx.counted(n, "person") for n in (0, 1, 2, 3716)] == ["0 people", "1 person", "2 people", "3,716 people"]
    assert [tx.counted(1, "e-mail"), tx.counted(2, "e-mail")] == ["1 e-mail", "2 e-mails"]
    assert [tx.counted(1, "address"), tx.counted(2, "address")] == ["1 address", "2 addresses"]
    assert [tx.counted(1, "entry"), tx.counted(2, "entry"), tx.counted(2, "day")] == ["1 entry", "2 entries", "2 days"]
    assert tx.counted(2, "meeting in person", "meetings in person") == "2 meetings in person"
    assert [tx.noun(1, "it"), tx.noun(4, "it"), tx.noun(1, "is"), tx.noun(0, "is")] == ["it", "they", "is", "are"]


def test_one_of_anything_is_said_in_the_singular(me, tmp_path):
    me.ok("add", "Ann Lee")
    (tmp_path / "pairs.txt").write_text("ann-lee,Bo Ray\n")
    out = me.ok("link", "--file", str(tmp_path / "pairs.txt")).stdout
    assert "1 link added, 1 person created, 0 duplicates and 0 self-links skipped, 0 lines unusable" in out
    assert me.ok("network").stdout.startswith("2 people, 0 connections (0 curated), 1 link\n")


def test_a_cadence_of_one_day_and_one_message_read_are_singular(me, tmp_path):
    import datetime as dt

    me.ok("add", "Ann Lee", "--email", "ann@lee.example")
    me.ok("edit", "me", "--email", "sam@rivera.example")
    me.ok("keep-in-touch", "ann-lee", "--every", "1d")
    card = me.ok("show", "ann-lee").stdout
    assert "every 1 day" in card and "1 days" not in card
    day = (dt.date.today() - dt.timedelta(days=3)).strftime("%a, %d %b %Y 10:00:00 +0000")
    (tmp_path / "one.mbox").write_text(
        "From ann@lee.example Mon Jan  1 00:00:00 2024\n"
        f"From: Ann Lee <ann@lee.example>\nTo: sam@rivera.example\nDate: {day}\n"
        "Message-ID: <one@lee.example>\nSubject: hello\n\nhi\n"
    )
    out = me.ok("import", "mail", str(tmp_path / "one.mbox")).stdout
    assert "1 message read: 1 interaction with 1 person" in out
