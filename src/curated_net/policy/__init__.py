"""The policy hook every gated action goes through.

A gate evaluates an action against the user's rules and returns a verdict; it also decides
which connections count in the curated view. Until the rule engine is configured, the
permissive gate allows everything and calls a connection curated when it carries evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Refused

CRITERIA = ("client", "colleague", "business-partner", "classmate", "met-in-person", "family", "friend")


@dataclass
class RuleOutcome:
    id: str
    effect: str  # "deny" or "warn"
    passed: bool
    message: str
    fix: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "effect": self.effect,
            "passed": self.passed,
            "message": self.message,
            "fix": self.fix,
            "facts": self.facts,
        }


@dataclass
class Verdict:
    action: str
    rules: list[RuleOutcome] = field(default_factory=list)
    overridden: bool = False

    @property
    def refusals(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.effect == "deny"]

    @property
    def warnings(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed and r.effect == "warn"]

    @property
    def allowed(self) -> bool:
        return self.overridden or not self.refusals

    def as_dict(self) -> dict:
        return {"action": self.action, "allowed": self.allowed, "rules": [r.as_dict() for r in self.rules]}

    def raise_if_refused(self) -> None:
        if not self.allowed:
            lines = [f"refused by {r.id}: {r.message}" + (f" Fix: {r.fix}" if r.fix else "") for r in self.refusals]
            raise Refused("\n".join(lines))


@dataclass
class ConnectFacts:
    """What a connect rule may look at."""

    handle: str
    name: str
    evidence: list[dict]
    nominal_source: str | None = None


class Gate(Protocol):
    def evaluate(self, action: str, facts: Any) -> Verdict: ...

    def is_curated(self, facts: ConnectFacts) -> bool: ...

    def fingerprint(self) -> str: ...


class PermissiveGate:
    """Allows every action; a connection is curated when it carries at least one criterion."""

    def evaluate(self, action: str, facts: Any) -> Verdict:
        return Verdict(action)

    def is_curated(self, facts: ConnectFacts) -> bool:
        return any(e.get("criterion") for e in facts.evidence)

    def fingerprint(self) -> str:
        return "permissive-v1"


def default_gate() -> Gate:
    return PermissiveGate()
