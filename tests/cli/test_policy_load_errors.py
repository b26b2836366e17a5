"""Policies that would crash the engine are refused at load, with file:line, by every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.engine.recursion import check_recursion
from auditor.errors import PolicyError
from auditor.resources import policies_dir

RECURSIVE = "package mine.rec\n\nimport rego.v1\n\nf(x) := y if { y := f(x) }\n\ndeny contains 1 if f(1)\n"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def recursive_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "rec.rego").write_text(RECURSIVE)
    (d / "rec_test.rego").write_text("package mine.rec\n\nimport rego.v1\n\ntest_f if f(1)\n")
    return d


def test_shipped_policies_have_no_recursion() -> None:
    modules = {str(p): p.read_text() for p in policies_dir().rglob("*.rego")}
    check_recursion(modules)


@pytest.mark.parametrize(
    ("text", "line", "chain"),
    [
        (RECURSIVE, 5, "data.mine.rec.f -> data.mine.rec.f"),
        ("package p\nimport rego.v1\na if b\nb if {\n  not a\n}\n", 3, "data.p.a -> data.p.b -> data.p.a"),
        ("package p\nimport rego.v1\nr contains v if { some v in data.p.r }\n", 3, "data.p.r -> data.p.r"),
        ("package p\nimport rego.v1\nf(x) := 1 if x > 1\nelse := g(x)\ng(x) := f(x)\n", 3, "data.p.f"),
    ],
)
def test_recursion_is_refused_with_its_line(text: str, line: int, chain: str) -> None:
    with pytest.raises(PolicyError) as exc:
        check_recursion({"m.rego": text})
    assert str(exc.value).startswith(f"m.rego:{line}: rego_recursion_error")
    assert chain in str(exc.value)


@pytest.mark.parametrize(
    "text",
    [
        'package p\nimport rego.v1\nf(x) := "f(x) # f(x)"\n',  # names inside strings and comments
        "package p\nimport rego.v1\nf(x) := y if { f := 1; y := f + x }\n",  # a local shadows f
        "package p\nimport rego.v1\ng(x) := x\nf(x) := g(x)\nh := f(1)\n",  # a chain, no cycle
    ],
)
def test_non_recursive_policies_pass(text: str) -> None:
    check_recursion({"m.rego": text})


def test_policy_test_refuses_recursion(recursive_dir: Path, tmp_path: Path) -> None:
    proc = _cli("policy", "test", str(recursive_dir), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "mine/rec.rego:5: rego_recursion_error" in proc.stderr


def test_scan_refuses_recursion_before_collecting(recursive_dir: Path, tmp_path: Path) -> None:
    proc = _cli("scan", "--policy-dir", str(recursive_dir), "-o", str(tmp_path / "runs"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "mine/rec.rego:5: rego_recursion_error" in proc.stderr
    assert not (tmp_path / "runs").exists()  # refused before a run directory was made


def test_reusing_a_shipped_package_is_explained(tmp_path: Path) -> None:
    d = tmp_path / "mine"
    d.mkdir()
    (d / "n.rego").write_text('package dpp.net.net_1\n\nimport rego.v1\n\ndeny contains "x" if true\n')
    proc = _cli("policy", "test", str(d), cwd=tmp_path)
    assert proc.returncode == 2
    assert "mine/n.rego:1: package dpp.net.net_1 is a shipped package" in proc.stderr


def test_scan_with_a_closed_opa_url_is_a_usage_error_before_collection(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _cli(
        "scan",
        "--engine",
        "opa",
        "--opa-url",
        f"http://127.0.0.1:{port}",
        "-o",
        str(tmp_path / "runs"),
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    assert f"opa_url http://127.0.0.1:{port}: OPA server unreachable" in proc.stderr
    assert not (tmp_path / "runs").exists()
