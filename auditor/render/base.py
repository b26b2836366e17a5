"""The Renderer extension point, the output formats and `write_reports`.

Renderers write to a binary file object and never touch the file system themselves;
`write_reports` renders each format into memory first and only then writes the file
atomically, so a failing render leaves no file behind.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from auditor.catalogue import Catalogue
from auditor.collect.specs import CollectorSpec
from auditor.errors import AuditorError
from auditor.fsutil import atomic_write_bytes
from auditor.models import Results


class RenderError(AuditorError):
    """A report could not be rendered (template, PDF engine or data problem)."""


class OutputFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"
    junit = "junit"
    sarif = "sarif"
    md = "md"
    oscal = "oscal"


# Exhaustive: tests walk every OutputFormat member through both mappings.
FILENAMES: dict[OutputFormat, str] = {
    OutputFormat.json: "results.json",
    OutputFormat.html: "report.html",
    OutputFormat.pdf: "report.pdf",
    OutputFormat.junit: "report.junit.xml",
    OutputFormat.sarif: "report.sarif",
    OutputFormat.md: "report.md",
    OutputFormat.oscal: "oscal-assessment-results.json",
}

RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.json: "auditor.render.jsonout:JsonRenderer",
    OutputFormat.html: "auditor.render.html:HtmlRenderer",
    OutputFormat.pdf: "auditor.render.pdf:PdfRenderer",
    OutputFormat.junit: "auditor.render.junit:JunitRenderer",
    OutputFormat.sarif: "auditor.render.sarif:SarifRenderer",
    OutputFormat.md: "auditor.render.markdown:MarkdownRenderer",
    OutputFormat.oscal: "auditor.render.oscal:OscalRenderer",
}


@dataclass(frozen=True)
class EvidenceEntry:
    """One evidence file of the run, as listed in the evidence index."""

    path: str  # relative to the run directory
    collector: str
    target: str
    status: str
    collected_at: str
    sha256: str
    error_kind: str | None = None
    error_message: str | None = None
    reason: str | None = None


@dataclass
class RenderContext:
    results: Results
    catalogue: Catalogue
    evidence: list[EvidenceEntry]
    specs: dict[str, CollectorSpec]
    run_dir: Path | None = None
    exclusions: list[str] = field(default_factory=list)
    waivers: list[Any] | None = None  # auditor.waivers.Waiver, filled when waivers are applied
    history: list[Any] | None = None  # auditor.store.history.RunRecord, newest last
    trend: list[dict[str, Any]] | None = None  # [{run_id, evaluated_at, score, fail}], oldest first
    first_seen: dict[str, str] | None = None  # fingerprint -> evaluated_at of the first run that had it


class Renderer(ABC):
    format: ClassVar[str]

    @abstractmethod
    def render(self, run: RenderContext, out: BinaryIO) -> None:
        """Write the whole document to `out`; raise RenderError on failure."""


def renderer_for(fmt: OutputFormat | str) -> Renderer:
    module_name, _, attr = RENDERERS[OutputFormat(fmt)].partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    return cls()


def parse_formats(text: str | Iterable[str]) -> list[OutputFormat]:
    """`json,html,pdf` -> formats in the given order; one clear error on an unknown name."""
    items = text.split(",") if isinstance(text, str) else list(text)
    formats: list[OutputFormat] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            fmt = OutputFormat(item)
        except ValueError:
            known = ", ".join(f.value for f in OutputFormat)
            raise RenderError(f"unknown output format {item!r} (known: {known})") from None
        if fmt not in formats:
            formats.append(fmt)
    return formats


def render_bytes(ctx: RenderContext, fmt: OutputFormat | str) -> bytes:
    buf = io.BytesIO()
    try:
        renderer_for(fmt).render(ctx, buf)
    except AuditorError:
        raise
    except Exception as exc:  # renderer libraries raise anything; report it as one line
        raise RenderError(f"rendering {OutputFormat(fmt).value} failed: {type(exc).__name__}: {exc}") from exc
    return buf.getvalue()


def write_reports(ctx: RenderContext, formats: Iterable[OutputFormat | str], run_dir: Path) -> list[Path]:
    """Render each format into run_dir; results.json is written only if evaluate did not."""
    written: list[Path] = []
    for fmt in (OutputFormat(f) for f in formats):
        path = run_dir / FILENAMES[fmt]
        if fmt is OutputFormat.json and path.exists():
            written.append(path)
            continue
        data = render_bytes(ctx, fmt)
        atomic_write_bytes(path, data, mode=0o600)  # the run's permissions: reports show weaknesses too
        written.append(path)
    return written


def _entry(run_dir: Path, path: Path) -> EvidenceEntry:
    raw = path.read_bytes()
    doc = json.loads(raw)
    error = doc.get("error") or {}
    target = doc.get("target") or {}
    return EvidenceEntry(
        path=path.relative_to(run_dir).as_posix(),
        collector=str(doc.get("collector", path.parent.name)),
        target=str(target.get("id", path.stem)),
        status=str(doc.get("status", "error")),
        collected_at=str(doc.get("collected_at", "")),
        sha256=hashlib.sha256(raw).hexdigest(),
        error_kind=error.get("kind"),
        error_message=error.get("message"),
        reason=doc.get("reason"),
    )


def evidence_index(run_dir: Path) -> list[EvidenceEntry]:
    """Every evidence envelope under run_dir/evidence, sorted by collector then target."""
    root = run_dir / "evidence"
    if not root.is_dir():
        return []
    entries = []
    for path in sorted(root.glob("*/*.json")):
        try:
            entries.append(_entry(run_dir, path))
        except (OSError, ValueError) as exc:
            raise RenderError(f"{path}: unreadable evidence file: {exc}") from exc
    return sorted(entries, key=lambda e: (e.collector, e.target))


def _history(results: Results, run_dir: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Trend and first-seen times from the run store's default index (OUTDIR/history.sqlite)."""
    from auditor.render.actions import first_seen_index
    from auditor.store.history import DEFAULT_DB_NAME, RunIndex, trend_points

    db = run_dir.parent / DEFAULT_DB_NAME
    if not db.is_file():
        return trend_points(None, results), {}
    index = RunIndex(str(db))
    try:
        return trend_points(index, results), first_seen_index(index, results.meta.run_id)
    finally:
        index.close()


def default_trend(results: Results, run_dir: Path) -> list[dict[str, Any]]:
    return _history(results, run_dir)[0]


def build_context(results: Results, run_dir: Path, **extra: Any) -> RenderContext:
    """The usual context for a run directory: catalogue, evidence index, collector specs, trend."""
    from auditor.catalogue import load_catalogue
    from auditor.collect.specs import load_specs

    if "trend" not in extra or "first_seen" not in extra:
        trend, first_seen = _history(results, run_dir)
        extra.setdefault("trend", trend)
        extra.setdefault("first_seen", first_seen)
    if "waivers" not in extra:
        from auditor.waivers import load_snapshot

        extra["waivers"] = load_snapshot(run_dir)
    return RenderContext(
        results=results,
        catalogue=load_catalogue(),
        evidence=evidence_index(run_dir),
        specs=load_specs(),
        run_dir=run_dir,
        **extra,
    )
