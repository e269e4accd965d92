"""Where cnet keeps its files by default, and the one way it opens a path to write or to read.

Every file cnet writes goes through `write_private`: a regular file (new or existing), written whole under a
temporary name and renamed into place, 0600 whatever the umask, or `-` for stdout. Anything else a path can
name — a device, a FIFO, a socket, a folder, a symbolic link to nothing — is refused before a byte is
written. Every file cnet reads goes through `open_input`: a regular file, or `-` for stdin, and never a FIFO
or a device (opening a FIFO waits for a writer for ever; reading a device never ends).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

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


# -- what a path names ------------------------------------------------------------------------------------

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file mode says a path is, in words ("a regular file", "a FIFO (named pipe)", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def _bad_path(path: object, what: str, exc: BaseException) -> Exception:
    from .errors import BadInput

    if isinstance(exc, ValueError):  # a NUL byte: only a program can pass one
        return BadInput(f"{what}: a file name cannot hold a NUL byte")
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return BadInput(f"{what}: cannot use {path} ({reason})")


def existing_kind(path: Path, *, what: str) -> str | None:
    """None when nothing is at `path`; else what is there, following a symbolic link ("a symbolic link to
    nothing" when it points nowhere)."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # nothing there (a folder on the way is not one)
        return None
    except (OSError, ValueError) as exc:
        raise _bad_path(path, what, exc) from None
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return "a symbolic link to nothing"
        except (OSError, ValueError) as exc:
            raise _bad_path(path, what, exc) from None
    return kind_of(mode)


def private_dir(path: Path, *, what: str = "folder") -> Path:
    """Make a folder (and its parents) that only the user can enter: 0700 whatever the umask. A path that
    names something other than a folder is an error naming what it is."""
    from .errors import BadInput

    missing = []
    p = path
    while True:
        kind = existing_kind(p, what=what)
        if kind is None:
            missing.append(p)
            if p.parent == p:
                break
            p = p.parent
            continue
        if kind != "a folder":
            raise BadInput(f"{what}: {p} is {kind}, not a folder")
        break
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass  # made meanwhile (another cnet): checked below like any folder
        except OSError as exc:
            raise BadInput(f"{what}: cannot make the folder {folder} ({exc.strerror or exc})") from None
        os.chmod(folder, 0o700)
    return path


# -- writing: one function for every file cnet writes -------------------------------------------------------

TEMP_SUFFIX = ".cnet-tmp"
STALE_AFTER_S = 3600.0
# `.<target name>.<8 random characters>.cnet-tmp`: what mkstemp makes from the prefix and suffix below.
_TEMP_NAME = re.compile(r"^\..*\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + "$")
_swept: set[str] = set()


def is_temporary(name: str) -> bool:
    """Whether a file name is one of cnet's temporary files (a write under way, or one cut short)."""
    return name.endswith(TEMP_SUFFIX) and bool(_TEMP_NAME.match(name))


def sweep_stale(folder: Path) -> list[Path]:
    """Remove this user's temporary files in `folder` left for more than an hour by a write that was killed
    (SIGKILL, a power cut): once per folder per run. Return what was removed."""
    import time

    key = os.path.abspath(folder)
    if key in _swept:
        return []
    _swept.add(key)
    cutoff = time.time() - STALE_AFTER_S
    removed = []
    try:
        entries = os.scandir(folder)
    except OSError:
        return []
    with entries:
        for entry in entries:
            if not is_temporary(entry.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and st.st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue  # gone meanwhile, or not ours to remove
    return removed


@contextlib.contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP end cnet by an exception (so `finally` blocks remove what
    is half-written and transactions roll back) instead of at once. Only the default handlers are replaced,
    and only in the main thread (where Python runs signal handlers)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum, _frame):
        raise SystemExit(128 + signum)

    replaced = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) is signal.SIG_DFL:
            replaced[sig] = signal.signal(sig, end)
    try:
        yield
    finally:
        for sig, handler in replaced.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def private_temp(folder: Path, name: str, *, what: str = "--out") -> Iterator[tuple[int, Path]]:
    """A new, empty 0600 file in `folder` named so cnet recognises it (`.NAME.xxxxxxxx.cnet-tmp`): the
    block gets its descriptor and path, and renames it into place. Whatever remains of it when the block
    ends — on an error, Ctrl-C, SIGTERM or SIGHUP — is removed; one a SIGKILL left is removed by a later
    write into the folder once it is an hour old."""
    import tempfile

    sweep_stale(folder)
    with signals_end_cleanly():
        try:
            fd, name_ = tempfile.mkstemp(dir=folder, prefix=f".{name[:100]}.", suffix=TEMP_SUFFIX)
        except OSError as exc:
            from .errors import BadInput

            raise BadInput(f"{what}: cannot write in {folder} ({exc.strerror or exc})") from None
        tmp = Path(name_)
        try:
            os.fchmod(fd, 0o600)
            yield fd, tmp
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)
            tmp.unlink(missing_ok=True)


