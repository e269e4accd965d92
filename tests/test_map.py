"""`cnet map`: what the page and the picture hold, its options, and its refusals (the browser tests are in
test_map_browser.py)."""

from __future__ import annotations

import json
import math
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from curated_net.map import model


def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script id="cnet-data" type="application/json">(.*?)</script>', text, re.S)
    assert found, "the page carries its data"
    return json.loads(found.group(1))


def handles_at(cli, degree: int, view: str = "curated") -> set[str]:
    return {p["handle"] for p in cli.json("list", "--degree", str(degree), "--view", view)}


def test_the_page_holds_everyone_within_two_degrees_and_needs_nothing_else(example, tmp_path):
    out = tmp_path / "map.html"
    summary = example.json("map", "--out", str(out))
    network = example.json("network")["views"]["curated"]["by_degree"]
    assert summary["by_degree"] == {k: network[k] for k in ("1st", "2nd")}
    assert summary["out"] == str(out) and summary["format"] == "html" and summary["view"] == "curated"
    data = page_data(out)
    on_page = dict(zip(data["handle"], data["degree"], strict=True))
    assert {h for h, d in on_page.items() if d == 1} == handles_at(example, 1)
    assert {h for h, d in on_page.items() if d == 2} == handles_at(example, 2)
    assert on_page["me"] == 0
    text = out.read_text(encoding="utf-8")
    # Offline: no address to fetch anything from, and a policy that forbids every request.
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I)
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", text, re.I)
    assert "default-src 'none'" in text


def test_colour_says_how_i_know_them_and_size_my_strength(example, tmp_path):
    out = tmp_path / "map.html"
    example.ok("map", "--view", "nominal", "--out", str(out))
    data = page_data(out)
    ids = [c[0] for c in data["categories"]]
    category = {h: ids[k] for h, k in zip(data["handle"], data["category"], strict=True)}
    assert category["leonard-okafor"] == "friend"  # friend and classmate: friend comes first
    assert category["grace-obi"] == "family"
    assert category["marcus-bell"] == "client"
    assert category["hannah-lindqvist"] == "nominal"  # LinkedIn only: grey
    assert category["christine-chapel"] == "through-others"
    index = {h: i for i, h in enumerate(data["handle"])}
    shown = example.json("show", "bones")["strength"]["score"]
    assert data["strength"][str(index["leonard-okafor"])] == shown
    assert str(index["christine-chapel"]) not in data["strength"]
    # Leonard is the way to Christine: a bridge, with her in his reach.
    assert data["reach"][index["leonard-okafor"]] >= 1
    assert data["bridge"][index["christine-chapel"]] in {index["leonard-okafor"], index["jim-castellano"]}


def test_the_curated_view_leaves_linkedin_only_ties_out_of_the_first_ring(example, tmp_path):
    curated, nominal = tmp_path / "c.html", tmp_path / "n.html"
    example.ok("map", "-O", str(curated))
    example.ok("map", "-O", str(nominal), "--view", "nominal")
    deg_c = dict(zip(*(page_data(curated)[k] for k in ("handle", "degree")), strict=True))
    deg_n = dict(zip(*(page_data(nominal)[k] for k in ("handle", "degree")), strict=True))
    assert deg_n["hannah-lindqvist"] == 1
    assert deg_c.get("hannah-lindqvist") != 1


def test_depth_rings_and_focus(example, tmp_path):
    out = tmp_path / "m.html"
    one = example.json("map", "--depth", "1", "-O", str(out))
    assert set(one["by_degree"]) == {"1st"}
    focus = example.json("map", "--focus", "christine-chapel", "--depth", "3", "--view", "nominal", "-O", str(out))
    assert focus["centre"] == "christine-chapel"
    data = page_data(out)
    for handle, d in zip(data["handle"], data["degree"], strict=True):
        if handle == "christine-chapel":
            assert d == 0
            continue
        assert example.json("degree", "christine-chapel", handle, "--view", "nominal")["degree"] == d


