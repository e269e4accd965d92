"""Where cnet writes: a regular file (new or existing, written whole and private) or `-` for stdout; a device,
a FIFO, a socket, a folder or a symbolic link to nothing is refused, named, and left exactly as it was."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curated_net.errors import BadInput
from curated_net.paths import TEMP_SUFFIX, is_temporary, write_private

REASON = "Leonard saw Meridian's posting for a staff physician and would like to hear about the role"


def make_device(path: Path) -> None:
    """A character device node like /dev/null in a temporary folder (a symbolic link to /dev/null where the
    tests may not make device nodes: cnet follows it and finds the same device)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        path.symlink_to("/dev/null")


def make_socket(path: Path) -> socket.socket:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    return s


def not_a_file(kind: str, folder: Path) -> tuple[Path, str]:
    """A path of the given kind in `folder`, and the words cnet's refusal names it by."""
    path = folder / f"target-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
        return path, "FIFO"
    if kind == "device":
        make_device(path)
        return path, "character device"
    if kind == "socket":
        make_socket(path)
        return path, "socket"
    if kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept")
        return path, "folder"
    if kind == "dangling":
        path.symlink_to(folder / "nowhere" / "x.json")
        return path, "symbolic link to nothing"
    raise AssertionError(kind)


def state_of(folder: Path) -> dict:
    """Every entry in a folder (recursively) with its type, mode and, for files, bytes."""
    out = {}
    for p in sorted(folder.rglob("*")):
        st = os.lstat(p)
        body = p.read_bytes() if stat.S_ISREG(st.st_mode) else (os.readlink(p) if p.is_symlink() else None)
        out[str(p.relative_to(folder))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), body)
    return out


