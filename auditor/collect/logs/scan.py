"""Find log files under roots, plan byte ranges within the budgets, scan them on all cores.

Used by the logs.pii collector (local and rootfs targets, and remotely through
`dpp-auditor logs --evidence`) and by the `dpp-auditor logs` command.
"""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
import re
import stat
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from auditor.pii.context import log_class
from auditor.pii.engine import (
    BATCH_BYTES,
    SMALL_FILE,
    BatchResult,
    BatchTask,
    Hit,
    RangeTask,
    StreamResult,
    finish,
    rg_binary,
    scan_batch,
    scan_range,
    sniff,
)

RANGE_BYTES = 32 * 1024 * 1024  # plain files larger than this are split between workers
PARALLEL_MIN_BYTES = 16 * 1024 * 1024  # below this a process pool costs more than it saves
VANISHED = "vanished"  # deleted between listing and reading (rotation, /tmp cleaners): a note, not a gap
NOT_GAPS = frozenset({"binary", VANISHED})
ROTATED = re.compile(r"(?:\.\d+|-\d{8})(?:\.(?:gz|xz|bz2))?$|\.(?:gz|xz|bz2)$")


@dataclass
class FileEntry:
    path: str  # as the target sees it
    real: str  # where this process opens it
    size: int
    mtime: float
    log_class: str
    kind: str = "log"  # log | file (RET-6 "other files")


@dataclass
class FileOutcome:
    entry: FileEntry
    bytes: int = 0
    lines: int = 0
    hits: list[Hit] = field(default_factory=list)
    skipped_reason: str | None = None
    complete: bool = True
    cpu_s: float = 0.0
    peak_rss_mib: float = 0.0

    @property
    def partial(self) -> bool:
        """Cut short or unreadable; a binary or vanished file is skipped with a note but is not a gap."""
        return not self.complete or (self.skipped_reason is not None and self.skipped_reason not in NOT_GAPS)


def _matches(name: str, rel: str, patterns: Iterable[str]) -> bool:
    return _matcher(patterns)(name, rel)


def _matcher(patterns: Iterable[str]) -> Callable[[str, str], bool]:
    """(name, relative path) -> whether a glob matches either; one compiled regex for all globs."""
    pats = list(patterns)
    if not pats:
        return lambda name, rel: False
    if "*" in pats:
        return lambda name, rel: True
    rx = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in pats))
    return lambda name, rel: rx.match(name) is not None or rx.match(rel) is not None


# Directories that hold what package managers and tools installed, not data: skipped in file
# roots by default, counted by reason (RET-6 looks for exports and copies, not libraries).
_INSTALLED_DIRS = {"node_modules": "node_modules_dirs", "site-packages": "site_packages_dirs",
                   "dist-packages": "site_packages_dirs", ".git": "vcs_dirs", ".hg": "vcs_dirs",
                   ".svn": "vcs_dirs", ".bzr": "vcs_dirs"}


def package_owned(real_of: Callable[[str], str] = lambda p: p) -> frozenset[str]:
    """Paths dpkg says its packages installed (/var/lib/dpkg/info/*.list), as the target sees them."""
    owned: set[str] = set()
    info = real_of("/var/lib/dpkg/info")
    try:
        names = [n for n in os.listdir(info) if n.endswith(".list")]
    except OSError:
        return frozenset()
    for name in names:
        try:
            with open(os.path.join(info, name), encoding="utf-8", errors="replace") as fh:
                owned.update(line.rstrip("\n") for line in fh)
        except OSError:
            continue
    return frozenset(owned)


