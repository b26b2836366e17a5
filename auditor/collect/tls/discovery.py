"""Endpoint discovery for tls.endpoint, and the TLS-5 join of listeners with probes.

Config URLs (`tls.endpoints`, and the hosts of `tls.requires_auth`) and inventory endpoint
URLs (`assets[].endpoints[].url`, with `requires_auth: true` paths passed to NET-6.a) keep
`https://host:port` ids. A non-loopback TCP listener found by
host.listening becomes an endpoint with the id `socket_endpoint_id(...)`, which the TLS-5
policy recomputes to join each socket with its probe. `plaintext_listeners` is the same join
in Python (the rule's reference, used by tests and available to callers).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from auditor.collect import ids
from auditor.models import Evidence, EvidenceStatus, Target, TargetKind
from auditor.targets import parse_target_uri

_TCP = frozenset({"tcp"})
_WILDCARD_V4 = frozenset({"0.0.0.0", "*", ""})
_WILDCARD_V6 = frozenset({"::", "[::]"})


def socket_endpoint_id(host_target_id: str, local_address: str, port: int) -> str:
    """Stable id of the probe of one listening socket; TLS-5 builds the same string."""
    return f"{host_target_id}/tcp/{local_address}/{port}"


def _connect_host(host: Target, local_address: str) -> str | None:
    """Where the auditor reaches a socket: the bound address, or the host itself for wildcards."""
    wildcard = local_address in _WILDCARD_V4 or local_address in _WILDCARD_V6
    if host.address == "local":
        if local_address in _WILDCARD_V4:
            return "127.0.0.1"
        return "::1" if local_address in _WILDCARD_V6 else local_address
    if host.address.startswith("ssh://"):
        return urlsplit(host.address).hostname if wildcard else local_address
    return None  # rootfs images have no live sockets


def _listener_targets(ev: Evidence) -> list[Target]:
    targets = []
    for sock in ev.data.get("listening_sockets") or []:
        if sock.get("proto") not in _TCP or sock.get("is_loopback"):
            continue
        local, port = str(sock.get("local_address", "")), int(sock["port"])
        connect = _connect_host(ev.target, local)
        if connect is None:
            continue
        hostpart = f"[{connect}]" if ":" in connect else connect
        targets.append(Target(
            id=socket_endpoint_id(ev.target.id, local, port),
            kind=TargetKind.endpoint,
            address=f"https://{hostpart}:{port}",
            options={"source": "socket", "host_target": ev.target.id, "local_address": local,
                     "process": sock.get("process")},
        ))
    return targets


def _url_target(url: str, source: str) -> Target | None:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    target = parse_target_uri(f"https://{parts.netloc.rpartition('@')[2]}")
    return target.model_copy(update={"options": {"source": source}})


def _inventory_targets(ev: Evidence) -> list[Target]:
    targets = []
    for asset in ev.data.get("assets") or []:
        for endpoint in asset.get("endpoints") or []:
            url = str(endpoint.get("url") or "")
            target = _url_target(url, "inventory")
            if target is None:
                continue
            if endpoint.get("requires_auth") is True:
                path = urlsplit(url).path or "/"
                target.options["requires_auth_paths"] = [path]
            targets.append(target)
    return targets


def _merge(found: dict[str, Target], target: Target) -> None:
    prev = found.get(target.id)
    if prev is None:
        found[target.id] = target
        return
    paths = prev.options.get("requires_auth_paths", []) + target.options.get("requires_auth_paths", [])
    if paths:
        prev.options["requires_auth_paths"] = sorted(set(paths))


def endpoints_from(config: dict[str, Any], host_listening_evidence: list[Evidence]) -> list[Target]:
    """Endpoint targets from the config, the inventory and listeners on scanned hosts.

    The evidence list may hold any collectors' envelopes: host.listening and inventory.assets
    are used.
    """
    found: dict[str, Target] = {}
    tls = config.get("tls") or {}
    for url in [*(tls.get("endpoints") or []), *(tls.get("requires_auth") or [])]:
        target = _url_target(url, "config")
        if target is not None:
            _merge(found, target)
    for ev in host_listening_evidence:
        if ev.status != EvidenceStatus.collected:
            continue
        if ev.collector == ids.INVENTORY_ASSETS:
            for target in _inventory_targets(ev):
                _merge(found, target)
        elif ev.collector == ids.HOST_LISTENING:
            for target in _listener_targets(ev):
                _merge(found, target)
    return list(found.values())


def _exempt(port: int, params: dict[str, Any]) -> bool:
    for item in params.get("plaintext_exempt") or []:
        if item == port or (isinstance(item, dict) and item.get("port") == port):
            return True
    return False


def _redirect_only(ep: dict[str, Any]) -> bool:
    plain = ep.get("plain_http") or {}
    tested = plain.get("paths_tested") or []
    return bool(tested) and all(
        t.get("status") in (301, 302, 307, 308) and t.get("https") and t.get("same_host") for t in tested
    )


def listener_verdict(ep: dict[str, Any] | None, params: dict[str, Any]) -> str | None:
    """None when the probed socket is acceptable for TLS-5, else the protocol seen."""
    if ep is None:
        return "not probed"
    if ep.get("tls_handshake_ok"):
        return None
    probe = ep.get("plaintext_probe") or {}
    guess = probe.get("protocol_guess", "unknown")
    if guess == "ssh" or probe.get("starttls_required") is True:
        return None
    if guess in ("postgres", "mysql") and probe.get("starttls_offered") is True:
        return None
    if guess == "http" and params.get("allow_http_redirect_listener", True) and _redirect_only(ep):
        return None
    return str(guess)


def plaintext_listeners(
    listening: dict[str, dict[str, Any]],
    endpoints: dict[str, dict[str, Any]],
    target_ids: set[str],
    params: dict[str, Any],
) -> list[dict[str, Any]]:
    """TLS-5 in Python: non-loopback TCP listeners that are neither TLS, SSH nor redirect-only.

    A listener without collected probe evidence is reported too ("probe failed" when its
    target was planned, else "not probed"): an unverified socket is not evidence of TLS.
    """
    out = []
    for host_id, data in listening.items():
        for sock in data.get("listening_sockets") or []:
            if sock.get("proto") not in _TCP or sock.get("is_loopback") or _exempt(sock["port"], params):
                continue
            ep_id = socket_endpoint_id(host_id, sock["local_address"], sock["port"])
            verdict = listener_verdict(endpoints.get(ep_id), params)
            if ep_id not in endpoints and ep_id in target_ids:
                verdict = "probe failed"
            if verdict is not None:
                out.append({"host": host_id, "endpoint": ep_id, "port": sock["port"], "seen": verdict})
    return out
