"""GOV-6 against a real loopback HTTPS server."""

from __future__ import annotations

from pathlib import Path

from auditor.collect.documents.collector import DocumentsCollector
from auditor.models import TargetKind
from tests.governance.helpers import collect, envelope, evaluate_clauses, example_settings, singleton
from tests.governance.https_server import https_pages

NOW = "2026-11-27T10:00:00Z"
POLICY = (
    "<html><h1>Privacy policy</h1><p>The Entertainer processes personal data under the UK GDPR "
    "and the Data Protection Act 2018.</p><p>Contact: privacy@example.com</p>"
    "<p>Last updated: 2026-06-01</p></html>"
)
PAGES = {
    "/privacy": (200, POLICY),
    "/members/privacy": (401, "login required"),
    "/old": (
        200,
        POLICY.replace("2026-06-01", "2024-01-01").replace(
            "the UK GDPR and the Data Protection Act 2018", "applicable law"
        ),
    ),
}


def _gov6(tmp_path: Path, url: str, ca: Path) -> object:
    settings = example_settings()
    settings["documents"].update(privacy_policy_url=url, privacy_policy_ca_file=str(ca))
    target = singleton(TargetKind.documents)
    data, _ = collect(DocumentsCollector, target, settings)
    results = evaluate_clauses(tmp_path, [envelope("documents.records", target, data)], [target], NOW)
    return data["privacy_policy"], results["GOV-6"]


def test_reachable_policy_passes(tmp_path: Path) -> None:
    with https_pages(tmp_path, PAGES) as (base, ca):
        facts, gov6 = _gov6(tmp_path, f"{base}/privacy", ca)
    assert facts["http_status"] == 200 and facts["retrieved_over_https"] and not facts["auth_required"]
    assert facts["last_updated_date"] == "2026-06-01T00:00:00Z"
    assert "POLICY" not in str(facts) and "privacy@example.com" not in str(facts)
    assert gov6.status == "pass", [f.msg for f in gov6.findings]


def test_login_stale_and_untrusted_fail(tmp_path: Path) -> None:
    with https_pages(tmp_path, PAGES) as (base, ca):
        _, login = _gov6(tmp_path, f"{base}/members/privacy", ca)
        _, old = _gov6(tmp_path, f"{base}/old", ca)
        system_cas = Path("/etc/ssl/certs/ca-certificates.crt")
        untrusted_facts, untrusted = _gov6(tmp_path, f"{base}/privacy", system_cas)
    assert login.status == "fail" and login.findings[0].check == "GOV-6.a"
    assert old.status == "fail" and {f.check for f in old.findings} == {"GOV-6.b", "GOV-6.c"}
    assert untrusted.status == "fail" and "CERTIFICATE_VERIFY_FAILED" in str(untrusted_facts["error"])
