"""The auditor report as PDF: WeasyPrint over the very HTML the HTML renderer produces.

The PDF is PDF/A-3b and tagged (archivable, readable by assistive technology). Title, author and
creation date come from the HTML head (<title>, <meta name="author">, <meta name="dcterms.created">).
The evidence manifest (every evidence file with its sha256 and collection time) is embedded as an
associated file, so the PDF alone says which files its verdicts rest on.
"""

from __future__ import annotations

import json
import logging
from typing import Any, BinaryIO, ClassVar

from auditor.render.base import RenderContext, Renderer
from auditor.render.html import render_html
from auditor.resources import reports_dir

PDF_VARIANT = "pdf/a-3b"
MANIFEST_ATTACHMENT = "evidence-manifest.json"


def evidence_manifest(run: RenderContext) -> dict[str, Any]:
    """The run's evidence files as the report saw them: path -> sha256, collector, target, time."""
    return {
        "schema": "dpp-auditor/evidence-manifest@1",
        "run_id": run.results.meta.run_id,
        "evaluated_at": run.results.meta.evaluated_at,
        "algorithm": "sha256",
        "files": {
            e.path: {
                "sha256": e.sha256,
                "collector": e.collector,
                "target": e.target,
                "status": e.status,
                "collected_at": e.collected_at,
            }
            for e in run.evidence
        },
    }


class PdfRenderer(Renderer):
    format: ClassVar[str] = "pdf"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        import weasyprint  # heavy import (pango, fonts): only when a PDF is wanted

        # WeasyPrint logs every unsupported CSS property; the core stays silent.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        html = weasyprint.HTML(
            string=render_html(run, for_print=True), base_url=str(reports_dir() / "templates")
        )
        manifest = weasyprint.Attachment(
            string=json.dumps(evidence_manifest(run), indent=2, sort_keys=True),
            name=MANIFEST_ATTACHMENT,
            description="Evidence files of this run with sha256 and collection time",
            relationship="Data",
        )
        html.write_pdf(target=out, pdf_variant=PDF_VARIANT, pdf_tags=True, attachments=[manifest])
