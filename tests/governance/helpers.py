"""Shared helpers of the governance tests: run one collector on one target, evaluate my policies
with regorus and with real OPA (in-process), and build the example configuration."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from auditor.collect.base import CollectContext, Collector
from auditor.models import Target, TargetKind
from tests.clock import NOW

REPO = Path(__file__).resolve().parents[2]
POLICIES = REPO / "policies" / "dpp"
EXAMPLES = REPO / "examples" / "governance"
FIXTURES = REPO / "tests" / "fixtures" / "policies"

# my policy files, one package each (clause -> files)
MY_POLICIES = {
    "SCP-1": ["scp/scp_1.rego"],
    "SCP-2": ["scp/scp_2.rego"],
    "DEF-3": ["def/def_3.rego"],
    "GEN-1": ["gen/gen_1.rego"],
    "GEN-2": ["gen/gen_2.rego"],
    "GEN-3": ["gen/gen_3.rego"],
    "GEN-6": ["gen/gen_6.rego"],
    "GEN-7": ["gen/gen_7.rego"],
    **{f"IR-{i}": [f"ir/ir_{i}.rego"] for i in range(1, 10)},
    **{f"DEL-{i}": [f"del/del_{i}.rego"] for i in range(1, 5)},
    **{f"RET-{i}": [f"ret/ret_{i}.rego"] for i in range(1, 6)},
    "LOG-7": ["log/log_7_database.rego"],
    **{f"GOV-{i}": [f"gov/gov_{i}.rego"] for i in range(1, 7)},
    "ENC-3": ["enc/enc_3_inventory.rego"],
    "ENC-4": ["enc/enc_4_inventory.rego"],
    "ENC-7": ["enc/enc_7.rego"],
    "ENC-8": ["enc/enc_8.rego"],
    "ACC-7": ["acc/acc_7_documents.rego"],
    "ACC-12": ["acc/acc_12.rego"],
    "ACC-13": ["acc/acc_13.rego"],
    "ACC-16": ["acc/acc_16.rego"],
    "AUD-1": ["aud/aud_1.rego"],
    "AUD-2": ["aud/aud_2.rego"],
    "AUD-4": ["aud/aud_4.rego"],
    "AUD-5": ["aud/aud_5.rego"],
    "DOC-1": ["doc/doc_1.rego"],
}


def package_of(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("package "):
            return line.split()[1]
    raise ValueError(f"{path}: no package")


def collect(
    collector: type[Collector], target: Target, settings: dict[str, Any], params: dict[str, Any] | None = None
) -> tuple[dict[str, Any], CollectContext]:
    ctx = CollectContext(
        now=NOW,
        target=target, params=params or {}, settings=settings, deadline=time.monotonic() + 60
    )
    return collector().collect(ctx), ctx


def singleton(kind: TargetKind) -> Target:
    return Target(id=kind.value, kind=kind, address=kind.value)


def example_settings(store_dir: Path | None = None) -> dict[str, Any]:
    """The example configuration, with paths resolved as the config loader does."""
    g = EXAMPLES
    return {
        "documents": {
            "dir": str(g),
            "registers": {
                "deletion_requests": "registers/deletion-requests.csv",
                "incidents": "registers/incidents.yaml",
                "changes": "registers/changes.csv",
                "control_register": "registers/control-register.csv",
                "shredding_certificates": "registers/shredding-certificates.csv",
                "revocation_requests": "registers/revocation-requests.csv",
                "security_tickets": "registers/security-tickets.yaml",
                "alerts": "registers/alerts.csv",
                "findings": "registers/findings.csv",
                "review_records": "registers/review-records.csv",
            },
            "attestations_file": str(g / "attestations.yaml"),
        },
        "inventory": {"file": str(g / "inventory.yaml")},
        "databases": [
            {
                "id": "orders-db",
                "url": f"sqlite:///{g / 'demo.sqlite'}",
                "checks": {
                    "retention": [
                        {
                            "name": "orders_shipped",
                            "table": "orders",
                            "event": "shipped",
                            "event_column": "shipped_at",
                            "pii_columns": ["buyer_name", "buyer_email", "ship_address", "ship_postcode"],
                        },
                        {
                            "name": "orders_cancelled",
                            "table": "orders",
                            "event": "cancelled",
                            "event_column": "cancelled_at",
                            "pii_columns": ["buyer_name", "buyer_email", "ship_address", "ship_postcode"],
                        },
                        {
                            "name": "orders_open",
                            "table": "orders",
                            "event": "open_since_purchase",
                            "event_column": "purchased_at",
                            "open_when_null": ["shipped_at", "cancelled_at"],
                            "pii_columns": ["buyer_name", "buyer_email", "ship_address", "ship_postcode"],
                        },
                    ],
                    "purge_job": {
                        "table": "purge_runs",
                        "finished_column": "finished_at",
                        "status_column": "status",
                        "rows_column": "rows_purged",
                    },
                    "pii_scan": {"tables": ["orders", "purge_runs"]},
                    "api_log_tables": [
                        {
                            "table": "api_log",
                            "time_column": "created_at",
                            "columns": ["request_body", "response_body"],
                        }
                    ],
                    "order_mgmt_tables": ["orders"],
                },
            }
        ],
        "store": {"dir": str(store_dir) if store_dir else None, "schedule_interval_days": 7},
    }


def load_modules(files: list[Path]) -> dict[str, str]:
    return {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in files}


def eval_regorus(files: list[Path], input_doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    os.environ["RUST_BACKTRACE"] = "0"
    import regorus

    engine = regorus.Engine()
    for name, text in load_modules(files).items():
        engine.add_policy(name, text)
    engine.set_input_json(json.dumps(input_doc))
    out: dict[str, list[dict[str, Any]]] = {"deny": [], "warn": []}
    for f in files:
        pkg = package_of(f)
        for level in ("deny", "warn"):
            value = (
                json.loads(engine.eval_rule_as_json(f"data.{pkg}.{level}"))
                if f"\n{level} contains" in f.read_text()
                else []
            )
            out[level] += value
    return out


def eval_opa(files: list[Path], input_doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    import opa_bindings

    engine = opa_bindings.OpaEngine()
    try:
        for name, text in load_modules(files).items():
            engine.add_policy(name, text)
        out: dict[str, list[dict[str, Any]]] = {"deny": [], "warn": []}
        for f in files:
            pkg = package_of(f).replace(".", "/")
            for level in ("deny", "warn"):
                if f"\n{level} contains" in f.read_text():
                    out[level] += engine.eval_document(f"{pkg.replace('/', '.')}.{level}", input=input_doc)
        return out
    finally:
        engine.close()


def pairs(findings: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted({(f["check"], f["target"]) for f in findings})


def my_policyset(tmp: Path) -> Any:
    """A policy set of my packages only (copied under tmp/policies), so that work in progress
    elsewhere in policies/ cannot change these results."""
    import shutil

    from auditor.engine.policyset import load_policyset

    root = tmp / "policies"
    for files in MY_POLICIES.values():
        for f in files:
            dest = root / "dpp" / f
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(POLICIES / f, dest)
    return load_policyset([root])


# "The target was reached" for clauses that only need that (SCP-1, GEN-1): the smallest data
# that is valid for its collector's model ({} is damaged evidence, an error).
SSHD_NOT_INSTALLED: dict[str, Any] = {"installed": False, "method": None, "effective": {}, "match_blocks": []}
GIT_NOTHING_SCANNED: dict[str, Any] = {
    "commits_scanned": 0,
    "identities": [],
    "scan": {},
    "secret_findings": [],
    "secret_findings_dropped": 0,
    "signed_commits": 0,
}
LOGS_NOTHING_FOUND: dict[str, Any] = {"findings": []}


def envelope(collector: str, target: Target, data: dict[str, Any]) -> Any:
    from auditor.models import Evidence, rfc3339

    return Evidence(
        collector=collector,
        target=target,
        status="collected",
        collected_at=rfc3339(NOW),
        duration_s=0.0,
        data=data,
    )


def evaluate_clauses(
    tmp: Path, evidence: list[Any], targets: list[Target], evaluated_at: str
) -> dict[str, Any]:
    """Clause results through the application's own evaluate() and the embedded engine."""
    from auditor.catalogue import load_catalogue
    from auditor.collect.specs import load_specs
    from auditor.engine.regorus_engine import RegorusEngine
    from auditor.evaluate import RunInfo, evaluate

    catalogue = load_catalogue()
    policyset = my_policyset(tmp)
    engine = RegorusEngine()
    engine.load(policyset.modules)
    results, _ = evaluate(
        evidence,
        targets,
        dict(catalogue.parameters),
        RunInfo("test", evaluated_at),
        catalogue=catalogue,
        policyset=policyset,
        engine=engine,
        specs=load_specs(),
    )
    return {c.id: c for c in results.clauses}
