"""What the archives suggest: cnet suggest [people|evidence|links], accept, dismiss."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from . import render
from .args import choice
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt


class SuggestGroup(TyperGroup):
    """`cnet suggest [KIND]` lists; `cnet suggest accept|dismiss ID...` acts."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=SuggestGroup, help="What your mail and calendar suggest: people, evidence, links.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="suggest")


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Argument(click_type=choice("suggestion kind"), help="people, evidence or links.")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """List open suggestions with the facts behind each."""
    render.emit(
        network(ctx).suggestions(kind),
        render.mode(output, as_json),
        lambda rows: render.simple_table(rows, ["id", "facts", "criterion"], empty="No suggestions."),
        tsv=["id", "kind", "facts", "criterion"],
    )


@app.command("accept")
def accept(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Suggestion ids (from cnet suggest).")],
    as_: Annotated[
        str | None,
        typer.Option("--as", click_type=choice("criterion"), help="For evidence: how you know them."),
    ] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Record suggestions: add the person, connect with the evidence (gated by your policy), or link two people."""
    done = network(ctx).accept_suggestions(ids, criterion=as_)  # all or none
    for data in done:
        render.verdict_notes(data.get("verdict"))
    if render.mode(output, as_json) == Output.json:
        render.emit_json(done)
    else:
        for d in done:
            render.line(f"Accepted {d['id']}")


@app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Suggestion ids (from cnet suggest).")],
) -> None:
    """Dismiss suggestions: they do not come back (all of them, or none when one is not open)."""
    for data in network(ctx).dismiss_suggestions(ids):
        render.line(f"Dismissed {data['id']}")
