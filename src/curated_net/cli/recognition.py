"""Commands for recognition I give: endorse, recommend, recognition."""

from typing import Annotated

import typer

from . import render
from .args import OverrideOpt, PersonArg, complete_person
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json


def register(app: typer.Typer) -> None:
    app.command("endorse")(endorse)
    app.command("recommend")(recommend)
    app.command("recognition")(recognition)


def _emit(data: dict, json_mode: bool) -> None:
    render.verdict_notes(data["verdict"])
    if json_mode:
        render.emit_json(data)
    elif data["kind"] == "endorsement":
        render.line(f"Endorsed {data['name']} ({data['handle']}) for {data['skill']}")
    else:
        render.line(data["text"])


def endorse(
    ctx: typer.Context,
    person: PersonArg,
    skill: Annotated[str, typer.Option("--skill", "-s", help="The skill you vouch for.")],
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Endorse a person for a skill (gated by honest-recognition)."""
    _emit(network(ctx).endorse(person, skill, override=override), wants_json(output, as_json))


def recommend(
    ctx: typer.Context,
    person: PersonArg,
    text: Annotated[
        str | None, typer.Option("--text", help="Your recommendation (default: drafted from the evidence).")
    ] = None,
    override: OverrideOpt = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Write a recommendation for a person (gated by honest-recognition); prints it."""
    _emit(network(ctx).recommend(person, text=text, override=override), wants_json(output, as_json))


def recognition(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(help="Only this person.", autocompletion=complete_person)] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List the endorsements and recommendations I gave."""
    columns = ["given_on", "handle", "kind", "skill", "text", "source"]
    render.emit(
        network(ctx).recognition(person),
        render.mode(output, as_json),
        lambda rows: render.simple_table(rows, columns, empty="No recognition given yet."),
        tsv=columns,
    )
