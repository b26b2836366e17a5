"""The PolicyEngine interface: compile eagerly, evaluate a rule path (never a query string)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any, ClassVar

from auditor.errors import PolicyError


class PolicyEngine(ABC):
    name: ClassVar[str]

    @abstractmethod
    def load(self, modules: dict[str, str], data: dict[str, Any] | None = None) -> None:
        """Compile Rego modules {path: text}. Raise PolicyError naming file:line:col on any error,
        including an unknown builtin (evaluate once at load if the backend compiles lazily)."""

    @abstractmethod
    def evaluate(self, rule_path: str, input_doc: dict[str, Any]) -> Any:
        """Evaluate e.g. "data.dpp.net.net_1.deny"; return the JSON value, or None when undefined.
        Sets are returned as lists (order is not meaningful)."""

    def evaluate_many(self, rule_paths: Iterable[str], input_doc: dict[str, Any]) -> dict[str, Any]:
        """{rule path: value or None} for one input. Backends override it to send or set the
        input once (a large input makes per-rule calls costly)."""
        return {path: self.evaluate(path, input_doc) for path in rule_paths}

    def evaluate_isolated(
        self, rule_paths: Iterable[str], input_doc: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """({path: value or None}, {path: "file:line:col: error"}) for one input.

        A run-time error in one rule (a type error on damaged evidence, a missing builtin) costs
        that rule only: the fast batch is tried first, and when it fails every path is
        evaluated on its own so the error is pinned to the rules that raise it.
        """
        paths = list(dict.fromkeys(rule_paths))
        try:
            return self.evaluate_many(paths, input_doc), {}
        except PolicyError:
            pass
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for path in paths:
            try:
                values[path] = self.evaluate(path, input_doc)
            except PolicyError as exc:
                errors[path] = str(exc)
        return values, errors

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources."""
