"""ssh-stream: list files with `find`, pull each one gzip-compressed through the SSH channel
(`gzip -c`, or `cat` for files already compressed) and scan it here, block by block."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import time
from collections.abc import Callable
from typing import BinaryIO

from auditor.collect.base import CollectContext
from auditor.collect.logs.report import ScanMeta
from auditor.collect.logs.scan import VANISHED, FileEntry, FileOutcome, _matches
from auditor.errors import TransportError
from auditor.pii.context import log_class
from auditor.pii.engine import SNIFF, LineScanner, finish, scan_reader
from auditor.pii.fingerprint import Fingerprinter
from auditor.pii.settings import LogsSettings

_OPENERS: dict[str, Callable[[BinaryIO], io.BufferedIOBase]] = {
    ".gz": lambda f: gzip.GzipFile(fileobj=f),
    ".xz": lambda f: lzma.LZMAFile(f),  # noqa: SIM115
    ".bz2": lambda f: bz2.BZ2File(f),
}


def list_files(ctx: CollectContext, root: str, kind: str, cfg: LogsSettings, meta: ScanMeta
               ) -> list[FileEntry]:
    argv = ["find", root, "-xdev", "-type", "f", "-printf", "%s\\t%T@\\t%p\\n"]
    res = ctx.run(argv, sudo=True)
    if res.returncode != 0 and not res.stdout:
        meta.notes.append(f"{root}: not listed ({res.stderr.decode('utf-8', 'replace').strip()[:120]})")
        return []
    out = []
    for line in res.stdout.decode("utf-8", "replace").splitlines():
        size, mtime, path = (line.split("\t", 2) + ["", ""])[:3]
        rel = path[len(root.rstrip("/")) + 1 :] if path.startswith(root.rstrip("/") + "/") else path
        name = rel.rsplit("/", 1)[-1]
        globs = cfg.globs if kind == "log" else ["*"]
        if not size.isdigit() or not _matches(name, rel, globs) or _matches(name, rel, cfg.exclude):
            continue
        cls = "file" if kind == "file" else log_class(path, cfg.classes)
        out.append(FileEntry(path, "", int(size), float(mtime or 0), cls, kind))
    return out


def _scan_one(ctx: CollectContext, entry: FileEntry, scanner: LineScanner, deadline: float) -> FileOutcome:
    out = FileOutcome(entry)
    ext = next((e for e in _OPENERS if entry.path.endswith(e)), None)
    argv = ["cat", "--", entry.path] if ext else ["gzip", "-c", "--", entry.path]
    try:
        res = ctx.run(argv, sudo=True, timeout=max(1.0, deadline - time.time()))
    except TransportError as exc:
        out.skipped_reason, out.complete = f"unreadable: {exc.kind}", False
        return out
    if res.returncode != 0:
        if b"No such file" in res.stderr:  # deleted since `find` listed it: a note, not a gap
            out.skipped_reason = VANISHED
        else:
            out.skipped_reason, out.complete = "unreadable", False
        return out
    return scan_opened(_OPENERS[ext or ".gz"](io.BytesIO(res.stdout)), out, scanner, deadline)


def scan_opened(fh: BinaryIO | io.BufferedIOBase, out: FileOutcome, scanner: LineScanner,
                deadline: float) -> FileOutcome:
    """Scan an opened (decompressed) file into `out`: binary sniff, then the streaming engine."""
    try:
        head = fh.read(SNIFF)
        if b"\x00" in head:
            out.skipped_reason = "binary"
            return out
        pending = [head]

        def read(n: int) -> bytes:
            return pending.pop() if pending else fh.read(n)

        result = scan_reader(read, scanner, deadline=deadline)
    except (OSError, EOFError, lzma.LZMAError):
        out.skipped_reason, out.complete = "truncated", False
        return out
    out.hits, out.lines, out.complete = result.hits, result.lines, result.complete
    out.bytes = out.entry.size if result.complete else 0
    if not result.complete:
        out.skipped_reason = "time_budget"
    finish(out.hits)
    return out


def scan_remote_files(ctx: CollectContext, cfg: LogsSettings, key: bytes, deadline: float,
                      meta: ScanMeta) -> list[FileOutcome]:
    entries = [e for root in cfg.roots for e in list_files(ctx, root, "log", cfg, meta)]
    seen = {e.path for e in entries}
    entries += [e for root in cfg.file_roots for e in list_files(ctx, root, "file", cfg, meta)
                if e.path not in seen]
    scanner = LineScanner(Fingerprinter(key))
    outcomes: list[FileOutcome] = []
    used = 0
    for entry in entries:
        if used + entry.size > cfg.byte_budget:
            outcomes.append(FileOutcome(entry, skipped_reason="byte_budget", complete=False))
            continue
        if time.time() > deadline:
            outcomes.append(FileOutcome(entry, skipped_reason="time_budget", complete=False))
            continue
        used += entry.size
        outcomes.append(_scan_one(ctx, entry, scanner, deadline) if entry.size else FileOutcome(entry))
    return outcomes
