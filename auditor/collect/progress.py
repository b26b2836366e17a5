"""Fleet progress: `hosts done/failed/remaining` lines on a stream (stderr in the CLI).

A host is done when all its units finished; it is failed as soon as one unit ends in
error or timeout (a connection failure fails every unit of the host). Failed hosts are
named once, with the first error kind and message, so an unreachable host is visible at once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import TextIO

from auditor.models import Evidence, EvidenceStatus, Target

_FAILED = (EvidenceStatus.error, EvidenceStatus.timeout)


class FleetProgress:
    """A CollectObserver; call `expect(units)` first, or hosts are learnt as units start."""

    def __init__(self, stream: TextIO, *, min_interval_s: float = 1.0) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._pending: Counter[str] = Counter()
        self._hosts: set[str] = set()
        self._done: set[str] = set()
        self._failed: dict[str, str] = {}
        self._interval = min_interval_s
        self._last = time.monotonic()
        self._declared = False

    def expect(self, targets: list[Target]) -> None:
        """Declare every unit's target up front (one entry per unit) so totals are right."""
        with self._lock:
            self._declared = True
            for target in targets:
                self._pending[target.id] += 1
                self._hosts.add(target.id)

    def unit_started(self, collector: str, target: Target) -> None:
        if self._declared:
            return
        with self._lock:  # undeclared: a host counts as remaining from its first unit on
            self._hosts.add(target.id)
            self._pending[target.id] += 1

    def unit_finished(self, evidence: Evidence, done: int, total: int) -> None:
        tid = evidence.target.id
        with self._lock:
            self._pending[tid] -= 1
            if evidence.status in _FAILED and tid not in self._failed:
                err = evidence.error
                self._failed[tid] = f"{err.kind}: {err.message}" if err else str(evidence.status)
                self._print(f"host {tid} failed: {self._failed[tid]}")
            finished_ok = self._pending[tid] <= 0 and tid not in self._failed
            if self._pending[tid] <= 0:
                self._done.add(tid)
            now = time.monotonic()
            if done >= total or now - self._last >= self._interval or finished_ok:
                self._last = now
                self._print(self.summary())

    def summary(self) -> str:
        ok = len(self._done - set(self._failed))
        remaining = len(self._hosts - self._done - set(self._failed))
        return f"hosts done {ok}/{len(self._hosts)}, failed {len(self._failed)}, remaining {remaining}"

    def failed_hosts(self) -> dict[str, str]:
        """{target id: "kind: message"} of every failed host, for the end-of-run summary."""
        with self._lock:
            return dict(self._failed)

    def _print(self, line: str) -> None:
        print(line, file=self._stream, flush=True)
