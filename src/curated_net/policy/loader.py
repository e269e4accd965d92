"""Reading and validating policy files: every mistake is named with its rule and, where possible, its line."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadInput
from ..paths import policy_path
from ..text import counted
from . import default_text
from .kinds import ACTIONS, KINDS

RULE_KEYS = {"id", "kind", "actions", "effect", "enabled", "message", "allow_override", "params"}
TOP_KEYS = {"version", "rule", "settings"}
# Each setting's default; its type is the default's: a whole number of days, or a list of text.
SETTINGS: dict[str, int | list[str]] = {"pending_days": 14, "team_private_tags": []}
MAX_LIST = 1_000
EFFECTS = ("deny", "warn")
MAX_DAYS = 36_500  # a hundred years: any longer period cannot be a date
MAX_COUNT = 1_000_000
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Rule:
    id: str
    kind: str
    actions: tuple[str, ...]
    effect: str
    enabled: bool = True
    message: str | None = None
    allow_override: bool = False
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "actions": list(self.actions),
            "effect": self.effect,
            "enabled": self.enabled,
            "message": self.message,
            "allow_override": self.allow_override,
            "params": self.params,
        }


@dataclass
class Policy:
    rules: list[Rule]
    source: str  # a path, or "built-in default"
    text: str
    settings: dict = field(default_factory=lambda: _defaults())

    @functools.cached_property
    def hash(self) -> str:
        canonical = json.dumps([r.as_dict() for r in self.rules], sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def for_action(self, action: str) -> list[Rule]:
        return [r for r in self.rules if r.enabled and action in r.actions]


def _defaults() -> dict:
    return {k: list(v) if isinstance(v, list) else v for k, v in SETTINGS.items()}


class PolicyError(BadInput):
    """A policy file that cannot be used."""

    def __init__(self, source: str, problems: list[str]):
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"policy {source} is broken ({counted(len(problems), 'problem')}):\n{lines}",
            hint="Fix it with: cnet policy edit (cnet policy check shows the problems; cnet policy init --force "
            "restores the default)",
        )
        self.problems = problems


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force: the user's file if there is one, else the built-in default. Broken files raise."""
    from ..paths import existing_kind, read_input

    path = path or policy_path()
    if existing_kind(path, what="policy") is not None:
        try:
            text = read_input(path, stdin=False).decode("utf-8")
        except BadInput as exc:  # a FIFO, a device, a folder: named, never opened
            raise PolicyError(str(path), [f"cannot read it: {exc.message}"]) from None
        except UnicodeDecodeError as exc:
            raise PolicyError(str(path), [f"cannot read it: {exc}"]) from exc
        return parse_policy(text, str(path))
    return parse_policy(default_text(), "built-in default")


def _line_of(text: str, rule_index: int, rule_id: str | None, key: str | None = None) -> str:
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().startswith("[[rule]]")]
    if rule_index >= len(starts):
        return ""
    start = starts[rule_index]
    end = starts[rule_index + 1] if rule_index + 1 < len(starts) else len(lines)
    if key:
        for i in range(start, end):
            if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
                return f"line {i + 1}: "
    return f"line {start + 1}: "


