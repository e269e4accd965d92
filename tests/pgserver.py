"""A throwaway PostgreSQL server for the team tests and the team benchmark: started once, on loopback only.

`initdb` refuses to run as root, so as root the server runs as an unprivileged user (Debian's `postgres`, else
a system user `cnet-pg` made for it). Its data lives in a temporary folder that is removed when it stops.
`start()` raises `Unavailable` with the reason when no server can be started here; the tests then skip.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

OWNER = "cnet_owner"


class Unavailable(Exception):
    """No PostgreSQL server can be started on this machine (the reason is the message)."""


def _bindir() -> Path:
    wanted = ("initdb", "pg_ctl", "postgres")
    candidates = []
    if os.environ.get("CNET_TEST_PG_BIN"):
        candidates.append(Path(os.environ["CNET_TEST_PG_BIN"]))
    found = shutil.which("pg_config")
    if found:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([found, "--bindir"], capture_output=True, text=True, timeout=10, check=True)
            candidates.append(Path(out.stdout.strip()))
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    candidates += [Path(p) for p in versions]
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb") or "").parent)
    for c in candidates:
        if all((c / w).exists() for w in wanted):
            return c
    raise Unavailable("no PostgreSQL server programs (initdb, pg_ctl) here: install Debian's postgresql (.ci/run does)")


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as when we are root (None: run it as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "cnet-pg"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    try:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "cnet-pg"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        return pwd.getpwnam("cnet-pg")
    except (OSError, subprocess.SubprocessError, KeyError) as exc:
        raise Unavailable(f"running as root and no unprivileged user to run PostgreSQL as ({exc})") from None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    base: Path
    bindir: Path
    port: int
    password: str
    user: pwd.struct_passwd | None
    pgpass: Path
    _lines: list[str] = field(default_factory=list)

    host = "127.0.0.1"

    def url(self, db: str, user: str | None = None) -> str:
        return f"postgresql://{user or OWNER}@{self.host}:{self.port}/{db}"

    def remember(self, role: str, password: str, db: str = "*") -> None:
        """Add a role's password to the pgpass file the tests point PGPASSFILE at."""
        self._lines.append(f"{self.host}:{self.port}:{db}:{role}:{password}")
        self.pgpass.write_text("\n".join(self._lines) + "\n")
        os.chmod(self.pgpass, 0o600)

    def admin(self, db: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, user=OWNER, password=self.password, dbname=db, autocommit=True
        )

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return _run_as(self.user, [str(a) for a in args], self.base, check=check)

    def stop(self) -> None:
        self.run(self.bindir / "pg_ctl", "-D", self.base / "data", "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)  # the watchdog sees the data folder gone and ends
        shutil.rmtree(self.pgpass.parent, ignore_errors=True)


def _run_as(user, argv: list[str], cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess:
    kwargs: dict = {}
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if user is not None:
        kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        env["HOME"] = str(cwd)
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, **kwargs)
    if check and done.returncode != 0:
        raise Unavailable(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")
    return done


# Stops the server if the process that started it dies without stopping it (a killed test run leaves no server).
_WATCHDOG = r"""
import json, os, shutil, subprocess, sys, time
job = json.loads(sys.argv[1])
while os.path.isdir(job["data"]):
    try:
        os.kill(job["parent"], 0)
    except ProcessLookupError:
        kw = {"user": job["uid"], "group": job["gid"], "extra_groups": []} if job["uid"] is not None else {}
        subprocess.run([job["pg_ctl"], "-D", job["data"], "-m", "immediate", "-w", "stop"], cwd="/",
                       capture_output=True, timeout=60, **kw)
        shutil.rmtree(job["base"], ignore_errors=True)
        break
    time.sleep(1)
"""


def _watch(base: Path, bindir: Path, user) -> None:
    import json
    import sys

    job = {
        "parent": os.getpid(),
        "data": str(base / "data"),
        "base": str(base),
        "pg_ctl": str(bindir / "pg_ctl"),
        "uid": user.pw_uid if user else None,
        "gid": user.pw_gid if user else None,
    }
    subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, json.dumps(job)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        cwd="/",
    )


def start() -> Server:
    """Start a private server on 127.0.0.1 with a superuser `cnet_owner` (password auth, scram-sha-256)."""
    import secrets

    bindir = _bindir()
    user = _server_user()
    base = Path(tempfile.mkdtemp(prefix="cnet-pg-"))
    try:
        os.chmod(base, 0o755)
        (base / "data").mkdir(mode=0o700)
        (base / "run").mkdir(mode=0o755)
        password = secrets.token_urlsafe(18)
        pwfile = base / "pw"
        pwfile.write_text(password + "\n")
        os.chmod(pwfile, 0o600)
        if user is not None:
            for p in (base, base / "data", base / "run", pwfile):
                os.chown(p, user.pw_uid, user.pw_gid)
        _run_as(
            user,
            [
                str(bindir / "initdb"),
                "-D",
                str(base / "data"),
                "-U",
                OWNER,
                f"--pwfile={pwfile}",
                "--auth=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions",
            ],
            base,
        )
        pwfile.unlink()
        port = _free_port()
        options = " ".join(
            f"-c {k}={v}"
            for k, v in {
                "listen_addresses": "127.0.0.1",
                "port": port,
                "unix_socket_directories": base / "run",
                "fsync": "off",
                "synchronous_commit": "off",
                "full_page_writes": "off",
                "max_connections": 40,
                "shared_buffers": "64MB",
            }.items()
        )
        _run_as(
            user,
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(base / "data"),
                "-l",
                str(base / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                options,
                "start",
            ],
            base,
        )
    except Unavailable:
        shutil.rmtree(base, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(base, ignore_errors=True)
        raise Unavailable(f"cannot prepare a PostgreSQL data folder: {exc}") from None
    _watch(base, bindir, user)
    pgpass = Path(tempfile.mkdtemp(prefix="cnet-pgpass-")) / "pgpass"
    server = Server(base, bindir, port, password, user, pgpass)
    server.remember(OWNER, password)
    return server
