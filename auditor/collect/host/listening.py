"""host.listening: listening TCP and unconnected UDP sockets with the owning process.

psutil on this machine; `ss -H -tulpn` elsewhere (over SSH), parsed by parsers.ss.
A mounted image shows no sockets: an error (what listens there cannot be known).
"""

from __future__ import annotations

import socket
from typing import Any, ClassVar

import psutil

from auditor.collect.base import CollectContext, Collector
from auditor.collect.parsers import ss as parser
from auditor.errors import CollectorError, TransportError
from auditor.models import ErrorKind, TargetKind


class ListeningCollector(Collector):
    id: ClassVar[str] = "host.listening"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        if not t.can_run_commands():
            # An error, not not_applicable: NET-2/NET-3 judge sockets, and a clause whose other
            # evidence is clean must not pass on an image nobody could look into.
            raise CollectorError(ErrorKind.unsupported,
                                 "listening sockets cannot be observed on a mounted root filesystem",
                                 hint="audit the running host over SSH or locally")
        if t.name == "local":
            sockets = self._psutil()
            method = "psutil"
        else:
            sockets = self._ss(ctx)
            method = "ss -H -tulpn"
        for s in sockets:
            s["unit"] = self._unit(ctx, s["pid"])
        return {"method": method, "listening_sockets": sockets}

    @staticmethod
    def _psutil() -> list[dict[str, Any]]:
        sockets = []
        try:
            conns = psutil.net_connections(kind="inet")
        except psutil.AccessDenied as exc:
            raise CollectorError(ErrorKind.permission, "cannot list sockets", hint="run as root") from exc
        for c in conns:
            tcp = c.type == socket.SOCK_STREAM
            if (tcp and c.status != psutil.CONN_LISTEN) or (not tcp and c.raddr):
                continue
            if not c.laddr:
                continue
            laddr: Any = c.laddr
            addr = laddr.ip.split("%", 1)[0]
            family, loopback = parser.address_facts(addr)
            name = None
            if c.pid:
                try:
                    name = psutil.Process(c.pid).name()
                except psutil.Error:
                    name = None
            procs = [{"name": name, "pid": c.pid}] if c.pid else []
            sockets.append({"proto": "tcp" if tcp else "udp", "family": family, "local_address": addr,
                            "port": laddr.port, "is_loopback": loopback, "process": name, "pid": c.pid,
                            "processes": procs, "unit": None})
        return sorted(sockets, key=lambda s: (s["proto"], s["port"], s["local_address"], s["pid"] or 0))

    @staticmethod
    def _ss(ctx: CollectContext) -> list[dict[str, Any]]:
        try:
            result = ctx.run(["ss", "-H", "-tulpn"], sudo=True)
        except TransportError as exc:
            if exc.kind == ErrorKind.unsupported:
                raise CollectorError(ErrorKind.unsupported, "ss (iproute2) is not installed",
                                     hint="install iproute2") from exc
            raise
        if result.returncode != 0:
            raise CollectorError(ErrorKind.parse, f"ss exited {result.returncode}")
        return parser.parse_ss(result.text)

    @staticmethod
    def _unit(ctx: CollectContext, pid: int | None) -> str | None:
        if not pid:
            return None
        try:
            data = ctx.require_transport().read_file(f"/proc/{pid}/cgroup", 65536)
        except TransportError:
            return None
        return parser.unit_from_cgroup(data.decode("utf-8", "replace")) if data else None
