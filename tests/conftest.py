"""Shared fixtures: a CLI runner bound to a temporary database chosen through CNET_DB."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curated_net.cli.app import app

ROOT = Path(__file__).resolve().parent.parent

# No terminal size from whatever runs the tests (pytest-xdist's workers carry the terminal's): output goes
# to a pipe as it would for a user's script; a test that wants a size sets it.
for _var in ("COLUMNS", "LINES"):
    os.environ.pop(_var, None)

REALDATA = ROOT.parent / "shared" / "realdata"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Cli:
    """Run cnet in-process against one database."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.policy = db.parent.parent / "config" / "policy.toml"
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None) -> Result:
        r = self.runner.invoke(
            app,
            [str(a) for a in args],
            input=input,
            env={"CNET_DB": str(self.db), "CNET_POLICY": str(self.policy), **(env or {})},
        )
        if r.exception and not isinstance(r.exception, SystemExit):
            raise r.exception
        return Result(r.exit_code, r.stdout, r.stderr)

    def ok(self, *args: str, input: str | None = None) -> Result:
        r = self(*args, input=input)
        assert r.exit_code == 0, f"cnet {' '.join(args)} -> {r.exit_code}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        return r

    def json(self, *args: str):
        return self.ok(*args, "--json").json()

    def fails(self, *args: str, code: int = 1) -> Result:
        r = self(*args)
        assert r.exit_code == code, f"expected exit {code}, got {r.exit_code}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        assert "Traceback" not in r.stdout + r.stderr
        return r

    def snapshot(self) -> str:
        """A digest of every byte of the database (and its WAL, if any)."""
        h = hashlib.sha256()
        for suffix in ("", "-wal"):
            p = Path(str(self.db) + suffix)
            if p.exists():
                h.update(suffix.encode() + p.read_bytes())
        return h.hexdigest()

    def kill_midway(self, *args: str) -> None:
        """Run `cnet ARGS` in a process of its own and SIGKILL it once it has written to the WAL."""
        import signal
        import subprocess
        import sys
        import time

        env = {**os.environ, "CNET_DB": str(self.db), "CNET_POLICY": str(self.policy)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "curated_net", *map(str, args)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wal = self.db.with_name(self.db.name + "-wal")
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 200_000:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the command finished before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
        proc.wait()

    def run_script(self, script: Path) -> None:
        """Run every `cnet ...` command of a shell script in-process."""
        text = script.read_text().replace("\\\n", " ")
        for raw in text.splitlines():
            line = raw.strip()
            if not line.startswith("cnet "):
                continue
            self.ok(*shlex.split(line)[1:])


@pytest.fixture(autouse=True)
def _own_folder(tmp_path: Path, monkeypatch) -> None:
    """Every test runs in its own folder: a relative path it writes can never land in the checkout."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data" / "cnet.db")


@pytest.fixture
def me(cli: Cli) -> Cli:
    cli.ok("init", "--name", "Sam Rivera")
    return cli


@pytest.fixture
def grouped(me: Cli, tmp_path: Path, monkeypatch) -> Cli:
    """A network larger than a map's page (as the page counts it here): four friends, two at Acme and two at
    Globex, each the way to 15 people of their own; a page holds 30 people, folding starts past 20."""
    from curated_net.map import model

    links = tmp_path / "links.txt"
    links.write_text("".join(f"friend-{f} person-{f}-{k}\n" for f in range(4) for k in range(15)))
    me.ok("link", "--file", str(links))
    for f in range(4):
        me.ok("edit", f"friend-{f}", "--company", "Acme" if f % 2 == 0 else "Globex")
        me.ok("connect", f"friend-{f}", "--as", "colleague")
    monkeypatch.setattr(model, "FOLD_AT", 20)
    monkeypatch.setattr(model, "GROUP_AT", 30)
    return me


@pytest.fixture(scope="session")
def example_source(tmp_path_factory) -> Path:
    """The example network, loaded once per test session through its own script."""
    built = Cli(tmp_path_factory.mktemp("example") / "data" / "cnet.db")
    built.run_script(ROOT / "examples" / "network.sh")
    return built.db


@pytest.fixture
def example(cli: Cli, example_source: Path) -> Cli:
    """A private copy of the example network for one test."""
    import shutil

    cli.db.parent.mkdir(parents=True, mode=0o700)
    for p in example_source.parent.iterdir():
        if p.name.startswith("cnet.") and not p.name.endswith(("-wal", "-shm")):
            shutil.copy2(p, cli.db.parent / p.name)
    return cli


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        default=False,
        help="run the long sweeps too: the hostile-input fuzz over every option with every value (tests/fuzz.py)",
    )
