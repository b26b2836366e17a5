"""Run directories: OUTDIR/<run-id>/ with evidence/, input.json, results.json and reports.

OUTDIR/latest points at the newest complete run. A run directory is created with mode
0700 because evidence may describe security weaknesses.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.fsutil import atomic_write_json

RUN_META = "run.json"


def new_run_id(started: datetime) -> str:
    """Sortable and unique: UTC timestamp plus a short random suffix."""
    return started.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@dataclass(frozen=True)
class RunDir:
    path: Path

    @property
    def evidence_dir(self) -> Path:
        return self.path / "evidence"

    @property
    def results_path(self) -> Path:
        return self.path / "results.json"

    @property
    def input_path(self) -> Path:
        return self.path / "input.json"

    @property
    def meta_path(self) -> Path:
        return self.path / RUN_META

    def write_meta(self, meta: dict[str, Any]) -> None:
        atomic_write_json(self.meta_path, meta)

    def read_meta(self) -> dict[str, Any]:
        try:
            data = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError as exc:
            raise UsageError(f"{self.meta_path}: corrupt run metadata: {exc}") from None
        return data if isinstance(data, dict) else {}


def create_run_dir(out_dir: Path, run_id: str) -> RunDir:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / run_id
    path.mkdir(mode=0o700)
    (path / "evidence").mkdir(mode=0o700)
    return RunDir(path)


def point_latest(out_dir: Path, run: RunDir) -> None:
    """Atomically repoint OUTDIR/latest at this run (relative link, survives moves)."""
    link = out_dir / "latest"
    tmp = out_dir / f".latest.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(run.path.name)
    os.replace(tmp, link)


def find_run_dir(path: Path) -> RunDir:
    """Accept RUN_DIR, RUN_DIR/evidence or RUN_DIR/results.json."""
    p = path.resolve()
    if p.name == "evidence" or p.suffix == ".json":
        p = p.parent
    if not (p / "evidence").is_dir() and not (p / "results.json").is_file():
        raise UsageError(f"{path}: not a run directory (no evidence/ or results.json)")
    return RunDir(p)
