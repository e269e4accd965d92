"""Per-invocation state: which database, opened lazily so --help never touches it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..paths import resolve_db_path

if TYPE_CHECKING:
    from ..api import Network
    from ..store.database import Store


@dataclass
class State:
    db: str | None = None
    json: bool = False  # the command was asked for JSON (--json or --output json)
    _store: Any = field(default=None, repr=False)
    _network: Any = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db)

    def store(self, *, create: bool = False) -> Store:
        if self._store is None:
            from ..store.database import Store

            self._store = Store.open(self.db_path, create=create, on_migrate=_say_migrating)
        return self._store

    def network(self, *, create: bool = False) -> Network:
        """The domain API over this invocation's database (one per invocation)."""
        if self._network is None:
            from ..api import Network

            self._network = Network(self.store(create=create))
        return self._network

    def notices(self) -> list[str]:
        return list(self._network.notices) if self._network is not None else []

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._network = None


def _say_migrating(m: Any) -> None:
    """Say, before it starts, why this open takes time and where the copy of the database goes."""
    from ..text import size_text
    from . import render

    copy = f"; a copy of it as it was ({size_text(m.size_bytes)}) goes first to {m.backup}" if m.backup else ""
    render.info(f"Bringing the database from schema version {m.from_version} to {m.to_version}{copy}.")


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def network(ctx: typer.Context, *, create: bool = False) -> Network:
    """The domain API for a command."""
    return state(ctx).network(create=create)
