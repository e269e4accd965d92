"""What keeps exports in flat memory at millions of ties: every handle in one text, records that wait on disk."""

from __future__ import annotations

import sqlite3

import pytest

from curated_net.io.handles import HandleTable
from curated_net.io.spool import Spool


def test_a_handle_table_gives_each_handle_by_id_and_places_them_in_handle_order(me):
    for name in ("Zoe Park", "张伟", "Ann Lee", "Émile Roux", "Bob Stone"):
        me.ok("add", name)
    me.ok("rm", "bob-stone", "--yes")  # an id no one has any more
    conn = sqlite3.connect(me.db)
    handles = dict(conn.execute("SELECT id, handle FROM person"))
    table = HandleTable(conn, lambda h: f"<{h}>", by_handle=True)
    assert {pid: table[pid] for pid in handles} == {pid: f"<{h}>" for pid, h in handles.items()}
    by_place = sorted(handles, key=table.place)
    assert [handles[p] for p in by_place] == sorted(handles.values())
    gone = max(handles) + 1
    assert table.get(None) is None and table.get(gone) is None and table.get(-1) is None
    with pytest.raises((KeyError, IndexError)):
        table[gone]
    assert len(table) == len(handles)
    conn.close()


def test_a_spool_gives_back_what_it_was_given_in_order_past_what_it_holds():
    spool = Spool(keep=3)
    records = [("uid-1", 1, {"name": "Ann", "tags": ["a", "b"], "flag": True, "none": None})] + [
        (f"uid-{n}", n, {"n": n}) for n in range(2, 11)
    ]
    for r in records:
        spool.append(r)
    assert spool.file is not None and len(spool.items) < 3  # most of them wait on disk
    assert len(spool) == 10
    assert list(spool) == records
    assert spool.file is None  # read once, then gone


def test_a_vcard_export_remembers_every_card_it_wrote_however_many(me, monkeypatch):
    from curated_net.io import spool

    monkeypatch.setattr(spool.Spool.__init__, "__defaults__", (4,))  # a spool that holds four
    for n in range(11):
        me.ok("add", f"Person {n}", "--company", f"Company {n % 3}")
    cards = me.ok("export", "vcard").stdout
    conn = sqlite3.connect(me.db)
    synced = dict(conn.execute("SELECT person_id, uid FROM card_sync"))
    people = [p for (p,) in conn.execute("SELECT id FROM person WHERE is_me = 0")]
    assert sorted(synced) == sorted(people) and len(people) == 11
    assert all(f"UID:{uid}" in cards for uid in synced.values())
    conn.close()
