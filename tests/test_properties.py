"""Property tests: handles and name resolution hold for any name a person might have."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curated_net import text as tx
from curated_net.dates import parse_partial_date

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
def test_name_key_is_case_and_space_insensitive(name):
    assert tx.name_key(name) == tx.name_key("  " + name.upper() + " ") or name.upper().casefold() != name.casefold()


@given(st.integers(1900, 2025), st.integers(1, 12), st.integers(1, 31))
def test_partial_dates_round_trip_or_are_refused(y, m, d):
    import calendar

    text = f"{y:04d}-{m:02d}-{d:02d}"
    if d <= calendar.monthrange(y, m)[1]:
        assert parse_partial_date(text).iso() == text
    else:
        try:
            parse_partial_date(text)
        except Exception as exc:
            assert "impossible" in str(exc)
        else:
            raise AssertionError(f"{text} accepted")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(names, min_size=1, max_size=4))
def test_any_name_is_stored_exactly_and_found_by_handle(me, batch):
    for name in batch:
        r = me("add", "--force", "--", name)
        assert r.exit_code == 0, r.stderr
        handle = r.stdout.strip()
        shown = me.json("show", handle)
        assert shown["name"] == tx.clean_input(name)
        assert shown["handle"] == handle


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=string.ascii_letters + "éøßİ ", min_size=3, max_size=20))
def test_a_name_resolves_in_any_case_or_is_called_ambiguous(me, stem):
    name = f"Zq{stem} Unique"
    me("add", name, "--force")
    query = name.swapcase()
    if tx.name_key(query) != tx.name_key(name):
        return  # e.g. 'İ' has no case-insensitive twin
    same = [p for p in me.json("list") if tx.name_key(p["name"]) == tx.name_key(name)]
    r = me("show", query, "--json")
    if len(same) == 1:
        assert r.exit_code == 0 and r.json()["handle"] == same[0]["handle"]
    else:
        assert r.exit_code == 1 and "ambiguous" in r.stderr


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
