"""A Markdown summary for CI job pages (GitHub step summary, GitLab MR notes)."""

from __future__ import annotations

from typing import BinaryIO, ClassVar

from auditor.render import view
from auditor.render.base import RenderContext, Renderer

NON_PASS_ORDER = ("fail", "error", "warn", "waived", "not_applicable", "manual", "attested")


def _cell(text: str) -> str:
    """Markdown table cells: no pipes, no newlines, no raw HTML."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def markdown_summary(ctx: RenderContext) -> str:
    r, meta = ctx.results, ctx.results.meta
    score = view.compliance_score(r.clauses)
    counts = view.status_counts(r.clauses)
    lines = [
        f"## dpp-auditor: {_cell(ctx.catalogue.title)}",
        "",
        f"Run `{meta.run_id}` at {meta.evaluated_at} on {len(r.targets)} targets"
        + (f" for {_cell(meta.organisation)}" if meta.organisation else "")
        + ".",
        "",
        f"**Compliance score: {score.text}** "
        f"({score.passed} of {score.denominator} decided automated clauses)",
        "",
        "| " + " | ".join(view.STATUS_LABELS[s] for s in view.STATUS_ORDER) + " |",
        "|" + "---:|" * len(view.STATUS_ORDER),
        "| " + " | ".join(str(counts[s]) for s in view.STATUS_ORDER) + " |",
        "",
    ]
    open_findings = [f for f in view.all_findings(r) if not f.waived_by]
    # Every clause that did not plainly pass, most urgent status first: a warning (even a
    # critical one) or an undecided clause must not drop off the job page.
    rank = {s: i for i, s in enumerate(NON_PASS_ORDER)}
    open_ = [c for c in r.clauses if c.status != "pass"]
    open_.sort(key=lambda c: (rank.get(str(c.status), len(rank)), -view.Severity(c.severity).rank, c.id))
    if open_:
        lines += [
            "### Clauses that did not pass",
            "",
            "| Clause | Status | Severity | Open findings | First finding or reason |",
            "|---|---|---|---:|---|",
        ]
        for c in open_:
            mine = [f for f in c.findings if not f.waived_by]
            first = f"{mine[0].target}: {mine[0].msg}" if mine else (c.reason or "evidence missing")
            lines.append(f"| {c.id} | {c.status} | {c.severity} | {len(mine)} | {_cell(first)[:160]} |")
        lines.append("")
    sev = view.findings_by_severity(open_findings)
    lines.append("Open findings by severity: " + ", ".join(f"{k} {v}" for k, v in sev.items()) + ".")
    waived = sum(1 for c in r.clauses for f in c.findings if f.waived_by)
    if waived:
        lines.append(f"Waived findings: {waived}.")
    lines.append("")
    return "\n".join(lines)


class MarkdownRenderer(Renderer):
    format: ClassVar[str] = "md"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write(markdown_summary(run).encode("utf-8"))
