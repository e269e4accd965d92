"""Arguments and options shared by command modules (kept apart so a module need not import another to use them)."""

from typing import Annotated

import typer


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from ..paths import resolve_db_path
    from ..store.light import complete_people

    db = ctx.find_root().params.get("db")
    return complete_people(resolve_db_path(db), incomplete)


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
AsOpt = Annotated[list[str] | None, typer.Option("--as", help=f"Criterion (repeatable): {CRITERIA_HELP}.")]
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
