"""Talking to the team's PostgreSQL server (psycopg 3; imported here, and only when a team command runs).

Connection settings and credentials come the libpq way — the URL's host, port, database and user, a service in
PGSERVICE / pg_service.conf, a password in ~/.pgpass or PGPASSFILE — never from cnet's command line, database or
output: a URL that holds a password is refused before it is used, and error messages are written here from what
went wrong, never by repeating what the server or the URL said.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from ..errors import BadInput, CnetError, Interrupted
from . import schema

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT_S = 10
_SECRET_PARAMS = ("password", "sslpassword")
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class TeamError(CnetError):
    """The team store cannot do what was asked: a message for a person, never a secret in it."""


class Unreachable(TeamError):
    """The team's server cannot be reached (a cached answer may serve instead)."""


def check_url(url: str, *, what: str = "URL") -> dict:
    """The parts of a libpq URL (or `service=NAME`) that hold no secret; refuse one that holds a password."""
    from psycopg.conninfo import conninfo_to_dict

    if not isinstance(url, str) or not url.strip():
        raise BadInput(f"{what}: give the team's PostgreSQL URL, e.g. postgresql://db.example/team")
    text = url.strip()
    if not re.match(r"^(postgres|postgresql)://", text) and not text.startswith("service="):
        raise BadInput(f"{what}: expected a URL starting postgresql:// (or service=NAME from pg_service.conf)")
    try:
        parts = conninfo_to_dict(text)
    except Exception:  # psycopg.ProgrammingError; the text is not repeated: it may hold a secret
        raise BadInput(f"{what}: not a PostgreSQL URL libpq can read") from None
    if any(parts.get(k) for k in _SECRET_PARAMS) or re.match(r"^[a-z]+://[^/@]*:[^/@]*@", text):
        raise BadInput(
            f"{what}: the URL holds a password; cnet never takes one on the command line",
            hint="Keep it in ~/.pgpass (or the file PGPASSFILE names), or use a service from pg_service.conf "
            "(PGSERVICE), and give the URL without it.",
        )
    return parts


def describe(url: str) -> str:
    """The server as a message may name it: user@host:port/database, nothing else."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        p = conninfo_to_dict(url)
    except Exception:
        return "the team server"
    if p.get("service") and not p.get("host"):
        return f"service {p['service']}"
    where = f"{p.get('host') or 'localhost'}" + (f":{p['port']}" if p.get("port") else "")
    user = f"{p['user']}@" if p.get("user") else ""
    return f"{user}{where}/{p.get('dbname') or '?'}"


def _classify(exc: Exception, url: str) -> TeamError:
    """A connection failure as a person needs it: unreachable, credentials refused, no such database."""
    text = str(exc)
    where = describe(url)
    if "password authentication failed" in text or "no password supplied" in text or "authentication failed" in text:
        return TeamError(
            f"the team server at {where} refused the credentials",
            hint="Check the password for this role in ~/.pgpass (or PGPASSFILE / your PGSERVICE entry).",
        )
    if re.search(r'role "[^"]*" does not exist', text):
        return TeamError(
            f"the team server at {where} has no such role",
            hint="The team's owner adds members with: cnet team init URL --member HANDLE --out DIR",
        )
    if re.search(r'database "[^"]*" does not exist', text):
        return TeamError(f"there is no database at {where}", hint="Check the URL's database name.")
    if "server does not support SSL" in text:
        return TeamError(
            f"the team server at {where} does not offer SSL, and this connection asks for it (sslmode)",
            hint="Ask the team's owner to turn SSL on for the server; or, on a network you trust, change the URL's "
            "sslmode (e.g. sslmode=prefer).",
        )
    if "SSL off" in text or ("SSL" in text and "required" in text):
        return TeamError(
            f"the team server at {where} requires SSL, and this connection does not use it",
            hint="Add sslmode=require (or verify-full) to the URL.",
        )
    return Unreachable(
        f"cannot reach the team server at {where}", hint="Check the network and that the server is running."
    )


def connect(url: str, *, service: str | None = None) -> psycopg.Connection:
    """Open a connection (settings the libpq way; nothing of them echoed on failure). `service`: the libpq
    service the database joined with, used when PGSERVICE is not set now."""
    import psycopg

    if service and not os.environ.get("PGSERVICE"):
        url = psycopg.conninfo.make_conninfo(url, service=service)
    try:
        conn = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="cnet")
    except psycopg.Error as exc:
        raise _classify(exc, url) from None
    return conn


def dropped(exc: Exception, url: str, doing: str) -> TeamError:
    """An error once connected: a dropped connection, a refusal, a newer schema, a conflict."""
    import psycopg

    where = describe(url)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return TeamError(f"the team server at {where} refused to let this role {doing}")
    if isinstance(exc, psycopg.errors.UndefinedTable | psycopg.errors.InvalidSchemaName):
        return TeamError(
            f"there is no cnet team store at {where}",
            hint="The team's owner creates it with: cnet team init URL --member HANDLE --out DIR",
        )
    if isinstance(exc, psycopg.errors.CheckViolation | psycopg.errors.StringDataRightTruncation):
        return TeamError(f"the team server at {where} refused a value while trying to {doing}")
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return Unreachable(
            f"the connection to the team server at {where} dropped while trying to {doing}; nothing of it was kept "
            "there, and nothing here changed",
            hint="Run the command again once the server is back: it completes what was not done.",
        )
    return TeamError(f"the team server at {where} could not {doing} ({type(exc).__name__})")


@contextmanager
def session(url: str, doing: str, *, service: str | None = None) -> Iterator[psycopg.Connection]:
    """A connection in one transaction, committed at the end; any failure becomes a TeamError."""
    import psycopg

    try:
        conn = connect(url, service=service)
    except KeyboardInterrupt:
        raise Interrupted(f"interrupted while connecting to the team server to {doing}; nothing was sent") from None
    try:
        with conn.transaction():
            yield conn
    except psycopg.Error as exc:
        raise dropped(exc, url, doing) from None
    except KeyboardInterrupt:  # the server's transaction was rolled back; so is any of ours that holds this one
        raise Interrupted(
            f"interrupted while trying to {doing}: nothing of it was kept on the team server, and nothing here changed"
        ) from None
    finally:
        with suppress(psycopg.Error, KeyboardInterrupt):
            conn.close()


def schema_version(conn: psycopg.Connection) -> int | None:
    """The store's schema version; None where there is no store."""
    row = conn.execute(
        "SELECT to_regclass('cnet_team.schema_migrations') IS NOT NULL, to_regclass('cnet_team.member') IS NOT NULL"
    ).fetchone()
    if not row or not row[0]:
        return None
    found = conn.execute("SELECT max(version) FROM cnet_team.schema_migrations").fetchone()
    return int(found[0] or 0) if found else 0


