"""Commands that bring people in and take everything out: import and export."""

from collections.abc import Iterable
from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import choice, complete_person, complete_tag
from .context import network, state
from .render import DocOutput, DocOutputOpt, JsonOpt, wants_json

import_app = typer.Typer(help="Bring people in: linkedin, vcard, csv, json, mail, calendar.", no_args_is_help=True)
export_app = typer.Typer(
    help="Take everything out: json, vcard, csv, graph (to stdout unless --out).", no_args_is_help=True
)
OutOpt = Annotated[str | None, typer.Option("--out", "-O", help="Write to this file instead of stdout.")]


def _write(text: str | Iterable[str], out: str | None) -> None:
    """Write an export (whole, or piece by piece as it is read) to --out, or to stdout without one (or with
    `-`): to a terminal with control characters escaped, to a file or a pipe exact."""
    from ..paths import write_private

    written = write_private("-" if out is None else out, text)
    if str(written) != "-":
        render.info(f"Wrote {written}")


def register(root: typer.Typer) -> None:
    root.add_typer(import_app, name="import")
    root.add_typer(export_app, name="export")


@import_app.command("linkedin")
def import_linkedin(
    ctx: typer.Context,
    path: Annotated[str, typer.Argument(help="Connections.csv, an unzipped export folder, or the export .zip.")],
    no_subjects: Annotated[
        bool, typer.Option("--no-subjects", help="Keep no subject of messages.csv either (never a body).")
    ] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Import a LinkedIn export: people and nominal connections (never evidence), plus invitations and recognition.

    A full export's messages.csv becomes interactions matched by profile URL (its content is never kept), its
    Positions.csv and Education.csv your employers and schools."""
    json_mode = wants_json(output, as_json)
    net = network(ctx)
    with render.progress("Importing", enabled=not json_mode) as tick:
        summary = net.import_linkedin(path, progress=tick, subjects=not no_subjects)
    if json_mode:
        render.emit_json(summary)
        return
    _summary_lines(summary, path)


def _summary_lines(summary: dict, default_file: str) -> None:
    """An import's outcome for a person: what came in, what each other file gave, then every skip and warning
    grouped by its reason (45 'no name' rows are one line with their line numbers, not 20 lines and a 'more')."""
    also = summary.get("also") or {}
    words = {
        "people": "more people (from invitations and recognition)",
        "requests": "requests to review (cnet request list)",
        "endorsements": "endorsements",
        "recommendations": "recommendations",
        "invitations_sent": "invitations you sent (kept by profile for the review's score; not interactions)",
    }
    created = "; " + ", ".join(f"{n:,} {words.get(k, k)}" for k, n in also.items()) if also else ""
    skipped = summary["skipped"]
    render.line(
        f"People: {summary['added']:,} added, {summary['updated']:,} updated, {summary['unchanged']:,} unchanged"
        + (f", {len(summary['removed']):,} removed" if summary.get("removed") else "")
        + (f"; {tx.counted(len(skipped), 'row')} skipped (below)" if skipped else "")
        + created
    )
    for item in (summary.get("removed") or [])[:20]:
        why = item.get("reason") or f"their card was deleted from {item['file']}"
        render.line(f"removed {item['name']} ({item['person']}): {why}")
    for item in summary.get("conflicts", [])[:20]:
        if item["field"] == "card":  # deleted in another client, kept here
            render.warn(f"{item['file']}: {item['person']}: their card was deleted there; kept: {item['kept']}")
        else:
            render.warn(
                f"{item['file']}: {item['person']}: {item['field']} changed on both sides; kept cnet's "
                f"({item['kept']}), theirs: {item['theirs']}"
            )
    for fname, done in (summary.get("files") or {}).items():
        if "messages" in done:
            left = [
                (done.get("skipped_bulk", 0), "from LinkedIn or an advertiser"),
                (done.get("skipped_not_mine", 0), "neither from you nor to you"),
                (done.get("skipped_too_many_people", 0), "to a crowd"),
                (done.get("skipped_repeated", 0), "repeated rows"),
            ]
            not_kept = (
                "; not kept: " + ", ".join(f"{n:,} {why}" for n, why in left if n) if any(n for n, _ in left) else ""
            )
            render.line(
                f"{fname}: {tx.counted(done['messages'], 'message')} kept (never their content), "
                f"{tx.counted(done['duplicate'], 'message')} already kept; "
                f"{tx.counted(done['interactions_added'], 'new interaction')} with "
                f"{tx.counted(done['people_matched'], 'person')}{not_kept}"
            )
            if done.get("my_profile_saved"):
                render.line(f"{fname}: your LinkedIn profile is {done['my_profile']} (kept: cnet show me)")
        for kind in ("employers", "schools"):
            if kind in done:
                render.line(f"{fname}: {done[kind]} {kind} of yours")
    if skipped:
        render.warn(f"Skipped {tx.counted(len(skipped), 'row')} (nothing of them imported):")
        _grouped(skipped, default_file, "")
    if summary["warnings"]:
        _grouped(summary["warnings"], default_file, "")
    extra = sum(max(0, len(summary.get(k) or []) - 20) for k in ("removed", "conflicts"))
    if extra > 0:
        render.warn(f"… and {extra:,} more removed or changed on both sides (see --json)")


def _grouped(items: list[dict], default_file: str, lead: str, limit: int = 30) -> None:
    """One line a reason in a file, with the lines it was found on (the first ten)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for item in items:
        groups.setdefault((item.get("file", default_file), item["reason"]), []).append(item["line"])
    for n, ((fname, reason), lines) in enumerate(groups.items()):
        if n == limit:
            render.warn(f"… and {tx.counted(len(groups) - limit, 'other reason')} (see --json)")
            break
        if len(lines) == 1:
            render.warn(f"{fname}: line {lines[0]}: {lead}{reason}")
            continue
        shown = ", ".join(map(str, lines[:10])) + (", …" if len(lines) > 10 else "")
        render.warn(f"{fname}: {tx.counted(len(lines), 'row')}: {lead}{reason} (lines {shown})")


@import_app.command("vcard")
def import_vcard(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(help="vCard files (2.1, 3.0 or 4.0), vdir folders of .vcf files, or '-' for stdin."),
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Import nothing if any file holds no card (default: report, skip).")
    ] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Import address books: people (not connections), every property kept for export."""
    json_mode = wants_json(output, as_json)
    net = network(ctx)
    with render.progress("Importing", enabled=not json_mode) as tick:
        summary = net.import_vcard(files, strict=strict, progress=tick)
    if json_mode:
        render.emit_json(summary)
    else:
        _summary_lines(summary, files[0])


@export_app.command("vcard")
def export_vcard(
    ctx: typer.Context,
    people: Annotated[
        list[str] | None,
        typer.Argument(help="Whom to export (default: everyone but me).", autocompletion=complete_person),
    ] = None,
    version: Annotated[
        str,
        typer.Option("--version", click_type=choice("vcard version"), help="3.0 (read by every address book) or 4.0."),
    ] = "3.0",
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only people with this tag.", autocompletion=complete_tag)
    ] = None,
    out: OutOpt = None,
    vdir: Annotated[
        str | None,
        typer.Option("--vdir", metavar="DIR", help="One file a card in this folder, named by UID (khard, vdirsyncer)."),
    ] = None,
) -> None:
    """People as vCards, with every property their imported cards carried."""
    from ..errors import BadInput

    if vdir is not None:
        if out is not None:
            raise BadInput("give --out (one file) or --vdir (a folder), not both")
        written = network(ctx).export_vdir(vdir, people, tag=tag, version=version)
        render.info(f"Wrote {tx.counted(len(written), 'card')} to {vdir}")
        return
    _write(network(ctx).iter_export_vcard(people, tag=tag, version=version), out)


@export_app.command("json")
def export_json(
    ctx: typer.Context,
    out: OutOpt = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent the document (default: one record a line).")] = False,
) -> None:
    """Everything (people, evidence, links, interactions, introductions, requests, recognition, decisions, policy)."""
    from ..paths import existing_kind, policy_path, read_text_input

    p = policy_path()
    policy_text = read_text_input(p, what="policy") if existing_kind(p, what="policy") else None
    _write(network(ctx).iter_export_json(policy_text=policy_text, pretty=pretty), out)


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A file written by cnet export json ('-' reads stdin).")],
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Restore an export into a new, empty database (created if needed)."""
    from ..api import Network
    from ..io.jsondump import load

    counts = Network.restore(state(ctx).db_path, load(file))
    if wants_json(output, as_json):
        render.emit_json(counts)
    else:
        render.line(", ".join(f"{v} {k}" for k, v in counts.items() if isinstance(v, int)))
        for kept in counts.get("kept_in_notes", []):
            render.warn(f"kept in the notes, not accepted as a value today: {kept}")


@export_app.command("csv")
def export_csv(ctx: typer.Context, out: OutOpt = None) -> None:
    """People as CSV (cells a spreadsheet would run as a formula are made inert)."""
    _write(network(ctx).iter_export_csv(), out)


@import_app.command("csv")
def import_csv(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="A CSV file with a header row.")],
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="COLUMN=field (repeatable), e.g. 'Full name=name'.")
    ] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Import people from any CSV; columns are matched by name, or mapped with --map."""

    from ..errors import BadInput

    mapping = {}
    for item in map_ or []:
        col, sep, field = item.rpartition("=")
        if not sep or not col:
            raise BadInput(f"--map '{item}': write COLUMN=field")
        mapping[col] = field.strip()
    from ..paths import read_input

    summary = network(ctx).import_csv(read_input(file, stdin=False), mapping=mapping, name=file)
    if wants_json(output, as_json):
        render.emit_json(summary)
    else:
        _summary_lines(summary, file)


@export_app.command("graph")
def export_graph(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", click_type=choice("graph format"))] = "graphml",
    view: Annotated[str, typer.Option("--view", click_type=choice("view"))] = "curated",
    out: OutOpt = None,
) -> None:
    """The network for Gephi or Graphviz, with names and how each tie is known as attributes."""
    _write(network(ctx).iter_export_graph(fmt, view=view), out)


@import_app.command("mail")
def import_mail(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="mbox files, Maildir folders, folders of .eml, or .eml files.")],
    since: Annotated[str | None, typer.Option("--since", help="Only messages from this date on.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be done; write nothing.")] = False,
    no_subjects: Annotated[
        bool, typer.Option("--no-subjects", help="Keep no subject as an interaction's note.")
    ] = False,
    max_people: Annotated[
        int, typer.Option("--max-people", min=1, max=1000, help="Skip messages with more people than this.")
    ] = 10,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Interactions from your own mail, read locally, headers only (no body is stored); what it suggests."""
    json_mode = wants_json(output, as_json)
    with render.progress("Reading mail", enabled=not json_mode) as tick:
        data = network(ctx).import_mail(
            paths, since=since, subjects=not no_subjects, max_people=max_people, dry_run=dry_run, progress=tick
        )
    _archive_lines(data, "messages", json_mode)


