from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

from auditor.render.base import RenderContext
from auditor.render.html import render_html


@pytest.fixture(scope="module")
def html(run_ctx: RenderContext) -> str:
    return render_html(run_ctx)


def test_every_clause_and_quote_is_in_the_report(run_ctx: RenderContext, html: str) -> None:
    assert len(run_ctx.results.clauses) == len(run_ctx.catalogue.clauses) == 93
    for clause in run_ctx.catalogue.clauses:
        assert f'id="clause-{clause.id}"' in html
        for sentence in clause.sentences:
            assert str(escape(sentence.quote)) in html, (clause.id, sentence.id)


def test_sections_present(html: str) -> None:
    for anchor in (
        "scope",
        "summary",
        "matrix",
        "findings",
        "errors",
        "waivers",
        "attestations",
        "evidence",
        "methodology",
        "glossary",
        "interpretations",
    ):
        assert f'id="{anchor}"' in html
        assert f'href="#{anchor}"' in html


def test_cover_carries_run_identity(run_ctx: RenderContext, html: str) -> None:
    meta = run_ctx.results.meta
    for value in (meta.run_id, meta.policy_sha256, meta.policies_sha256, meta.catalogue_version, meta.engine):
        assert value in html


def test_data_is_escaped(html: str) -> None:
    assert "The Entertainer &lt;Ltd&gt;" in html
    assert "<Ltd>" not in html
    assert "value &lt;1&gt; &amp; &#39;quoted&#39;" in html
    assert "/etc/&lt;script&gt;.d/*.conf" in html  # methodology comes from specs, escaped too


def test_findings_and_evidence_listed(run_ctx: RenderContext, html: str) -> None:
    for clause in run_ctx.results.clauses:
        for f in clause.findings:
            assert f.fingerprint[:12] in html
    for e in run_ctx.evidence:
        assert e.sha256 in html and e.path in html


def test_score_explained(html: str) -> None:
    assert "(pass + warn) &divide; (pass + warn + fail + error)" in html
    assert "<svg" in html and "Clause status by section" in html and "Compliance trend" in html


def test_methodology_from_specs(run_ctx: RenderContext, html: str) -> None:
    for spec in run_ctx.specs.values():
        assert spec.id in html and str(escape(spec.description)) in html


def _row(html: str, clause_id: str) -> str:
    start = html.index(f'id="clause-{clause_id}"')
    return html[start : html.index("</article>", start)]


def test_every_automated_verdict_names_its_evidence_and_hash(run_ctx: RenderContext, html: str) -> None:
    by_path = {e.path: e for e in run_ctx.evidence}
    for c in run_ctx.results.clauses:
        if c.automation != "automated" or not c.targets:
            continue
        row = _row(html, c.id)
        shown = [p for p in by_path if p in row]
        assert shown, c.id
        assert f"sha256 {by_path[shown[0]].sha256[:12]}" in row, c.id
        assert "Pass criterion" in row or not run_ctx.catalogue.clause(c.id).criterion


def test_limitations_list_every_unassessed_clause(run_ctx: RenderContext, html: str) -> None:
    start = html.index('id="limitations"')
    section = html[start : html.index("</table>", start)]
    for c in run_ctx.results.clauses:
        if c.status in ("not_applicable", "error"):
            assert f'href="#clause-{c.id}"' in section, c.id


def test_headings_and_page_furniture_are_not_quoted_as_requirements(html: str) -> None:
    row = _row(html, "DOC-1")
    assert "<blockquote>amazon data banner.png</blockquote>" not in row
    assert "not requirements" in row and "amazon data banner.png" in row
    assert "<blockquote>Data Retention and Recovery</blockquote>" not in _row(html, "GEN-6")


def test_report_is_viewport_ready_and_names_who_ran_it(html: str) -> None:
    assert '<meta name="viewport"' in html
    assert "Performed by" in html and 'id="signoff"' in html


def test_catalogue_markdown_is_rendered_and_still_escaped() -> None:
    from auditor.render.html import inline_markdown

    assert (
        inline_markdown("`a<b` and **x** then *y*")
        == "<code>a&lt;b</code> and <strong>x</strong> then <em>y</em>"
    )
    assert inline_markdown("3 x 2 * 4 * 5") == "3 x 2 * 4 * 5"


def test_interpretations_appendix_shows_no_raw_markdown(html: str) -> None:
    start = html.index('id="interpretations"')
    appendix = html[start:]
    assert "`" not in appendix and "**" not in appendix
    assert "<code>" in appendix


def test_print_edition_lists_a_fleet_compactly_but_completely(tmp_path: Path) -> None:
    from auditor.render.html import COMPACT_ROWS
    from auditor.render.synthetic import synthetic_context

    ctx = synthetic_context(tmp_path, n_hosts=20)
    assert len(ctx.evidence) > COMPACT_ROWS
    printed = render_html(ctx, for_print=True)
    assert "<script>" not in printed and 'id="filters"' not in printed
    listing = printed[printed.index('id="evidence"') :]
    for e in ctx.evidence:
        assert f"{e.sha256[:16]}  {e.collected_at}" in listing and e.path in listing
    scope = printed[printed.index('id="scope"') : printed.index('id="limitations"')]
    assert all(str(escape(t.id)) in scope for t in ctx.results.targets)
    assert "<script>" in render_html(ctx)
