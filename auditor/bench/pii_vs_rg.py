"""PII scan against ripgrep, side by side in one run: one large file, a tree of small files and a
dense access log.

    python -m auditor.bench.pii_vs_rg [--large 256MiB] [--files 4000] [--file-size 8KiB] [--dense 64MiB]

ripgrep runs with its default engine and the detectors' own patterns (`rg -n -o`, output read
and counted: ripgrep short-circuits /dev/null), on every core as it does by default. Ours is the
full scan (discovery, prefilter, validation, redaction, fingerprints) on every core, timed in
process (interpreter start-up excluded; it is ~0.3 s, paid once per run). The page cache is
warmed for both first. Prints MB/s of each and the ratio (ours / ripgrep's throughput).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from auditor.bench.pii import Values, _size, generate, run_rg


def _cpu() -> float:
    """CPU seconds of this process and its reaped children (ripgrep, pool workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_ours(target: Path, workers: int) -> tuple[float, float, int]:
    """(wall s, CPU s, findings) of discovery and the scan."""
    from auditor.collect.logs.scan import discover, scan_entries

    t0, c0 = time.perf_counter(), _cpu()
    entries, _ = discover([str(target)], ["*"], [])
    outcomes = scan_entries(entries, os.urandom(32), workers=workers)
    return time.perf_counter() - t0, _cpu() - c0, sum(len(o.hits) for o in outcomes)


def make_tree(root: Path, files: int, file_size: int) -> None:
    """`files` files of about `file_size` bytes in 100-file directories, cut from one corpus."""
    source = root.parent / "tree-source.log"
    generate(source, files * file_size + (1 << 20), 0.01, 0.05, seed=11)
    with open(source, "rb") as fh:
        for i in range(files):
            chunk = fh.read(file_size)
            chunk += fh.readline()  # whole lines only
            d = root / f"jobs{i // 100:03d}"
            d.mkdir(parents=True, exist_ok=True)
            (d / f"job-{i}.log").write_bytes(chunk)
    source.unlink()


def make_dense_access_log(path: Path, size: int) -> None:
    """Every line a browser request from a public address; a third carry an e-mail in the query.
    Clients come back, as on a real shop: 20,000 addresses and 5,000 e-mails (each distinct value
    is redacted and fingerprinted once; a distinct value per line costs ~3x more)."""
    r = random.Random(5)
    val = Values(r)
    clients = [val.ipv4() for _ in range(20000)]
    emails = [val.email().replace("@", "%40") for _ in range(5000)]
    agents = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    ]
    written = 0
    with open(path, "w") as fh:
        while written < size:
            rows = []
            for _ in range(2000):
                query = f"?email={r.choice(emails)}&step=2" if r.random() < 0.33 else "?page=2"
                rows.append(
                    f"{r.choice(clients)} - - [08/Dec/2026:04:{r.randint(10, 59)}:{r.randint(10, 59)} +0000] "
                    f'"GET /checkout{query} HTTP/1.1" 200 {r.randint(100, 9000)} "-" "{r.choice(agents)}"'
                )
            chunk = "\n".join(rows) + "\n"
            fh.write(chunk)
            written += len(chunk)


def bytes_under(target: Path) -> int:
    if target.is_file():
        return target.stat().st_size
    return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--large", type=_size, default=256 << 20)
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--file-size", type=_size, default=8 << 10)
    ap.add_argument("--dense", type=_size, default=64 << 20)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dpp-pii-vs-rg-") as tmp:
        base = Path(tmp)
        t0 = time.perf_counter()
        cases = [
            ("one large file", base / "large.log"),
            (f"{args.files} small files", base / "tree"),
            ("dense access log", base / "access.log"),
        ]
        generate(cases[0][1], args.large, 0.01, 0.05)
        make_tree(cases[1][1], args.files, args.file_size)
        make_dense_access_log(cases[2][1], args.dense)
        print(
            f"corpora generated in {time.perf_counter() - t0:.0f} s; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs (other processes share them); ours on {args.workers} workers"
        )
        print(f"{'case':18} {'MB':>7} {'rg MB/s':>9} {'ours MB/s':>10} {'ratio':>6} {'CPU ratio':>9}  "
              f"{'rg matches':>10} {'findings':>9}")
        for name, target in cases:
            mb = bytes_under(target) / 1e6
            run_rg(target)  # warm the page cache
            rg_s, rg_cpu, rg_n, _ = run_rg(target)
            ours_s, ours_cpu, ours_n = run_ours(target, args.workers)
            print(f"{name:18} {mb:7.1f} {mb / rg_s:9.1f} {mb / ours_s:10.1f} {rg_s / ours_s:6.2f} "
                  f"{rg_cpu / ours_cpu:9.2f}  {rg_n:10d} {ours_n:9d}", flush=True)
        print("ratio: ours / ripgrep throughput, wall clock (target >= 0.5 on the large file and the tree);\n"
              "CPU ratio: the same per CPU second (what an idle machine shows when both use every core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
