"""The scanner over real files: rotated and compressed sets, line numbers across worker ranges,
binary files, budgets (partial, never clean), exemptions, journald export, the SSH stream path."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import load_catalogue
from auditor.collect import base
from auditor.collect.logs import journal, scan
from auditor.collect.logs.collector import LogsPiiCollector
from auditor.collect.logs.report import ScanMeta, build, default_exemptions
from auditor.collect.transports.local import LocalTransport
from auditor.models import Target, TargetKind, rfc3339
from auditor.pii.selftest import run_selftest
from auditor.pii.settings import LogsSettings
from tests.clock import NOW
from tests.pii.canary import CANARIES
from tests.pii.conftest import write_lines

KEY = b"k" * 32


def collect(settings: dict[str, Any], transport: base.Transport | None = None) -> dict[str, Any]:
    ctx = base.CollectContext(
        now=NOW,
        target=Target(id="local", kind=TargetKind.host, address="local"),
        params=dict(load_catalogue().parameters), settings={"logs": settings},
        deadline=time.monotonic() + 120, transport=transport or LocalTransport())
    return LogsPiiCollector().collect(ctx)


def by_path(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in data["files"]}


def test_rotated_and_compressed_members_are_scanned_with_line_numbers(log_tree: Path) -> None:
    data = collect({"roots": [str(log_tree)], "file_roots": [], "journald": False})
    files = by_path(data)
    app = str(log_tree / "app")
    found = {(f["path"], f["line"], f["category"]) for f in data["findings"]}
    assert (f"{app}/app.log", 3, "person_name") in found
    assert (f"{app}/app.log.1", 5, "email") in found
    assert (f"{app}/app.log.2.gz", 1, "payment") in found
    assert (f"{app}/app.log.3.xz", 3, "phone") in found
    assert files[str(log_tree / "wtmp")]["skipped_reason"] == "binary"
    assert data["scope"]["rotated_included"] is True
    assert data["partial"] is False  # a binary file is noted, not a gap
    assert data["bytes_scanned"] == data["bytes_total"]
    assert files[f"{app}/app.log.2.gz"]["lines"] == 3
    assert data["method"] == "local"


def test_web_access_log_ip_and_user_agent_are_exempt_but_shown(log_tree: Path) -> None:
    data = collect({"roots": [str(log_tree)], "file_roots": [], "journald": False})
    web = [f for f in data["findings"] if f["log_class"] == "web"]
    assert {(f["category"], f["field"], f["exempt"]) for f in web} == {
        ("ip_address", "client_ip", True), ("digital_fingerprint", "user_agent", True)}
    assert by_path(data)[str(log_tree / "nginx" / "access.log")]["open_count"] == 0
    assert data["exemptions"] == [e.model_dump() for e in default_exemptions(load_catalogue().parameters)]


def test_the_same_ip_in_an_application_log_is_not_exempt(tmp_path: Path) -> None:
    write_lines(tmp_path / "app.log", [CANARIES["ip_address"][0]])
    data = collect({"roots": [str(tmp_path)], "file_roots": [], "journald": False})
    (hit,) = data["findings"]
    assert (hit["category"], hit["exempt"], hit["log_class"]) == ("ip_address", False, "application")
    assert data["open_counts"] == {"ip_address": 1}


def test_ranges_split_between_processes_keep_exact_line_numbers(tmp_path: Path, monkeypatch) -> None:
    lines = [f"line {i} nothing here" for i in range(4000)]
    planted = {17: "jane.doe@example.com", 1999: "jane.doe@example.com", 3998: "jane.doe@example.com"}
    for i, v in planted.items():
        lines[i] = f"mail {v}"
    path = write_lines(tmp_path / "big.log", lines)
    monkeypatch.setattr(scan, "RANGE_BYTES", 9000)
    monkeypatch.setattr(scan, "PARALLEL_MIN_BYTES", 0)
    entries, _ = scan.discover([str(path)], ["*"], [])
    (out,) = scan.scan_entries(entries, KEY, workers=2)
    assert out.lines == 4000 and out.complete
    assert [h.line for h in out.hits] == [i + 1 for i in sorted(planted)]
    assert out.bytes == path.stat().st_size


def test_byte_budget_makes_the_scan_partial(log_tree: Path) -> None:
    data = collect({"roots": [str(log_tree)], "file_roots": [], "journald": False, "byte_budget": 300})
    assert data["partial"] is True
    assert "byte_budget" in data["partial_reason"]
    assert any(f["skipped_reason"] == "byte_budget" for f in data["files"])
    assert data["bytes_scanned"] < data["bytes_total"]


def test_time_budget_run_out_is_partial(log_tree: Path) -> None:
    entries, _ = scan.discover([str(log_tree)], ["*"], [])
    outcomes = scan.scan_entries(entries, KEY, deadline=time.monotonic() - 1)
    scanned = [o for o in outcomes if o.skipped_reason != "binary" and o.entry.size]
    assert scanned and all(o.partial for o in scanned)
    data = build(outcomes, selftest=run_selftest(NOW), exemptions=[], meta=ScanMeta("local", [str(log_tree)]),
                 seconds=0.0, max_findings=10)
    assert data["partial"] is True and data["findings_total"] == 0


def test_unreadable_root_is_a_note_and_file_roots_are_kind_file(tmp_path: Path) -> None:
    write_lines(tmp_path / "exports" / "orders.csv", [CANARIES["email"][0]])
    data = collect({"roots": [str(tmp_path / "nope")], "file_roots": [str(tmp_path / "exports")],
                    "journald": False, "label_spool_dirs": [str(tmp_path / "exports")]})
    (f,) = data["files"]
    assert (f["kind"], f["log_class"], f["in_label_spool"], f["open_count"]) == ("file", "file", True, 1)
    assert any("not present" in n for n in data["scope"]["notes"])


def test_journal_export_entries_are_classed_and_scanned() -> None:
    entries = [
        {"MESSAGE": "Accepted publickey for deploy from 151.101.66.217 port 22",
         "_SYSTEMD_UNIT": "ssh.service"},
        {"MESSAGE": "sent receipt to jane.doe@example.com", "SYSLOG_IDENTIFIER": "shop-worker"},
        {"MESSAGE": list(b"card 5555555555554444"), "SYSLOG_IDENTIFIER": "shop-worker"},
        {"MESSAGE": "nothing"},
    ]
    lines = [json.dumps(e).encode() + b"\n" for e in entries]
    outcomes, complete = journal.scan_journal(lines, KEY, deadline=None, byte_budget=10**6, now=NOW)
    assert complete
    got = {o.entry.path: sorted((h.line, h.category) for h in o.hits) for o in outcomes}
    assert got == {"journald:security": [(1, "ip_address")],
                   "journald:application": [(2, "email"), (3, "payment")], "journald:other": []}
    _, done = journal.scan_journal(lines, KEY, deadline=None, byte_budget=50, now=NOW)
    assert done is False


def test_journalctl_runs_on_this_machine(tmp_path: Path) -> None:
    if LocalTransport().which("journalctl") is None:
        pytest.skip("journalctl is not installed here")
    data = collect({"roots": [str(tmp_path)], "file_roots": [], "journald": True})
    assert data["scope"]["journald"] is True
    assert data["scope"]["journal"]["complete"] is True


def test_stream_method_equals_local_scan(log_tree: Path) -> None:
    """The ssh-stream code path (find + gzip -c through the transport) on the local transport."""
    local = collect({"roots": [str(log_tree)], "file_roots": [], "journald": False})
    streamed = collect({"roots": [str(log_tree)], "file_roots": [], "journald": False,
                        "remote_method": "stream"})
    assert streamed["method"] == "ssh-stream"

    def key(d: dict[str, Any]) -> set[tuple[Any, ...]]:
        return {(f["path"], f["line"], f["category"], f["fingerprint"]) for f in d["findings"]}

    assert key(streamed) == key(local)
    assert by_path(streamed)[str(log_tree / "wtmp")]["skipped_reason"] == "binary"
    assert streamed["partial"] is False


def test_remote_command_protocol_runs_dpp_auditor_logs(log_tree: Path, monkeypatch) -> None:
    """What an SSH host with dpp-auditor installed runs, here through the local transport."""
    venv_bin = os.path.dirname(sys.executable)  # the dpp-auditor script sits beside this interpreter
    monkeypatch.setenv("PATH", f"{venv_bin}:/usr/bin:/bin")
    cfg = LogsSettings(roots=[str(log_tree)], file_roots=[], journald=False)
    ctx = base.CollectContext(now=NOW, target=Target(id="h", kind=TargetKind.host, address="local"),
                              params={},
                              settings={"logs": cfg}, deadline=time.monotonic() + 120,
                              transport=LocalTransport())
    data = LogsPiiCollector._remote_command(ctx, cfg)
    assert data["method"] == "remote-command"
    assert data["detector"]["canary_test"]["passed"] is True
    assert {f["category"] for f in data["findings"]} >= {"person_name", "email", "payment", "phone"}
    # the remote scan is told the run's clock, so its canary is dated like the rest of the run
    assert f"dpp-auditor logs --evidence --at {rfc3339(NOW)} --settings-b64 " in ctx.provenance.commands[0]


def test_file_vanished_after_listing_is_a_note_not_a_gap(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write_lines(tmp_path / "keep.log", [CANARIES["email"][0]])
    write_lines(tmp_path / "gone.log", ["nothing here"])
    listed = scan.discover

    def list_then_delete(*args: Any, **kwargs: Any) -> tuple[list[scan.FileEntry], list[str]]:
        result = listed(*args, **kwargs)
        (tmp_path / "gone.log").unlink(missing_ok=True)  # as a /tmp cleaner or logrotate would
        return result

    monkeypatch.setattr("auditor.collect.logs.collector.discover", list_then_delete)
    data = collect({"roots": [str(tmp_path)], "file_roots": [], "journald": False})
    files = by_path(data)
    assert files[str(tmp_path / "gone.log")]["skipped_reason"] == "vanished"
    assert data["partial"] is False and data["partial_files"] == []
    assert any("gone.log: vanished" in n for n in data["scope"]["notes"])
    assert {f["category"] for f in data["findings"]} == {"email"}


def test_vanished_range_is_not_a_gap_but_a_read_error_is(tmp_path: Path) -> None:
    missing = scan.RangeTask(str(tmp_path / "gone.log"), "plain", 0, None, KEY, None)
    assert scan._guarded(missing) == "vanished"
    write_lines(tmp_path / "app.log", ["nothing here"])
    entries, _ = scan.discover([str(tmp_path)], ["*"], [])
    (tmp_path / "app.log").unlink()
    (tmp_path / "app.log").mkdir()  # present but unreadable as a file (root ignores chmod 000)
    (out,) = scan.scan_entries(entries, KEY)
    assert out.partial and out.skipped_reason is not None and out.skipped_reason.startswith("unreadable")


def test_repeated_values_are_shown_per_field_and_the_cache_stays_bounded(monkeypatch) -> None:
    """A value seen again reuses its excerpt and fingerprint, but only for the same field; the
    cache of shown values is cleared when full, never grown past its size."""
    from auditor.pii import engine
    from auditor.pii.fingerprint import Fingerprinter

    scanner = engine.LineScanner(Fingerprinter(KEY))
    lines = [b"email=jane.doe@example.com", b"to: jane.doe@example.com", b"email=jane.doe@example.com"]
    hits = [h for i, raw in enumerate(lines, 1) if (found := scanner._line(raw))
            for h in scanner._hits(found[0], i, found[1])]
    assert [h.excerpt for h in hits] == ["email=j***@e***.com", "to=j***@e***.com", "email=j***@e***.com"]
    assert len({h.fingerprint for h in hits}) == 1
    monkeypatch.setattr(engine, "SHOWN_CACHE", 2)
    for n in range(5):
        found = scanner._line(f"mail user{n}@example.com".encode())
        assert found is not None
        scanner._hits(found[0], n, found[1])
        assert len(scanner._shown) <= 2


def test_the_last_range_of_a_file_counts_its_own_bytes(tmp_path: Path) -> None:
    """The calling process takes a fair share of the ranges by size: the last range (end None)
    must count the bytes from its start, not the whole file (it once took only that range)."""
    path = write_lines(tmp_path / "big.log", [f"line {i} nothing here" for i in range(4000)])
    size = path.stat().st_size
    last = scan.RangeTask(str(path), "plain", size - 1000, None, KEY, None)
    whole = scan.RangeTask(str(path), "plain", 0, None, KEY, None)
    assert scan._size(last) == 1000 and scan._size(whole) == size
