"""`cnet review`: walk a queue of people in the terminal, one keystroke a decision, each saved as given."""

import sys
from typing import Annotated

import typer

from .. import text as tx
from . import render
from .args import choice, one_of
from .context import network
from .filters import (
    CompanyFilter,
    ConnectedBeforeFilter,
    NeverContactedFilter,
    ScoreBelowFilter,
    TagFilter,
    filters,
)
from .lineedit import Terminal
from .render import JsonOpt, Output, OutputOpt, wants_json

KEYS = {
    "c": "colleague",
    "l": "client",
    "b": "business-partner",
    "s": "classmate",
    "m": "met-in-person",
    "f": "family",
    "r": "friend",
}
CANCELLED = "  cancelled (nothing saved)\n"
ACTIONS_HELP = (
    "  h how we met  w since when  i a highlight  p prune  n/space skip  z snooze  u undo  q quit  ? help\n"
    "  at a question: Enter saves; Esc, Ctrl-D or Ctrl-C cancels it and saves nothing"
)


def keys_help(counting: dict) -> str:
    """The keys, the criteria the policy counts first; those it does not count are marked, not hidden."""
    counts = [
        f"{k} {c}" + (" (with the conversation)" if c in counting["need_conversation"] else "")
        for k, c in KEYS.items()
        if c in counting["criteria"]
    ]
    other = [f"{k} {c}" for k, c in KEYS.items() if c not in counting["criteria"]]
    lines = ["  " + "  ".join(counts)]
    if other:
        lines.append("  not evidence under your policy: " + "  ".join(other))
    return "\n".join(lines) + "\n" + ACTIONS_HELP


def register(app: typer.Typer) -> None:
    app.command("review")(review)


def _show(p: dict, n: int, total: int) -> None:
    lk = p["likely_known"]
    out = [f"\n[{n}/{total}] {p['name']} ({p['handle']})  likely known: {lk['score']}/100"]
    role = " at ".join(x for x in (p.get("title"), p.get("company")) if x)
    if role:
        out.append(f"  {role}")
    if lk["why"]:
        out.append("  why: " + "; ".join(lk["why"]))
    if p.get("nominal"):
        out.append(
            f"  {p['nominal']['source']} connection" + (f" since {p['nominal']['on']}" if p["nominal"]["on"] else "")
        )
    if p["interactions"]["count"]:
        n = p["interactions"]["count"]
        out.append(f"  {tx.counted(n, 'interaction')}, the last on {p['interactions']['last']}")
    if p.get("how_met"):
        out.append(f"  how we met: {p['how_met']}")
    out.append("  > ")
    sys.stdout.write(render.plain("\n".join(out)))
    sys.stdout.flush()


