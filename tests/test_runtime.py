"""Bulk loads pause the cyclic garbage collector and always give it back as it was."""

from __future__ import annotations

import gc

import pytest

from curated_net.errors import BadInput
from curated_net.runtime import paused_gc


def test_a_failed_import_gives_the_collector_back(cli, tmp_path):
    cli.ok("init", "--name", "Me")
    bad = tmp_path / "Connections.csv"
    bad.write_text("no header here\n")
    assert gc.isenabled()
    cli.fails("import", "linkedin", str(bad))
    assert gc.isenabled()


def test_paused_gc_nests_and_keeps_a_collector_someone_else_switched_off():
    @paused_gc()
    def load(fail: bool) -> bool:
        with paused_gc():
            inner = gc.isenabled()
        if fail:
            raise BadInput("stop")
        return inner or gc.isenabled()

    assert gc.isenabled()
    assert load(False) is False and gc.isenabled()
    with pytest.raises(BadInput):
        load(True)
    assert gc.isenabled()
    gc.disable()
    try:
        load(False)
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
