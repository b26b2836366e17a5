"""The report's view of the logs.pii evidence: per target and per file, what was scanned and how
many values of each category were found. Counts only: the evidence holds redacted excerpts and
keyed fingerprints, and not even those reach this table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILES = 200  # per target; the evidence file has them all


@dataclass(frozen=True)
class FileRow:
    path: str
    log_class: str
    bytes: int
    lines: int
    open: dict[str, int]  # category -> medium/high values after exemptions
    exempt: int
    status: str  # scanned | partial | skipped: <reason>


@dataclass
class PiiScan:
    target: str
    method: str
    roots: list[str]
    file_roots: list[str]  # RET-6: other files scanned for PII
    files_scanned: int
    files_skipped: int
    bytes_scanned: int
    bytes_total: int
    partial_reason: str | None
    counts: dict[str, int]  # every value found, exempt or not, per category
    open_counts: dict[str, int]
    exemptions: int
    files: list[FileRow] = field(default_factory=list)
    more_files: int = 0

    @property
    def clean_files(self) -> int:
        return sum(1 for f in self.files if not f.open and f.status == "scanned")


def _file_row(f: dict[str, Any]) -> FileRow:
    open_ = {cat: int(c.get("medium", 0)) + int(c.get("high", 0)) for cat, c in (f.get("open") or {}).items()}
    status = "scanned" if f.get("complete", False) else "partial"
    if f.get("skipped_reason"):
        status = f"skipped: {f['skipped_reason']}"
    return FileRow(
        str(f.get("path", "")),
        str(f.get("log_class", "")),
        int(f.get("bytes", 0)),
        int(f.get("lines", 0)),
        {k: v for k, v in sorted(open_.items()) if v},
        int(f.get("exempt_count", 0)),
        status,
    )


def _scan(doc: dict[str, Any]) -> PiiScan | None:
    data = doc.get("data")
    if doc.get("status") != "collected" or not isinstance(data, dict):
        return None  # the errors chapter already lists evidence that failed
    scope = data.get("scope") or {}
    files = [_file_row(f) for f in data.get("files") or []]
    # Files with open findings first, then the largest: a capped table keeps what matters.
    files.sort(key=lambda r: (-sum(r.open.values()), -r.bytes, r.path))
    return PiiScan(
        target=str((doc.get("target") or {}).get("id", "")),
        method=str(data.get("method", "")),
        roots=[str(r) for r in scope.get("roots") or []],
        file_roots=[str(r) for r in scope.get("file_roots") or []],
        files_scanned=int(scope.get("files_scanned", 0)),
        files_skipped=int(scope.get("files_skipped", 0)),
        bytes_scanned=int(data.get("bytes_scanned", 0)),
        bytes_total=int(data.get("bytes_total", 0)),
        partial_reason=data.get("partial_reason") if data.get("partial") else None,
        counts=dict(data.get("counts") or {}),
        open_counts=dict(data.get("open_counts") or {}),
        exemptions=len(data.get("exemptions") or []),
        files=files[:MAX_FILES],
        more_files=max(0, len(files) - MAX_FILES),
    )


def pii_scans(run_dir: Path | None) -> list[PiiScan]:
    """One entry per target with logs.pii evidence in the run directory, sorted by target."""
    if run_dir is None:
        return []
    scans = []
    for path in sorted((run_dir / "evidence" / "logs.pii").glob("*.json")):
        try:
            scan = _scan(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # the evidence index reports unreadable files; this table is a summary
        if scan is not None:
            scans.append(scan)
    return sorted(scans, key=lambda s: s.target)
