"""Turn scan outcomes into the logs.pii evidence data (the shape documented in collectors/logs.pii.yaml).

Only redacted excerpts and keyed fingerprints leave here; counts are exact even when the list of
detailed findings is capped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from auditor.collect.logs.scan import NOT_GAPS, VANISHED, FileOutcome, is_rotated
from auditor.pii.categories import CATEGORIES, RANK, Confidence
from auditor.pii.detectors import REGISTRY
from auditor.pii.engine import VERSION, Hit, ruleset_sha256
from auditor.pii.selftest import SelfTest
from auditor.pii.settings import Exemption


def default_exemptions(params: dict[str, Any]) -> list[Exemption]:
    raw = params.get("security_telemetry_exemptions") or []
    return [Exemption.model_validate(e) for e in raw]


def exemption_for(hit: Hit, log_class: str, exemptions: Iterable[Exemption]) -> str | None:
    for e in exemptions:
        if log_class in e.log_classes and hit.category in e.categories and (
                not e.fields or hit.field in e.fields):
            return f"{log_class}/{hit.category}/{hit.field or '*'}"
    return None


def _rfc3339(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_spool(path: str, spool_dirs: list[str]) -> bool:
    return any(path.startswith(d.rstrip("/") + "/") for d in spool_dirs)


@dataclass
class ScanMeta:
    method: str
    roots: list[str]
    file_roots: list[str] = field(default_factory=list)
    globs: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    journald: dict[str, Any] = field(default_factory=lambda: {"scanned": False, "reason": "not requested"})
    label_spool_dirs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    budget_reason: str | None = None  # set when the run stopped early for a reason outside files
    skipped_installed: dict[str, int] = field(default_factory=dict)  # reason -> files or directories
    hmac_key_id: str = ""


def detector_info(selftest: SelfTest) -> dict[str, Any]:
    return {
        "version": VERSION,
        "ruleset_sha256": ruleset_sha256(),
        "categories": sorted({c for d in REGISTRY for c in d.categories}),
        "detectors": [d.id for d in REGISTRY],
        "canary_test": selftest.to_dict(),
    }


def _finding(out: FileOutcome, hit: Hit, exemption: str | None) -> dict[str, Any]:
    return {
        "path": out.entry.path, "line": hit.line, "category": hit.category, "confidence": hit.confidence,
        "detector_id": hit.detector, "field": hit.field, "log_class": out.entry.log_class,
        "excerpt": hit.excerpt, "fingerprint": hit.fingerprint,
        "co_located_categories": hit.co_located, "escalated": hit.escalated,
        "exempt": exemption is not None, "exemption": exemption,
    }


def _file(out: FileOutcome, spool_dirs: list[str], open_: dict[str, dict[str, int]], n: int
          ) -> dict[str, Any]:
    e = out.entry
    return {
        "path": e.path, "log_class": e.log_class, "kind": e.kind, "bytes": out.bytes, "size": e.size,
        "lines": out.lines, "findings_count": len(out.hits), "open_count": sum(
            c["medium"] + c["high"] for c in open_.values()),
        "exempt_count": n, "open": open_, "skipped_reason": out.skipped_reason, "complete": not out.partial,
        "rotated": is_rotated(e.path), "mtime": _rfc3339(e.mtime),
        "in_label_spool": _in_spool(e.path, spool_dirs),
    }


def build(outcomes: list[FileOutcome], *, selftest: SelfTest, exemptions: list[Exemption], meta: ScanMeta,
          seconds: float, max_findings: int) -> dict[str, Any]:
    findings: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    counts: Counter[str] = Counter()
    open_counts: Counter[str] = Counter()
    for out in outcomes:
        open_: dict[str, dict[str, int]] = {}
        exempt_n = 0
        for hit in out.hits:
            ex = exemption_for(hit, out.entry.log_class, exemptions)
            counts[hit.category] += 1
            if ex:
                exempt_n += 1
            else:
                open_.setdefault(hit.category, {c.value: 0 for c in Confidence})[hit.confidence] += 1
                if hit.confidence != Confidence.low:
                    open_counts[hit.category] += 1
            findings.append(_finding(out, hit, ex))
        files.append(_file(out, meta.label_spool_dirs, open_, exempt_n))
    # Most serious first, so a capped list keeps what matters.
    findings.sort(key=lambda f: (f["exempt"], -RANK[Confidence(f["confidence"])], f["path"], f["line"]))
    partial_files = [f["path"] for f in files if not f["complete"]]
    bytes_total = sum(out.entry.size if out.skipped_reason not in NOT_GAPS else out.bytes for out in outcomes)
    notes = meta.notes + [f"{out.entry.path}: vanished before it was read" for out in outcomes
                          if out.skipped_reason == VANISHED]
    bytes_scanned = sum(f["bytes"] for f in files)
    reasons = sorted({f["skipped_reason"] for f in files if not f["complete"] and f["skipped_reason"]})
    if meta.budget_reason:
        reasons.append(meta.budget_reason)
    if not selftest.passed:
        reasons.append("self_test_failed")
    return {
        "detector": detector_info(selftest),
        "method": meta.method,
        "scope": {
            "roots": meta.roots, "file_roots": meta.file_roots, "globs": meta.globs, "exclude": meta.exclude,
            "journald": bool(meta.journald.get("scanned")), "journal": meta.journald,
            "rotated_included": any(f["rotated"] and f["complete"] for f in files),
            "files_scanned": sum(1 for f in files if f["complete"] and f["skipped_reason"] is None),
            "files_skipped": sum(1 for f in files if f["skipped_reason"] is not None),
            "bytes_scanned": bytes_scanned, "bytes_total": bytes_total,
            "label_spool_dirs": meta.label_spool_dirs, "notes": notes[:50],
            "skipped_installed": dict(sorted(meta.skipped_installed.items())),
        },
        "exemptions": [e.model_dump() for e in exemptions],
        "files": files,
        "findings": findings[:max_findings],
        "findings_total": len(findings),
        "findings_truncated": len(findings) > max_findings,
        "counts": {c: counts[c] for c in CATEGORIES if counts[c]},
        "open_counts": {c: open_counts[c] for c in CATEGORIES if open_counts[c]},
        "partial": bool(reasons) or bool(partial_files),
        "partial_reason": ", ".join(reasons) or None,
        "partial_files": partial_files[:100],
        "bytes_scanned": bytes_scanned,
        "bytes_total": bytes_total,
        "seconds": round(seconds, 3),
        "hmac_key_id": meta.hmac_key_id,
    }
