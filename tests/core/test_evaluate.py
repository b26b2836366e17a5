"""Clause status rules: missing evidence is error, never pass; fail beats error; N/A needs a reason."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from auditor.catalogue import load_catalogue
from auditor.collect.specs import load_spec
from auditor.engine.policyset import load_policyset, make_engine
from auditor.evaluate import RunInfo, build_input, evaluate, fingerprint
from auditor.models import Evidence, EvidenceError, EvidenceStatus, Target, TargetKind

RULE = textwrap.dedent("""\
    # METADATA
    # title: NET-1 test rule
    # custom:
    #   clause: NET-1
    #   severity: critical
    #   requires: [test.fw]
    package dpp.test.net_1

    import rego.v1

    deny contains f if {
        some target, fw in input.evidence["test.fw"]
        fw.backend == "none"
        f := {"clause": "NET-1", "check": "NET-1.a", "target": target,
              "msg": "no firewall", "details": {"locator": "firewall"}}
    }

    warn contains f if {
        some target, fw in input.evidence["test.fw"]
        fw.backend == "legacy"
        f := {"clause": "NET-1", "check": "NET-1.a", "target": target, "msg": "legacy firewall"}
    }
""")

SPEC = textwrap.dedent("""\
    id: test.fw
    description: test collector
    implementation: tests.none:Nothing
    target_kinds: [host]
    timeout_s: 5
""")

HOST_A = Target(id="a", kind=TargetKind.host, address="local")
HOST_B = Target(id="b", kind=TargetKind.host, address="ssh://b")
RUN = RunInfo(run_id="r1", evaluated_at="2026-11-27T10:00:00Z")


def _ev(target: Target, status: EvidenceStatus, data: dict | None = None) -> Evidence:
    error = EvidenceError(kind="connectivity", message="refused") if status == EvidenceStatus.error else None
    return Evidence(
        collector="test.fw",
        target=target,
        status=status,
        error=error,
        collected_at="2026-11-27T09:59:00Z",
        duration_s=0.1,
        data=data or {},
    )


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("pol")
    (d / "net_1.rego").write_text(RULE)
    spec_path = d / "test.fw.yaml"
    spec_path.write_text(SPEC)
    policyset = load_policyset([d])
    engine = make_engine("embedded")
    engine.load(policyset.modules)
    return policyset, engine, {"test.fw": load_spec(spec_path)}


def _net1(setup, evidence, targets):
    results = _results(setup, evidence, targets)
    return next(c for c in results.clauses if c.id == "NET-1"), results


def _results(setup, evidence, targets):
    policyset, engine, specs = setup
    results, _ = evaluate(
        evidence,
        targets,
        {},
        RUN,
        catalogue=load_catalogue(),
        policyset=policyset,
        engine=engine,
        specs=specs,
    )
    return results


def test_pass_needs_evidence_for_every_target(setup):
    clause, _ = _net1(
        setup, [_ev(HOST_A, EvidenceStatus.collected, {"backend": "nftables"})], [HOST_A, HOST_B]
    )
    assert clause.status == "error"
    assert clause.errors[0]["target"] == "b" and clause.errors[0]["kind"] == "missing"


def test_collector_error_is_error_not_pass(setup):
    clause, _ = _net1(setup, [_ev(HOST_A, EvidenceStatus.error)], [HOST_A])
    assert clause.status == "error"
    assert clause.errors[0]["kind"] == "connectivity"


def test_pass_when_all_evidence_and_no_finding(setup):
    clause, _ = _net1(setup, [_ev(HOST_A, EvidenceStatus.collected, {"backend": "nftables"})], [HOST_A])
    assert clause.status == "pass"
    assert clause.targets == ["a"]


def test_fail_beats_error_and_names_target(setup):
    clause, _ = _net1(
        setup,
        [_ev(HOST_A, EvidenceStatus.collected, {"backend": "none"}), _ev(HOST_B, EvidenceStatus.error)],
        [HOST_A, HOST_B],
    )
    assert clause.status == "fail"
    assert [(f.check, f.target, f.severity) for f in clause.findings] == [("NET-1.a", "a", "critical")]
    assert clause.findings[0].fingerprint == fingerprint("NET-1", "NET-1.a", "a", "firewall")


def test_warn_only(setup):
    clause, _ = _net1(setup, [_ev(HOST_A, EvidenceStatus.collected, {"backend": "legacy"})], [HOST_A])
    assert clause.status == "warn"


def test_not_applicable_without_targets_of_the_kind(setup):
    repo = Target(id="r", kind=TargetKind.repo, address="/srv/r")
    clause, _ = _net1(setup, [], [repo])
    assert clause.status == "not_applicable"
    assert "host" in (clause.reason or "")


def test_not_applicable_evidence_is_skipped(setup):
    clause, _ = _net1(setup, [_ev(HOST_A, EvidenceStatus.not_applicable)], [HOST_A])
    assert clause.status == "not_applicable"


def test_every_catalogue_clause_present_and_unimplemented_is_error(setup):
    _, results = _net1(setup, [], [HOST_A])
    assert [c.id for c in results.clauses] == load_catalogue().ids
    manual = {c.id: c.status for c in results.clauses if c.automation == "manual"}
    assert set(manual.values()) == {"manual"}
    auto = [c for c in results.clauses if c.id != "NET-1" and c.automation == "automated"]
    assert {c.status for c in auto} == {"error"}


def test_input_excludes_failed_evidence_and_reads_time_from_meta():
    doc = build_input(
        [_ev(HOST_A, EvidenceStatus.error), _ev(HOST_B, EvidenceStatus.collected, {"x": 1})],
        [HOST_A, HOST_B],
        {"p": 1},
        RUN,
    )
    assert doc["evidence"] == {"test.fw": {"b": {"x": 1}}}
    assert doc["meta"]["evaluated_at"] == "2026-11-27T10:00:00Z"
    assert json.dumps(doc, sort_keys=True)  # serialisable as the policies see it


def test_results_are_deterministic(setup):
    ev = [_ev(HOST_A, EvidenceStatus.collected, {"backend": "none"})]
    one = _net1(setup, ev, [HOST_A])[1].to_json_dict()
    two = _net1(setup, ev, [HOST_A])[1].to_json_dict()
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def _evaluate_dir(d: Path, evidence: list[Evidence], targets: list[Target]):
    (d / "test.fw.yaml").write_text(SPEC)
    policyset = load_policyset([d])
    engine = make_engine("embedded")
    engine.load(policyset.modules)
    results = _results((policyset, engine, {"test.fw": load_spec(d / "test.fw.yaml")}), evidence, targets)
    return {c.id: c for c in results.clauses}


def test_unknown_clause_in_finding_is_an_error_of_that_clause_only(tmp_path: Path):
    (tmp_path / "bad.rego").write_text(
        RULE.replace(
            '"clause": "NET-1", "check": "NET-1.a", "target": target,\n          "msg": "no firewall"',
            '"clause": "NOPE-9", "check": "x", "target": target,\n          "msg": "no firewall"',
        )
    )
    clauses = _evaluate_dir(tmp_path, [_ev(HOST_A, EvidenceStatus.collected, {"backend": "none"})], [HOST_A])
    assert clauses["NET-1"].status == "error"
    assert clauses["NET-1"].errors[0]["kind"] == "policy"
    assert "NOPE-9" in clauses["NET-1"].errors[0]["message"]


TYPE_ERROR_RULE = textwrap.dedent("""\
    # METADATA
    # title: NET-2 test rule that iterates a field
    # custom:
    #   clause: NET-2
    #   severity: high
    #   requires: [test.fw]
    package dpp.test.net_2

    import rego.v1

    deny contains f if {
        some target, fw in input.evidence["test.fw"]
        some port in fw.ports
        port == 23
        f := {"clause": "NET-2", "check": "NET-2.a", "target": target, "msg": "telnet"}
    }
