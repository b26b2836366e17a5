"""The auditor report as PDF: WeasyPrint over the very HTML the HTML renderer produces."""

from __future__ import annotations

import logging
from typing import BinaryIO, ClassVar

from auditor.render.base import RenderContext, Renderer
from auditor.render.html import render_html
from auditor.resources import reports_dir


class PdfRenderer(Renderer):
    format: ClassVar[str] = "pdf"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        import weasyprint  # heavy import (pango, fonts): only when a PDF is wanted

        # WeasyPrint logs every unsupported CSS property; the core stays silent.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        html = weasyprint.HTML(string=render_html(run), base_url=str(reports_dir() / "templates"))
        html.write_pdf(target=out)
