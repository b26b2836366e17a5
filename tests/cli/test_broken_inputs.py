"""The error contract, walked: every reader of the CLI gets every class of broken input.

Fails on any exit 4 (internal error), any signal, any run over its time bound and any output
that does not name the input (its file, or the path or target typed). Readers used inside a
scan (access tables, registers, the asset inventory, attestations) may exit 0, with the
collector's error line naming the file; the classes and readers are in broken_inputs.py.
"""

from __future__ import annotations

import collections
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.broken_inputs import (
    CLASSES,
    CSV,
    ENV,
    INI,
    JSON,
    REGO,
    TARGET,
    YAML,
    Outcome,
    Reader,
    broken_path,
    run_cli,
)

BOUND_S = 60.0
PATH_ONLY = frozenset({"tilde_user", "long_path"})


def _config(work: Path, text: str) -> Path:
    cfg = work / "dpp-auditor.yaml"
    cfg.write_text("version: 1\ntargets: []\n" + text)
    return cfg


def _collect_with(section: str) -> object:
    def build(work: Path, path: Path) -> tuple[list[str], dict[str, str]]:
        (work / "docs").mkdir(exist_ok=True)
        cfg = _config(work, section.format(path=json.dumps(str(path)), docs=json.dumps(str(work / "docs"))))
        return ["collect", "-c", str(cfg), "-o", str(work / "runs")], {}

    return build


def _gate_env(good: Path) -> object:
    def build(work: Path, path: Path) -> tuple[list[str], dict[str, str]]:
        return ["gate", "--fail-on", "critical", "--results", str(good)], {"GITHUB_STEP_SUMMARY": str(path)}

    return build


def _report(work: Path, path: Path) -> tuple[list[str], dict[str, str]]:
    (work / "run" / "evidence").mkdir(parents=True, exist_ok=True)
    return ["report", str(work / "run"), "-f", "json"], {}


def readers(good: Path) -> list[tuple[Reader, frozenset[str]]]:
    """(reader, classes it skips): skipped where the class is not a broken input for it."""
    return [
        (
            Reader(
                "config", YAML, "cfg.yaml", lambda w, p: (["collect", "-c", str(p), "-o", str(w / "r")], {})
            ),
            frozenset(),
        ),
        (
            Reader(
                "inventory_ini",
                INI,
                "hosts.ini",
                lambda w, p: (["collect", "-i", str(p), "-o", str(w / "r")], {}),
            ),
            frozenset(),
        ),
        (
            Reader(
                "inventory_yaml",
                YAML,
                "hosts.yaml",
                lambda w, p: (["collect", "-i", str(p), "-o", str(w / "r")], {}),
            ),
            frozenset({"bad_values"}),
        ),
        (
            Reader("waivers", YAML, "waivers.yaml", lambda w, p: (["waivers", "lint", str(p)], {})),
            frozenset(),
        ),
        (
            Reader("waivers_in_config", YAML, "waivers.yaml", _collect_with("waivers_file: {path}\n")),
            frozenset({"bad_values", "duplicate_keys", "deep_nesting", "garbage", "bad_utf8", "long_line"}),
        ),
        (
            Reader(
                "results",
                JSON,
                "results.json",
                lambda w, p: (["gate", "--fail-on", "critical", "--results", str(p)], {}),
            ),
            frozenset(),
        ),
        (
            Reader(
                "baseline",
                JSON,
                "base.json",
                lambda w, p: (
                    ["gate", "--fail-on", "critical", "--results", str(good), "--baseline", str(p)],
                    {},
                ),
            ),
            frozenset({"bad_values", "garbage", "duplicate_keys"}),
        ),
        (Reader("report_results", JSON, "run/results.json", _report), PATH_ONLY | {"missing"}),
        (
            Reader(
                "policy",
                REGO,
                "mine/x.rego",
                lambda w, p: (["policy", "test", "--no-shipped", str(w / "mine")], {}),
            ),
            PATH_ONLY | {"missing"},
        ),
        (
            Reader("access_csv", CSV, "accounts.csv", _collect_with("access:\n  accounts_files: [{path}]\n")),
            frozenset(),
        ),
        (
            Reader(
                "register_csv",
                CSV,
                "findings.csv",
                _collect_with("documents:\n  dir: {docs}\n  registers:\n    findings: {path}\n"),
            ),
            frozenset(),
        ),
        (
            Reader("asset_inventory", YAML, "assets.yaml", _collect_with("inventory:\n  file: {path}\n")),
            frozenset({"bad_values"}),
        ),
        (
            Reader(
                "attestations",
                YAML,
                "att.yaml",
                _collect_with("documents:\n  dir: {docs}\n  attestations_file: {path}\n"),
            ),
            frozenset({"bad_values"}),
        ),
        (Reader("step_summary", ENV, "summary.md", _gate_env(good)), frozenset({"missing", "garbage"})),
        (
            Reader(
                "rootfs_target",
                TARGET,
                "image",
                lambda w, p: (["collect", "-t", f"rootfs:{p}", "-o", str(w / "r")], {}),
            ),
            frozenset(),
        ),
    ]


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sealed, complete run of the register targets only (no host collection: seconds)."""
    work = tmp_path_factory.mktemp("good")
    cfg = _config(work, "")
    rc, sig, output, _ = run_cli(
        ["scan", "-c", str(cfg), "-o", str(work / "runs"), "-f", "json"], work, {}, 300
    )
    assert rc == 0 and sig is None, output
    return (work / "runs" / "latest").resolve()


def _cases(good: Path) -> list[tuple[Reader, object]]:
    out = []
    for reader, skip in readers(good):
        for cls in CLASSES:
            if reader.fmt in cls.formats and cls.name not in skip:
                out.append((reader, cls))
    return out


def _run_case(reader: Reader, cls: object, tmp: Path) -> Outcome:
    work = tmp / f"{reader.name}-{cls.name}"  # type: ignore[attr-defined]
    work.mkdir()
    (work / reader.file_name).parent.mkdir(parents=True, exist_ok=True)
    path, must = broken_path(work, reader, cls)  # type: ignore[arg-type]
    argv, env = reader.build(work, path)
    rc, sig, output, seconds = run_cli(argv, work, env, BOUND_S)
    shutil.rmtree(work, ignore_errors=True)  # FIFOs and big files must not linger under /tmp
    located = must in output and "internal error" not in output and "Traceback" not in output
    return Outcome(reader.name, cls.name, rc, sig, seconds, output, located)  # type: ignore[attr-defined]


def test_every_reader_refuses_every_broken_input_with_a_location(good_run: Path, tmp_path: Path) -> None:
    outcomes = [_run_case(reader, cls, tmp_path) for reader, cls in _cases(good_run)]
    per_class: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    bad = []
    for o in outcomes:
        verdict = (
            "hang"
            if o.rc is None and o.signal is None
            else "signal"
            if o.signal is not None
            else "exit4"
            if o.rc == 4
            else "unlocated"
            if not o.located
            else f"exit{o.rc}"
        )
        per_class[o.cls][verdict] += 1
        if verdict in ("hang", "signal", "exit4", "unlocated"):
            bad.append(
                f"{o.reader}/{o.cls}: {verdict} rc={o.rc} sig={o.signal} {o.seconds:.1f}s: "
                f"{o.output[-300:]!r}"
            )
    table = "\n".join(f"  {name:15} {dict(sorted(c.items()))}" for name, c in sorted(per_class.items()))
    print(f"\nbroken inputs: {len(outcomes)} cases\n{table}")
    assert len(outcomes) >= 150
    assert {c.name for c in CLASSES} == set(per_class)
    assert not bad, "\n".join(bad)
