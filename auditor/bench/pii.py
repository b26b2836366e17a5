"""PII scanner benchmark: a ground-truth corpus, our scan against ripgrep on the same file.

    python -m auditor.bench.pii [--size 1GiB] [--density 0.01] [--bait 0.05] [--keep PATH]

Generates nginx access, JSON application and syslog/auth lines; a `density` share of lines
carries PII of known categories, a `bait` share carries look-alikes (UUIDs, hashes, version
numbers, non-Luhn 16-digit numbers, order ids without context, timestamps, ratios). Clean web
lines come from probes and proxies (private addresses, non-browser agents), as behind a load
balancer. Prints MB/s of `rg -n -o` with the detectors' own pattern set and of our full scan
(prefilter + validation, all cores), the ratio, peak memory and precision/recall per category.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import resource
import string
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import phonenumbers

from auditor.pii import validators as v

Plant = tuple[str, frozenset[str]]
FIRST = sorted(v.words("Olivia Amelia Isla Ava Noah Oliver George Arthur Leo Harry Oscar Grace Freya"))
LAST = sorted(v.words("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Walker"))
STREETS = sorted(v.words("High Station Church Victoria Green Manor Park Queens Kings Mill"))
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "example.org", "icloud.com"]
UK_AREAS = sorted(a for a in v.UK_AREAS if len(a) == 2)
BOT_UAS = ["-", "curl/8.5.0", "kube-probe/1.29", "Prometheus/2.45.0", "ELB-HealthChecker/2.0"]
BROWSER_UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
]


class Values:
    """Random PII values that are valid by construction (checksums, ranges, libphonenumber)."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def email(self) -> str:
        r = self.r
        local = f"{r.choice(FIRST).lower()}.{r.choice(LAST).lower()}{r.randint(1, 999)}"
        if r.random() < 0.2:
            token = "".join(r.choices(string.ascii_lowercase + string.digits, k=14))
            return f"{token}@marketplace.amazon.co.uk"
        return f"{local}@{r.choice(DOMAINS)}"

    def card(self) -> str:
        r = self.r
        prefix = r.choice(["4", "51", "52", "55", "2221", "34", "37", "6011"])
        length = 15 if prefix in ("34", "37") else 16
        body = prefix + "".join(r.choices(string.digits, k=length - len(prefix) - 1))
        digits = next(body + d for d in string.digits if v.luhn_ok(body + d))
        if r.random() < 0.3 and length == 16:
            return " ".join(digits[i : i + 4] for i in range(0, 16, 4))
        return digits

    def ipv4(self) -> str:
        while True:
            ip = ".".join(str(self.r.randint(1, 254)) for _ in range(4))
            if v.ip_class(ip) == "public" and not ip.startswith(("10.", "127.")):
                return ip

    def ipv6(self) -> str:
        groups = ":".join(f"{self.r.randint(1, 0xffff):x}" for _ in range(7))
        return f"2a0{self.r.randint(0, 9)}:{groups}"

    def phone(self) -> str:
        r = self.r
        while True:
            if r.random() < 0.5:
                text = f"+44 7{r.randint(100, 999)} {r.randint(100000, 999999)}"
            else:
                text = f"+1 {r.randint(201, 989)} {r.randint(200, 999)} {r.randint(1000, 9999)}"
            if phonenumbers.is_valid_number(phonenumbers.parse(text, None)):
                return text

    def postcode(self) -> str:
        r = self.r
        return f"{r.choice(UK_AREAS)}{r.randint(1, 20)} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}" \
               f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"

    def name(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def mac(self) -> str:
        return ":".join(f"{self.r.randint(0, 255):02x}" for _ in range(6)).replace("00:", "0a:", 1)

    def order(self) -> str:
        r = self.r
        return f"{r.randint(100, 999)}-{r.randint(10**6, 10**7 - 1)}-{r.randint(10**6, 10**7 - 1)}"


def _ts(r: random.Random) -> str:
    return f"27/Nov/2026:{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000"


def _iso(r: random.Random) -> str:
    hms = f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"
    return f"2026-11-27T{hms}.{r.randint(0, 999):03d}Z"


def clean_line(r: random.Random) -> str:
    k = r.random()
    if k < 0.34:
        ip = r.choice(["127.0.0.1", f"10.0.{r.randint(0, 9)}.{r.randint(2, 250)}"])
        path = r.choice([f"/api/v1/items/{uuid.UUID(int=r.getrandbits(128))}",
                         f"/static/app.{r.getrandbits(32):08x}.js", "/healthz",
                         f"/products?page={r.randint(1, 50)}"])
        size = r.randint(100, 99999)
        return f'{ip} - - [{_ts(r)}] "GET {path} HTTP/1.1" 200 {size} "-" "{r.choice(BOT_UAS)}"'
    if k < 0.67:
        rid, commit = uuid.UUID(int=r.getrandbits(128)), f"{r.getrandbits(160):040x}"
        return (f'{{"ts":"{_iso(r)}","level":"info","msg":"request done","request_id":"{rid}",'
                f'"duration_ms":{r.randint(1, 999)},"commit":"{commit}","version":"1.8.0.292"}}')
    return r.choice([
        f"Nov 27 02:24:42 web1 CRON[{r.randint(100, 99999)}]: (root) CMD (run-parts /etc/cron.hourly)",
        f"Nov 27 02:24:42 web1 sshd[{r.randint(100, 99999)}]: Accepted publickey for deploy from "
        f"10.0.3.{r.randint(2, 250)} port {r.randint(30000, 65000)} ssh2: ED25519 "
        f"SHA256:{r.getrandbits(128):032x}",
        f"Nov 27 02:24:42 web1 systemd[1]: Started Session {r.randint(1, 9999)} of User deploy.",
    ])


def bait_line(r: random.Random) -> str:
    while True:
        n = str(r.randint(4 * 10**15, 6 * 10**15 - 1))
        if not v.luhn_ok(n):
            break
    return r.choice([
        f"Nov 27 02:24:42 web1 worker[{r.randint(100, 9999)}]: job {n} finished",
        f"deploy build {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}.{r.randint(0, 400)} "
        f"(v{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}) rolled out",
        f"reconcile ref {Values(r).order()} ok",
        f'{{"ts":"{_iso(r)}","epoch_ms":{r.randint(1700000000000, 1800000000000)},"trace":"{uuid.uuid4()}"}}',
        f"sha256 {hashlib.sha256(n.encode()).hexdigest()} verified",
        f"cache ratios {r.random():.4f}, {r.random():.4f} ok",
        f"asset logo@2x.png served from 10.0.0.{r.randint(2, 250)}",
    ])


def pii_line(r: random.Random, val: Values) -> Plant:
    makers: list[Callable[[], Plant]] = [
        lambda: (f'{{"ts":"{_iso(r)}","level":"info","msg":"receipt sent","to":"{val.email()}"}}',
                 frozenset({"email"})),
        lambda: (f"Nov 27 02:24:42 mail1 postfix/smtp[{r.randint(100, 9999)}]: 4F2A1: "
                 f"to=<{val.email()}>, status=sent", frozenset({"email"})),
        lambda: (f"payment declined card {val.card()} amount 12.50", frozenset({"payment"})),
        lambda: (f'{val.ipv4()} - - [{_ts(r)}] "GET /basket HTTP/1.1" 200 5120 "-" "{r.choice(BROWSER_UAS)}"',
                 frozenset({"ip_address", "digital_fingerprint"})),
        lambda: (f"Nov 27 02:24:42 web1 sshd[{r.randint(100, 9999)}]: Failed password for invalid user admin "
                 f"from {val.ipv4()} port {r.randint(30000, 65000)} ssh2", frozenset({"ip_address"})),
        lambda: (f"upstream client {val.ipv6()} closed", frozenset({"ip_address"})),
        lambda: (f'{{"msg":"sms queued","phone":"{val.phone()}"}}', frozenset({"phone"})),
        lambda: (f"callback requested on {val.phone()} today", frozenset({"phone"})),
        lambda: (f"delivery zone {val.postcode()} assigned", frozenset({"postal_address"})),
        lambda: (f'{{"event":"checkout","BuyerName":"{val.name()}"}}', frozenset({"person_name"})),
        lambda: (f'{{"AddressLine1":"{r.randint(1, 300)} {r.choice(STREETS)} Road"}}',
                 frozenset({"postal_address"})),
        lambda: (f"gps fix {r.uniform(50, 58):.5f}, {r.uniform(-5, 1):.5f}", frozenset({"geo_location"})),
        lambda: (f"dhcp ack {val.mac()} lease 3600", frozenset({"device_identifier"})),
        lambda: (f"Cookie: session-id={r.getrandbits(96):024x}", frozenset({"cookie"})),
        lambda: (f"order {val.order()} shipped to {val.postcode()}",
                 frozenset({"purchase", "postal_address"})),
    ]
    return r.choice(makers)()


def generate(path: Path, size: int, density: float, bait: float, seed: int = 7) -> dict[int, frozenset[str]]:
    """Write the corpus; return {line number: planted categories}."""
    r = random.Random(seed)
    val = Values(r)
    pool = [clean_line(r) for _ in range(20000)]
    truth: dict[int, frozenset[str]] = {}
    written, line_no = 0, 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size:
            batch = []
            for _ in range(10000):
                line_no += 1
                k = r.random()
                if k < density:
                    text, cats = pii_line(r, val)
                    truth[line_no] = cats
                elif k < density + bait:
                    text = bait_line(r)
                else:
                    text = pool[r.randrange(len(pool))]
                batch.append(text)
            chunk = "\n".join(batch) + "\n"
            fh.write(chunk)
            written += len(chunk)
    return truth


def rg_pattern() -> str:
    """The detectors' patterns, not the scanner's prefilter: the prefilter's context alternatives
    (version words, order and geo context, file TLDs) are cheap for RE2 but cost ripgrep about 30 %,
    which would flatter the ratio. These plain patterns keep the reference as fast as it was."""
    from auditor.pii import detectors as d
    from auditor.pii.engine import _loosen, _portable

    text = "|".join(f"(?:{_loosen(_portable(det.pattern))})" for det in d.REGISTRY)
    return "(?-u)" + text.replace('\\"', '"')  # Rust regex rejects \"


def run_rg(path: Path) -> tuple[float, float, int, float]:
    """`rg -n -o` with the detectors' pattern set: (wall s, CPU s, output lines, peak RSS MiB, which
    includes the pages of the file ripgrep maps). The output is read
    and counted, not sent to /dev/null, which ripgrep detects and short-circuits."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["rg", "-n", "-o", "--no-config", "-e", rg_pattern(), str(path)],
                            stdout=subprocess.PIPE)
    assert proc.stdout is not None
    lines = 0
    while chunk := proc.stdout.read(1 << 20):
        lines += chunk.count(b"\n")
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, lines, usage.ru_maxrss / 1024


def set_backend(name: str) -> str:
    """Select the scan backend for this process and the commands it starts; return the one in use."""
    from auditor.pii import engine

    if name == "re2":
        os.environ[engine.RG_ENV] = "re2"
    else:
        os.environ.pop(engine.RG_ENV, None)
    engine.rg_binary.cache_clear()
    return "re2" if engine.rg_binary() is None else "rg"


def run_ours(path: Path, workers: int) -> tuple[float, float, list[tuple[int, str]], float]:
    """(wall s, CPU s summed over the worker processes, findings, largest worker peak RSS MiB)."""
    from auditor.collect.logs.scan import discover, scan_entries

    entries, _ = discover([str(path)], ["*"], [])
    t0 = time.perf_counter()
    (out,) = scan_entries(entries, os.urandom(32), workers=workers)
    elapsed = time.perf_counter() - t0
    return elapsed, out.cpu_s, [(h.line, h.category) for h in out.hits], out.peak_rss_mib


def score(truth: dict[int, frozenset[str]], hits: list[tuple[int, str]]) -> dict[str, tuple[int, int, int]]:
    predicted: dict[int, set[str]] = {}
    for line, cat in hits:
        predicted.setdefault(line, set()).add(cat)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for line in set(truth) | set(predicted):
        t, p = truth.get(line, frozenset()), predicted.get(line, set())
        for c in t & p:
            tp[c] += 1
        for c in p - t:
            fp[c] += 1
        for c in t - p:
            fn[c] += 1
    return {c: (tp[c], fp[c], fn[c]) for c in sorted(set(tp) | set(fp) | set(fn))}


def _size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]i?B?)?", text.strip(), re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (e.g. 1GiB, 200MiB)")
    unit = (m.group(2) or "").upper()[:1]
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[unit])


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=_size, default=1 << 30)
    ap.add_argument("--density", type=float, default=0.01)
    ap.add_argument("--bait", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    ap.add_argument("--backend", choices=["auto", "re2"], default="auto",
                    help="auto: ripgrep prefilter when the pinned rg is installed; re2: the RE2 path only")
    args = ap.parse_args(argv)
    set_backend(args.backend)
    with tempfile.TemporaryDirectory(prefix="dpp-pii-bench-") as tmp:
        path = args.keep or Path(tmp) / "corpus.log"
        t0 = time.perf_counter()
        truth = generate(path, args.size, args.density, args.bait)
        mb = path.stat().st_size / 1e6
        print(f"corpus: {mb:.0f} MB, {len(truth)} PII lines, generated in {time.perf_counter() - t0:.0f} s")
        run_rg(path)  # warm the page cache for both
        rg_s, rg_cpu, rg_matches, rg_mib = run_rg(path)
        ours_s, ours_cpu, hits, worker_mib = run_ours(path, args.workers)
        self_mib = _peak_mib()
        load = os.getloadavg()[0]
        print(f"load average  : {load:.1f} on {os.cpu_count()} CPUs (other processes share them)")
        print(f"ripgrep -n -o : {mb / rg_s:8.1f} MB/s wall, {mb / rg_cpu:8.1f} MB per CPU-s "
              f"({rg_s:.2f} s, {rg_matches} matches, one file = one search thread)")
        print(f"dpp-auditor   : {mb / ours_s:8.1f} MB/s wall, {mb / ours_cpu:8.1f} MB per CPU-s "
              f"({ours_s:.2f} s, {len(hits)} findings, {args.workers} worker processes, "
              f"backend {set_backend(args.backend)})")
        print(f"ratio (wall)  : {rg_s / ours_s:8.2f} of ripgrep's throughput (target >= 0.5)")
        cores = min(args.workers, os.cpu_count() or 1)
        print(f"ratio (CPU)   : {cores * rg_cpu / ours_cpu:8.2f} expected on an idle machine with "
              f"{cores} cores (ours per CPU-s x {cores} / ripgrep per CPU-s)")
        print(f"peak RSS      : ours {self_mib:.0f} MiB parent, {worker_mib:.0f} MiB largest worker; "
              f"ripgrep {rg_mib:.0f} MiB (it maps the file)")
        table = score(truth, hits)
        tp = sum(t for t, _, _ in table.values())
        fp = sum(f for _, f, _ in table.values())
        print(f"{'category':22} {'tp':>7} {'fp':>6} {'fn':>6} {'precision':>9} {'recall':>7}")
        for cat, (t, f, n) in table.items():
            prec = t / (t + f) if t + f else 1.0
            rec = t / (t + n) if t + n else 1.0
            print(f"{cat:22} {t:7d} {f:6d} {n:6d} {prec:9.4f} {rec:7.4f}")
        print(f"overall precision {tp / (tp + fp) if tp + fp else 1.0:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
