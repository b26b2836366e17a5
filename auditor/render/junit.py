"""JUnit XML: one testcase per clause, grouped in one testsuite per policy section.

fail -> <failure> listing the open findings; error -> <error>; waived, not applicable and
manual -> <skipped> with the reason (waived: waiver id and reason); pass, warn, attested pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import BinaryIO, ClassVar

from auditor.models import ClauseResult
from auditor.render.base import RenderContext, Renderer
from auditor.render.common import waiver_reasons
from auditor.render.view import locator

SKIPPED = ("waived", "not_applicable", "manual")
# Jenkins splits classname at dots into package and class; spaces and commas break its tables.
_NOT_NAME = re.compile(r"[^a-z0-9]+")
ROOT_TOTALS = ("tests", "failures", "errors")  # junit-10.xsd allows no `skipped` on testsuites


def classname(section: str) -> str:
    return "dpp." + (_NOT_NAME.sub("_", section.lower()).strip("_") or "unsectioned")


def _finding_lines(clause: ClauseResult, waived: bool) -> list[str]:
    lines = []
    for f in clause.findings:
        if bool(f.waived_by) != waived:
            continue
        loc = locator(f)
        lines.append(
            f"[{f.severity}] {f.check} on {f.target}: {f.msg}"
            + (f" ({loc})" if loc else "")
            + f" fp={f.fingerprint[:12]}"
            + (f" waived by {f.waived_by}" if waived else "")
        )
    return lines


def _skip_message(clause: ClauseResult, reasons: dict[str, str]) -> str:
    if clause.status == "waived":
        ids = sorted({f.waived_by for f in clause.findings if f.waived_by})
        return "waived: " + "; ".join(f"{i}: {reasons.get(i, 'see waivers file')}" for i in ids)
    if clause.status == "not_applicable":
        return f"not applicable: {clause.reason or 'no target of the kinds this clause needs'}"
    return f"manual: {clause.reason or 'no attestation supplied'}"


def _testcase(suite: ET.Element, clause: ClauseResult, reasons: dict[str, str]) -> None:
    case = ET.SubElement(suite, "testcase", name=clause.id, classname=classname(clause.section))
    case.set("time", "0")
    if clause.status == "fail":
        lines = _finding_lines(clause, waived=False)
        el = ET.SubElement(
            case,
            "failure",
            message=f"{len(lines)} finding(s), severity {clause.severity}",
            type=str(clause.severity),
        )
        el.text = "\n".join(lines)
    elif clause.status == "error":
        el = ET.SubElement(
            case, "error", message=clause.reason or "required evidence missing", type="incomplete"
        )
        el.text = "\n".join(
            f"{e.get('target', '')} {e.get('collector', '')}: {e.get('kind', '')} "
            f"{e.get('message', '')}".strip()
            for e in clause.errors
        )
    elif clause.status in SKIPPED:
        ET.SubElement(case, "skipped", message=_skip_message(clause, reasons))
    notes = _finding_lines(clause, waived=True) + (
        _finding_lines(clause, waived=False) if clause.status == "warn" else []
    )
    if notes:
        ET.SubElement(case, "system-out").text = "\n".join(notes)


def junit_tree(ctx: RenderContext) -> ET.Element:
    reasons = waiver_reasons(ctx)
    by_section: dict[str, list[ClauseResult]] = defaultdict(list)
    for c in ctx.results.clauses:
        by_section[c.section].append(c)
    root = ET.Element("testsuites", name=f"dpp-auditor {ctx.results.meta.run_id}")
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for section, clauses in by_section.items():
        counts = {
            "tests": len(clauses),
            "failures": sum(c.status == "fail" for c in clauses),
            "errors": sum(c.status == "error" for c in clauses),
            "skipped": sum(c.status in SKIPPED for c in clauses),
        }
        attrs = {"name": section, "timestamp": ctx.results.meta.evaluated_at}
        attrs.update({k: str(v) for k, v in counts.items()})
        suite = ET.SubElement(root, "testsuite", attrs)
        for c in clauses:
            _testcase(suite, c, reasons)
        for k, v in counts.items():
            totals[k] += v
    for k in ROOT_TOTALS:
        root.set(k, str(totals[k]))
    return root


class JunitRenderer(Renderer):
    format: ClassVar[str] = "junit"

    def render(self, run: RenderContext, out: BinaryIO) -> None:
        tree = ET.ElementTree(junit_tree(run))
        ET.indent(tree)
        tree.write(out, encoding="utf-8", xml_declaration=True)
