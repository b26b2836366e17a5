"""collect -> evaluate -> report over a run directory; the CLI's commands are thin wrappers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.catalogue import load_catalogue
from auditor.clock import parse_instant
from auditor.collect import ids
from auditor.collect.base import Transport
from auditor.collect.runner import CollectObserver, RunnerOptions, Unit, run_units
from auditor.collect.specs import CollectorSpec, load_specs
from auditor.collect.transports.ssh_settings import runner_limits, ssh_settings
from auditor.config import Config
from auditor.engine.policyset import load_policyset, make_engine
from auditor.errors import UsageError
from auditor.evaluate import RunInfo, evaluate, load_evidence_dir
from auditor.fsutil import atomic_write_json
from auditor.models import Evidence, Results, Target, TargetKind
from auditor.resources import policies_dir
from auditor.store.rundir import RunDir
from auditor.waivers import apply_configured_waivers


def plan_units(
    targets: list[Target], specs: dict[str, CollectorSpec], enabled: dict[str, bool]
) -> list[Unit]:
    units = []
    for target in targets:
        for spec in specs.values():
            if target.kind in spec.target_kinds and enabled.get(spec.id, True):
                units.append(Unit(spec=spec, target=target))
    return units


def _transport_factory(settings: dict[str, Any]):
    from auditor.collect.transports.factory import transport_for

    def factory(target: Target) -> Transport | None:
        return transport_for(target, settings)

    return factory


def _discovered_endpoints(config: Config, evidence: list[Evidence], known: set[str]) -> list[Target]:
    """TLS endpoints found on scanned hosts' listening sockets and in the inventory."""
    from auditor.collect.tls.discovery import endpoints_from

    listening = [e for e in evidence if e.collector in (ids.HOST_LISTENING, ids.INVENTORY_ASSETS)]
    return [t for t in endpoints_from(config.settings(), listening) if t.id not in known]


def collect(
    config: Config,
    targets: list[Target],
    run: RunDir,
    observer: CollectObserver | None,
    now: datetime,
) -> tuple[list[Evidence], list[Target]]:
    """Collect hosts and registers first, then endpoints (some are discovered on the hosts)."""
    specs = load_specs()
    settings = config.settings()
    max_workers, per_target = runner_limits(ssh_settings(settings))
    opts = RunnerOptions(
        max_workers=max_workers, per_target=per_target, params=config.params, settings=settings, now=now
    )
    factory = _transport_factory(settings)

    def collect_batch(batch: list[Target]) -> list[Evidence]:
        units = plan_units(batch, specs, config.core.collectors)
        expect = getattr(observer, "expect", None)  # fleet progress wants totals up front
        if expect is not None:
            expect([u.target for u in units])
        return run_units(units, factory, run.evidence_dir, opts, observer)

    first = [t for t in targets if t.kind != TargetKind.endpoint]
    evidence = collect_batch(first)
    endpoints = [t for t in targets if t.kind == TargetKind.endpoint]
    endpoints += _discovered_endpoints(config, evidence, {t.id for t in targets})
    if endpoints:
        evidence += collect_batch(endpoints)
    return evidence, first + endpoints


@dataclass(frozen=True)
class EvaluateOptions:
    engine: str = "embedded"
    opa_url: str | None = None
    extra_policy_dirs: tuple[Path, ...] = ()


def evaluate_run(
    run: RunDir,
    *,
    at: str | None,
    params: dict[str, Any] | None,
    options: EvaluateOptions,
    organisation: str = "",
    profile: str = "default",
    settings: dict[str, Any] | None = None,
) -> Results:
    """Evaluate stored evidence; with the same --at, two runs give byte-identical results."""
    meta = run.read_meta()
    evidence = load_evidence_dir(run.evidence_dir)
    targets = [Target.model_validate(t) for t in meta.get("targets", [])] or _targets_of(evidence)
    # Without --at: the clock the run was collected with; a bare evidence directory (no run.json)
    # is judged as of its newest observation, so re-evaluating it never depends on today.
    evaluated_at = at or meta.get("clock") or meta.get("started_at") or max(
        (e.collected_at for e in evidence), default=None
    )
    if not evaluated_at:
        raise UsageError(f"{run.path}: no run.json and no evidence to date the run; give --at RFC3339")
    run_id = (
        meta.get("run_id")
        or hashlib.sha256(
            json.dumps([e.to_json_dict() for e in evidence], sort_keys=True).encode()
        ).hexdigest()[:16]
    )
    catalogue = load_catalogue()
    if params is None:  # offline re-evaluation uses the parameters the run was collected with
        params = meta.get("params") or dict(catalogue.parameters)
    policyset = load_policyset([policies_dir(), *options.extra_policy_dirs])
    engine = make_engine(options.engine, opa_url=options.opa_url)
    try:
        engine.load(policyset.modules)
        results, input_doc = evaluate(
            evidence,
            targets,
            params,
            RunInfo(run_id=run_id, evaluated_at=evaluated_at, profile=profile, organisation=organisation),
            catalogue=catalogue,
            policyset=policyset,
            engine=engine,
            specs=load_specs(),
        )
    finally:
        engine.close()
    waiver_settings = settings if settings is not None else meta.get("waiver_settings", {})
    now = parse_instant(evaluated_at, what="evaluated_at")
    results = apply_configured_waivers(results, waiver_settings, now, run.path)
    atomic_write_json(run.input_path, input_doc)
    atomic_write_json(run.results_path, results.to_json_dict())
    return results


def _targets_of(evidence: list[Evidence]) -> list[Target]:
    return list({e.target.id: e.target for e in evidence}.values())


def write_run_meta(
    run: RunDir, run_id: str, config: Config, targets: list[Target], started: str, clock: str
) -> None:
    settings = config.settings()
    run.write_meta(
        {
            "run_id": run_id,
            "started_at": started,
            "clock": clock,  # the run's one "now": collectors used it, evaluation defaults to it
            "tool_version": __version__,
            "organisation": config.core.organisation,
            "scope": config.core.scope,
            "config_file": str(config.path) if config.path else None,
            "targets": [t.model_dump(mode="json") for t in targets],
            "params": config.params,
            # Offline re-evaluation applies the same waivers the scan applied.
            "waiver_settings": {k: settings[k] for k in ("waivers_file", "waivers") if settings.get(k)},
        }
    )


def report_run(run: RunDir, formats: list[str]) -> list[Path]:
    """Render the reports of an evaluated run from its results.json and evidence."""
    from auditor.render.base import build_context, write_reports

    results = Results.model_validate_json(run.results_path.read_text(encoding="utf-8"))
    return write_reports(build_context(results, run.path), formats, run.path)
