"""Commands for the policy: policy (path/init/show/check/edit), check, decisions, audit."""

from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import AsOpt, ConversationOpt, DetailOpt, PersonArg, PlaceOpt, SinceOpt, UntilOpt, choice, pair_evidence
from .context import network
from .render import DocOutput, DocOutputOpt, JsonOpt, Output, OutputOpt, wants_json

policy_app = typer.Typer(help="Your policy file: path, init, show, check, edit.", no_args_is_help=True)
check_app = typer.Typer(
    help="The policy's verdict on an action, without doing it (exit 3 when it would be refused).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")
    app.add_typer(check_app, name="check")
    app.command("decisions")(decisions)
    app.command("audit")(audit)


@policy_app.command("path")
def path(output: DocOutputOpt = DocOutput.table, as_json: JsonOpt = False) -> None:
    """Print where your policy file is (CNET_POLICY or the user config folder)."""
    from ..policy.loader import policy_path

    p = policy_path()
    if wants_json(output, as_json):
        render.emit_json({"path": str(p), "exists": p.exists()})
    else:
        render.line(str(p))


@policy_app.command("init")
def init(force: Annotated[bool, typer.Option("--force", help="Replace an existing policy file.")] = False) -> None:
    """Write the default policy, commented, to your policy file."""
    from ..policy.loader import init_policy

    render.line(str(init_policy(force=force)))


@policy_app.command("show")
def show(
    kinds: Annotated[bool, typer.Option("--kinds", help="List the rule kinds and their parameters instead.")] = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Show the rules in force as a table (or the vocabulary of rule kinds)."""
    from ..policy.kinds import KINDS
    from ..policy.loader import load_policy

    if kinds:
        data = [
            {
                "kind": k.name,
                "actions": list(k.actions),
                "checks": k.help,
                "params": {n: p.default for n, p in k.params.items()},
            }
            for k in KINDS.values()
        ]
        render.emit(
            data, wants_json(output, as_json), lambda d: render.simple_table(d, ["kind", "actions", "checks", "params"])
        )
        return
    policy = load_policy()
    shown = {"source": policy.source, "hash": policy.hash, "rules": [r.as_dict() for r in policy.rules]}
    render.emit(shown, wants_json(output, as_json), render.policy_table)


@policy_app.command("check")
def check_file(
    file: Annotated[str | None, typer.Argument(help="A policy file (default: yours).")] = None,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Validate a policy file; exit 1 naming every problem."""
    from pathlib import Path

    from ..policy.loader import PolicyError, load_policy, policy_path

    p = Path(file) if file else policy_path()
    try:
        policy = load_policy(p)
    except PolicyError as exc:
        if wants_json(output, as_json):
            render.emit_json({"ok": False, "source": str(p), "problems": exc.problems})
            raise typer.Exit(1) from None
        raise
    data = {"ok": True, "source": policy.source, "rules": len(policy.rules), "hash": policy.hash}
    if wants_json(output, as_json):
        render.emit_json(data)
    else:
        render.line(f"ok: {policy.source} ({tx.counted(len(policy.rules), 'rule')})")


@policy_app.command("edit")
def edit() -> None:
    """Open your policy in $EDITOR; a broken result is refused and your file is left as it was."""
    from ..policy.loader import edit_policy

    path, changed = edit_policy()
    render.line(f"saved {path}" if changed else f"{path} unchanged")


# -- check ---------------------------------------------------------------------------------------


ExplainOpt = Annotated[bool, typer.Option("--explain", help="Show the rules that pass too.")]


def _verdict(data: dict, explain: bool, json_mode: bool) -> None:
    if json_mode:
        render.emit_json(data)
    else:
        render.verdict_table(data, explain=explain)
    if not data["allowed"]:
        raise typer.Exit(3)


@check_app.command("connect")
def check_connect(
    ctx: typer.Context,
    person: PersonArg,
    as_: AsOpt = None,
    detail: DetailOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    conversation: ConversationOpt = None,
    explain: ExplainOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Would connecting with PERSON (with this evidence) be allowed?"""
    items = pair_evidence(as_, detail=detail, since=since, until=until, place=place, conversation=conversation)
    _verdict(network(ctx).check("connect", person, evidence=items), explain, wants_json(output, as_json))


@check_app.command("accept")
def check_accept(
    ctx: typer.Context,
    person: PersonArg,
    via: Annotated[str, typer.Option("--via", click_type=choice("channel"), help="How the request came.")] = "linkedin",
    as_: AsOpt = None,
    detail: DetailOpt = None,
    conversation: ConversationOpt = None,
    explain: ExplainOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Would accepting PERSON's connection request be allowed?"""
    items = pair_evidence(as_, detail=detail, conversation=conversation)
    _verdict(network(ctx).check("accept", person, evidence=items, via=via), explain, wants_json(output, as_json))


@check_app.command("intro")
def check_intro(
    ctx: typer.Context,
    a: PersonArg,
    b: PersonArg,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the two should talk.")] = None,
    request: Annotated[
        int | None, typer.Option("--request", min=1, max=2**62, help="The request this introduction answers.")
    ] = None,
    explain: ExplainOpt = False,
    output: DocOutputOpt = DocOutput.table,
    as_json: JsonOpt = False,
) -> None:
    """Would introducing A (who wants to reach B) to B be allowed?"""
    data = network(ctx).check("intro", a, b, reason=reason, request=request)
    _verdict(data, explain, wants_json(output, as_json))


def _recognition_check(action: str):
    def command(
        ctx: typer.Context,
        person: PersonArg,
        explain: ExplainOpt = False,
        output: DocOutputOpt = DocOutput.table,
        as_json: JsonOpt = False,
    ) -> None:
        _verdict(network(ctx).check(action, person), explain, wants_json(output, as_json))

    command.__doc__ = f"Would it be honest to {action} PERSON?"
    return command


check_app.command("endorse")(_recognition_check("endorse"))
check_app.command("recommend")(_recognition_check("recommend"))


# -- decisions and audit -------------------------------------------------------------------------


def decisions(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Option("--person", help="Only decisions about this person.")] = None,
    action: Annotated[str | None, typer.Option("--action", click_type=choice("action"))] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", click_type=choice("verdict"))] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, max=10_000_000, help="At most this many (newest first).")
    ] = None,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Every gated attempt, newest first: what was tried, the verdict, and each rule's outcome."""
    data = network(ctx).decisions(person=person, action=action, outcome=outcome, limit=limit)
    render.emit(
        data, render.mode(output, as_json), render.decisions_table, tsv=render.DECISIONS_TSV, rows=render.decision_rows
    )


def audit(
    ctx: typer.Context,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Hold the whole network against your policy: the connections and recognition it would refuse today."""
    render.emit(
        network(ctx).audit(),
        render.mode(output, as_json),
        render.audit_doc,
        tsv=render.AUDIT_TSV,
        rows=render.audit_rows,
    )
