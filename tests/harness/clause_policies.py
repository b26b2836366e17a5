"""One area's clauses evaluated on regorus and on real OPA (opa_bindings), straight through the
engines (no auditor code in between), with the area's fixture cases and Rego unit tests.

tests/engine/test_contract.py already runs every fixture case of every clause on every engine and
requires the engines to agree. `ClausePolicyChecks` holds what it leaves to the areas.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
import yaml

os.environ.setdefault("RUST_BACKTRACE", "0")

import regorus
from opa_bindings import OpaEngine, OpaUndefinedError

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies" / "dpp"
FIXTURES = ROOT / "tests" / "fixtures" / "policies"
ENGINES = ("regorus", "opa")
LEVELS = ("deny", "warn")
TEST_SUFFIX = "_test.rego"
_CLAUSE = re.compile(r"^#\s+clause:\s*(\S+)", re.M)
_PACKAGE = re.compile(r"^package\s+(\S+)", re.M)
_TEST_RULE = re.compile(r"^(test_\w+)\s+if\b", re.M)

Findings = dict[str, list[dict[str, Any]]]


def _package(text: str) -> str:
    return _PACKAGE.search(text)[1]  # type: ignore[index]


class ClausePolicies:
    """The production modules whose METADATA names one of `clauses` (and their *_test.rego).

    `foreign_suffixes` leaves out modules of shared clauses that another area owns (e.g.
    `_access.rego`); `case_filter` keeps only this area's fixture cases of those clauses."""

    def __init__(
        self,
        clauses: Iterable[str],
        *,
        foreign_suffixes: tuple[str, ...] = (),
        case_filter: Callable[[Path], bool] | None = None,
    ) -> None:
        self.clauses = tuple(clauses)
        self._foreign = foreign_suffixes
        self._case_filter = case_filter
        self._engines: dict[tuple[str, bool], Any] = {}

    def _serves(self, path: Path) -> bool:
        clause = _CLAUSE.search(path.read_text()) if path.exists() else None
        return clause is not None and clause[1] in self.clauses and not path.name.endswith(self._foreign)

    @cached_property
    def _all_modules(self) -> dict[str, str]:
        out = {}
        for path in sorted(POLICIES.rglob("*.rego")):
            production = path.with_name(path.name.replace(TEST_SUFFIX, ".rego"))
            if self._serves(production):
                out[f"policies/dpp/{path.relative_to(POLICIES).as_posix()}"] = path.read_text()
        return out

    def modules(self, with_tests: bool = False) -> dict[str, str]:
        return {k: v for k, v in self._all_modules.items() if with_tests or not k.endswith(TEST_SUFFIX)}

    @cached_property
    def packages_by_clause(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for text in self.modules().values():
            out.setdefault(_CLAUSE.search(text)[1], []).append(_package(text))  # type: ignore[index]
        return out

    @cached_property
    def unit_tests(self) -> list[tuple[str, str]]:
        """(package, rule) of every test_* rule beside these policies."""
        return sorted(
            {
                (_package(text), name)
                for key, text in self.modules(with_tests=True).items()
                if key.endswith(TEST_SUFFIX)
                for name in _TEST_RULE.findall(text)
            }
        )

    def cases(self) -> list[tuple[str, str]]:
        """(clause, case folder name) of this area's fixture cases."""
        return sorted(
            (clause, case.name)
            for clause in self.clauses
            if (FIXTURES / clause).is_dir()
            for case in (FIXTURES / clause).iterdir()
            if (case / "input.json").is_file() and (self._case_filter is None or self._case_filter(case))
        )

    @staticmethod
    def load(clause: str, case: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """(input document, expected findings) of one fixture case."""
        folder = FIXTURES / clause / case
        expected = yaml.safe_load((folder / "expected.yaml").read_text()) or {}
        return json.loads((folder / "input.json").read_text()), expected

    def _engine(self, name: str, with_tests: bool) -> Any:
        # One engine of each kind per process: compiling OPA is the slow part.
        key = (name, with_tests)
        if key not in self._engines:
            engine = regorus.Engine() if name == "regorus" else OpaEngine()
            for path, text in self.modules(with_tests).items():
                engine.add_policy(path, text)
            self._engines[key] = engine
        return self._engines[key]

    def _evaluate(self, engine: str, rule_path: str, input_doc: dict[str, Any], *, with_tests: bool) -> Any:
        """Value of data.<rule_path>, None when undefined."""
        if engine == "opa":
            try:
                return self._engine("opa", with_tests).eval_document(rule_path, input_doc)
            except OpaUndefinedError:
                return None
        reg = self._engine("regorus", with_tests)
        reg.set_input_json(json.dumps(input_doc))
        try:
            raw = reg.eval_rule_as_json(f"data.{rule_path}")
        except RuntimeError as exc:
            if "not a valid rule path" in str(exc):  # e.g. a package without warn rules
                return None
            raise
        return None if raw == "<undefined>" else json.loads(raw)

    def findings(self, engine: str, clause: str, input_doc: dict[str, Any]) -> Findings:
        """{"deny": [...], "warn": [...]} of every package serving the clause, sorted."""
        out: Findings = {level: [] for level in LEVELS}
        for package in self.packages_by_clause.get(clause, []):
            for level in LEVELS:
                out[level] += self._evaluate(engine, f"{package}.{level}", input_doc, with_tests=False) or []
        return {k: sorted(v, key=lambda f: json.dumps(f, sort_keys=True)) for k, v in out.items()}

    def statuses(self, engine: str, input_doc: dict[str, Any], clauses: Iterable[str]) -> dict[str, str]:
        """fail / warn / pass per clause from the findings alone (evidence errors decided by callers)."""
        out = {}
        for clause in clauses:
            found = self.findings(engine, clause, input_doc)
            out[clause] = "fail" if found["deny"] else "warn" if found["warn"] else "pass"
        return out

    def failing_unit_tests(self, engine: str) -> list[str]:
        return [
            f"{package}.{name}"
            for package, name in self.unit_tests
            if not self._passes(engine, package, name)
        ]

    def _passes(self, engine: str, package: str, name: str) -> bool:
        try:
            return self._evaluate(engine, f"{package}.{name}", {}, with_tests=True) is True
        except RuntimeError:  # regorus: an evaluation error fails the test
            return False


def _pairs(findings: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((str(f["check"]), str(f["target"])) for f in findings)


class ClausePolicyChecks:
    """What the engine contract test leaves to an area, for a subclass `Test<Area>Policies` that
    sets `policies`. The contract compares (check, target) as a set over all packages and proves
    that the engines agree, so the counted comparison and the shape checks here run on regorus.

    Assertions carry their own messages: pytest rewrites asserts in test modules only."""

    policies: ClausePolicies

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "case" in metafunc.fixturenames:
            metafunc.parametrize(("clause", "case"), self.policies.cases())
        if "engine" in metafunc.fixturenames:
            metafunc.parametrize("engine", ENGINES)

    def test_every_clause_has_pass_and_fail_cases(self) -> None:
        cases = self.policies.cases()
        for clause in self.policies.clauses:
            names = [case for c, case in cases if c == clause]
            assert any(n.startswith("pass") for n in names), f"{clause}: no pass* case"
            assert any(n.startswith("fail") for n in names), f"{clause}: no fail* case"

    def test_fixture_findings_counted_and_well_formed(self, clause: str, case: str) -> None:
        input_doc, expected = self.policies.load(clause, case)
        found = self.policies.findings("regorus", clause, input_doc)
        for level in LEVELS:
            if level == "deny" or level in expected:
                # Counted: expected.yaml lists a (check, target) once per finding.
                got, want = _pairs(found[level]), _pairs(expected.get(level) or [])
                assert got == want, f"{level}: extra {dict(got - want)}, missing {dict(want - got)}"
        for f in found["deny"] + found["warn"]:
            assert f["clause"] == clause, f
            assert f["msg"], f
            assert isinstance(f["details"].get("locator"), str), f

    def test_every_package_has_rego_unit_tests(self) -> None:
        packages = {p for packages in self.policies.packages_by_clause.values() for p in packages}
        untested = packages - {package for package, _ in self.policies.unit_tests}
        assert packages, "no packages serve these clauses"
        assert not untested, f"packages without test_* rules: {sorted(untested)}"

    def test_rego_unit_tests_pass(self, engine: str) -> None:
        failing = self.policies.failing_unit_tests(engine)
        assert not failing, f"failing on {engine}: {failing}"
