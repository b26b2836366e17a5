"""The CI gate: one pure function from results to the documented exit code.

Only open findings gate: waived findings never do, and with a baseline only findings whose
fingerprint the baseline did not already have open. A finding the baseline had waived is
not in the baseline, so a lapsed waiver gates again.
"""

from __future__ import annotations

import json
from pathlib import Path

from auditor.errors import UsageError
from auditor.exitcodes import ExitCode
from auditor.models import ClauseResult, ClauseStatus, Finding, Results, Severity

EVIDENCE_ERROR_REASON = "required evidence is missing or failed"
POLICY_ERROR_KIND = "policy"  # a rule failed at run time (type error, missing builtin)
POLICY_ERROR_REASON = "a rule of this clause could not be evaluated; see errors"


def clause_status(result: ClauseResult) -> tuple[ClauseStatus, str | None]:
    """The one decision of a rule-evaluated clause's status (evaluate and waivers both ask it).

    An open deny fails; otherwise any error (missing or damaged evidence, a policy that could
    not be evaluated) makes the clause `error`, so a waiver can never turn undecided into
    decided; then open warns, then fully waived findings; `pass` only with an in-scope target,
    no error and no finding at all.
    """
    open_ = [f for f in result.findings if not f.waived_by]
    if any(f.level == "deny" for f in open_):
        return ClauseStatus.fail, None
    if result.errors:
        if any(e.get("kind") == POLICY_ERROR_KIND for e in result.errors):
            return ClauseStatus.error, POLICY_ERROR_REASON
        return ClauseStatus.error, EVIDENCE_ERROR_REASON
    if open_:
        return ClauseStatus.warn, None
    if result.findings:
        waivers = ", ".join(sorted({str(f.waived_by) for f in result.findings}))
        return ClauseStatus.waived, "every finding is covered by a valid waiver: " + waivers
    if not result.targets:
        return ClauseStatus.not_applicable, None
    return ClauseStatus.pass_, None


def gating_findings(
    results: Results, fail_on: Severity | None, baseline_fingerprints: set[str] | None = None
) -> list[Finding]:
    """Open deny findings at or above `fail_on` that the baseline does not already hold."""
    if fail_on is None:
        return []
    threshold = Severity(fail_on).rank
    out = []
    for clause in results.clauses:
        if clause.status != "fail":
            continue
        for f in clause.findings:
            if f.level != "deny" or f.waived_by or Severity(f.severity).rank < threshold:
                continue
            if baseline_fingerprints is not None and f.fingerprint in baseline_fingerprints:
                continue
            out.append(f)
    return out


def exit_code(
    results: Results, fail_on: Severity | None, *, fail_on_error: bool, baseline_fingerprints: set[str] | None
) -> int:
    """0 ok, 1 gate failed, 3 incomplete (errors, when counted). A gate failure wins over 3."""
    if gating_findings(results, fail_on, baseline_fingerprints):
        return int(ExitCode.GATE_FAILED)
    if fail_on_error and any(c.status == "error" for c in results.clauses):
        return int(ExitCode.INCOMPLETE)
    return int(ExitCode.OK)


def results_path(path: Path) -> Path:
    """RUN_DIR or a results.json file -> the results.json path."""
    return path / "results.json" if path.is_dir() else path


def load_results(path: Path) -> Results:
    p = results_path(path)
    try:
        return Results.model_validate_json(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: no such results file") from None
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise UsageError(f"{p}: not a dpp-auditor results file: {first}") from None


def baseline_fingerprints(path: Path) -> set[str]:
    """Fingerprints of the findings that were open (not waived) in the baseline run."""
    p = results_path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: no such baseline results file") from None
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{p}: baseline is not JSON: {str(exc)[:200]}") from None
    try:
        return {
            f["fingerprint"] for c in doc["clauses"] for f in c.get("findings", []) if not f.get("waived_by")
        }
    except (KeyError, TypeError):
        raise UsageError(f"{p}: baseline is not a dpp-auditor results file") from None
