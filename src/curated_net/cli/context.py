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

            self._store = Store.open(self.db_path, create=create)
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


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def network(ctx: typer.Context, *, create: bool = False) -> Network:
    """The domain API for a command."""
    return state(ctx).network(create=create)
