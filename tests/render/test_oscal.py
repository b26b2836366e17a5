"""OSCAL assessment results, validated with compliance-trestle's models in an isolated venv."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.render.base import RenderContext, render_bytes

HERE = Path(__file__).parent
REQUIREMENTS = HERE / "oscal-validator-requirements.txt"
VENV = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / "dpp-auditor"
    / ("oscal-venv-" + REQUIREMENTS.read_text().strip().split("==")[1])
)


@pytest.fixture(scope="session")
def trestle_python() -> Path:
    """A venv with the pinned compliance-trestle (created once, reused across runs)."""
    python = VENV / "bin" / "python"
    if not (VENV / ".ready").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True, capture_output=True)
        proc = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            pytest.fail(f"cannot install compliance-trestle into {VENV}: {proc.stderr[-2000:]}")
        (VENV / ".ready").touch()
    return python


def _check(python: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), str(HERE / "oscal_trestle_check.py"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_oscal_validates_with_trestle(run_ctx: RenderContext, trestle_python: Path, tmp_path: Path) -> None:
    data = render_bytes(run_ctx, "oscal")
    good = tmp_path / "ar.json"
    good.write_bytes(data)
    doc = json.loads(data)
    bad_doc = json.loads(data)
    del bad_doc["assessment-results"]["results"][0]["findings"][0]["target"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_doc))
    proc = _check(trestle_python, good, bad)
    assert f"{good}: OK" in proc.stdout, proc.stdout + proc.stderr
    assert f"{bad}: INVALID" in proc.stdout  # the validator really validates
    result = doc["assessment-results"]["results"][0]
    controls = result["reviewed-controls"]["control-selections"][0]["include-controls"]
    assert len(controls) == 93
    decided = [
        c for c in run_ctx.results.clauses if c.status in ("pass", "warn", "fail", "waived", "attested")
    ]
    assert len(result["findings"]) == len(decided)
    total = sum(len(c.findings) for c in run_ctx.results.clauses)
    undecided = len(run_ctx.results.clauses) - len(decided)
    # A decided clause without findings still names the evidence it was decided on.
    clean = [c for c in decided if not c.findings and c.targets]
    assert len(result["observations"]) == total + undecided + len(clean)
    collected = {e.path: e.collected_at for e in run_ctx.evidence}
    with_evidence = [o for o in result["observations"] if "relevant-evidence" in o]
    assert with_evidence
    for o in with_evidence:
        hrefs = [r["href"] for r in o["relevant-evidence"]]
        assert all(h in collected for h in hrefs)
        assert o["collected"] == min(collected[h] for h in hrefs)


def test_oscal_is_deterministic_and_keeps_status_apart(run_ctx: RenderContext) -> None:
    first, second = render_bytes(run_ctx, "oscal"), render_bytes(run_ctx, "oscal")
    assert first == second
    result = json.loads(first)["assessment-results"]["results"][0]
    states = {f["target"]["target-id"]: f["target"]["status"]["state"] for f in result["findings"]}
    for c in run_ctx.results.clauses:
        if c.status == "fail":
            assert states[c.id.lower()] == "not-satisfied"
        elif c.status == "pass":
            assert states[c.id.lower()] == "satisfied"
        elif c.status in ("error", "not_applicable", "manual"):
            assert c.id.lower() not in states  # never reported as satisfied or failed
