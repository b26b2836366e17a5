from __future__ import annotations

import re
import subprocess
from pathlib import Path

from auditor.render.base import RenderContext, write_reports


def _pdftext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_pdf_has_pages_headers_and_toc(run_ctx: RenderContext, tmp_path: Path) -> None:
    (pdf,) = write_reports(run_ctx, ["pdf"], tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    text = _pdftext(pdf)
    assert f"Page 2 of {pages}" in text
    assert "The Entertainer <Ltd> — Run 20261127T100000Z-synthetic" in text  # running header
    toc = text.split("Contents", 1)[1].split("1. Scope", 1)[0]
    assert re.search(r"Clause matrix\s*\.+\s*\d+", toc)  # target-counter page reference
    assert "NET-1" in text
