"""cnet: a private, local record of who you really know, and how.

`Network` is the Python API: it opens a database and offers every use case of the command line
(see `curated_net.api`). Errors are those of `curated_net.errors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import Network
    from .errors import Ambiguous, BadInput, CnetError, Duplicate, NotFound, Refused, StoreError
    from .network.writes import EvidenceInput
    from .people.writes import PersonChanges

_LAZY = {
    "Network": "api",
    "EvidenceInput": "network.writes",
    "PersonChanges": "people.writes",
    **dict.fromkeys(("Ambiguous", "BadInput", "CnetError", "Duplicate", "NotFound", "Refused", "StoreError"), "errors"),
}


def __getattr__(name: str) -> Any:
    # Loaded on first use, so `import curated_net` (and `cnet --help`) stays as light as it was.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'curated_net' has no attribute '{name}'")


__all__ = [
    "Ambiguous",
    "BadInput",
    "CnetError",
    "Duplicate",
    "EvidenceInput",
    "Network",
    "NotFound",
    "PersonChanges",
    "Refused",
    "StoreError",
    "__version__",
]
