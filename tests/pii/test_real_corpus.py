"""The scanner on logs real software wrote here (tests/pii/realcorpus.py): precision and recall
per category on both parts, no planted value in any output, exact columns through decoding,
and no finding in the package manager's own logs."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pii import realcorpus as rc

MIN_PRECISION = 0.98
MIN_RECALL = 0.99


@pytest.fixture(scope="module")
def parts() -> Iterator[dict[str, rc.Part]]:
    with rc.corpus(Path(tempfile.mkdtemp(prefix="dpp-real-corpus-"))) as built:
        yield built


@pytest.mark.parametrize("name", rc.PARTS)
def test_precision_and_recall_per_category(parts: dict[str, rc.Part], name: str) -> None:
    part = parts[name]
    scores, _ = rc.scan_part(part)
    print("\n" + rc.table(name, scores))
    planted = {c for c in rc.CATEGORIES if any(p.category == c for p in part.plants)}
    assert planted == set(rc.CATEGORIES)
    for cat in rc.CATEGORIES:
        tp, fp, fn = scores.get(cat, (0, 0, 0))
        assert tp > 0, cat
        assert tp / (tp + fn) >= MIN_RECALL, (cat, scores[cat])
    tp = sum(t for t, _, _ in scores.values())
    fp = sum(f for _, f, _ in scores.values())
    assert tp / (tp + fp) >= MIN_PRECISION, scores


def test_package_manager_logs_have_no_finding(parts: dict[str, rc.Part]) -> None:
    for part in parts.values():
        _, hits = rc.scan_part(part)
        noisy = {
            p
            for p, _ in hits
            if Path(p).name in ("dpkg.log", "history.log", "term.log", "bootstrap.log", "alternatives.log")
        }
        assert not noisy, noisy
        assert (part.root / "bootstrap.log").read_text().count("ftpmaster@debian.org") > 0


def test_decoded_findings_point_at_the_value_as_written(parts: dict[str, rc.Part]) -> None:
    part = parts["holdout"]
    _, hits = rc.scan_part(part)
    lines = {p: Path(p).read_text().splitlines() for p in {p for p, _ in hits}}
    encoded = 0
    for path, h in hits:
        text = lines[path][h.line - 1]
        at = text[h.col - 1 :].lstrip("\"'")  # a keyed value starts at its quote
        forms = [f for pl in part.plants if pl.category == h.category for f in pl.forms if f in text]
        if h.category in ("email", "phone", "payment") and forms:
            assert any(at.startswith(f) for f in forms), (h.category, at[:40])
            encoded += any(f != pl.value and at.startswith(f) for pl in part.plants for f in pl.forms)
    assert encoded > 50  # percent-encoded and escaped values were found where they were written


def test_no_planted_value_in_any_output(parts: dict[str, rc.Part]) -> None:
    part = parts["holdout"]
    exe = Path(sys.executable).with_name("dpp-auditor")
    outputs = [
        subprocess.run(
            [str(exe), "logs", *args, str(part.root)], capture_output=True, text=True, timeout=300
        ).stdout
        for args in ([], ["--json"], ["--evidence"])
    ]
    assert json.loads(outputs[1])["findings"]
    blob = "\n".join(outputs)
    for pl in part.plants:
        digits = "".join(ch for ch in pl.value if ch.isdigit())
        for form in {pl.value, *pl.forms} | ({digits} if len(digits) >= 9 else set()):
            assert form not in blob, pl.category