def discover(
    roots: Iterable[str],
    globs: list[str],
    exclude: list[str],
    *,
    kind: str = "log",
    real_of: Callable[[str], str] = lambda p: p,
    classes: dict[str, str] | None = None,
    skip_installed: bool = False,
    skipped: Counter[str] | None = None,
) -> tuple[list[FileEntry], list[str]]:
    """Regular files under each root matching a glob and no exclude; symlinks are not followed.
    With `skip_installed`, package-owned files (dpkg), virtualenvs, site-packages, node_modules
    and VCS directories are left out and counted in `skipped` by reason."""
    entries: list[FileEntry] = []
    notes: list[str] = []
    included, excluded = _matcher(globs), _matcher(exclude)
    owned = package_owned(real_of) if skip_installed else frozenset()
    counts: Counter[str] = skipped if skipped is not None else Counter()

    def add(path: str, real: str, st: os.stat_result) -> None:
        if path in owned:
            counts["package_owned_files"] += 1
            return
        cls = "file" if kind == "file" else log_class(path, classes)
        entries.append(FileEntry(path, real, st.st_size, st.st_mtime, cls, kind))

    def walk(real_dir: str, path_dir: str, rel_dir: str) -> None:
        try:
            with os.scandir(real_dir) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            notes.append(f"{path_dir}: {exc.strerror}")
            return
        if skip_installed and any(e.name == "pyvenv.cfg" for e in items):
            counts["virtualenv_dirs"] += 1
            return
        subdirs = []
        for item in items:
            name = item.name
            try:
                if item.is_dir(follow_symlinks=False):
                    subdirs.append(item)
                    continue
                if not item.is_file(follow_symlinks=False):
                    continue  # symlinks, sockets, devices
                rel = f"{rel_dir}{name}"
                if included(name, rel) and not excluded(name, rel):
                    add(f"{path_dir}/{name}", item.path, item.stat(follow_symlinks=False))
            except OSError as exc:
                notes.append(f"{path_dir}/{name}: {exc.strerror}")
        for item in subdirs:
            reason = _INSTALLED_DIRS.get(item.name) if skip_installed else None
            if reason:
                counts[reason] += 1
                continue
            walk(item.path, f"{path_dir}/{item.name}", f"{rel_dir}{item.name}/")

    for root in roots:
        real_root = real_of(root)
        try:
            st = os.lstat(real_root)
        except OSError:
            notes.append(f"{root}: not present")
            continue
        if stat.S_ISREG(st.st_mode):
            add(root, real_root, st)
        elif stat.S_ISDIR(st.st_mode) or os.path.isdir(real_root):
            walk(real_root, root.rstrip("/"), "")
        else:
            notes.append(f"{root}: not present")
    return entries, notes


Task = RangeTask | BatchTask
Planned = tuple[list[int], Task]  # the outcomes a task fills (one per path of a batch)


