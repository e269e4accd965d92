"""The command tree of the `cnet` app, walked from its Typer/Click objects: every command, its arguments and
options, with a plausible value for each, so a test can try every option of every command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from typer._click import types as ctypes

from curated_net.cli import app as cli_app


@dataclass
class Cmd:
    path: tuple[str, ...]
    command: Any
    arguments: list[Any] = field(default_factory=list)
    options: list[Any] = field(default_factory=list)


def walk() -> list[Cmd]:
    """Every leaf command of cnet, with its arguments and options (help and completion options left out)."""
    out: list[Cmd] = []

    def visit(path: tuple[str, ...], command: Any) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in sorted(command.commands.items()):
                if not getattr(sub, "hidden", False):
                    visit((*path, name), sub)
            return
        cmd = Cmd(path, command)
        for p in command.params:
            if p.param_type_name == "argument":
                cmd.arguments.append(p)
            elif not getattr(p, "hidden", False) and p.name != "help":
                cmd.options.append(p)
        out.append(cmd)

    for name, command in cli_app.eager_commands().items():
        visit((name,), command)
    return out


def choices(p: Any) -> tuple[str, ...] | None:
    """The values a parameter accepts when they are a closed set (cnet's one_of types, Typer's enum choices)."""
    t = p.type
    if getattr(t, "words", None):
        return tuple(t.words)
    if getattr(t, "choices", None):
        return tuple(str(c.value if hasattr(c, "value") else c) for c in t.choices)
    return None


def is_number(p: Any) -> bool:
    return isinstance(p.type, (ctypes.IntParamType, ctypes.FloatParamType, ctypes.IntRange, ctypes.FloatRange))


def plausible(p: Any) -> str:
    """A value the parameter accepts by its type (not necessarily one the command then accepts)."""
    found = choices(p)
    if found:
        return found[0]
    if is_number(p):
        low = getattr(p.type, "min", None)
        return str(low if low is not None else 1)
    if p.name in ("person", "a", "b", "other", "keep", "people", "persons", "who"):
        return "bones"
    return "x"


def required_args(cmd: Cmd) -> list[str]:
    """Plausible values for the command's required arguments, in order."""
    return [plausible(a) for a in cmd.arguments if a.required]
