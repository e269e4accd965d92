"""`cnet team`: a team's shared warm paths on PostgreSQL; my notes stay on my machine.

No option here takes a password or a connection secret: those come the libpq way (~/.pgpass, PGPASSFILE,
PGSERVICE). psycopg is imported by the team's domain code only when a command needs the server.
"""

import shlex
from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import complete_person
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

app = typer.Typer(
    help="A team's shared warm paths: init, join, status, publish, sync, who-knows, path, ask, leave.",
    no_args_is_help=True,
)
UrlArg = Annotated[
    str,
    typer.Argument(
        metavar="URL",
        help="The team's PostgreSQL URL, e.g. postgresql://db.example/acme (no password: use ~/.pgpass or PGSERVICE).",
    ),
]
TagsOpt = Annotated[
    list[str] | None,
    typer.Option("--team-private-tag", help="Keep everyone with this tag off the team (remembered; repeatable)."),
]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="team")


def _kept_how(data: dict) -> str:
    """How the people kept off the team are kept, said the same way by publish, its dry run and status."""
    if not data["kept_private"]:
        return ""
    return f" ({data['kept_private_flagged']} marked team-private, {data['kept_private_by_tag']} by tag)"


def _notices(data: dict) -> None:
    for note in (data.get("asks") or {}).get("notices", []):
        render.warn(note)


