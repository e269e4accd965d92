"""Arguments shared by command modules (kept apart so a module need not import another to use them)."""

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
