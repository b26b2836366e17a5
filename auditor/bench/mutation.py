"""Mutation harness: damaged evidence must never pass (the product's first promise).

    python -m auditor.bench.mutation [--fixtures tests/fixtures/policies] [--sample N --seed S]

The evidence comes from every policy fixture input (tests/fixtures/policies/*/*/input.json),
pass and fail cases alike, turned into collected evidence envelopes. For every collector and
target of a case, every field of its `data` is deleted, set to null, given a value of another
type and emptied, and the whole `data` is replaced with `{}`. Each mutated case is evaluated the
way a run is (auditor.evaluate.evaluate, the embedded engine). A mutation is

- a *silent pass* when a clause that requires the mutated collector is `pass` although the
  collector's data was `{}`, or turned `pass` when it was not before (a fail, warn, error or
  not_applicable that the damage silenced);
- *aborted* when the evaluation raised instead of giving a status per clause.

An emptied list or object that the collector's data model declares may be empty ("collected,
none found"), or a null it marks as a known state (NullMeans), may pass: see
`auditor.collect.datamodels`. `ALLOWED_SILENT` names the packages
whose known silent passes another change fixes; they are reported, not counted as failures.
Needs a checkout (for the fixtures).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from auditor.catalogue import Catalogue, load_catalogue
from auditor.collect.datamodels import data_problem, may_be_empty, may_be_null
from auditor.collect.specs import CollectorSpec, load_specs
from auditor.engine.policyset import PolicySet, load_policyset
from auditor.engine.regorus_engine import RegorusEngine
from auditor.evaluate import RunInfo, evaluate
from auditor.models import ClauseStatus, Evidence, EvidenceStatus, Target, TargetKind
from auditor.resources import policies_dir

KINDS = ("delete", "null", "mistype", "empty", "collector_empty")
FieldPath = tuple[str | int, ...]

# Clauses whose Rego belongs to another change (issue #15 applies the rule-writing convention
# there). Their silent passes are listed by the harness but do not fail it; remove an entry when
# its package is fixed. Every other clause must have none.
ALLOWED_SILENT: frozenset[str] = frozenset(
    {"GEN-5", "NET-1", "NET-2", "NET-3", "LOG-1", "LOG-2", "LOG-5", "ACC-11", "ENC-2", "ENC-5", "TLS-3"}
)


@dataclass(frozen=True)
class Case:
    name: str
    evidence: list[Evidence]
    targets: list[Target]
    params: dict[str, Any]
    evaluated_at: str


@dataclass(frozen=True)
class Mutation:
    case: str
    collector: str
    target: str
    kind: str
    path: FieldPath = ()

    def describe(self) -> str:
        where = ".".join(str(p) for p in self.path) or "<data>"
        return f"{self.case}: {self.kind} {self.collector}[{self.target}].{where}"


@dataclass
class Outcome:
    mutation: Mutation
    silent: list[str] = field(default_factory=list)  # clause ids
    aborted: str | None = None


FULL_SCAN = "full-scan/one-host"


def load_cases(root: Path) -> list[Case]:
    """Every fixture input, plus `FULL_SCAN`: one host with every collector's evidence."""
    specs = load_specs()
    cases = []
    for path in sorted(root.glob("*/*/input.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        cases.append(_case(f"{path.parent.parent.name}/{path.parent.name}", doc, specs))
    return [full_scan(cases), *cases] if cases else []


def full_scan(cases: list[Case]) -> Case:
    """What a scan of one host sees: per collector, the first valid evidence of a passing
    fixture (else any), host evidence moved onto one host `web1`, so every collector's data
    sits beside every other's and each clause is evaluated over all it requires."""
    host = Target(id="web1", kind=TargetKind.host, address="ssh://audit@web1.internal:22")
    chosen: dict[str, Evidence] = {}
    ordered = sorted(cases, key=lambda c: (not c.name.split("/")[1].startswith("pass"), c.name))
    for case in ordered:
        for ev in case.evidence:
            if ev.collector in chosen or data_problem(ev.collector, ev.data) is not None:
                continue
            if ev.target.kind == TargetKind.host:
                ev = ev.model_copy(update={"target": host})
            chosen[ev.collector] = ev
    evidence = [chosen[c] for c in sorted(chosen)]
    targets = list({e.target.id: e.target for e in evidence}.values())
    params: dict[str, Any] = {}
    for case in cases:
        params = {**case.params, **params}
    return Case(FULL_SCAN, evidence, targets, params, "2026-11-27T10:00:00Z")


def _case(name: str, doc: dict[str, Any], specs: dict[str, CollectorSpec]) -> Case:
    """A fixture input as the run that would have produced it: one envelope per data item."""
    declared = doc.get("targets") or {}
    targets: dict[str, Target] = {}
    evidence = []
    for collector, by_target in sorted((doc.get("evidence") or {}).items()):
        spec = specs.get(collector)
        if spec is None or not isinstance(by_target, dict):
            continue
        for target_id, data in sorted(by_target.items()):
            info = declared.get(target_id) or {"kind": spec.target_kinds[0], "address": target_id}
            target = targets.setdefault(
                target_id, Target(id=target_id, kind=info["kind"], address=str(info.get("address", "")))
            )
            evidence.append(
                Evidence(
                    collector=collector,
                    target=target,
                    status=EvidenceStatus.collected,
                    collected_at="2026-11-27T09:59:00Z",
                    duration_s=0.0,
                    data=data if isinstance(data, dict) else {"value": data},
                )
            )
    meta = doc.get("meta") or {}
    return Case(
        name=name,
        evidence=evidence,
        targets=list(targets.values()),
        params=doc.get("params") or {},
        evaluated_at=meta.get("evaluated_at", "2026-11-27T10:00:00Z"),
    )


# -- mutations -------------------------------------------------------------------------


def field_paths(value: Any, prefix: FieldPath = ()) -> Iterator[FieldPath]:
    """Every field of the data as a schema path: a list's elements are one path, `*`.

    A mutation at `a.*.b` applies to `b` of every element of `a`, so the element a finding is
    about is always hit, and the count grows with the shape of the data, not its length.
    """
    if isinstance(value, dict):
        for key in sorted(value):
            yield (*prefix, key)
            yield from field_paths(value[key], (*prefix, key))
    elif isinstance(value, list) and value:
        seen: set[FieldPath] = set()
        for item in value:
            for path in field_paths(item, (*prefix, "*")):
                if path not in seen:
                    seen.add(path)
                    yield path
def _mistyped(value: Any) -> Any:
    if isinstance(value, bool):
        return "false" if value else "true"  # a string that reads like the opposite
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return 0
    if isinstance(value, list | dict):
        return "unknown"
    return 1  # null


def _emptied(value: Any) -> Any:
    if isinstance(value, list):
        return []
    if isinstance(value, dict):
        return {}
    if isinstance(value, str):
        return ""
    return None  # numbers and booleans have no empty value: the mutation does not apply


def mutate(data: dict[str, Any], kind: str, path: FieldPath) -> dict[str, Any] | None:
    """The mutated copy, or None when the mutation does not apply anywhere on that path."""
    if kind == "collector_empty":
        return {}
    out = copy.deepcopy(data)
    return out if _mutate_at(out, kind, path) else None


def _mutate_at(node: Any, kind: str, path: FieldPath) -> bool:
    head, rest = path[0], path[1:]
    children: list[str | int]
    if head == "*":
        children = list(range(len(node))) if isinstance(node, list) else []
    else:
        children = [head] if isinstance(node, dict) and head in node else []
    changed = False
    for key in children:
        if rest:
            changed |= _mutate_at(node[key], kind, rest)
        else:
            changed |= _mutate_leaf(node, key, kind)
    if head == "*" and kind == "delete" and not rest and isinstance(node, list):
        node.clear()  # deleting every element is emptying the list; handled by `empty`
        return False
    return changed


def _mutate_leaf(parent: Any, key: Any, kind: str) -> bool:
    current = parent[key]
    if kind == "delete":
        if isinstance(parent, list):
            return False  # list elements are removed by `empty`, fields by `delete`
        del parent[key]
        return True
    if kind == "null":
        parent[key] = None
        return current is not None
    if kind == "mistype":
        parent[key] = _mistyped(current)
        return True
    emptied = _emptied(current)
    if emptied is None or emptied == current:
        return False
    parent[key] = emptied
    return True


def mutations_of(case: Case, name: str) -> Iterator[Mutation]:
    for ev in case.evidence:
        yield Mutation(name, ev.collector, ev.target.id, "collector_empty")
        for path in field_paths(ev.data):
            for kind in KINDS[:-1]:
                yield Mutation(name, ev.collector, ev.target.id, kind, path)


# -- evaluation ------------------------------------------------------------------------


class Harness:
    """One engine, the shipped policies, the fixtures' cases; evaluates mutated cases."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = {c.name: c for c in cases}
        self.catalogue: Catalogue = load_catalogue()
        self.policyset: PolicySet = load_policyset([policies_dir()])
        self.specs = load_specs()
        self.engine = RegorusEngine()
        self.engine.load(self.policyset.modules)
        self._requirers: dict[str, set[str]] = {}
        for pkg in self.policyset.packages:
            if pkg.metadata.clause:
                for cid in [*pkg.metadata.requires, *pkg.metadata.reads]:
                    self._requirers.setdefault(cid, set()).add(pkg.metadata.clause)
        self._baselines: dict[str, dict[str, str]] = {}

    def clauses_requiring(self, collector: str) -> set[str]:
        return self._requirers.get(collector, set())

    def statuses(self, case: Case, clauses: set[str]) -> dict[str, str]:
        """Status of `clauses` for the case, evaluating only the packages of those clauses."""
        subset = replace(
            self.policyset, packages=[p for p in self.policyset.packages if p.metadata.clause in clauses]
        )
        results, _ = evaluate(
            case.evidence,
            case.targets,
            case.params,
            RunInfo(run_id="mutation", evaluated_at=case.evaluated_at),
            catalogue=self.catalogue,
            policyset=subset,
            engine=self.engine,
            specs=self.specs,
        )
        return {c.id: str(c.status) for c in results.clauses if c.id in clauses}

    def baseline(self, case: Case) -> dict[str, str]:
        if case.name not in self._baselines:
            every = {p.metadata.clause for p in self.policyset.packages if p.metadata.clause}
            self._baselines[case.name] = self.statuses(case, every)
        return self._baselines[case.name]

    def run(self, mutation: Mutation) -> Outcome | None:
        """The outcome, or None when the mutation does not apply to the field."""
        case = self.cases[mutation.case]
        idx = next(
            i
            for i, e in enumerate(case.evidence)
            if e.collector == mutation.collector and e.target.id == mutation.target
        )
        data = mutate(case.evidence[idx].data, mutation.kind, mutation.path)
        if data is None:
            return None
        mutated = list(case.evidence)
        mutated[idx] = case.evidence[idx].model_copy(update={"data": data})
        clauses = self.clauses_requiring(mutation.collector)
        outcome = Outcome(mutation)
        if not clauses:
            return outcome
        before = self.baseline(case)
        try:
            after = self.statuses(replace(case, evidence=mutated), clauses)
        except Exception as exc:
            outcome.aborted = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            return outcome
        for clause, status in sorted(after.items()):
            if status != ClauseStatus.pass_:
                continue
            became = mutation.kind == "collector_empty" or before.get(clause) != ClauseStatus.pass_
            if became and not self.accepts_pass(mutation):
                outcome.silent.append(clause)
        return outcome

    def accepts_pass(self, mutation: Mutation) -> bool:
        """A pass is accepted only for valid data that the model says is a known state: an
        emptied list the model lets be empty ("none found"), a null it marks NullMeans."""
        if mutation.kind == "empty":
            return may_be_empty(mutation.collector, mutation.path)
        if mutation.kind == "null":
            return may_be_null(mutation.collector, mutation.path)
        return False


@dataclass
class Tally:
    mutations: Counter[str] = field(default_factory=Counter)
    silent: Counter[str] = field(default_factory=Counter)
    allowed: Counter[str] = field(default_factory=Counter)
    aborted: Counter[str] = field(default_factory=Counter)
    silent_examples: list[str] = field(default_factory=list)
    allowed_clauses: Counter[str] = field(default_factory=Counter)
    aborted_examples: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        kind = outcome.mutation.kind
        self.mutations[kind] += 1
        if outcome.aborted:
            self.aborted[kind] += 1
            self.aborted_examples.append(f"{outcome.mutation.describe()}: {outcome.aborted}")
        strict = [c for c in outcome.silent if c not in ALLOWED_SILENT]
        allowed = [c for c in outcome.silent if c in ALLOWED_SILENT]
        if strict:
            self.silent[kind] += 1
            self.silent_examples.append(f"{outcome.mutation.describe()} -> pass: {', '.join(strict)}")
        elif allowed:
            self.allowed[kind] += 1
            self.allowed_clauses.update(allowed)

    def lines(self) -> list[str]:
        out = [f"{'kind':<16}{'mutations':>10}{'silent':>8}{'allowed':>9}{'aborted':>9}"]
        for kind in KINDS:
            out.append(
                f"{kind:<16}{self.mutations[kind]:>10}{self.silent[kind]:>8}"
                f"{self.allowed[kind]:>9}{self.aborted[kind]:>9}"
            )
        out.append(
            f"{'total':<16}{sum(self.mutations.values()):>10}{sum(self.silent.values()):>8}"
            f"{sum(self.allowed.values()):>9}{sum(self.aborted.values()):>9}"
        )
        if self.allowed_clauses:
            listed = ", ".join(f"{c} {n}" for c, n in sorted(self.allowed_clauses.items()))
            out.append(f"allow-listed silent passes (ALLOWED_SILENT, owned elsewhere): {listed}")
        return out


def run_all(harness: Harness, mutations: list[Mutation]) -> Tally:
    tally = Tally()
    for m in mutations:
        outcome = harness.run(m)
        if outcome is not None:
            tally.add(outcome)
    return tally


def all_mutations(cases: list[Case]) -> list[Mutation]:
    """Every mutation of every case; a collector's data repeated verbatim in several fixtures
    (the shared access list, the documents register) is mutated in its first case only."""
    seen: set[tuple[str, str]] = set()
    out: list[Mutation] = []
    for case in cases:
        fresh = []
        for ev in case.evidence:
            key = (ev.collector, json.dumps(ev.data, sort_keys=True))
            if key not in seen:
                seen.add(key)
                fresh.append(ev)
        out += mutations_of(replace(case, evidence=fresh), case.name)
    return out


def sample(mutations: list[Mutation], count: int, seed: int) -> list[Mutation]:
    """A fixed-seed sample that always keeps every `{}` mutation (the cheapest, most telling)."""
    empties = [m for m in mutations if m.kind == "collector_empty"]
    rest = [m for m in mutations if m.kind != "collector_empty"]
    rng = random.Random(seed)
    return empties + rng.sample(rest, min(max(count - len(empties), 0), len(rest)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auditor.bench.mutation", description=__doc__)
    parser.add_argument("--fixtures", type=Path, default=Path("tests/fixtures/policies"))
    parser.add_argument("--sample", type=int, default=0, help="evaluate only N mutations (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=40, help="list at most N silent passes")
    args = parser.parse_args(argv)
    cases = load_cases(args.fixtures)
    if not cases:
        print(f"no fixture inputs under {args.fixtures}: run from a checkout", file=sys.stderr)
        return 2
    mutations = all_mutations(cases)
    if args.sample:
        mutations = sample(mutations, args.sample, args.seed)
    started = time.monotonic()
    tally = run_all(Harness(cases), mutations)
    print(f"{len(cases)} fixture cases, {time.monotonic() - started:.0f} s")
    print("\n".join(tally.lines()))
    for line in tally.silent_examples[: args.show]:
        print(f"silent: {line}")
    for line in tally.aborted_examples[: args.show]:
        print(f"aborted: {line}")
    return 1 if tally.silent or tally.aborted else 0


if __name__ == "__main__":
    sys.exit(main())