@app.command("init")
def init(
    url: UrlArg,
    member: Annotated[
        list[str] | None,
        typer.Option("--member", "-m", help="A member's handle: a role is made for them (repeatable)."),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", help="Folder for the team's key and each new member's pgpass line (made private)."),
    ] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Create the team's store on PostgreSQL (as its owner) or bring it up to date, with a role per member."""
    from ..team.service import init_team

    data = init_team(url, member or [], out)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    verb = "Created" if data["new_team"] else "Updated"
    render.line(f"{verb} the team store at {data['server']} (team {data['team']})")
    for m in data["added"]:
        render.line(f"  member {m['handle']}: role {m['role']}")
    for f in data["files"]:
        render.line(f"  wrote {f}")
    if data["migrated"]:
        render.line(f"  schema migrated to version {data['schema_version']}")
    if not data["files"]:
        render.info("Nothing new to hand out: the store, its roles and its key were already right.")
        return
    render.info(
        "Give each member, by a private channel, the team key and their own .pgpass line (append it to their "
        "~/.pgpass, mode 0600); they join with: cnet team join URL --as HANDLE --key team.key"
    )


@app.command("join")
def join(
    ctx: typer.Context,
    url: UrlArg,
    as_: Annotated[str, typer.Option("--as", help="My handle in the team (the one the owner gave me).")],
    key: Annotated[str | None, typer.Option("--key", help="The team key file the owner gave me (team.key).")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check everything and show what would be sent about me; send nothing.")
    ] = False,
    take_over: Annotated[
        bool,
        typer.Option("--take-over", help="Move my seat here from another database (that one's team commands stop)."),
    ] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Link this database to a team as one of its members (a seat is one database)."""
    data = network(ctx).team.join(url, as_, key, dry_run=dry_run, take_over=take_over)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    about = data["would_send"] if dry_run else data["sent"]
    if dry_run:
        render.line(
            f"Would join team {data['team']} at {data['server']} as {data['handle']} ({data['members']} joined)"
            + (", taking the seat over from another database" if data["take_over"] else "")
        )
    else:
        verb = "Took the seat over" if data["took_over"] else "Joined again" if data["rejoined"] else "Joined"
        render.line(f"{verb}: team {data['team']} at {data['server']} as {data['handle']} ({data['members']} joined)")
    sent = {"name": about["name"], "linkedin": about["linkedin"], "e-mail hashes": " ".join(about["email_hashes"])}
    render.key_values(
        {k: v for k, v in sent.items() if v}, title="Sent about you" if not dry_run else "Would send about you"
    )
    if not dry_run:
        render.info("Next: cnet team publish --dry-run (what would be sent), then cnet team publish")


@app.command("status")
def status(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """The link to the team, what I last published, the members, asks waiting, the cache's age."""
    data = network(ctx).team.status()
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    if not data["linked"]:
        render.line("This database is not linked to a team (cnet team join URL --as HANDLE --key FILE).")
        return
    rows = {
        "team": data["team"],
        "server": data["server"] + ("" if data.get("reachable") else " (unreachable)"),
        "you": data["handle"],
        "joined": data["joined_at"],
        "published": f"{tx.counted(data['published'], 'tie')} at {data['published_at']}"
        if data["published_at"]
        else "never",
        "kept private": f"{data['kept_private']} at your next publish{_kept_how(data)}",
        "private tags": ", ".join(data["private_tags"] + data["policy_private_tags"]) or None,
        "asks for you": (
            f"{data['asks_in_request_list']} open in cnet request list"
            + (f", {data['new_asks']} new (cnet team sync)" if data.get("new_asks") else "")
        ),
        "your open asks": data.get("my_open_asks"),
        "cache": f"{data['cache']['as_of']} ({data['cache']['age']} old)" if data["cache"]["as_of"] else "none",
    }
    render.key_values({k: v for k, v in rows.items() if v is not None}, title="Team")
    if data.get("members"):
        render.simple_table(
            [{**m, "handle": m["handle"] + (" (you)" if m["you"] else "")} for m in data["members"]],
            ["handle", "name", "joined", "ties", "published_at"],
        )
    if data.get("error"):
        render.warn(data["error"])


@app.command("publish")
def publish(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print exactly what would be sent; send nothing.")] = False,
    team_private_tag: TagsOpt = None,
    team_shared_tag: Annotated[
        list[str] | None, typer.Option("--team-shared-tag", help="Stop keeping a tag's people off the team.")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Publish my projection: only what changed since the server last heard from me, in one transaction."""
    data = network(ctx).team.publish(
        dry_run=dry_run, private_tags=team_private_tag or [], shared_tags=team_shared_tag or []
    )
    how = render.mode(output, as_json)
    if how == Output.json:
        render.emit_json(data)
        return
    kept = f"{data['kept_private']} kept private" + _kept_how(data)
    if dry_run:
        _dry_run(data, kept, how)
        return
    render.line(
        f"Published: {data['added']} added, {data['changed']} changed, {data['withdrawn']} withdrawn, "
        f"{data['unchanged']} unchanged ({tx.counted(data['published'], 'tie')}; {kept})"
    )
    _asks_lines(data["asks"])


_DRY_RUN = ["action", "name", "company", "title", "linkedin", "evidence", "strength", "last_contact", "email_hashes"]


def _dry_run(data: dict, kept: str, how: Output) -> None:
    """What a publish would do: the summary, then every row it would send or withdraw: a table up to 200 rows,
    plain aligned columns beyond (30,000 ties print in about the time they take to work out, not minutes)."""
    summary = (
        f"Would send {tx.counted(data['sent'], 'tie')} ({data['added']} new, {data['changed']} changed) and withdraw "
        f"{data['withdrawn']}; {data['unchanged']} unchanged; {kept}"
    )
    rows = [{"action": "withdraw", "name": w["name"]} for w in data["would_withdraw"]] + [
        {**t, "email_hashes": " ".join(t["email_hashes"])} for t in data["would_send"]
    ]
    if how == Output.tsv:  # stdout holds the rows only
        render.info(summary)
        render.emit_tsv(rows, _DRY_RUN)
        return
    render.line(summary)
    if rows:
        render.emit_rows(rows, how, lambda head: render.simple_table(head, _DRY_RUN), tsv=_DRY_RUN, columns=_DRY_RUN)


def _asks_lines(asks: dict) -> None:
    for r in asks["received"]:
        render.line(f"New ask from {r['from']}: request #{r['request']} (cnet request show {r['request']})")
    for r in asks["answers"]:
        render.line(f"{r['member']} {r['status']} your ask (request #{r['request']})")
    for r in asks["answered"]:
        render.line(f"Sent your answer to {r['member']}'s ask #{r['ask']} (request #{r['request']}): {r['status']}")
    for r in asks["undelivered"]:
        render.warn(
            f"your answer to {r['member']}'s ask #{r['ask']} (request #{r['request']}, {r['status']}) could not be "
            f"delivered: the ask is no longer on the team server ({r['member']} left the team, or you no longer "
            "publish the person it names)"
        )
    for r in asks["withdrawn"]:
        if r["direction"] == "in":
            why = f"{r['member']} left the team, or you no longer publish the person it names"
            render.warn(
                f"{r['member']}'s ask #{r['ask']} left the team server unanswered ({why}): request #{r['request']} "
                "is closed as withdrawn"
            )
        else:
            why = f"{r['member']} left the team, or no longer publishes the person you asked about"
            render.warn(
                f"your ask #{r['ask']} to {r['member']} left the team server unanswered ({why}): request "
                f"#{r['request']} is closed as withdrawn"
            )
    for note in asks["notices"]:
        render.warn(note)


@app.command("sync")
def sync(ctx: typer.Context, output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Bring in asks for me and answers to my asks, send my answers back, and refresh the local cache."""
    data = network(ctx).team.sync()
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    _asks_lines(data["asks"])
    c = data["cache"]
    render.line(f"Cache up to date ({tx.counted(c['fetched'], 'tie')} fetched, {c['removed']} removed)")


OfflineOpt = Annotated[
    bool,
    typer.Option("--offline", help="Answer from the local cache only: nothing is sent to the team server."),
]
_KNOWS = ["member", "name", "company", "title", "evidence", "strength", "last_contact", "matched"]


@app.command("who-knows")
def who_knows(
    ctx: typer.Context,
    person: Annotated[
        str | None,
        typer.Argument(
            metavar="[PERSON]",
            help="Someone of mine, or a name, e-mail or LinkedIn URL.",
            autocompletion=complete_person,
        ),
    ] = None,
    company: Annotated[str | None, typer.Option("--company", help="People at this company.")] = None,
    linkedin: Annotated[str | None, typer.Option("--linkedin", help="A LinkedIn profile URL.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="An e-mail address (matched by its keyed hash).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="At most this many.")] = 100,
    offline: OfflineOpt = False,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Who in the team knows someone: best evidence and strength first, with the month of last contact."""
    given = sum(x is not None for x in (person, company, linkedin, email))
    if given > 1:
        raise typer.BadParameter("give only one of PERSON, --company, --linkedin, --email", param_hint="PERSON")
    if given == 0:
        raise typer.BadParameter(
            "say whom to look for: PERSON, or one of --company, --linkedin, --email", param_hint="PERSON"
        )
    data = network(ctx).team.who_knows(
        person, company=company, linkedin=linkedin, email=email, limit=limit, offline=offline
    )
    mode = render.mode(output, as_json)
    if mode == Output.json:
        render.emit_json(data)
    elif mode == Output.tsv:
        render.emit_tsv(data["knows"], _KNOWS)
    else:
        render.simple_table(data["knows"], _KNOWS, empty="No one in the team has published a tie to them.")
        if data["more"]:
            render.info(f"… and {data['more']} more (--limit)")
        if data["source"] == "cache":
            render.info(f"(from the cache of {data['as_of']}, {data['age']} old)")


@app.command("path")
def path(
    ctx: typer.Context,
    person: Annotated[
        str,
        typer.Argument(
            metavar="PERSON",
            help="Someone of mine, or a name, e-mail or LinkedIn URL.",
            autocompletion=complete_person,
        ),
    ],
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="How many routes.")] = 3,
    offline: OfflineOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """The warmest routes to someone through the team, each hop saying whose tie it is."""
    data = network(ctx).team.path(person, k=k, offline=offline)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    if data["you_know_them"]:
        render.line(f"You know {data['to']} yourself (cnet path {data['to']!r} for your own routes).")
    if not data["routes"]:
        render.line(f"No route to {data['to']} through the team.")
    for n, route in enumerate(data["routes"], 1):
        render.line(f"{n}. weakest tie: {route['weakest']}")
        tie = next((h["to"] for h in route["hops"] if h["kind"] == "tie"), data["to"])
        for hop in route["hops"]:
            if hop["kind"] == "teammate":
                # The ask names the teammate's own tie (the one they can introduce), ready to run.
                render.line(
                    f"   you → {hop['to']}: your teammate (cnet team ask {hop['to']} --to {shlex.quote(tie)} "
                    '--reason "…")'
                )
            elif hop["kind"] == "tie":
                whose = "your tie" if hop["whose"] == "you" or hop["from"] == "you" else f"{hop['whose']}'s tie"
                render.line(
                    f"   {hop['from']} → {hop['to']}: {whose}, {hop['evidence']}, {hop['strength']}"
                    + (f", last contact {hop['last_contact']}" if hop.get("last_contact") else "")
                )
            else:
                render.line(
                    f"   {hop['from']} → {hop['to']}: you recorded that they know each other ({hop['strength']})"
                )
    if data["source"] == "cache":
        render.info(f"(from the cache of {data['as_of']}, {data['age']} old)")


@app.command("ask")
def ask(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="The teammate to ask (their handle).")],
    to: Annotated[str, typer.Option("--to", help="Whom I want to meet: someone among MEMBER's published ties.")],
    reason: Annotated[str, typer.Option("--reason", "-r", help="Why I want to meet them.")],
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Ask a teammate for an introduction; their own policy decides, and the answer comes back to my requests."""
    data = network(ctx).team.ask(member, to, reason)
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    render.line(
        f"Asked {data['member_name'] or member} ({member}) to introduce you to {data['to_name']}: "
        f"request #{data['id']} (cnet request list; the answer arrives with cnet team sync)"
    )


@app.command("leave")
def leave(
    ctx: typer.Context,
    local_only: Annotated[
        bool,
        typer.Option(
            "--local-only", help="Only unlink this database (a server gone for good): what you published stays there."
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Leave the team: every row I published is removed from the server, and this database is unlinked."""
    from ..errors import BadInput

    question = (
        "Unlink this database from the team (your rows stay on the server)?"
        if local_only
        else "Remove everything you published from the team and unlink?"
    )
    if not yes and not typer.confirm(question, err=True):
        raise BadInput("nothing removed")
    data = network(ctx).team.leave(local_only=local_only)
    if wants_json(output, as_json):
        render.emit_json(data)
    elif data["removed"] is None:
        render.line("Unlinked this database; what you published is still on the team server")
        render.warn("to remove it, join again from a machine that reaches the server and run cnet team leave")
    else:
        r = data["removed"]
        render.line(
            f"Left the team: removed {tx.counted(r['ties'], 'tie')} and {tx.counted(r['asks'], 'ask')}; this database is unlinked"
        )
    if data["asks_closed"] and not wants_json(output, as_json):
        render.info(
            f"{tx.counted(data['asks_closed'], 'open team ask')} can no longer travel: closed as withdrawn in cnet request list"
        )
