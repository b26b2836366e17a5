"""Fleet benchmark: real host collectors over SSH against 1, 10 and 50 loopback sshd hosts,
each behind a latency proxy (50 ms round trip by default: loopback alone has no latency).

    python -m auditor.bench.fleet [--sizes 1,10,50] [--rtt-ms 50] [--collectors host.sshd,...]

By default the host.* configuration collectors run (host.packages aside: apt's dependency
solver costs seconds of CPU per host and would measure apt, not the fleet machinery).

Each size runs through the runner twice in the same invocation: concurrently (the ssh
section's default limits: one connection per host, per-host and global unit limits) and
sequentially (one unit at a time) as the reference. Prints units/s, the speed-up over the
sequential run and each size's time relative to one host (goal: 50 hosts <= 3x one host).
Each host is its own sshd in a private mount namespace that hides this machine's
/root/.bashrc (a pyenv init there costs 0.4 s per command). Needs root and
openssh-server; every sshd is stopped on exit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.bench.sshd_lab import SshdLab
from auditor.collect.runner import RunnerOptions, Unit, run_units
from auditor.collect.specs import load_specs
from auditor.collect.transports.factory import transport_for
from auditor.collect.transports.ssh_settings import SshSettings, runner_limits
from auditor.models import Evidence, Target, TargetKind

# Seconds of CPU per host, on the host: apt/dnf dependency solving and whole log trees measure
# the package manager and the disk, not the fleet machinery; they have their own benchmarks.
_HEAVY = frozenset({"host.packages", "logs.pii"})


def ssh_host_collectors() -> list[str]:
    """The host.* configuration collectors that reach hosts over SSH."""
    return sorted(s.id for s in load_specs().values()
                  if s.id.startswith("host.") and s.id not in _HEAVY
                  and TargetKind.host in s.target_kinds and "ssh" in s.transports)


@dataclass
class Timing:
    hosts: int
    units: int
    seconds: float
    failed: int
    client_cpu: float = 0.0  # this process
    server_cpu: float = 0.0  # the sshd instances, their sessions and the commands run

    @property
    def rate(self) -> float:
        return self.units / self.seconds if self.seconds else 0.0


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _cpu_servers(lab: SshdLab) -> float:
    """utime+stime+cutime+cstime of every sshd listener (sessions are reaped children)."""
    ticks = 0
    for host in lab.hosts:
        assert host.proc is not None
        try:
            fields = Path(f"/proc/{host.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(v) for v in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _collect(targets: list[Target], collectors: list[str], settings: dict[str, Any],
             workers: int, per_target: int) -> tuple[float, list[Evidence]]:
    specs = load_specs()
    units = [Unit(specs[c], t) for t in targets for c in collectors]
    opts = RunnerOptions(max_workers=workers, per_target=per_target, settings=settings)
    started = time.perf_counter()
    evidence = run_units(units, lambda t: transport_for(t, settings), None, opts)
    return time.perf_counter() - started, evidence


def _measure(lab: SshdLab, n: int, collectors: list[str], settings: dict[str, Any],
             sequential: bool, addresses: dict[str, str]) -> Timing:
    hosts = lab.hosts[:n]
    client0, server0 = _cpu_self(), _cpu_servers(lab)
    targets = [Target(id=h.name, kind=TargetKind.host, address=addresses[h.name]) for h in hosts]
    if sequential:
        seconds, evidence = _collect(targets, collectors, settings, 1, 1)
    else:
        workers, per_target = runner_limits(SshSettings.model_validate(settings["ssh"]))
        seconds, evidence = _collect(targets, collectors, settings, workers, per_target)
    time.sleep(0.3)  # let the listeners reap the closed sessions before reading their CPU
    failed = [e for e in evidence if e.status != "collected"]
    for ev in failed[:3]:
        print(f"  {ev.collector} {ev.target.id}: {ev.status} {ev.error}", file=sys.stderr)
    for name in sorted({ev.target.id for ev in failed}):
        log = next(h.directory for h in hosts if h.name == name) / "sshd.log"
        print(f"  {name} sshd log: {log.read_text(errors='replace')[-600:]}", file=sys.stderr)
    return Timing(n, len(evidence), seconds, len(failed), _cpu_self() - client0, _cpu_servers(lab) - server0)


def _behind_proxy(lab: SshdLab, delay_ms: float, stack: contextlib.ExitStack) -> dict[str, str]:
    """Every host behind one latency proxy process (auditor.bench.latency_proxy); known_hosts
    names the proxy's ports. {host name: ssh address}."""
    if delay_ms <= 0:
        lab.trust(lab.hosts)
        return {h.name: h.address for h in lab.hosts}
    proc = subprocess.Popen([sys.executable, "-m", "auditor.bench.latency_proxy", "-", str(delay_ms),
                             *(f"127.0.0.1:{h.port}" for h in lab.hosts)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    stack.callback(proc.wait)  # callbacks run last-in first-out: kill, then reap
    stack.callback(proc.kill)
    assert proc.stdout is not None
    ready = proc.stdout.readline().split()
    if not ready or ready[0] != "ready":
        raise RuntimeError("the latency proxy did not start")
    pairs = list(zip(lab.hosts, (int(p) for p in ready[1:]), strict=True))
    lab.known_hosts.write_text("".join(h.host_key_line.replace(f"]:{h.port} ", f"]:{p} ", 1) + "\n"
                                       for h, p in pairs))
    return {h.name: f"ssh://root@127.0.0.1:{p}" for h, p in pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--collectors", default="", help="comma-separated ids (default: host.*)")
    parser.add_argument("--rtt-ms", type=float, default=50.0,
                        help="round trip the latency proxy adds between the auditor and each host (0: none)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on TERM too
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    collectors = [c for c in args.collectors.split(",") if c] or ssh_host_collectors()
    with tempfile.TemporaryDirectory(prefix="dpp-bench-fleet-") as tmp, SshdLab(Path(tmp)) as lab, \
            contextlib.ExitStack() as stack:
        Path(tmp).chmod(0o755)
        started = time.perf_counter()
        for i in range(max(sizes)):
            lab.prepare(f"host{i:03d}", binds=lab.stock_root_profile())
        lab.wait_ready(lab.hosts)
        addresses = _behind_proxy(lab, args.rtt_ms / 2, stack)
        print(f"started {len(lab.hosts)} sshd on loopback in {time.perf_counter() - started:.1f}s, "
              f"{args.rtt_ms:.0f} ms RTT through the latency proxy; "
              f"collectors: {', '.join(collectors)}; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}")
        settings = {"ssh": {"identity_file": str(lab.client_key), "known_hosts_file": str(lab.known_hosts),
                            "ssh_config_file": str(Path(tmp) / "empty_ssh_config")}}
        (Path(tmp) / "empty_ssh_config").write_text("")
        _measure(lab, 1, collectors, settings, False, addresses)  # warm imports and caches
        rows = [(_measure(lab, n, collectors, settings, False, addresses),
                 _measure(lab, n, collectors, settings, True, addresses)) for n in sizes]
    _print(rows)
    return 1 if any(c.failed or s.failed for c, s in rows) else 0


def _print(rows: list[tuple[Timing, Timing]]) -> None:
    base = rows[0][0].seconds
    print(f"{'hosts':>5} {'units':>5} | {'concurrent s':>12} {'units/s':>8} | {'sequential s':>12} "
          f"{'units/s':>8} | {'speed-up':>8} | {'time vs 1 host':>14}")
    for conc, seq in rows:
        print(f"{conc.hosts:>5} {conc.units:>5} | {conc.seconds:>12.2f} {conc.rate:>8.1f} | "
              f"{seq.seconds:>12.2f} {seq.rate:>8.1f} | {seq.seconds / conc.seconds:>7.1f}x | "
              f"{conc.seconds / base:>13.1f}x")
        print(f"      CPU per host: auditor {conc.client_cpu / conc.hosts:.3f}s, "
              f"simulated hosts {conc.server_cpu / conc.hosts:.3f}s")
        if conc.failed or seq.failed:
            print(f"      failed units: concurrent {conc.failed}, sequential {seq.failed}")


if __name__ == "__main__":
    raise SystemExit(main())
