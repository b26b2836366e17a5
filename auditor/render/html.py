"""The auditor report as one self-contained HTML document (also the PDF's source)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, BinaryIO, ClassVar

import jinja2
from markupsafe import Markup, escape

from auditor import __version__
from auditor.models import Results
from auditor.render import actions, audit, charts, common, trace, view
from auditor.render.base import RenderContext, Renderer
from auditor.render.pii_summary import pii_scans
from auditor.resources import reports_dir

TEMPLATE = "report.html.j2"


_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_EM = re.compile(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])")


def inline_markdown(text: object) -> Markup:
    """The catalogue's inline Markdown (`code`, **strong**, *em*) as HTML; the text is escaped first."""
    html = str(escape(str(text)))
    html = _CODE.sub(r"<code>\1</code>", html)
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return Markup(_EM.sub(r"<em>\1</em>", html))


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
    env.filters["md"] = inline_markdown
    return env


def stylesheet() -> str:
    return (reports_dir() / "static" / "report.css").read_text(encoding="utf-8")


def script() -> str:
    # Our own file; "</" cannot occur in it, so it is safe inside <script>.
    return (reports_dir() / "static" / "report.js").read_text(encoding="utf-8")


EVIDENCE_SHOWN = 4  # evidence files listed per clause row; a fleet's remainder is counted
COMPACT_ROWS = 60  # in print, longer target and evidence lists become one preformatted line per row


def _clause_rows(ctx: RenderContext, index: trace.TraceIndex) -> list[dict[str, Any]]:
    furniture = audit.furniture_ids(ctx.catalogue)
    rows: list[dict[str, Any]] = []
    for c in ctx.results.clauses:
        try:
            entry = ctx.catalogue.clause(c.id)
        except KeyError:
            rows.append({"clause": c, "entry": None, "quotes": [], "text": None, "evidence": [], "more": 0})
            continue
        refs = trace.clause_evidence(entry, c.collectors, c.targets, ctx.evidence, index)
        rows.append(
            {
                "clause": c,
                "entry": entry,
                "quotes": [s.quote for s in entry.sentences],
                "text": audit.policy_text(ctx.catalogue, entry, furniture),
                "title": entry.checks[0].text if entry.checks else "",
                "evidence": refs[:EVIDENCE_SHOWN],
                "more": max(0, len(refs) - EVIDENCE_SHOWN),
                "documents": trace.clause_documents(entry, index),
                "attestation": index.attestations.get(c.id),
            }
        )
    return rows


def _actions(ctx: RenderContext, findings: list[Any], index: trace.TraceIndex) -> list[actions.ActionRow]:
    by_key = common.evidence_by_key(ctx)
    collectors = {c.id: c.collectors for c in ctx.results.clauses}
    rows = actions.action_rows(
        findings,
        evaluated_at=ctx.results.meta.evaluated_at,
        first_seen=ctx.first_seen or {},
        owners=actions.register_owners(index.finding_register),
        due_days=dict(ctx.catalogue.parameters.get("finding_default_due_days") or {}),
        evidence_for=lambda f: common.finding_evidence(ctx, by_key, f, collectors.get(f.clause, [])),
    )
    section = {c.id: c.section for c in ctx.results.clauses}
    for row in rows:
        row.sections = sorted({section[c] for c in row.clauses if c in section})
    return rows


def _methodology(ctx: RenderContext) -> list[Any]:
    return [ctx.specs[k] for k in sorted(ctx.specs)]


def _attestations(results: Results) -> list[Any]:
    return [c for c in results.clauses if c.automation == "manual" or c.status in ("manual", "attested")]


def document(ctx: RenderContext) -> dict[str, Any]:
    """Everything the template shows, computed once."""
    results = ctx.results
    findings = view.all_findings(results)
    index = trace.build_trace_index(ctx.catalogue, ctx.evidence, ctx.run_dir)
    run_dir = ctx.run_dir
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
        "clauses": _clause_rows(ctx, index),
        "systems": audit.systems(ctx, index),
        "limitations": audit.limitations(ctx, index.out_of_scope()),
        "out_of_scope": index.out_of_scope(),
        "seal": audit.seal(run_dir),
        "performed_by": audit.performed_by(),
        "policy_author": audit.POLICY_AUTHOR,
        "input_file_sha256": audit.file_sha256(run_dir / "input.json" if run_dir else None),
        "attestation_records": index.attestations,
        "findings": [f for f in findings if not f.waived_by],
        "waived_findings": [f for f in findings if f.waived_by],
        "finding_groups": view.group_findings([f for f in findings if not f.waived_by]),
        "actions": _actions(ctx, [f for f in findings if not f.waived_by], index),
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
        "script": Markup(script()),
        "compact_rows": COMPACT_ROWS,
    }


def render_html(ctx: RenderContext, *, for_print: bool = False) -> str:
    """The report; `for_print` (the PDF) drops the script and filters and lists long tables compactly."""
    return environment().get_template(TEMPLATE).render(**document(ctx), for_print=for_print)


class HtmlRenderer(Renderer):
    format: ClassVar[str] = "html"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write(render_html(run).encode("utf-8"))
