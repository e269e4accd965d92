"""Commands for me and people: init, add, show, list, edit, rm, search."""

from typing import Annotated

import typer

from . import render
from .args import PersonArg, choice, complete_tag
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

# Options shared by `add` and `edit`.
EmailOpt = Annotated[list[str] | None, typer.Option("--email", "-e", help="E-mail address (repeatable).")]
PhoneOpt = Annotated[list[str] | None, typer.Option("--phone", "-p", help="Phone number (repeatable).")]
CompanyOpt = Annotated[str | None, typer.Option("--company", "-c", help="Company.")]
TitleOpt = Annotated[str | None, typer.Option("--title", "-t", help="Job title.")]
NicknameOpt = Annotated[str | None, typer.Option("--nickname", help="What close friends call them.")]
PronounsOpt = Annotated[str | None, typer.Option("--pronouns", help="Pronouns, e.g. she/her.")]
LocationOpt = Annotated[str | None, typer.Option("--location", help="Where they live or work.")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).", autocompletion=complete_tag)]
LinkedinOpt = Annotated[str | None, typer.Option("--linkedin", help="LinkedIn profile URL.")]
HowMetOpt = Annotated[str | None, typer.Option("--how-met", help="How we met.")]
MetOnOpt = Annotated[str | None, typer.Option("--met-on", help="When we met: YYYY, YYYY-MM or YYYY-MM-DD.")]
BirthdayOpt = Annotated[
    str | None, typer.Option("--birthday", help="YYYY-MM-DD, or --MM-DD with no year ('' clears); shown in cnet due.")
]
AnniversaryOpt = Annotated[str | None, typer.Option("--anniversary", help="As --birthday.")]
HighlightOpt = Annotated[list[str] | None, typer.Option("--highlight", help="What stands out about them (repeatable).")]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Notes.")]
DniOpt = Annotated[
    bool | None,
    typer.Option("--do-not-introduce/--may-introduce", help="Never introduce this person to anyone."),
]
NoRecruitersOpt = Annotated[
    bool | None, typer.Option("--no-recruiters/--recruiters-ok", help="Keep recruiters away from them.")
]
TeamPrivateOpt = Annotated[
    bool | None,
    typer.Option("--team-private/--team-shared", help="Never publish this person to a team (cnet team publish)."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Save even if this looks like a duplicate.")]


PEOPLE_TSV = ["handle", "name", "company", "title", "emails", "tags"]
PEOPLE_COLUMNS = ["handle", "name", "company", "title", "tags"]  # a table's, as plain columns


def register(app: typer.Typer) -> None:
    for fn in (init, add, show, list_, edit, rm, search):
        name = fn.__name__.rstrip("_")
        app.command(name)(fn)


def init(
    ctx: typer.Context,
    name: Annotated[str, typer.Option("--name", "-n", help="Your own name.")],
    email: Annotated[
        list[str] | None, typer.Option("--email", "-e", help="Your own address (repeatable): how mail is read.")
    ] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Create the database (if needed) and set me."""
    data = network(ctx, create=True).init(name, emails=email or [])
    if wants_json(output, as_json):
        render.emit_json(data)
        return
    verb = {"created": "Created", "unchanged": "Already set up", "renamed": "Renamed me in"}[data["status"]]
    render.line(f"{verb} {data['db']} (me: {data['me']['name']})")


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    company: CompanyOpt = None,
    title: TitleOpt = None,
    nickname: NicknameOpt = None,
    pronouns: PronounsOpt = None,
    location: LocationOpt = None,
    tag: TagOpt = None,
    linkedin: LinkedinOpt = None,
    how_met: HowMetOpt = None,
    met_on: MetOnOpt = None,
    birthday: BirthdayOpt = None,
    anniversary: AnniversaryOpt = None,
    highlight: HighlightOpt = None,
    note: NoteOpt = None,
    do_not_introduce: DniOpt = None,
    no_recruiters: NoRecruitersOpt = None,
    team_private: TeamPrivateOpt = None,
    handle: Annotated[str | None, typer.Option("--handle", help="Choose the handle yourself.")] = None,
    force: ForceOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Add a person; print the new handle."""
    from ..people.writes import PersonChanges

    changes = PersonChanges(
        handle=handle,
        nickname=nickname,
        pronouns=pronouns,
        company=company,
        title=title,
        location=location,
        linkedin=linkedin,
        how_met=how_met,
        met_on=met_on,
        birthday=birthday,
        anniversary=anniversary,
        notes=note,
        do_not_introduce=do_not_introduce,
        no_recruiters=no_recruiters,
        team_private=team_private,
        emails=email or [],
        phones=phone or [],
        tags=tag or [],
        highlights=highlight or [],
    )
    data = network(ctx).add(name, changes, force=force)
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(data["handle"])


def show(
    ctx: typer.Context,
    person: PersonArg,
    explain: Annotated[bool, typer.Option("--explain", help="Show the parts of the relationship strength.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Show everything about one person: details, connection, degree, interactions, strength."""
    render.emit(network(ctx).show(person, explain=explain), wants_json(output, as_json), render.person_card)


def list_(
    ctx: typer.Context,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only people with this tag.", autocompletion=complete_tag)
    ] = None,
    company: Annotated[str | None, typer.Option("--company", "-c", help="Company contains this text.")] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", click_type=choice("sort"), help="name, handle, company, added, updated, last-contact or strength."
        ),
    ] = "name",
    limit: Annotated[int | None, typer.Option("--limit", min=1, max=10_000_000, help="At most this many.")] = None,
    include_me: Annotated[bool, typer.Option("--include-me", help="List me too.")] = False,
    degree: Annotated[
        int | None, typer.Option("--degree", "-d", min=1, max=50, help="Only people this many hops from me.")
    ] = None,
    view: Annotated[
        str, typer.Option("--view", click_type=choice("view"), help="With --degree: which view.")
    ] = "curated",
    all_: Annotated[
        bool, typer.Option("--all", help="On a terminal, list everyone (not just the first screens).")
    ] = False,
    due: Annotated[bool, typer.Option("--due", help="Only people due for contact (cnet due).")] = False,
    not_contacted_since: Annotated[
        str | None, typer.Option("--not-contacted-since", metavar="DATE", help="Only people not in touch since DATE.")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List people, filtered by tag, company or degree from me."""
    how = render.mode(output, as_json)
    # A table on a terminal shows a screen's worth at once; --json, --output tsv, a pipe and --all get everyone,
    # streamed as they are read.
    cut = render.screen_rows() if how == Output.table and render.is_terminal() and not all_ and not limit else None
    net = network(ctx)
    filters = dict(
        tag=tag,
        company=company,
        include_me=include_me,
        degree=degree,
        view=view,
        due=due,
        not_contacted_since=not_contacted_since,
    )
    rows = net.iter_people(sort=sort, limit=cut + 1 if cut else limit, **filters)  # type: ignore[arg-type]
    at_most = cut or limit

    def table(people: list) -> None:
        # A list cut short (a screenful, or --limit) says of how many: "20 of 173,018 people".
        cut_short = at_most is not None and len(people) >= at_most
        render.people_table(people, total=net.count_people(**filters) if cut_short else None)  # type: ignore[arg-type]

    render.emit_rows(rows, how, table, tsv=PEOPLE_TSV, columns=PEOPLE_COLUMNS, cut=cut)


def edit(
    ctx: typer.Context,
    person: PersonArg,
    name: Annotated[str | None, typer.Option("--name", help="New name (the handle stays).")] = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    company: CompanyOpt = None,
    title: TitleOpt = None,
    nickname: NicknameOpt = None,
    pronouns: PronounsOpt = None,
    location: LocationOpt = None,
    tag: TagOpt = None,
    linkedin: LinkedinOpt = None,
    how_met: HowMetOpt = None,
    met_on: MetOnOpt = None,
    birthday: BirthdayOpt = None,
    anniversary: AnniversaryOpt = None,
    highlight: HighlightOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="Replace the notes ('' clears).")] = None,
    append_note: Annotated[str | None, typer.Option("--append-note", help="Add a paragraph to the notes.")] = None,
    do_not_introduce: DniOpt = None,
    no_recruiters: NoRecruitersOpt = None,
    team_private: TeamPrivateOpt = None,
    remove_email: Annotated[list[str] | None, typer.Option("--remove-email", help="Remove an e-mail.")] = None,
    remove_phone: Annotated[list[str] | None, typer.Option("--remove-phone", help="Remove a phone.")] = None,
    untag: Annotated[list[str] | None, typer.Option("--untag", help="Remove a tag.")] = None,
    remove_highlight: Annotated[
        list[str] | None, typer.Option("--remove-highlight", help="Remove a highlight by number or text.")
    ] = None,
    employer: Annotated[
        list[str] | None,
        typer.Option("--employer", help='Where they worked, with the years if known: "Acme Corp 2016-2019".'),
    ] = None,
    school: Annotated[list[str] | None, typer.Option("--school", help='Where they studied: "MIT 2005-2009".')] = None,
    remove_employer: Annotated[
        list[str] | None, typer.Option("--remove-employer", metavar="NAME", help="Forget an employer.")
    ] = None,
    remove_school: Annotated[
        list[str] | None, typer.Option("--remove-school", metavar="NAME", help="Forget a school.")
    ] = None,
    force: ForceOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Change a person. Text options replace ('' clears); list options add; --remove-*/--untag remove."""
    from ..people.writes import PersonChanges

    changes = PersonChanges(
        name=name,
        nickname=nickname,
        pronouns=pronouns,
        company=company,
        title=title,
        location=location,
        linkedin=linkedin,
        how_met=how_met,
        met_on=met_on,
        birthday=birthday,
        anniversary=anniversary,
        notes=note,
        append_note=append_note,
        do_not_introduce=do_not_introduce,
        no_recruiters=no_recruiters,
        team_private=team_private,
        emails=email or [],
        phones=phone or [],
        tags=tag or [],
        highlights=highlight or [],
        employers=employer or [],
        schools=school or [],
        remove_employers=remove_employer or [],
        remove_schools=remove_school or [],
        remove_emails=remove_email or [],
        remove_phones=remove_phone or [],
        remove_tags=untag or [],
        remove_highlights=remove_highlight or [],
    )
    data = network(ctx).edit(person, changes, force=force)
    render.emit(data, wants_json(output, as_json), render.person_card)


def rm(
    ctx: typer.Context,
    person: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Remove a person and their ties (their handle is never reused)."""
    from ..errors import BadInput

    net = network(ctx)
    who = net.person(person)
    # Ask outside any transaction: a person thinking must not hold the write lock.
    if not yes and not typer.confirm(
        f"Remove {render.plain(who['name'])} ({who['handle']}) and all their ties?", err=True
    ):
        raise BadInput("nothing removed")
    data = net.remove(who["handle"])
    if wants_json(output, as_json):
        render.emit_json({"removed": data})
    else:
        render.line(f"Removed {data['name']} ({data['handle']})")


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to find (each as a prefix).")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=100_000, help="At most this many.")] = 50,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Search names, nickname, company, title, notes, how-met and highlights."""
    hits = network(ctx).search(text, limit=limit)
    how = render.mode(output, as_json)
    screen = render.screen_rows()
    cut = screen if how == Output.table and render.is_terminal() and len(hits) > screen else None
    render.emit_rows(
        hits,
        how,
        render.search_table,
        tsv=[*PEOPLE_TSV, "match"],
        columns=["handle", "name", "company", "match"],
        cut=cut,
        more_hint="--limit N, --output tsv or --json for the rest",
    )
