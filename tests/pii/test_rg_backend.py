"""The ripgrep backend (the pinned `ripgrep` wheel's rg prefilters, Python validates) finds what the
RE2 path finds, on the same lines, over whole files and byte ranges; the RE2 path takes over when
there is no rg."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from auditor.pii import engine
from auditor.pii.engine import LineScanner, RangeTask, StreamResult, scan_range, scan_with_rg
from auditor.pii.fingerprint import Fingerprinter
from tests.pii.canary import CANARY_LINES

KEY = b"k" * 32
RG = engine.rg_binary()
needs_rg = pytest.mark.skipif(RG is None, reason="the ripgrep wheel is not installed")


def _corpus(path: Path, trailing_newline: bool) -> Path:
    lines = []
    for i in range(3000):
        if i % 97 == 5:
            lines.append(CANARY_LINES[i % len(CANARY_LINES)])
        elif i % 131 == 7:
            lines.append("x" * 70000 + " mail jane.doe@example.com")  # longer than MAX_LINE
        elif i % 53 == 1:
            lines.append("crlf line from 151.101.66.217 port 1\r")
        elif i % 41 == 2:
            lines.append("")
        else:
            lines.append(f"line {i} build 1.8.0.292 nothing here")
    data = "\n".join(lines) + ("\n" if trailing_newline else "")
    path.write_bytes(data.encode())
    return path


def _ranges(path: Path, parts: int, backend: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, int]:
    size = path.stat().st_size
    step = -(-size // parts)
    hits, lines = [], 0
    with monkeypatch.context() as m:
        if backend == "re2":
            m.setattr(engine, "rg_binary", lambda: None)
        for start in range(0, size, step):
            end = None if start + step >= size else start + step
            res = scan_range(RangeTask(str(path), "plain", start, end, KEY, None))
            assert res.complete
            hits += [(h.line + lines, h.col, h.category, h.fingerprint) for h in res.hits]
            lines += res.lines
    return hits, lines


@needs_rg
@pytest.mark.parametrize("trailing_newline", [True, False])
@pytest.mark.parametrize("parts", [1, 2, 7])
def test_rg_finds_what_re2_finds_on_the_same_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   trailing_newline: bool, parts: int) -> None:
    path = _corpus(tmp_path / "app.log", trailing_newline)
    want_hits, want_lines = _ranges(path, 1, "re2", monkeypatch)
    got_hits, got_lines = _ranges(path, parts, "rg", monkeypatch)
    assert want_lines == 3000
    assert got_lines == want_lines
    assert sorted(got_hits) == sorted(want_hits)
    assert len(want_hits) > 40


@needs_rg
def test_rg_scan_past_the_deadline_is_partial(tmp_path: Path) -> None:
    path = _corpus(tmp_path / "app.log", True)
    res = scan_with_rg(str(RG), str(path), LineScanner(Fingerprinter(KEY)), deadline=time.monotonic() - 1)
    assert isinstance(res, StreamResult)
    assert res.complete is False
    assert res.bytes_read < path.stat().st_size


@needs_rg
def test_rg_range_starting_in_the_last_line_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "one.log"
    path.write_bytes(b"mail jane.doe@example.com and a long tail of text\n")
    res = scan_with_rg(str(RG), str(path), LineScanner(Fingerprinter(KEY)), start=10, end=None)
    assert (res.hits, res.lines, res.complete) == ([], 0, True)


def test_without_rg_the_re2_path_scans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine.RG_ENV, "re2")
    engine.rg_binary.cache_clear()
    try:
        assert engine.rg_binary() is None
        path = _corpus(tmp_path / "app.log", True)
        res = scan_range(RangeTask(str(path), "plain", 0, None, KEY, None))
        assert res.complete and res.lines == 3000 and res.hits
    finally:
        monkeypatch.delenv(engine.RG_ENV)
        engine.rg_binary.cache_clear()
