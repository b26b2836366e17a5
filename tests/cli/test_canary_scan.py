"""PII canary across every output of a full scan: files written, stdout and stderr.

A value of every DEF-1 category is planted in a scanned log; none may appear in anything
the scan writes or prints, in any format (PDF text is extracted with pdftotext).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.pii.canary import CANARY_LINES, assert_no_raw_values

FORMATS = "json,html,pdf,junit,sarif,md"


def _text_of(path: Path) -> str:
    if path.suffix == ".pdf":
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode("utf-8", "replace")
    return path.read_bytes().decode("utf-8", "replace")


def test_no_planted_value_leaks_from_a_full_scan(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "app.log").write_text("\n".join(["boot ok", *CANARY_LINES, "shutdown"]) + "\n")
    config = tmp_path / "dpp-auditor.yaml"
    config.write_text(
        "version: 1\ntargets: [local]\n"
        f"logs:\n  roots: [{logs}]\n  file_roots: []\n  journald: false\n"
    )
    out = tmp_path / "runs"
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", "-c", str(config), "-o", str(out), "-f", FORMATS],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert_no_raw_values(proc.stdout, "stdout")
    assert_no_raw_values(proc.stderr, "stderr")
    run_dir = Path(proc.stdout.strip().splitlines()[-1])
    written = [p for p in run_dir.rglob("*") if p.is_file()]
    suffixes = {p.name for p in written}
    for name in ("results.json", "input.json", "report.html", "report.pdf", "report.sarif", "report.md"):
        assert name in suffixes, name
    for path in written:
        assert_no_raw_values(_text_of(path), str(path.relative_to(run_dir)))
    # The scan did find them: LOG-4 fails with redacted findings rather than passing by omission.
    results = (run_dir / "results.json").read_text()
    assert '"id": "LOG-4"' in results and "logs.pii" in results
    # The report counts them per file and category, still without a value.
    report = (run_dir / "report.html").read_text()
    row = report.split(f'<td class="mono">{logs / "app.log"}</td>', 1)[1].split("</tr>", 1)[0]
    for category in ("email 1", "payment 1", "phone 1", "ip_address 1", "postal_address 2"):
        assert category in row, (category, row)
