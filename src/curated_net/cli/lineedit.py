"""Keys and lines read from a terminal, for the prompts of an interactive command (`cnet review`).

The terminal is put in cbreak mode for each read and put back after it. A key is a character or the name
of a special key; escape sequences (arrows, Home, End, Delete, F-keys, bracketed paste) are read whole, so
none of their bytes is ever taken for typed text, and a lone Esc is told apart from the start of one by
the pause after it.

A line has the editing a short answer needs: Left/Right, Home/End (and Ctrl-A/Ctrl-E), Backspace, Delete,
Ctrl-U/Ctrl-K (clear before/after the cursor), Ctrl-W (the word before the cursor). Esc, Ctrl-C, Ctrl-D
and the end of input cancel the line: `read_line` returns None and the caller saves nothing. (GNU readline
cannot be told to cancel on a lone Esc, which is the key people press to back out of a prompt.)
"""

from __future__ import annotations

import codecs
import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager

ESC_PAUSE = 0.05  # seconds: an Esc followed by nothing within this is the Esc key, not a sequence
_MAX_SEQUENCE = 32  # bytes of one escape sequence at most: a stream of garbage is not read as one

# What the sequences name (CSI final byte, or parameter + ~), whichever of the common forms a terminal sends.
_CSI = {"A": "up", "B": "down", "C": "right", "D": "left", "H": "home", "F": "end"}
_TILDE = {"1": "home", "7": "home", "4": "end", "8": "end", "3": "delete", "2": "insert"}
_CONTROL = {
    "\r": "enter",
    "\n": "enter",
    "\x7f": "backspace",
    "\x08": "backspace",
    "\x01": "home",
    "\x05": "end",
    "\x02": "left",
    "\x06": "right",
    "\x15": "kill-before",
    "\x0b": "kill-after",
    "\x17": "kill-word",
    "\x03": "interrupt",
    "\x04": "eof",
    "\t": "tab",
}


class Terminal:
    """Keys from a terminal's file descriptor (bytes decoded as the terminal's encoding)."""

    def __init__(self, fd: int | None = None, out=None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.out = out or sys.stdout
        encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
        try:
            self._decoder = codecs.getincrementaldecoder(encoding)(errors="ignore")
        except LookupError:
            self._decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")

    @contextmanager
    def _cbreak(self) -> Iterator[None]:
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd)
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def _byte(self, timeout: float | None = None) -> bytes:
        """One byte; b'' at the end of input, or when `timeout` passes with nothing to read."""
        if timeout is not None and not select.select([self.fd], [], [], timeout)[0]:
            return b""
        return os.read(self.fd, 1)

    def _key(self) -> str:
        """The next key: a typed character, or the name of a special key ('left', 'esc', 'eof', 'other')."""
        try:
            while True:
                b = self._byte()
                if not b:
                    return "eof"
                if b == b"\x1b":
                    return self._escape()
                ch = self._decoder.decode(b)
                if not ch:
                    continue  # the middle of a character of several bytes
                if ch in _CONTROL:
                    return _CONTROL[ch]
                return ch if ch.isprintable() else "other"
        except KeyboardInterrupt:  # Ctrl-C where the terminal turns it into a signal
            return "interrupt"

    def _escape(self) -> str:
        """What follows an Esc: a whole sequence read and named, or the Esc key alone."""
        b = self._byte(ESC_PAUSE)
        if not b:
            return "esc"
        if b == b"\x1b":
            return "esc"  # Esc pressed twice: Esc
        if b == b"O":  # SS3: Esc O A (arrows in application mode), Esc O H ...
            final = self._byte(ESC_PAUSE).decode("latin-1")
            return _CSI.get(final, "other")
        if b != b"[":
            return "other"  # Alt and a key: nothing a prompt uses
        params = ""
        for _ in range(_MAX_SEQUENCE):
            c = self._byte(ESC_PAUSE)
            if not c:
                return "other"
            ch = c.decode("latin-1")
            if "\x40" <= ch <= "\x7e":  # the final byte
                if ch == "~":
                    return _TILDE.get(params.split(";")[0], "other")
                return _CSI.get(ch, "other")
            params += ch
        return "other"

    def key(self) -> str:
        """One keystroke, without Enter."""
        self.out.flush()
        with self._cbreak():
            return self._key()

    def line(self, prompt: str) -> str | None:
        """A line typed after `prompt` (already literal), edited in place; None when cancelled."""
        from rich.cells import cell_len

        out = self.out
        out.write(prompt)
        out.flush()
        text: list[str] = []
        pos = 0

        def redraw(before: int) -> None:
            """Write the text again from its start (the cursor was `before` columns into it)."""
            out.write("\b" * before + "".join(text) + "\x1b[K" + "\b" * cell_len("".join(text[pos:])))

        with self._cbreak():
            while True:
                out.flush()
                key = self._key()
                before = cell_len("".join(text[:pos]))
                if key == "enter":
                    out.write("\n")
                    return "".join(text)
                if key in ("esc", "eof", "interrupt"):
                    out.write("\n")
                    return None
                if len(key) == 1:
                    text.insert(pos, key)
                    pos += 1
                    if pos == len(text):
                        out.write(key)
                        continue
                elif key == "backspace" and pos:
                    pos -= 1
                    del text[pos]
                elif key == "delete" and pos < len(text):
                    del text[pos]
                elif key == "left" and pos:
                    pos -= 1
                elif key == "right" and pos < len(text):
                    pos += 1
                elif key == "home":
                    pos = 0
                elif key == "end":
                    pos = len(text)
                elif key == "kill-before":
                    del text[:pos]
                    pos = 0
                elif key == "kill-after":
                    del text[pos:]
                elif key == "kill-word":
                    start = pos
                    while start and text[start - 1] == " ":
                        start -= 1
                    while start and text[start - 1] != " ":
                        start -= 1
                    del text[start:pos]
                    pos = start
                else:
                    continue  # up, down, tab, F-keys, Alt and a key: nothing to do here
                redraw(before)
