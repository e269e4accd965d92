"""The policy: user-written rules that gate connect, accept, intro, endorse and recommend.

`Gate` is the hook every gated action goes through. `PolicyGate` evaluates the user's policy
(or the built-in default); `PermissiveGate` allows everything (for tests and tools).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import BadInput, Refused

CRITERIA = ("client", "colleague", "business-partner", "classmate", "met-in-person", "family", "friend")


@dataclass
class RuleOutcome:
    id: str
    effect: str  # "deny" or "warn"
    passed: bool
    message: str
    fix: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    overridable: bool = False
    only_if_true: bool = False  # the fix records a fact: the user runs it only if it is true

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "effect": self.effect,
            "passed": self.passed,
            "message": self.message,
            "fix": self.fix,
            "fix_only_if_true": self.only_if_true,
            "facts": self.facts,
        }

    def line(self) -> str:
        word = "refused by" if self.effect == "deny" else "warning from"
        label = "Fix, only if true" if self.only_if_true else "Fix"
        return f"{word} {self.id}: {self.message}." + (f" {label}: {self.fix}" if self.fix else "")


@dataclass
class Verdict:
    action: str
    rules: list[RuleOutcome] = field(default_factory=list)
    policy_hash: str = ""
    overridden: bool = False
    override_reason: str | None = None

    @property
    def refusals(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.effect == "deny"]

    @property
    def warnings(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.effect == "warn"]

    @property
    def allowed(self) -> bool:
        return self.overridden or not self.refusals

    @property
    def outcome(self) -> str:
        if self.overridden:
            return "overridden"
        if self.refusals:
            return "refused"
        return "warned" if self.warnings else "allowed"

    def as_dict(self) -> dict:
        return {
            "action": self.action,
            "allowed": self.allowed,
            "outcome": self.outcome,
            "override_reason": self.override_reason,
            "policy": self.policy_hash,
            "rules": [r.as_dict() for r in self.rules],
            "fixes": [r.fix for r in self.rules if not r.passed and r.fix],
        }

    def override(self, reason: str | None) -> None:
        """Let the action through despite refusals, where every failing rule allows it."""
        if not reason or not self.refusals:
            return
        if not reason.strip():
            raise BadInput("--override needs a reason")
        stuck = [r.id for r in self.refusals if not r.overridable]
        if stuck:
            raise Refused(
                "\n".join(r.line() for r in self.refusals)
                + f"\n{', '.join(stuck)} cannot be overridden (the policy does not set allow_override = true)",
                verdict=self,
            )
        self.overridden = True
        self.override_reason = reason.strip()

    def raise_if_refused(self) -> None:
        if not self.allowed:
            raise Refused("\n".join(r.line() for r in self.refusals), hint=self.hint(), verdict=self)

    def hint(self) -> str | None:
        lines = []
        counting = sorted(
            {c for r in self.refusals for checked in r.facts.get("checked", []) for c in checked.get("counting", [])}
        )
        if counting:
            lines.append(f"Under your policy these count as evidence: {', '.join(counting)}.")
        if self.refusals and all(r.overridable for r in self.refusals):
            lines.append('Every failing rule allows an override: add --override "reason" to go ahead (it is recorded).')
        return "\n".join(lines) or None


@dataclass(frozen=True)
class Counting:
    """Which criteria count as evidence for an action under a policy, and which only with a conversation."""

    criteria: tuple[str, ...]
    need_conversation: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"criteria": list(self.criteria), "need_conversation": list(self.need_conversation)}


class Gate(Protocol):
    def evaluate(self, action: str, facts: dict, *, skip_kinds: tuple[str, ...] = ()) -> Verdict: ...

    def counting(self, action: str) -> Counting: ...

    def is_curated(self, facts: dict) -> bool: ...

    @property
    def fingerprint(self) -> str: ...


class PermissiveGate:
    """Allows every action; a connection is curated when it carries at least one criterion."""

    fingerprint = "permissive"

    def evaluate(self, action: str, facts: dict, *, skip_kinds: tuple[str, ...] = ()) -> Verdict:
        return Verdict(action, policy_hash=self.fingerprint)

    def is_curated(self, facts: dict) -> bool:
        return bool(facts["subjects"]["person"]["evidence"])

    def counting(self, action: str) -> Counting:
        return Counting(CRITERIA, ())


class PolicyGate:
    """Evaluates a policy: every applicable enabled rule runs; deny wins."""

    def __init__(self, policy) -> None:
        self.policy = policy

    @property
    def fingerprint(self) -> str:
        return self.policy.hash

    def evaluate(self, action: str, facts: dict, *, skip_kinds: tuple[str, ...] = ()) -> Verdict:
        """Run every enabled rule for the action (except kinds in skip_kinds, e.g. consent before asking)."""
        from .kinds import KINDS

        verdict = Verdict(action, policy_hash=self.policy.hash)
        for rule in self.policy.for_action(action):
            if rule.kind in skip_kinds:
                continue
            params = dict(rule.params)
            if "subjects" in params and not params["subjects"]:
                params["subjects"] = []
            result = KINDS[rule.kind].check(params, facts)
            message = result.message
            if rule.message and not result.passed:
                message = f"{rule.message} ({result.message})"
            verdict.rules.append(
                RuleOutcome(
                    id=rule.id,
                    effect=rule.effect,
                    passed=result.passed,
                    message=message,
                    fix=None if result.passed else result.fix,
                    facts=result.facts or {},
                    overridable=rule.allow_override,
                    only_if_true=result.only_if_true and not result.passed,
                )
            )
        return verdict

    def is_curated(self, facts: dict) -> bool:
        return not self.evaluate("connect", facts).refusals

    def counting(self, action: str) -> Counting:
        """The criteria every deny rule of the action that weighs evidence would count (in CRITERIA's order)."""
        from .kinds import KINDS

        allowed = set(CRITERIA)
        talk: set[str] = set()
        for rule in self.policy.for_action(action):
            if rule.effect != "deny" or "criteria" not in KINDS[rule.kind].params:
                continue
            params = {k: p.default for k, p in KINDS[rule.kind].params.items()} | dict(rule.params)
            allowed &= set(params["criteria"])
            talk |= set(params.get("require_conversation") or ())
        return Counting(tuple(c for c in CRITERIA if c in allowed), tuple(c for c in CRITERIA if c in talk & allowed))


def default_text() -> str:
    """The built-in default policy (the seeds' rules), as shipped beside this module."""
    from pathlib import Path

    return (Path(__file__).parent / "default.toml").read_text(encoding="utf-8")


def load_gate(path=None) -> PolicyGate:
    """The gate for the policy in force (the user's file, or the built-in default); a broken file raises."""
    from .loader import load_policy

    return PolicyGate(load_policy(path))


def default_gate() -> Gate:
    return load_gate()
