"""`dpp-auditor logs PATH...`: the quick PII check of log files and directories (LOG-4, DEF-1).

Exit codes: 0 clean, 1 medium/high findings remain after exemptions, 2 bad input,
3 scan incomplete (a file could not be read or a budget ran out), 4 self-test failed or bug.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
import time
from datetime import datetime
from typing import Any

import click
from pydantic import ValidationError

from auditor.catalogue import load_catalogue
from auditor.clock import run_clock
from auditor.collect.base import CollectContext
from auditor.collect.logs.collector import LogsPiiCollector
from auditor.collect.transports.local import LocalTransport
from auditor.errors import AuditorError, UsageError
from auditor.models import Target, TargetKind
from auditor.pii.settings import LogsSettings

_JSON_KEYS = ("path", "line", "category", "confidence", "excerpt", "fingerprint")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_INCOMPLETE = 0, 1, 3


class SelfTestFailed(AuditorError):
    exit_code = 4


def _settings(paths: tuple[str, ...], settings_b64: str | None, overrides: dict[str, Any]) -> LogsSettings:
    if settings_b64:
        try:
            raw = json.loads(base64.urlsafe_b64decode(settings_b64 + "=" * (-len(settings_b64) % 4)))
            return LogsSettings.model_validate(raw)
        except (binascii.Error, ValueError, ValidationError) as exc:
            raise UsageError(f"--settings-b64: not a valid logs section ({type(exc).__name__})") from exc
    if not paths:
        raise UsageError("give at least one PATH (a log file or a directory)")
    for p in paths:
        if not os.path.exists(p):
            raise UsageError(f"{p}: no such file or directory")
        if not os.access(p, os.R_OK):
            raise UsageError(f"{p}: permission denied")
    values = {k: v for k, v in overrides.items() if v is not None}
    return LogsSettings(roots=[os.path.abspath(p) for p in paths], file_roots=[], journald=False, exclude=[],
                        max_findings=10**9, **values)


def run_scan(cfg: LogsSettings, now: datetime) -> dict[str, Any]:
    """Scan this machine as the logs.pii collector would, with the catalogue's default parameters."""
    ctx = CollectContext(now=now,
        target=Target(id="local", kind=TargetKind.host, address="local"),
        params=dict(load_catalogue().parameters), settings={"logs": cfg},
        deadline=time.monotonic() + cfg.time_budget_s + 60, transport=LocalTransport(),
    )
    return LogsPiiCollector()._scan(ctx, cfg, ctx.require_transport())


def _human(data: dict[str, Any]) -> None:
    for f in sorted(data["findings"], key=lambda f: (f["path"], f["line"])):
        if not f["exempt"]:
            click.echo(f"{f['path']}:{f['line']}: {f['category']} ({f['confidence']}) {f['excerpt']}")
    for f in data["files"]:
        if f["skipped_reason"]:
            click.echo(f"{f['path']}: skipped ({f['skipped_reason']})", err=True)
    open_n = sum(data["open_counts"].values())
    mb = data["bytes_scanned"] / 1e6
    click.echo(f"{data['findings_total']} findings ({open_n} medium/high after exemptions) in "
               f"{len(data['files'])} files; {mb:.1f} MB in {data['seconds']:.2f} s", err=True)


@click.command("logs")
@click.argument("paths", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print findings, counts, bytes and seconds as JSON.")
@click.option("--evidence", is_flag=True, help="Print the full logs.pii evidence data.")
@click.option("--settings-b64", hidden=True, help="A logs config section, base64url JSON (remote runs).")
@click.option("--hmac-key-file", type=click.Path(exists=True, dir_okay=False), help="HMAC key file.")
@click.option("--byte-budget", type=click.IntRange(min=1), help="Stop after this many bytes (partial).")
@click.option("--time-budget", "time_budget_s", type=click.FloatRange(min=0.1), help="Stop after seconds.")
@click.option("--workers", type=click.IntRange(min=0), help="Worker processes (0: one per CPU).")
@click.option("--at", "at", metavar="RFC3339", help="The run's clock (default: now).")
def command(paths: tuple[str, ...], as_json: bool, evidence: bool, settings_b64: str | None, at: str | None,
            **overrides: Any) -> None:
    """Scan log files or directories (plain, rotated, .gz/.xz/.bz2) for PII.

    \b
    Examples:
      dpp-auditor logs /var/log
      dpp-auditor logs --json app.log.1 app.log.2.gz
    """
    cfg = _settings(paths, settings_b64, overrides)
    data = run_scan(cfg, run_clock(at))
    if not data["detector"]["canary_test"]["passed"] and not evidence:
        raise SelfTestFailed("PII self-test failed: the scan's result does not count (run the tests)")
    if evidence:
        click.echo(json.dumps(data, sort_keys=True))
    elif as_json:
        listed = [f for f in data["findings"] if not f["exempt"]]
        counts: dict[str, int] = {}
        for f in listed:
            counts[f["category"]] = counts.get(f["category"], 0) + 1
        click.echo(json.dumps({"findings": [{k: f[k] for k in _JSON_KEYS} for f in listed], "counts": counts,
                               "bytes_scanned": data["bytes_scanned"], "seconds": data["seconds"]}))
    else:
        _human(data)
    if data["open_counts"]:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_INCOMPLETE if data["partial"] else EXIT_CLEAN)
