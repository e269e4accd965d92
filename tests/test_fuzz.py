"""The hostile-input sweep (tests/fuzz.py) over every command and option of the app. In the suite it gives
each parameter two of the hostile values (every value reaches every command) and runs in well under a
minute; `pytest --slow` (or CNET_SLOW=1) gives every parameter every value, once more as on a terminal.
CNET_FUZZ_PROCESSES=1 runs each case as a `cnet` process of its own (its arguments as bytes; the terminal
pass on a pseudo-terminal). CNET_FUZZ_REPORT=FILE keeps the figures as JSON."""

from __future__ import annotations

import json
import os

import pytest

import fuzz


def _slow(request) -> bool:
    return bool(request.config.getoption("--slow") or os.environ.get("CNET_SLOW"))


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_hostile_values_for_every_option_of_every_command(request, example_source, tmp_path, terminal):
    full = _slow(request)
    processes = bool(os.environ.get("CNET_FUZZ_PROCESSES"))
    if terminal and not (full or processes):
        pytest.skip("the terminal pass is part of the full sweep (--slow)")
    world = fuzz.World(example_source, tmp_path / "fuzz")
    result = fuzz.sweep(world, full=full, limit_s=60.0 if full else 30.0, terminal=terminal, processes=processes)
    report = result.report()
    print(report)
    if os.environ.get("CNET_FUZZ_REPORT"):
        doc = {"cases": result.cases, "exit_codes": result.by_exit, "figures": result.figures, "full": full}
        doc["processes"] = processes
        name = os.environ["CNET_FUZZ_REPORT"] + ("-terminal" if terminal else "")
        with open(name, "w") as f:
            json.dump({**doc, "examples": result.examples}, f, indent=2)
    assert result.cases > (2000 if full else 400), report
    assert all(n == 0 for n in result.figures.values()), report
    assert set(result.by_exit) <= {0, 1, 2, 3}
