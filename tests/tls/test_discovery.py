"""Endpoint discovery from config, inventory and host.listening evidence."""

from __future__ import annotations

from typing import Any

from auditor.collect import ids
from auditor.collect.tls.discovery import endpoints_from, socket_endpoint_id
from auditor.models import Evidence, Target, TargetKind


def _ev(collector: str, target: Target, data: dict[str, Any], status: str = "collected") -> Evidence:
    return Evidence(collector=collector, target=target, status=status, collected_at="2026-11-27T00:00:00Z",
                    duration_s=0.1, data=data)


def _sock(addr: str, port: int, proto: str = "tcp", loopback: bool = False) -> dict[str, Any]:
    return {"proto": proto, "family": "ipv4", "local_address": addr, "port": port, "is_loopback": loopback,
            "process": "p", "pid": 1}


LOCAL = Target(id="local", kind=TargetKind.host, address="local")
WEB1 = Target(id="web1", kind=TargetKind.host, address="ssh://audit@web1.internal:22")
IMAGE = Target(id="rootfs:/mnt/img", kind=TargetKind.host, address="rootfs:/mnt/img")
INVENTORY = Target(id="inventory", kind=TargetKind.inventory, address="inventory")


def test_sources_are_merged_and_filtered() -> None:
    config = {"tls": {"endpoints": ["https://shop.example.com"],
                      "requires_auth": ["https://admin.example.com:8443/console/"]}}
    evidence = [
        _ev(ids.HOST_LISTENING, LOCAL, {"listening_sockets": [
            _sock("0.0.0.0", 443), _sock("::", 8443), _sock("127.0.0.1", 5432, loopback=True),
            _sock("0.0.0.0", 53, proto="udp"), _sock("10.1.2.3", 6379)]}),
        _ev(ids.HOST_LISTENING, WEB1, {"listening_sockets": [_sock("*", 443)]}),
        _ev(ids.HOST_LISTENING, IMAGE, {"listening_sockets": [_sock("0.0.0.0", 80)]}),
        _ev(ids.HOST_LISTENING, Target(id="down", kind=TargetKind.host, address="local"), {}, status="error"),
        _ev(ids.INVENTORY_ASSETS, INVENTORY, {"assets": [{"asset_id": "a1", "endpoints": [
            {"url": "https://shop.example.com/admin/", "requires_auth": True},
            {"url": "http://legacy.example.com/"}]}]}),
    ]
    targets = {t.id: t for t in endpoints_from(config, evidence)}
    assert {t: (v.address, v.options.get("source")) for t, v in targets.items()} == {
        "https://shop.example.com:443": ("https://shop.example.com:443", "config"),
        "https://admin.example.com:8443": ("https://admin.example.com:8443", "config"),
        "local/tcp/0.0.0.0/443": ("https://127.0.0.1:443", "socket"),
        "local/tcp/::/8443": ("https://[::1]:8443", "socket"),
        "local/tcp/10.1.2.3/6379": ("https://10.1.2.3:6379", "socket"),
        "web1/tcp/*/443": ("https://web1.internal:443", "socket"),
    }
    assert targets["https://shop.example.com:443"].options["requires_auth_paths"] == ["/admin/"]
    assert targets["web1/tcp/*/443"].options["host_target"] == "web1"
    assert socket_endpoint_id("web1", "*", 443) == "web1/tcp/*/443"


def test_inventory_urls_become_targets_under_the_real_collector_id() -> None:
    """The envelope id the inventory collector really writes (its class and spec, not a
    literal): an endpoint listed only in the inventory is probed. The rename to
    inventory.assets once left discovery matching "inventory", so such URLs were never probed."""
    from auditor.collect.inventory.collector import InventoryCollector
    from auditor.collect.specs import load_specs
    from auditor.config import default_config
    from auditor.pipeline import _discovered_endpoints

    assert InventoryCollector.id in load_specs()
    inventory = _ev(InventoryCollector.id, INVENTORY, {"assets": [{"asset_id": "a1", "endpoints": [
        {"url": "https://orders.example.com:8443/api/", "requires_auth": True}]}]})
    found = _discovered_endpoints(default_config(), [inventory], set())
    assert [(t.id, t.options.get("source"), t.options.get("requires_auth_paths")) for t in found] == [
        ("https://orders.example.com:8443", "inventory", ["/api/"])
    ]
