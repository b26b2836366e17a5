"""Engine benchmark: synthetic hosts x the shipped policies, regorus (embedded) against real OPA
in-process (opa_bindings, the reference), in the same run.

    python -m auditor.bench.engine [--hosts 1000] [--seed 1]

Each synthetic host is one input document whose evidence comes from the policy fixtures
(tests/fixtures/policies, see auditor.bench.synthetic). regorus evaluates deny and warn of every
package (evaluate_many, input set once); OPA evaluates each top-level document once per host,
the cheapest way to get the same rules from it. Needs a checkout (for the fixtures) and
opa-golib-python-bindings (installed by `make test`).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.bench.synthetic import evidence_pool, fixture_inputs, synthetic_inputs
from auditor.catalogue import load_catalogue
from auditor.engine.policyset import load_policyset
from auditor.engine.regorus_engine import RegorusEngine
from auditor.resources import policies_dir

LEVELS = ("deny", "warn")
Evaluator = Callable[[dict[str, Any]], dict[str, Any]]


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def _regorus(modules: dict[str, str], paths: list[str]) -> Evaluator:
    engine = RegorusEngine()
    engine.load(modules)

    def evaluate(doc: dict[str, Any]) -> dict[str, Any]:
        return engine.evaluate_many(paths, doc)

    return evaluate


def _opa(modules: dict[str, str], paths: list[str]) -> Evaluator:
    from opa_bindings import OpaEngine, OpaUndefinedError

    engine = OpaEngine()
    for key in sorted(modules):
        engine.add_policy(key, modules[key])
    roots = sorted({p.split(".")[1] for p in paths})
    engine.eval_query("true")  # compile now, not in the first timed host

    def evaluate(doc: dict[str, Any]) -> dict[str, Any]:
        documents: dict[str, Any] = {}
        for root in roots:
            try:
                documents[root] = engine.eval_document(root, doc)
            except OpaUndefinedError:
                documents[root] = None
        out = {}
        for path in paths:
            value: Any = documents
            for part in path.split(".")[1:]:
                value = value.get(part) if isinstance(value, dict) else None
            out[path] = value
        return out

    return evaluate


def _run(name: str, evaluate: Evaluator, inputs: list[dict[str, Any]]) -> tuple[float, list[Any]]:
    outputs: list[Any] = []
    started = time.perf_counter()
    for doc in inputs:
        try:
            outputs.append(evaluate(doc))
        except Exception as exc:  # a policy that errs on some host: count it, keep timing
            outputs.append(f"error: {type(exc).__name__}")
    elapsed = time.perf_counter() - started
    return elapsed, outputs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fixtures", type=Path, default=Path("tests/fixtures/policies"))
    args = parser.parse_args(argv)

    paths_in = fixture_inputs([args.fixtures])
    if not paths_in:
        raise SystemExit(f"no fixture inputs under {args.fixtures}: run from a checkout")
    policyset = load_policyset([policies_dir()])
    rules = [f"data.{p.path}.{level}" for p in policyset.packages for level in LEVELS]
    pool = evidence_pool(paths_in)
    inputs = list(synthetic_inputs(args.hosts, pool, dict(load_catalogue().parameters), seed=args.seed))
    size = sum(len(json.dumps(d)) for d in inputs) / len(inputs)
    print(
        f"engine benchmark: {args.hosts} synthetic hosts x {len(policyset.packages)} packages "
        f"({len(rules)} deny/warn rules); evidence from {len(paths_in)} fixture inputs, "
        f"{len(pool.entries)} collectors, {size / 1024:.1f} KiB per host"
    )

    started = time.perf_counter()
    regorus_eval = _regorus(policyset.modules, rules)
    regorus_load = time.perf_counter() - started
    started = time.perf_counter()
    opa_eval = _opa(policyset.modules, rules)
    opa_load = time.perf_counter() - started

    regorus_s, regorus_out = _run("regorus", regorus_eval, inputs)
    opa_s, opa_out = _run("opa", opa_eval, inputs)

    per_host = {"regorus": regorus_s * 1000 / len(inputs), "opa": opa_s * 1000 / len(inputs)}
    equal = sum(_canonical(a) == _canonical(b) for a, b in zip(regorus_out, opa_out, strict=True))
    errors = {
        "regorus": sum(isinstance(o, str) for o in regorus_out),
        "opa": sum(isinstance(o, str) for o in opa_out),
    }
    print(f"{'engine':<28}{'load s':>8}{'ms/host':>10}{'hosts/s':>10}{'errors':>8}")
    print(
        f"{'regorus 0.13 (embedded)':<28}{regorus_load:>8.2f}{per_host['regorus']:>10.3f}"
        f"{1000 / per_host['regorus']:>10.0f}{errors['regorus']:>8}"
    )
    print(
        f"{'OPA in-process (reference)':<28}{opa_load:>8.2f}{per_host['opa']:>10.3f}"
        f"{1000 / per_host['opa']:>10.0f}{errors['opa']:>8}"
    )
    print(
        f"ratio: regorus takes {per_host['regorus'] / per_host['opa']:.2f}x OPA's time per host "
        f"(OPA/regorus = {per_host['opa'] / per_host['regorus']:.2f})"
    )
    print(f"findings equal to OPA: {equal}/{len(inputs)} hosts")
    differing = Counter(
        path
        for a, b in zip(regorus_out, opa_out, strict=True)
        if isinstance(a, dict) and isinstance(b, dict)
        for path in a
        if _canonical(a[path]) != _canonical(b.get(path))
    )
    for path, hosts in differing.most_common(5):
        print(f"  differs on {hosts} hosts: {path}")


if __name__ == "__main__":
    main()
