"""journald through `journalctl -o json`: each entry's MESSAGE is one record, classed by its unit."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import datetime

from auditor.collect.logs.scan import FileEntry, FileOutcome
from auditor.pii.context import journal_class
from auditor.pii.engine import Hit, LineScanner, finish
from auditor.pii.fingerprint import Fingerprinter

COMMAND = ["journalctl", "-o", "json", "--no-pager"]


def _message(entry: dict[str, object]) -> str:
    msg = entry.get("MESSAGE")
    if isinstance(msg, list):  # journald exports non-UTF-8 messages as byte arrays
        return bytes(b for b in msg if isinstance(b, int) and 0 <= b < 256).decode("utf-8", "replace")
    return msg if isinstance(msg, str) else ""


def scan_journal(lines: Iterable[bytes], key: bytes, *, deadline: float | None, byte_budget: int,
                 now: datetime) -> tuple[list[FileOutcome], bool]:
    """Scan exported entries; returns one outcome per log class and whether the journal was finished."""
    scanner = LineScanner(Fingerprinter(key))
    per_class: dict[str, FileOutcome] = {}
    total, n, complete = 0, 0, True
    for raw in lines:
        total += len(raw)
        if total > byte_budget or (deadline is not None and time.monotonic() > deadline):
            complete = False
            break
        n += 1
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        unit = str(entry.get("_SYSTEMD_UNIT") or entry.get("SYSLOG_IDENTIFIER") or "")
        cls = journal_class(unit)
        out = per_class.get(cls)
        if out is None:
            out = per_class[cls] = FileOutcome(FileEntry(f"journald:{cls}", "", 0, now.timestamp(), cls))
        out.entry.size += len(raw)
        out.bytes += len(raw)
        out.lines += 1
        text = _message(entry)
        if text:
            hits: list[Hit] = []
            scanner.scan_block(text.replace("\n", " ").encode("utf-8", "replace") + b"\n", n, hits)
            out.hits.extend(hits)
    for out in per_class.values():
        out.complete = complete
        out.skipped_reason = None if complete else "budget"
        finish(out.hits)
    return sorted(per_class.values(), key=lambda o: o.entry.path), complete
