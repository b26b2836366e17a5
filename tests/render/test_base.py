from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import BinaryIO

import pytest

from auditor.render import base
from auditor.render.base import (
    FILENAMES,
    RENDERERS,
    OutputFormat,
    RenderContext,
    Renderer,
    RenderError,
    parse_formats,
    write_reports,
)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_has_a_file_and_a_renderer(fmt: OutputFormat) -> None:
    assert FILENAMES[fmt]
    module_name, _, attr = RENDERERS[fmt].partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    assert issubclass(cls, Renderer)
    assert cls.format == fmt.value


def test_mappings_are_exhaustive() -> None:
    assert set(FILENAMES) == set(OutputFormat) == set(RENDERERS)
    assert len(set(FILENAMES.values())) == len(FILENAMES)


def test_parse_formats() -> None:
    assert parse_formats("json, html,pdf,html") == [OutputFormat.json, OutputFormat.html, OutputFormat.pdf]
    with pytest.raises(RenderError, match="unknown output format 'docx'"):
        parse_formats("json,docx")


class _Broken(Renderer):
    format = "html"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        out.write(b"<html>half a report")
        raise ValueError("template exploded")


def test_failing_render_leaves_no_file(
    run_ctx: RenderContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "renderer_for", lambda fmt: _Broken())
    with pytest.raises(RenderError, match="rendering html failed: ValueError: template exploded"):
        write_reports(run_ctx, ["html"], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_existing_results_json_is_not_rewritten(run_ctx: RenderContext, tmp_path: Path) -> None:
    (tmp_path / "results.json").write_text("from evaluate\n")
    write_reports(run_ctx, ["json"], tmp_path)
    assert (tmp_path / "results.json").read_text() == "from evaluate\n"


def test_json_written_when_missing(run_ctx: RenderContext, tmp_path: Path) -> None:
    (path,) = write_reports(run_ctx, ["json"], tmp_path)
    assert path.name == "results.json"
    assert '"NET-1"' in path.read_text()


def test_evidence_index_hashes_files(run_ctx: RenderContext) -> None:
    assert run_ctx.run_dir is not None
    assert len(run_ctx.evidence) == 3 * 4
    for e in run_ctx.evidence:
        raw = (run_ctx.run_dir / e.path).read_bytes()
        assert e.sha256 == hashlib.sha256(raw).hexdigest()
        assert e.path.startswith("evidence/" + e.collector + "/")
