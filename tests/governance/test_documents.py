"""documents collector on copies of the example folder, evaluated with the embedded engine."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from auditor.collect.documents.collector import DocumentsCollector
from auditor.errors import CollectorError
from auditor.models import TargetKind
from tests.governance.helpers import (
    EXAMPLES,
    collect,
    envelope,
    evaluate_clauses,
    example_settings,
    singleton,
)

NOW = "2026-11-27T10:00:00Z"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "governance"
    shutil.copytree(EXAMPLES, root)
    return root


def _settings(root: Path) -> dict[str, Any]:
    settings = example_settings()
    settings["documents"]["dir"] = str(root)
    settings["documents"]["attestations_file"] = str(root / "attestations.yaml")
    return settings


def _statuses(tmp_path: Path, root: Path, at: str = NOW) -> dict[str, Any]:
    target = singleton(TargetKind.documents)
    data, _ = collect(
        DocumentsCollector, target, _settings(root), {"amazon_security_contact": "security@amazon.com"}
    )
    return evaluate_clauses(tmp_path, [envelope("documents.records", target, data)], [target], at)


def test_deletion_request_completed_after_80_hours_fails_del1(tmp_path: Path, example: Path) -> None:
    register = example / "registers" / "deletion-requests.csv"
    # received 2026-09-01T09:00Z, completed 80 hours later
    register.write_text(register.read_text().replace("2026-09-02T15:30:00Z", "2026-09-04T17:00:00Z"))
    results = _statuses(tmp_path, example)
    assert results["DEL-1"].status == "fail"
    assert [f.check for f in results["DEL-1"].findings] == ["DEL-1.a"]
    assert "80 hours" in results["DEL-1"].findings[0].msg


def test_irp_reviewed_5_months_ago_fails_ir9(tmp_path: Path, example: Path) -> None:
    irp = example / "documents" / "incident-response-plan.md"
    irp.write_text(irp.read_text().replace("last_review_date: 2026-10-15", "last_review_date: 2026-06-27"))
    results = _statuses(tmp_path, example)
    assert results["IR-9"].status == "fail"
    assert results["IR-9"].findings[0].check == "IR-9.a"


def test_clean_examples_pass_the_document_clauses(tmp_path: Path, example: Path) -> None:
    results = _statuses(tmp_path, example)
    for clause in (
        "DEL-1",
        "DEL-2",
        "DEL-3",
        "DEL-4",
        "IR-1",
        "IR-2",
        "IR-3",
        "IR-4",
        "IR-5",
        "IR-6",
        "IR-7",
        "IR-8",
        "IR-9",
        "GOV-1",
        "GOV-4",
        "GEN-1",
        "GEN-2",
        "GEN-6",
        "GEN-7",
        "RET-5",
        "ENC-7",
        "ENC-8",
        "ACC-7",
        "ACC-16",
        "AUD-2",
        "AUD-4",
        "DOC-1",
    ):
        assert results[clause].status == "pass", (clause, [f.msg for f in results[clause].findings])
    assert results["AUD-3"].status == "attested"
    assert results["AUD-6"].status == "attested"


def test_attestation_of_a_changed_file_is_not_valid(tmp_path: Path, example: Path) -> None:
    (example / "documents" / "management-attestation.md").write_text("# edited after signing\n")
    results = _statuses(tmp_path, example)
    assert results["AUD-6"].status == "manual"
    assert results["AUD-3"].status == "attested"


def test_missing_configuration_is_unsupported() -> None:
    with pytest.raises(CollectorError) as exc:
        collect(DocumentsCollector, singleton(TargetKind.documents), {})
    assert exc.value.kind == "unsupported"


def test_bad_date_names_the_file_and_row(example: Path) -> None:
    register = example / "registers" / "deletion-requests.csv"
    register.write_text(register.read_text().replace("2026-09-02T15:30:00Z", "yesterday"))
    with pytest.raises(CollectorError, match=r"deletion-requests.csv\[1\]: completed_at: 'yesterday'"):
        collect(DocumentsCollector, singleton(TargetKind.documents), _settings(example))


def _docx(path: Path, paragraphs: list[tuple[str, str]]) -> None:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        for style, text in paragraphs
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>')


def test_docx_headings_and_pdf_sidecar(example: Path) -> None:
    docs = example / "documents"
    (docs / "asset-management-policy.md").unlink()
    _docx(
        docs / "asset-policy.docx",
        [
            ("Heading1", "Scope: software"),
            ("Heading1", "Physical assets"),
            ("Normal", "Assets are reviewed every 6 months."),
        ],
    )
    (docs / "asset-policy.docx.meta.yaml").write_text(
        "doc_type: asset_management_policy\nlast_review_date: 2026-10-01\n"
    )
    pdf = docs / "restore.pdf"
    pdf.write_bytes(_tiny_pdf("Restore then purge"))
    (docs / "restore.pdf.meta.yaml").write_text(
        "doc_type: restore_test\nperformed_at: 2026-11-01\nresult: success\nsections: [purge_on_restore]\n"
    )
    data, ctx = collect(DocumentsCollector, singleton(TargetKind.documents), _settings(example))
    by_path = {d["path"]: d for d in data["documents"]}
    docx = by_path["documents/asset-policy.docx"]
    assert docx["sections_found"] == ["scope_physical", "scope_software"]
    assert docx["keywords_found"] == []
    pdf_doc = by_path["documents/restore.pdf"]
    assert pdf_doc["sections_found"] == ["purge_on_restore"]
    assert pdf_doc["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    if shutil.which("pdftotext"):
        assert pdf_doc["keywords_found"] == ["purge"]
    assert any(f.path.endswith("restore.pdf") for f in ctx.provenance.files)


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text (enough for pdftotext)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pii_typed_into_a_register_is_redacted(example: Path) -> None:
    register = example / "registers" / "incidents.yaml"
    register.write_text(
        register.read_text()
        .replace("outcome: credential", "outcome: credential")
        .replace(
            "    linked_findings: []",
            "    note: buyer jane.doe@example.org called from 07911 123456\n    linked_findings: []",
        )
    )
    data, _ = collect(
        DocumentsCollector,
        singleton(TargetKind.documents),
        _settings(example),
        {"amazon_security_contact": "security@amazon.com"},
    )
    note = data["registers"]["incidents"][0]["note"]
    assert "jane.doe" not in note and "123456" not in note and note.startswith("buyer j***@e***")
    assert data["registers"]["incidents"][0]["amazon_notification"]["to"] == "security@amazon.com"
    assert data["pii_values_redacted"] == 2
