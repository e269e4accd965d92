"""A hostile-input sweep over the whole `cnet` app: every command, every argument and option, given values a
user (or a file, or another program) may hand it — control and bidi characters, bytes that are not UTF-8,
huge and negative numbers, empty text, and paths to a FIFO, a device node, a dangling symbolic link and a
folder — each case run in process against a copy of the example network, under umask 000.

What every case is held to (each is a figure of `Sweep.figures`, all of which must be 0):
- tracebacks: an exception reached the top (CliRunner caught it), or "Traceback" was printed;
- hangs: a case ran longer than the watchdog allows;
- bad exits: an exit code outside 0–3;
- failures that wrote: a case that failed (exit 1–3) changed the database or any file in its folder (a
  refusal, exit 3, may only add to the decision log, which records it);
- reads that wrote: a read, a check, a preview or a --dry-run that succeeded changed the database, the
  decision log or any other file beside them (derived caches included; only a file it was asked to write
  with --out, which lands in the case's working folder, may appear);
- unsafe writes: a FIFO, a device, a socket or a dangling link offered as a path is not what it was, or
  something was made where the dangling link points;
- raw escapes: stdout or stderr holds a control character (but tab and line feed; a carriage return on
  stdout, where a file format needs it), a C1 control, a bidi control or a lone surrogate;
- non-private files: a file cnet made is readable by others, or a folder it made can be entered by them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import stat
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from clitree import Cmd, plausible, walk
from curated_net.cli.app import app

TEXT_VALUES: dict[str, str] = {
    "escape": "\x1b]0;PWNED\x07\x1b[2Jx",
    "c1": "x\x9b31mred\x85",
    "bidi": "\u202eevil\u2066x\u202c",
    "control": "a\x01b\x08c\x7fd",
    "nul": "a\x00b",
    "newline": "line one\nline two\r",
    "not-utf8": "bad \udcff\udcfe name",  # what Python makes of the bytes b"bad \xff\xfe name" in an argument
    "markup": "[bold red]x[/] [link=file:///etc/passwd]y[/link]",
    "huge": "99999999999999999999999999",
    "negative": "-1",
    "negative-huge": "-99999999999999999999",
    "zero": "0",
    "float": "1e308",
    "empty": "",
    "long": "x" * 200_000,
}
PATH_KINDS = ("fifo", "device", "socket", "dangling", "folder")
# Files whose content is hostile, for every parameter that names a file to read.
FILE_KINDS = ("garbage", "utf16", "deep-json", "empty-file", "one-long-line")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
RAW_ON_STDOUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[\d*[AG]|\r(?!\n)")
SKIP = {("review",)}  # needs a terminal; it says so (exit 2) — tried once below, not with every value
# Commands that only read (a file they are asked to write aside): whatever they are given, they write nothing.
READS = {
    *[(c,) for c in ("show", "list", "search", "history", "degree", "path", "network", "map", "recognition")],
    *[(c,) for c in ("decisions", "audit", "dupes", "due")],
    *[("intro", c) for c in ("draft", "list", "pending", "show")],
    *[("request", c) for c in ("list", "show")],
    *[("policy", c) for c in ("check", "path", "show")],
    *[("check", c) for c in ("accept", "connect", "endorse", "intro", "recommend")],
    *[("template", c) for c in ("list", "show")],
    # (export vcard is not one: it remembers what each card said, so that an edit made elsewhere is seen)
    *[("export", c) for c in ("csv", "graph", "json")],
    ("suggest", "list"),
    ("archive", "status"),
    ("prune", "list"),
    *[("db", c) for c in ("check", "path", "status")],
}


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    read: bool = False  # a read, a check or a --dry-run: it writes nothing, even when it succeeds


@dataclass
class Result:
    case: Case
    exit_code: int | None
    seconds: float
    problems: list[str]


@dataclass
class Sweep:
    cases: int = 0
    by_exit: dict[int, int] = field(default_factory=dict)
    figures: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "tracebacks",
                "hangs",
                "bad exits",
                "failures that wrote",
                "reads that wrote",
                "unsafe writes",
                "raw escapes",
                "non-private files",
            ),
            0,
        )
    )
    examples: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)

    def add(self, r: Result) -> None:
        self.cases += 1
        if r.exit_code is not None:
            self.by_exit[r.exit_code] = self.by_exit.get(r.exit_code, 0) + 1
        for p in r.problems:
            kind = p.split(":", 1)[0]
            self.figures[kind] = self.figures.get(kind, 0) + 1
            if len(self.examples) < 40:
                self.examples.append(f"{r.case.name}: {p}")
        self.slowest = sorted([*self.slowest, (r.seconds, r.case.name)], reverse=True)[:5]

    def report(self) -> str:
        lines = [f"{self.cases} cases; exit codes {dict(sorted(self.by_exit.items()))}"]
        lines += [f"  {k}: {v}" for k, v in self.figures.items()]
        lines += [f"  slowest: {s:.2f} s {n}" for s, n in self.slowest]
        lines += [f"  ! {e}" for e in self.examples]
        return "\n".join(lines)


# -- the world each case runs in -----------------------------------------------------------------------------


def make_paths(folder: Path) -> dict[str, Path]:
    """The hostile paths, made once: a FIFO, a character device (a symbolic link to /dev/null where device
    nodes cannot be made), a socket, a dangling symbolic link and a folder with a file in it."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {kind: folder / f"the-{kind}" for kind in PATH_KINDS}
    os.mkfifo(paths["fifo"])
    try:
        os.mknod(paths["device"], 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        paths["device"].symlink_to("/dev/null")
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(paths["socket"]))
    s.close()
    paths["dangling"].symlink_to(folder / "nowhere" / "target")
    paths["folder"].mkdir()
    (paths["folder"] / "keep.txt").write_text("the user's own file\n")
    import random

    rng = random.Random(27)
    files = {
        "garbage": rng.randbytes(65_536),
        "utf16": "First Name,Last Name\r\nZoë,Ångström\r\nBEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16"),
        "deep-json": b"[" * 200_000 + b"]" * 200_000,
        "empty-file": b"",
        "one-long-line": b"x,y," * 2_000_000,
    }
    for kind, data in files.items():
        paths[kind] = folder / f"the-{kind}.txt"
        paths[kind].write_bytes(data)
    return paths


