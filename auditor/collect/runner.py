"""Runs (collector, target) units concurrently; every unit yields exactly one Evidence.

Exceptions are mapped to error kinds here and nowhere else. Units of one target share
one transport (one SSH connection per host), bounded by a per-target limit; a global
limit bounds all units.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from auditor.collect.base import CollectContext, Transport
from auditor.collect.specs import CollectorSpec
from auditor.errors import CollectorError, NotApplicable
from auditor.fsutil import atomic_write_json, safe_name
from auditor.models import (
    ErrorKind,
    Evidence,
    EvidenceError,
    EvidenceStatus,
    Provenance,
    Target,
    rfc3339,
    utc_now,
)

_GRACE_S = 5.0

TransportFactory = Callable[[Target], Transport | None]


class CollectObserver(Protocol):
    def unit_started(self, collector: str, target: Target) -> None: ...

    def unit_finished(self, evidence: Evidence, done: int, total: int) -> None: ...


class SilentObserver:
    def unit_started(self, collector: str, target: Target) -> None:
        pass

    def unit_finished(self, evidence: Evidence, done: int, total: int) -> None:
        pass


@dataclass
class Unit:
    spec: CollectorSpec
    target: Target


@dataclass
class RunnerOptions:
    max_workers: int = 16
    per_target: int = 4
    timeout_scale: float = 1.0
    params: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def classify(exc: BaseException) -> EvidenceError:
    """The one place where exceptions become error kinds."""
    if isinstance(exc, CollectorError):
        return EvidenceError(kind=ErrorKind(exc.kind), message=exc.message, hint=exc.hint)
    if isinstance(exc, TimeoutError | socket.timeout):
        return EvidenceError(kind=ErrorKind.timeout, message=str(exc) or "timed out")
    if isinstance(exc, PermissionError):
        return EvidenceError(kind=ErrorKind.permission, message=str(exc), hint="run as root or allow sudo")
    if isinstance(exc, ConnectionError | OSError):
        return EvidenceError(kind=ErrorKind.connectivity, message=str(exc))
    if isinstance(exc, ValueError | KeyError | UnicodeError):
        return EvidenceError(kind=ErrorKind.parse, message=f"{type(exc).__name__}: {exc}")
    return EvidenceError(kind=ErrorKind.bug, message=f"{type(exc).__name__}: {exc}")


def _envelope(
    unit: Unit,
    status: EvidenceStatus,
    started: float,
    *,
    data: dict[str, Any] | None = None,
    error: EvidenceError | None = None,
    reason: str | None = None,
    provenance: Provenance | None = None,
    collected_at: str | None = None,
) -> Evidence:
    return Evidence(
        collector=unit.spec.id,
        target=unit.target,
        status=status,
        error=error,
        reason=reason,
        collected_at=collected_at or rfc3339(utc_now()),
        duration_s=round(time.monotonic() - started, 3),
        provenance=provenance or Provenance(),
        data=data or {},
    )


class _TransportPool:
    """One transport per target, opened lazily and shared by that target's units."""

    def __init__(self, factory: TransportFactory) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._target_locks: dict[str, threading.Lock] = {}
        self._transports: dict[str, Transport | None] = {}
        self._errors: dict[str, BaseException] = {}

    def get(self, target: Target) -> Transport | None:
        with self._lock:
            lock = self._target_locks.setdefault(target.id, threading.Lock())
        with lock:
            if target.id in self._errors:
                raise self._errors[target.id]
            if target.id not in self._transports:
                try:
                    self._transports[target.id] = self._factory(target)
                except BaseException as exc:
                    self._errors[target.id] = exc
                    raise
            return self._transports[target.id]

    def close(self) -> None:
        for t in self._transports.values():
            if t is not None:
                with contextlib.suppress(Exception):  # closing is best effort
                    t.close()


