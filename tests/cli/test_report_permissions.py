"""Report files get the run's permissions: they describe weaknesses as much as evidence does."""

from __future__ import annotations

import stat
from pathlib import Path

from auditor.render.base import build_context, write_reports
from auditor.render.synthetic import synthetic_results


def test_every_report_format_is_written_0600(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    ctx = build_context(synthetic_results(1), tmp_path)
    for path in write_reports(ctx, ["json", "html", "md", "sarif", "junit"], tmp_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