def _plan(outcomes: list[FileOutcome], key: bytes, byte_budget: int, deadline: float | None,
          workers: int = 1) -> list[Planned]:
    tasks: list[Planned] = []
    small: list[int] = []
    used = 0
    for i, out in enumerate(outcomes):
        e = out.entry
        if e.size == 0:
            continue
        if used + e.size > byte_budget:
            out.skipped_reason = "byte_budget"
            continue
        if e.size <= SMALL_FILE:  # read whole in a batch: sniffed there, no open here
            used += e.size
            small.append(i)
            continue
        try:
            codec, binary = sniff(e.real)
        except FileNotFoundError:
            out.skipped_reason = VANISHED
            continue
        except OSError as exc:
            out.skipped_reason = f"unreadable: {exc.strerror or type(exc).__name__}"
            continue
        if binary:
            out.skipped_reason = "binary"
            continue
        used += e.size
        # Even shares for the workers, at most RANGE_BYTES each, so one file keeps every core busy.
        step = max(1 << 20, -(-e.size // max(workers, 1)))
        if rg_binary() is None:  # a ripgrep range costs a process start: one range per worker
            step = min(RANGE_BYTES, step)
        if codec != "plain" or e.size <= step:
            tasks.append(([i], RangeTask(e.real, codec, 0, None, key, deadline)))
            continue
        for start in range(0, e.size, step):
            end = min(start + step, e.size)
            stop = None if end == e.size else end
            tasks.append(([i], RangeTask(e.real, codec, start, stop, key, deadline)))
    return tasks + _batches(outcomes, small, key, deadline, workers)


def _batches(outcomes: list[FileOutcome], small: list[int], key: bytes, deadline: float | None,
             workers: int) -> list[Planned]:
    """Small files in batches: at most BATCH_BYTES each, and one per worker when there is enough
    to share (a batch is one prefilter process and one validation pass)."""
    total = sum(outcomes[i].entry.size for i in small)
    cap = min(BATCH_BYTES, max(SMALL_FILE, -(-total // max(workers, 1))))
    out: list[Planned] = []
    group: list[int] = []
    size = 0

    def close() -> None:
        out.append((group, BatchTask(tuple(outcomes[j].entry.real for j in group), key, deadline, size)))

    for i in small:
        if group and size + outcomes[i].entry.size > cap:
            close()
            group, size = [], 0
        group.append(i)
        size += outcomes[i].entry.size
    if group:
        close()
    return out


def _guarded(task: Task) -> StreamResult | str | list[BatchResult]:
    if isinstance(task, BatchTask):
        try:
            return scan_batch(task)
        except (OSError, EOFError) as exc:  # the prefilter failed: every file of the batch is a gap
            reason = f"unreadable: {getattr(exc, 'strerror', None) or type(exc).__name__}"
            return [reason] * len(task.paths)
    if task.deadline is not None and time.monotonic() > task.deadline:
        return StreamResult([], 0, 0, False)
    try:
        return scan_range(task)
    except FileNotFoundError:  # gone since it was listed; a permission error still is a gap
        return VANISHED
    except (OSError, EOFError) as exc:  # a file rotated away or truncated under us
        return f"unreadable: {getattr(exc, 'strerror', None) or type(exc).__name__}"


def _size(task: Task) -> int:
    """The bytes a task covers (on disk: a compressed file is one task from 0)."""
    if isinstance(task, BatchTask):
        return task.size
    if task.end is not None:
        return task.end - task.start
    try:
        return max(0, os.path.getsize(task.path) - task.start)
    except OSError:  # gone: scanning it will say so
        return 0


class Progress:
    """Files and bytes done, and the rate, reported at most once per `interval_s` (and at the end)."""

    def __init__(self, report: Callable[[str], None], files: int, size: int, interval_s: float = 2.0) -> None:
        self._report, self._files_total, self._bytes_total = report, files, size
        self._interval = interval_s
        self._files = self._bytes = 0
        self._started = self._last = time.monotonic()
        self._lock = threading.Lock()
        report(f"scanning {files:,} files, {size / 1e6:,.0f} MB")

    def add(self, files: int, size: int) -> None:
        with self._lock:
            self._files += files
            self._bytes += size
            now = time.monotonic()
            if now - self._last >= self._interval:
                self._last = now
                self._report(self.line(now))

    def finish(self) -> None:
        """The last line: every file accounted for (skipped ones included)."""
        with self._lock:
            self._files = self._files_total
            self._report(self.line(time.monotonic()) + " (done)")

    def line(self, now: float) -> str:
        rate = self._bytes / 1e6 / max(now - self._started, 1e-3)
        return (f"{self._files:,}/{self._files_total:,} files, {self._bytes / 1e6:,.0f}/"
                f"{self._bytes_total / 1e6:,.0f} MB, {rate:,.0f} MB/s")


def _execute(tasks: list[Task], workers: int,
             on_done: Callable[[int], None] = lambda i: None) -> list[StreamResult | str | list[BatchResult]]:
    """Run the tasks on `workers` processes, this one included: it takes a fair share itself
    (largest first) while a pool of workers-1 takes the rest, so one result in `workers` never
    crosses a pipe (receiving a result costs ~0.05 s per 25,000 findings). `on_done(i)` is called
    as task i finishes (from a pool thread for the pool's tasks)."""

    def run(i: int) -> StreamResult | str | list[BatchResult]:
        res = _guarded(tasks[i])
        on_done(i)
        return res

    sizes = [_size(t) for t in tasks]
    if workers <= 1 or len(tasks) < 2 or sum(sizes) < PARALLEL_MIN_BYTES:
        return [run(i) for i in range(len(tasks))]
    loads = [0] * workers  # greedy bins: bin 0 is this process
    share: list[list[int]] = [[] for _ in range(workers)]
    for i in sorted(range(len(tasks)), key=lambda i: -sizes[i]):
        b = loads.index(min(loads))
        share[b].append(i)
        loads[b] += sizes[i]
    mine, theirs = share[0], [i for b in share[1:] for i in b]
    if not theirs:
        return [run(i) for i in range(len(tasks))]
    ctx: multiprocessing.context.BaseContext
    if threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")  # cheap, and workers inherit compiled patterns
    else:  # never fork a threaded process (the collect runner): a lock held elsewhere would hang
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["auditor.pii.engine"])
    results: list[StreamResult | str | list[BatchResult] | None] = [None] * len(tasks)
    with ProcessPoolExecutor(max_workers=min(workers - 1, len(theirs)), mp_context=ctx) as pool:
        futures = {i: pool.submit(_guarded, tasks[i]) for i in theirs}
        for i, fut in futures.items():
            fut.add_done_callback(lambda _f, i=i: on_done(i))  # type: ignore[misc]
        for i in mine:
            results[i] = run(i)
        for i, fut in futures.items():
            results[i] = fut.result()
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


def scan_entries(entries: list[FileEntry], key: bytes, *, byte_budget: int = 1 << 62,
                 deadline: float | None = None, workers: int = 0,
                 progress: Callable[[str], None] | None = None) -> list[FileOutcome]:
    """Scan every entry; ranges of one file are stitched back together with exact line numbers.
    `progress` gets a line now and then: files and bytes done, and the rate."""
    outcomes = [FileOutcome(e) for e in entries]
    workers = workers or os.cpu_count() or 1
    total = sum(e.size for e in entries)
    planned = _plan(outcomes, key, byte_budget, deadline, workers if total >= PARALLEL_MIN_BYTES else 1)
    tracker = Progress(progress, len(entries), total) if progress is not None else None
    on_done = _progress_hook(planned, tracker)
    results = _execute([t for _, t in planned], workers, on_done)
    for (indices, task), res in zip(planned, results, strict=True):
        if isinstance(res, list):  # a batch: one result per file
            for i, one in zip(indices, res, strict=True):
                _merge(outcomes[i], None, one)
        else:
            _merge(outcomes[indices[0]], task, res)
    for out in outcomes:
        finish(out.hits)
    if tracker is not None:
        tracker.finish()
    return outcomes


def _progress_hook(planned: list[Planned], tracker: Progress | None) -> Callable[[int], None]:
    """on_done for _execute: a task adds its bytes, and its files when it is a file's first range."""
    if tracker is None:
        return lambda k: None
    seen: set[int] = set()
    files_of = []
    for indices, _ in planned:
        files_of.append(sum(1 for j in indices if j not in seen))
        seen.update(indices)
    task_bytes = [_size(t) for _, t in planned]
    return lambda k: tracker.add(files_of[k], task_bytes[k])


def _merge(out: FileOutcome, task: Task | None, res: StreamResult | str) -> None:
    """Add a range's (or a batched whole file's, task None) result to its file's outcome."""
    if isinstance(res, str):
        # A file that vanished or is binary stays complete (its other ranges' hits still count).
        out.skipped_reason, out.complete = res, out.complete and res in NOT_GAPS
        return
    for h in res.hits:
        h.line += out.lines
    out.hits.extend(res.hits)
    out.lines += res.lines
    out.cpu_s += res.cpu_s
    out.peak_rss_mib = max(out.peak_rss_mib, res.peak_rss_mib)
    # bytes on disk, so that scanned/total compares like with like for compressed files
    if not isinstance(task, RangeTask):
        out.bytes += out.entry.size if res.complete else 0
    else:
        span = (task.end if task.end is not None else out.entry.size) - task.start
        out.bytes += span if res.complete else (res.bytes_read if task.codec == "plain" else 0)
    out.complete = out.complete and res.complete
    if not res.complete and out.skipped_reason is None:
        out.skipped_reason = "time_budget"


def is_rotated(path: str) -> bool:
    return bool(ROTATED.search(path))
