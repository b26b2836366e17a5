"""git.history benchmark: a synthetic repository (N commits by several authors, each changing a
few files, some adding fake credentials) scanned by the collector, beside the reference run of
plain `git log -p` into /dev/null on the same repository.

    python -m auditor.bench.git_history [--commits 5000] [--lines 40]

Prints commits and diff megabytes per second for both, and the collector's share of git's speed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from auditor.clock import wall_now
from auditor.collect.base import CollectContext
from auditor.collect.git.collector import _GIT, _LOG, GitHistoryCollector
from auditor.models import Target, TargetKind

_AUTHORS = [(f"Dev {i}", f"dev{i}@example.com") for i in range(8)]


def _fast_import(repo: Path, commits: int, lines: int) -> None:
    """Build the history in one `git fast-import` stream (seconds, not minutes)."""
    out: list[str] = []
    ts = 1_750_000_000
    for n in range(commits):
        name, email = _AUTHORS[n % len(_AUTHORS)]
        body = "".join(f"line {n}-{i} value={n * i}\n" for i in range(lines))
        if n % 500 == 7:
            body += "aws_key = AKIA" + f"{n:016d}"[-16:].replace("0", "Q") + "\n"
        data = body.encode()
        msg = f"change {n}\n".encode()
        out.append(
            f"commit refs/heads/main\nauthor {name} <{email}> {ts + n * 60} +0000\n"
            f"committer {name} <{email}> {ts + n * 60} +0000\ndata {len(msg)}\n"
        )
        out.append(msg.decode())
        out.append(f"M 644 inline src/module_{n % 50}.py\ndata {len(data)}\n{body}\n")
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "fast-import", "--quiet"], input="".join(out).encode(), check=True
    )


def _reference(repo: Path) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run([*_GIT, "-C", str(repo), *_LOG], capture_output=True, check=True)
    return time.perf_counter() - start, len(proc.stdout)


def _collector(repo: Path) -> tuple[float, dict]:
    ctx = CollectContext(
        now=wall_now(),  # the benchmark's data is made against the real clock
        target=Target(id="bench", kind=TargetKind.repo, address=str(repo)),
        params={},
        settings={},
        deadline=time.monotonic() + 3600,
    )
    start = time.perf_counter()
    data = GitHistoryCollector().collect(ctx)
    return time.perf_counter() - start, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DPP_AUDITOR_FINGERPRINT_KEY", "bench-key-0123456789abcdef")
    with tempfile.TemporaryDirectory(prefix="dpp-git-bench-") as tmp:
        repo = Path(tmp) / "bench.git"
        _fast_import(repo, args.commits, args.lines)
        ref_s, size = _reference(repo)
        ours_s, data = _collector(repo)
    mb = size / 1e6
    print(
        f"history: {data['commits_scanned']} commits, {mb:.1f} MB of `git log -p` output, "
        f"{len(data['secret_findings'])} secret findings"
    )
    print(f"{'':24}{'seconds':>10}{'commits/s':>12}{'MB/s':>8}")
    print(f"{'git log -p > /dev/null':24}{ref_s:>10.2f}{args.commits / ref_s:>12.0f}{mb / ref_s:>8.1f}")
    print(f"{'git.history collector':24}{ours_s:>10.2f}{args.commits / ours_s:>12.0f}{mb / ours_s:>8.1f}")
    print(f"collector / reference time: {ours_s / ref_s:.2f}x")


if __name__ == "__main__":
    main()
