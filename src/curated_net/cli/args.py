"""Arguments and options shared by command modules (kept apart so a module need not import another to use them)."""

from typing import Annotated

import typer


def one_of(values, *, what: str = "value"):
    """An option type that takes one of `values` (any case; '_' or a space for '-'), completes them in the
    shell, and makes anything else a usage error (exit 2), as Click's own choices are."""
    from typer._click.shell_completion import CompletionItem
    from typer._click.types import ParamType

    choices = tuple(values)

    class OneOf(ParamType):
        name = what
        words = choices  # what it accepts (tests walk every option's values)

        def convert(self, value, param, ctx):
            if not isinstance(value, str):
                return value
            v = value.strip().lower().replace("_", "-").replace(" ", "-")
            if v in choices:
                return v
            self.fail(f"'{value}' is not one of {', '.join(choices)}", param, ctx)

        def shell_complete(self, ctx, param, incomplete):
            return [CompletionItem(c) for c in choices if c.startswith(incomplete.lower())]

        def get_metavar(self, param, ctx=None):
            return "[" + "|".join(choices) + "]"

    return OneOf()


def _vocabulary():
    from ..intro.lifecycle import OUTCOMES, STATUSES
    from ..intro.requests import CHANNELS
    from ..intro.service import FORMATS as DRAFT_FORMATS
    from ..network.writes import KINDS, NOMINAL_SOURCES
    from ..people.records import SORTS
    from ..policy import CRITERIA
    from ..policy.kinds import ACTIONS

    return {
        "criterion": CRITERIA,
        "kind": KINDS,
        "source": NOMINAL_SOURCES,
        "channel": CHANNELS,
        "sort": tuple(SORTS),
        "view": ("curated", "nominal"),
        "draft format": DRAFT_FORMATS,
        "graph format": ("graphml", "gexf", "dot", "json"),
        "map format": ("html", "svg"),
        "vcard version": ("3.0", "4.0"),
        "intro status": STATUSES,
        "outcome": OUTCOMES,
        "request status": ("open", "accepted", "declined", "withdrawn"),
        "request kind": ("connect", "intro"),
        "prefer": ("keep", "other"),
        "action": ACTIONS,
        "verdict": ("allowed", "warned", "refused", "overridden"),
        "suggestion kind": ("people", "evidence", "links"),
        "review queue": ("nominal", "unintroducible", "stale", "suggested"),
    }


WORDS = _vocabulary()


def choice(what: str):
    return one_of(WORDS[what], what=what)


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from ..paths import resolve_db_path
    from ..store.light import complete_people

    db = ctx.find_root().params.get("db")
    out = []
    low = incomplete.casefold()
    for handle, name, nickname in complete_people(resolve_db_path(db), incomplete):
        if not name:  # too many to list: how the handles go on (see complete_people)
            out.append((incomplete + handle[len(incomplete) :], "…"))
            continue
        # The shell keeps only what starts with what was typed: a handle, or a nickname, completed from the
        # letters the user typed in their own case (a PERSON argument finds either whatever its case).
        if handle.startswith(low):
            out.append((incomplete + handle[len(incomplete) :], name))
        elif nickname and nickname.casefold().startswith(low) and " " not in nickname:
            out.append((incomplete + nickname[len(incomplete) :], name))
        elif name.casefold().startswith(low) and " " not in name:
            out.append((incomplete + name[len(incomplete) :], name))
        else:  # a name that starts so but whose handle does not (José -> jose): its handle
            out.append((handle, name))
    return out


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..paths import resolve_db_path
    from ..store.light import complete_tags

    low = incomplete.casefold()
    return [
        incomplete + t[len(incomplete) :] if t.casefold().startswith(low) else t
        for t in complete_tags(resolve_db_path(ctx.find_root().params.get("db")), incomplete)
    ]


PersonArg = Annotated[
    str,
    typer.Argument(
        help="Handle, name, e-mail, LinkedIn URL or a unique prefix.",
        autocompletion=complete_person,
    ),
]
OptionalPerson = Annotated[
    str | None, typer.Argument(help="Handle, name, e-mail, LinkedIn URL or prefix.", autocompletion=complete_person)
]

CRITERIA_HELP = "client, colleague, business-partner, classmate, met-in-person, family or friend"
AsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--as",
        click_type=one_of(WORDS["criterion"], what="criterion"),
        help=f"Criterion (repeatable): {CRITERIA_HELP}. Which count is your policy's call (cnet policy show).",
    ),
]
DetailOpt = Annotated[
    list[str] | None, typer.Option("--detail", help="What we did together (one per --as, or one for all).")
]
SinceOpt = Annotated[list[str] | None, typer.Option("--since", help="Start: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOpt = Annotated[list[str] | None, typer.Option("--until", help="End of the period, if it ended.")]
PlaceOpt = Annotated[list[str] | None, typer.Option("--place", help="Where.")]
ConversationOpt = Annotated[
    list[str] | None, typer.Option("--conversation", help="The memorable conversation (for met-in-person).")
]
OverrideOpt = Annotated[
    str | None,
    typer.Option("--override", help="Go ahead despite failing rules that allow an override; the reason is recorded."),
]


def pair_evidence(criteria, **fields):
    """Pair repeatable evidence options with the --as they belong to, in order ('' for none)."""
    from ..errors import BadInput
    from ..network.writes import EvidenceInput

    criteria = criteria or []
    n = len(criteria)
    columns = {}
    for name, values in fields.items():
        values = values or []
        if values and not n:
            raise BadInput(f"--{name} describes a criterion: give --as too (e.g. --as colleague --{name} ...)")
        if len(values) not in (0, n):
            raise BadInput(
                f"{len(values)} --{name} for {n} --as: give one --{name} for each --as, in order "
                f"(use --{name} '' where one has none), or connect once per criterion"
            )
        columns[name] = [v or None for v in values] or [None] * n
    return [EvidenceInput(c, **{k: v[i] for k, v in columns.items()}) for i, c in enumerate(criteria)]


MAX_TEXT_FILE = 1_000_000  # bytes: a note someone sent, not an archive


def read_text_arg(file: str, *, what: str) -> str:
    """The text of a small file named on the command line ('-' for stdin), read by `paths.open_input`'s rules
    (a regular file only), at most MAX_TEXT_FILE bytes, UTF-8; anything else is bad input naming the file."""
    import sys

    from ..errors import BadInput
    from ..paths import open_input

    f = open_input(file, what=what)
    try:
        data = f.read(MAX_TEXT_FILE + 1)
    finally:
        if f is not sys.stdin.buffer:
            f.close()
    if len(data) > MAX_TEXT_FILE:
        raise BadInput(f"{what} {file}: larger than {MAX_TEXT_FILE:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{what} {file}: not UTF-8 text (byte {exc.start})") from None
