"""A corpus of logs written by real software on this machine, with planted PII and real bait.

Sources: this machine's dpkg.log and apt logs (copied), gpgv verifying apt's InRelease files
with the Debian keyring (bootstrap.log style), a real sshd on loopback with real logins
(auth log), a real nginx on loopback serving requests with query strings and JSON bodies through
a proxy (access and error logs), a real PostgreSQL cluster logging its statements and errors,
and an application logging JSON through Python's logging module. journald is not used: this
machine runs no journal daemon.

Every source runs two phases, `tune` then `holdout`, with their own seeded PII values; a
marker written between them splits each log into the two parts (a deterministic split that
does not depend on timestamps or pids). The detectors are tuned on `tune` only; `holdout`
is measured, never looked at while tuning.

The truth of a part: each line holding one of that phase's planted forms (raw or encoded as it
was written) carries that value's category. Everything else in the logs is bait.
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import socket
import string
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

from auditor.bench import tls_lab
from auditor.bench.sshd_lab import SSHD, free_port, keygen
from auditor.pii import validators as v
from auditor.pii.engine import Hit
from tests.pgcluster import postgres_cluster

PARTS = ("tune", "holdout")
MARKER = "dppcorpusphaseholdout"  # written between the phases; the line holding it is dropped
CATEGORIES = ("email", "payment", "ip_address", "phone")
_FIRST = ["olivia", "amelia", "noah", "oliver", "george", "leo", "grace", "freya", "arjun", "mei"]
_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "web.de"]
_REGIONS = ["GB", "US", "DE", "FR", "IN", "ES", "IT", "NL", "AU", "JP"]


@dataclass
class Plant:
    category: str
    value: str  # raw: must never appear in any output of the auditor
    forms: set[str] = field(default_factory=set)  # as written into logs (encodings included)


class Values:
    """Valid PII by construction: Luhn cards, libphonenumber-valid phones, public addresses."""

    def __init__(self, seed: str) -> None:
        self.r = random.Random(seed)
        self.plants: list[Plant] = []

    def _plant(self, category: str, value: str, *forms: str) -> str:
        self.plants.append(Plant(category, value, {value, *forms}))
        return value

    def email(self) -> str:
        r = self.r
        local = f"{r.choice(_FIRST)}{r.choice(['.', '_', '', '+shop'])}{r.randint(1, 9999)}"
        value = f"{local}@{r.choice(_DOMAINS)}"
        return self._plant("email", value, urllib.parse.quote(value, safe=""), value.replace("@", "\\u0040"))

    def card(self, grouped: bool | None = None) -> str:
        r = self.r
        prefix = r.choice(["4", "51", "55", "2221", "34", "37", "6011"])
        length = 15 if prefix in ("34", "37") else 16
        body = prefix + "".join(r.choices(string.digits, k=length - len(prefix) - 1))
        digits = next(body + d for d in string.digits if v.luhn_ok(body + d))
        grouped = r.random() < 0.5 if grouped is None else grouped
        value = digits
        if grouped and length == 16:
            value = r.choice([" ", "-"]).join(digits[i : i + 4] for i in range(0, 16, 4))
        return self._plant("payment", value, urllib.parse.quote(value, safe=""), value.replace(" ", "+"))

    def ipv4(self) -> str:
        while True:
            ip = ".".join(str(self.r.randint(1, 254)) for _ in range(4))
            if v.ip_class(ip) == "public" and not ip.startswith(("10.", "127.")):
                return self._plant("ip_address", ip)

    def ipv6(self) -> str:
        ip = f"2a0{self.r.randint(1, 9)}:" + ":".join(f"{self.r.randint(1, 0xFFFF):x}" for _ in range(7))
        return self._plant("ip_address", ip)

    def phone(self) -> str:
        r = self.r
        while True:
            region = r.choice(_REGIONS)
            kind = r.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            nsn = str(example.national_number)
            cut = max(3, len(nsn) - 4)
            example.national_number = int(nsn[:cut] + "".join(r.choices(string.digits, k=len(nsn) - cut)))
            if not phonenumbers.is_valid_number(example):
                continue
            fmt = r.choice(
                [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164]
            )
            value = phonenumbers.format_number(example, fmt)
            return self._plant(
                "phone", value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value)
            )


# --- sources ---------------------------------------------------------------------------------
def _split_copy(src: Path, dst: dict[str, Path]) -> None:
    """A machine log copied as is, its first half to `tune` and the rest to `holdout`."""
    lines = src.read_bytes().splitlines(keepends=True) if src.is_file() else []
    half = len(lines) // 2
    dst["tune"].write_bytes(b"".join(lines[:half]))
    dst["holdout"].write_bytes(b"".join(lines[half:]))


def machine_logs(out: dict[str, Path]) -> None:
    for rel in ("dpkg.log", "apt/history.log", "apt/term.log", "alternatives.log"):
        _split_copy(Path("/var/log") / rel, {p: _mk(out[p] / rel) for p in PARTS})


def bootstrap_log(out: dict[str, Path]) -> None:
    """gpgv (human and --status-fd lines, as debootstrap logs them) on apt's InRelease files."""
    releases = sorted(Path("/var/lib/apt/lists").glob("*_InRelease"))
    if not releases:
        raise RuntimeError("no apt InRelease files: run `apt-get update` (scripts/install-test-system.sh)")
    text = []
    for rel in releases:
        proc = subprocess.run(
            [
                "gpgv",
                "--status-fd",
                "1",
                "--keyring",
                "/usr/share/keyrings/debian-archive-keyring.gpg",
                str(rel),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        text.append(
            f"I: Checking Release signature\n{proc.stdout}{proc.stderr}"
            f"I: Valid Release signature (key id {rel.name})\n"
        )
    half = len(text) // 2 or 1
    _mk(out["tune"] / "bootstrap.log").write_text("".join(text[:half]))
    _mk(out["holdout"] / "bootstrap.log").write_text("".join(text[half:] or text))


def app_json(out: dict[str, Path], values: dict[str, Values]) -> None:
    """Python's logging with a JSON formatter (json.dumps escapes), as web apps log."""

    class JsonFormatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            return json.dumps(
                {
                    "ts": record.created,
                    "level": record.levelname,
                    "logger": record.name,
                    "msg": record.getMessage(),
                    **getattr(record, "ctx", {}),
                }
            )

    for part in PARTS:
        vals, r = values[part], values[part].r
        handler = logging.FileHandler(_mk(out[part] / "app" / "shop.json.log"))
        handler.setFormatter(JsonFormatter())
        log = logging.getLogger(f"shop.{part}")
        log.propagate = False
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        for i in range(200):
            rid = _luhn_digits(r, 16)  # an all-digit request id that passes Luhn: bait
            bait = {
                "request_id": rid,
                "trace_id": _luhn_digits(r, 16),
                "version": "30+20221128-1",
                "build": f"{r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}.{r.randint(0, 99)}",
                "sha256": os.urandom(32).hex(),
                "port": r.choice([5432, 8080, 443]),
                "upstream": f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}:8080",
                "elapsed_ms": round(r.random() * 900, 3),
            }
            kind = i % 8
            if kind == 0:
                log.info("checkout ok", extra={"ctx": {**bait, "email": vals.email(), "client": vals.ipv4()}})
            elif kind == 1:
                log.info(
                    "payment authorised",
                    extra={"ctx": {**bait, "card_number": vals.card(), "phone": vals.phone()}},
                )
            elif kind == 2:  # a CSV export row logged as a message
                log.warning(
                    f'export row: {r.randint(1, 9999)},"Smith, Jo",{vals.email()},{vals.phone()},GB',
                    extra={"ctx": bait},
                )
            elif kind == 3:  # Go-style escaping of <, > and & in a forwarded payload
                to = vals.email()
                log.info("mail queued", extra={"ctx": {**bait, "to": f"Jo Smith \\u003c{to}\\u003e"}})
            elif kind == 4:
                log.info(f"login from {vals.ipv6()} ok", extra={"ctx": bait})
            else:
                log.info("healthcheck", extra={"ctx": bait})
        log.removeHandler(handler)
        handler.close()


def _luhn_digits(r: random.Random, n: int) -> str:
    body = "".join(r.choices("123456789", k=1)) + "".join(r.choices(string.digits, k=n - 2))
    return next(body + d for d in string.digits if v.luhn_ok(body + d))


_NGINX_FORMAT = (
    'log_format shop \'$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
    '"$http_referer" "$http_user_agent" "$http_x_forwarded_for" request_id=$http_x_request_id '
    "rt=$request_time';\n"
    'log_format body escape=json \'{"time":"$time_iso8601","xff":"$http_x_forwarded_for",'
    '"uri":"$request_uri","body":"$request_body","status":$status}\';\n'
)


def nginx_logs(out: dict[str, Path], values: dict[str, Values], work: Path) -> None:
    """nginx on loopback: an access log (combined + XFF + request id), a JSON body log behind a
    proxy location, and its error log (missing files, with the request line)."""
    port, upstream = tls_lab.free_port(), tls_lab.free_port()
    logs = work / "nginx-logs"
    logs.mkdir(parents=True)
    blocks = [
        _NGINX_FORMAT,
        f"""
    server {{
        listen 127.0.0.1:{port};
        access_log {logs}/access.log shop;
        error_log {logs}/error.log info;
        root {work}/www;
        location /api/ {{ access_log {logs}/api.json.log body; proxy_pass http://127.0.0.1:{upstream}/; }}
        location /checkout {{ return 200 'ok'; }}
        location /u/ {{ return 204; }}
    }}""",
        tls_lab.http_server_block(upstream, "return 200 'ok';"),
    ]
    (work / "www").mkdir()
    with tls_lab.run_nginx(work / "nginx", blocks, [("127.0.0.1", port), ("127.0.0.1", upstream)]):
        base = f"http://127.0.0.1:{port}"
        for part in PARTS:
            vals, r = values[part], values[part].r
            if part == "holdout":
                _get(f"{base}/{MARKER}", {})
                _post(f"{base}/api/{MARKER}", "{}", {})
            for i in range(150):
                headers = {
                    "User-Agent": r.choice(
                        ["curl/8.5.0", "shop-app/30+20221128-1 (build 4.2.0.17)", "kube-probe/1.29"]
                    ),
                    "X-Request-ID": _luhn_digits(r, 16),
                }
                kind = i % 6
                if kind == 0:
                    headers["X-Forwarded-For"] = (
                        f"{vals.ipv4()}, 10.0.{r.randint(0, 255)}.{r.randint(1, 254)}"
                    )
                    _get(f"{base}/checkout?email={urllib.parse.quote(vals.email(), safe='')}&step=2", headers)
                elif kind == 1:
                    q = urllib.parse.urlencode({"phone": vals.phone(), "ref": "30+20221128-1"})
                    _get(f"{base}/checkout?{q}", headers)
                elif kind == 2:
                    _get(f"{base}/u/{urllib.parse.quote(vals.email(), safe='')}/orders?page=2", headers)
                elif kind == 3:
                    body = json.dumps({"card": vals.card(), "email": vals.email(), "qty": 2})
                    _post(f"{base}/api/orders", body, headers)
                elif kind == 4:  # a missing static file: a 404 in both logs
                    _get(
                        f"{base}/static/app.{os.urandom(8).hex()}.js?v=1.2.3.4&email={vals.email()}", headers
                    )
                else:
                    _get(
                        f"{base}/checkout?order_id=ord_{os.urandom(6).hex()}&sha=" + os.urandom(20).hex(),
                        headers,
                    )
        time.sleep(0.3)  # nginx writes its logs unbuffered, but a worker may still be finishing
    for name in ("access.log", "error.log", "api.json.log"):
        _split_marker(logs / name, {p: _mk(out[p] / "nginx" / name) for p in PARTS})


def _get(url: str, headers: dict[str, str]) -> None:
    with suppress(urllib.error.HTTPError):
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10).read()