def output_target(path: str | os.PathLike[str], *, what: str = "--out", make_folder: bool = False) -> Path:
    """Check where a file is to be written, before anything is: the path of the regular file to replace or
    make (a symbolic link to a regular file is followed). Anything else is an error naming what it is."""
    from .errors import BadInput

    text = os.fspath(path)
    if not text:
        raise BadInput(f"{what}: give a file name")
    target = Path(text).expanduser()
    kind = existing_kind(target, what=what)
    hint = "Give the name of a file to write (or '-' for stdout)."
    if kind == "a regular file":
        target = Path(os.path.realpath(target))  # written where the link points; the link stays
    elif kind is not None:
        problem = f"{target} is {kind}, not a regular file"
        if kind == "a folder":
            problem = f"{target} is a folder; give a file name"
        raise BadInput(f"{what}: {problem}; nothing was written", hint=hint)
    elif target.name in ("", ".", ".."):
        raise BadInput(f"{what}: {text} is not a file name", hint=hint)
    folder = target.parent
    folder_kind = existing_kind(folder, what=what)
    if folder_kind is None:
        if not make_folder:
            raise BadInput(f"{what}: the folder {folder} does not exist; nothing was written")
        private_dir(folder, what=what)
    elif folder_kind != "a folder":
        raise BadInput(f"{what}: {folder} is {folder_kind}, not a folder; nothing was written")
    return target


def write_private(
    path: str | os.PathLike[str],
    text: str | Iterable[str],
    *,
    what: str = "--out",
    make_folder: bool = False,
    allow_stdout: bool = True,
) -> Path:
    """Write a file cnet makes (an export, a draft, a page, the policy): the one way every one is written.

    `-` is stdout (text made literal on a terminal, exact to a file or a pipe). Any other path must name a
    regular file, new or existing (or a symbolic link to one): it is written whole under a temporary name in
    its folder and renamed over it, 0600 whatever the umask, or not at all. A device, a FIFO, a socket, a
    folder or a symbolic link to nothing is refused with an error naming what it is, and nothing changes.
    `text` may be pieces, written as they come (an export streams). With `make_folder`, a missing folder is
    made 0700; otherwise it is an error naming `what`."""
    from .errors import BadInput

    if os.fspath(path) == "-":
        if not allow_stdout:
            raise BadInput(f"{what}: '-' (stdout) is not a file cnet can keep; give a file name")
        _to_stdout(text)
        return Path("-")
    target = output_target(path, what=what, make_folder=make_folder)
    with private_temp(target.parent, target.name, what=what) as (fd, tmp):
        with os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="") as f:
            if isinstance(text, str):
                f.write(text)
            else:
                for piece in text:
                    f.write(piece)
        # Checked again just before the rename: what was a file (or nothing) may have been swapped meanwhile.
        kind = existing_kind(target, what=what)
        if kind not in (None, "a regular file"):
            raise BadInput(f"{what}: {target} is now {kind}, not a regular file; nothing was written")
        os.replace(tmp, target)
    return target


