"""Report benchmark: render a synthetic N-host run (HTML + PDF); time and peak memory.

Targets for 500 hosts (issue #17): PDF in at most 60 s wall, peak memory at most 500 MiB.

    python -m auditor.bench.report [--hosts 500] [--reference 50]

Each size runs in a fresh process so that peak RSS belongs to that render alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PDF_TARGET_S = 60
PEAK_TARGET_MIB = 500


def _one(n_hosts: int) -> dict[str, float]:
    from auditor.render.base import render_bytes
    from auditor.render.synthetic import synthetic_context

    with tempfile.TemporaryDirectory() as tmp:
        ctx = synthetic_context(Path(tmp), n_hosts)
        findings = sum(len(c.findings) for c in ctx.results.clauses)
        t0 = time.perf_counter()
        html = render_bytes(ctx, "html")
        t1 = time.perf_counter()
        pdf = render_bytes(ctx, "pdf")
        t2 = time.perf_counter()
        pdf_path = Path(tmp) / "report.pdf"
        pdf_path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib = usage.ru_maxrss  # KiB on Linux
    pages = next((int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:")), 0)
    return {
        "hosts": n_hosts,
        "findings": findings,
        "evidence": len(ctx.evidence),
        "html_s": t1 - t0,
        "pdf_s": t2 - t1,
        "html_kib": len(html) / 1024,
        "pdf_kib": len(pdf) / 1024,
        "pages": pages,
        "peak_mib": peak_kib / 1024,
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }


def _measure(n_hosts: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "auditor.bench.report", "--one", str(n_hosts)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hosts", type=int, default=500)
    ap.add_argument("--reference", type=int, default=50)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(_one(args.one)))
        return
    ref, big = _measure(args.reference), _measure(args.hosts)
    rows = (
        "hosts",
        "findings",
        "evidence",
        "html_s",
        "pdf_s",
        "cpu_s",
        "pages",
        "html_kib",
        "pdf_kib",
        "peak_mib",
    )
    print(f"{'metric':<10} {'reference':>12} {'run':>12} {'ratio':>8}")
    for key in rows:
        ratio = big[key] / ref[key] if ref[key] else float("nan")
        print(f"{key:<10} {ref[key]:>12.2f} {big[key]:>12.2f} {ratio:>8.2f}")
    ratio = big["pdf_s"] / big["html_s"] if big["html_s"] else float("nan")
    print(f"pdf/html: the PDF took {ratio:.1f} times the HTML render in the same run")
    verdict = "met" if big["pdf_s"] <= PDF_TARGET_S and big["peak_mib"] <= PEAK_TARGET_MIB else "MISSED"
    print(
        f"target ({big['hosts']:.0f} hosts): PDF {big['pdf_s']:.1f} s (<= {PDF_TARGET_S} s), "
        f"peak {big['peak_mib']:.0f} MiB (<= {PEAK_TARGET_MIB} MiB): {verdict}"
    )
    total = big["html_s"] + big["pdf_s"]
    print(
        f"throughput: {big['hosts'] / total:.1f} hosts/s, "
        f"{big['findings'] / total:.0f} findings/s (HTML + PDF)"
    )
    print("wall times depend on machine load; cpu_s is the process's CPU time (whole process, incl. set-up)")


if __name__ == "__main__":
    main()
