"""How bulk loads run: what the interpreter is asked to do, or not, while one is under way."""

from __future__ import annotations

import contextlib
import gc


class paused_gc(contextlib.ContextDecorator):
    """Pause the cyclic garbage collector for the duration of a bulk load (as a decorator or a `with`).

    A load makes millions of short-lived rows, tuples and dicts; reference counting frees them all, but
    the collector keeps walking them as they pile up, which cost a third of a LinkedIn import's row loop.
    Nothing a load makes needs the collector; it runs again as before once the load is over.
    """

    def _recreate_cm(self) -> paused_gc:  # each call of a decorated function has its own state
        return type(self)()

    def __enter__(self) -> paused_gc:
        self._was = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._was:
            gc.enable()
