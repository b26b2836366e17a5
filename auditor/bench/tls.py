"""tls.endpoint benchmark: N loopback HTTPS endpoints (one nginx, N server blocks on N ports)
scanned concurrently through the collection runner, then one by one, in the same run.

    python -m auditor.bench.tls [--endpoints 50] [--workers 16]

Prints endpoints per second for both and the ratio. Needs root and nginx (see tls_lab).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from auditor.bench import tls_lab
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.models import Evidence, Target, TargetKind

PARAMS: dict[str, Any] = {"forbidden_paths": ["/phpmyadmin", "/adminer.php", "/server-status", "/.git/HEAD",
                                              "/.env"]}


def _scan(ports: list[int], settings: dict[str, Any], workers: int) -> tuple[float, list[Evidence]]:
    spec = load_specs()["tls.endpoint"]
    units = [Unit(spec, Target(id=f"https://localhost:{p}", kind=TargetKind.endpoint,
                               address=f"https://localhost:{p}")) for p in ports]
    opts = RunnerOptions(max_workers=workers, per_target=1, params=PARAMS, settings=settings)
    start = time.perf_counter()
    evidence = run_units(units, lambda t: None, None, opts)
    return time.perf_counter() - start, evidence


def run(n: int, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="dpp-tls-bench-") as tmp:
        base = Path(tmp)
        ca = tls_lab.make_ca()
        (base / "ca.pem").write_bytes(ca.pem())
        cert, key = tls_lab.write_pair(base, "leaf", tls_lab.make_leaf(ca, ["localhost"]))
        (base / "site").mkdir()
        (base / "site" / "index.html").write_text("ok")
        ports = [tls_lab.free_port() for _ in range(n)]
        blocks = [tls_lab.tls_server_block(p, cert, key, root=base / "site") for p in ports]
        settings = {"tls": {"ca_bundle_file": str(base / "ca.pem"), "timeout_s": 10,
                            "http_port": tls_lab.free_port()}}
        with tls_lab.run_nginx(base / "nginx", blocks, [("127.0.0.1", p) for p in ports], workers=2):
            _scan(ports[:1], settings, 1)  # warm-up: imports, trust stores
            par_s, par_ev = _scan(ports, settings, workers)
            seq_s, seq_ev = _scan(ports, settings, 1)
    bad = [e for e in par_ev + seq_ev if e.status != "collected"]
    if bad:
        raise SystemExit(f"{len(bad)} endpoints failed, e.g. {bad[0].target.id}: {bad[0].error}")
    return {"endpoints": n, "parallel_s": par_s, "sequential_s": seq_s}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoints", type=int, default=50)
    ap.add_argument("--workers", type=int, default=16)
    args = ap.parse_args()
    r = run(args.endpoints, args.workers)
    n = r["endpoints"]
    print(f"{'mode':<22}{'seconds':>10}{'endpoints/s':>14}")
    label = f"parallel ({args.workers} workers)"
    print(f"{label:<22}{r['parallel_s']:>10.2f}{n / r['parallel_s']:>14.1f}")
    print(f"{'one by one':<22}{r['sequential_s']:>10.2f}{n / r['sequential_s']:>14.1f}")
    print(f"ratio parallel/sequential: {r['sequential_s'] / r['parallel_s']:.2f}x")


if __name__ == "__main__":
    main()