@import_app.command("calendar")
def import_calendar(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help=".ics files (Google, Outlook, Apple, Thunderbird exports).")],
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only meetings from this date on (default: every single meeting, and a recurring one's "
            "occurrences from ten years ago).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be done; write nothing.")] = False,
    no_subjects: Annotated[bool, typer.Option("--no-subjects", help="Keep no title as an interaction's note.")] = False,
    max_people: Annotated[
        int, typer.Option("--max-people", min=1, max=1000, help="Skip meetings with more people than this.")
    ] = 10,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Meetings from your calendars: each past occurrence you attended, with each attendee cnet knows."""
    data = network(ctx).import_calendar(
        paths, since=since, subjects=not no_subjects, max_people=max_people, dry_run=dry_run
    )
    _archive_lines(data, "occurrences", wants_json(output, as_json))


def _archive_lines(data: dict, counted: str, json_mode: bool) -> None:
    if json_mode:
        render.emit_json(data)
        return
    skipped = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in data["skipped"].items() if n)
    render.line(
        f"{tx.counted(data[counted], counted.removesuffix('s'))} read: "
        f"{tx.counted(data['interactions_added'], 'interaction')} with {tx.counted(data['people_matched'], 'person')}"
        + (f"; skipped {skipped}" if skipped else "")
        + (
            f"; occurrences before {data['not_read_before']} not read (--since to go further back)"
            if data.get("not_read_before")
            else ""
        )
        + (" (dry run: nothing written)" if data["dry_run"] else "")
    )
    for p in data["problems"][:20]:
        render.warn(f"{p['file']}: " + (f"message {p['message']}: " if "message" in p else "") + p["reason"])
    if data["suggested_people"] or data["suggested_links"]:
        render.info(
            f"Suggested: {tx.counted(data['suggested_people'], 'person')}, {tx.counted(data['suggested_links'], 'link')}"
            " (see: cnet suggest)"
        )
