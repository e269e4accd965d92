"""The benchmark suite runs from a fresh clone and reports every figure (no timing is asserted here)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from conftest import ROOT


def _suite(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Run benchmarks/run.py with ARGS on the small network generated under tmp_path."""
    env = {**os.environ, "CNET_POLICY": str(tmp_path / "policy.toml"), "CNET_DB": str(tmp_path / "unused.db")}
    run = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--size", "small", "--work", str(tmp_path / "work")]
    return subprocess.run([*run, *args], env=env, capture_output=True, text=True, timeout=600)


def test_benchmark_suite_runs_on_the_small_network_and_reports_every_figure(tmp_path):
    out = tmp_path / "results.json"
    done = _suite(tmp_path, "--runs", "1", "--pairs", "20", "--json", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads(out.read_text())
    assert r["network"]["people"] == 1000 and r["network"]["links"] == 10_000
    assert r["bulk_links"]["links"] == 10_000
    # A rate is links over a time a process took: finite, and no faster than a process could start.
    assert 0 < r["bulk_links"]["links_per_s"] < 10_000 / 0.01
    assert r["linkedin_import"]["rows"] == 30_000
    for view in ("curated", "nominal"):
        assert 0 < r["point_queries"][view]["engine_p50_ms"] <= r["point_queries"][view]["engine_p95_ms"]
    assert {"cnet --help", "cnet degree", "cnet network"} <= set(r["processes"])
    daily = {"cnet add", "cnet edit", "cnet connect", "cnet log", "cnet link", "cnet intro", "cnet request connect"}
    assert daily | {"cnet endorse", "review answer (in process)"} == set(r["writes"])
    assert all(w.get("exit_codes", [0]) == [0] for w in r["writes"].values())
    assert r["writes"]["review answer (in process)"]["answers"] > 0
    assert "cnet intro (wall, peak RSS)" in done.stdout and "≤ 0.35 s" in done.stdout
    assert r["mail_import"]["messages"] == 2_000 and "mail import" in done.stdout
    assert {"first review card", "due (to a pipe)", "due --ics", "show"} <= set(r["daily"])
    assert r["daily"]["archive growth per 100k messages"]["messages"] == 2_000
    assert "cnet first review card" in done.stdout and "≤ 0.5 s CPU" in done.stdout
    assert "bulk link" in done.stdout and "≥ 100k/s" in done.stdout  # the report names each target
    assert r["bulk_links"]["peak_rss_mb"] > 0 and r["bulk_links"]["plain_loader_peak_rss_mb"] > 0
    assert r["vcard_import"]["cards"] == 500 and "≥ 2,000 cards/s" in done.stdout
    exports = {"export json", "export csv", "export vcard", "export graph --format graphml"}
    assert exports <= set(r["exports"]) and all(e["exit_codes"] == [0] for e in r["exports"].values())
    assert len(re.findall(r"×\d+\.\d read floor", done.stdout)) >= len(exports)  # each beside the floor
    # The peers at this size (at 10m: 1M, 3M and 10M links): each answered the same distances as cnet.
    peers = r["peers"]["small"]["tools"]
    assert {"cnet", "networkx", "recursive CTE"} <= set(peers) and all(t["agrees"] for t in peers.values())
    assert all(len(t["answers"]) == 3 and t["x_cnet"] > 0 for t in peers.values())
    assert "recursive CTE, one distance as a whole process" in done.stdout


def test_benchmark_suite_runs_only_the_parts_asked_for_and_refuses_unknown_ones(tmp_path):
    bad = _suite(tmp_path, "--only", "point,nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr
    out = tmp_path / "r.json"
    done = _suite(tmp_path, "--only", "vcard", "--runs", "1", "--json", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads(out.read_text())
    assert "vcard_import" in r and "point_queries" not in r and "bulk_links" not in r


def test_the_team_benchmark_runs_on_a_tiny_team_and_reports_every_figure(tmp_path):
    import pytest

    sys.path.insert(0, str(ROOT / "tests"))
    import pgserver

    try:
        pgserver.start().stop()
    except pgserver.Unavailable as exc:
        pytest.skip(f"no PostgreSQL server can be started here: {exc}")
    out = tmp_path / "team.json"
    run = [sys.executable, str(ROOT / "benchmarks" / "team.py"), "--members", "3", "--connections", "300"]
    done = subprocess.run([*run, "--runs", "1", "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads(out.read_text())
    assert r["published_ties"] == 900
    for part in ("publish_first", "publish_incremental", "who_knows", "path"):
        assert r[part]["median_s"] > 0 and r[part]["floor_s"] > 0 and r[part]["ratio"] > 0, part
    assert r["who_knows"]["server_ms"] > 0 and r["sync_first"]["fetched"] == 900
