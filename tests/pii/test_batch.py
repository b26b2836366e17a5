"""Small files are scanned in batches: one prefilter process per batch, never one per file, with
the same findings and line numbers as scanning each file alone, on both backends."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from auditor.collect.logs import scan
from auditor.pii import engine
from tests.pii.canary import CANARY_LINES
from tests.pii.conftest import CLEAN

KEY = b"b" * 32


def tree(root: Path, n: int) -> Path:
    for i in range(n):
        lines = [*CLEAN] * (i % 5) + [CANARY_LINES[i % len(CANARY_LINES)], *CLEAN]
        text = "\n".join(lines) + ("" if i % 7 == 0 else "\n")  # some files end without a newline
        (root / f"d{i % 9}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 9}" / f"job{i}.log").write_text(text)
    (root / "rotated.log.1.gz").write_bytes(
        gzip.compress(("\n".join([*CLEAN, CANARY_LINES[0]]) + "\n").encode())
    )
    (root / "wtmp").write_bytes(b"\x00\x01" * 64)
    (root / "empty.log").write_bytes(b"")
    return root


def found(outcomes: list[scan.FileOutcome]) -> dict[str, tuple[int, frozenset[tuple[int, int, str]]]]:
    return {o.entry.path: (o.lines, frozenset((h.line, h.col, h.category) for h in o.hits)) for o in outcomes}


@pytest.fixture(params=["rg", "re2"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "re2":
        monkeypatch.setenv(engine.RG_ENV, "re2")
    engine.rg_binary.cache_clear()
    yield request.param
    engine.rg_binary.cache_clear()


def test_batched_files_match_single_file_scans(
    tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tree(tmp_path / "t", 300)
    entries, _ = scan.discover([str(root)], ["*"], [])
    starts: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting(argv: list[str], *a: object, **kw: object) -> subprocess.Popen[bytes]:
        starts.append(argv)
        return real_popen(argv, *a, **kw)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(engine.subprocess, "Popen", counting)
    batched = scan.scan_entries(entries, KEY, workers=1)
    assert len(starts) <= (1 if backend == "rg" else 0)  # one prefilter process for 300 files
    monkeypatch.setattr(engine, "SMALL_FILE", 0)  # every file on its own, as before batching
    monkeypatch.setattr(scan, "SMALL_FILE", 0)
    single = scan.scan_entries(entries, KEY, workers=1)
    assert found(batched) == found(single)
    by = {o.entry.path: o for o in batched}
    assert by[str(root / "wtmp")].skipped_reason == "binary" and not by[str(root / "wtmp")].partial
    assert by[str(root / "rotated.log.1.gz")].hits and by[str(root / "rotated.log.1.gz")].lines == 3
    assert all(o.bytes == o.entry.size for o in batched if o.skipped_reason is None)
    assert sum(len(o.hits) for o in batched) >= 300


def test_a_file_gone_from_a_batch_is_noted_and_the_rest_scanned(tmp_path: Path) -> None:
    root = tree(tmp_path / "t", 20)
    entries, _ = scan.discover([str(root)], ["*"], [])
    gone = root / "d1" / "job1.log"
    gone.unlink()
    outcomes = {o.entry.path: o for o in scan.scan_entries(entries, KEY, workers=1)}
    assert outcomes[str(gone)].skipped_reason == scan.VANISHED and not outcomes[str(gone)].partial
    assert outcomes[str(root / "d2" / "job2.log")].hits


def test_a_batch_past_its_deadline_is_partial(tmp_path: Path) -> None:
    import time

    root = tree(tmp_path / "t", 10)
    entries, _ = scan.discover([str(root)], ["*"], [])
    outcomes = scan.scan_entries(entries, KEY, workers=1, deadline=time.time() - 1)
    assert all(o.partial for o in outcomes if o.entry.size and o.skipped_reason != "binary")