def parse_policy(text: str, source: str) -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, [f"not valid TOML: {exc}"]) from exc
    except RecursionError:
        raise PolicyError(source, ["nested too deeply to be a policy"]) from None
    if not isinstance(data, dict):
        raise PolicyError(source, ["not a table of settings and rules"])
    problems: list[str] = []
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(f"unknown top-level key '{key}' (expected: version, [[rule]])")
    settings = _defaults()
    raw_settings = data.get("settings", {})
    if not isinstance(raw_settings, dict):
        problems.append("[settings] must be a table")
        raw_settings = {}
    for key, value in raw_settings.items():
        if key not in SETTINGS:
            problems.append(f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
        elif isinstance(SETTINGS[key], list):
            if not isinstance(value, list) or len(value) > MAX_LIST or not all(isinstance(v, str) for v in value):
                problems.append(f"setting '{key}' must be a list of text (at most {MAX_LIST})")
            else:
                settings[key] = value
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_DAYS:
            problems.append(f"setting '{key}' must be a whole number from 0 to {MAX_DAYS}")
        else:
            settings[key] = value
    if data.get("version", 1) != 1:
        problems.append(f"version {data.get('version')!r} is not one this cnet knows (1)")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        problems.append("'rule' must be a list of [[rule]] tables")
        raw_rules = []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_rules):
        if not isinstance(raw, dict):
            problems.append(f"{_line_of(text, i, None)}rule #{i + 1}: must be a [[rule]] table, not {raw!r:.40}")
            continue
        rid = raw.get("id") if isinstance(raw.get("id"), str) else None
        name = f"rule '{rid}'" if rid else f"rule #{i + 1}"

        def bad(msg: str, key: str | None = None, _i=i, _rid=rid, _name=name) -> None:
            problems.append(f"{_line_of(text, _i, _rid, key)}{_name}: {msg}")

        for key in sorted(set(raw) - RULE_KEYS):
            bad(f"unknown key '{key}' (expected: {', '.join(sorted(RULE_KEYS))})", key)
        if rid is None:
            bad('needs an id (a name such as "really-know")')
            continue
        if not _ID.match(rid):
            bad("id must be lowercase letters, digits and '-'", "id")
        if rid in seen:
            bad(f"duplicate id (also rule #{seen[rid] + 1})", "id")
        seen.setdefault(rid, i)
        kind = raw.get("kind")
        if kind not in KINDS:
            bad(f"unknown kind {kind!r} (known: {', '.join(KINDS)})", "kind")
            continue
        spec = KINDS[kind]
        actions = raw.get("actions")
        if not isinstance(actions, list) or not actions or not all(isinstance(a, str) for a in actions):
            bad('actions must be a non-empty list, e.g. ["intro"]', "actions")
            actions = []
        for a in actions:
            if a not in ACTIONS:
                bad(f"unknown action '{a}' (known: {', '.join(ACTIONS)})", "actions")
            elif a not in spec.actions:
                bad(f"kind '{kind}' cannot gate '{a}' (it gates: {', '.join(spec.actions)})", "actions")
        effect = raw.get("effect", "deny")
        if effect not in EFFECTS:
            bad(f'effect must be "deny" or "warn", not {effect!r}', "effect")
        for key in ("enabled", "allow_override"):
            if key in raw and not isinstance(raw[key], bool):
                bad(f"{key} must be true or false", key)
        if "message" in raw and not isinstance(raw["message"], str):
            bad("message must be text", "message")
        params_in = raw.get("params", {})
        if not isinstance(params_in, dict):
            bad("params must be a table ([rule.params])", "params")
            params_in = {}
        params = {}
        for key in sorted(set(params_in) - set(spec.params)):
            bad(f"unknown parameter '{key}' for kind '{kind}' (known: {', '.join(spec.params) or 'none'})", key)
        for key, p in spec.params.items():
            value = params_in.get(key, p.default)
            if p.type == "int":
                top = MAX_DAYS if key.endswith("days") else MAX_COUNT
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= top:
                    bad(f"parameter '{key}' must be a whole number from 0 to {top}", key)
            elif p.type == "bool":
                if not isinstance(value, bool):
                    bad(f"parameter '{key}' must be true or false", key)
            elif p.type == "list":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    bad(f"parameter '{key}' must be a list of text", key)
                elif p.choices:
                    for v in value:
                        if v not in p.choices:
                            bad(f"parameter '{key}': {v!r} is not one of {', '.join(p.choices)}", key)
            params[key] = value
        rules.append(
            Rule(
                id=rid,
                kind=kind,
                actions=tuple(actions),
                effect=effect,
                enabled=raw.get("enabled", True) is True,
                message=raw.get("message"),
                allow_override=raw.get("allow_override", False) is True,
                params=params,
            )
        )
    if problems:
        raise PolicyError(source, problems)
    return Policy(rules=rules, source=source, text=text, settings=settings)


def init_policy(*, force: bool = False) -> Path:
    """Write the default policy, commented, to the user's policy file (0600 in a 0700 folder)."""
    from ..paths import write_private

    p = policy_path()
    if p.exists() and not force:
        raise BadInput(f"{p} already exists", hint="Use --force to replace it with the default policy.")
    return write_private(p, default_text(), what="policy", make_folder=True, allow_stdout=False)


def edit_policy() -> tuple[Path, bool]:
    """Edit the policy in $EDITOR; save it only when it parses (a broken edit is kept beside it, the file left
    as it was). Return (the file, whether it changed)."""
    from ..paths import edit_in_editor, existing_kind, read_text_input, write_private

    p = policy_path()
    text = read_text_input(p, what="policy") if existing_kind(p, what="policy") else default_text()
    new = edit_in_editor(text, suffix=".toml", what=str(p))
    try:
        parse_policy(new, str(p))
    except PolicyError as exc:
        keep = write_private(
            p.with_name(p.name + ".rejected"), new, what="policy", make_folder=True, allow_stdout=False
        )
        exc.hint = f"Your edit is kept in {keep}; {p} was not changed."
        raise
    if new == text and p.exists():
        return p, False
    return write_private(p, new, what="policy", make_folder=True, allow_stdout=False), True
