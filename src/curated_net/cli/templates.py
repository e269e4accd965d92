"""Commands for the wording of drafts: template list, show, edit, reset."""

from typing import Annotated

import typer

from . import render
from .render import JsonOpt, Output, OutputOpt

app = typer.Typer(help="The templates drafts are written from: list, show, edit, reset.", no_args_is_help=True)
NameArg = Annotated[
    str, typer.Argument(metavar="NAME", help="intro, intro-markdown, describe, ask, decline-intro, ...")
]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="template")


@app.command("list")
def list_cmd(output: OutputOpt = Output.table, as_json: JsonOpt = False) -> None:
    """List the templates and whether you have your own version."""
    from ..intro.drafting import TEMPLATES, template_source

    data = []
    for name in TEMPLATES:
        _, path, mine = template_source(name)
        data.append({"name": name, "yours": mine, "path": str(path)})
    columns = ["name", "yours", "path"]
    render.emit(data, render.mode(output, as_json), lambda d: render.simple_table(d, columns), tsv=columns)


@app.command("show")
def show(
    name: NameArg,
    default: Annotated[bool, typer.Option("--default", help="Show the shipped version, not yours.")] = False,
) -> None:
    """Print a template (yours if you have one)."""
    import sys

    from ..intro.drafting import PACKAGE_DIR, template_file, template_source

    text = (PACKAGE_DIR / template_file(name)).read_text(encoding="utf-8") if default else template_source(name)[0]
    sys.stdout.write(render.plain(text) if render.is_terminal() else text)


@app.command("edit")
def edit(name: NameArg) -> None:
    """Edit your version of a template in $EDITOR; a template that does not compile is refused."""
    from ..intro.drafting import edit_template

    render.line(f"saved {edit_template(name)}")


@app.command("reset")
def reset(name: NameArg) -> None:
    """Drop your version of a template and go back to the shipped one."""
    from ..intro.drafting import template_file, user_dir

    target = user_dir() / template_file(name)
    if target.exists():
        target.unlink()
        render.line(f"removed {target}; '{name}' is the default again")
    else:
        render.line(f"'{name}' is already the default")
