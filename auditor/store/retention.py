"""AUD-1: how long the run store keeps runs, whether the history has gaps, and refusing to
delete a run before its retention ends.

A run is held until agreement_end + retention_days_after_agreement. While the agreement has no
end date (it is active), no run may be deleted at all.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from auditor.collect.base import CollectContext, Collector
from auditor.errors import CollectorError, StoreError
from auditor.models import ErrorKind, TargetKind, rfc3339

_RUN_ID_TIME = "%Y%m%dT%H%M%SZ"


class StoreSettings(BaseModel):
    """Config section `store`."""

    model_config = ConfigDict(extra="forbid")

    dir: str | None = None  # default: the core output_dir
    retention_days_after_agreement: int = Field(365, ge=0)
    agreement_start: str | None = None
    agreement_end: str | None = None  # None: the agreement is active, nothing may be deleted
    schedule_interval_days: int = Field(7, ge=1)
    retention_mode: str = "governance"  # "compliance" when the directory sits on WORM storage
    verify_last_runs: int = Field(10, ge=0)  # AUD-5: manifests and PII self-scan of the newest runs


@dataclass(frozen=True)
class HeldRun:
    run_id: str
    evaluated_at: datetime
    path: Path


def _parse(value: str) -> datetime:
    value = value.strip()
    if len(value) == 10:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _run_time(path: Path) -> datetime | None:
    """evaluated_at from results.json or run.json, else the timestamp in the run id."""
    for name, keys in (("results.json", ("meta", "evaluated_at")), ("run.json", ("evaluated_at",))):
        try:
            doc: Any = json.loads((path / name).read_text(encoding="utf-8"))
            for k in keys:
                doc = doc[k]
            return _parse(str(doc))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    try:
        return datetime.strptime(path.name.split("-", 1)[0], _RUN_ID_TIME).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_runs(store: Path) -> list[HeldRun]:
    """Run directories (holding evidence/ or results.json), oldest first."""
    if not store.is_dir():
        return []
    runs = []
    for p in store.iterdir():
        if p.is_symlink() or not p.is_dir() or p.name.startswith("."):
            continue
        if not ((p / "evidence").is_dir() or (p / "results.json").is_file()):
            continue
        when = _run_time(p)
        if when is not None:
            runs.append(HeldRun(p.name, when, p))
    return sorted(runs, key=lambda r: (r.evaluated_at, r.run_id))


def retention_until(cfg: StoreSettings) -> datetime | None:
    """When runs may be deleted; None while the agreement is active."""
    if not cfg.agreement_end:
        return None
    return _parse(cfg.agreement_end) + timedelta(days=cfg.retention_days_after_agreement)


def gaps(times: list[datetime], interval_days: int) -> list[dict[str, Any]]:
    limit = timedelta(days=2 * interval_days)
    out = []
    for a, b in pairwise(times):
        if b - a > limit:
            out.append({"from": rfc3339(a), "to": rfc3339(b), "days": (b - a).days})
    return out


# AUD-5 self-scan: medium/high-confidence customer PII in evidence values. JSON keys, file paths and
# URLs are provenance, not data, and are skipped (they name hosts like root@web1).
_SELF_SCAN = {"email", "phone", "payment"}
# SSH algorithm names look like e-mail addresses (umac-64-etm@openssh.com)
_NOT_PII = re.compile(r"@(openssh\.com|libssh\.org|ssh\.com)$", re.IGNORECASE)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if not value.startswith("/") and "://" not in value:
            yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _evidence_pii(run: Path, allowed: set[str]) -> dict[str, int]:
    from auditor.pii import scan_text
    from auditor.pii.engine import PREFILTER

    counts: dict[str, int] = {}
    for path in sorted((run / "evidence").glob("*/*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        except ValueError:
            continue
        for text in _strings(doc.get("data") if isinstance(doc, dict) else doc):
            if PREFILTER.search(text.encode("utf-8", "replace")) is None:
                continue
            for m in scan_text(text):
                cat = str(m.category)
                redacted = "***" in m.value or m.detector.startswith("key:")  # excerpts, not values
                if (
                    cat in _SELF_SCAN
                    and str(m.confidence) != "low"
                    and not m.quasi
                    and not redacted
                    and m.value.lower() not in allowed
                    and not _NOT_PII.search(m.value)
                ):
                    counts[cat] = counts.get(cat, 0) + 1
    return counts


def integrity(run: HeldRun, public_key: Path | None, allowed: set[str]) -> dict[str, Any]:
    """Manifest verification and PII self-scan of one held run (counts and file names only)."""
    from auditor.store.manifest import MANIFEST, verify

    out: dict[str, Any] = {
        "run_id": run.run_id,
        "sealed": (run.path / MANIFEST).is_file(),
        "signed": False,
        "problems": [],
        "evidence_pii": _evidence_pii(run.path, allowed),
    }
    if out["sealed"]:
        try:
            problems, notes = verify(run.path, public_key=public_key)
        except StoreError as exc:
            problems, notes = [str(exc)], []
        out["problems"] = problems[:20]
        out["signed"] = any(n.startswith("signature: valid") for n in notes)
    return out


def store_report(
    store: Path,
    cfg: StoreSettings,
    now: datetime,
    *,
    public_key: Path | None = None,
    allowed: set[str] | None = None,
) -> dict[str, Any]:
    runs = list_runs(store)
    # a run still being written (this one) has no results yet: only finished runs are verified
    complete = [r for r in runs if (r.path / "results.json").is_file()]
    times = [r.evaluated_at for r in runs] + [now]  # the run being made now is held too
    until = retention_until(cfg)
    return {
        "dir": str(store),
        "runs": [{"run_id": r.run_id, "evaluated_at": rfc3339(r.evaluated_at)} for r in runs],
        "runs_held": len(runs),
        "oldest_run_at": rfc3339(min(times)),
        "newest_run_at": rfc3339(runs[-1].evaluated_at) if runs else None,
        "gaps": gaps(times, cfg.schedule_interval_days),
        "retention_days": cfg.retention_days_after_agreement,
        "retention_mode": cfg.retention_mode,
        "agreement_start": rfc3339(_parse(cfg.agreement_start)) if cfg.agreement_start else None,
        "agreement_end": rfc3339(_parse(cfg.agreement_end)) if cfg.agreement_end else None,
        "min_retention_until": rfc3339(until) if until else None,
        "deletion_allowed": until is not None and now >= until,
        "schedule_interval_days": cfg.schedule_interval_days,
        "verified": [integrity(r, public_key, allowed or set()) for r in complete[-cfg.verify_last_runs :]]
        if cfg.verify_last_runs
        else [],
        "signing_key_pinned": public_key is not None,
    }


def prune(store: Path, cfg: StoreSettings, run_ids: list[str], now: datetime) -> list[str]:
    """Delete the named runs, or refuse (StoreError) if any is still under retention."""
    held = {r.run_id: r for r in list_runs(store)}
    missing = [r for r in run_ids if r not in held]
    if missing:
        raise StoreError(f"{store}: no run {missing[0]} in the store")
    until = retention_until(cfg)
    if until is None:
        raise StoreError(
            f"refusing to delete {len(run_ids)} run(s): the Amazon agreement is active "
            f"(store.agreement_end is not set); runs are kept until agreement end "
            f"+ {cfg.retention_days_after_agreement} days (AUD-1)"
        )
    if now < until:
        raise StoreError(
            f"refusing to delete {len(run_ids)} run(s): retention runs until {rfc3339(until)} "
            f"(agreement end + {cfg.retention_days_after_agreement} days, AUD-1)"
        )
    for rid in run_ids:
        shutil.rmtree(held[rid].path)
    return run_ids


def settings_from(settings: dict[str, Any]) -> tuple[Path | None, StoreSettings]:
    cfg = StoreSettings.model_validate(settings.get("store") or {})
    directory = cfg.dir or settings.get("output_dir")
    return (Path(directory) if directory else None), cfg


class StoreRunsCollector(Collector):
    """Evidence for AUD-1: the runs the store holds, its retention and the gaps in history."""

    id = "store.runs"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.store})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        try:
            store, cfg = settings_from(ctx.settings)
        except ValueError as exc:
            raise CollectorError(ErrorKind.parse, f"store: {str(exc).splitlines()[0]}") from None
        if store is None:
            raise CollectorError(
                ErrorKind.unsupported,
                "no run store configured",
                "set store.dir (or output_dir) in the configuration",
            )
        signing = ctx.settings.get("signing") or {}
        pinned = Path(signing["public_key_file"]) if signing.get("public_key_file") else None
        allowed = {str(ctx.params.get("amazon_security_contact", ""))}
        return store_report(store, cfg, ctx.now, public_key=pinned, allowed=allowed)
