"""The example set in examples/governance, collected for real and evaluated end to end: every
governance clause is decided, and the clean set passes."""

from __future__ import annotations

import json
from pathlib import Path

from auditor.collect.database.collector import DatabaseRetentionCollector
from auditor.collect.documents.collector import DocumentsCollector
from auditor.collect.inventory.collector import InventoryCollector
from auditor.models import Target, TargetKind, rfc3339
from auditor.store.retention import StoreRunsCollector
from tests.clock import NOW
from tests.governance.helpers import (
    GIT_NOTHING_SCANNED,
    LOGS_NOTHING_FOUND,
    MY_POLICIES,
    SSHD_NOT_INSTALLED,
    collect,
    envelope,
    evaluate_clauses,
    example_settings,
    singleton,
)
from tests.governance.https_server import https_pages
from tests.governance.test_privacy_policy import PAGES

LOCAL = Target(id="local", kind=TargetKind.host, address="local")
DB = Target(id="orders-db", kind=TargetKind.database, address="database:orders-db")
REPO = Target(id="shop-repo", kind=TargetKind.repo, address="examples/access/shop.bundle")


def test_clean_examples_pass(tmp_path: Path) -> None:
    settings = example_settings(tmp_path / "runs")
    params = {"amazon_security_contact": "security@amazon.com"}
    with https_pages(tmp_path, PAGES) as (base, ca):
        settings["documents"].update(privacy_policy_url=f"{base}/privacy", privacy_policy_ca_file=str(ca))
        units = [
            (DocumentsCollector, singleton(TargetKind.documents)),
            (InventoryCollector, singleton(TargetKind.inventory)),
            (DatabaseRetentionCollector, DB),
            (StoreRunsCollector, singleton(TargetKind.store)),
        ]
        evidence = [envelope(c.id, t, collect(c, t, settings, params)[0]) for c, t in units]
    evidence.append(envelope("host.sshd", LOCAL, SSHD_NOT_INSTALLED))  # the audited machine was reached
    evidence.append(envelope("git.history", REPO, GIT_NOTHING_SCANNED))  # and the repo the inventory lists
    evidence.append(envelope("logs.pii", LOCAL, LOGS_NOTHING_FOUND))  # DEL-3 reads the host's log scan
    targets = [t for _, t in units] + [LOCAL, REPO]
    results = evaluate_clauses(tmp_path, evidence, targets, rfc3339(NOW))

    expected = {clause: "pass" for clause in MY_POLICIES}
    expected["GEN-3"] = "not_applicable"  # needs the access list, which this example does not configure
    expected["AUD-1"] = "warn"  # the example store is not on WORM storage, and says so
    got = {clause: str(results[clause].status) for clause in MY_POLICIES}
    problems = {
        c: [f.msg for f in results[c].findings] + results[c].errors for c in got if got[c] != expected[c]
    }
    assert got == expected, problems
    assert results["AUD-3"].status == "attested" and results["AUD-6"].status == "attested"

    db = next(e for e in evidence if e.collector == "database.retention").data
    text = json.dumps(db)
    for value in ("Jane Example", "jane@example.org", "John Example", "High Street"):
        assert value not in text
    recent = next(c for c in db["retention_checks"] if c["event"] == "shipped")
    assert recent["offending_rows"] == 0  # the order shipped 5 days ago still legitimately holds PII


def test_example_config_snippet_validates() -> None:
    from auditor.config import load_config
    from tests.governance.helpers import EXAMPLES

    config = load_config(EXAMPLES / "dpp-auditor.governance.yaml")
    settings = config.settings()
    assert (
        settings["documents"]["dir"] == str(EXAMPLES)
        or Path(settings["documents"]["dir"]).resolve() == EXAMPLES
    )
    assert Path(settings["databases"][0]["sqlite_file"]).is_file()
    assert Path(settings["inventory"]["file"]).is_file()
