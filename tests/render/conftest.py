from __future__ import annotations

from pathlib import Path

import pytest

from auditor.render.base import RenderContext
from auditor.render.synthetic import synthetic_context


@pytest.fixture(scope="session")
def run_ctx(tmp_path_factory: pytest.TempPathFactory) -> RenderContext:
    """A synthetic run over every catalogue clause, 3 hosts, evidence files on disk."""
    run_dir: Path = tmp_path_factory.mktemp("run")
    return synthetic_context(run_dir, n_hosts=3)
