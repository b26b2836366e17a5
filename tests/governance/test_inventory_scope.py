"""inventory collector and SCP-1 reconciliation with the targets a run reached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.collect.inventory.collector import InventoryCollector
from auditor.errors import CollectorError
from auditor.models import Target, TargetKind
from tests.governance.helpers import (
    EXAMPLES,
    GIT_NOTHING_SCANNED,
    SSHD_NOT_INSTALLED,
    collect,
    envelope,
    evaluate_clauses,
    singleton,
)

NOW = "2026-11-27T10:00:00Z"
LOCAL = Target(id="local", kind=TargetKind.host, address="local")
# The example inventory lists the shop repository; a run that reaches it has git evidence.
REPO = Target(id="shop-repo", kind=TargetKind.repo, address="examples/access/shop.bundle")
WEB9 = Target(
    id="ssh://root@web9.example.com:22", kind=TargetKind.host, address="ssh://root@web9.example.com:22"
)


def _inventory(settings: dict[str, object]) -> tuple[Target, dict[str, object]]:
    target = singleton(TargetKind.inventory)
    return target, collect(InventoryCollector, target, settings)[0]


def test_host_reached_but_missing_from_inventory_fails_scp1(tmp_path: Path) -> None:
    inv_target, inv = _inventory({"inventory": {"file": str(EXAMPLES / "inventory.yaml")}})
    evidence = [
        envelope("inventory.assets", inv_target, inv),
        envelope("host.sshd", LOCAL, SSHD_NOT_INSTALLED),
        envelope("host.sshd", WEB9, SSHD_NOT_INSTALLED),
        envelope("git.history", REPO, GIT_NOTHING_SCANNED),
    ]
    results = evaluate_clauses(tmp_path, evidence, [inv_target, LOCAL, WEB9, REPO], NOW)
    scp1 = results["SCP-1"]
    assert scp1.status == "fail"
    assert [(f.check, f.target) for f in scp1.findings] == [("SCP-1.b", WEB9.id)]


def test_inventory_matching_by_identity_and_clean_pass(tmp_path: Path) -> None:
    inv_target, inv = _inventory({"inventory": {"file": str(EXAMPLES / "inventory.yaml")}})
    shop = Target(id="shop", kind=TargetKind.host, address="ssh://deploy@10.0.0.9:22")
    evidence = [
        envelope("inventory.assets", inv_target, inv),
        envelope("host.sshd", LOCAL, SSHD_NOT_INSTALLED),
        envelope("host.identity", shop, {"identity": {"hostname": "shop.example.com", "ip_addresses": []}}),
        envelope("git.history", REPO, GIT_NOTHING_SCANNED),
    ]
    results = evaluate_clauses(tmp_path, evidence, [inv_target, LOCAL, shop, REPO], NOW)
    # shop is matched through the identity its collector saw, but the asset is not amazon_scope
    assert [(f.check, f.target) for f in results["SCP-1"].findings] == [("SCP-1.b", "shop")]
    assert "not marked amazon_scope" in results["SCP-1"].findings[0].msg
    for clause in ("GOV-2", "GOV-3", "GOV-5", "RET-1", "ENC-3", "ENC-4", "ACC-12", "ACC-13"):
        assert results[clause].status in ("pass", "not_applicable"), (clause, results[clause].findings)


def test_csv_inventory(tmp_path: Path) -> None:
    csv = tmp_path / "assets.csv"
    csv.write_text(
        "asset_id,type,owner,amazon_scope,hosting,hostnames,targets,last_review_date,status\n"
        "srv1,server,P1,true,private_dedicated,a.example;b.example,local,2026-10-01,active\n"
    )
    _, inv = _inventory({"inventory": {"file": str(csv), "meta": {"last_full_inventory_date": "2026-10-01"}}})
    asset = inv["assets"][0]  # type: ignore[index]
    assert asset["owner_person_id"] == "P1" and asset["amazon_scope"] is True
    assert asset["hostnames"] == ["a.example", "b.example"] and asset["targets"] == ["local"]
    assert inv["meta"] == {"last_full_inventory_date": "2026-10-01T00:00:00Z"}
    json.dumps(inv)


def test_inventory_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "inv.yaml"
    bad.write_text("assets:\n  - type: server\n")
    with pytest.raises(CollectorError, match=r"inv.yaml: asset 1 has no asset_id"):
        _inventory({"inventory": {"file": str(bad)}})
    bad.write_text("assets: [\n")
    with pytest.raises(CollectorError, match=r"inv.yaml:\d+: invalid YAML"):
        _inventory({"inventory": {"file": str(bad)}})
    with pytest.raises(CollectorError) as exc:
        _inventory({})
    assert exc.value.kind == "unsupported"