def test_tag_and_company_keep_whoever_the_matches_are_reached_through(example, tmp_path):
    example.ok("edit", "christine-chapel", "--tag", "nurse")
    out = tmp_path / "m.html"
    summary = example.json("map", "--tag", "nurse", "-O", str(out))
    data = page_data(out)
    shown = set(data["handle"])
    assert "christine-chapel" in shown and "me" in shown
    context = {data["handle"][i] for i in data["context"]}
    assert context and context <= {"leonard-okafor", "jim-castellano"}
    assert shown == {"me", "christine-chapel"} | context
    assert summary["filters"] == {"tag": "nurse"} and summary["context"] == len(context)
    example.json("map", "--company", "northwind", "-O", str(out))
    data = page_data(out)
    companies = {data["texts"][c] for c, h in zip(data["company"], data["handle"], strict=True) if h != "me"}
    assert companies == {"Northwind Analytics"}


def test_svg_is_the_same_picture_as_a_document(example, tmp_path):
    out = tmp_path / "map.svg"
    summary = example.json("map", "-O", str(out))  # the suffix decides the format
    assert summary["format"] == "svg"
    root = ET.parse(out).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    tips = [t.text or "" for t in root.iterfind(".//s:circle/s:title", ns)]
    for handle in handles_at(example, 1):
        name = example.json("show", handle)["name"]
        assert any(t.startswith(name + "\n") for t in tips), name
    labels = {t.text for t in root.iterfind(".//s:text", ns)}
    assert "Leonard Okafor" in labels and "friend" in labels  # named, and the legend
    page = tmp_path / "m.html"
    example.ok("map", "-O", str(page))
    data = page_data(page)
    circles = {(round(float(c.get("cx"))), round(float(c.get("cy")))) for c in root.iterfind(".//s:circle", ns)}
    for x, y in zip(data["x"], data["y"], strict=True):
        assert (x, y) in circles  # the same layout


def legend_overflow(picture: Path) -> list[str]:
    """The legend's rows whose estimated right or bottom edge (12 px system-ui, about 7 px a character) lies
    outside the picture's viewBox: each as a reader would find it cut off."""
    root = ET.parse(picture).getroot()
    left, top, width, height = (float(v) for v in root.get("viewBox", "").split())
    legend = root.find("{http://www.w3.org/2000/svg}g")
    assert legend is not None, "the picture has a legend"
    cut = []
    for t in legend.iter("{http://www.w3.org/2000/svg}text"):
        right = float(t.get("x", "0")) + len(t.text or "") * 7.0
        if right > left + width or float(t.get("y", "0")) + 4 > top + height:
            cut.append(t.text or "")
    return cut


