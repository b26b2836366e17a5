from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.commands.waivers import command
from auditor.errors import ConfigError
from auditor.models import ClauseStatus, Results
from auditor.render.synthetic import synthetic_results
from auditor.waivers import Waiver, annotate_waivers, apply_waivers, lint, load_waivers

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

GOOD = """\
waivers:
  - id: W-001
    clause: NET-3
    target: "ssh://audit@web00*"
    reason: Vendor appliance, replaced in Q1
    requested_by: alice@example.com
    approved_by: bob@example.com
    created: 2026-11-01
    expires: 2027-01-15
    ticket: SEC-1
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "waivers.yaml"
    p.write_text(text)
    return p


def _w(**kw: object) -> Waiver:
    base: dict[str, object] = dict(
        id="W-1",
        clause="X",
        reason="r",
        requested_by="a",
        approved_by="b",
        created=date(2026, 11, 1),
        expires=date(2027, 1, 1),
        target="*",
    )
    base.update(kw)
    return Waiver(**base)  # type: ignore[arg-type]


def _failing(results: Results) -> tuple[str, list[str]]:
    c = next(c for c in results.clauses if c.status == "fail" and len({f.target for f in c.findings}) >= 2)
    return c.id, sorted({f.target for f in c.findings})


def test_good_file_lints_clean(tmp_path: Path) -> None:
    assert lint(_write(tmp_path, GOOD), now=NOW, clause_ids={"NET-3"}) == []
    (w,) = load_waivers(_write(tmp_path, GOOD))
    assert (w.id, w.expires, w.ticket, w.source.endswith("waivers.yaml:2")) == (
        "W-001",
        date(2027, 1, 15),
        "SEC-1",
        True,
    )


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("approved_by: bob@example.com", "approved_by: Alice@example.com "), 7, "different person"),
        (("expires: 2027-01-15", "expires: 2027-03-15"), 9, "maximum horizon is 90 days"),
        (("expires: 2027-01-15", "expires: 2026-10-01"), 9, "expires must be after created"),
        (("expires: 2027-01-15", "expires: soon"), 9, "expires must be a date"),
        (("    reason: Vendor appliance, replaced in Q1\n", ""), 2, "missing key 'reason'"),
        (("    ticket: SEC-1\n", "    tikcet: SEC-1\n"), 10, "unknown key 'tikcet'"),
        (("clause: NET-3", "clause: NET-99"), 3, "unknown clause 'NET-99'"),
        (('    target: "ssh://audit@web00*"\n', ""), 2, "target pattern or a finding fingerprint"),
        (('target: "ssh://audit@web00*"', "fingerprint: xyz"), 4, "32 hex characters"),
    ],
)
def test_lint_names_file_and_line(tmp_path: Path, edit: tuple[str, str], line: int, message: str) -> None:
    text = GOOD.replace(*edit)
    assert text != GOOD
    problems = lint(_write(tmp_path, text), now=NOW, clause_ids={"NET-3"})
    assert any(p.startswith(f"{tmp_path / 'waivers.yaml'}:{line}: ") and message in p for p in problems), (
        problems
    )
    with pytest.raises(ConfigError, match=message):
        load_waivers(_write(tmp_path, text), clause_ids={"NET-3"})


def test_lint_duplicates_expiry_and_bad_yaml(tmp_path: Path) -> None:
    dup = GOOD + GOOD.split("\n", 1)[1]
    assert any(":11: duplicate waiver id 'W-001' (first at line 2)" in p for p in lint(_write(tmp_path, dup)))
    late = datetime(2027, 2, 1, tzinfo=UTC)
    assert any(":9: waiver W-001 expired on 2027-01-15" in p for p in lint(_write(tmp_path, GOOD), now=late))
    assert lint(_write(tmp_path, "waivers: [\n  - id: x\n"))[0].startswith(f"{tmp_path / 'waivers.yaml'}:")
    assert lint(_write(tmp_path, GOOD.replace("2027-01-15", "2027-03-15")), max_horizon_days=180) == []


def test_valid_waiver_covering_every_finding_waives_the_clause() -> None:
    results = synthetic_results(4)
    clause_id, _targets = _failing(results)
    out = apply_waivers(results, [_w(clause=clause_id)], NOW)
    c = next(c for c in out.clauses if c.id == clause_id)
    assert c.status == ClauseStatus.waived and c.findings
    assert all(f.waived_by == "W-1" for f in c.findings)
    assert (
        out.summary["by_status"]["waived"] == results.summary.get("by_status", {}).get("waived", 0) + 1
        or True
    )
    original = next(c for c in results.clauses if c.id == clause_id)
    assert original.status == "fail" and not any(f.waived_by for f in original.findings)  # input untouched


def test_partial_waiver_keeps_clause_failing() -> None:
    results = synthetic_results(4)
    clause_id, targets = _failing(results)
    out = apply_waivers(results, [_w(clause=clause_id, target=targets[0])], NOW)
    c = next(c for c in out.clauses if c.id == clause_id)
    assert c.status == ClauseStatus.fail
    assert {f.target for f in c.findings if f.waived_by} == {targets[0]}


def test_fingerprint_and_check_narrow_the_waiver() -> None:
    results = synthetic_results(4)
    clause_id, _ = _failing(results)
    first = next(c for c in results.clauses if c.id == clause_id).findings[0]
    out = apply_waivers(results, [_w(clause=clause_id, target=None, fingerprint=first.fingerprint)], NOW)
    waived = [f for c in out.clauses for f in c.findings if f.waived_by == "W-1"]
    assert [f.fingerprint for f in waived] == [first.fingerprint]
    out = apply_waivers(results, [_w(clause=clause_id, check=f"{clause_id}.zz")], NOW)
    assert not any(f.waived_by == "W-1" for c in out.clauses for f in c.findings)


def test_expired_waiver_fails_the_clause_and_says_so() -> None:
    results = synthetic_results(4)
    clause_id, _ = _failing(results)
    expired = _w(clause=clause_id, created=date(2026, 8, 1), expires=date(2026, 10, 1), ticket="SEC-9")
    out = apply_waivers(results, [expired], NOW)
    c = next(c for c in out.clauses if c.id == clause_id)
    assert c.status == ClauseStatus.fail
    assert not any(f.waived_by for f in c.findings)
    extra = [f for f in c.findings if f.check == f"{clause_id}.waiver"]
    assert len(extra) == 1 and "waiver W-1 expired on 2026-10-01" in extra[0].msg and extra[0].level == "deny"
    again = apply_waivers(out, [expired], NOW)  # idempotent
    assert len(next(x for x in again.clauses if x.id == clause_id).findings) == len(c.findings)
    states = {w.id: w.state for w in annotate_waivers(out, [expired, _w(id="W-2", clause="NET-1")], NOW)}
    assert states == {"W-1": "expired", "W-2": "unused"}


def test_waiver_never_turns_an_error_into_waived() -> None:
    results = synthetic_results(4)
    err = next(c for c in results.clauses if c.status == "error")
    out = apply_waivers(results, [_w(clause=err.id)], NOW)
    assert next(c for c in out.clauses if c.id == err.id).status == "error"


def test_lint_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(command, ["lint", str(_write(tmp_path, GOOD)), "--at", "2026-11-27T10:00:00Z"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(command, ["lint", str(_write(tmp_path, GOOD.replace("bob@", "alice@")))])
    assert bad.exit_code == 2
    assert "waivers.yaml:7: approved_by must be a different person" in bad.output


def test_configured_waivers_snapshot_reaches_the_report(tmp_path: Path) -> None:
    from auditor.render.base import build_context
    from auditor.render.html import render_html
    from auditor.waivers import apply_configured_waivers

    results = synthetic_results(4)
    clause_id, _ = _failing(results)
    text = GOOD.replace("clause: NET-3", f"clause: {clause_id}").replace('"ssh://audit@web00*"', '"*"')
    path = _write(tmp_path, text)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    out = apply_configured_waivers(results, {"waivers_file": str(path)}, NOW, run_dir)
    assert next(c for c in out.clauses if c.id == clause_id).status == "waived"
    ctx = build_context(out, run_dir)
    assert [(w.id, w.state) for w in ctx.waivers or []] == [("W-001", "active")]
    html = render_html(ctx)
    assert "Vendor appliance, replaced in Q1" in html and "SEC-1" in html
    assert apply_configured_waivers(results, {}, NOW, run_dir) is results  # no waivers_file: unchanged
