"""The `documents` collector: policy documents, registers and attestations of one organisation."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ValidationError

from auditor.collect.base import CollectContext, Collector
from auditor.collect.documents import formats
from auditor.collect.documents.privacy import check_privacy_policy
from auditor.collect.documents.records import (
    check_times,
    load_records,
    normalise,
    parse_yaml,
    read_file,
    resolve,
)
from auditor.collect.documents.scrub import Scrubber
from auditor.collect.documents.sections import sections_found, severity_matrix
from auditor.collect.documents.settings import DocumentsSettings
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

SIDECAR = ".meta.yaml"
_ARTEFACTS = ("banner.png", "need more help?", "search the help")
_DEFAULT_KEYWORDS = ("purge", "gdpr", "data protection", "800-88", "clear", "destroy")


def settings_of(ctx: CollectContext) -> DocumentsSettings:
    raw = ctx.settings.get("documents")
    if not raw:
        raise CollectorError(
            ErrorKind.unsupported,
            "no `documents` section in the configuration",
            "configure documents: {dir, registers, attestations_file}",
        )
    try:
        return DocumentsSettings.model_validate(raw)
    except ValidationError as exc:
        raise CollectorError(ErrorKind.parse, f"documents: {exc.errors()[0]['msg']}") from None


def _document(ctx: CollectContext, path: Path, root: Path, keywords: list[str]) -> dict[str, Any] | None:
    raw = read_file(ctx, path)
    origin = str(path.relative_to(root))
    doc = formats.extract(raw, path.suffix.lower(), origin)
    meta = dict(doc.meta)
    sidecar = path.with_name(path.name + SIDECAR)
    if sidecar.is_file():
        side = parse_yaml(read_file(ctx, sidecar).decode("utf-8-sig"), str(sidecar))
        meta.update(side if isinstance(side, dict) else {})
    if "doc_type" not in meta:
        return None
    check_times(meta, origin)
    lowered = doc.text.lower()
    declared = meta.pop("sections", None)
    return {
        **meta,
        "path": origin,
        "format": path.suffix.lower().lstrip("."),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "headings_count": len(doc.headings),
        "sections_found": sections_found(
            str(meta["doc_type"]), doc.headings, declared if isinstance(declared, list) else None
        ),
        "keywords_found": sorted({k for k in keywords if k.lower() in lowered}),
        "artefacts_found": sorted(a for a in _ARTEFACTS if a in lowered),
        **({"severity_matrix": matrix} if (matrix := severity_matrix(doc.text)) else {}),
    }


def _rows(value: Any, origin: str) -> list[dict[str, Any]]:
    if isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise CollectorError(ErrorKind.parse, f"{origin}: a register must be a list of records")
    return value


# Columns without which a register's rows mean nothing to its rules: a missing one would leave
# every verdict unchanged (a rule that reads row.source never fires), so it is an error.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "deletion_requests": ("request_id",),
    "findings": ("finding_id", "source"),
    "control_register": ("clause_id",),
    "changes": ("change_id",),
    "review_records": ("review_id",),
    "shredding_certificates": ("certificate_id",),
    "revocation_requests": ("request_id",),
    "alerts": ("alert_id",),
    "alert_rules": ("rule_id",),
}
NON_EMPTY = frozenset({"control_register"})  # a header-only control register maps no clause


def _checked(name: str, rows: list[dict[str, Any]], origin: str) -> list[dict[str, Any]]:
    if name in NON_EMPTY and not rows:
        raise CollectorError(ErrorKind.parse, f"{origin}:1: the {name} register has no rows")
    for number, row in enumerate(rows, start=2):  # CSV: line 1 is the header
        missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if row.get(c) in (None, "")]
        if missing:
            raise CollectorError(
                ErrorKind.parse, f"{origin}:{number}: {name}: missing required column {missing[0]}"
            )
    return rows


def _ref_ok(ref: Any, root: Path, doc_paths: set[str]) -> bool:
    if not isinstance(ref, str) or not ref:
        return False
    if ref.startswith("https://") or ref in doc_paths:
        return True
    return (root / ref).is_file() and root.resolve() in (root / ref).resolve().parents


def _mark_refs(row: dict[str, Any], root: Path, doc_paths: set[str]) -> dict[str, Any]:
    """Add refs_ok{key: bool} for every *_ref / *_refs field (resolves to a file under dir)."""
    refs: dict[str, bool] = {}
    for key, value in row.items():
        if key.endswith("_ref"):
            refs[key] = _ref_ok(value, root, doc_paths)
        elif key.endswith("_refs") and isinstance(value, list):
            refs[key] = bool(value) and all(_ref_ok(v, root, doc_paths) for v in value)
    return {**row, "refs_ok": refs}


def _attestations(ctx: CollectContext, path: Path, root: Path) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(_rows(load_records(ctx, path), str(path)), start=1):
        missing = [k for k in ("clause", "attested_by", "attested_at") if not row.get(k)]
        if missing:
            raise CollectorError(ErrorKind.parse, f"{path}: attestation {i} lacks {', '.join(missing)}")
        target = row.get("file")
        actual = None
        if target:
            file_path = resolve(root, str(target))
            actual = hashlib.sha256(read_file(ctx, file_path)).hexdigest() if file_path.is_file() else None
        declared = row.get("sha256") or actual
        matches = not target or (bool(declared) and declared == actual)
        out.append(
            {
                "clause": row["clause"],
                "attested_by": row["attested_by"],
                "attested_at": row["attested_at"],
                # an attestation whose file changed since it was signed is not valid
                "valid_until": row.get("valid_until") if matches else None,
                "file": target,
                "sha256": declared,
                "sha256_matches": matches,
                "statement": row.get("statement"),
            }
        )
    return out


def _config_path(root: Path, value: str) -> Path:
    """A *_file key: the config loader already resolved it against the config file's folder;
    a bare relative name that does not exist there is taken relative to `dir`."""
    given = Path(value)
    return given if given.exists() else resolve(root, value)


class DocumentsCollector(Collector):
    id = "documents.records"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.documents})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        cfg = settings_of(ctx)
        root = Path(cfg.dir)
        if not root.is_dir():
            raise CollectorError(ErrorKind.unsupported, f"{root}: documents directory not found")
        keywords = [*_DEFAULT_KEYWORDS, *cfg.keywords, str(ctx.params.get("amazon_security_contact", ""))]
        keywords = [k for k in keywords if k]
        register_paths = {resolve(root, p).resolve() for p in cfg.registers.values()}
        documents = []
        for path in sorted(root.rglob("*")):
            if (
                path.suffix.lower() in formats.SUFFIXES
                and path.is_file()
                and path.resolve() not in register_paths
            ):
                doc = _document(ctx, path, root, keywords)
                if doc is not None:
                    documents.append(doc)
        doc_paths = {d["path"] for d in documents}
        registers = {
            name: [
                _mark_refs(r, root, doc_paths)
                for r in _checked(name, _rows(load_records(ctx, resolve(root, rel)), rel), rel)
            ]
            for name, rel in sorted(cfg.registers.items())
        }
        att = []
        if cfg.attestations_file:
            att = _attestations(ctx, _config_path(root, cfg.attestations_file), root)
        privacy = None
        if cfg.privacy_policy_url:
            ca = str(_config_path(root, cfg.privacy_policy_ca_file)) if cfg.privacy_policy_ca_file else None
            privacy = check_privacy_policy(
                cfg.privacy_policy_url, cfg.privacy_policy_keywords, ca, min(15.0, ctx.remaining())
            )
        scrub = Scrubber({str(ctx.params.get("amazon_security_contact", ""))})
        data = normalise(
            {
                "dir": str(root),
                "documents": scrub(documents),
                "registers": scrub(registers),
                "registers_configured": sorted(cfg.registers),
                "attestations": scrub(att),
            }
        )
        return {**data, "privacy_policy": privacy, "pii_values_redacted": scrub.redacted}