def _post(url: str, body: str, headers: dict[str, str]) -> None:
    req = urllib.request.Request(
        url, data=body.encode(), headers={**headers, "Content-Type": "application/json"}
    )
    urllib.request.urlopen(req, timeout=10).read()


def postgres_log(out: dict[str, Path], values: dict[str, Values]) -> None:
    """A real cluster logging every statement, with unique violations (DETAIL lines repeat the key)."""
    with postgres_cluster("dpp-pgcorpus-") as pg:
        pg.psql("ALTER SYSTEM SET log_statement = 'all'; ")
        pg.psql("SELECT pg_reload_conf()")
        pg.psql(
            "CREATE TABLE customers (id bigserial PRIMARY KEY, email text UNIQUE, phone text, card text,"
            " last_ip inet, pkg_version text)"
        )
        for part in PARTS:
            vals, r = values[part], values[part].r
            if part == "holdout":
                pg.psql(f"SELECT '{MARKER}'")
            for i in range(60):
                email = vals.email()
                stmt = (
                    f"INSERT INTO customers (email, phone, card, last_ip, pkg_version) VALUES "
                    f"('{email}', '{vals.phone()}', '{vals.card()}', '{vals.ipv4()}', '30+20221128-1')"
                )
                pg.psql(stmt)
                if i % 5 == 0:  # the same e-mail again: ERROR + DETAIL Key (email)=(...)
                    with suppress(RuntimeError):
                        pg.psql(f"INSERT INTO customers (email) VALUES ('{email}')")
                if i % 7 == 0:
                    pg.psql(f"SELECT id FROM customers WHERE id = {_luhn_digits(r, 16)}")
        log = Path(pg.socket_dir).parent / "log"
        time.sleep(0.2)
        _split_marker(log, {p: _mk(out[p] / "postgresql" / "postgresql-15-main.log") for p in PARTS})