def entries(folder: Path, *, skip: tuple[str, ...] = ()) -> dict[str, tuple]:
    """Every entry under a folder: its type, mode, and for a regular file its content's digest (for a large
    one, its size, inode and time of change: any write moves them)."""
    out: dict[str, tuple] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            rel = str(p.relative_to(folder))
            if rel.startswith(skip):
                continue
            st = os.lstat(p)
            digest = None
            if stat.S_ISREG(st.st_mode):
                big = st.st_size > 65_536
                digest = (st.st_size, st.st_ino, st.st_mtime_ns) if big else hashlib.sha256(p.read_bytes()).hexdigest()
            elif stat.S_ISLNK(st.st_mode):
                digest = os.readlink(p)
            out[rel] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), digest)
    return out


class World:
    """A copy of the example network for each case (made again only after a case changed it), the hostile
    paths beside it, and the environment every case runs with."""

    def __init__(self, base_db: Path, root: Path) -> None:
        self.root = root
        self.pristine = root / "pristine"
        self.pristine.mkdir(parents=True)
        for p in base_db.parent.iterdir():
            if p.name.startswith("cnet.") and not p.name.endswith(("-wal", "-shm")):
                shutil.copy2(p, self.pristine / p.name)
        self.work = root / "work"  # the case's folder: the database, the policy, whatever it writes
        self.paths = make_paths(root / "hostile")
        self.hostile_before = entries(root / "hostile")
        self._reset()

    def remake_paths(self) -> None:
        folder = self.root / "hostile"
        for root, dirs, _files in os.walk(folder):
            for d in dirs:
                os.chmod(Path(root) / d, 0o700)
        shutil.rmtree(folder)
        self.paths = make_paths(folder)
        self.hostile_before = entries(folder)

    def _reset(self) -> None:
        if self.work.exists():
            for root, dirs, _files in os.walk(self.work):  # folders a case made 0500 must not stop the reset
                for d in dirs:
                    os.chmod(Path(root) / d, 0o700)
            shutil.rmtree(self.work)
        (self.work / "data").mkdir(parents=True, mode=0o700)
        (self.work / "cwd").mkdir(mode=0o700)
        os.chmod(self.work, 0o700)
        for p in self.pristine.iterdir():
            shutil.copy2(p, self.work / "data" / p.name)
        os.chdir(self.work / "cwd")  # where a relative path a case names lands
        self.state = entries(self.work)

    @property
    def env(self) -> dict[str, str]:
        return {
            "CNET_DB": str(self.work / "data" / "cnet.db"),
            "CNET_POLICY": str(self.work / "config" / "policy.toml"),
            "CNET_TEMPLATES": str(self.work / "config" / "templates"),
            "HOME": str(self.work / "home"),
            "XDG_CONFIG_HOME": str(self.work / "home" / "config"),
            "XDG_DATA_HOME": str(self.work / "home" / "data"),
            "EDITOR": "true",
            "VISUAL": "",
            "BROWSER": "true",
            "COLUMNS": "100",
        }

    def value(self, kind: str) -> str:
        """The hostile value of a kind: text as it is, a path for a path or a file kind."""
        return TEXT_VALUES[kind] if kind in TEXT_VALUES else str(self.paths[kind])


