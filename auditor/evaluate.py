"""Evidence -> policy input -> findings -> one status per catalogue clause.

Clause status is decided here, not in Rego, so that "could not evaluate" can never be
mistaken for "passed": a clause is `pass` only when every required collector produced
evidence for every in-scope target and no rule found anything.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.catalogue import Catalogue, Clause
from auditor.collect.datamodels import validated
from auditor.collect.specs import CollectorSpec
from auditor.engine.base import PolicyEngine
from auditor.engine.policyset import PackageInfo, PolicySet
from auditor.errors import PolicyError
from auditor.gate import POLICY_ERROR_KIND, clause_status
from auditor.models import (
    Automation,
    ClauseResult,
    ClauseStatus,
    Evidence,
    EvidenceStatus,
    Finding,
    Results,
    RunMeta,
    Severity,
    Target,
)

_FINDING_KEYS = ("clause", "check", "target", "msg")


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    evaluated_at: str  # RFC 3339, UTC, Z
    profile: str = "default"
    organisation: str = ""


def build_input(
    evidence: Iterable[Evidence], targets: Iterable[Target], params: dict[str, Any], run: RunInfo
) -> dict[str, Any]:
    """The exact document the policies see; only collected evidence is included."""
    ev: dict[str, dict[str, Any]] = defaultdict(dict)
    for e in evidence:
        if e.status == EvidenceStatus.collected:
            ev[e.collector][e.target.id] = e.data
    return {
        "meta": {"run_id": run.run_id, "evaluated_at": run.evaluated_at, "profile": run.profile},
        "params": params,
        "evidence": dict(sorted(ev.items())),
        "targets": {
            t.id: {"kind": t.kind, "address": t.address} for t in sorted(targets, key=lambda t: t.id)
        },
    }


def fingerprint(clause: str, check: str, target: str, locator: str) -> str:
    """Stable identity of a finding across runs: keys waivers, baselines and diffs."""
    normalised = " ".join(locator.split()).lower()
    digest = hashlib.sha256("\x1f".join((clause, check, target, normalised)).encode()).hexdigest()
    return digest[:32]


def _to_finding(raw: Any, pkg: PackageInfo, level: str, catalogue: Catalogue) -> Finding:
    if not isinstance(raw, dict) or any(k not in raw for k in _FINDING_KEYS):
        raise PolicyError(
            f"{pkg.file}: {pkg.path}.{level} produced a finding without "
            f"{'/'.join(_FINDING_KEYS)}: {json.dumps(raw)[:200]}"
        )
    clause_id = str(raw["clause"])
    try:
        clause = catalogue.clause(clause_id)
    except KeyError:
        raise PolicyError(f"{pkg.file}: finding names unknown clause {clause_id!r}") from None
    details = raw.get("details") or {}
    locator = str(details.get("locator", raw["msg"])) if isinstance(details, dict) else str(raw["msg"])
    severity = pkg.metadata.severity or clause.severity
    return Finding(
        clause=clause_id,
        check=str(raw["check"]),
        target=str(raw["target"]),
        msg=str(raw["msg"]),
        details=details if isinstance(details, dict) else {"value": details},
        level="deny" if level == "deny" else "warn",
        severity=Severity(severity),
        rule=pkg.path,
        fingerprint=fingerprint(clause_id, str(raw["check"]), str(raw["target"]), locator),
        remediation=pkg.metadata.remediation,
    )


@dataclass
class PolicyRun:
    """Findings of every rule that evaluated, and the error of every package that did not."""

    findings: list[Finding]
    errors: dict[str, str]  # package path -> "file:line:col: text"


def run_policies(
    engine: PolicyEngine, policyset: PolicySet, input_doc: dict[str, Any], catalogue: Catalogue
) -> PolicyRun:
    rules = [
        (pkg, level, f"data.{pkg.path}.{level}")
        for pkg in policyset.packages
        if pkg.metadata.clause is not None
        for level in ("deny", "warn")
    ]
    # One call: the input is set (or sent to an OPA server) once, not once per rule. A rule that
    # fails at run time costs its own package's clause only (fail closed, never the whole run).
    values, path_errors = engine.evaluate_isolated([path for _, _, path in rules], input_doc)
    errors: dict[str, str] = {}
    by_package: dict[str, list[Finding]] = defaultdict(list)
    for pkg, level, path in rules:
        if path in path_errors:
            errors.setdefault(pkg.path, path_errors[path])
            continue
        try:
            raws = values.get(path) or []
            by_package[pkg.path] += [_to_finding(raw, pkg, level, catalogue) for raw in raws]
        except PolicyError as exc:
            errors.setdefault(pkg.path, str(exc))
    findings = [f for path, found in by_package.items() if path not in errors for f in found]
    findings.sort(key=lambda f: (f.clause, f.check, f.target, f.fingerprint, f.msg))
    return PolicyRun(findings, errors)


def _attested(clause: Clause, evidence: list[Evidence], now: str) -> str | None:
    for e in evidence:
        if e.status != EvidenceStatus.collected:
            continue
        for att in e.data.get("attestations", []) or []:
            if att.get("clause") == clause.id and str(att.get("valid_until", "")) > now:
                return f"attested by {att.get('attested_by')} at {att.get('attested_at')}"
    return None


@dataclass
class _ClauseInputs:
    rules: list[PackageInfo]
    requires: list[str]
    reads: list[str]
    policy_errors: dict[str, str]


def _clause_status(
    clause: Clause,
    inputs: _ClauseInputs,
    findings: list[Finding],
    evidence_by: dict[tuple[str, str], Evidence],
    targets: list[Target],
    specs: dict[str, CollectorSpec],
    evidence: list[Evidence],
    now: str,
) -> ClauseResult:
    result = ClauseResult(
        id=clause.id,
        section=clause.section,
        severity=clause.severity,
        automation=clause.automation,
        status=ClauseStatus.error,
        rules=sorted(p.path for p in inputs.rules),
        collectors=inputs.requires,
        findings=findings,
    )
    if not inputs.rules:
        attested = _attested(clause, evidence, now)
        if attested:
            result.status, result.reason = ClauseStatus.attested, attested
        elif clause.automation == Automation.manual:
            result.status, result.reason = ClauseStatus.manual, "attestation required; none valid"
        else:
            result.reason = "no rule implements this clause in this version; it cannot be evaluated"
        return result

    in_scope: set[str] = set()
    for cid in [*inputs.requires, *inputs.reads]:
        scoped = cid in inputs.requires  # a `reads` collector's targets do not make it apply
        spec = specs.get(cid)
        if spec is None:
            result.errors.append(
                {
                    "collector": cid,
                    "target": None,
                    "kind": "unsupported",
                    "message": f"collector {cid} is not available in this version",
                }
            )
            continue
        for t in targets:
            if t.kind not in spec.target_kinds:
                continue
            ev = evidence_by.get((cid, t.id))
            if ev is None:
                result.errors.append(
                    {
                        "collector": cid,
                        "target": t.id,
                        "kind": "missing",
                        "message": "no evidence was collected",
                    }
                )
                if scoped:
                    in_scope.add(t.id)
            elif ev.status == EvidenceStatus.not_applicable or ev.data.get("in_scope") is False:
                continue  # e.g. a discovered socket that turned out not to be a TLS endpoint
            elif ev.status != EvidenceStatus.collected:
                err = ev.error
                result.errors.append(
                    {
                        "collector": cid,
                        "target": t.id,
                        "kind": err.kind if err else ev.status,
                        "message": err.message if err else str(ev.status),
                    }
                )
                if scoped:
                    in_scope.add(t.id)
            elif scoped:
                in_scope.add(t.id)
    result.targets = sorted(in_scope)

    for pkg in inputs.rules:
        if pkg.path in inputs.policy_errors:
            result.errors.append(
                {
                    "collector": None,
                    "target": None,
                    "kind": POLICY_ERROR_KIND,
                    "message": f"{pkg.path}: {inputs.policy_errors[pkg.path]}",
                }
            )
    result.status, result.reason = clause_status(result)
    if result.status == ClauseStatus.not_applicable:
        kinds = sorted({k for c in inputs.requires if c in specs for k in specs[c].target_kinds})
        result.reason = f"no in-scope target of kind {', '.join(kinds)}"
    return result


def summarise(clauses: list[ClauseResult], catalogue: Catalogue) -> dict[str, Any]:
    by_status = Counter(str(c.status) for c in clauses)
    by_severity: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_section: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in clauses:
        by_severity[str(c.severity)][str(c.status)] += 1
        by_section[c.section][str(c.status)] += 1
    findings = [f for c in clauses for f in c.findings]
    return {
        "clauses": len(clauses),
        "by_status": {s.value: by_status.get(s.value, 0) for s in ClauseStatus},
        "by_severity": {s.value: dict(sorted(by_severity[s.value].items())) for s in Severity},
        "by_section": {sec: dict(sorted(by_section[sec].items())) for sec in catalogue.sections},
        "findings": {
            "deny": sum(f.level == "deny" for f in findings),
            "warn": sum(f.level == "warn" for f in findings),
        },
    }


def evaluate(
    evidence: list[Evidence],
    targets: list[Target],
    params: dict[str, Any],
    run: RunInfo,
    *,
    catalogue: Catalogue,
    policyset: PolicySet,
    engine: PolicyEngine,
    specs: dict[str, CollectorSpec],
) -> tuple[Results, dict[str, Any]]:
    """Return (results, input document). Pure given its arguments: no clock, no I/O.

    Evidence is checked against its collector's data model first (again: evidence directories
    are re-evaluated offline): damaged data is a `parse` error for the clauses needing it."""
    evidence = [validated(e) for e in evidence]
    input_doc = build_input(evidence, targets, params, run)
    policy_run = run_policies(engine, policyset, input_doc, catalogue)

    rules_by_clause: dict[str, list[PackageInfo]] = defaultdict(list)
    for pkg in policyset.packages:
        if pkg.metadata.clause:
            rules_by_clause[pkg.metadata.clause].append(pkg)
    findings_by_clause: dict[str, list[Finding]] = defaultdict(list)
    for f in policy_run.findings:
        findings_by_clause[f.clause].append(f)
    evidence_by = {(e.collector, e.target.id): e for e in evidence}

    clauses = []
    for clause in catalogue.clauses:
        rules = rules_by_clause.get(clause.id, [])
        requires = sorted({c for p in rules for c in p.metadata.requires})
        reads = sorted({c for p in rules for c in p.metadata.reads} - set(requires))
        clauses.append(
            _clause_status(
                clause,
                _ClauseInputs(rules, requires, reads, policy_run.errors),
                findings_by_clause[clause.id],
                evidence_by,
                targets,
                specs,
                evidence,
                run.evaluated_at,
            )
        )

    input_sha = hashlib.sha256(json.dumps(input_doc, sort_keys=True).encode()).hexdigest()
    meta = RunMeta(
        run_id=run.run_id,
        evaluated_at=run.evaluated_at,
        profile=run.profile,
        organisation=run.organisation,
        tool_version=__version__,
        engine=engine.name,
        catalogue_version=catalogue.version,
        policy_sha256=catalogue.policy_sha256,
        policies_sha256=policyset.sha256,
        input_sha256=input_sha,
    )
    results = Results(
        meta=meta,
        summary=summarise(clauses, catalogue),
        targets=sorted(targets, key=lambda t: t.id),
        clauses=clauses,
    )
    return results, input_doc


def load_evidence_dir(evidence_dir: Path) -> list[Evidence]:
    """Read every envelope under RUN/evidence; a corrupt file is a clear usage error."""
    out = []
    for path in sorted(evidence_dir.glob("*/*.json")):
        try:
            out.append(Evidence.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            raise PolicyError(f"{path}: not a valid evidence envelope: {first}") from None
    return out