""")


def test_runtime_error_in_one_package_costs_its_clause_only(tmp_path: Path):
    """A null where a rule iterates is a regorus type error: NET-2 is error with the Rego
    location, and NET-1 (same evidence, another package) is still evaluated."""
    (tmp_path / "net_1.rego").write_text(RULE)
    (tmp_path / "net_2.rego").write_text(TYPE_ERROR_RULE)
    ev = [_ev(HOST_A, EvidenceStatus.collected, {"backend": "none", "ports": None})]
    clauses = _evaluate_dir(tmp_path, ev, [HOST_A])
    assert clauses["NET-1"].status == "fail"
    net2 = clauses["NET-2"]
    assert net2.status == "error"
    assert [e["kind"] for e in net2.errors] == ["policy"]
    assert "net_2.rego:13:" in net2.errors[0]["message"]
    assert "dpp.test.net_2" in net2.errors[0]["message"]
    ok = [_ev(HOST_A, EvidenceStatus.collected, {"backend": "nftables", "ports": [22]})]
    again = _evaluate_dir(tmp_path, ok, [HOST_A])["NET-2"]
    assert again.status == "pass", again.errors


def test_evidence_marked_out_of_scope_does_not_make_a_pass(setup):
    ev = _ev(HOST_A, EvidenceStatus.collected, {"backend": "nftables", "in_scope": False})
    clause, _ = _net1(setup, [ev], [HOST_A])
    assert clause.status == "not_applicable"


def test_a_waiver_never_turns_missing_evidence_into_a_decision(setup):
    """Waiving the one deny of a clause that also lacks evidence leaves it `error`: waivers.py
    and evaluate.py read the same decision (auditor.gate.clause_status)."""
    from datetime import UTC, date, datetime

    from auditor.waivers import Waiver, apply_waivers

    ev = [_ev(HOST_A, EvidenceStatus.collected, {"backend": "none"})]
    clause, results = _net1(setup, ev, [HOST_A, HOST_B])
    assert clause.status == "fail" and clause.errors
    waiver = Waiver(
        id="W-1",
        clause="NET-1",
        target="a",
        reason="test",
        requested_by="ops",
        approved_by="sec",
        created=date(2026, 11, 1),
        expires=date(2026, 12, 31),
    )
    applied = apply_waivers(results, [waiver], datetime(2026, 11, 27, tzinfo=UTC))
    net1 = next(c for c in applied.clauses if c.id == "NET-1")
    assert net1.findings[0].waived_by == "W-1"
    assert net1.status == "error"