# -- the cases ---------------------------------------------------------------------------------------------


def _base(cmd: Cmd) -> list[str]:
    """A command line that parses: its required arguments and options with plausible values."""
    argv = list(cmd.path)
    for p in cmd.arguments:
        if p.required:
            argv.append(plausible(p))
    for p in cmd.options:
        if p.required:
            argv += [p.opts[0], plausible(p)]
    return argv


def _with(cmd: Cmd, param: Any, value: str) -> list[str]:
    argv = list(cmd.path)
    for p in cmd.arguments:
        if p is param:
            argv.append(value)
        elif p.required:
            argv.append(plausible(p))
    for p in cmd.options:
        if p is param:
            argv += [p.opts[0], value]
        elif p.required:
            argv += [p.opts[0], plausible(p)]
    return argv


def cases(world: World, *, full: bool) -> Iterator[Case]:
    """Every command with each of its parameters given each hostile value (`full`), or a rotating share of
    them (each value still given to some parameter of every command, every parameter two values)."""
    kinds = [*TEXT_VALUES, *PATH_KINDS, *FILE_KINDS]
    if not full:  # an 8 MB line takes an importer seconds (in proportion): the full sweep gives it to each
        kinds.remove("one-long-line")
    turn = 0
    for cmd in walk():
        if cmd.path in SKIP:
            yield Case(" ".join(cmd.path), _base(cmd))
            continue
        read = cmd.path in READS
        yield Case(" ".join(cmd.path) + " (plausible)", _base(cmd), read=read)
        params = [p for p in [*cmd.arguments, *cmd.options] if not getattr(p, "is_flag", False) and p.name != "output"]
        # A command with --dry-run is tried with it too: a preview reads what the command would, and writes nothing.
        dry = ["--dry-run"] if any(o.name == "dry_run" for o in cmd.options) else []
        for p in params:
            chosen = kinds if full else [kinds[(turn + i * 7) % len(kinds)] for i in range(2)]
            turn += 1
            for kind in chosen:
                label = p.opts[0] if p.param_type_name == "option" else p.name.upper()
                argv = _with(cmd, p, world.value(kind))
                yield Case(f"{' '.join(cmd.path)} {label}={kind}", argv, read=read)
                if dry:
                    yield Case(f"{' '.join(cmd.path)} {label}={kind} --dry-run", [*argv, *dry], read=True)
        if full and any(o.name == "as_json" for o in cmd.options):
            for kind in ("escape", "not-utf8", "bidi"):
                for p in params[:3]:
                    yield Case(
                        f"{' '.join(cmd.path)} {p.name}={kind} --json",
                        [*_with(cmd, p, world.value(kind)), "--json"],
                        read=read,
                    )
    # Where cnet finds its files: the database, the policy and the templates given as each hostile path.
    for kind in [*PATH_KINDS, *FILE_KINDS, "empty", "not-utf8", "escape"]:
        for argv in (["list"], ["init", "--name", "Sam"], ["db", "status"], ["network", "--json"]):
            yield Case(f"--db={kind} {' '.join(argv)}", ["--db", world.value(kind), *argv], read=argv[0] != "init")
        for argv in (["policy", "show"], ["check", "connect", "bones"], ["network"], ["policy", "init", "--force"]):
            env = {"CNET_POLICY": world.value(kind)}
            yield Case(f"CNET_POLICY={kind} {' '.join(argv)}", argv, env, read=argv[-1] != "--force")
        for argv in (["template", "show", "intro"], ["intro", "bones", "jim", "--reason", "a role"]):
            yield Case(
                f"CNET_TEMPLATES={kind} {' '.join(argv)}", argv, {"CNET_TEMPLATES": world.value(kind)}, read=True
            )


