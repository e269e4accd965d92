"""How bulk loads run: what the interpreter is asked to do, or not, while one is under way."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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


class TimeUp(Exception):
    """Raised inside a `time_limit` block once its time has passed."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `TimeUp` inside the block once `seconds` have passed.

    For work a library does in one call that cnet cannot split or count (expanding a calendar's recurrence
    rule walks day by day, up to the year 9999, when the rule never matches). It needs the main thread and
    a free interval timer (SIGALRM); where either is missing the block runs without the limit.
    """
    import signal
    import threading

    if seconds <= 0:
        raise TimeUp
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None, _time_up):
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # someone else's timer is running: leave it be
        yield
        return

    signal.signal(signal.SIGALRM, _time_up)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def _time_up(_signum, _frame):
    raise TimeUp
