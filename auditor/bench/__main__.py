"""`make bench`: run every benchmark in turn, each in its own process (peak memory is its own).

    python -m auditor.bench                # all, default sizes
    python -m auditor.bench fleet pii      # a selection
"""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS: dict[str, list[str]] = {
    "engine": ["--hosts", "1000"],
    "fleet": ["--sizes", "1,10,50"],
    "tls": ["--endpoints", "50"],
    "pii": ["--size", "1GiB"],
    "pii_foreign": ["--size", "256MiB"],
    "pii_vs_rg": ["--large", "256MiB", "--files", "4000", "--dense", "64MiB"],
    "database": ["--rows", "100000"],
    "git_history": ["--commits", "5000"],
    "report": ["--hosts", "500", "--reference", "50"],
    "mutation": [],  # every fixture's evidence damaged field by field; exit 1 on a silent pass
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    failed = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", f"auditor.bench.{name}", *BENCHMARKS[name]], check=False)
        print(f"=== {name}: exit {proc.returncode} in {time.monotonic() - started:.0f} s", flush=True)
        if proc.returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
