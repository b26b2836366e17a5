from __future__ import annotations

import json
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


def test_pdf_is_tagged_pdfa_with_metadata_and_the_evidence_manifest(
    run_ctx: RenderContext, tmp_path: Path
) -> None:
    (pdf,) = write_reports(run_ctx, ["pdf"], tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert fields["Tagged"].strip() == "yes"
    assert fields["Title"].strip().startswith("Amazon Data Protection Policy audit report")
    assert fields["Author"].strip()
    assert fields["CreationDate"].strip()
    assert "Nov 27 10:00:00 2026" in fields["CreationDate"]  # the run's evaluation time, not the clock
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp  # the PDF/A-3b claim
    # PDF/A needs every font embedded (veraPDF is not available here; this is one of its checks)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # the "emb" column
    listing = subprocess.run(
        ["pdfdetach", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "evidence-manifest.json" in listing
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(pdf)], check=True)
    manifest = json.loads((tmp_path / "evidence-manifest.json").read_text())
    assert manifest["files"] == {
        e.path: {
            "sha256": e.sha256,
            "collector": e.collector,
            "target": e.target,
            "status": e.status,
            "collected_at": e.collected_at,
        }
        for e in run_ctx.evidence
    }