KINDS = ["fifo", "device", "socket", "folder", "dangling"]
WRITERS = {
    "export json": ("export", "json", "--out"),
    "export csv": ("export", "csv", "--out"),
    "export vcard": ("export", "vcard", "--out"),
    "export graph": ("export", "graph", "--out"),
    "intro draft": ("intro", "bones", "jim", "--reason", REASON, "--out"),
    "map": ("map", "--out"),
    "due --ics": ("due", "--ics"),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_as_it_was(example, tmp_path, writer, kind):
    folder = tmp_path / "outs"
    folder.mkdir()
    target, words = not_a_file(kind, folder)
    before, db = state_of(folder), example.snapshot()
    start = time.monotonic()
    r = example.fails(*WRITERS[writer], str(target))
    assert time.monotonic() - start < 20  # a FIFO is never opened, so nothing waits for a reader
    assert words in r.stderr and "nothing was written" in r.stderr, r.stderr
    assert "Wrote" not in r.stdout + r.stderr
    assert state_of(folder) == before  # the FIFO is still a FIFO, the device a device; no temporary file
    assert example.snapshot() == db
    assert example.json("intro", "list") == []  # the draft that could not be written is not recorded


def test_a_device_is_never_replaced_even_by_root(example, tmp_path):
    dev = tmp_path / "null"
    make_device(dev)
    r = example.fails("export", "json", "--out", str(dev))
    assert "character device" in r.stderr
    st = os.stat(dev)
    assert stat.S_ISCHR(st.st_mode)


def test_an_existing_file_is_replaced_whole_and_made_private(example, tmp_path):
    old = os.umask(0)
    try:
        out = tmp_path / "people.csv"
        out.write_text("old contents that are longer than the export will ever be " * 1000)
        os.chmod(out, 0o666)
        example.ok("export", "csv", "--out", str(out))
        assert out.read_text().startswith("handle,") and "old contents" not in out.read_text()
        assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
        assert [p.name for p in tmp_path.iterdir() if is_temporary(p.name)] == []
    finally:
        os.umask(old)


def test_a_symbolic_link_to_a_file_is_written_through_and_stays_a_link(example, tmp_path):
    real = tmp_path / "real" / "all.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    example.ok("export", "json", "--out", str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert '"format": "cnet-export"' in real.read_text() or '"cnet-export"' in real.read_text()


def test_dash_is_stdout_for_every_output(example):
    assert example.ok("export", "csv", "--out", "-").stdout.startswith("handle,")
    assert example.ok("due", "--ics", "-").stdout.startswith("BEGIN:VCALENDAR")
    page = example.ok("map", "--out", "-")
    assert page.stdout.lstrip().startswith("<!DOCTYPE html>") and "Wrote the map to stdout" in page.stderr
    draft = example.ok("intro", "bones", "jim", "--reason", REASON, "--out", "-")
    assert "Leonard" in draft.stdout and "written to stdout" in draft.stderr
    assert "--json would print too" in example.fails("due", "--ics", "-", "--json").stderr
    assert not Path("-").exists()


def test_a_missing_folder_or_a_file_as_folder_is_named(example, tmp_path):
    (tmp_path / "file").write_text("x")
    r = example.fails("export", "json", "--out", str(tmp_path / "file" / "x.json"))
    assert "is a regular file, not a folder" in r.stderr
    r = example.fails("export", "json", "--out", str(tmp_path / "no" / "x.json"))
    assert "does not exist" in r.stderr
    r = example.fails("export", "vcard", "--vdir", str(tmp_path / "file"))
    assert "is a regular file, not a folder" in r.stderr
    assert example.fails("export", "json", "--out", "").stderr.count("file name") == 1


def test_policy_and_templates_refuse_what_is_not_a_file(me, tmp_path):
    fifo = tmp_path / "policy.toml"
    os.mkfifo(fifo)
    r = me("policy", "init", "--force", env={"CNET_POLICY": str(fifo)})
    assert r.exit_code == 1 and "FIFO" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    r = me("policy", "init", env={"CNET_POLICY": "-"})
    assert r.exit_code == 1 and "'-' (stdout)" in r.stderr


# -- temporary files: removed on error, on signals, and by a later write when a kill left one ----------------


def test_an_error_while_writing_leaves_no_temporary_file(tmp_path):
    def pieces():
        yield "first piece\n"
        raise BadInput("the data source failed")

    with pytest.raises(BadInput):
        write_private(tmp_path / "x.json", pieces())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_removes_the_temporary_file(tmp_path, sig):
    seen = []

    def pieces():
        yield "first piece\n"
        seen.extend(p.name for p in tmp_path.iterdir())
        os.kill(os.getpid(), sig)
        time.sleep(5)  # the handler raises before this ends
        yield "never\n"

    with pytest.raises(SystemExit) as caught:
        write_private(tmp_path / "x.json", pieces())
    assert caught.value.code == 128 + sig
    assert len(seen) == 1 and is_temporary(seen[0]) and seen[0].startswith(".x.json.")
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(sig) is signal.SIG_DFL  # the default handler is back


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_a_process_writing_removes_its_temporary_file(tmp_path, sig):
    """As a shell delivers them: Ctrl-C (SIGINT) to a cnet in the foreground, SIGTERM or SIGHUP from outside."""
    script = (
        "import sys, time\n"
        "from curated_net import paths\n"
        "def pieces():\n"
        "    yield 'partial personal data\\n'\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "    yield 'never'\n"
        "try:\n"
        "    paths.write_private(sys.argv[1], pieces())\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "x.json")],
        stdout=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a foreground job's Ctrl-C
    )
    assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and is_temporary(left[0]) and left[0].startswith(".x.json.")
    assert stat.S_IMODE(os.stat(tmp_path / left[0]).st_mode) == 0o600
    proc.send_signal(sig)
    assert proc.wait(timeout=20) == 128 + sig
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_file_a_kill_left_is_removed_by_the_next_write_once_an_hour_old(tmp_path):
    script = (
        "import sys, time\n"
        "from curated_net.paths import write_private\n"
        "def pieces():\n"
        "    yield 'partial personal data\\n'\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "    yield 'never'\n"
        "write_private(sys.argv[1], pieces())\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "x.json")], stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
    proc.kill()
    proc.wait()
    left = [p for p in tmp_path.iterdir()]
    assert len(left) == 1 and is_temporary(left[0].name) and left[0].name.endswith(TEMP_SUFFIX)
    fresh = tmp_path / f".y.json.abcd1234{TEMP_SUFFIX}"  # a write under way in another cnet: not an hour old
    fresh.write_text("in progress")
    mine = tmp_path / ".notes.txt.tmp"  # not a name cnet makes
    mine.write_text("the user's")
    old = time.time() - 2 * 3600
    os.utime(left[0], (old, old))
    os.utime(mine, (old, old))
    from curated_net import paths

    paths._swept.clear()
    write_private(tmp_path / "other.json", "{}")
    assert not left[0].exists()
    assert fresh.exists() and mine.exists() and (tmp_path / "other.json").read_text() == "{}"


def test_a_backup_leaves_no_temporary_file_and_refuses_what_is_there(me, tmp_path):
    fifo = tmp_path / "copy.db"
    os.mkfifo(fifo)
    r = me.fails("db", "backup", str(fifo))
    assert "already exists (a FIFO (named pipe))" in r.stderr
    me.ok("db", "backup", str(tmp_path / "ok.db"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == ["copy.db", "ok.db"]


# -- the database path, checked before SQLite touches it ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "socket", "folder", "dangling"])
@pytest.mark.parametrize("command", [("list",), ("init", "--name", "Sam"), ("db", "status")])
def test_a_database_path_that_is_not_a_file_is_refused_untouched(cli, tmp_path, kind, command):
    folder = tmp_path / "dbs"
    folder.mkdir()
    target, words = not_a_file(kind, folder)
    mode = stat.S_IMODE(os.lstat(target).st_mode)
    before = state_of(folder)
    start = time.monotonic()
    r = cli("--db", str(target), *command)
    assert time.monotonic() - start < 20
    assert r.exit_code == 1 and words in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert state_of(folder) == before  # mode untouched, no -journal or -wal beside it, nothing made
    assert stat.S_IMODE(os.lstat(target).st_mode) == mode


def test_a_wal_file_that_is_a_fifo_is_refused(me):
    me.ok("list")
    wal = Path(f"{me.db}-wal")
    wal.unlink(missing_ok=True)
    os.mkfifo(wal)
    r = me.fails("list")
    assert "cnet.db-wal is a FIFO" in r.stderr


# -- only regular files are read ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
@pytest.mark.parametrize(
    "reader",
    [
        ("import", "csv"),
        ("import", "vcard"),
        ("import", "json"),
        ("import", "linkedin"),
        ("import", "calendar"),
        ("import", "mail"),
        ("link", "--file"),
        ("connect", "--file"),
    ],
)
def test_a_file_to_read_that_is_not_a_regular_file_is_refused_by_name(me, tmp_path, reader, kind):
    folder = tmp_path / "ins"
    folder.mkdir()
    target, words = not_a_file(kind, folder)
    me.ok("edit", "me", "--email", "sam@rivera.example")
    before = me.snapshot()
    start = time.monotonic()
    db = ("--db", str(tmp_path / "new.db")) if reader == ("import", "json") else ()
    r = me.fails(*db, *reader, str(target))
    assert time.monotonic() - start < 20  # a FIFO is never opened: nothing waits for a writer
    assert words in r.stderr and "not a regular file" in r.stderr, r.stderr
    assert me.snapshot() == before and not (tmp_path / "new.db").exists()


def test_a_policy_or_template_that_is_not_a_file_is_named(me, tmp_path):
    fifo = tmp_path / "policy.toml"
    os.mkfifo(fifo)
    r = me("policy", "show", env={"CNET_POLICY": str(fifo)})
    assert r.exit_code == 1 and "FIFO" in r.stderr
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "intro.txt.j2")
    r = me("template", "show", "intro", env={"CNET_TEMPLATES": str(templates)})
    assert r.exit_code == 1 and "FIFO" in r.stderr


def test_the_team_key_and_cache_refuse_what_is_not_a_file(tmp_path):
    from curated_net.errors import StoreError
    from curated_net.team import cache
    from curated_net.team.keys import read_key

    fifo = tmp_path / "team.key"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(BadInput, match="FIFO"):
        read_key(fifo)
    db = tmp_path / "cnet.db"
    os.mkfifo(cache.cache_path(db))
    with pytest.raises(StoreError, match="FIFO"):
        cache._open(cache.cache_path(db), "team")
    assert time.monotonic() - start < 20


@pytest.mark.parametrize("kind", ["fifo", "device", "socket", "dangling"])
def test_team_init_names_what_its_out_folder_is_before_reaching_a_server(me, tmp_path, kind):
    folder = tmp_path / "outs"
    folder.mkdir()
    target, words = not_a_file(kind, folder)
    before = state_of(folder)
    start = time.monotonic()
    r = me.fails("team", "init", "postgresql://127.0.0.1:1/acme", "--out", str(target))
    assert time.monotonic() - start < 20
    assert words in r.stderr and "not a folder; nothing was written" in r.stderr, r.stderr
    assert "cannot reach" not in r.stderr
    assert state_of(folder) == before
