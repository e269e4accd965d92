"""`cnet review`: walk a queue of people in the terminal, one keystroke a decision, each saved as given."""

import sys
from typing import Annotated

import typer

from . import render
from .args import choice
from .context import network

KEYS = {
    "c": "colleague",
    "l": "client",
    "b": "business-partner",
    "s": "classmate",
    "m": "met-in-person",
    "f": "family",
    "r": "friend",
}
HELP = (
    "  c colleague  l client  b business-partner  s classmate  m met-in-person  f family  r friend\n"
    "  h how we met  w since when  i a highlight  p prune  n/space skip  z snooze  u undo  q quit  ? help"
)


def register(app: typer.Typer) -> None:
    app.command("review")(review)


def _key() -> str:
    """One keystroke, without Enter (the terminal in cbreak mode for that one key)."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        return sys.stdin.read(1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _line(prompt: str) -> str:
    sys.stdout.write(prompt)
    sys.stdout.flush()
    return sys.stdin.readline().rstrip("\n")


def _show(p: dict, n: int, total: int) -> None:
    out = [f"\n[{n}/{total}] {p['name']} ({p['handle']})"]
    role = " at ".join(x for x in (p.get("title"), p.get("company")) if x)
    if role:
        out.append(f"  {role}")
    if p.get("nominal"):
        out.append(
            f"  {p['nominal']['source']} connection" + (f" since {p['nominal']['on']}" if p["nominal"]["on"] else "")
        )
    if p["interactions"]["count"]:
        out.append(f"  {p['interactions']['count']} interactions, the last on {p['interactions']['last']}")
    if p.get("archives"):
        out.append(f"  from your archives: {p['archives']}")
    if p.get("how_met"):
        out.append(f"  how we met: {p['how_met']}")
    out.append("  > ")
    sys.stdout.write(render.plain("\n".join(out)))
    sys.stdout.flush()


def review(
    ctx: typer.Context,
    queue: Annotated[str, typer.Option("--queue", click_type=choice("review queue"), help="Which people.")] = "nominal",
    tag: Annotated[str | None, typer.Option("--tag", help="Only people with this tag.")] = None,
    company: Annotated[str | None, typer.Option("--company", help="Only people whose company contains this.")] = None,
) -> None:
    """Walk a queue of people one keystroke a decision: evidence, prune, skip, snooze, undo."""
    from ..errors import CnetError, Refused
    from ..network.writes import EvidenceInput

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        render.error(
            "cnet review needs a terminal (it reads single keystrokes)",
            hint="For many people at once without one: cnet connect --file evidence.csv",
        )
        raise typer.Exit(2)
    net = network(ctx)
    people = net.review_queue(queue, tag=tag, company=company)
    if not people:
        render.line(f"Nothing to review in the {queue} queue.")
        return
    sys.stdout.write(render.plain(f"Reviewing {len(people)} people ({queue}). ? for the keys.\n" + HELP + "\n"))
    done: list[tuple] = []  # what each answer did, newest last, for undo
    i = 0
    while i < len(people):
        p = people[i]
        _show(p, i + 1, len(people))
        key = _key()
        sys.stdout.write(key + "\n")
        handle = p["handle"]
        try:
            if key in KEYS:
                criterion = KEYS[key]
                if criterion == "met-in-person":  # the two things the rule asks of a meeting
                    text = _line("  the conversation you remember (Enter for none): ").strip() or None
                    where = _line("  where (Enter for none): ").strip() or None
                    evidence = EvidenceInput(criterion, conversation=text, place=where)
                else:
                    text = _line("  detail (Enter for none): ").strip() or None
                    evidence = EvidenceInput(criterion, detail=text)
                data = net.connect(handle, [evidence])
                render.verdict_notes(data["verdict"])
                sys.stdout.write(render.plain(f"  saved: {data['connection']['summary']}\n"))
                done.append(("evidence", i, handle, [e["id"] for e in data["added_evidence"]]))
                i += 1
            elif key in ("h", "w", "i"):
                field = {"h": "how we met", "w": "since when (YYYY, YYYY-MM…)", "i": "a highlight"}[key]
                text = _line(f"  {field}: ").strip()
                if text:
                    before = net.person(handle)
                    if key == "h":
                        net.edit(handle, how_met=text)
                    elif key == "w":
                        net.edit(handle, met_on=text)
                    else:
                        net.edit(handle, highlights=[text])
                    done.append(("edit", i, handle, before))
                    sys.stdout.write("  saved\n")
            elif key == "p":
                net.prune([handle])
                done.append(("prune", i, handle, None))
                sys.stdout.write("  marked to prune (cnet prune list)\n")
                i += 1
            elif key in ("n", " "):
                net.review_state(handle, "skip")
                done.append(("state", i, handle, None))
                i += 1
            elif key == "z":
                days = _line("  snooze for how many days (Enter: 30): ").strip()
                net.review_state(handle, "snooze", days=int(days) if days.isdigit() and 0 < int(days) < 36_500 else 30)
                done.append(("state", i, handle, None))
                i += 1
            elif key == "u":
                if not done:
                    sys.stdout.write("  nothing to undo\n")
                    continue
                kind, at, who, what = done.pop()
                if kind == "evidence" and what:
                    net.evidence(who, remove=what)
                elif kind == "prune":
                    net.prune([who], on=False)
                elif kind == "state":
                    net.review_state(who, None)
                elif kind == "edit":
                    net.edit(
                        who,
                        how_met=what["how_met"] or "",
                        met_on=what["met_on"] or "",
                        remove_highlights=[h for h in net.person(who)["highlights"] if h not in what["highlights"]],
                    )
                sys.stdout.write(render.plain(f"  undone ({kind}) for {who}\n"))
                i = at
            elif key in ("q", "\x04", "\x1b"):
                sys.stdout.write("Stopped; every answer is saved. cnet review goes on from here.\n")
                return
            elif key == "?":
                sys.stdout.write(HELP + "\n")
            else:
                sys.stdout.write("  ? for the keys\n")
        except Refused as exc:  # the same rule cnet connect applies, on the spot
            sys.stdout.write(render.plain(f"  {exc.message}\n"))
        except CnetError as exc:
            sys.stdout.write(render.plain(f"  error: {exc.message}\n"))
    net.review_done()
    sys.stdout.write("The queue is done.\n")
