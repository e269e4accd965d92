"""The example network loads through ordinary commands and the demo runs end to end."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def test_example_network_loads(example):
    people = example.json("list")
    assert len(people) >= 20
    bones = example.json("show", "bones")
    assert bones["name"] == "Leonard Okafor"
    assert "one of the best doctors I know" in bones["highlights"]
    jim = example.json("show", "jim@meridianhealth.example")
    assert jim["handle"] == "jim-castellano"
    assert [p["handle"] for p in example.json("search", "robots")][:1] == ["aiko-tanaka"]
    assert example.json("db", "check")["ok"]


def test_demo_script_runs_from_a_shell(tmp_path):
    cnet = Path(sys.executable).parent / "cnet"
    if not cnet.exists() and not shutil.which("cnet"):
        pytest.skip("the cnet console script is not installed")
    env = {
        **os.environ,
        "PATH": f"{cnet.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CNET_DB": str(tmp_path / "demo.db"),
    }
    r = subprocess.run(
        ["bash", str(ROOT / "examples" / "demo.sh")], env=env, capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stderr
    assert "Leonard Okafor" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    # Each command is printed as typed: pasted back into a shell, a line is the command the demo ran.
    printed = [shlex.split(line[2:]) for line in r.stdout.splitlines() if line.startswith("$ ")]
    script = (ROOT / "examples" / "demo.sh").read_text()
    ran = [
        shlex.split(line.removesuffix("|| true"))[1:] for line in script.splitlines() if line.startswith("step cnet")
    ]
    assert printed == ran and any("--reason" in argv for argv in ran)
