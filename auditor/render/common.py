"""Small lookups shared by the machine formats (JUnit, SARIF, Markdown, OSCAL)."""

from __future__ import annotations

from auditor.render.base import RenderContext


def waiver_reasons(ctx: RenderContext) -> dict[str, str]:
    """waiver id -> reason, from the waivers applied to this run (if any)."""
    return {str(w.id): str(w.reason) for w in (ctx.waivers or [])}


def clause_quotes(ctx: RenderContext, clause_id: str) -> list[str]:
    try:
        return [s.quote for s in ctx.catalogue.clause(clause_id).sentences]
    except KeyError:
        return []


def clause_criterion(ctx: RenderContext, clause_id: str) -> str:
    try:
        return ctx.catalogue.clause(clause_id).criterion
    except KeyError:
        return ""


def evidence_lookup(ctx: RenderContext) -> dict[tuple[str, str], str]:
    """(collector, target id) -> evidence file path relative to the run directory."""
    return {(e.collector, e.target): e.path for e in ctx.evidence}


def evidence_path(lookup: dict[tuple[str, str], str], collectors: list[str], target: str) -> str | None:
    """The evidence file a finding on `target` was decided from (first required collector)."""
    for collector in collectors:
        path = lookup.get((collector, target))
        if path is not None:
            return path
    return None