def review(
    ctx: typer.Context,
    queue: Annotated[str, typer.Option("--queue", click_type=choice("review queue"), help="Which people.")] = "nominal",
    company: CompanyFilter = None,
    tag: TagFilter = None,
    connected_before: ConnectedBeforeFilter = None,
    never_contacted: NeverContactedFilter = False,
    score_below: ScoreBelowFilter = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", click_type=one_of(("score", "name"), what="order"), help="Most likely known first, or by name."
        ),
    ] = "score",
    as_list: Annotated[
        bool, typer.Option("--list", help="Print the queue (score and why) instead of walking it; needs no terminal.")
    ] = False,
    output: OutputOpt = Output.table,
    as_json: JsonOpt = False,
) -> None:
    """Walk a queue of people one keystroke a decision: evidence, prune, skip, snooze, undo.

    The people you most likely know come first: the likely-known score (0-100) counts interactions, employers
    and schools shared with you, links to your other connections, recognition, invitations you sent and how
    recently you connected; each card says why."""
    from ..errors import CnetError, Refused
    from ..network.writes import EvidenceInput

    f = filters(company, tag, connected_before, never_contacted, score_below)
    if as_list or wants_json(output, as_json) or output == Output.tsv:
        how = render.mode(output, as_json)
        rows = network(ctx).review_queue(queue, f, sort=sort)
        if how != Output.json:
            for r in rows:
                r["why"] = "; ".join(r["why"])
        if how == Output.table and not render.is_terminal():
            render.plain_rows(rows, ["handle", "score", "name", "company", "why"])  # to a pipe: no table laid out
            return
        columns = ["handle", "name", "company", "score", "why"]
        render.emit(
            rows,
            render.mode(output, as_json),
            lambda d: render.simple_table(d, columns, empty="Nothing to review."),
            tsv=columns,
        )
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        render.error(
            "cnet review needs a terminal (it reads single keystrokes)",
            hint="To see the queue: cnet review --list; for many people at once: cnet connect --file evidence.csv",
        )
        raise typer.Exit(2)
    net = network(ctx)
    help_text = keys_help(net.counting("connect"))
    session = net.review(queue, f, sort=sort)
    if not len(session):
        render.line(f"Nothing to review in the {queue} queue" + (f" ({f.describe()})." if f.any else "."))
        return
    later = session.skipped_earlier
    skipped = f"; {tx.counted(later, 'person')} skipped before, at the end" if later else ""
    sys.stdout.write(
        render.plain(
            f"Reviewing {tx.counted(len(session), 'person')} ({queue}{skipped}). ? for the keys.\n" + help_text + "\n"
        )
    )
    term = Terminal()
    while not session.finished:
        _show(session.card(), session.position, len(session))
        key = term.key()
        sys.stdout.write((key if len(key) == 1 else f"({key})") + "\n")
        try:
            if key in KEYS:
                criterion = KEYS[key]
                if criterion == "met-in-person":  # the two things the rule asks of a meeting
                    text = term.line("  the conversation you remember (Enter for none): ")
                    where = term.line("  where (Enter for none): ") if text is not None else None
                    if text is None or where is None:
                        sys.stdout.write(CANCELLED)
                        continue
                    evidence = EvidenceInput(criterion, conversation=text.strip() or None, place=where.strip() or None)
                else:
                    text = term.line("  detail (Enter for none): ")
                    if text is None:
                        sys.stdout.write(CANCELLED)
                        continue
                    evidence = EvidenceInput(criterion, detail=text.strip() or None)
                data = session.evidence(evidence)
                render.verdict_notes(data["verdict"])
                sys.stdout.write(render.plain(f"  saved: {data['connection']['summary']}\n"))
            elif key in ("h", "w", "i"):
                field, label = {
                    "h": ("how_met", "how we met"),
                    "w": ("met_on", "since when (YYYY, YYYY-MM…)"),
                    "i": ("highlight", "a highlight"),
                }[key]
                answer = term.line(f"  {label}: ")
                if answer is None:
                    sys.stdout.write(CANCELLED)
                    continue
                text = answer.strip()
                if text:
                    session.edit(field, text)
                    sys.stdout.write("  saved\n")
            elif key == "p":
                session.prune()
                sys.stdout.write("  marked to prune (cnet prune list)\n")
            elif key in ("n", " "):
                session.skip()
            elif key == "z":
                answer = term.line("  snooze for how many days (Enter: 30): ")
                if answer is None:
                    sys.stdout.write(CANCELLED)
                    continue
                days = answer.strip()
                session.snooze(int(days) if days.isdigit() and 0 < int(days) < 36_500 else 30)
            elif key == "u":
                undone = session.undo()
                if undone is None:
                    sys.stdout.write("  nothing to undo\n")
                else:
                    sys.stdout.write(render.plain(f"  undone ({undone[0]}) for {undone[1]}\n"))
            elif key in ("q", "eof", "esc", "interrupt"):
                sys.stdout.write("Stopped; every answer is saved. cnet review goes on from here.\n")
                return
            elif key == "?":
                sys.stdout.write(help_text + "\n")
            else:
                sys.stdout.write("  ? for the keys\n")
        except Refused as exc:  # the same rule cnet connect applies, on the spot
            sys.stdout.write(render.plain(f"  {exc.message}\n"))
        except CnetError as exc:
            sys.stdout.write(render.plain(f"  error: {exc.message}\n"))
    session.finish()
    sys.stdout.write("The queue is done.\n")
