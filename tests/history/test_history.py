from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.commands.diff import command as diff_cmd
from auditor.commands.history import command as history_cmd
from auditor.errors import StoreError
from auditor.fsutil import canonical_json
from auditor.models import Results
from auditor.render.base import build_context
from auditor.render.synthetic import fingerprint, synthetic_results
from auditor.store.history import RunIndex, diff, snapshot_of, trend_points
from auditor.waivers import Waiver, apply_waivers

T0 = datetime(2026, 11, 20, 10, tzinfo=UTC)
T1 = datetime(2026, 11, 27, 10, tzinfo=UTC)


def _failing(results: Results, n: int) -> list[str]:
    return [c.id for c in results.clauses if c.status == "fail" and c.findings][:n]


def _waiver(wid: str, clause: str, expires: date) -> Waiver:
    return Waiver(
        id=wid,
        clause=clause,
        reason="r",
        requested_by="a",
        approved_by="b",
        created=date(2026, 10, 1),
        expires=expires,
        target="*",
    )


def _pair() -> tuple[Results, Results, dict[str, str]]:
    """Run A and run B with one clause of each diff category."""
    base = synthetic_results(3)
    resolved_c, waived_c, expiring_c, still_c = _failing(base, 4)
    a = base.model_copy(
        update={
            "meta": base.meta.model_copy(
                update={"run_id": "20261120T100000Z-aaaaaa", "evaluated_at": "2026-11-20T10:00:00Z"}
            )
        }
    )
    a = apply_waivers(a, [_waiver("W-EXP", expiring_c, date(2026, 11, 25))], T0)  # valid at T0
    clauses = []
    for c in base.clauses:
        if c.id == resolved_c:
            c = c.model_copy(update={"findings": [], "status": "pass"})
        elif c.id == still_c:
            extra = c.findings[0].model_copy(
                update={
                    "target": "ssh://audit@new-host:22",
                    "fingerprint": fingerprint(c.id, c.findings[0].check, "ssh://audit@new-host:22", ""),
                }
            )
            c = c.model_copy(update={"findings": [*c.findings, extra]})
        clauses.append(c)
    b = base.model_copy(
        update={
            "clauses": clauses,
            "meta": base.meta.model_copy(
                update={"run_id": "20261127T100000Z-bbbbbb", "evaluated_at": "2026-11-27T10:00:00Z"}
            ),
        }
    )
    b = apply_waivers(
        b,
        [_waiver("W-EXP", expiring_c, date(2026, 11, 25)), _waiver("W-NEW", waived_c, date(2026, 12, 20))],
        T1,
    )  # W-EXP lapsed at T1
    return a, b, {"resolved": resolved_c, "waived": waived_c, "expiring": expiring_c, "still": still_c}


def _check_diff(a: Results, b: Results, names: dict[str, str], index: RunIndex) -> None:
    d = diff(index.snapshot(a.meta.run_id), index.snapshot(b.meta.run_id))
    assert d.as_dict() == diff(snapshot_of(a), snapshot_of(b)).as_dict()  # index round-trips losslessly
    assert [f.target for f in d.new] == ["ssh://audit@new-host:22"]
    assert {f.clause for f in d.resolved} == {names["resolved"]}
    assert {f.clause for f in d.newly_waived} == {names["waived"]}
    assert {f.clause for f in d.expired} == {names["expiring"]}
    assert any(f.check.endswith(".waiver") for f in d.expired)
    assert names["still"] in {f.clause for f in d.still_failing}
    assert names["expiring"] in d.newly_failing_clauses
    assert names["resolved"] in d.fixed_clauses and names["waived"] in d.fixed_clauses


def _exercise(index: RunIndex) -> None:
    a, b, names = _pair()
    index.record(b)
    index.record(a)
    index.record(a)  # re-recording replaces, never duplicates
    runs = index.runs()
    assert [r.run_id for r in runs] == [a.meta.run_id, b.meta.run_id]
    assert runs[0].n_fail == sum(1 for c in a.clauses if c.status == "fail")
    assert index.runs(limit=1)[0].run_id == b.meta.run_id
    assert index.previous(b.meta.run_id).run_id == a.meta.run_id  # type: ignore[union-attr]
    snap = index.snapshot(b.meta.run_id)
    assert len(snap.clauses) == 93
    assert len(snap.findings) == sum(len(c.findings) for c in b.clauses)
    _check_diff(a, b, names, index)
    with pytest.raises(StoreError, match="not in the history index"):
        index.snapshot("nope")


def test_sqlite_index(tmp_path: Path) -> None:
    index = RunIndex(str(tmp_path / "history.sqlite"))
    try:
        _exercise(index)
    finally:
        index.close()


def test_postgresql_index(pg_url: str) -> None:
    index = RunIndex(pg_url)
    try:
        _exercise(index)
    finally:
        index.close()


def test_postgresql_errors_hide_the_password(pg_url: str) -> None:
    wrong = pg_url.replace("s3cret-history-pw", "wrong-pw")
    with pytest.raises(StoreError) as info:
        RunIndex(wrong)
    assert "wrong-pw" not in str(info.value) and "s3cret" not in str(info.value)
    assert "password authentication failed" in str(info.value)


def test_trend_points_and_report_trend(tmp_path: Path) -> None:
    a, b, _ = _pair()
    store = tmp_path / "runs"
    index = RunIndex(str(store / "history.sqlite"))
    index.record(a)
    points = trend_points(index, b)
    index.close()
    assert [p["run_id"] for p in points] == [a.meta.run_id, b.meta.run_id]
    run_dir = store / b.meta.run_id
    run_dir.mkdir()
    ctx = build_context(b, run_dir)  # finds OUTDIR/history.sqlite by itself
    assert ctx.trend is not None and [p["run_id"] for p in ctx.trend] == [a.meta.run_id, b.meta.run_id]


def _write_run(store: Path, results: Results) -> Path:
    run_dir = store / results.meta.run_id
    run_dir.mkdir(parents=True)
    (run_dir / "results.json").write_text(canonical_json(results.to_json_dict()))
    return run_dir


def test_history_and_diff_commands(tmp_path: Path) -> None:
    a, b, names = _pair()
    store = tmp_path / "runs"
    dir_a, dir_b = _write_run(store, a), _write_run(store, b)
    runner = CliRunner()
    for d in (dir_a, dir_b):
        r = runner.invoke(history_cmd, ["-o", str(store), "--record", str(d)])
        assert r.exit_code == 0, r.output
    listed = runner.invoke(history_cmd, ["-o", str(store), "--json"])
    assert [r["run_id"] for r in json.loads(listed.output)["runs"]] == [a.meta.run_id, b.meta.run_id]
    table = runner.invoke(history_cmd, ["-o", str(store)])
    assert a.meta.run_id in table.output and "score" in table.output
    by_dir = runner.invoke(diff_cmd, [str(dir_a), str(dir_b)])
    assert by_dir.exit_code == 0, by_dir.output
    assert "New: 1" in by_dir.output and "ssh://audit@new-host:22" in by_dir.output
    assert f"Clauses newly failing: {names['expiring']}" in by_dir.output
    by_id = runner.invoke(diff_cmd, [a.meta.run_id, b.meta.run_id, "-o", str(store), "--json"])
    assert by_id.exit_code == 0, by_id.output
    assert json.loads(by_id.output) == json.loads(
        runner.invoke(diff_cmd, [str(dir_a), str(dir_b), "--json"]).output
    )
