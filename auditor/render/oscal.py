"""OSCAL 1.2.1 assessment results (JSON) so that GRC tools can ingest a run.

Mapping: every catalogue clause is a reviewed control (id = clause id, lower case); each of
our findings is an OSCAL observation about its target (an inventory item); each decided
clause (pass, warn, fail, waived, attested) is an OSCAL finding whose target status is
satisfied or not-satisfied and which relates the clause's observations. Clauses that could
not be decided (error), do not apply or await attestation are observations only, so OSCAL
never shows them as satisfied or failed. UUIDs are derived from the run id: re-rendering a
run gives the same document.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, BinaryIO, ClassVar

from auditor import __version__
from auditor.models import ClauseResult, Finding
from auditor.render.base import EvidenceEntry, RenderContext, Renderer
from auditor.render.common import (
    clause_title,
    evidence_by_key,
    finding_evidence,
    requirement_quotes,
    waiver_reasons,
)
from auditor.render.view import compliance_score, locator

OSCAL_VERSION = "1.2.1"  # the OSCAL version of the compliance-trestle models we validate with
NS = "https://github.com/dpp-auditor/ns/oscal"
_ROOT = uuid.UUID("6f1c1c55-2b4e-5b8e-9a57-6b2b1f0d9a10")
SATISFIED = {
    "pass": "satisfied",
    "warn": "satisfied",
    "attested": "satisfied",
    "fail": "not-satisfied",
    "waived": "not-satisfied",
}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_ROOT, "\x1f".join(parts)))


def _prop(name: str, value: object) -> dict[str, str]:
    text = " ".join(str(value).split()) or "none"  # OSCAL strings: no empty or padded values
    return {"name": name, "ns": NS, "value": text}


def control_id(clause_id: str) -> str:
    return clause_id.lower()


def _inventory(ctx: RenderContext, run_id: str) -> list[dict[str, Any]]:
    return [
        {
            "uuid": _uuid(run_id, "target", t.id),
            "description": f"{t.kind} target {t.id}",
            "props": [_prop("target-id", t.id), _prop("target-kind", t.kind), _prop("address", t.address)],
        }
        for t in ctx.results.targets
    ]


def _relevant(entries: list[EvidenceEntry]) -> list[dict[str, Any]]:
    return [
        {
            "href": e.path,
            "description": f"{e.collector} evidence for {e.target}, {e.status}, collected {e.collected_at}",
            "props": [_prop("sha256", e.sha256)],
        }
        for e in entries
    ]


def _collected(entries: list[EvidenceEntry], fallback: str) -> str:
    """When the evidence was collected (the earliest file); the evaluation time only if none."""
    times = sorted(e.collected_at for e in entries if e.collected_at)
    return times[0] if times else fallback


def _observation(
    run_id: str, f: Finding, evidence: EvidenceEntry | None, when: str, waiver: str | None
) -> dict[str, Any]:
    props = [
        _prop("clause", f.clause),
        _prop("check", f.check),
        _prop("severity", f.severity),
        _prop("level", f.level),
        _prop("fingerprint", f.fingerprint),
        _prop("rule", f.rule),
    ]
    if locator(f):
        props.append(_prop("locator", locator(f)))
    if f.waived_by:
        props.append(_prop("waived-by", f.waived_by))
    obs: dict[str, Any] = {
        "uuid": _uuid(run_id, "finding", f.fingerprint),
        "title": f"{f.check} on {f.target}",
        "description": f.msg,
        "props": props,
        "methods": ["AUTOMATED"],
        "types": ["finding"],
        "subjects": [{"subject-uuid": _uuid(run_id, "target", f.target), "type": "inventory-item"}],
        "collected": _collected([evidence] if evidence else [], when),
    }
    if evidence is not None:
        obs["relevant-evidence"] = _relevant([evidence])
    remarks = [
        r
        for r in (
            f"Remediation: {f.remediation}" if f.remediation else "",
            f"Waived by {f.waived_by}: {waiver}" if f.waived_by and waiver else "",
        )
        if r
    ]
    if remarks:
        obs["remarks"] = "\n\n".join(remarks)
    return obs


def _status_observation(
    run_id: str, c: ClauseResult, entries: list[EvidenceEntry], when: str
) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "uuid": _uuid(run_id, "clause-status", c.id),
        "title": f"{c.id}: {c.status}",
        "description": c.reason
        or (
            f"{c.id} is {c.status}: evaluated on {len(entries)} evidence file(s) with no finding."
            if str(c.status) in SATISFIED
            else f"{c.id} was not decided by automated checks in this run ({c.status})."
        ),
        "props": [
            _prop("clause", c.id),
            _prop("status", c.status),
            _prop("severity", c.severity),
            _prop("automation", c.automation),
        ],
        "methods": ["EXAMINE" if c.status in ("manual", "attested") else "AUTOMATED"],
        "types": ["control-objective"],
        "collected": _collected(entries, when),
    }
    if entries:
        obs["relevant-evidence"] = _relevant(entries)
    return obs


def _finding(ctx: RenderContext, run_id: str, c: ClauseResult, obs_uuids: list[str]) -> dict[str, Any]:
    quotes = requirement_quotes(ctx, c.id)
    open_ = [f for f in c.findings if not f.waived_by]
    description = (
        f"{c.id} is {c.status}: {len(open_)} open and {len(c.findings) - len(open_)} waived finding(s)."
        if c.findings
        else f"{c.id} is {c.status}: evaluated with no finding."
    )
    out: dict[str, Any] = {
        "uuid": _uuid(run_id, "clause", c.id),
        "title": f"{c.id} ({c.section}): {clause_title(ctx, c.id)}",
        "description": description + ("\n\nPolicy: " + " ".join(quotes) if quotes else ""),
        "props": [
            _prop("status", c.status),
            _prop("severity", c.severity),
            _prop("automation", c.automation),
        ],
        "target": {
            "type": "objective-id",
            "target-id": control_id(c.id),
            "status": {"state": SATISFIED[str(c.status)]},
        },
    }
    if obs_uuids:
        out["related-observations"] = [{"observation-uuid": u} for u in obs_uuids]
    if c.reason:
        out["remarks"] = c.reason
    return out


def oscal_document(ctx: RenderContext) -> dict[str, Any]:
    meta = ctx.results.meta
    run_id, when = meta.run_id, meta.evaluated_at
    reasons = waiver_reasons(ctx)
    observations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    by_key = evidence_by_key(ctx)
    for c in ctx.results.clauses:
        obs = [
            _observation(
                run_id,
                f,
                finding_evidence(ctx, by_key, f, c.collectors),
                when,
                reasons.get(f.waived_by or ""),
            )
            for f in c.findings
        ]
        entries = [by_key[(k, t)] for k in c.collectors for t in c.targets if (k, t) in by_key]
        if str(c.status) in SATISFIED:
            if not obs and entries:  # a pass rests on its evidence: say which
                obs = [_status_observation(run_id, c, entries, when)]
            observations += obs
            findings.append(_finding(ctx, run_id, c, [o["uuid"] for o in obs]))
        else:
            observations += obs
            observations.append(_status_observation(run_id, c, entries, when))
    score = compliance_score(ctx.results.clauses)
    result: dict[str, Any] = {
        "uuid": _uuid(run_id, "result"),
        "title": f"dpp-auditor run {run_id}",
        "description": f"Automated assessment of {len(ctx.results.targets)} target(s) against "
        f"{ctx.catalogue.title} {meta.catalogue_version}; compliance score {score.text}.",
        "start": when,
        "end": when,
        "props": [
            _prop("run-id", run_id),
            _prop("engine", meta.engine),
            _prop("compliance-score", score.text),
            _prop("policy-sha256", meta.policy_sha256 or "unknown"),
            _prop("policies-sha256", meta.policies_sha256 or "unknown"),
        ],
        "reviewed-controls": {
            "control-selections": [
                {"include-controls": [{"control-id": control_id(c.id)} for c in ctx.results.clauses]}
            ]
        },
    }
    if ctx.results.targets:
        result["local-definitions"] = {"inventory-items": _inventory(ctx, run_id)}
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return {
        "assessment-results": {
            "uuid": _uuid(run_id, "assessment-results"),
            "metadata": {
                "title": f"{ctx.catalogue.title} assessment: {meta.organisation or 'organisation not set'}",
                "last-modified": when,
                "version": run_id,
                "oscal-version": OSCAL_VERSION,
                "props": [_prop("tool", f"dpp-auditor {meta.tool_version or __version__}")],
            },
            "import-ap": {
                "href": f"#{_uuid(run_id, 'assessment-plan')}",
                "remarks": "No separate assessment plan: the plan is the dpp-auditor catalogue and "
                "collector specifications named in the result's properties.",
            },
            "results": [result],
        }
    }


class OscalRenderer(Renderer):
    format: ClassVar[str] = "oscal"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write((json.dumps(oscal_document(run), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
