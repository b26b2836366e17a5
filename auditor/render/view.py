"""Derived numbers shared by every human-readable format (HTML/PDF, Markdown).

Pure functions over Results; no formatting beyond plain strings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from auditor.models import ClauseResult, ClauseStatus, Finding, Results, Severity

STATUS_ORDER: tuple[str, ...] = tuple(s.value for s in ClauseStatus)
SEVERITY_ORDER: tuple[str, ...] = tuple(s.value for s in Severity)  # critical first
SCORED_AUTOMATION = ("automated",)
SCORE_PASS = ("pass", "warn")
SCORE_DENOMINATOR = ("pass", "warn", "fail", "error")

STATUS_LABELS = {
    "pass": "Pass",
    "fail": "Fail",
    "warn": "Warn",
    "error": "Error",
    "not_applicable": "N/A",
    "manual": "Manual",
    "attested": "Attested",
    "waived": "Waived",
}

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("pass", "The clause was evaluated with all the evidence it requires and no rule found a problem."),
    ("fail", "At least one rule found a problem (a deny finding) that no valid waiver covers."),
    ("warn", "Rules found only warnings: the clause is met but something needs attention soon."),
    (
        "error",
        "Evidence the clause requires could not be collected for an in-scope target, so the "
        "clause could not be decided. This is never counted as a pass.",
    ),
    ("not_applicable", "No in-scope target of the kinds the clause needs exists; the reason is stated."),
    (
        "manual",
        "The clause can only be proven by a person (a document, a process); no valid "
        "attestation was supplied.",
    ),
    ("attested", "A manual clause with a valid, unexpired attestation."),
    (
        "waived",
        "Every finding of the clause is covered by a valid waiver (reason, requester, a "
        "different approver, an expiry within the allowed horizon). An expired waiver fails.",
    ),
)


@dataclass(frozen=True)
class Score:
    passed: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else round(100.0 * self.passed / self.denominator, 1)

    @property
    def text(self) -> str:
        pct = self.percent
        return "n/a" if pct is None else f"{pct:g}%"


def compliance_score(clauses: list[ClauseResult]) -> Score:
    """(pass + warn) / (pass + warn + fail + error) over automated clauses."""
    scored = [c for c in clauses if c.automation in SCORED_AUTOMATION]
    passed = sum(1 for c in scored if c.status in SCORE_PASS)
    denominator = sum(1 for c in scored if c.status in SCORE_DENOMINATOR)
    return Score(passed, denominator)


def status_counts(clauses: list[ClauseResult]) -> dict[str, int]:
    counts = Counter(str(c.status) for c in clauses)
    return {s: counts.get(s, 0) for s in STATUS_ORDER}


def severity_matrix(clauses: list[ClauseResult]) -> dict[str, dict[str, int]]:
    """severity -> status -> number of clauses."""
    matrix: dict[str, dict[str, int]] = {sev: dict.fromkeys(STATUS_ORDER, 0) for sev in SEVERITY_ORDER}
    for c in clauses:
        matrix[str(c.severity)][str(c.status)] += 1
    return matrix


def section_matrix(clauses: list[ClauseResult], sections: tuple[str, ...] = ()) -> dict[str, dict[str, int]]:
    """section -> status -> number of clauses, in catalogue section order."""
    matrix: dict[str, dict[str, int]] = {s: dict.fromkeys(STATUS_ORDER, 0) for s in sections}
    for c in clauses:
        matrix.setdefault(c.section, dict.fromkeys(STATUS_ORDER, 0))[str(c.status)] += 1
    return matrix


def finding_sort_key(f: Finding) -> tuple[int, str, str, str]:
    return (-Severity(f.severity).rank, f.clause, f.target, f.check)


def all_findings(results: Results) -> list[Finding]:
    return sorted((f for c in results.clauses for f in c.findings), key=finding_sort_key)


def findings_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = Counter(str(f.severity) for f in findings if not f.waived_by)
    return {s: counts.get(s, 0) for s in SEVERITY_ORDER}


def locator(f: Finding) -> str:
    """The only finding detail reports show: the PII-free locator that keys the fingerprint."""
    value = f.details.get("locator")
    return "" if value is None else str(value)


def clause_errors(results: Results) -> list[dict[str, Any]]:
    """Errors evaluate.py attached to clauses, flattened with the clause id."""
    rows = []
    for c in results.clauses:
        for err in c.errors:
            rows.append(
                {
                    "clause": c.id,
                    **{k: v for k, v in err.items() if v is None or isinstance(v, str | int | float)},
                }
            )
    return rows


def evidence_failures(evidence: list[Any]) -> dict[str, list[Any]]:
    """target id -> evidence entries that failed (error or timeout)."""
    failed: dict[str, list[Any]] = defaultdict(list)
    for e in evidence:
        if e.status in ("error", "timeout"):
            failed[e.target].append(e)
    return dict(sorted(failed.items()))


UNREACHABLE_KINDS = ("connectivity", "auth", "host_key", "timeout")


def unreachable_targets(evidence: list[Any]) -> dict[str, str]:
    """target id -> reason, for targets where every unit failed to connect."""
    out: dict[str, str] = {}
    units = Counter(e.target for e in evidence)
    for target, entries in evidence_failures(evidence).items():
        kinds = {e.error_kind or e.status for e in entries}
        if len(entries) == units[target] and kinds <= set(UNREACHABLE_KINDS):
            first = entries[0]
            out[target] = (
                f"{first.error_kind or first.status}: {first.error_message or first.reason or ''}".strip()
            )
    return out


@dataclass
class FindingRow:
    """Findings that say the same thing on several targets: one row, every target listed."""

    check: str
    level: str
    msg: str
    locator: str
    hits: list[tuple[str, str]]  # (target id, fingerprint)
    waiver: str = ""


@dataclass
class FindingGroup:
    clause: str
    severity: str
    remediation: str
    rows: list[FindingRow]

    @property
    def count(self) -> int:
        return sum(len(r.hits) for r in self.rows)


def group_findings(findings: list[Finding]) -> list[FindingGroup]:
    """Clause groups in the order of `findings`; rows merge equal (check, level, msg, locator, waiver)."""
    groups: dict[str, FindingGroup] = {}
    rows: dict[tuple[str, str, str, str, str, str], FindingRow] = {}
    for f in findings:
        group = groups.get(f.clause)
        if group is None:
            group = groups[f.clause] = FindingGroup(f.clause, str(f.severity), f.remediation or "", [])
        key = (f.clause, f.check, str(f.level), f.msg, locator(f), f.waived_by or "")
        row = rows.get(key)
        if row is None:
            row = rows[key] = FindingRow(f.check, str(f.level), f.msg, key[4], [], key[5])
            group.rows.append(row)
        row.hits.append((f.target, f.fingerprint))
    return list(groups.values())
