from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from auditor.render.base import RenderContext, render_bytes, write_reports
from auditor.render.sarif import sarif_validator
from auditor.waivers import Waiver


@pytest.fixture(scope="module")
def ctx(run_ctx: RenderContext) -> RenderContext:
    waiver = Waiver(
        id="W-001",
        clause="GEN-4",
        reason="vendor appliance, replaced in Q1 | <b>",
        requested_by="alice",
        approved_by="bob",
        created=date(2026, 11, 1),
        expires=date(2027, 1, 1),
        target="*",
        ticket="SEC-1",
    )
    return dataclasses.replace(run_ctx, waivers=[waiver])


def _waived(ctx: RenderContext) -> int:
    return sum(1 for c in ctx.results.clauses for f in c.findings if f.waived_by)


def test_sarif_is_valid_2_1_0(ctx: RenderContext) -> None:
    doc = json.loads(render_bytes(ctx, "sarif"))
    sarif_validator().validate(doc)
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [c.id for c in ctx.results.clauses]
    total = sum(len(c.findings) for c in ctx.results.clauses)
    assert len(run["results"]) == total > 0
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert len(suppressed) == _waived(ctx) > 0
    assert suppressed[0]["suppressions"][0]["justification"].startswith("W-001: vendor appliance")
    for r in run["results"]:
        rule = run["tool"]["driver"]["rules"][r["ruleIndex"]]
        assert rule["id"] == r["ruleId"]
        assert len(r["partialFingerprints"]["dppAuditorFingerprint/v1"]) == 32
    assert any("physicalLocation" in r["locations"][0] for r in run["results"])
    errors = [c for c in ctx.results.clauses if c.status == "error"]
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == len(errors)


def test_sarif_schema_rejects_a_broken_document(ctx: RenderContext) -> None:
    doc = json.loads(render_bytes(ctx, "sarif"))
    del doc["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError, match="'message' is a required property"):
        sarif_validator().validate(doc)
    doc = json.loads(render_bytes(ctx, "sarif"))
    doc["runs"][0]["results"][0]["suppressions"] = [{"status": "accepted"}]
    with pytest.raises(jsonschema.ValidationError, match="'kind' is a required property"):
        sarif_validator().validate(doc)


def test_junit_cases_and_statuses(ctx: RenderContext) -> None:
    root = ET.fromstring(render_bytes(ctx, "junit"))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 93
    by_status = {s: sum(1 for c in ctx.results.clauses if c.status == s) for s in ("fail", "error")}
    assert (
        len(root.findall("./testsuite/testcase/failure"))
        == by_status["fail"]
        == int(root.get("failures", "-1"))
    )
    assert (
        len(root.findall("./testsuite/testcase/error")) == by_status["error"] == int(root.get("errors", "-1"))
    )
    waived = [
        c
        for c in cases
        if c.find("skipped") is not None and c.find("skipped").get("message", "").startswith("waived")
    ]  # type: ignore[union-attr]
    assert len(waived) == sum(1 for c in ctx.results.clauses if c.status == "waived") > 0
    assert "W-001: vendor appliance, replaced in Q1 | <b>" in waived[0].find("skipped").get("message", "")  # type: ignore[union-attr]


def test_markdown_summary(ctx: RenderContext) -> None:
    md = render_bytes(ctx, "md").decode()
    assert md.startswith("## dpp-auditor: Amazon Data Protection Policy")
    assert "**Compliance score:" in md
    assert "The Entertainer &lt;Ltd&gt;" in md
    failing = [c.id for c in ctx.results.clauses if c.status == "fail"]
    assert f"| {failing[0]} | fail |" in md


def test_one_scan_every_format(ctx: RenderContext, tmp_path: Path) -> None:
    paths = write_reports(ctx, ["json", "html", "sarif", "junit", "md"], tmp_path)
    html = (tmp_path / "report.html").read_text()
    assert "vendor appliance, replaced in Q1 | &lt;b&gt;" in html and "SEC-1" in html  # waiver appendix
    assert sorted(p.name for p in paths) == [
        "report.html",
        "report.junit.xml",
        "report.md",
        "report.sarif",
        "results.json",
    ]


def test_junit_validates_against_jenkins_junit_10_xsd(ctx: RenderContext, tmp_path: Path) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(Path(__file__).parent / "data" / "junit-10.xsd"))
    data = render_bytes(ctx, "junit")
    schema.validate(data.decode("utf-8"))
    root = ET.fromstring(data)
    names = {c.get("classname", "") for c in root.iter("testcase")}
    assert all(re.fullmatch(r"dpp\.[a-z0-9_]+", n) for n in names), names
    # the schema really checks: the attribute Jenkins rejected before must fail it
    root.set("skipped", "1")
    assert not schema.is_valid(ET.tostring(root, encoding="unicode"))


def test_markdown_lists_every_clause_that_did_not_pass(ctx: RenderContext) -> None:
    md = render_bytes(ctx, "md").decode()
    for c in ctx.results.clauses:
        row = f"| {c.id} | {c.status} |"
        assert (row in md) == (c.status != "pass"), c.id
    assert md.index("| fail |") < md.index("| warn |") < md.index("| not_applicable |")


def test_sarif_rules_sharing_a_sentence_differ_by_check_title(ctx: RenderContext) -> None:
    rules = {r["id"]: r for r in json.loads(render_bytes(ctx, "sarif"))["runs"][0]["tool"]["driver"]["rules"]}
    shared = [rules[c]["shortDescription"]["text"] for c in ("NET-1", "NET-2", "NET-3", "NET-4")]
    assert len(set(shared)) == 4
    assert "amazon data banner.png" not in rules["DOC-1"]["fullDescription"]["text"]
    assert "Data Retention and Recovery" not in rules["GEN-6"]["fullDescription"]["text"]
