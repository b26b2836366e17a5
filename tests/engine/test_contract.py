"""The engine contract: the same policies and inputs give the same findings on regorus (embedded,
with polyfills), on the OPA-server backend (loopback harness over real OPA) and on real OPA
in-process (opa_bindings); and each fixture's findings are exactly its expected.yaml.

Suites: the shipped policies/ with tests/fixtures/policies/<CLAUSE>/<case>/, and a small sample
policy with its own fixtures under tests/engine/data/ (exercising the polyfills).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from opa_bindings import OpaEngine, OpaError, OpaUndefinedError

from auditor.bench.synthetic import evidence_pool, fixture_inputs, synthetic_inputs
from auditor.catalogue import load_catalogue
from auditor.engine.opa_server import OpaServerEngine
from auditor.engine.policyset import PolicySet, load_policyset
from auditor.engine.portability import portability_warnings
from auditor.engine.regorus_engine import RegorusEngine
from auditor.errors import PolicyError
from auditor.resources import policies_dir
from tests.harness.opa_rest_server import OpaRestServer

TESTS = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
LEVELS = ("deny", "warn")


@dataclass(frozen=True)
class Suite:
    name: str
    policies: Path
    fixtures: Path


SUITES = {
    "shipped": Suite("shipped", policies_dir(), TESTS / "fixtures" / "policies"),
    "sample": Suite("sample", DATA / "policies", DATA / "fixtures"),
}


def _cases() -> list[Any]:
    cases = []
    for suite in SUITES.values():
        for path in fixture_inputs([suite.fixtures]):
            case = path.parent.relative_to(suite.fixtures).as_posix()
            cases.append(pytest.param(suite.name, path.parent, id=f"{suite.name}:{case}"))
    return cases


class RawOpa:
    """Real OPA in-process, straight through opa_bindings (no auditor code in between)."""

    name = "opa_bindings"

    def __init__(self, modules: dict[str, str]) -> None:
        self._engine = OpaEngine()
        for path in sorted(modules):
            self._engine.add_policy(path, modules[path])
        self._last: tuple[dict[str, Any], dict[str, Any]] | None = None

    def evaluate(self, rule_path: str, input_doc: dict[str, Any]) -> Any:
        # opa_bindings prepares (recompiles) per distinct query, so evaluate each top-level
        # document once per input and walk down to the rule.
        root, *rest = rule_path.removeprefix("data.").split(".")
        if self._last is None or self._last[0] is not input_doc:
            self._last = (input_doc, {})
        documents = self._last[1]
        if root not in documents:
            try:
                documents[root] = self._engine.eval_document(root, input_doc)
            except OpaUndefinedError:
                documents[root] = None
        value = documents[root]
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def close(self) -> None:
        self._engine.close()


@dataclass
class Loaded:
    policyset: PolicySet
    engines: dict[str, Any]

    def findings(self, input_doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """{engine: {rule path: canonical value}} for deny and warn of every package.

        An evaluation error fails the test at once, with regorus's file:line:col when it is
        the engine that fails (OPA fails a whole document, not one rule)."""
        paths = [f"data.{p.path}.{level}" for p in self.policyset.packages for level in LEVELS]
        errors = []
        for path in paths:
            try:
                self.engines["embedded"].evaluate(path, input_doc)
            except PolicyError as exc:
                errors.append(f"{path}: {exc}")
        assert not errors, "evaluation fails on regorus:\n  " + "\n  ".join(errors)
        results = {}
        for name, engine in self.engines.items():
            try:
                if hasattr(engine, "evaluate_many"):
                    values = engine.evaluate_many(paths, input_doc)
                else:
                    values = {path: engine.evaluate(path, input_doc) for path in paths}
            except (PolicyError, OpaError) as exc:
                pytest.fail(f"evaluation fails on {name} (not on regorus): {exc}")
            results[name] = {path: _canonical(values[path]) for path in paths}
        return results


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def loaded(opa_server: OpaRestServer) -> Iterator[dict[str, Loaded]]:
    cache: dict[str, Loaded] = {}
    server_suite: list[str] = []

    def get(suite_name: str) -> Loaded:
        if suite_name not in cache:
            policyset = load_policyset([SUITES[suite_name].policies])
            embedded = RegorusEngine()
            embedded.load(policyset.modules)
            server = OpaServerEngine(opa_server.url, timeout_s=30)
            cache[suite_name] = Loaded(
                policyset, {"embedded": embedded, "opa": server, "opa_bindings": RawOpa(policyset.modules)}
            )
        if not server_suite or server_suite[0] != suite_name:
            # One OPA server holds one suite at a time.
            cache[suite_name].engines["opa"].load(cache[suite_name].policyset.modules)
            server_suite[:] = [suite_name]
        return cache[suite_name]

    yield get  # type: ignore[misc]
    for item in cache.values():
        for engine in item.engines.values():
            engine.close()
    cache.clear()
    gc.collect()


def _assert_engines_agree(item: Loaded, results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    reference = results["opa_bindings"]
    for name, values in results.items():
        differing = [path for path in reference if values.get(path) != reference[path]]
        if not differing:
            continue
        package = item.policyset.package(differing[0].removeprefix("data.").rsplit(".", 1)[0])
        hints = [w for w in portability_warnings(item.policyset.modules) if w.split(":")[0] in package.files]
        pytest.fail(
            f"{name} differs from real OPA on {differing[0]}:\n"
            f"  {name}: {json.dumps(values.get(differing[0]), sort_keys=True)}\n"
            f"  OPA: {json.dumps(reference[differing[0]], sort_keys=True)}"
            + "".join(f"\n  likely cause: {h}" for h in hints)
        )
    return reference


def _pairs(findings: list[Any]) -> set[tuple[str, str]]:
    return {(str(f["check"]), str(f["target"])) for f in findings}


@pytest.mark.parametrize(("suite", "case"), _cases())
def test_fixture_findings_equal_on_every_engine_and_expected(suite: str, case: Path, loaded: Any) -> None:
    item: Loaded = loaded(suite)
    input_doc = json.loads((case / "input.json").read_text())
    reference = _assert_engines_agree(item, item.findings(input_doc))

    expected_file = case / "expected.yaml"
    assert expected_file.is_file(), f"{case}: expected.yaml is missing"
    expected = yaml.safe_load(expected_file.read_text()) or {}
    assert "deny" in expected, f"{expected_file}: needs a `deny:` list (may be empty)"
    clause = case.parent.name
    for level in LEVELS:
        if level not in expected:
            continue
        got = [
            f
            for path, value in reference.items()
            if path.endswith(f".{level}")
            for f in (value or [])
            if f.get("clause") == clause
        ]
        want = {(str(e["check"]), str(e["target"])) for e in expected[level] or []}
        assert _pairs(got) == want, f"{level} findings of {clause} in {case.name}"


def test_sample_suite_has_fixtures() -> None:
    # The contract must be meaningful even before the shipped tree has fixtures.
    assert len(fixture_inputs([SUITES["sample"].fixtures])) >= 3


def test_synthetic_hosts_equal_on_every_engine(loaded: Any) -> None:
    """Shipped policies over synthetic hosts assembled from every fixture's evidence."""
    item: Loaded = loaded("shipped")
    pool = evidence_pool(fixture_inputs([SUITES["shipped"].fixtures, SUITES["sample"].fixtures]))
    params = dict(load_catalogue().parameters)
    inputs = list(synthetic_inputs(10, pool, params, seed=7))
    inputs.append({"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": params, "evidence": {}})
    for input_doc in inputs:
        _assert_engines_agree(item, item.findings(input_doc))
