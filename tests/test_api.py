"""The Python API: the README's example runs as written, and the API raises the CLI's domain errors."""

from __future__ import annotations

import os
import re

import pytest

from conftest import ROOT


def test_the_readme_example_runs(tmp_path, monkeypatch):
    text = (ROOT / "README.md").read_text()
    code = re.search(r"<!-- api-example -->\n```python\n(.*?)```", text, re.S)
    assert code, "the README has no API example"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CNET_POLICY", str(tmp_path / "no-policy.toml"))
    exec(compile(code.group(1), "README.md", "exec"), {})
    assert (tmp_path / "example.db").exists()
    assert oct(os.stat(tmp_path / "example.db").st_mode & 0o777) == "0o600"


def test_the_api_raises_the_errors_the_cli_reports(tmp_path, monkeypatch):
    import curated_net
    from curated_net import Ambiguous, BadInput, Duplicate, Network, NotFound, Refused

    monkeypatch.setenv("CNET_POLICY", str(tmp_path / "no-policy.toml"))
    net = Network.open(tmp_path / "a.db", create=True)
    net.init("Me")
    net.add("Ann Lee", emails=["ann@x.example"])
    net.add("Ann Lewis")
    with pytest.raises(Duplicate):
        net.add("ann lee")
    with pytest.raises(Ambiguous):
        net.person("ann le")
    with pytest.raises(NotFound):
        net.person("nobody at all")
    with pytest.raises(BadInput):
        net.add("Bob", phones=["call me maybe"])
    before = (tmp_path / "a.db").read_bytes()
    with pytest.raises(Refused) as refused:
        net.connect("ann-lee")
    assert refused.value.exit_code == 3 and (tmp_path / "a.db").read_bytes() == before
    assert net.decisions()[0]["outcome"] == "refused"
    with pytest.raises(AttributeError):
        curated_net.NoSuchThing  # noqa: B018


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"emails": "x@y.example"}, "emails: expected a list of text, found str"),
        ({"tags": ["ok", 3]}, "tags: every value must be text"),
        ({"company": 42}, "company: expected text, found int"),
        ({"do_not_introduce": "yes"}, "do_not_introduce: expected true or false, found str"),
    ],
)
def test_person_changes_of_the_wrong_type_are_named_not_read_letter_by_letter(given, said):
    from curated_net.errors import BadInput
    from curated_net.people.writes import PersonChanges

    with pytest.raises(BadInput, match=re.escape(said)):
        PersonChanges(**given)
    assert PersonChanges(emails=("a@b.example",)).emails == ["a@b.example"]
