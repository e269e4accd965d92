"""Where cnet keeps its files by default."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

APP = "cnet"


def default_db_path() -> Path:
    """Return the database in the platform's user data folder."""
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False) / "cnet.db"


def config_dir() -> Path:
    """Return the user's config folder for cnet (policy, templates)."""
    import platformdirs

    return platformdirs.user_config_path(APP, appauthor=False)


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """Return the database path from --db / CNET_DB, else the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("CNET_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def policy_path() -> Path:
    """The user's policy file: CNET_POLICY, else policy.toml in the user config folder."""
    env = os.environ.get("CNET_POLICY")
    if env:
        return Path(env).expanduser()
    return config_dir() / "policy.toml"


def private_dir(path: Path) -> Path:
    """Make a folder (and its parents) that only the user can enter: 0700 whatever the umask."""
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)
    return path


def write_private(
    path: str | os.PathLike[str], text: str | Iterable[str], *, what: str = "--out", make_folder: bool = False
) -> Path:
    """Write a file atomically with mode 0600 whatever the umask (what cnet writes names people): all of it, or
    nothing. `text` may be pieces, written as they come (an export streams). With `make_folder`, a missing
    folder is made 0700; otherwise it is an error naming `what`."""
    import tempfile

    from .errors import BadInput

    target = Path(path).expanduser()
    if target.is_dir():
        raise BadInput(f"{what}: {target} is a folder; give a file name")
    if not target.parent.is_dir():
        if not make_folder:
            raise BadInput(f"{what}: the folder {target.parent} does not exist")
        private_dir(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput(f"{what}: cannot write in {target.parent}: {exc.strerror or exc}") from None
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            if isinstance(text, str):
                f.write(text)
            else:
                for piece in text:
                    f.write(piece)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def edit_in_editor(text: str, *, suffix: str, what: str) -> str:
    """Let the user edit text in $VISUAL / $EDITOR (vi by default) in a private temporary file; return it."""
    import shlex
    import subprocess
    import tempfile

    from .errors import BadInput

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor)
    except ValueError as exc:
        raise BadInput(f"$EDITOR '{editor}' is not a command line ({exc}); {what} was not changed") from None
    if not command:
        raise BadInput(f"$EDITOR is empty; {what} was not changed")
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="cnet-")  # 0600
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            done = subprocess.run([*command, str(tmp)])
        except OSError as exc:
            raise BadInput(f"cannot run $EDITOR '{editor}': {exc.strerror or exc}; {what} was not changed") from None
        if done.returncode != 0:
            raise BadInput(f"{editor} exited with {done.returncode}; {what} was not changed")
        try:
            return tmp.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(f"the edit is not UTF-8 text (byte {exc.start}); {what} was not changed") from None
    finally:
        tmp.unlink(missing_ok=True)
