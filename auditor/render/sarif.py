"""SARIF 2.1.0: rules = catalogue clauses, results = findings, waived findings suppressed.

Findings are about hosts and endpoints, not source lines: each result carries a logical
location (the target) and, when known, the evidence file it was decided from.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, ClassVar

import jsonschema

from auditor import __version__
from auditor.models import ClauseResult, Finding
from auditor.render.base import EvidenceEntry, RenderContext, Renderer
from auditor.render.common import (
    clause_criterion,
    clause_title,
    evidence_by_key,
    finding_evidence,
    requirement_quotes,
    waiver_reasons,
)
from auditor.render.view import locator
from auditor.resources import reports_dir

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "dppAuditorFingerprint/v1"
# GitHub code scanning reads this property to rank security results (0.0-10.0).
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
RULE_LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}


def _rule(ctx: RenderContext, c: ClauseResult) -> dict[str, Any]:
    quotes = requirement_quotes(ctx, c.id)
    criterion = clause_criterion(ctx, c.id)
    return {
        "id": c.id,
        "name": c.id.replace("-", ""),
        "shortDescription": {"text": f"{c.id}: {clause_title(ctx, c.id)}"[:1000]},
        "fullDescription": {"text": " ".join(quotes) or clause_title(ctx, c.id)},
        "help": {"text": f"Criterion: {criterion}" if criterion else "See the clause matrix of the report."},
        "defaultConfiguration": {"level": RULE_LEVEL[str(c.severity)]},
        "properties": {
            "section": c.section,
            "severity": str(c.severity),
            "automation": str(c.automation),
            "status": str(c.status),
            "security-severity": SECURITY_SEVERITY[str(c.severity)],
            "tags": ["amazon-dpp", c.section],
        },
    }


def _result(
    f: Finding, index: int, clause: ClauseResult, evidence: EvidenceEntry | None, reasons: dict[str, str]
) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [{"name": f.target, "fullyQualifiedName": f.target, "kind": "resource"}]
    }
    if evidence is not None:
        location["physicalLocation"] = {"artifactLocation": {"uri": evidence.path, "uriBaseId": "RUNDIR"}}
    loc = locator(f)
    result: dict[str, Any] = {
        "ruleId": f.clause,
        "ruleIndex": index,
        "level": "error" if f.level == "deny" else "warning",
        "message": {"text": f"{f.msg} [{f.target}]" + (f" ({loc})" if loc else "")},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "check": f.check,
            "target": f.target,
            "severity": str(f.severity),
            "rule": f.rule,
            **({"locator": loc} if loc else {}),
            **({"remediation": f.remediation} if f.remediation else {}),
            **(
                {"evidenceSha256": evidence.sha256, "evidenceCollectedAt": evidence.collected_at}
                if evidence is not None
                else {}
            ),
        },
    }
    if f.waived_by:
        reason = reasons.get(f.waived_by, "")
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{f.waived_by}: {reason}".rstrip(": "),
            }
        ]
    return result


def _notifications(ctx: RenderContext) -> list[dict[str, Any]]:
    out = []
    for i, c in enumerate(ctx.results.clauses):
        if c.status != "error":
            continue
        detail = "; ".join(
            f"{e.get('target', '')}: {e.get('kind', '')} {e.get('message', '')}".strip() for e in c.errors
        )
        out.append(
            {
                "level": "error",
                "associatedRule": {"id": c.id, "index": i},
                "message": {
                    "text": f"{c.id} could not be decided: {c.reason or detail or 'evidence missing'}"
                },
            }
        )
    return out


def sarif_document(ctx: RenderContext) -> dict[str, Any]:
    clauses = ctx.results.clauses
    by_key, reasons = evidence_by_key(ctx), waiver_reasons(ctx)
    results = [
        _result(f, i, c, finding_evidence(ctx, by_key, f, c.collectors), reasons)
        for i, c in enumerate(clauses)
        for f in c.findings
    ]
    notifications = _notifications(ctx)
    meta = ctx.results.meta
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dpp-auditor",
                "version": meta.tool_version or __version__,
                "semanticVersion": meta.tool_version or __version__,
                "informationUri": "https://github.com/dpp-auditor/dpp-auditor",
                "rules": [_rule(ctx, c) for c in clauses],
            }
        },
        "automationDetails": {"id": f"dpp-auditor/{meta.run_id}"},
        "originalUriBaseIds": {"RUNDIR": {"description": {"text": "The run directory of this scan."}}},
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "endTimeUtc": meta.evaluated_at,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
        "properties": {
            "run_id": meta.run_id,
            "catalogue_version": meta.catalogue_version,
            "policy_sha256": meta.policy_sha256,
            "policies_sha256": meta.policies_sha256,
        },
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def sarif_validator() -> jsonschema.Draft7Validator:
    """The OASIS 2.1.0 schema, rooted at its `definitions.Root`.

    The committed schema file declares its root only under definitions/Root; validating
    against the file as-is would accept any document.
    """
    schema = json.loads((reports_dir() / "schema" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    schema["$ref"] = "#/definitions/Root"
    return jsonschema.Draft7Validator(schema)


class SarifRenderer(Renderer):
    format: ClassVar[str] = "sarif"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write((json.dumps(sarif_document(run), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
