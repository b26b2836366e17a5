"""The last steps of a scan, after the reports: record the run in the index, then seal it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.clock import wall_now
from auditor.models import Results, rfc3339
from auditor.store.history import RunIndex, history_url
from auditor.store.manifest import write_manifest


def finalize_run(run_dir: Path, results: Results, settings: dict[str, Any] | None, out_dir: Path) -> Path:
    """Record `results` in the run index and write the (optionally signed) manifest.

    Call once per run, after every report is written: the manifest hashes every file of
    the run directory. Returns the manifest path.
    """
    index = RunIndex(history_url(settings, out_dir))
    try:
        index.record(results, run_dir)
    finally:
        index.close()
    key = ((settings or {}).get("signing") or {}).get("key_file")
    return write_manifest(
        run_dir,
        run_id=results.meta.run_id,
        created_at=rfc3339(wall_now()),  # when the seal was made: a record
        key_file=Path(key) if key else None,
    )
