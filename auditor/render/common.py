"""Small lookups shared by the machine formats (JUnit, SARIF, Markdown, OSCAL)."""

from __future__ import annotations

from auditor.models import Finding
from auditor.render import trace, view
from auditor.render.base import EvidenceEntry, RenderContext


def waiver_reasons(ctx: RenderContext) -> dict[str, str]:
    """waiver id -> reason, from the waivers applied to this run (if any)."""
    return {str(w.id): str(w.reason) for w in (ctx.waivers or [])}


def clause_title(ctx: RenderContext, clause_id: str) -> str:
    """The clause's own check title: clauses quoting the same sentence differ here."""
    try:
        checks = ctx.catalogue.clause(clause_id).checks
    except KeyError:
        return clause_id
    return checks[0].text if checks else clause_id


def requirement_quotes(ctx: RenderContext, clause_id: str) -> list[str]:
    """The clause's quotes without section headings and web-page artefacts."""
    from auditor.render.audit import furniture_ids, policy_text

    try:
        clause = ctx.catalogue.clause(clause_id)
    except KeyError:
        return []
    return list(policy_text(ctx.catalogue, clause, furniture_ids(ctx.catalogue)).requirements)


def clause_criterion(ctx: RenderContext, clause_id: str) -> str:
    try:
        return ctx.catalogue.clause(clause_id).criterion
    except KeyError:
        return ""


def evidence_by_key(ctx: RenderContext) -> dict[tuple[str, str], EvidenceEntry]:
    """(collector, target id) -> evidence entry of the run."""
    return {(e.collector, e.target): e for e in ctx.evidence}


def finding_evidence(
    ctx: RenderContext, by_key: dict[tuple[str, str], EvidenceEntry], f: Finding, collectors: list[str]
) -> EvidenceEntry | None:
    """The evidence file a finding was decided from (its locator names the collector or file)."""
    return trace.finding_evidence(view.locator(f), collectors, f.target, by_key, ctx.run_dir)
