"""One clock per run: no date is read from the wall clock outside auditor/clock.py, and the
places that ask clock.wall_now() for a record (not a verdict) are the ones listed here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from auditor.clock import parse_instant, run_clock
from auditor.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
AUDITOR = ROOT / "auditor"

# (module, attribute) calls that read the wall clock as a date.
_WALL_READS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
}
_WALL_READS_WITHOUT_ARGS = {("time", "gmtime"), ("time", "localtime"), ("time", "ctime")}

# Who may call wall_now(), and why: the run clock's origin, records of when something happened,
# deletion judged at the real time, and certificates/data made for benchmarks and test labs.
_WALL_NOW_ALLOWED = {
    "auditor/clock.py": "defines it; run_clock() starts a run with it",
    "auditor/cli.py": "the run directory's name and started_at (a record)",
    "auditor/collect/runner.py": "evidence collected_at (a record) and the runner's default clock",
    "auditor/store/finalize.py": "the manifest's created_at (a record)",
    "auditor/commands/seal.py": "the manifest's created_at (a record)",
    "auditor/commands/runs.py": "retention is enforced at the real time, never at --at",
    "auditor/bench/tls_lab.py": "TLS clients judge the lab's certificates at the real time",
    "auditor/bench/git_history.py": "benchmark data",
    "auditor/bench/database.py": "benchmark data",
}


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                yield node, (func.value.id, func.attr)
            elif isinstance(func, ast.Name):
                yield node, ("", func.id)


def _modules() -> list[Path]:
    return sorted(p for p in AUDITOR.rglob("*.py") if "_bundled" not in p.parts)


def test_no_wall_clock_date_reads_outside_the_clock_module() -> None:
    offenders = []
    for path in _modules():
        rel = path.relative_to(ROOT).as_posix()
        if rel == "auditor/clock.py":
            continue
        for node, (mod, attr) in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            bare = not node.args and not node.keywords
            if (mod, attr) in _WALL_READS or ((mod, attr) in _WALL_READS_WITHOUT_ARGS and bare):
                offenders.append(f"{rel}:{node.lineno}: {mod}.{attr}()")
    hint = "read the run's clock (ctx.now / meta.evaluated_at) instead:\n"
    assert not offenders, hint + "\n".join(offenders)


def test_wall_now_only_where_a_record_needs_the_real_time() -> None:
    users = set()
    for path in _modules():
        for _node, (_mod, attr) in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if attr == "wall_now":
                users.add(path.relative_to(ROOT).as_posix())
    assert users <= set(_WALL_NOW_ALLOWED), sorted(users - set(_WALL_NOW_ALLOWED))


def test_policies_never_read_the_clock() -> None:
    rego = [p for p in (ROOT / "policies").rglob("*.rego")]
    assert rego
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in rego
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if re.search(r"\btime\.now_ns\s*\(", line)]
    assert not hits, hits


def test_wall_clock_detector_catches_a_new_read(tmp_path: Path) -> None:
    src = "x = datetime.now(UTC)\ny = time.time()\nz = time.gmtime(5)\nw = time.monotonic()\n"
    found = [(m, a) for node, (m, a) in _calls(ast.parse(src))
             if (m, a) in _WALL_READS or ((m, a) in _WALL_READS_WITHOUT_ARGS and not node.args)]
    assert found == [("datetime", "now"), ("time", "time")]


def test_run_clock_takes_at_or_starts_now() -> None:
    assert run_clock("2027-03-01T12:30:00+01:00").isoformat() == "2027-03-01T11:30:00+00:00"
    assert run_clock(None).tzinfo is not None
    with pytest.raises(UsageError, match="add a time zone"):
        parse_instant("2027-03-01T12:30:00")
    with pytest.raises(UsageError, match="not an RFC 3339"):
        parse_instant("yesterday")
