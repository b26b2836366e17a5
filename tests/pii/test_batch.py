"""Small files are scanned in batches: one prefilter run per batch, no process per file, with
the same findings and line numbers as scanning each file alone (on both backends)."""

from __future__ import annotations

import gzip
import subprocess
from collections import Counter
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
    assert starts == []  # no process for 300 small files: they are searched in this process
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
    outcomes = scan.scan_entries(entries, KEY, workers=1, deadline=time.monotonic() - 1)
    assert all(o.partial for o in outcomes if o.entry.size and o.skipped_reason != "binary")


def test_file_roots_skip_what_packages_installed_and_count_it(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    for d in ("app/.venv/lib", "app/node_modules/x", "app/.git/objects", "lib/python3/site-packages/y"):
        (root / d).mkdir(parents=True)
        (root / d / "f.txt").write_text("buyer42@gmail.com\n")
    (root / "app" / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / "app" / "export.csv").write_text("1,buyer42@gmail.com\n")
    skipped: Counter[str] = Counter()
    entries, _ = scan.discover([str(root)], ["*"], [], kind="file", skip_installed=True, skipped=skipped)
    assert [e.path for e in entries] == [f"{root}/app/export.csv"]
    assert skipped == {"virtualenv_dirs": 1, "node_modules_dirs": 1, "vcs_dirs": 1, "site_packages_dirs": 1}
    everything, _ = scan.discover([str(root)], ["*"], [], kind="file")
    assert len(everything) == 6


def test_dpkg_owned_files_are_skipped() -> None:
    owned = scan.package_owned()
    listed = next((p for p in sorted(owned) if p.startswith("/usr/share/doc/") and Path(p).is_file()), None)
    assert listed is not None, "dpkg lists no files on this machine"
    skipped: Counter[str] = Counter()
    entries, _ = scan.discover([listed], ["*"], [], kind="file", skip_installed=True, skipped=skipped)
    assert entries == [] and skipped["package_owned_files"] == 1


def test_progress_reports_files_bytes_and_rate(tmp_path: Path) -> None:
    root = tree(tmp_path / "t", 50)
    entries, _ = scan.discover([str(root)], ["*"], [])
    lines: list[str] = []
    scan.scan_entries(entries, KEY, workers=1, progress=lines.append)
    assert lines[0] == f"scanning {len(entries)} files, 0 MB"
    assert lines[-1].startswith(f"{len(entries)}/{len(entries)} files, ")
    assert lines[-1].endswith("MB/s (done)")
