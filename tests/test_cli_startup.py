"""Start-up: `cnet --help` lists commands from an index; a run builds only the module it invokes."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

from curated_net.cli import app as cli_app

PROBE = (
    "import sys\n"
    "from curated_net.cli.app import app\n"
    "try:\n    app(sys.argv[1:], prog_name='cnet')\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    "print('LOADED:' + ','.join(sorted(m for m in sys.modules if m.startswith(('curated_net.cli.', 'pydantic',"
    " 'sqlmodel', 'sqlalchemy', 'curated_net.policy.loader')))))\n"
)


def loaded(args: list[str], env: dict | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("LOADED:"), out.stdout[-300:]
    return {m for m in line.removeprefix("LOADED:").split(",") if m}


def test_the_command_index_matches_the_commands():
    built = cli_app.eager_commands()
    assert [name for name, _m, _h in cli_app.COMMANDS] == list(dict.fromkeys(n for n, _m, _h in cli_app.COMMANDS))
    assert set(built) == {name for name, _m, _h in cli_app.COMMANDS}, "add new commands to cli/app.py COMMANDS"
    for name, _module, help_ in cli_app.COMMANDS:
        first = inspect.cleandoc(built[name].help or "").split("\n\n")[0]
        assert first == help_, f"COMMANDS entry for '{name}' says {help_!r}; the command says {first!r}"


def test_help_lists_every_command_without_building_any(cli):
    r = cli.ok("--help")
    for name, _m, _h in cli_app.COMMANDS:
        assert f"\n  {name} " in r.stdout
    mods = loaded(["--help"])
    assert mods <= {"curated_net.cli.app", "curated_net.cli.context"}, mods


def test_a_command_builds_only_its_own_module_and_never_pydantic(example):
    env = {"CNET_DB": str(example.db), "CNET_POLICY": str(example.policy)}
    mods = loaded(["degree", "christine-chapel", "--json"], env)
    assert "curated_net.cli.graph" in mods
    assert not {
        m for m in mods if m.startswith(("curated_net.cli.policy", "curated_net.cli.io", "curated_net.cli.intro"))
    }
    assert not {m for m in mods if m.split(".")[0] in ("pydantic", "sqlmodel", "sqlalchemy")}, mods


def test_completion_offers_command_names_from_the_index(cli):
    env = {"_CNET_COMPLETE": "complete_bash", "COMP_WORDS": "cnet de", "COMP_CWORD": "1"}
    code = "from curated_net.cli.app import app\ntry:\n    app(prog_name='cnet')\nexcept SystemExit:\n    pass\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env})
    assert set(out.stdout.split()) >= {"degree", "decisions"}
    assert "disconnect" not in out.stdout.split()


def test_a_read_parses_the_policy_only_when_its_text_changed(example):
    env = {"CNET_DB": str(example.db), "CNET_POLICY": str(example.policy)}
    loaded(["degree", "christine-chapel"], env)  # the first read may check the flags against the policy
    assert "curated_net.policy.loader" not in loaded(["degree", "christine-chapel"], env)
    views = example.json("network")["views"]
    assert views["curated"]["by_degree"]["1st"] < views["nominal"]["by_degree"]["1st"]
    example.ok("policy", "init")
    text = example.policy.read_text().replace('id = "really-know"', 'id = "really-know"\nenabled = false', 1)
    example.policy.write_text(text)
    assert "curated_net.policy.loader" in loaded(["degree", "christine-chapel"], env)
    views = example.json("network")["views"]  # really-know is off: every connection counts as curated
    assert views["curated"]["by_degree"]["1st"] == views["nominal"]["by_degree"]["1st"]
