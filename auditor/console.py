"""Progress on stderr through the runner's observer; the core itself prints nothing."""

from __future__ import annotations

import threading
from typing import TextIO

from auditor.models import Evidence, EvidenceStatus, Target


class ConsoleProgress:
    """One line per finished unit: `[done/total] collector target status (seconds)`.

    Failures carry the error kind and message so an unreachable host is named at once.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._failed_targets: set[str] = set()

    def message(self, text: str) -> None:
        with self._lock:
            print(text, file=self._stream, flush=True)

    def unit_started(self, collector: str, target: Target) -> None:
        pass

    def unit_progress(self, collector: str, target: Target, text: str) -> None:
        """How far a long unit is (the logs scan: files and bytes done, rate)."""
        self.message(f"  {collector} {target.id}: {text}")

    def unit_finished(self, evidence: Evidence, done: int, total: int) -> None:
        status = str(evidence.status)
        took = f"{evidence.duration_s:.1f}s"
        line = f"[{done}/{total}] {evidence.collector} {evidence.target.id}: {status} ({took})"
        if evidence.error is not None:
            line += f" {evidence.error.kind}: {evidence.error.message}"
            if evidence.status in (EvidenceStatus.error, EvidenceStatus.timeout):
                self._failed_targets.add(evidence.target.id)
        elif evidence.reason:
            line += f" ({evidence.reason})"
        self.message(line)