# -- running one -------------------------------------------------------------------------------------------


class _Hang(BaseException):
    pass


def _on_alarm(_signum, _frame):
    raise _Hang


def run(world: World, case: Case, *, limit_s: float, terminal: bool = False) -> Result:
    """One case in process (CliRunner), under a watchdog."""
    runner = CliRunner()
    env = {**world.env, **case.env}
    problems: list[str] = []
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    started = time.monotonic()
    exit_code: int | None = None
    out = err = ""
    try:
        r = runner.invoke(app, case.argv, env=env, catch_exceptions=True)
        exit_code = r.exit_code
        out, err = r.stdout, r.stderr
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            if isinstance(r.exception, _Hang):
                problems.append(f"hangs: over {limit_s:g} s")
            else:
                tb = "".join(traceback.format_exception(r.exception))[-600:]
                problems.append(f"tracebacks: {type(r.exception).__name__}: {tb}")
    except _Hang:
        problems.append(f"hangs: over {limit_s:g} s")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
    return judge(world, case, exit_code, out, err, problems, time.monotonic() - started, terminal=terminal)


def run_process(world: World, case: Case, *, limit_s: float, terminal: bool = False) -> Result | None:
    """One case as a `cnet` process of its own: its arguments as bytes (a lone surrogate is the byte it came
    from), stdout and stderr a pipe each, or with `terminal` one pseudo-terminal. None for a case no process
    can be given (a NUL in an argument, or an argument of 128 KB or more)."""
    import subprocess
    import sys

    if any("\x00" in a or len(a) >= 131_072 for a in case.argv):  # past what execve takes in an argument
        return None
    argv = [sys.executable, "-m", "curated_net", *(os.fsencode(a) for a in case.argv)]
    env = {**os.environ, **world.env, **case.env}
    problems: list[str] = []
    started = time.monotonic()
    exit_code: int | None = None
    out = err = ""
    if terminal:
        import pty
        import select

        master, slave = pty.openpty()
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=os.getcwd())
        os.close(slave)
        chunks = []
        while True:
            left = limit_s - (time.monotonic() - started)
            if left <= 0:
                proc.kill()
                problems.append(f"hangs: over {limit_s:g} s")
                break
            ready, _, _ = select.select([master], [], [], min(left, 1.0))
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the process closed the terminal
                    data = b""
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        os.close(master)
        exit_code = proc.wait()
        out = b"".join(chunks).decode("utf-8", "surrogateescape").replace("\r\n", "\n")
        # What cnet itself sends a terminal (Rich's colours and a progress bar's redraws) is not text it was
        # given: taken out before the check. Text from outside is escaped (\x1b), never one of these.
        out = OWN_SEQUENCES.sub("", out)
    else:
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            raw_out, raw_err = proc.communicate(timeout=limit_s)
            exit_code = proc.returncode
        except subprocess.TimeoutExpired:
            proc.kill()
            raw_out, raw_err = proc.communicate()
            problems.append(f"hangs: over {limit_s:g} s")
        out = raw_out.decode("utf-8", "surrogateescape")
        err = raw_err.decode("utf-8", "surrogateescape")
    return judge(world, case, exit_code, out, err, problems, time.monotonic() - started, terminal=terminal)


