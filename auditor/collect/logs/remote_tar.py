"""ssh-tar-stream: every log and file root of a host in ONE remote channel, scanned here as it
arrives.

The per-file method (stream.py) costs one exec per file (each paying the login shell's start-up)
and holds each file in memory; 10,000 files ran out of budget. Here one `tar -cf -` of all roots
streams through one SSH channel; tarfile reads it member by member in 1 MiB blocks and each
member is scanned with the PII engine's streaming reader, so memory stays bounded whatever the
sizes. Filtering (globs, exclude, classes) and the byte and time budgets apply here; stopping
early closes the channel, which ends the remote tar.

Raw file contents cross the network (to this process only, never to disk). Channels per host:
this one, plus the transport's one-off command lookup and, if enabled, the journal.
"""

from __future__ import annotations

import tarfile
import time
from typing import Any

from auditor.collect.base import CollectContext
from auditor.collect.logs.report import ScanMeta
from auditor.collect.logs.scan import FileEntry, FileOutcome, _matches
from auditor.collect.logs.stream import _OPENERS, scan_opened
from auditor.pii.context import log_class
from auditor.pii.engine import LineScanner
from auditor.pii.fingerprint import Fingerprinter
from auditor.pii.settings import LogsSettings

METHOD = "ssh-tar-stream"
# After `--` every argument is a path: the allow-list's "..." cannot smuggle in tar options.
TAR = ["tar", "--one-file-system", "--ignore-failed-read", "-cf", "-", "--"]
_BLOCK = 1 << 20  # tarfile's read size: few, large reads from the channel


def available(ctx: CollectContext) -> bool:
    transport = ctx.require_transport()
    return hasattr(transport, "stream") and transport.which("tar") is not None


def _entry(path: str, size: int, mtime: float, roots: list[tuple[str, str]],
           cfg: LogsSettings) -> FileEntry | None:
    for root, kind in roots:
        base = root.rstrip("/")
        if not path.startswith(base + "/"):
            continue
        rel = path[len(base) + 1:]
        name = rel.rsplit("/", 1)[-1]
        globs = cfg.globs if kind == "log" else ["*"]
        if not _matches(name, rel, globs) or _matches(name, rel, cfg.exclude):
            return None
        cls = "file" if kind == "file" else log_class(path, cfg.classes)
        return FileEntry(path, "", size, mtime, cls, kind)
    return None


def _scan_member(fh: Any, entry: FileEntry, scanner: LineScanner, deadline: float) -> FileOutcome:
    ext = next((e for e in _OPENERS if entry.path.endswith(e)), None)
    try:
        return scan_opened(_OPENERS[ext](fh) if ext else fh, FileOutcome(entry), scanner, deadline)
    except tarfile.TarError as exc:  # the stream broke inside this member
        return FileOutcome(entry, skipped_reason=f"truncated: {type(exc).__name__}", complete=False)


def scan_tar_stream(ctx: CollectContext, cfg: LogsSettings, key: bytes, deadline: float,
                    meta: ScanMeta) -> list[FileOutcome]:
    roots = [(r, "log") for r in cfg.roots] + [(r, "file") for r in cfg.file_roots if r not in cfg.roots]
    argv = [*TAR, *(r for r, _ in roots)]
    transport: Any = ctx.require_transport()
    scanner = LineScanner(Fingerprinter(key))
    outcomes: list[FileOutcome] = []
    seen: set[str] = set()
    used = 0
    stopped = False
    meta.method = METHOD
    with transport.stream(argv, max(1.0, deadline - time.time()), sudo=True) as reader, \
            tarfile.open(fileobj=reader, mode="r|", bufsize=_BLOCK) as tar:
        ctx.provenance.commands.append("sudo " + " ".join(argv))
        for member in tar:
            if not member.isfile():
                continue
            path = "/" + member.name.lstrip("/")
            entry = _entry(path, member.size, float(member.mtime), roots, cfg)
            if entry is None or path in seen:
                continue
            seen.add(path)
            if time.time() > deadline:
                outcomes.append(FileOutcome(entry, skipped_reason="time_budget", complete=False))
                meta.notes.append("the stream stopped at the time budget: later files were not listed")
                stopped = True
                break
            if used + entry.size > cfg.byte_budget:
                outcomes.append(FileOutcome(entry, skipped_reason="byte_budget", complete=False))
                continue
            used += entry.size
            fh = tar.extractfile(member)
            outcomes.append(_scan_member(fh, entry, scanner, deadline) if fh and entry.size
                            else FileOutcome(entry))
        while not stopped and reader.read(_BLOCK):  # tar's end padding, then its exit status
            pass
    if reader.eof and reader.returncode not in (0, 1):  # 1: a file changed while tar read it
        meta.notes.append(f"tar exited {reader.returncode}: "
                          f"{reader.stderr.decode('utf-8', 'replace').strip()[:200]}")
        outcomes.append(FileOutcome(FileEntry("(tar stream)", "", 0, 0.0, "file", "file"),
                                    skipped_reason="unreadable", complete=False))
    return outcomes