def is_terminal(stream) -> bool:
    """Whether a stream is a terminal (text for one is made literal)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _to_stdout(text: str | Iterable[str]) -> None:
    import sys

    from .text import printable

    out = sys.stdout
    terminal = is_terminal(out)
    for piece in [text] if isinstance(text, str) else text:
        out.write(printable(piece) if terminal else piece)
    out.flush()


# -- reading: only regular files --------------------------------------------------------------------------


def input_kind(path: str | os.PathLike[str], *, what: str = "file") -> str | None:
    """What a path to read names (None: nothing there)."""
    return existing_kind(Path(os.fspath(path)).expanduser(), what=what)


def refuse_unreadable(path: str | os.PathLike[str], kind: str | None, *, what: str | None = None) -> Exception:
    """The error for a path to read that is not a regular file."""
    from .errors import BadInput

    where = f"{what}: {path}" if what else f"{path}"
    if kind is None:
        return BadInput(f"{where}: no such file")
    if kind == "a symbolic link to nothing":
        return BadInput(f"{where}: a symbolic link to nothing (no such file)")
    return BadInput(f"{where} is {kind}, not a regular file; cnet reads only files")


def open_input(path: str | os.PathLike[str], *, what: str | None = None, stdin: bool = True) -> BinaryIO:
    """Open a file cnet reads, binary: a regular file (a symbolic link to one is followed), or `-` for stdin.

    A FIFO, a device, a socket or a folder is refused with an error naming what it is, and never opened:
    opening a FIFO waits for a writer for ever, and reading a device may never end. The file is opened
    without waiting and checked again once open, so one swapped in meanwhile is refused too."""
    import sys

    from .errors import BadInput

    text = os.fspath(path)
    if text == "-" and stdin:
        return sys.stdin.buffer
    p = Path(text).expanduser()
    kind = existing_kind(p, what=what or text)
    if kind != "a regular file":
        raise refuse_unreadable(text, kind, what=what)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise BadInput(f"{text}: cannot read it ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise refuse_unreadable(text, kind_of(mode), what=what)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_input(path: str | os.PathLike[str], *, what: str | None = None, stdin: bool = True) -> bytes:
    """The whole of a file cnet reads (`open_input`'s rules: a regular file, or `-` for stdin)."""
    import sys

    from .errors import BadInput

    f = open_input(path, what=what, stdin=stdin)
    try:
        return f.read()
    except OSError as exc:
        raise BadInput(f"{os.fspath(path)}: cannot read it ({exc.strerror or exc})") from None
    finally:
        if f is not getattr(sys.stdin, "buffer", None):
            f.close()


def read_text_input(path: str | os.PathLike[str], *, what: str | None = None) -> str:
    """A UTF-8 text file cnet reads (the policy, a template): `open_input`'s rules, no stdin."""
    from .errors import BadInput

    data = read_input(path, what=what, stdin=False)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{os.fspath(path)}: not UTF-8 text (byte {exc.start})") from None


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
    with signals_end_cleanly():
        fd, name = tempfile.mkstemp(suffix=suffix, prefix="cnet-")  # 0600
        tmp = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            try:
                done = subprocess.run([*command, str(tmp)])
            except OSError as exc:
                raise BadInput(
                    f"cannot run $EDITOR '{editor}': {exc.strerror or exc}; {what} was not changed"
                ) from None
            if done.returncode != 0:
                raise BadInput(f"{editor} exited with {done.returncode}; {what} was not changed")
            try:
                return tmp.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise BadInput(f"the edit is not UTF-8 text (byte {exc.start}); {what} was not changed") from None
        finally:
            tmp.unlink(missing_ok=True)
