"""Commands for recognition I give: endorse, recommend, recognition."""

from typing import Annotated

import typer

from . import render
from .args import PersonArg
from .context import state
from .relationships import OverrideOpt, person_handle
from .render import JsonOpt, Output, OutputOpt, wants_json


def register(app: typer.Typer) -> None:
    app.command("endorse")(endorse)
    app.command("recommend")(recommend)
    app.command("recognition")(recognition)


def _give(ctx, person: str, kind: str, skill, text, override, json_mode: bool) -> None:
    from ..network.writes import give_recognition, recognition_dict
    from ..people.records import resolve_id
    from ..people.writes import resolve
    from ..policy import load_gate
    from ..store.database import Store
    from .gated import decision

    gate = load_gate()
    store = state(ctx).store()
    with store.connect() as conn:
        handle = person_handle(conn, resolve_id(conn, person))
    action = "endorse" if kind == "endorsement" else "recommend"
    with decision(store, action, [handle], detail={"skill": skill} if skill else None) as outcome, store.write() as s:
        row, verdict = give_recognition(
            s, resolve(s, handle), kind, skill=skill, text=text, gate=gate, override=override
        )
        outcome["verdict"] = verdict
        data = {**recognition_dict(Store.dbapi(s), row.id), "verdict": verdict.as_dict()}
    if json_mode:
        render.emit_json(data)
    elif kind == "endorsement":
        render.line(f"Endorsed {data['name']} ({data['handle']}) for {data['skill']}")
    else:
        render.line(data["text"])


def endorse(
    ctx: typer.Context,
    person: PersonArg,
    skill: Annotated[str, typer.Option("--skill", "-s", help="The skill you vouch for.")],
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Endorse a person for a skill (gated by honest-recognition)."""
    _give(ctx, person, "endorsement", skill, None, override, wants_json(output, as_json))


def recommend(
    ctx: typer.Context,
    person: PersonArg,
    text: Annotated[
        str | None, typer.Option("--text", help="Your recommendation (default: drafted from the evidence).")
    ] = None,
    override: OverrideOpt = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Write a recommendation for a person (gated by honest-recognition); prints it."""
    _give(ctx, person, "recommendation", None, text, override, wants_json(output, as_json))


def recognition(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help="Only this person.")] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the endorsements and recommendations I gave."""
    from ..network.ties import recognition_records
    from ..people.records import resolve_id

    store = state(ctx).store()
    with store.connect() as conn:
        data = recognition_records(conn, resolve_id(conn, person) if person else None)
    render.emit(
        data,
        wants_json(output, as_json),
        lambda rows: render.simple_table(
            rows, ["given_on", "handle", "kind", "skill", "text", "source"], empty="No recognition given yet."
        ),
    )
