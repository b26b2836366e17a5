"""host.logfiles: mode, owner, group, size and mtime of every file and directory under /var/log.

A live host answers one `find` (through sudo: some log directories are root-only); a mounted
image is walked directly. Symbolic links are skipped (their targets are judged where they
live). The walk is bounded in depth and size, and a cut tree says so.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import run_text
from auditor.collect.host.privileged import run_privileged
from auditor.collect.host.stat import mtimes
from auditor.collect.parsers import logfiles as parser
from auditor.collect.transports.rootfs import RootfsTransport
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

ROOT = "/var/log"
MAX_DEPTH = 4
MAX_ENTRIES = 20000
FIND = [
    "find",
    ROOT,
    "-xdev",
    "-maxdepth",
    str(MAX_DEPTH),
    "(",
    "-type",
    "f",
    "-o",
    "-type",
    "d",
    ")",
    "-printf",
    parser.FIND_FORMAT.replace("\\n", "\n"),
]


class LogfilesCollector(Collector):
    id: ClassVar[str] = "host.logfiles"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        if t.stat(ROOT) is None:
            return {
                "root": ROOT,
                "present": False,
                "method": None,
                "partial_reason": None,
                "log_files": [],
                "log_dirs": [],
                "truncated": False,
            }
        if isinstance(t, RootfsTransport):
            data = self._walk(ctx, t)
        else:
            res, why = run_privileged(ctx, FIND)
            if res is None and why and not why.endswith("not installed"):
                res = run_text(ctx, FIND)  # sudo refused: what the login user can see, marked partial
            if res is None:
                raise CollectorError(ErrorKind.unsupported, "find is not installed", "install findutils")
            if res[0] != 0 and not res[1]:
                raise CollectorError(
                    ErrorKind.permission,
                    f"find {ROOT} failed: {res[2].strip()[:200]}",
                    "allow `find /var/log *` through sudo",
                )
            partial = why if why and not why.endswith("not installed") else None
            data = {**parser.parse(res[1]), "method": "find", "partial_reason": partial}
        truncated = len(data["log_files"]) + len(data["log_dirs"]) > MAX_ENTRIES
        return {
            "root": ROOT,
            "present": True,
            **data,
            "log_files": data["log_files"][:MAX_ENTRIES],
            "truncated": truncated,
        }

    @staticmethod
    def _walk(ctx: CollectContext, t: RootfsTransport) -> dict[str, Any]:
        files: list[dict[str, Any]] = []
        dirs: list[dict[str, Any]] = []
        todo = [(ROOT, 0)]
        while todo:
            directory, depth = todo.pop()
            st = t.stat(directory)
            if st is not None:
                dirs.append({"path": directory, "mode": st.mode_octal, "owner": st.owner, "group": st.group})
            for name in t.list_dir(directory) or []:
                path = f"{directory}/{name}"
                if os.path.islink(t.host_path(path, follow_last=False)):
                    continue
                entry = t.stat(path)
                if entry is None:
                    continue
                if entry.is_dir:
                    if depth + 1 <= MAX_DEPTH:
                        todo.append((path, depth + 1))
                    continue
                files.append(
                    {
                        "path": path,
                        "mode": entry.mode_octal,
                        "owner": entry.owner,
                        "group": entry.group,
                        "size": entry.size,
                    }
                )
        stamps = mtimes(ctx, [f["path"] for f in files])
        for f in files:
            f["mtime"] = stamps.get(f["path"])
        return {
            "log_files": sorted(files, key=lambda f: f["path"]),
            "log_dirs": sorted(dirs, key=lambda d: d["path"]),
            "method": "walk",
            "partial_reason": None,
        }
