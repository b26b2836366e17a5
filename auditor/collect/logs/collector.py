"""logs.pii: PII in logs and other files of a host, scanned where the logs are.

local and rootfs: files are opened directly (rootfs paths resolved inside the image) and scanned
on all cores. ssh: `dpp-auditor logs --evidence` runs on the host when installed there
(method remote-command), else each file is streamed gzip-compressed through the SSH channel and
scanned here (method ssh-stream). Evidence holds redacted excerpts and keyed fingerprints only.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import time
from collections.abc import Iterator
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector, Transport
from auditor.collect.logs import journal, remote_tar
from auditor.collect.logs.report import ScanMeta, build, default_exemptions
from auditor.collect.logs.scan import FileEntry, FileOutcome, discover, scan_entries
from auditor.collect.logs.stream import scan_remote_files
from auditor.collect.transports.local import command_env
from auditor.errors import CollectorError
from auditor.models import ErrorKind, FileProvenance, TargetKind
from auditor.pii.fingerprint import Fingerprinter, load_or_create_key
from auditor.pii.selftest import run_selftest
from auditor.pii.settings import LogsSettings

_MARGIN_S = 15.0  # left for evaluation and writing after the scan


def settings_of(ctx: CollectContext) -> LogsSettings:
    raw = ctx.settings.get("logs") or {}
    return raw if isinstance(raw, LogsSettings) else LogsSettings.model_validate(raw)


class LogsPiiCollector(Collector):
    id: ClassVar[str] = "logs.pii"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        cfg = settings_of(ctx)
        transport = ctx.require_transport()
        if transport.name == "ssh":
            remote = cfg.remote_method != "stream" and transport.which("dpp-auditor") is not None
            if remote:
                return self._remote_command(ctx, cfg)
            if cfg.remote_method == "remote":
                raise CollectorError(ErrorKind.unsupported, "dpp-auditor is not installed on the host",
                                     hint="install it there or set logs.remote_method: stream")
        return self._scan(ctx, cfg, transport)

    def _scan(self, ctx: CollectContext, cfg: LogsSettings, transport: Transport) -> dict[str, Any]:
        started = time.monotonic()
        selftest = run_selftest()
        fp_key = load_or_create_key(cfg.hmac_key_file)
        deadline = time.time() + max(1.0, min(cfg.time_budget_s, ctx.remaining() - _MARGIN_S))
        exemptions = cfg.exemptions if cfg.exemptions is not None else default_exemptions(ctx.params)
        streamed = transport.name == "ssh" or cfg.remote_method == "stream"
        meta = ScanMeta(method="ssh-stream" if streamed else transport.name, roots=cfg.roots,
                        file_roots=cfg.file_roots, globs=cfg.globs, exclude=cfg.exclude,
                        label_spool_dirs=cfg.label_spool_dirs, hmac_key_id=Fingerprinter(fp_key).key_id)
        if streamed and remote_tar.available(ctx):  # one channel for every root (#14)
            outcomes = remote_tar.scan_tar_stream(ctx, cfg, fp_key, deadline, meta)
        elif streamed:
            outcomes = scan_remote_files(ctx, cfg, fp_key, deadline, meta)
        else:
            outcomes = self._scan_files(transport, cfg, fp_key, deadline, meta)
        budget_left = cfg.byte_budget - sum(o.bytes for o in outcomes)
        outcomes += self._journal(ctx, cfg, transport, fp_key, deadline, budget_left, meta)
        for out in outcomes[:500]:
            if out.entry.real or streamed:
                ctx.provenance.files.append(FileProvenance(path=out.entry.path))
        return build(outcomes, selftest=selftest, exemptions=exemptions, meta=meta,
                     seconds=time.monotonic() - started, max_findings=cfg.max_findings)

    @staticmethod
    def _scan_files(transport: Transport, cfg: LogsSettings, key: bytes, deadline: float,
                    meta: ScanMeta) -> list[FileOutcome]:
        real_of = (lambda p: str(transport.host_path(p))) if transport.name == "rootfs" else (  # type: ignore[attr-defined]
            lambda p: p)
        logs, notes = discover(cfg.roots, cfg.globs, cfg.exclude, real_of=real_of, classes=cfg.classes)
        files, notes2 = discover(cfg.file_roots, ["*"], cfg.exclude, kind="file", real_of=real_of)
        meta.notes += notes + notes2
        seen = {e.path for e in logs}
        entries: list[FileEntry] = logs + [e for e in files if e.path not in seen]
        return scan_entries(entries, key, byte_budget=cfg.byte_budget, deadline=deadline, workers=cfg.workers)

    @staticmethod
    def _journal(ctx: CollectContext, cfg: LogsSettings, transport: Transport, key: bytes, deadline: float,
                 budget: int, meta: ScanMeta) -> list[FileOutcome]:
        if not cfg.journald:
            meta.journald = {"scanned": False, "reason": "disabled in logs.journald"}
            return []
        if not transport.can_run_commands() or transport.which("journalctl") is None:
            meta.journald = {"scanned": False, "reason": "journalctl is not available on the target"}
            return []
        if transport.name == "local":
            outcomes, done = journal.scan_journal(_local_journal(ctx), key, deadline=deadline,
                                                  byte_budget=max(budget, 0))
        else:
            res = ctx.run(journal.COMMAND, sudo=True, timeout=max(1.0, deadline - time.time()))
            outcomes, done = journal.scan_journal(io.BytesIO(res.stdout), key, deadline=deadline,
                                                  byte_budget=max(budget, 0))
        meta.journald = {"scanned": True, "complete": done,
                         "entries": sum(o.lines for o in outcomes)}
        if not done:
            meta.budget_reason = "journal_budget"
        return outcomes

    @staticmethod
    def _remote_command(ctx: CollectContext, cfg: LogsSettings) -> dict[str, Any]:
        remote_cfg = cfg.model_dump(mode="json", exclude={"hmac_key_file"})
        if cfg.exemptions is None:  # the controller's parameters, not the remote catalogue's defaults
            remote_cfg["exemptions"] = [e.model_dump() for e in default_exemptions(ctx.params)]
        remote_cfg["time_budget_s"] = max(1.0, min(cfg.time_budget_s, ctx.remaining() - _MARGIN_S))
        payload = base64.urlsafe_b64encode(json.dumps(remote_cfg).encode()).decode().rstrip("=")
        argv = ["dpp-auditor", "logs", "--evidence", "--settings-b64", payload]
        res = ctx.run(argv, sudo=True)
        if res.returncode not in (0, 1):
            raise CollectorError(ErrorKind.bug, f"remote dpp-auditor logs exited {res.returncode}",
                                 hint="run `dpp-auditor logs --evidence` on the host to see why")
        try:
            data: dict[str, Any] = json.loads(res.stdout)
        except ValueError as exc:
            raise CollectorError(ErrorKind.parse, "remote dpp-auditor logs printed no JSON") from exc
        data["method"] = "remote-command"
        return data


def _local_journal(ctx: CollectContext) -> Iterator[bytes]:
    """Stream journalctl's output line by line (the whole journal never sits in memory)."""
    ctx.provenance.commands.append(" ".join(journal.COMMAND))
    proc = subprocess.Popen(journal.COMMAND, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=command_env())
    assert proc.stdout is not None
    try:
        yield from proc.stdout
    finally:
        proc.kill()
        proc.wait()

