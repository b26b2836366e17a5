"""The auditor report as one self-contained HTML document (also the PDF's source)."""

from __future__ import annotations

from functools import cache
from typing import Any, BinaryIO, ClassVar

import jinja2
from markupsafe import Markup

from auditor import __version__
from auditor.models import Results
from auditor.render import charts, view
from auditor.render.base import RenderContext, Renderer
from auditor.render.pii_summary import pii_scans
from auditor.resources import reports_dir

TEMPLATE = "report.html.j2"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(reports_dir() / "templates")),
        autoescape=True,  # evidence-derived strings are never trusted markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["status_label"] = lambda s: view.STATUS_LABELS.get(str(s), str(s))
    env.filters["short"] = lambda s, n=12: str(s)[:n]
    return env


def stylesheet() -> str:
    return (reports_dir() / "static" / "report.css").read_text(encoding="utf-8")


def _clause_rows(ctx: RenderContext) -> list[dict[str, Any]]:
    rows = []
    for c in ctx.results.clauses:
        try:
            entry = ctx.catalogue.clause(c.id)
            quotes = [s.quote for s in entry.sentences]
        except KeyError:
            quotes = []
        rows.append({"clause": c, "quotes": quotes})
    return rows


def _methodology(ctx: RenderContext) -> list[Any]:
    return [ctx.specs[k] for k in sorted(ctx.specs)]


def _attestations(results: Results) -> list[Any]:
    return [c for c in results.clauses if c.automation == "manual" or c.status in ("manual", "attested")]


def document(ctx: RenderContext) -> dict[str, Any]:
    """Everything the template shows, computed once."""
    results = ctx.results
    findings = view.all_findings(results)
    sections = view.section_matrix(results.clauses, ctx.catalogue.sections)
    return {
        "meta": results.meta,
        "catalogue": ctx.catalogue,
        "targets": results.targets,
        "exclusions": ctx.exclusions,
        "score": view.compliance_score(results.clauses),
        "status_counts": view.status_counts(results.clauses),
        "severity_matrix": view.severity_matrix(results.clauses),
        "section_matrix": sections,
        "section_chart": charts.section_status_chart(sections),
        "trend_chart": charts.trend_chart(ctx.trend or []),
        "trend": ctx.trend or [],
        "statuses": view.STATUS_ORDER,
        "severities": view.SEVERITY_ORDER,
        "clauses": _clause_rows(ctx),
        "findings": [f for f in findings if not f.waived_by],
        "waived_findings": [f for f in findings if f.waived_by],
        "finding_groups": view.group_findings([f for f in findings if not f.waived_by]),
        "waived_groups": view.group_findings([f for f in findings if f.waived_by]),
        "findings_by_severity": view.findings_by_severity(findings),
        "locator": view.locator,
        "waivers": ctx.waivers or [],
        "attestations": _attestations(results),
        "clause_errors": view.clause_errors(results),
        "evidence_failures": view.evidence_failures(ctx.evidence),
        "unreachable": view.unreachable_targets(ctx.evidence),
        "evidence": ctx.evidence,
        "pii_scans": pii_scans(ctx.run_dir),
        "methodology": _methodology(ctx),
        "glossary": view.GLOSSARY,
        "interpretations": ctx.catalogue.interpretations,
        "tool_version": __version__,
        "css": Markup(stylesheet()),  # our own file, not data
    }


def render_html(ctx: RenderContext) -> str:
    return environment().get_template(TEMPLATE).render(**document(ctx))


class HtmlRenderer(Renderer):
    format: ClassVar[str] = "html"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write(render_html(run).encode("utf-8"))
