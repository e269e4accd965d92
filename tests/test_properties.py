"""Property tests: handles and name resolution hold for any name a person might have."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Cli
from curated_net import text as tx
from curated_net.dates import parse_partial_date
from curated_net.errors import BadInput

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=300,
).filter(lambda s: s.strip())


@given(names)
def test_slug_is_a_valid_bounded_handle(name):
    slug = tx.slugify(name)
    assert slug and len(slug) <= tx.HANDLE_MAX
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug
    assert not any(ch.isspace() for ch in slug)
    assert tx.slugify(slug) == slug  # a handle is its own slug
    assert tx.check_handle(slug) == slug


@given(names)
def test_name_key_ignores_spacing_and_case(name):
    assert tx.name_key(name) == tx.name_key("  " + "  ".join(name.split()) + "\t")
    assert tx.name_key(name) == tx.name_key(name.casefold())
    assert tx.name_key(name.upper()) == tx.name_key(name.upper().casefold())


@given(st.text(alphabet=string.ascii_letters + " ", min_size=1).filter(str.strip))
def test_name_key_of_ascii_names_ignores_case(name):
    assert tx.name_key(name) == tx.name_key(name.swapcase()) == tx.name_key(name.upper())


@given(st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)))
def test_real_dates_round_trip(day):
    text = day.isoformat()
    assert parse_partial_date(text).iso() == text
    assert parse_partial_date(text[:7]).iso() == text[:7]
    assert parse_partial_date(text[:4]).iso() == text[:4]


@st.composite
def impossible_days(draw):
    """A year and month, and a day past that month's last."""
    import calendar

    y, m = draw(st.integers(1900, 2025)), draw(st.integers(1, 12))
    return y, m, draw(st.integers(calendar.monthrange(y, m)[1] + 1, 99))


@given(impossible_days())
def test_days_past_the_end_of_a_month_are_refused(ymd):
    y, m, d = ymd
    with pytest.raises(BadInput, match="impossible" if d <= 31 else "not a date|impossible"):
        parse_partial_date(f"{y:04d}-{m:02d}-{d:02d}")


one_line_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=300
).filter(lambda s: s.strip() and len(tx.clean_input(s)) <= 500)


def _fresh(tmp_path_factory) -> Cli:
    """A new database for one hypothesis example: examples must not see each other's people."""
    cli = Cli(tmp_path_factory.mktemp("prop") / "data" / "cnet.db")
    cli.ok("init", "--name", "Sam Rivera")
    return cli


@settings(max_examples=40, deadline=None)
@given(st.lists(one_line_names, min_size=1, max_size=4))
def test_any_name_is_stored_exactly_and_found_by_handle(tmp_path_factory, batch):
    me = _fresh(tmp_path_factory)
    handles = set()
    for name in batch:
        r = me("add", "--force", "--", name)
        assert r.exit_code == 0, r.stderr
        handle = r.stdout.strip()
        shown = me.json("show", handle)
        assert shown["name"] == tx.clean_input(name)
        assert shown["handle"] == handle
        handles.add(handle)
    assert len(handles) == len(batch)  # a handle is never given twice


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_a_name_with_a_control_character_is_refused_and_nothing_is_written(tmp_path_factory, stem):
    me = _fresh(tmp_path_factory)
    name = f"Ann{stem}Lee"
    before = me.snapshot()
    r = me("add", "--", name)
    if tx.has_control(tx.clean_input(name)):
        assert r.exit_code == 1 and "control character" in r.stderr
        assert me.snapshot() == before
    else:
        assert r.exit_code == 0, r.stderr


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=string.ascii_letters + "éøß ", min_size=3, max_size=20), min_size=1, max_size=3))
def test_a_name_resolves_in_any_case_or_is_called_ambiguous(tmp_path_factory, stems):
    me = _fresh(tmp_path_factory)
    for stem in stems:
        me.ok("add", f"Zq{stem} Unique", "--force")
    name = f"Zq{stems[0]} Unique"
    same = [p for p in me.json("list") if tx.name_key(p["name"]) == tx.name_key(name)]
    r = me("show", name.swapcase(), "--json")  # these letters all have a case twin
    if len(same) == 1:
        assert r.exit_code == 0 and r.json()["handle"] == same[0]["handle"]
    else:
        assert r.exit_code == 1 and "ambiguous" in r.stderr
        assert all(p["handle"] in r.stderr for p in same)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_name_key_of_ascii_text_follows_the_general_rule(name):
    import re
    import unicodedata

    general = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name).casefold()).strip()
    assert tx.name_key(name) == general


@given(st.lists(st.one_of(names, st.text(alphabet=st.characters(max_codepoint=127)))))
def test_name_forms_of_many_names_equal_each_name_alone(many):
    assert tx.name_forms(many) == [(tx.name_key(n), tx.name_fold(n), tx.slugify(n)) for n in many]


@given(st.text(alphabet=st.characters(max_codepoint=0x0600)))
def test_accents_go_the_same_way_on_the_fast_path(text):
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    assert tx._strip_latin_marks(text) == tx._strip_marks_by_char(decomposed)


def test_a_mark_after_no_letter_is_not_part_of_a_handle():
    # A combining mark (here a variation selector) after a symbol marks nothing: the handle is its own slug.
    assert tx.slugify("0\u09f2\U000e0100") == "0"
    assert tx.slugify("Zo\u0308e") == tx.slugify(tx.slugify("Zo\u0308e"))
