"""The use cases behind `cnet team`: init, join, status, publish, sync, who-knows, path, ask, leave.

Each works on my local database through its own transactions and on the team's server through one transaction
at a time (`server.session`): a publish is one server transaction, so a dropped connection leaves the server as
it was and the next publish completes it (it compares what the server holds with what I would publish now).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import text as tx
from ..errors import Ambiguous, BadInput, CnetError, Interrupted, NotFound
from . import cache, server
from .keys import TeamKey, key_path, read_key, remove_key
from .projection import BANDS, COLUMNS, EVIDENCE_CLASSES, Tie, band_of, kept_private, my_identity, projection

if TYPE_CHECKING:
    from ..api import Network

MAX_MEMBERS = 1000
MAX_RESULTS = 500
MAX_NEIGHBOURS = 200


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def age(stamp: str | None) -> str | None:
    """How old a time is, as a person says it: '5 minutes', '3 hours', '2 days'."""
    if not stamp:
        return None
    try:
        then = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    seconds = max(0, int((dt.datetime.now(dt.UTC) - then).total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


# -- the owner: setting a team up ---------------------------------------------------------------------------


def init_team(url: str, members: Iterable[str], out: str | None) -> dict:
    """Create (or bring up to date) the team store at `url` as its owner, with a role per new member; write the
    team's key (first time) and each new member's pgpass line into the folder `out` (0600 files, 0700 folder)."""
    from ..paths import existing_kind, private_dir, write_private

    parts = server.check_url(url)
    handles = []
    for m in members:
        h = server.check_handle(m, what="--member")
        if h not in handles:
            handles.append(h)
    if len(handles) > MAX_MEMBERS:
        raise BadInput(f"--member: at most {MAX_MEMBERS} members at once")
    folder = Path(out).expanduser() if out else None
    kind = existing_kind(folder, what="--out") if folder is not None else None
    if kind not in (None, "a folder"):
        raise BadInput(f"--out: {folder} is {kind}, not a folder; nothing was written")

    def kit() -> Path:
        """The folder for what must be written; asked for only when there is something to write."""
        if folder is None:
            raise BadInput(
                "--out: name a folder for the team's key and the new members' credentials (it is made private); "
                "nothing was changed"
            )
        return folder

    made: list[dict] = []
    key: TeamKey | None = None
    import psycopg

    with server.session(url, "set up the team store") as pg:
        applied = server.migrate(pg)
        row = pg.execute("SELECT team_id::text, key_check FROM cnet_team.team").fetchone()
        if row is None:
            _refuse_existing(kit() / "team.key")  # another team's key is never written over
            key = TeamKey.new(str(uuid.uuid4()))
            pg.execute("INSERT INTO cnet_team.team (team_id, key_check) VALUES (%s, %s)", (key.team_id, key.check))
            team_id = key.team_id
        else:
            team_id = row[0]
        dbname = server.current_db(pg)
        group, _ = server.role_names(dbname, "x")
        try:
            server.ensure_role(pg, group, login=False)
            roles = []
            for h in handles:
                _, role = server.role_names(dbname, h)
                taken = pg.execute("SELECT role FROM cnet_team.member WHERE handle = %s", (h,)).fetchone()
                if taken:
                    continue
                _refuse_existing(kit() / f"{h}.pgpass")
                password = secrets.token_urlsafe(24)
                created = server.ensure_role(pg, role, login=True, password=password)
                if not created:
                    other = pg.execute("SELECT handle FROM cnet_team.member WHERE role = %s", (role,)).fetchone()
                    raise BadInput(
                        f"--member {h}: the role {role} is already member '{other[0]}''s; nothing was changed"
                        if other
                        else f"--member {h}: a role named {role} already exists on this server, made outside this "
                        "team (another team's database of a similar name, or another use); nothing was changed",
                        hint="Choose another handle, or ask the server's administrator about that role.",
                    )
                pg.execute("INSERT INTO cnet_team.member (handle, role) VALUES (%s, %s)", (h, role))
                roles.append(role)
                made.append({"handle": h, "role": role, "password": password})
            server.grant(pg, group, roles)
        except psycopg.errors.InsufficientPrivilege:
            raise server.TeamError(
                f"the owner connection to {server.describe(url)} may not create roles",
                hint="Run cnet team init as a role with CREATEROLE (or a superuser) on the team's database.",
            ) from None
        version = server.schema_version(pg)
    written = []
    if key is not None or made:
        private_dir(kit())
    if key is not None:
        written.append(str(key.write(kit() / "team.key")))
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    for seat in made:
        line = f"{host}:{port}:{dbname}:{seat['role']}:{seat['password']}\n"
        written.append(str(write_private(kit() / f"{seat['handle']}.pgpass", line, what="--out")))
    return {
        "team": team_id,
        "server": server.describe(url),
        "schema_version": version,
        "migrated": applied,
        "added": [{"handle": m["handle"], "role": m["role"]} for m in made],
        "files": written,
        "new_team": key is not None,
    }


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise BadInput(
            f"--out: {path} already exists (a key or credentials of another team?); nothing was changed",
            hint="Choose an empty folder for this team's kit.",
        )


# -- a member ------------------------------------------------------------------------------------------------


class Team:
    """The team my database is linked to, and everything a member does with it."""

    def __init__(self, net: Network) -> None:
        self.net = net

    @property
    def db_path(self) -> Path:
        return self.net.db_path

    # the link and the key

    def _link(self, conn: sqlite3.Connection) -> dict | None:
        row = conn.execute(
            "SELECT url, team_id, handle, key_check, joined_at, published_at, published_count, service "
            "FROM team_link WHERE id = 1"
        ).fetchone()
        if row is None:
            return None
        keys = ("url", "team_id", "handle", "key_check", "joined_at", "published_at", "published", "service")
        link = dict(zip(keys, row, strict=True))
        link["private_tags"] = _private_tags(conn)
        link["seat"] = _prefs_seat(conn)
        return link

    def _linked(self) -> tuple[dict, TeamKey]:
        with self.net._read() as conn:
            link = self._link(conn)
        if link is None:
            raise BadInput(
                "this database is not linked to a team",
                hint="Join one with: cnet team join postgresql://HOST/DB --as HANDLE --key team.key",
            )
        path = key_path(self.db_path)
        if not path.exists():
            raise server.TeamError(
                f"the team's key is missing (it was kept in {path})",
                hint="Join again with the key file the team's owner gave you: cnet team join URL --as HANDLE --key FILE",
            )
        key = read_key(path, what="team key")
        if key.check != link["key_check"] or key.team_id != link["team_id"]:
            raise server.TeamError(f"{path} is not the key of the team this database joined")
        return link, key

    def _session(self, link: dict, doing: str) -> Any:
        """One transaction on the team's server, reached as this database joined it (its URL and service)."""
        return server.session(link["url"], doing, service=link.get("service"))

    @staticmethod
    def _keep_seat(conn: sqlite3.Connection, seat: str | None) -> None:
        """Keep this database's seat id (in the transaction that records what the server was told)."""
        if seat:
            conn.execute(
                "INSERT INTO team_prefs (id, seat) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seat = excluded.seat",
                (seat,),
            )

    def _whoami(self, pg: Any, link: dict, key: TeamKey, *, claim: bool = False) -> str:
        """Check, on the server, that this is the team I joined, that I am signed in as my own member, and that
        my seat is still this database's. `claim`: a link made before seats were kept takes its seat now (when no
        other database has)."""
        server.check_schema(pg, link["url"])
        team = pg.execute("SELECT team_id::text, key_check FROM cnet_team.team").fetchone()
        if team is None or team[0] != link["team_id"]:
            raise server.TeamError(
                f"{server.describe(link['url'])} holds another team than the one this database joined"
            )
        me = pg.execute(
            "SELECT handle, joined_at IS NOT NULL, seat, joined_at FROM cnet_team.member WHERE role = current_user"
        ).fetchone()
        if me is None or me[0] != link["handle"]:
            raise server.TeamError(
                f"the role this connection signs in as is not member '{link['handle']}' of the team",
                hint="Check the user in the URL, PGUSER or your PGSERVICE entry.",
            )
        handle = str(me[0])
        if not me[1]:
            raise server.TeamError(
                f"member '{handle}' has left the team on the server (a cnet team leave from another database, "
                "or the owner emptied the seat)",
                hint=f"Take the seat again from this database (it keeps its link and key): cnet team join "
                f"{_quote(link['url'])} --as {handle}; or unlink it: cnet team leave --local-only",
            )
        if me[2] is not None and me[2] != link.get("seat"):
            raise server.TeamError(
                f"member '{handle}' is now linked from another database (it joined at "
                f"{me[3].isoformat(timespec='seconds')}); this database's link is no longer the seat's",
                hint=f"Unlink this one: cnet team leave --local-only; or move the seat back here (the other database "
                f"then stops): cnet team join {_quote(link['url'])} --as {handle} --take-over",
            )
        if me[2] is None and claim:  # kept here by the caller once the server has it (link["claimed"])
            link["claimed"] = link.get("seat") or secrets.token_hex(16)
            pg.execute(
                "UPDATE cnet_team.member SET seat = %s WHERE handle = %s AND seat IS NULL", (link["claimed"], handle)
            )
        return handle

    # join, leave

    def join(
        self, url: str, handle: str, key_file: str | None, *, dry_run: bool = False, take_over: bool = False
    ) -> dict:
        """Link this database to the team at `url` as member `handle`, with the team's key file. A database
        already linked to this team as `handle` takes its seat again (after a leave from elsewhere) or moves its
        link to a new URL; a seat held by another database is refused unless `take_over`. `dry_run`: check
        everything and say what would be sent about me, sending and writing nothing."""
        server.check_url(url)
        handle = server.check_handle(handle)
        with self.net._read() as conn:
            link = self._link(conn)
        if link is not None and link["handle"] != handle:
            raise BadInput(
                f"this database is linked to a team as '{link['handle']}' (at {server.describe(link['url'])})",
                hint="Leave it first: cnet team leave",
            )
        if key_file:
            key = read_key(Path(key_file).expanduser())
        elif key_path(self.db_path).exists():
            key = read_key(key_path(self.db_path), what="team key")
        else:
            raise BadInput("--key: give the team key file the team's owner gave you (team.key)")
        if link is not None and link["team_id"] != key.team_id:
            raise BadInput(
                f"this database is linked to another team (as '{link['handle']}' at {server.describe(link['url'])})",
                hint="Leave it first: cnet team leave",
            )
        with self.net._read() as conn:
            identity = my_identity(conn, key)
        service = (link or {}).get("service") or os.environ.get("PGSERVICE") or None
        with self.net._read() as conn:
            mine_here = _prefs_seat(conn)
        seat = mine_here or secrets.token_hex(16)
        with server.session(url, "join the team", service=service) as pg:
            server.check_schema(pg, url)
            team = pg.execute("SELECT team_id::text, key_check FROM cnet_team.team").fetchone()
            if team is None or team[1] != key.check or team[0] != key.team_id:
                raise server.TeamError(
                    "the key given is not this team's key",
                    hint="Ask the team's owner for the team.key that cnet team init wrote for this team.",
                )
            mine = pg.execute(
                "SELECT handle, joined_at, seat FROM cnet_team.member WHERE role = current_user"
            ).fetchone()
            wanted = pg.execute("SELECT role FROM cnet_team.member WHERE handle = %s", (handle,)).fetchone()
            if mine is None:
                raise server.TeamError(
                    "the role this connection signs in as is not a member of the team",
                    hint="The team's owner adds you with: cnet team init URL --member HANDLE --out DIR",
                )
            if mine[0] != handle:
                if wanted is not None:
                    raise server.TeamError(
                        f"the handle '{handle}' belongs to another member of the team; you are member '{mine[0]}'",
                        hint=f"Join as yourself: cnet team join URL --as {mine[0]} --key FILE",
                    )
                raise server.TeamError(
                    f"there is no member '{handle}' in this team; you are member '{mine[0]}'",
                    hint=f"Join as yourself: cnet team join URL --as {mine[0]} --key FILE",
                )
            joined_at, held = mine[1], mine[2]
            # The seat is this database's: it holds this database's id, or (a link made before seats were kept)
            # none, and this database is linked.
            ours = (held is not None and held == mine_here) or (held is None and link is not None)
            if joined_at is not None and ours and link is not None and link["url"] == url.strip():
                raise BadInput(
                    f"this database is already linked to this team as '{handle}'",
                    hint="cnet team status shows the link; cnet team publish sends your changes",
                )
            if joined_at is not None and not ours and not take_over:
                raise server.TeamError(
                    f"member '{handle}' is already linked from another database (it joined at "
                    f"{joined_at.isoformat(timespec='seconds')}); a seat is one database, and two would undo each "
                    "other's rows",
                    hint=f"Use that database; or, if it is gone or you are moving here, take the seat over (the "
                    f"other database's team commands then stop): cnet team join URL --as {handle} --take-over",
                )
            if not dry_run:
                pg.execute(
                    "UPDATE cnet_team.member SET name = %s, linkedin_key = %s, email_keys = %s, joined_at = now(), "
                    "seat = %s WHERE handle = %s",
                    (identity["name"], identity["linkedin_key"], identity["email_keys"], seat, handle),
                )
            members = pg.execute("SELECT count(*) FROM cnet_team.member WHERE joined_at IS NOT NULL").fetchone()
        about_me = {
            "name": identity["name"],
            "linkedin": identity["linkedin_key"],
            "email_hashes": identity["email_keys"],
        }
        if dry_run:
            return {
                "dry_run": True,
                "team": key.team_id,
                "server": server.describe(url),
                "handle": handle,
                "members": members[0] if members else None,
                "take_over": joined_at is not None and not ours,
                "would_send": about_me,
            }
        written = key_path(self.db_path)
        if not (written.exists() and read_key(written, what="team key").check == key.check):
            key.write(written)
        try:
            with self.net._write() as conn:
                self._keep_seat(conn, seat)
                if link is None:
                    conn.execute(
                        "INSERT INTO team_link (id, url, team_id, handle, key_check, joined_at, service) "
                        "VALUES (1, ?, ?, ?, ?, ?, ?)",
                        (url.strip(), key.team_id, handle, key.check, _now(), service),
                    )
                else:  # the same team again: its seat taken back, or reached at a new URL
                    conn.execute(
                        "UPDATE team_link SET url = ?, joined_at = ?, service = ? WHERE id = 1",
                        (url.strip(), _now(), service),
                    )
        except BaseException:
            if link is None:
                remove_key(self.db_path)
            raise
        try:
            refreshed = self._refresh_cache(url, key.team_id, service)
        except Interrupted:  # the join is made and kept: only the copy of the team is missing
            raise Interrupted(
                f"joined team {key.team_id} as {handle}, then interrupted while filling the local cache of the "
                "team (who-knows and path answer from it when the server cannot be reached)",
                hint="cnet team sync fills it",
            ) from None
        except server.TeamError as exc:  # the join is made and kept: say so, and that the copy is missing
            refreshed = None
            self.net.notices.append(
                f"joined; but the local cache of the team was not filled ({exc.message}): cnet team sync fills it"
            )
        return {
            "team": key.team_id,
            "server": server.describe(url),
            "handle": handle,
            "members": members[0] if members else None,
            "rejoined": link is not None,
            "took_over": joined_at is not None and not ours,
            "sent": about_me,
            "cache": refreshed,
        }

    def leave(self, *, local_only: bool = False) -> dict:
        """Remove every row I published (ties, my asks, asks to me, what the team knew of me) and unlink; with
        `local_only` (a server gone for good), only unlink: what I published stays there."""
        if local_only:
            with self.net._read() as conn:
                link = self._link(conn)
            if link is None:
                raise BadInput("this database is not linked to a team")
            closed = self._unlink()
            return {"left": link["team_id"], "handle": link["handle"], "removed": None, "asks_closed": closed}
        link, key = self._linked()
        try:
            with self._session(link, "remove your rows") as pg:
                me = self._whoami(pg, link, key)
                asks = pg.execute(
                    "DELETE FROM cnet_team.ask WHERE from_member = %s OR to_member = %s", (me, me)
                ).rowcount
                ties = pg.execute("DELETE FROM cnet_team.tie WHERE member = %s", (me,)).rowcount
                pg.execute(
                    "UPDATE cnet_team.member SET name = NULL, linkedin_key = NULL, email_keys = '{}', "
                    "joined_at = NULL, published_at = NULL, ties = 0, pub = pub + 1, seat = NULL WHERE handle = %s",
                    (me,),
                )
        except server.Unreachable as exc:
            raise server.Unreachable(
                exc.message,
                hint="leave removes your rows from the server, so it needs it; for a server gone for good, unlink "
                "this database only: cnet team leave --local-only",
            ) from None
        closed = self._unlink()
        return {
            "left": link["team_id"],
            "handle": link["handle"],
            "removed": {"ties": ties, "asks": asks},
            "asks_closed": closed,
        }

    def _unlink(self) -> int:
        """Unlink this database; an ask still open either way can no longer travel, so it is closed as withdrawn
        (return how many). The tags kept off the team stay: they are this database's, not the link's."""
        from ..intro.requests import withdraw

        with self.net._write() as conn:
            closed = sum(withdraw(conn, r[0]) for r in conn.execute("SELECT request_id FROM team_ask").fetchall())
            conn.execute("DELETE FROM team_ask")
            conn.execute("DELETE FROM team_link")
        remove_key(self.db_path)
        cache.remove(self.db_path)
        return closed

    # status

    def status(self) -> dict:
        """The link, what I last published, the members, asks waiting, the cache; the server when reachable."""
        from ..policy.loader import load_policy

        with self.net._read() as conn:
            link = self._link(conn)
            if link is None:
                return {"linked": False}
            waiting_here = conn.execute(
                "SELECT count(*) FROM team_ask t JOIN request r ON r.id = t.request_id "
                "WHERE t.direction = 'in' AND r.status = 'open'"
            ).fetchone()[0]
            policy_tags = list(load_policy().settings["team_private_tags"])
            # Who the next publish keeps back, counted as a publish counts them.
            kept = kept_private(conn, private_tags=link["private_tags"] + policy_tags)
        out: dict[str, Any] = {
            "linked": True,
            "team": link["team_id"],
            "server": server.describe(link["url"]),
            "handle": link["handle"],
            "joined_at": link["joined_at"],
            "published_at": link["published_at"],
            "published": link["published"],
            "private_tags": link["private_tags"],
            "policy_private_tags": policy_tags,
            **kept,
            "asks_in_request_list": waiting_here,
            "cache": {"as_of": cache.synced_at(self.db_path), "age": age(cache.synced_at(self.db_path))},
        }
        try:
            link, key = self._linked()
            with self._session(link, "read the team's status") as pg:
                me = self._whoami(pg, link, key)
                members = pg.execute(
                    "SELECT handle, name, joined_at, published_at, ties FROM cnet_team.member ORDER BY handle"
                ).fetchall()
                known = self._known_asks()
                new_asks = [
                    r[0]
                    for r in pg.execute("SELECT id FROM cnet_team.ask WHERE to_member = %s AND status = 'open'", (me,))
                    if r[0] not in known
                ]
                sent_open = pg.execute(
                    "SELECT count(*) FROM cnet_team.ask WHERE from_member = %s AND status = 'open'", (me,)
                ).fetchone()
            out["reachable"] = True
            out["schema_version"] = server.schema.LATEST
            out["members"] = [
                {
                    "handle": h,
                    "name": n,
                    "joined": j is not None,
                    "published_at": p.isoformat(timespec="seconds") if p else None,
                    "ties": t,
                    "you": h == me,
                }
                for h, n, j, p, t in members
            ]
            out["new_asks"] = len(new_asks)
            out["my_open_asks"] = sent_open[0] if sent_open else 0
        except server.TeamError as exc:  # what is known here is still worth showing
            out["reachable"] = not isinstance(exc, server.Unreachable)
            out["error"] = exc.message
        return out

    def _known_asks(self) -> set[int]:
        with self.net._read() as conn:
            return {r[0] for r in conn.execute("SELECT ask_id FROM team_ask WHERE direction = 'in'")}

    # publish

    def publish(
        self, *, dry_run: bool = False, private_tags: Sequence[str] = (), shared_tags: Sequence[str] = ()
    ) -> dict:
        """Send what changed in my projection since the server last heard from me (one server transaction); with
        `dry_run`, only say exactly what would be sent. `private_tags` / `shared_tags` change the tags whose people
        are kept back (remembered for later publishes)."""
        from ..people.writes import check_tag
        from ..policy.loader import load_policy

        link, key = self._linked()
        tags = list(link["private_tags"])
        for t in private_tags:
            t = check_tag(t, what="--team-private-tag")
            if tx.name_key(t) not in {tx.name_key(x) for x in tags}:
                tags.append(t)
        for t in shared_tags:
            tags = [x for x in tags if tx.name_key(x) != tx.name_key(t)]
        policy_tags = list(load_policy().settings["team_private_tags"])
        with self.net._read() as conn:
            ties, counts = projection(conn, key, private_tags=tags + policy_tags)
        mine = {t.ref: t for t in ties}
        with self._session(link, "publish") as pg:
            me = self._whoami(pg, link, key, claim=not dry_run)
            # One publish of a member at a time; the member's row is taken last (see below).
            pg.execute("SELECT pg_advisory_xact_lock(hashtext('cnet_team.publish'), hashtext(%s))", (me,))
            held = {
                ref: (digest, name)
                for ref, digest, name in pg.execute(
                    "SELECT ref, digest, name FROM cnet_team.tie WHERE member = %s", (me,)
                )
            }
            send = [t for t in ties if (held.get(t.ref) or (None,))[0] != t.digest()]
            withdraw = sorted(r for r in held if r not in mine)
            if not dry_run and (send or withdraw or link["published_at"] is None):
                self._send(pg, me, send, withdraw, len(mine))
        summary = {
            "dry_run": dry_run,
            "sent": len(send),
            "added": sum(1 for t in send if t.ref not in held),
            "changed": sum(1 for t in send if t.ref in held),
            "withdrawn": len(withdraw),
            "unchanged": len(ties) - len(send),
            "published": len(mine),
            **counts,  # kept private: everyone kept back, and how (as status counts them)
            "private_tags": tags,
            "policy_private_tags": policy_tags,
        }
        if dry_run:
            summary["would_send"] = [{**t.as_dict(), "action": "change" if t.ref in held else "add"} for t in send]
            summary["would_withdraw"] = [{"ref": r, "name": held[r][1]} for r in withdraw]
            return summary
        with self.net._write() as conn:
            conn.execute("UPDATE team_link SET published_at = ?, published_count = ? WHERE id = 1", (_now(), len(mine)))
            self._keep_seat(conn, link.get("claimed"))
            conn.execute(
                "INSERT INTO team_prefs (id, private_tags) VALUES (1, ?) "
                "ON CONFLICT (id) DO UPDATE SET private_tags = excluded.private_tags",
                (json.dumps(tags, ensure_ascii=False),),
            )
        try:
            summary["asks"] = self._exchange(link, key, cache_mine=True)
        except Interrupted:  # Ctrl-C after the publish was kept: say both
            raise Interrupted(
                f"published ({summary['added']} added, {summary['changed']} changed, {summary['withdrawn']} "
                "withdrawn), then interrupted while exchanging asks, of which nothing was kept",
                hint="cnet team sync exchanges them",
            ) from None
        except server.TeamError as exc:  # the publish is done and kept: say that the asks were not exchanged
            summary["asks"] = {
                **{k: [] for k in ("received", "answered", "undelivered", "answers", "withdrawn")},
                "notices": [f"published; but asks could not be exchanged: {exc.message} (cnet team sync tries again)"],
            }
        return summary

    @staticmethod
    def _send(pg: Any, me: str, send: list[Tie], withdraw: list[str], total: int) -> None:
        row = pg.execute("SELECT pub + 1 FROM cnet_team.member WHERE handle = %s", (me,)).fetchone()
        pub = row[0]
        if send:
            pg.execute("CREATE TEMP TABLE publish_in (LIKE cnet_team.tie INCLUDING DEFAULTS) ON COMMIT DROP")
            cols = ", ".join(COLUMNS)
            with pg.cursor().copy(f"COPY publish_in ({cols}, member, pub) FROM STDIN") as copy:
                for t in send:
                    copy.write_row((*t.row(), me, pub))
            updates = ", ".join(f"{c} = excluded.{c}" for c in (*COLUMNS[1:], "pub"))
            pg.execute(
                f"INSERT INTO cnet_team.tie (member, {cols}, pub) SELECT member, {cols}, pub FROM publish_in "
                f"ON CONFLICT (member, ref) DO UPDATE SET {updates}"
            )
        if withdraw:
            pg.execute("DELETE FROM cnet_team.tie WHERE member = %s AND ref = ANY(%s)", (me, withdraw))
        # Taken last, so a publish holds the member's row (which teammates' caches read) only for an instant.
        pg.execute(
            "UPDATE cnet_team.member SET pub = %s, ties = %s, published_at = now() WHERE handle = %s",
            (pub, total, me),
        )

    # asks and answers

    def sync(self) -> dict:
        """Bring in asks for me and answers to mine, send my answers back, and bring the cache up to date."""
        link, key = self._linked()
        asks = self._exchange(link, key)
        try:
            refreshed = self._refresh_cache(link["url"], link["team_id"], link.get("service"))
        except Interrupted:
            raise Interrupted(
                "asks exchanged, then interrupted while bringing the cache up to date: it is as it was",
                hint="cnet request list shows the asks; cnet team sync again brings the cache up to date",
            ) from None
        except server.TeamError as exc:  # the asks were exchanged and kept: the message must not say otherwise
            raise type(exc)(
                f"the asks were exchanged (cnet request list shows them), but the cache was not brought up to "
                f"date: {exc.message}",
                hint=exc.hint,
            ) from None
        return {"asks": asks, "cache": refreshed}

    def _refresh_cache(self, url: str, team_id: str, service: str | None = None) -> dict:
        with server.session(url, "read the team's projection", service=service) as pg:
            return cache.refresh(self.db_path, team_id, pg)

    def _exchange(self, link: dict, key: TeamKey, *, cache_mine: bool = False) -> dict:
        """Asks for me into my requests; my answers to the server; answers to my asks into my requests."""
        from ..intro.requests import add_request, set_status, withdraw
        from ..people.writes import create_person

        out: dict[str, list] = {
            "received": [],
            "answered": [],
            "undelivered": [],
            "answers": [],
            "withdrawn": [],
            "notices": [],
        }
        with self.net._write() as conn, self._session(link, "exchange asks") as pg:
            me = self._whoami(pg, link, key, claim=True)
            self._keep_seat(conn, link.get("claimed"))
            local = {
                (d, a): (rid, ans, status, member)
                for rid, a, d, ans, status, member in conn.execute(
                    "SELECT t.request_id, t.ask_id, t.direction, t.answered, r.status, t.member FROM team_ask t "
                    "JOIN request r ON r.id = t.request_id"
                )
            }
            # Which asks for me are still on the server (an ask leaves it when its asker or I leave the team,
            # or when I stop publishing the tie it names).
            there = dict(pg.execute("SELECT id, status FROM cnet_team.ask WHERE to_member = %s", (me,)).fetchall())
            # 1. My answers go back first (an ask I declined is not brought in again).
            for (direction, ask_id), (rid, answered, status, member) in local.items():
                if direction != "in":
                    continue
                if status in ("accepted", "declined") and answered != status:
                    done = pg.execute(
                        "UPDATE cnet_team.ask SET status = %s, decided_at = now() "
                        "WHERE id = %s AND to_member = %s AND status = 'open'",
                        (status, ask_id, me),
                    ).rowcount
                    conn.execute("UPDATE team_ask SET answered = ? WHERE request_id = ?", (status, rid))
                    what = {"request": rid, "ask": ask_id, "member": member, "status": status}
                    out["answered" if done else "undelivered"].append(what)
                elif status == "open" and ask_id not in there and withdraw(conn, rid):
                    out["withdrawn"].append({"request": rid, "ask": ask_id, "member": member, "direction": "in"})
            # 2. Asks for me that are not in my requests yet.
            incoming = pg.execute(
                "SELECT a.id, a.from_member, m.name, m.linkedin_key, m.email_keys, a.ref, a.reason, a.created_at "
                "FROM cnet_team.ask a JOIN cnet_team.member m ON m.handle = a.from_member "
                "WHERE a.to_member = %s AND a.status = 'open' ORDER BY a.id LIMIT 1000",
                (me,),
            ).fetchall()
            fresh = [r for r in incoming if ("in", r[0]) not in local]
            if fresh:
                refs = {key.ref(h): pid for pid, h in conn.execute("SELECT id, handle FROM person WHERE is_me = 0")}
                for ask_id, member, name, linkedin_key, email_keys, ref, reason, created in fresh:
                    target = refs.get(ref)
                    if target is None:
                        out["notices"].append(
                            f"ask #{ask_id} from {member} names someone no longer in this database; "
                            "cnet team publish withdraws them from the team"
                        )
                        continue
                    asker = self._local_person(conn, key, name or member, linkedin_key, list(email_keys or []))
                    if asker == target:
                        # Only an older cnet sends this; it can never be answered, so it is answered now, once.
                        pg.execute(
                            "UPDATE cnet_team.ask SET status = 'declined', decided_at = now() "
                            "WHERE id = %s AND to_member = %s AND status = 'open'",
                            (ask_id, me),
                        )
                        out["notices"].append(
                            f"ask #{ask_id} from {member} asks to meet {member} themselves (your tie "
                            f"{self._handle(conn, target)}); declined it on the team server"
                        )
                        continue
                    conn.execute("SAVEPOINT team_ask_in")
                    try:
                        if asker is None:
                            asker = create_person(conn, name or member, what="member name")[0]
                        rid = add_request(
                            conn,
                            "intro",
                            asker,
                            to_pid=target,
                            channel="team",
                            reason=reason,
                            received_on=created.date().isoformat(),
                            source="team",
                        )
                        conn.execute(
                            "INSERT INTO team_ask (request_id, ask_id, direction, member) VALUES (?, ?, 'in', ?)",
                            (rid, ask_id, member),
                        )
                    except CnetError as exc:  # one ask that cannot be brought in never blocks the others
                        conn.execute("ROLLBACK TO team_ask_in")
                        conn.execute("RELEASE team_ask_in")
                        out["notices"].append(
                            f"ask #{ask_id} from {member} cannot be brought in ({exc.message}); it stays open on "
                            "the team server"
                        )
                        continue
                    conn.execute("RELEASE team_ask_in")
                    out["received"].append({"request": rid, "ask": ask_id, "from": member})
            # 3. What became of my asks.
            sent = {r[0] for r in pg.execute("SELECT id FROM cnet_team.ask WHERE from_member = %s", (me,))}
            mine = pg.execute(
                "SELECT a.id, a.to_member, a.status, a.reason, a.created_at, t.name, t.company, t.title, t.linkedin "
                "FROM cnet_team.ask a JOIN cnet_team.tie t ON t.member = a.to_member AND t.ref = a.ref "
                "WHERE a.from_member = %s ORDER BY a.id LIMIT 5000",
                (me,),
            ).fetchall()
            for ask_id, member, status, reason, created, name, company, title, linkedin in mine:
                held = local.get(("out", ask_id))
                if held is None:  # sent, but this database never heard back from the server: record it now
                    target = self._target_person(conn, key, name, company, title, linkedin)
                    me_pid = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
                    rid = add_request(
                        conn,
                        "intro",
                        me_pid,
                        to_pid=target,
                        channel="team",
                        reason=reason,
                        received_on=created.date().isoformat(),
                        source="team",
                    )
                    conn.execute(
                        "INSERT INTO team_ask (request_id, ask_id, direction, member) VALUES (?, ?, 'out', ?)",
                        (rid, ask_id, member),
                    )
                    held = (rid, None, "open", member)
                if status != "open" and held[2] == "open":
                    set_status(conn, held[0], status, theirs=True)
                    out["answers"].append({"request": held[0], "ask": ask_id, "member": member, "status": status})
            # 4. My asks that left the server unanswered are closed here, once, rather than left open for ever.
            for (direction, ask_id), (rid, _ans, status, member) in local.items():
                if direction == "out" and status == "open" and ask_id not in sent and withdraw(conn, rid):
                    out["withdrawn"].append({"request": rid, "ask": ask_id, "member": member, "direction": "out"})
            # 5. After a publish: my own rows in my cache are what I just published (a withdrawn person is gone).
            if cache_mine and cache.synced_at(self.db_path):
                cache.refresh(self.db_path, link["team_id"], pg, only=me)
        return out

    @staticmethod
    def _handle(conn: sqlite3.Connection, pid: int) -> str:
        return str(conn.execute("SELECT handle FROM person WHERE id = ?", (pid,)).fetchone()[0])

    @staticmethod
    def _me_as_target(conn: sqlite3.Connection, key: TeamKey) -> dict:
        """Me, in the shape a query is matched by: a teammate's tie to me is found as any other person is."""
        me = my_identity(conn, key)
        company = conn.execute("SELECT company FROM person WHERE is_me = 1").fetchone()
        return {
            "label": me["name"],
            "name_key": tx.name_fold(me["name"]),
            "company_key": tx.name_fold(company[0]) if company and company[0] else None,
            "linkedin": [me["linkedin_key"]] if me["linkedin_key"] else [],
            "emails": me["email_keys"],
            "names": [tx.name_fold(me["name"])],
        }

    @staticmethod
    def _local_person(
        conn: sqlite3.Connection, key: TeamKey, name: str, linkedin_key: str | None, email_keys: list[str]
    ) -> int | None:
        """The person in my database a teammate is, by LinkedIn URL, a keyed e-mail, or a name only one has."""
        if linkedin_key:
            row = conn.execute("SELECT id FROM person WHERE linkedin = ? AND is_me = 0", (linkedin_key,)).fetchone()
            if row:
                return int(row[0])
        if email_keys:
            wanted = set(email_keys)
            for pid, address_key in conn.execute(
                "SELECT e.person_id, e.address_key FROM email e JOIN person p ON p.id = e.person_id WHERE p.is_me = 0"
            ):
                if key.email(address_key) in wanted:
                    return int(pid)
        found = conn.execute(
            "SELECT id FROM person WHERE name_key = ? AND is_me = 0 LIMIT 2", (tx.name_key(name),)
        ).fetchall()
        return int(found[0][0]) if len(found) == 1 else None

    def _target_person(
        self,
        conn: sqlite3.Connection,
        key: TeamKey,
        name: str,
        company: str | None,
        title: str | None,
        linkedin: str | None,
    ) -> int:
        """The person I asked to meet, in my database: found as a teammate's tie names them, or added."""
        from ..people.writes import create_person

        found = self._local_person(conn, key, name, linkedin.casefold() if linkedin else None, [])
        if found is not None:
            return found
        return create_person(conn, name, company=company, title=title, linkedin=linkedin, what="name")[0]

    def ask(self, member: str, person: str, reason: str) -> dict:
        """Ask a teammate to introduce me to one of their published ties; it waits in their request list."""
        from ..intro.requests import add_request, request_record
        from ..people.writes import check_text

        link, key = self._linked()
        member = server.check_handle(member, what="MEMBER")
        text = check_text(reason, what="--reason")
        if not text:
            raise BadInput("--reason: say why you want to meet them")
        if len(text) > 4000:
            raise BadInput(f"--reason: {len(text)} characters is too long (4000 at most)")
        if member == link["handle"]:
            raise BadInput("you cannot ask yourself through the team")
        target = self._identity(person, mine="that is you: you cannot ask to be introduced to yourself")
        with self.net._write() as conn, self._session(link, "send the ask") as pg:
            me = self._whoami(pg, link, key)
            row = pg.execute(
                "SELECT handle, name FROM cnet_team.member WHERE handle = %s AND joined_at IS NOT NULL", (member,)
            ).fetchone()
            if row is None:
                names = [
                    r[0]
                    for r in pg.execute(
                        "SELECT handle FROM cnet_team.member WHERE joined_at IS NOT NULL AND handle <> %s "
                        "ORDER BY handle LIMIT 50",
                        (me,),
                    )
                ]
                raise NotFound(
                    f"no member '{member}' in the team",
                    hint=("Members: " + ", ".join(names)) if names else "No one else has joined yet.",
                )
            rows = self._matches(_ServerSource(pg), target, member=member)
            if not rows:
                raise NotFound(
                    f"{tx.printable(target['label'])} is not among {member}'s published ties",
                    hint=f"See who knows them: cnet team who-knows {_quote(person)}",
                )
            refs = {r["ref"] for r in rows}
            if len(refs) > 1:
                raise Ambiguous(
                    f"{tx.printable(target['label'])} matches {len(refs)} of {member}'s ties",
                    candidates=[(r["linkedin"] or r["ref"][:8], f"{r['name']} ({r['company'] or '—'})") for r in rows],
                )
            tie = rows[0]
            if _matched(tie, self._me_as_target(conn, key)):
                raise BadInput(
                    f"{tx.printable(tie['name'])} ({member}'s tie) is you: you cannot ask to be introduced to yourself",
                    hint="Ask for someone else among their ties: cnet team who-knows PERSON shows who knows whom",
                )
            to_pid = target.get("pid") or self._target_person(
                conn, key, tie["name"], tie["company"], tie["title"], tie["linkedin"]
            )
            me_pid = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
            rid = add_request(conn, "intro", me_pid, to_pid=to_pid, channel="team", reason=text, source="team")
            got = pg.execute(
                "INSERT INTO cnet_team.ask (from_member, to_member, ref, reason) VALUES (%s, %s, %s, %s) RETURNING id",
                (me, member, tie["ref"], text),
            ).fetchone()
            assert got is not None
            conn.execute(
                "INSERT INTO team_ask (request_id, ask_id, direction, member) VALUES (?, ?, 'out', ?)",
                (rid, got[0], member),
            )
            record = request_record(conn, rid)
        return {**record, "member_name": row[1], "tie": _public(tie)}

    # asking the team

    def _identity(self, person: str | None, *, mine: str = "that is you", **by: str | None) -> dict:
        """What a query is matched by: a person of mine (LinkedIn, keyed e-mails, name, company) or what was given."""
        from ..people.records import resolve_id

        _link, key = self._linked()
        if by.get("email"):
            addr = tx.clean_input(by["email"] or "")
            if "@" not in addr:
                raise BadInput(f"--email: '{tx.printable(addr)}' is not an e-mail address")
            return {"label": addr, "emails": [key.email(tx.email_key(addr))], "linkedin": [], "names": []}
        if by.get("linkedin"):
            try:
                url = tx.normalise_linkedin(by["linkedin"] or "")
            except BadInput as exc:
                raise BadInput(f"--linkedin: {exc.message}") from None
            return {"label": url, "linkedin": [url.casefold()], "emails": [], "names": []}
        assert person is not None
        with self.net._read() as conn:
            try:
                pid = resolve_id(conn, person, suggestions=False)
            except NotFound:
                pid = None
            if pid is not None:
                name, company, linkedin, is_me = conn.execute(
                    "SELECT name, company, linkedin, is_me FROM person WHERE id = ?", (pid,)
                ).fetchone()
                if is_me:
                    raise BadInput(f"{tx.printable(person)}: {mine}")
                emails = [r[0] for r in conn.execute("SELECT address_key FROM email WHERE person_id = ?", (pid,))]
                return {
                    "label": name,
                    "pid": pid,
                    "name_key": tx.name_fold(name),
                    "company_key": tx.name_fold(company) if company else None,
                    "linkedin": [linkedin.casefold()] if linkedin else [],
                    "emails": [key.email(a) for a in emails],
                    "names": [tx.name_fold(name)],
                }
        text = tx.clean_input(person)
        if not text:
            raise BadInput("PERSON: give a name, an e-mail address or a LinkedIn URL")
        if "@" in text and " " not in text:
            return self._identity(None, email=text)
        if "linkedin." in text.casefold():
            return self._identity(None, linkedin=text)
        return {
            "label": text,
            "name_key": tx.name_fold(text),
            "names": [tx.name_fold(text)],
            "linkedin": [],
            "emails": [],
        }

    def _matches(self, source: Any, target: dict, *, member: str | None = None) -> list[dict]:
        rows = source.candidates(
            linkedin=target["linkedin"], emails=target["emails"], names=target["names"], member=member
        )
        out = []
        for r in rows:
            rec = _row(r)
            how = _matched(rec, target)
            if how:
                rec["matched"] = how
                out.append(rec)
        return out

    def _answer(self, run, *, offline: bool = False) -> tuple[Any, dict]:
        """Run a query on the server; when it cannot be reached, or `offline` (nothing sent), on the cache, saying
        how old it is."""
        link, key = self._linked()
        if not offline:
            try:
                with self._session(link, "ask the team") as pg:
                    me = self._whoami(pg, link, key)
                    return run(_ServerSource(pg), me), {"source": "server", "as_of": _now(), "age": None}
            except server.Unreachable as exc:
                stamp = cache.synced_at(self.db_path)
                if stamp is None:
                    raise server.Unreachable(
                        exc.message + "; and there is no cached copy of the team yet",
                        hint="Once the server is back, cnet team sync keeps a copy of the team here for such times.",
                    ) from None
                self.net.notices.append(f"{exc.message}; this answer is from the cache of {stamp} ({age(stamp)} old)")
        stamp = cache.synced_at(self.db_path)
        if stamp is None:
            raise BadInput("--offline: there is no cached copy of the team yet", hint="cnet team sync keeps one here")
        reader = cache.CacheReader(self.db_path)
        try:
            return run(reader, link["handle"]), {"source": "cache", "as_of": stamp, "age": age(stamp)}
        finally:
            reader.close()

    def who_knows(
        self,
        person: str | None = None,
        *,
        company: str | None = None,
        linkedin: str | None = None,
        email: str | None = None,
        limit: int = 100,
        offline: bool = False,
    ) -> dict:
        """The members who know someone (or people at a company), best evidence and strength first; `offline`:
        from the cache only, sending the server nothing."""
        given = [x for x in (person, company, linkedin, email) if x is not None]
        if len(given) != 1:
            raise BadInput("say whom to look for: PERSON, or one of --company, --linkedin, --email")
        limit = max(1, min(limit, MAX_RESULTS))
        if company is not None:
            ckey = tx.name_fold(tx.clean_input(company))
            if not ckey:
                raise BadInput("--company: give a company name")

            def run(source, me):
                return [_row(r) | {"matched": "company"} for r in source.company(ckey, MAX_RESULTS * 4)]

            query: dict = {"company": company}
        else:
            target = self._identity(person, linkedin=linkedin, email=email)

            def run(source, me):
                return self._matches(source, target)

            query = {"person": target["label"]}
        rows, where = self._answer(run, offline=offline)
        rows.sort(key=_by_person if company is not None else _best_first)
        return {"query": query, **where, "knows": [_public(r) for r in rows[:limit]], "more": max(0, len(rows) - limit)}

    def path(self, person: str, *, k: int = 3, offline: bool = False) -> dict:
        """The warmest routes to someone through the team: a member's published tie to them, or to someone I know
        knows them (my own links), each hop saying whose tie it is; weakest tie first, then shortest."""
        from ..network.ties import DEFAULT_LINK_STRENGTH

        k = max(1, min(k, 50))
        target = self._identity(person)
        pid = target.get("pid")
        via: list[tuple[dict, int, dict]] = [(target, 3, {})]  # (whom a member must know, the last hop's band, hop)
        direct = None
        if pid is not None:
            with self.net._read() as conn:
                row = conn.execute("SELECT 1 FROM connection WHERE person_id = ?", (pid,)).fetchone()
                if row:
                    direct = {"hops": [{"from": "you", "to": target["label"], "whose": "you", "kind": "connection"}]}
                links = conn.execute(
                    "SELECT p.id, p.name, p.company, p.linkedin, coalesce(l.strength, ?), l.how FROM link l "
                    "JOIN person p ON p.id = CASE WHEN l.a = ? THEN l.b ELSE l.a END "
                    "WHERE (l.a = ? OR l.b = ?) AND p.is_me = 0 ORDER BY coalesce(l.strength, ?) DESC LIMIT ?",
                    (DEFAULT_LINK_STRENGTH, pid, pid, pid, DEFAULT_LINK_STRENGTH, MAX_NEIGHBOURS),
                ).fetchall()
                _link, key = self._linked()
                for npid, name, company, linkedin, strength, _how in links:
                    emails = [r[0] for r in conn.execute("SELECT address_key FROM email WHERE person_id = ?", (npid,))]
                    who = {
                        "label": name,
                        "name_key": tx.name_fold(name),
                        "company_key": tx.name_fold(company) if company else None,
                        "linkedin": [linkedin.casefold()] if linkedin else [],
                        "emails": [key.email(a) for a in emails],
                        "names": [tx.name_fold(name)],
                    }
                    hop = {
                        "from": name,
                        "to": target["label"],
                        "whose": "you",
                        "kind": "link",
                        "strength": BANDS[band_of(strength)],
                    }
                    via.append((who, band_of(strength), hop))

        def run(source, me):
            routes = []
            for who, last_band, last_hop in via:
                for r in self._matches(source, who):
                    first = {"from": "you", "to": r["member"], "whose": "team", "kind": "teammate"}
                    tie = {
                        "from": r["member"] if r["member"] != me else "you",
                        "to": r["name"],
                        "whose": r["member"],
                        "kind": "tie",
                        "evidence": r["evidence"],
                        "strength": BANDS[r["band"]],
                        "last_contact": r["last_contact"],
                        "matched": r["matched"],
                    }
                    hops = ([first] if r["member"] != me else []) + [tie] + ([last_hop] if last_hop else [])
                    weakest = min(r["band"], last_band)
                    routes.append(
                        {
                            "hops": hops,
                            "weakest": BANDS[weakest],
                            "_key": (-weakest, len(hops), EVIDENCE_CLASSES.index(r["evidence"]), _recent(r)),
                            "member": r["member"],
                        }
                    )
            routes.sort(key=lambda x: x["_key"])
            best, seen = [], set()
            for route in routes:
                sig = json.dumps(route["hops"], sort_keys=True)
                if sig in seen:
                    continue
                seen.add(sig)
                route.pop("_key")
                best.append(route)
                if len(best) == k:
                    break
            return best

        routes, where = self._answer(run, offline=offline)
        return {"to": target["label"], "you_know_them": direct is not None, **where, "routes": routes}


