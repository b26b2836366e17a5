from __future__ import annotations

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