def check_schema(conn: psycopg.Connection, url: str) -> None:
    """Refuse a store this cnet cannot use: none there, a newer schema, one its owner has not migrated yet."""
    version = schema_version(conn)
    where = describe(url)
    if version is None:
        raise TeamError(
            f"there is no cnet team store at {where}",
            hint="The team's owner creates it with: cnet team init URL --member HANDLE --out DIR",
        )
    if version > schema.LATEST:
        raise TeamError(
            f"the team store at {where} was set up by a newer cnet (schema version {version}; this cnet knows "
            f"versions up to {schema.LATEST})",
            hint="Upgrade cnet to use this team; nothing was changed.",
        )
    if version < schema.LATEST:
        raise TeamError(
            f"the team store at {where} is at schema version {version}; this cnet needs {schema.LATEST}",
            hint="The team's owner migrates it with: cnet team init URL",
        )


# -- setting a team up (the owner) ------------------------------------------------------------------------


ROLE_MAX = 63  # PostgreSQL cuts a longer name, so two long handles would get one role


def role_names(dbname: str, handle: str) -> tuple[str, str]:
    """The team's group role and a member's role: named after the database, so teams on one server stay apart.
    A member's role name too long for PostgreSQL is cut and ends with a short hash of the whole handle, so two
    handles never share a role."""
    base = re.sub(r"[^a-z0-9_]", "_", dbname.lower())[:30] or "team"
    role = f"{base}_{handle.replace('-', '_')}"
    if len(role) > ROLE_MAX:
        role = role[: ROLE_MAX - 9] + "_" + hashlib.sha256(handle.encode()).hexdigest()[:8]
    return f"{base}_members", role


def scram_verifier(password: str, *, iterations: int = 4096) -> str:
    """A SCRAM-SHA-256 verifier, so a new role's password never reaches the server (or its logs) in clear."""
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    server = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    stored = hashlib.sha256(client).digest()

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored)}:{b64(server)}"


def check_handle(handle: str, *, what: str = "--as") -> str:
    h = (handle or "").strip().lower()
    if not _HANDLE.match(h):
        from .. import text as tx

        raise BadInput(
            f"{what}: '{tx.printable(handle or '')}' is not a member handle (lowercase letters, digits and '-', "
            "at most 63, starting with a letter or digit)"
        )
    return h


def migrate(conn: psycopg.Connection) -> list[int]:
    """Create the schema if needed and apply the pending migrations in order (the caller's transaction)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('cnet_team.migrate'))")
    conn.execute("CREATE SCHEMA IF NOT EXISTS cnet_team")
    conn.execute("REVOKE ALL ON SCHEMA cnet_team FROM PUBLIC")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS cnet_team.schema_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
    )
    version = schema_version(conn) or 0
    if version > schema.LATEST:
        raise TeamError(
            f"the team store was set up by a newer cnet (schema version {version}; this cnet knows versions up to "
            f"{schema.LATEST})",
            hint="Upgrade cnet to use this team; nothing was changed.",
        )
    applied = []
    for m in schema.MIGRATIONS:
        if m.version <= version:
            continue
        with conn.transaction():  # a savepoint: each migration whole or not at all
            conn.execute(m.sql.encode())
            conn.execute("INSERT INTO cnet_team.schema_migrations (version, name) VALUES (%s, %s)", (m.version, m.name))
        applied.append(m.version)
    return applied


def ensure_role(conn: psycopg.Connection, role: str, *, login: bool, password: str | None = None) -> bool:
    """Create a role unless it exists; return whether it was created."""
    from psycopg import sql

    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        return False
    stmt = sql.SQL("CREATE ROLE {} {}").format(sql.Identifier(role), sql.SQL("LOGIN" if login else "NOLOGIN"))
    if password is not None:
        stmt = sql.SQL("{} PASSWORD {}").format(stmt, sql.Literal(scram_verifier(password)))
    conn.execute(stmt)
    return True


def grant(conn: psycopg.Connection, group: str, member_roles: list[str]) -> None:
    from psycopg import sql

    for line in schema.GRANTS.strip().splitlines():
        conn.execute(sql.SQL(line.replace("{group}", "{}")).format(sql.Identifier(group)))
    for role in member_roles:
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)))


def current_db(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


def rows(conn: psycopg.Connection, query: str, params: Any = None) -> list[tuple]:
    return conn.execute(query, params).fetchall()