def sshd_auth_log(out: dict[str, Path], values: dict[str, Values], work: Path) -> None:
    """A real sshd (LogLevel VERBOSE, -E log) with real logins: accepted keys as root, and
    e-mail addresses typed as user names (invalid users), as people do."""
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    work.mkdir(parents=True)
    key = keygen(work / "client_key")
    host_key = keygen(work / "host_key", "corpus")
    (work / "keys").mkdir()
    shutil.copy(key.with_suffix(".pub"), work / "keys" / "root")
    port, log = free_port(), work / "auth.log"
    config = work / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {work}/sshd.pid\n"
        f"AuthorizedKeysFile {work}/keys/%u\nPermitRootLogin prohibit-password\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nStrictModes no\nUsePAM no\n"
        "LogLevel VERBOSE\nMaxStartups 100\n"
    )
    proc = subprocess.Popen(
        [SSHD, "-D", "-f", str(config), "-E", str(log)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(port, proc)
        ssh = [
            "ssh",
            "-F",
            "/dev/null",
            "-i",
            str(key),
            "-p",
            str(port),
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
        ]
        for part in PARTS:
            if part == "holdout":
                subprocess.run([*ssh, "-l", MARKER, "127.0.0.1", "true"], capture_output=True, timeout=30)
            for i in range(12):
                user = values[part].email() if i % 3 else "root"
                subprocess.run([*ssh, "-l", user, "127.0.0.1", "true"], capture_output=True, timeout=30)
        time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    _split_marker(log, {p: _mk(out[p] / "auth.log") for p in PARTS})


def _wait_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sshd exited {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), 0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("sshd did not listen")


# --- splitting and truth ---------------------------------------------------------------------
def _mk(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _split_marker(src: Path, dst: dict[str, Path]) -> None:
    lines = src.read_bytes().splitlines(keepends=True)
    cut = next((i for i, ln in enumerate(lines) if MARKER.encode() in ln), None)
    if cut is None:
        raise RuntimeError(f"{src}: the phase marker was not logged")
    dst["tune"].write_bytes(b"".join(lines[:cut]))
    dst["holdout"].write_bytes(b"".join(ln for ln in lines[cut + 1 :] if MARKER.encode() not in ln))


Truth = dict[tuple[str, int], set[str]]


@dataclass
class Part:
    root: Path
    truth: Truth
    plants: list[Plant]


def truth_of(root: Path, plants: list[Plant]) -> Truth:
    truth: Truth = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            cats = {pl.category for pl in plants if any(f in line for f in pl.forms)}
            if cats:
                truth[(str(path), n)] = cats
    return truth


def build(root: Path) -> dict[str, Part]:
    out = {p: root / p for p in PARTS}
    values = {p: Values(f"dpp-real-corpus-{p}") for p in PARTS}
    work = root / "work"
    work.mkdir(parents=True)
    work.chmod(0o755)
    machine_logs(out)
    bootstrap_log(out)
    app_json(out, values)
    nginx_logs(out, values, work / "nginx")
    postgres_log(out, values)
    sshd_auth_log(out, values, work / "sshd")
    shutil.rmtree(work, ignore_errors=True)
    return {p: Part(out[p], truth_of(out[p], values[p].plants), values[p].plants) for p in PARTS}


@contextmanager
def corpus(root: Path) -> Iterator[dict[str, Part]]:
    try:
        yield build(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def score(truth: Truth, found: set[tuple[str, int, str]]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per category, by (file, line, category)."""
    predicted: dict[tuple[str, int], set[str]] = {}
    for path, line, cat in found:
        predicted.setdefault((path, line), set()).add(cat)
    table: dict[str, list[int]] = {}
    for loc in set(truth) | set(predicted):
        t, p = truth.get(loc, set()), predicted.get(loc, set())
        for c in t | p:
            row = table.setdefault(c, [0, 0, 0])
            row[0 if c in t and c in p else 1 if c in p else 2] += 1
    return {c: (a, b, n) for c, (a, b, n) in sorted(table.items())}


def scan_part(part: Part) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, Hit]]]:
    """The scanner over one part: the score table and (path, hit) of every finding."""
    from auditor.collect.logs.scan import discover, scan_entries

    entries, _ = discover([str(part.root)], ["*"], [])
    hits = [(o.entry.path, h) for o in scan_entries(entries, os.urandom(32)) for h in o.hits]
    found = {(path, h.line, h.category) for path, h in hits}
    return score(part.truth, found), hits


def table(name: str, scores: dict[str, tuple[int, int, int]]) -> str:
    rows = [f"{name}: {'category':12} {'tp':>5} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for cat, (tp, fp, fn) in scores.items():
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        rows.append(f"{name}: {cat:12} {tp:5d} {fp:4d} {fn:4d} {prec:9.4f} {rec:7.4f}")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m tests.pii.realcorpus: build both parts and print their scores
    import tempfile

    with corpus(Path(tempfile.mkdtemp(prefix="dpp-real-corpus-"))) as built:
        for name, part in built.items():
            print(table(name, scan_part(part)[0]))
