"""The `tls.endpoint` collector: TLS, certificate, HSTS, plain-HTTP and exposure evidence for
one endpoint target (address `https://host[:port]`).

An endpoint that refuses or drops the TCP connection is a CollectorError (evidence `error`,
never `pass`). One that accepts TCP but cannot speak TLS is evidence (`tls_handshake_ok`
false plus a plaintext probe): that is a finding, not a collection failure.
"""

from __future__ import annotations

import copy
import socket
import threading
from collections import OrderedDict
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, ClassVar
from urllib.parse import urlsplit

from auditor.collect.base import CollectContext, Collector
from auditor.collect.tls import certs, http
from auditor.collect.tls.scan import NotTls, TlsScan, scan_server
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind


def parse_address(address: str) -> tuple[str, int]:
    parts = urlsplit(address)
    if parts.scheme != "https" or not parts.hostname:
        raise CollectorError(ErrorKind.parse, f"endpoint {address!r} is not https://host[:port]")
    try:
        port = parts.port or 443
    except ValueError:
        raise CollectorError(ErrorKind.parse, f"endpoint {address!r} has an invalid port") from None
    return parts.hostname, port


def resolve(host: str, port: int) -> str:
    """First IPv4 address (then IPv6), so every probe of one endpoint hits the same address."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise CollectorError(ErrorKind.connectivity, f"{host}: cannot resolve ({exc.strerror})") from None
    infos.sort(key=lambda info: 0 if info[0] == socket.AF_INET else 1)
    return str(infos[0][4][0])


class TlsEndpointCollector(Collector):
    id: ClassVar[str] = "tls.endpoint"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.endpoint})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        # A host's 0.0.0.0:P and [::]:P sockets are one ip:port from here: probe it once per
        # run and give every socket's unit the same evidence.
        key = (ctx.target.address, str(ctx.target.options.get("sni") or ""),
               ctx.target.options.get("source"), ctx.target.options.get("host_target"),
               tuple(ctx.target.options.get("requires_auth_paths") or ()))
        if ctx.target.options.get("source") != "socket":
            return self._collect(ctx)
        shared, first = _probe_once(ctx.settings, key)
        if not first:
            try:
                commands, data = shared.result(timeout=max(ctx.remaining(), 0.1))
            except FutureTimeout:
                raise CollectorError(ErrorKind.timeout, f"{ctx.target.address}: the shared probe of "
                                     "this ip:port did not finish in time") from None
            ctx.provenance.commands.append(f"(same ip:port as another socket, probed once) {commands[0]}")
            return copy.deepcopy(data)
        try:
            data = self._collect(ctx)
        except BaseException as exc:
            shared.set_exception(exc)
            raise
        shared.set_result((list(ctx.provenance.commands), copy.deepcopy(data)))
        return data

    def _collect(self, ctx: CollectContext) -> dict[str, Any]:
        settings = ctx.settings.get("tls") or {}
        opts = ctx.target.options
        host, port = parse_address(ctx.target.address)
        ip = str(opts.get("ip") or resolve(host, port))
        sni = str(opts.get("sni") or host)
        timeout = min(float(settings.get("timeout_s", 10.0)), ctx.remaining())
        data: dict[str, Any] = {
            "url": f"https://{host}:{port}", "host": host, "ip": ip, "port": port, "sni": sni,
            "source": opts.get("source", "config"), "host_target": opts.get("host_target"),
            "tls_handshake_ok": False, "protocols": None, "ciphers": None, "kex": None,
            "certificate": None, "http": None, "plain_http": None, "unauth_probe": [],
            "plaintext_probe": None,
        }
        ctx.provenance.commands.append(f"sslyze {ip}:{port} sni={sni}: protocols, ciphers, groups, chain")
        try:
            tls = scan_server(host, ip, port, sni, timeout)
        except NotTls as exc:
            plain = self._plaintext(ctx, data, str(exc), timeout)
            if plain["source"] == "socket":
                # Not a TLS endpoint: out of scope for TLS-1..4 and NET-6; TLS-5 judges the socket.
                plain["in_scope"] = False
            return plain
        ctx.remaining()
        data.update(self._tls_data(tls, host, settings.get("ca_bundle_file")))
        data["http"] = _https_root(ip, port, host, timeout)
        ctx.provenance.commands.append(f"GET https://{host}:{port}/ (HSTS)")
        if data["source"] != "socket":
            http_port = int(settings.get("http_port", 80))
            ctx.provenance.commands.append(f"GET http://{host}:{http_port}/ and {http.REDIRECT_PROBE_PATH}")
            data["plain_http"] = plain_http(ip, http_port, host, timeout)
        if data["http"].get("status") is not None:
            ctx.remaining()
            data["unauth_probe"] = _exposure_probes(ctx, ip, port, host, timeout)
        return data

    def _tls_data(self, tls: TlsScan, host: str, ca_bundle_file: str | None) -> dict[str, Any]:
        anchors, sources = certs.trust_anchors(ca_bundle_file)
        certificate = certs.analyse_chain(tls.chain, host, anchors)
        certificate.update({"trust_sources": sources, "ocsp_stapled": tls.ocsp["stapled"],
                            "ocsp_status": tls.ocsp["status"]})
        return {"tls_handshake_ok": True, "protocols": tls.protocols, "ciphers": tls.ciphers,
                "kex": tls.kex, "certificate": certificate,
                "highest_version": tls.negotiated.get("highest_version")}

    def _plaintext(self, ctx: CollectContext, data: dict[str, Any], reason: str,
                   timeout: float) -> dict[str, Any]:
        try:
            probe = http.plaintext_probe(data["ip"], data["port"], timeout)
        except OSError as exc:
            raise CollectorError(ErrorKind.connectivity,
                                 f"{data['host']}:{data['port']}: {http.error_text(exc)}") from None
        if probe["protocol_guess"] == "silent" and data["source"] == "socket":
            # A discovered socket that speaks neither TLS nor a known plaintext protocol is not a
            # TLS endpoint; TLS-5 judges it (an unverified listener is not evidence of encryption).
            probe["tls_error"] = reason[:300]
            data["plaintext_probe"] = probe
            return data
        if probe["protocol_guess"] == "silent":  # neither TLS nor a plaintext answer: unknown
            closed = probe.pop("closed")
            how = "closed the connection" if closed else "stayed silent"
            raise CollectorError(ErrorKind.connectivity if closed else ErrorKind.timeout,
                                 f"{data['host']}:{data['port']}: accepted TCP, then {how} without "
                                 "answering TLS or plaintext", hint="check the service")
        probe.pop("closed")
        probe["tls_error"] = reason[:300]
        data["plaintext_probe"] = probe
        if probe["protocol_guess"] == "http":
            ctx.remaining()
            data["plain_http"] = plain_http(data["ip"], data["port"], data["host"], timeout)
        return data


_PROBES: OrderedDict[tuple[int, tuple[Any, ...]], tuple[Any, Future[Any]]] = OrderedDict()
_PROBES_LOCK = threading.Lock()


def _probe_once(settings: dict[str, Any], key: tuple[Any, ...]) -> tuple[Future[Any], bool]:
    """(the probe's future, True if this caller must run it). Keyed by the run's settings
    object, which the entry keeps alive, so its id cannot be reused by a later run."""
    with _PROBES_LOCK:
        slot = (id(settings), key)
        if slot in _PROBES:
            return _PROBES[slot][1], False
        future: Future[Any] = Future()
        _PROBES[slot] = (settings, future)
        while len(_PROBES) > 512:
            _PROBES.popitem(last=False)
        return future, True


def _https_root(ip: str, port: int, host: str, timeout: float) -> dict[str, Any]:
    try:
        resp = http.get(ip, port, host, "/", timeout, tls=True)
    except (OSError, ValueError) as exc:  # http.client raises ValueError subclasses on junk
        return {"status": None, "error": http.error_text(exc), "hsts": http.parse_hsts(None),
                "directory_listing": False}
    return {"status": resp["status"], "error": None, "hsts": http.parse_hsts(resp["hsts_header"]),
            "directory_listing": resp["directory_listing"]}


def plain_http(ip: str, port: int, host: str, timeout: float) -> dict[str, Any]:
    """TLS-4.a: what http://host:port answers for the root and for a path with a query."""
    tested: list[dict[str, Any]] = []
    for path in ("/", http.REDIRECT_PROBE_PATH):
        try:
            resp = http.get(ip, port, host, path, timeout, tls=False)
        except (OSError, ValueError) as exc:
            error = http.error_text(exc)
            if not tested:  # nothing listening (or filtered): plain HTTP is unreachable
                return {"port": port, "reachable": False, "error": error, "paths_tested": []}
            tested.append({"path": path, "status": None, "error": error})
            continue
        tested.append({"path": path, "status": resp["status"], "location": resp["location"],
                       "body_bytes": resp["body_bytes"],
                       **http.redirect_facts(resp["location"], host, path)})
    return {"port": port, "reachable": True, "error": None, "paths_tested": tested}


def _exposure_probes(ctx: CollectContext, ip: str, port: int, host: str,
                     timeout: float) -> list[dict[str, Any]]:
    """NET-6: well-known exposure paths plus configured requires_auth URLs on this endpoint."""
    settings = ctx.settings.get("tls") or {}
    paths = [*ctx.params.get("forbidden_paths", []), *settings.get("probe_paths", [])]
    probes = [(p, "forbidden") for p in dict.fromkeys(paths)]
    auth_paths = list(ctx.target.options.get("requires_auth_paths") or [])
    for url in settings.get("requires_auth", []):
        parts = urlsplit(url)
        if (parts.hostname or "").lower() == host.lower() and (parts.port or 443) == port:
            auth_paths.append((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
    probes += [(p, "requires_auth") for p in dict.fromkeys(auth_paths)]
    results = []
    ctx.provenance.commands.append(f"GET https://{host}:{port} {' '.join(p for p, _ in probes)} (NET-6)")
    for path, kind in probes:
        ctx.remaining()
        entry: dict[str, Any] = {"path": path, "kind": kind}
        try:
            resp = http.get(ip, port, host, path, timeout, tls=True)
        except (OSError, ValueError) as exc:
            entry.update({"status": None, "error": http.error_text(exc)})
        else:
            entry.update({"status": resp["status"], "location": resp["location"], "error": None,
                          "body_bytes": resp["body_bytes"], "directory_listing": resp["directory_listing"],
                          "login_redirect": http.is_login_redirect(resp["location"], host)})
        results.append(entry)
    return results