def judge(
    world: World,
    case: Case,
    exit_code: int | None,
    out: str,
    err: str,
    problems: list[str],
    seconds: float,
    *,
    terminal: bool,
) -> Result:
    """Hold what a case did to every rule of the module's docstring; make the world whole again after it."""
    log = "data/cnet.decisions.jsonl"
    if "Traceback (most recent call last)" in out + err:
        problems.append("tracebacks: printed")
    if exit_code is not None and exit_code not in (0, 1, 2, 3):
        problems.append(f"bad exits: {exit_code}")
    on_stdout = RAW if terminal else RAW_ON_STDOUT  # a terminal gets nothing raw, not even a carriage return
    if on_stdout.search(out):
        problems.append(f"raw escapes: stdout {on_stdout.search(out)!r}")
    if RAW.search(err):
        problems.append(f"raw escapes: stderr {RAW.search(err)!r}")
    after = entries(world.work)
    changed = {k for k in set(after) | set(world.state) if after.get(k) != world.state.get(k)}
    if exit_code != 0:  # a failure: 1-3, or none at all (a traceback in process, a hang)
        allowed = {log} if exit_code == 3 else set()
        wrote = sorted(changed - allowed)
        if wrote:
            problems.append(f"failures that wrote: {wrote[:4]}")
    elif case.read:  # a read that succeeded: only a file it was asked to write (a relative --out) may be new
        wrote = sorted(k for k in changed if not k.startswith("cwd"))
        if wrote:
            problems.append(f"reads that wrote: {wrote[:4]}")
    for rel in sorted(changed):
        if rel in after and rel not in world.state:
            kind, mode, _ = after[rel]
            if (stat.S_ISREG(kind) and mode & 0o077) or (stat.S_ISDIR(kind) and mode & 0o077):
                problems.append(f"non-private files: {rel} {oct(mode)}")
    hostile = entries(world.root / "hostile")
    for rel, before in world.hostile_before.items():
        now = hostile.get(rel)
        if now != before and stat.S_ISREG(before[0]) and now is not None and stat.S_ISREG(now[0]):
            if now[1] & 0o077:  # a regular file may be written over (--out), whole and private
                problems.append(f"non-private files: hostile/{rel} {oct(now[1])}")
        elif now != before:
            problems.append(f"unsafe writes: {rel} was {before[:2]}, now {hostile.get(rel, (None, None))[:2]}")
    for rel, now in hostile.items():
        if rel not in world.hostile_before:
            inside_folder = rel.startswith("the-folder/") and stat.S_ISREG(now[0])
            if not inside_folder:  # a file written into the folder offered as a folder (--vdir) is no harm
                problems.append(f"unsafe writes: {rel} made")
            elif now[1] & 0o077:
                problems.append(f"non-private files: hostile/{rel} {oct(now[1])}")
    if hostile != world.hostile_before:  # made again, so that the next case is judged on its own
        world.remake_paths()
    if changed:
        world._reset()
    return Result(case, exit_code, seconds, problems)


def sweep(
    world: World,
    *,
    full: bool,
    limit_s: float = 30.0,
    umask: int = 0,
    terminal: bool = False,
    processes: bool = False,
) -> Sweep:
    """Run every case; with `terminal`, as if stdout and stderr were a terminal (where exports, too, must
    print nothing raw); with `processes`, each as a process of its own (on a pseudo-terminal with
    `terminal`)."""
    from curated_net import paths

    old, here, isatty = os.umask(umask), os.getcwd(), paths.is_terminal
    if terminal and not processes:
        paths.is_terminal = lambda stream: True  # type: ignore[assignment]
    try:
        result = Sweep()
        for case in cases(world, full=full):
            done = (run_process if processes else run)(world, case, limit_s=limit_s, terminal=terminal)
            if done is not None:
                result.add(done)
        return result
    finally:
        os.umask(old)
        os.chdir(here)
        paths.is_terminal = isatty  # type: ignore[assignment]
