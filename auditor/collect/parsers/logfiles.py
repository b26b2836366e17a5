"""`find /var/log ... -printf '%m %u %g %s %T@ %y %p\\n'` -> log files and directories."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

FIND_FORMAT = "%m %u %g %s %T@ %y %p\\n"


def parse(output: str, command: str = "find /var/log") -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    dirs: list[dict[str, Any]] = []
    for line in output.splitlines():
        parts = line.split(" ", 6)
        if len(parts) < 7 or not parts[0].isdigit():
            continue
        mode, owner, group, size, stamp, kind, path = parts
        entry: dict[str, Any] = {"path": path, "mode": f"{int(mode, 8):04o}", "owner": owner, "group": group}
        if kind == "d":
            dirs.append(entry)
        elif kind == "f":
            mtime = datetime.fromtimestamp(int(float(stamp)), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            files.append({**entry, "size": int(size), "mtime": mtime})
    return {
        "log_files": sorted(files, key=lambda f: f["path"]),
        "log_dirs": sorted(dirs, key=lambda d: d["path"]),
    }
