"""A scan through the CLI prints the logs unit's progress (files, bytes, rate) on stderr, and
the starter configuration documents file roots without scanning them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from auditor.starter import starter_config
from tests.pii.canary import CANARY_LINES


def test_scan_prints_logs_progress_and_scans_no_file_roots_by_default(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    for i in range(30):
        (logs / f"job{i}.log").write_text(CANARY_LINES[i % len(CANARY_LINES)] + "\n")
    config = (
        starter_config().replace("# logs:", "logs:", 1).replace("#   roots: [/var/log]", f"  roots: [{logs}]")
    )
    (tmp_path / "dpp.yaml").write_text(config)
    exe = Path(sys.executable).with_name("dpp-auditor")
    proc = subprocess.run(
        [str(exe), "scan", "-c", "dpp.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    progress = [ln for ln in proc.stderr.splitlines() if ln.startswith("  logs.pii local: ")]
    assert progress[0].endswith("scanning 30 files, 0 MB"), progress
    assert progress[-1].startswith("  logs.pii local: 30/30 files, ") and progress[-1].endswith("(done)")
    assert "file_roots: [/tmp, /var/tmp, /var/www, /srv, /home]" in starter_config()
    evidence = tmp_path / "runs" / "latest" / "evidence" / "logs.pii" / "local.json"
    scope = json.loads(evidence.read_text())["data"]["scope"]
    assert scope["file_roots"] == [] and scope["roots"] == [str(logs)]
