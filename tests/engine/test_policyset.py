"""Policy directory discovery, package metadata and the stable policy hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine.policyset import load_policyset, make_engine
from auditor.engine.regorus_engine import RegorusEngine
from auditor.errors import PolicyError, UsageError

META = "# METADATA\n# title: t\n# custom:\n#   clause: {clause}\n#   severity: low\n#   requires: [host.x]\n"


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _tree(tmp_path: Path) -> Path:
    return _write(
        tmp_path / "mypolicies",
        {
            "dpp/a/a_1.rego": META.format(clause="A-1") + "package dpp.a.a_1\n\nimport rego.v1\n",
            "dpp/a/a_1_test.rego": "package dpp.a.a_1\n\nimport rego.v1\n\ntest_x if true\n",
            "lib/util.rego": "package lib.util\n\nimport rego.v1\n\nf(x) := x\n",
            ".hidden/skip.rego": "not even rego",
            "notes.txt": "ignored",
        },
    )


def test_discovers_production_and_test_modules(tmp_path: Path) -> None:
    ps = load_policyset([_tree(tmp_path)])
    assert sorted(ps.modules) == ["mypolicies/dpp/a/a_1.rego", "mypolicies/lib/util.rego"]
    assert sorted(ps.test_modules) == ["mypolicies/dpp/a/a_1_test.rego"]
    assert [p.path for p in ps.packages] == ["dpp.a.a_1", "lib.util"]
    a1 = ps.package("dpp.a.a_1")
    assert (a1.metadata.clause, a1.metadata.severity, a1.metadata.requires) == ("A-1", "low", ["host.x"])
    assert a1.file == "mypolicies/dpp/a/a_1.rego"
    assert ps.package("lib.util").metadata.clause is None
    assert ps.sources["mypolicies/lib/util.rego"] == tmp_path / "mypolicies" / "lib" / "util.rego"


def test_hash_covers_production_modules_only(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    first = load_policyset([root]).sha256
    assert load_policyset([root]).sha256 == first
    (root / "dpp/a/a_1_test.rego").write_text("package dpp.a.a_1\n\ntest_y if true\n")
    assert load_policyset([root]).sha256 == first
    (root / "lib/util.rego").write_text("package lib.util\n\nimport rego.v1\n\nf(x) := [x]\n")
    assert load_policyset([root]).sha256 != first


def test_rule_metadata_stands_in_for_package_metadata(tmp_path: Path) -> None:
    root = _write(
        tmp_path / "p",
        {
            "r.rego": "package r\n\nimport rego.v1\n\n"
            + META.format(clause="R-1")
            + "deny contains 1 if false\n"
        },
    )
    assert load_policyset([root]).package("r").metadata.clause == "R-1"


def test_bad_metadata_names_the_file(tmp_path: Path) -> None:
    root = _write(tmp_path / "p", {"bad.rego": "# METADATA\n# custom:\n#   severity: meh\npackage bad\n"})
    with pytest.raises(PolicyError) as info:
        load_policyset([root])
    # Errors name the file on disk (absolute here: tmp_path is not below the working directory).
    assert str(info.value).startswith(f"{root.resolve()}/bad.rego:3: "), str(info.value)


def test_missing_directory_and_duplicate_keys(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        load_policyset([tmp_path / "nope"])
    one = _write(tmp_path / "a" / "pol", {"x.rego": "package x\n"})
    two = _write(tmp_path / "b" / "pol", {"x.rego": "package x\n"})
    with pytest.raises(UsageError, match="also provided"):
        load_policyset([one, two])


def test_make_engine() -> None:
    assert isinstance(make_engine("embedded"), RegorusEngine)
    assert make_engine("opa", opa_url="http://127.0.0.1:9").name == "opa"
    with pytest.raises(UsageError, match="unknown engine"):
        make_engine("wasm")
