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
from auditor.models import Finding, Results, Severity


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
