"""Accountable waivers: who asked, who approved (someone else), why, until when.

A waivers file (YAML):

    waivers:
      - id: W-001
        clause: NET-3
        check: NET-3.a                    # optional: only this check
        target: "ssh://*@legacy-*"        # fnmatch pattern over target ids, or
        fingerprint: 3f2a...              # one finding (32 hex); give a target, a fingerprint or both
        reason: Vendor appliance, replaced by the Q1 migration
        requested_by: alice@example.com
        approved_by: bob@example.com      # must differ from requested_by
        created: 2026-11-01
        expires: 2027-01-15               # at most max_horizon_days after created
        ticket: SEC-123

A waived finding keeps its data and gains `waived_by`. A clause whose every finding is
waived becomes `waived`. An expired waiver waives nothing: the findings it covered stay
open and an extra finding says that the waiver expired, so the clause fails visibly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from auditor import inputs
from auditor.errors import ConfigError
from auditor.gate import clause_status
from auditor.models import ClauseResult, ClauseStatus, Finding, Results

DEFAULT_MAX_HORIZON_DAYS = 90
REQUIRED = ("id", "clause", "reason", "requested_by", "approved_by", "created", "expires")
OPTIONAL = ("check", "target", "fingerprint", "ticket")
_FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")
EXPIRED_CHECK_SUFFIX = ".waiver"


class WaiversSettings(BaseModel):
    """Config section `waivers:` (the file itself is the core key `waivers_file`)."""

    model_config = ConfigDict(extra="forbid")

    max_horizon_days: int = Field(DEFAULT_MAX_HORIZON_DAYS, ge=1, le=366)


@dataclass(frozen=True)
class Waiver:
    id: str
    clause: str
    reason: str
    requested_by: str
    approved_by: str
    created: date
    expires: date
    check: str | None = None
    target: str | None = None
    fingerprint: str | None = None
    ticket: str | None = None
    source: str = ""  # file:line, for messages
    state: str = "active"  # active | unused | expired (set by annotate_waivers)

    def is_expired(self, now: datetime) -> bool:
        return now.astimezone(UTC).date() > self.expires

    def matches(self, f: Finding) -> bool:
        if f.clause != self.clause or (self.check and f.check != self.check):
            return False
        if self.fingerprint and f.fingerprint != self.fingerprint:
            return False
        return not self.target or fnmatchcase(f.target, self.target)


# --- loading and linting -------------------------------------------------------------


def _nodes(path: Path, text: str) -> tuple[Any, list[tuple[int, dict[str, Any], dict[str, int]]]]:
    """The parsed document and, per waiver entry, (line, values, key -> line)."""
    try:
        root, data = inputs.parse_yaml(text, str(path))
    except inputs.InputError as exc:
        raise ConfigError(str(exc)) from None
    entries: list[tuple[int, dict[str, Any], dict[str, int]]] = []
    if isinstance(root, yaml.MappingNode) and isinstance(data, dict):
        for key, value in root.value:
            if key.value == "waivers" and isinstance(value, yaml.SequenceNode):
                items = data.get("waivers") or []
                for node, item in zip(value.value, items, strict=False):
                    keys = {
                        k.value: k.start_mark.line + 1
                        for k, _ in getattr(node, "value", [])
                        if isinstance(k, yaml.ScalarNode)
                    }
                    entries.append((node.start_mark.line + 1, item, keys))
    return data, entries


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _entry_errors(
    item: Any, keys: dict[str, int], line: int, horizon: int, clause_ids: set[str] | None
) -> list[tuple[int, str]]:
    if not isinstance(item, dict):
        return [(line, "a waiver must be a mapping")]
    errs: list[tuple[int, str]] = []
    at = lambda k: keys.get(k, line)  # noqa: E731
    errs += [(line, f"missing key {k!r}") for k in REQUIRED if item.get(k) in (None, "")]
    errs += [(at(k), f"unknown key {k!r}") for k in item if k not in REQUIRED + OPTIONAL]
    if not item.get("target") and not item.get("fingerprint"):
        errs.append(
            (line, "give a target pattern or a finding fingerprint (use target: '*' for every target)")
        )
    req, appr = (
        str(item.get("requested_by", "")).strip().lower(),
        str(item.get("approved_by", "")).strip().lower(),
    )
    if req and req == appr:
        errs.append((at("approved_by"), "approved_by must be a different person from requested_by"))
    clause = item.get("clause")
    if clause_ids is not None and clause and clause not in clause_ids:
        errs.append((at("clause"), f"unknown clause {clause!r}"))
    check = item.get("check")
    if check and clause and not str(check).startswith(f"{clause}."):
        errs.append((at("check"), f"check {check!r} does not belong to clause {clause!r}"))
    fp = item.get("fingerprint")
    if fp and not _FINGERPRINT.match(str(fp)):
        errs.append((at("fingerprint"), "fingerprint must be the 32 hex characters shown in results.json"))
    created, expires = _as_date(item.get("created")), _as_date(item.get("expires"))
    for k, v in (("created", created), ("expires", expires)):
        if item.get(k) not in (None, "") and v is None:
            errs.append((at(k), f"{k} must be a date (YYYY-MM-DD)"))
    if created and expires:
        if expires <= created:
            errs.append((at("expires"), "expires must be after created"))
        elif (expires - created).days > horizon:
            errs.append(
                (
                    at("expires"),
                    f"expires is {(expires - created).days} days after created; "
                    f"the maximum horizon is {horizon} days",
                )
            )
    return errs


def lint(
    path: Path,
    *,
    max_horizon_days: int = DEFAULT_MAX_HORIZON_DAYS,
    now: datetime | None = None,
    clause_ids: set[str] | None = None,
) -> list[str]:
    """Every problem in the file as 'file:line: message' (empty when the file is valid)."""
    try:
        text = inputs.read_text(path, "waivers file")
        data, entries = _nodes(path, text)
    except (ConfigError, inputs.InputError) as exc:
        return [str(exc)]
    if not isinstance(data, dict) or not isinstance(data.get("waivers"), list):
        return [f"{path}:1: expected a mapping with a 'waivers' list"]
    extra = [k for k in data if k != "waivers"]
    errors = [(1, f"unknown top-level key {k!r}") for k in extra]
    seen: dict[str, int] = {}
    for line, item, keys in entries:
        errors += _entry_errors(item, keys, line, max_horizon_days, clause_ids)
        wid = str(item.get("id")) if isinstance(item, dict) else ""
        if wid in seen:
            errors.append((keys.get("id", line), f"duplicate waiver id {wid!r} (first at line {seen[wid]})"))
        seen.setdefault(wid, line)
        expires = _as_date(item.get("expires")) if isinstance(item, dict) else None
        if now and expires and now.astimezone(UTC).date() > expires:
            errors.append((keys.get("expires", line), f"waiver {wid} expired on {expires.isoformat()}"))
    return [f"{path}:{line}: {msg}" for line, msg in sorted(errors, key=lambda e: e[0])]


def load_waivers(
    path: Path, *, max_horizon_days: int = DEFAULT_MAX_HORIZON_DAYS, clause_ids: set[str] | None = None
) -> list[Waiver]:
    """Parse and validate; the first problem raises ConfigError naming file:line.

    Expiry is not a load error: expired waivers are applied (and fail their clause).
    """
    problems = lint(path, max_horizon_days=max_horizon_days, clause_ids=clause_ids)
    if problems:
        raise ConfigError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    _, entries = _nodes(path, inputs.read_text(path, "waivers file"))
    waivers = []
    for line, item, _keys in entries:
        waivers.append(
            Waiver(
                id=str(item["id"]),
                clause=str(item["clause"]),
                reason=str(item["reason"]).strip(),
                requested_by=str(item["requested_by"]),
                approved_by=str(item["approved_by"]),
                created=_as_date(item["created"]) or date.min,
                expires=_as_date(item["expires"]) or date.min,
                check=item.get("check"),
                target=item.get("target"),
                fingerprint=item.get("fingerprint"),
                ticket=None if item.get("ticket") is None else str(item["ticket"]),
                source=f"{path}:{line}",
            )
        )
    return waivers


# --- applying ------------------------------------------------------------------------


def _expired_finding(clause: ClauseResult, w: Waiver, covered: list[Finding]) -> Finding:
    digest = hashlib.sha256("\x1f".join((clause.id, "waiver-expired", w.id)).encode()).hexdigest()[:32]
    return Finding(
        clause=clause.id,
        check=f"{clause.id}{EXPIRED_CHECK_SUFFIX}",
        target=w.target or covered[0].target,
        msg=f"waiver {w.id} expired on {w.expires.isoformat()}; "
        f"{len(covered)} finding(s) it covered are open again",
        details={"locator": f"waiver:{w.id}"},
        level="deny",
        severity=clause.severity,
        rule="waivers",
        fingerprint=digest,
        remediation=f"Fix the findings or renew waiver {w.id} with a new approval"
        + (f" (ticket {w.ticket})" if w.ticket else "")
        + ".",
    )


def _apply_clause(clause: ClauseResult, waivers: list[Waiver], now: datetime) -> ClauseResult:
    mine = [w for w in waivers if w.clause == clause.id]
    if not mine or not clause.findings or clause.status not in ("fail", "warn", "waived"):
        return clause
    findings: list[Finding] = []
    expired_hits: dict[str, list[Finding]] = {}
    for f in clause.findings:
        matching = [w for w in mine if w.matches(f)]
        valid = [w for w in matching if not w.is_expired(now)]
        if valid and not f.waived_by:
            f = f.model_copy(update={"waived_by": valid[0].id})
        elif matching and not valid:
            for w in matching:
                expired_hits.setdefault(w.id, []).append(f)
        findings.append(f)
    by_id = {w.id: w for w in mine}
    known = {f.fingerprint for f in findings}
    for wid, hits in sorted(expired_hits.items()):
        extra = _expired_finding(clause, by_id[wid], hits)
        if extra.fingerprint not in known:  # applying twice adds nothing
            findings.append(extra)
    updated = clause.model_copy(update={"findings": findings})
    status, decided_reason = clause_status(updated)
    reason = decided_reason if status in (ClauseStatus.waived, ClauseStatus.error) else clause.reason
    if clause.status == ClauseStatus.waived and status != ClauseStatus.waived:
        reason = decided_reason  # an expired waiver: the old "every finding is covered" is stale
    return updated.model_copy(update={"status": status, "reason": reason})


def apply_waivers(results: Results, waivers: list[Waiver], now: datetime) -> Results:
    """A new Results with waivers applied and the summary recomputed; `results` is unchanged."""
    if not waivers:
        return results
    clauses = [_apply_clause(c, waivers, now) for c in results.clauses]
    from auditor.catalogue import load_catalogue
    from auditor.evaluate import summarise  # late: evaluate imports the engines

    return results.model_copy(update={"clauses": clauses, "summary": summarise(clauses, load_catalogue())})


def annotate_waivers(results: Results, waivers: list[Waiver], now: datetime) -> list[Waiver]:
    """Waivers with `state` for the report: expired, active (covers a finding) or unused."""
    used = {f.waived_by for c in results.clauses for f in c.findings if f.waived_by}
    out = []
    for w in waivers:
        state = "expired" if w.is_expired(now) else "active" if w.id in used else "unused"
        out.append(dataclasses.replace(w, state=state))
    return out


# --- integration with a run -----------------------------------------------------------

WAIVERS_SNAPSHOT = "waivers.json"


def _waiver_json(w: Waiver) -> dict[str, Any]:
    doc = dataclasses.asdict(w)
    doc["created"], doc["expires"] = w.created.isoformat(), w.expires.isoformat()
    return doc


def apply_configured_waivers(
    results: Results, settings: dict[str, Any], now: datetime, run_dir: Path | None = None
) -> Results:
    """Apply `waivers_file` from the config (if any) at `now` (use evaluated_at: deterministic).

    The applied waivers, with their state, are written to RUN_DIR/waivers.json so that a later
    `report` shows the waiver appendix without the config.
    """
    path = settings.get("waivers_file")
    if not path:
        return results
    horizon = int((settings.get("waivers") or {}).get("max_horizon_days", DEFAULT_MAX_HORIZON_DAYS))
    from auditor.catalogue import load_catalogue

    waivers = load_waivers(Path(path), max_horizon_days=horizon, clause_ids=set(load_catalogue().ids))
    applied = apply_waivers(results, waivers, now)
    if run_dir is not None:
        from auditor.fsutil import atomic_write_json

        atomic_write_json(
            run_dir / WAIVERS_SNAPSHOT,
            {"waivers": [_waiver_json(w) for w in annotate_waivers(applied, waivers, now)]},
        )
    return applied


def load_snapshot(run_dir: Path) -> list[Waiver] | None:
    """The waivers a run applied (RUN_DIR/waivers.json), or None when it applied none."""
    path = run_dir / WAIVERS_SNAPSHOT
    if not path.is_file():
        return None
    import json

    try:
        items = json.loads(path.read_text(encoding="utf-8"))["waivers"]
        return [
            Waiver(
                **{
                    **w,
                    "created": date.fromisoformat(w["created"]),
                    "expires": date.fromisoformat(w["expires"]),
                }
            )
            for w in items
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: corrupt waivers snapshot: {exc}") from None