def test_the_legend_lies_inside_the_picture(example, tmp_path):
    out = tmp_path / "m.svg"
    example.ok("map", "-O", str(out))
    assert legend_overflow(out) == []
    texts = "\n".join(t.text or "" for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text"))
    assert "not my connection: known through others" in texts


def test_a_long_title_wraps_inside_the_legend_of_a_small_picture(cli, tmp_path):
    cli.ok("init", "--name", "Maximiliana Konstantinopoulou-Wetherington of Ashby-de-la-Zouch")
    handle = cli.ok("add", "Ann Lee", "--company", "Northwind Analytics and Partners Worldwide").stdout.strip()
    cli.ok("connect", handle, "--as", "friend")
    out = tmp_path / "m.svg"
    cli.ok("map", "-O", str(out), "--company", "Northwind Analytics and Partners Worldwide")
    assert legend_overflow(out) == []
    texts = " ".join(t.text or "" for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text"))
    assert "Konstantinopoulou-Wetherington" in texts  # wrapped, every word kept


def test_names_are_text_never_markup(me, tmp_path):
    hostile = '<img src=x onerror=alert(1)></script><b>Bob</b> & "Eve" @SCRIPT@'
    handle = me.ok(
        "add", hostile, "--company", "</title><script>alert(2)</script>", "--how-met", "at <i>\x1b[31m</i> once"
    ).stdout.strip()
    me.ok("connect", handle, "--as", "friend")
    page, picture = tmp_path / "m.html", tmp_path / "m.svg"
    me.ok("map", "-O", str(page))
    me.ok("map", "-O", str(picture))
    text = page.read_text(encoding="utf-8")
    assert "<img" not in text and "<b>" not in text and "alert(2)</script>" not in text and "<i>" not in text
    assert "\x1b" not in text  # kept as an escape in the data, never a raw control character
    assert text.count("</script>") == 2  # the data's and the script's own
    data = page_data(page)
    stored = me.json("show", handle)["name"]
    assert stored in data["name"]
    root = ET.parse(picture).getroot()  # well-formed whatever the names
    assert any(stored in (t.text or "") for t in root.iter("{http://www.w3.org/2000/svg}title"))


def test_files_are_private_whatever_the_umask(example, tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "m.html"
        example.ok("map", "-O", str(out))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--depth", "4"], 2, "--depth"),
        (["--depth", "0"], 2, "--depth"),
        (["--format", "pdf"], 2, "--format"),
        (["--view", "sideways"], 2, "--view"),
        ([], 2, "--out"),
        (["--focus", "nobody-at-all"], 1, "nobody-at-all"),
        (["--tag", "no-such-tag"], 1, "no-such-tag"),
    ],
)
def test_bad_options_write_nothing(example, tmp_path, args, code, message):
    out = tmp_path / "m.html"
    before = example.snapshot()
    r = example.fails("map", *(args if args == [] else [*args, "-O", str(out)]), code=code)
    assert message in r.stderr
    assert not out.exists()
    assert example.snapshot() == before


def test_a_suffix_that_says_another_format_is_refused(example, tmp_path):
    before = example.snapshot()
    for fmt, name, right in (("html", "m2.svg", "m2.html"), ("svg", "m2.HTML", "m2.svg")):
        out = tmp_path / name
        r = example.fails("map", "--format", fmt, "-O", str(out), code=2)
        assert f"ends in {out.suffix}" in r.stderr and str(tmp_path / right) in r.stderr
        assert not out.exists()
    assert example.snapshot() == before
    assert example.json("map", "--format", "svg", "-O", str(tmp_path / "picture"))["format"] == "svg"  # no suffix


def test_the_message_says_the_size_as_people_do_and_where_the_map_went(example, tmp_path):
    said = example.ok("map", "-O", str(tmp_path / "m.html")).stdout
    size = (tmp_path / "m.html").stat().st_size
    assert 1_000 < size < 1_000_000 and f"(html, {size / 1e3:.1f} kB)" in said and "MB" not in said
    r = example.ok("map", "-O", "-")
    assert r.stdout.startswith("<!DOCTYPE html>") or r.stdout.lstrip().lower().startswith("<!doctype html")
    assert r.stderr.startswith("Wrote the map to stdout (html, ") and "Wrote -" not in r.stderr


def test_a_missing_folder_is_an_error_naming_out(example, tmp_path):
    r = example.fails("map", "-O", str(tmp_path / "nowhere" / "m.html"))
    assert "--out" in r.stderr and "does not exist" in r.stderr


def test_a_big_network_folds_the_outer_rings_into_their_bridges(me, tmp_path, monkeypatch):
    links = tmp_path / "links.txt"
    # Three friends, each the way to 20 people of their own.
    rows = [f"friend-{f} person-{f}-{k}" for f in range(3) for k in range(20)]
    links.write_text("\n".join(rows) + "\n")
    me.ok("link", "--file", str(links))
    for f in range(3):
        me.ok("connect", f"friend-{f}", "--as", "colleague")
    monkeypatch.setattr(model, "FOLD_AT", 30)
    out = tmp_path / "m.html"
    summary = me.json("map", "-O", str(out))
    assert summary["folded"] == 60 and summary["by_degree"] == {"1st": 3, "2nd": 60}
    data = page_data(out)
    assert data["folded"] is True
    index = {h: i for i, h in enumerate(data["handle"])}
    assert data["bridge"][index["person-1-7"]] == index["friend-1"]
    assert data["reach"][index["friend-2"]] == 20


def test_a_picture_says_what_it_left_out_and_promises_no_click(grouped, tmp_path):
    me = grouped
    page = me.json("map", "-O", str(tmp_path / "m.html"))
    assert page["folded"] == 60 and page["not_drawn"] == 0 and page["grouped"]["left_out"] == 36
    out = tmp_path / "m.svg"
    picture = me.json("map", "-O", str(out))
    assert picture["folded"] == 0 and picture["not_drawn"] == 60 and "grouped" not in picture
    drawn = [
        c for c in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}circle") if c.find("{*}title") is not None
    ]
    assert len(drawn) == 5  # me and the four in the first ring
    said = me.ok("map", "-O", str(out)).stdout
    assert "60 people beyond the first ring not drawn" in said
    assert "click" not in said and "grouped" not in said


