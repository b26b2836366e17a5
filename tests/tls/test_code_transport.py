"""code.transport (TLS-7) on a real git repository and a host directory, judged by TLS-7."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from auditor.collect.code.transport_rules import scan_line
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_spec
from auditor.collect.transports.factory import transport_for
from auditor.models import Evidence, Target, TargetKind
from tests.harness.clause_policies import ENGINES
from tests.tls.conftest import REPO, input_doc
from tests.tls.rego import POLICIES

TOKEN = "sk9f8e7d6c5b4a3f2e1d0c9b8a7"


def _collect(target: Target, settings: dict[str, Any]) -> Evidence:
    spec = load_spec(REPO / "collectors/code.transport.yaml")
    opts = RunnerOptions(max_workers=1, settings=settings)
    (ev,) = run_units([Unit(spec, target)], lambda t: transport_for(t, settings), None, opts)
    return ev


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(root, {
        "app/client.py": f"import requests\nKEY = '{TOKEN}'\n\nr = requests.get(URL, verify=False)\n",
        "config/app.yaml": f"local: http://localhost:8080/health\napi: http://api.partner.net/v1?key={TOKEN}\n",
        "web/server.js": "const agent = new https.Agent({ rejectUnauthorized: false });\n",
        "deploy/fetch.sh": "curl -k https://artifacts.internal/pkg.tgz -o pkg.tgz\n",
        "layout.xml": '<root xmlns="http://www.w3.org/1999/xhtml"/>\n',
        "README.md": "Docs mirror: http://docs.partner.net/\n",
        "node_modules/lib/index.js": "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'\n",
    })
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "init")
    (root / "app/uncommitted.py").write_text("requests.get(URL, verify=False)\n")
    return root


def test_repository_head_findings(repo: Path) -> None:
    target = Target(id="shop", kind=TargetKind.repo, address=str(repo))
    ev = _collect(target, {"repos": [{"id": "shop", "path": str(repo)}]})
    assert ev.status == "collected", ev.error
    found = [(f["path"], f["line"], f["rule_id"]) for f in ev.data["findings"]]
    assert found == [
        ("app/client.py", 4, "tls_verify_disabled"),
        ("config/app.yaml", 2, "plain_http_url"),
        ("deploy/fetch.sh", 1, "tls_verify_disabled"),
        ("web/server.js", 1, "tls_verify_disabled"),
    ]
    assert all(TOKEN not in f["excerpt"] for f in ev.data["findings"])
    assert ev.data["source"] == "git HEAD" and len(ev.data["commit"]) == 40
    denies = {e: POLICIES.findings(e, "TLS-7", input_doc([ev], {}))["deny"] for e in ENGINES}
    assert len(denies["regorus"]) == len(denies["opa"]) == 4


def test_a_git_bundle_is_read_at_its_head(repo: Path, tmp_path: Path) -> None:
    """The example's shop.bundle was scanned as an empty directory: 0 files, and TLS-7 passed."""
    bundle = tmp_path / "shop.bundle"
    _git(repo, "bundle", "create", str(bundle), "--all")
    ev = _collect(Target(id="shop", kind=TargetKind.repo, address=str(bundle)),
                  {"repos": [{"id": "shop", "path": str(bundle)}]})
    assert ev.status == "collected", ev.error
    assert ev.data["source"] == "git HEAD" and ev.data["files_scanned"] >= 5
    assert len(ev.data["findings"]) == 4


def test_nothing_scanned_is_a_warning_not_a_pass(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    ev = _collect(Target(id="e", kind=TargetKind.repo, address=str(empty)),
                  {"repos": [{"id": "e", "path": str(empty)}]})
    assert ev.data["files_scanned"] == 0
    for engine in ENGINES:
        found = POLICIES.findings(engine, "TLS-7", input_doc([ev], {}))
        assert found["deny"] == [] and len(found["warn"]) == 1, engine


def test_clean_repository_passes(tmp_path: Path) -> None:
    root = tmp_path / "clean"
    root.mkdir()
    _git(root, "init", "-q")
    _write(root, {"app.py": "requests.get('https://api.partner.net', timeout=5)\n"})
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "init")
    ev = _collect(Target(id="clean", kind=TargetKind.repo, address=str(root)), {})
    assert ev.status == "collected" and ev.data["findings"] == []
    assert POLICIES.statuses("opa", input_doc([ev], {}), ["TLS-7"]) == {"TLS-7": "pass"}


def test_missing_repository_is_error(tmp_path: Path) -> None:
    ev = _collect(Target(id="gone", kind=TargetKind.repo, address=str(tmp_path / "gone")), {})
    assert ev.status == "error" and ev.error is not None


def test_host_app_config_dir(tmp_path: Path) -> None:
    _write(tmp_path, {"conf/app.ini": "[upstream]\nurl = http://10.0.0.7:8080/api\n",
                      "conf/ok.ini": "url = https://10.0.0.7/api\n"})
    host = Target(id="local", kind=TargetKind.host, address="local")
    ev = _collect(host, {"tls": {"app_config_dir": [str(tmp_path / "conf")]}})
    assert ev.status == "collected", ev.error
    assert [(f["path"], f["line"]) for f in ev.data["findings"]] == [(str(tmp_path / "conf/app.ini"), 2)]
    assert _collect(host, {}).status == "not_applicable"


@pytest.mark.parametrize(("line", "rule"), [
    ("ctx = ssl._create_unverified_context()", "tls_verify_disabled"),
    ("curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);", "tls_verify_disabled"),
    ("tls.Config{InsecureSkipVerify: true}", "tls_verify_disabled"),
    ("NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js", "tls_verify_disabled"),
    ("validate_certs: no", "tls_verify_disabled"),
    ("endpoint = 'http://payments.internal/charge'", "plain_http_url"),
    ("endpoint = 'http://127.0.0.1:9000/'", None),
    ("endpoint = 'http://[::1]:9000/'", None),
    ('<beans xmlns="http://www.springframework.org/schema/beans">', None),
    ("see http://www.apache.org/licenses/LICENSE-2.0", None),
    ("requests.get(url, verify=True)", None),
])
def test_line_rules(line: str, rule: str | None) -> None:
    assert [h.rule_id for h in scan_line(line)] == ([rule] if rule else [])