def _run_unit(unit: Unit, pool: _TransportPool, opts: RunnerOptions, deadline: float) -> Evidence:
    started = time.monotonic()
    collected_at = rfc3339(utc_now())
    ctx = CollectContext(target=unit.target, params=opts.params, settings=opts.settings, deadline=deadline)
    try:
        ctx.transport = pool.get(unit.target)
        if ctx.transport is not None:
            ctx.provenance.transport = ctx.transport.name
        collector = unit.spec.load_class()()
        data = collector.collect(ctx)
        if ctx.transport is not None:  # known only now: e.g. SSH files over SFTP or exec
            ctx.provenance.transport = ctx.transport.describe()
        if time.monotonic() > deadline:
            raise CollectorError(
                ErrorKind.timeout, f"{unit.spec.id} overran its {unit.spec.timeout_s}s deadline"
            )
        return _envelope(
            unit,
            EvidenceStatus.collected,
            started,
            data=data,
            provenance=ctx.provenance,
            collected_at=collected_at,
        )
    except NotApplicable as na:
        return _envelope(
            unit,
            EvidenceStatus.not_applicable,
            started,
            reason=na.reason,
            provenance=ctx.provenance,
            collected_at=collected_at,
        )
    except BaseException as exc:  # every unit yields evidence, whatever happened
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        err = classify(exc)
        status = EvidenceStatus.timeout if err.kind == ErrorKind.timeout else EvidenceStatus.error
        return _envelope(
            unit, status, started, error=err, provenance=ctx.provenance, collected_at=collected_at
        )


def evidence_path(evidence_dir: Path, collector: str, target_id: str) -> Path:
    return evidence_dir / collector / f"{safe_name(target_id)}.json"


def run_units(
    units: Iterable[Unit],
    transport_factory: TransportFactory,
    evidence_dir: Path | None,
    options: RunnerOptions | None = None,
    observer: CollectObserver | None = None,
) -> list[Evidence]:
    """Run every unit; return (and, with evidence_dir, write) one envelope per unit."""
    opts = options or RunnerOptions()
    obs = observer or SilentObserver()
    todo = list(units)
    pool = _TransportPool(transport_factory)
    per_target: dict[str, threading.Semaphore] = {}
    results: list[Evidence] = []

    deadlines: dict[int, float] = {}

    def guarded(unit: Unit) -> Evidence:
        sem = per_target.setdefault(unit.target.id, threading.Semaphore(opts.per_target))
        with sem:
            obs.unit_started(unit.spec.id, unit.target)
            deadline = time.monotonic() + unit.spec.timeout_s * opts.timeout_scale
            deadlines[id(unit)] = deadline
            return _run_unit(unit, pool, opts, deadline)

    def record(ev: Evidence) -> None:
        if evidence_dir is not None:
            atomic_write_json(evidence_path(evidence_dir, ev.collector, ev.target.id), ev.to_json_dict())
        results.append(ev)
        obs.unit_finished(ev, len(results), len(todo))

    for unit in todo:  # create semaphores before threads race for them
        per_target.setdefault(unit.target.id, threading.Semaphore(opts.per_target))

    executor = ThreadPoolExecutor(max_workers=max(1, opts.max_workers), thread_name_prefix="collect")
    abandoned = False
    try:
        futures: dict[Future[Evidence], Unit] = {executor.submit(guarded, u): u for u in todo}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                record(fut.result())
            # Watchdog: a collector that ignores its deadline is reported, not waited for.
            now = time.monotonic()
            for fut in list(pending):
                unit = futures[fut]
                limit = deadlines.get(id(unit))
                if limit is not None and now > limit + _GRACE_S:
                    pending.discard(fut)
                    abandoned = True
                    err = EvidenceError(
                        kind=ErrorKind.timeout,
                        message=f"{unit.spec.id} did not finish within {unit.spec.timeout_s}s",
                    )
                    record(_envelope(unit, EvidenceStatus.timeout, limit - unit.spec.timeout_s, error=err))
    finally:
        executor.shutdown(wait=not abandoned, cancel_futures=True)
        pool.close()
    results.sort(key=lambda e: (e.collector, e.target.id))
    return results