def test_open_hands_the_page_to_the_browser(example, tmp_path):
    seen = tmp_path / "seen.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{seen}"\n')
    browser.chmod(0o700)
    out = tmp_path / "m.html"
    env = {**os.environ, "CNET_DB": str(example.db), "CNET_POLICY": str(example.policy), "BROWSER": str(browser)}
    r = subprocess.run(
        [sys.executable, "-m", "curated_net", "map", "-O", str(out), "--open", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["opened"] is True
    assert seen.read_text() == out.resolve().as_uri()


def test_a_network_larger_than_a_page_is_grouped_by_company_then_by_bridge(me, tmp_path, monkeypatch):
    links = tmp_path / "links.txt"
    # Four friends, two at Acme and two at Globex, each the way to 15 people of their own.
    links.write_text("".join(f"friend-{f} person-{f}-{k}\n" for f in range(4) for k in range(15)))
    me.ok("link", "--file", str(links))
    for f in range(4):
        me.ok("edit", f"friend-{f}", "--company", "Acme" if f % 2 == 0 else "Globex")
        me.ok("connect", f"friend-{f}", "--as", "colleague" if f < 2 else "client")
    me.ok("link", "friend-0", "person-0-2", "--strength", "10")  # a weak way in: the first left out
    monkeypatch.setattr(model, "FOLD_AT", 20)
    monkeypatch.setattr(model, "GROUP_AT", 30)  # a page that holds 30 people
    out = tmp_path / "m.html"
    summary = me.json("map", "-O", str(out))
    assert summary["by_degree"] == {"1st": 4, "2nd": 60}  # the whole network, page or not
    assert summary["grouped"] == {"companies": 2, "on_page": 28, "left_out": 36}
    data = page_data(out)
    index = {h: i for i, h in enumerate(data["handle"])}
    assert data["grouped"] is True and data["groups"] == ["Acme", "Globex"]
    assert [data["group"][index[f"friend-{f}"]] for f in range(4)] == [0, 1, 0, 1]
    assert data["group"][index["me"]] == -1 and data["group"][index["person-1-0"]] == -1
    # Through each bridge, the six warmest of its fifteen (24 beyond the first ring): strongest weakest tie first.
    assert data["per_bridge"] == 6
    assert data["beyond"][str(index["friend-0"])] == 15
    through_0 = {h for h in data["handle"] if h.startswith("person-0-")}
    assert through_0 == {f"person-0-{k}" for k in (0, 1, 3, 4, 5, 6)}
    assert sum(1 for d in data["degree"] if d == 2) == 24
    # Every tie on the page joins two people on it.
    n = len(data["handle"])
    assert all(0 <= p < n for p in data["parents"]) and all(0 <= p < n for p in data["ring1"])
    # Each company is one sector of the first ring (sorted by colour alone, Acme and Globex would alternate).
    around = sorted(
        range(4), key=lambda f: math.atan2(data["y"][index[f"friend-{f}"]], data["x"][index[f"friend-{f}"]])
    )
    companies = [f % 2 for f in around]
    assert sum(companies[k] != companies[k - 1] for k in range(4)) == 2
