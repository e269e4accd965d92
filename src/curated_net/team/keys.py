"""The team's key: a secret shared by the members and never sent to the server, and what is made with it.

E-mail addresses travel only as keyed hashes (HMAC-SHA-256 with the team's key), so the server, its backups and
anyone who reads them learn nothing of an address, and cannot test guesses against them without the key. A
person's reference on the server is a keyed hash of their handle, so it says nothing of who they are either.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from ..errors import BadInput

KEY_BYTES = 32
_HEADER = "cnet-team-key 1"
_LINE = re.compile(r"^([0-9a-f-]{36}) ([0-9a-f]{64})$")
MAX_KEY_FILE = 4096


class TeamKey:
    """The team's id and its secret key."""

    def __init__(self, team_id: str, secret: bytes) -> None:
        self.team_id = team_id
        self._secret = secret

    @classmethod
    def new(cls, team_id: str) -> TeamKey:
        return cls(team_id, secrets.token_bytes(KEY_BYTES))

    def _mac(self, what: bytes) -> str:
        return hmac.digest(self._secret, what, "sha256").hex()  # the one-shot form: a third of hmac.new's time

    @property
    def check(self) -> str:
        """A fingerprint the server keeps so a member with the wrong key is told at once (it reveals nothing)."""
        return self._mac(b"cnet team key check")[:32]

    def email(self, address_key: str) -> str:
        """The keyed hash of an e-mail address (its casefolded form)."""
        return self._mac(b"email:" + address_key.encode("utf-8"))

    def ref(self, handle: str) -> str:
        """The reference of one of my people on the server: stable (handles are never reused), opaque."""
        return self._mac(b"person:" + handle.encode("utf-8"))[:32]

    def text(self) -> str:
        return f"{_HEADER}\n{self.team_id} {self._secret.hex()}\n"

    def write(self, path: Path) -> Path:
        """Write the key to a private file (0600 in a 0700 folder), whole or not at all."""
        from ..paths import write_private

        return write_private(path, self.text(), what="team key", make_folder=True)


def read_key(path: Path, *, what: str = "--key") -> TeamKey:
    """Read a key file; a file that is not one is named, and nothing of its content is echoed."""
    from ..paths import open_input

    try:
        with open_input(path, what=what, stdin=False) as f:  # a regular file only: a FIFO is never opened
            data = f.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise BadInput(f"{what}: cannot read {path}: {exc.strerror or exc}") from None
    try:
        lines = data.decode("utf-8").split()
    except UnicodeDecodeError:
        lines = []
    text = " ".join(lines)
    if len(data) > MAX_KEY_FILE or not text.startswith(_HEADER + " "):
        raise BadInput(f"{what}: {path} is not a cnet team key (the file `cnet team init` wrote as team.key)")
    m = _LINE.match(text[len(_HEADER) + 1 :])
    if not m:
        raise BadInput(f"{what}: {path} is a damaged cnet team key")
    return TeamKey(m[1], bytes.fromhex(m[2]))


def key_path(db_path: Path) -> Path:
    """Where a linked database keeps its team's key: a private file beside it, never inside it."""
    return db_path.with_name(db_path.stem + ".team.key")


def remove_key(db_path: Path) -> None:
    p = key_path(db_path)
    if p.exists():
        os.unlink(p)
