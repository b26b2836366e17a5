"""host.webserver: nginx virtual hosts with their effective access logs and request-rate
limits (limit_req), from /etc/nginx/nginx.conf with every include expanded in place."""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text
from auditor.collect.parsers import nginx as parser
from auditor.errors import TransportError
from auditor.models import ErrorKind, TargetKind

MAIN = "/etc/nginx/nginx.conf"
_MAX_DEPTH = 16


class WebserverCollector(Collector):
    id: ClassVar[str] = "host.webserver"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        text = read_text(ctx, MAIN)
        if text is None:
            return {"nginx": {"installed": False, "files": [], "vhosts": [], "limit_req_zones": {}}}
        files = [MAIN]
        directives = self._expand(ctx, parser.tokenize(text, MAIN), files, 0)
        return {"nginx": {"installed": True, "files": files, **parser.vhosts(directives)}}

    def _expand(
        self, ctx: CollectContext, block: list[parser.Directive], files: list[str], depth: int
    ) -> list[parser.Directive]:
        if depth > _MAX_DEPTH:
            raise TransportError(ErrorKind.parse, f"nginx include nested deeper than {_MAX_DEPTH}")
        out: list[parser.Directive] = []
        for d in block:
            if d["name"] == "include" and d["args"]:
                pattern = d["args"][0] if d["args"][0].startswith("/") else f"/etc/nginx/{d['args'][0]}"
                paths = (
                    expand_glob(ctx.require_transport(), pattern)
                    if any(c in pattern for c in "*?[")
                    else [pattern]
                )
                for path in paths:
                    body = read_text(ctx, path)
                    if body is not None:
                        files.append(path)
                        out += self._expand(ctx, parser.tokenize(body, path), files, depth + 1)
                continue
            if d["block"] is not None:
                d = {**d, "block": self._expand(ctx, d["block"], files, depth)}
            out.append(d)
        return out