class _ServerSource:
    """Queries over the server, in the shape the cache's answers have."""

    _SELECT = (
        "SELECT t.member, m.name, t.name, t.company, t.title, t.linkedin, t.linkedin_key, t.name_key, t.company_key, "
        "t.evidence, t.band, t.last_contact, t.email_keys, t.ref FROM cnet_team.tie t "
        "JOIN cnet_team.member m ON m.handle = t.member "
    )

    def __init__(self, pg: Any) -> None:
        self.pg = pg

    def candidates(self, *, linkedin: list[str], emails: list[str], names: list[str], member: str | None = None):
        sql = self._SELECT + (
            "WHERE (t.linkedin_key = ANY(%(li)s) OR t.email_keys && %(em)s::text[] OR t.name_key = ANY(%(nk)s))"
        )
        if member:
            sql += " AND t.member = %(member)s"
        return self.pg.execute(
            sql + " LIMIT 5000", {"li": linkedin, "em": emails, "nk": names, "member": member}
        ).fetchall()

    def company(self, key: str, limit: int):
        return self.pg.execute(self._SELECT + "WHERE strpos(t.company_key, %s) > 0 LIMIT %s", (key, limit)).fetchall()


def _prefs_seat(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT seat FROM team_prefs WHERE id = 1").fetchone()
    return row[0] if row else None


def _private_tags(conn: sqlite3.Connection) -> list[str]:
    """The tags whose people this database keeps off any team (cnet team publish --team-private-tag)."""
    row = conn.execute("SELECT private_tags FROM team_prefs WHERE id = 1").fetchone()
    return list(json.loads(row[0])) if row else []


def _row(r: tuple) -> dict:
    keys = (
        "member",
        "member_name",
        "name",
        "company",
        "title",
        "linkedin",
        "linkedin_key",
        "name_key",
        "company_key",
        "evidence",
        "band",
        "last_contact",
        "email_keys",
        "ref",
    )
    return dict(zip(keys, r, strict=True))


def _matched(rec: dict, target: dict) -> str | None:
    """How a published tie is the person looked for: by LinkedIn URL, a keyed e-mail, or a name nothing contradicts."""
    if rec["linkedin_key"] and rec["linkedin_key"] in target["linkedin"]:
        return "linkedin"
    if set(rec["email_keys"] or []) & set(target["emails"]):
        return "email"
    if target.get("name_key") and rec["name_key"] == target["name_key"]:
        if rec["linkedin_key"] and target["linkedin"] and rec["linkedin_key"] not in target["linkedin"]:
            return None  # two people of one name: their LinkedIn profiles say so
        if target.get("company_key") and rec["company_key"] and target["company_key"] != rec["company_key"]:
            return None
        return "name"
    return None


def _recent(r: dict) -> str:
    # Later months sort first: invert the digits.
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in (r["last_contact"] or "0000-00"))


def _best_first(r: dict) -> tuple:
    return (EVIDENCE_CLASSES.index(r["evidence"]), -r["band"], _recent(r), r["member"])


def _by_person(r: dict) -> tuple:
    return (r["name_key"], r["linkedin_key"] or "", *_best_first(r))


def _public(r: dict) -> dict:
    return {
        "member": r["member"],
        "member_name": r["member_name"],
        "name": r["name"],
        "company": r["company"],
        "title": r["title"],
        "linkedin": r["linkedin"],
        "evidence": r["evidence"],
        "strength": BANDS[r["band"]],
        "last_contact": r["last_contact"],
        "matched": r.get("matched"),
    }


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(tx.printable(text))
