"""Options that a user would reach for, each held to what it promises."""

from __future__ import annotations


def test_list_sort_orders_by_each_key(example):
    by = {key: [p["handle"] for p in example.json("list", "--sort", key)] for key in ("name", "handle", "company")}
    people = example.json("list")
    assert by["handle"] == sorted(p["handle"] for p in people)
    assert by["name"] == [p["handle"] for p in sorted(people, key=lambda p: (p["name"].casefold(), p["handle"]))]
    companies = [p["company"] for p in example.json("list", "--sort", "company")]
    known = [c for c in companies if c]
    assert known == sorted(known, key=str.casefold) and companies[-1] is None  # no company sorts last
    example.ok("add", "Zed Newest")
    assert example.json("list", "--sort", "added")[-1]["handle"] == "zed-newest"
    example.ok("edit", "bones", "--title", "Chief of Medicine")
    assert example.json("list", "--sort", "updated")[0]["handle"] == "leonard-okafor"
    r = example.fails("list", "--sort", "shoe-size", code=2)  # a bad option value is a usage error
    assert "'shoe-size' is not one of name, handle, company, added, updated" in r.stderr


def test_network_top_bounds_the_bridges(example):
    full = example.json("network")
    one = example.json("network", "--top", "1")
    for view in ("curated", "nominal"):
        assert one["views"][view]["bridges"] == full["views"][view]["bridges"][:1]
    assert len(full["views"]["nominal"]["bridges"]) > 1
    assert "not in the range" in example.fails("network", "--top", "0", code=2).stderr


def test_recommend_with_my_own_text_and_drafted(example):
    mine = example.json("recommend", "priya-raman", "--text", "Priya makes data platforms boring, in the best way.")
    assert mine["text"] == "Priya makes data platforms boring, in the best way." and mine["kind"] == "recommendation"
    drafted = example.json("recommend", "marcus-bell")
    assert "Marcus" in drafted["text"] and drafted["text"] != mine["text"]
    given = {r["handle"]: r["text"] for r in example.json("recognition")}
    assert given["priya-raman"] == mine["text"]
    before = example.snapshot()
    r = example.fails("recommend", "raj-patel", "--text", "Great guy", code=3)
    assert "honest-recognition" in r.stderr and example.snapshot() == before


def test_edit_remove_phone_and_recruiters_flags(example):
    assert example.json("show", "bones")["phones"] == ["+1 410 555 0142"]
    out = example.json("edit", "bones", "--remove-phone", "+1 410 555 0142", "--phone", "+1 410 555 0199")
    assert out["phones"] == ["+1 410 555 0199"]
    r = example.fails("edit", "bones", "--remove-phone", "+1 000 000 0000")
    assert "has no phone" in r.stderr
    ben = [p for p in example.json("list") if p["flags"]["no_recruiters"]]
    assert ben, "the example network flags someone no-recruiters"
    handle = ben[0]["handle"]
    assert example.json("edit", handle, "--recruiters-ok")["flags"]["no_recruiters"] is False
    assert example.json("edit", handle, "--no-recruiters")["flags"]["no_recruiters"] is True


def test_check_accept_endorse_and_recommend(example):
    phone = example("check", "accept", "raj-patel", "--via", "phone", "--json")
    assert phone.exit_code == 3  # a LinkedIn-only tie with no evidence is not someone I really know
    assert "really-know" in {r["id"] for r in phone.json()["rules"] if not r["passed"]}
    met = example.json(
        "check", "accept", "raj-patel", "--via", "in-person", "--as", "met-in-person", "--conversation", "robots"
    )
    assert met["allowed"] is True and met["subjects"] == {"person": "raj-patel"}
    assert example.json("check", "endorse", "priya-raman")["allowed"] is True
    family = example("check", "endorse", "grace-obi", "--json")
    assert family.exit_code == 3 and "honest-recognition" in family.stdout
    assert example.json("check", "recommend", "marcus-bell")["allowed"] is True
    assert example("check", "recommend", "daniel-weiss", "--json").exit_code == 3
