"""host.sshd: the effective OpenSSH server configuration and its files' modes.

`sshd -T` (and `-T -C` per Match block) is authoritative when it runs; otherwise the
files are parsed with sshd's own rules (Include, Match, first value wins, defaults) and
`method` says so, with the reason.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, file_entry, read_text
from auditor.collect.parsers import sshd as parser
from auditor.errors import TransportError
from auditor.models import ErrorKind, TargetKind

MAIN_CONFIG = "/etc/ssh/sshd_config"
_MAX_DEPTH = 16


class SshdCollector(Collector):
    id: ClassVar[str] = "host.sshd"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        sshd = t.which("sshd")
        directives: list[parser.Directive] = []
        files: list[str] = []
        missing: list[str] = []
        self._load(ctx, MAIN_CONFIG, 0, directives, files, missing)
        config_files = [e for e in (file_entry(t, p) for p in files) if e is not None]
        if sshd is None:
            return {"installed": False, "method": None, "method_reason": "sshd is not installed",
                    "effective": {}, "match_blocks": [], "config_files": config_files}
        parsed = parser.evaluate(directives)
        data: dict[str, Any] = {
            "installed": True, "method": "files", "method_reason": None,
            "effective": parsed["effective"], "match_blocks": parsed["match_blocks"],
            "config_files": config_files, "missing_includes": missing,
        }
        for block in data["match_blocks"]:
            block["effective_method"] = "files"
        if not t.can_run_commands():
            data["method_reason"] = "commands cannot run on a mounted root filesystem"
            return data
        self._sshd_t(ctx, data)
        return data

    def _load(self, ctx: CollectContext, path: str, depth: int, out: list[parser.Directive],
              files: list[str], missing: list[str]) -> None:
        if depth > _MAX_DEPTH:
            raise TransportError(ErrorKind.parse, f"{path}: Include nested deeper than {_MAX_DEPTH}")
        text = read_text(ctx, path)
        if text is None:
            missing.append(path)
            return
        files.append(path)
        t = ctx.require_transport()
        for d in parser.tokenize(text, path):
            if d.keyword != "include":
                out.append(d)
                continue
            for pattern in d.args:
                absolute = pattern if pattern.startswith("/") else f"/etc/ssh/{pattern}"
                matches = expand_glob(t, absolute)
                if not matches and not any(c in pattern for c in "*?["):
                    missing.append(absolute)
                for match in matches:
                    self._load(ctx, match, depth + 1, out, files, missing)

    def _sshd_t(self, ctx: CollectContext, data: dict[str, Any]) -> None:
        # Bare names: the SSH transport matches sudo argv against the spec's allow-list.
        try:
            result = ctx.run(["sshd", "-T"], sudo=True)
        except TransportError as exc:
            if exc.kind == ErrorKind.timeout:
                raise
            data["method_reason"] = f"sshd -T could not run: {exc.message}"
            return
        if result.returncode != 0:
            err = result.stderr.decode("utf-8", "replace").strip().splitlines()
            data["method_reason"] = f"sshd -T exited {result.returncode}: {err[0] if err else ''}".strip()
            return
        data["method"] = "sshd -T"
        data["effective"] = parser.parse_sshd_t(result.text)
        groups = self._group_members(ctx)
        for block in data["match_blocks"]:
            spec = parser.connection_spec(block["criteria"], groups)
            block["connection_spec"] = spec
            if spec is None:
                block["effective"] = {**data["effective"], **block["settings"]}
                continue
            tested = ctx.run(["sshd", "-T", "-C", spec], sudo=True)
            if tested.returncode == 0:
                block["effective"] = parser.parse_sshd_t(tested.text)
                block["effective_method"] = "sshd -T -C"

    @staticmethod
    def _group_members(ctx: CollectContext) -> dict[str, list[str]]:
        text = read_text(ctx, "/etc/group") or ""
        members: dict[str, list[str]] = {}
        for line in text.splitlines():
            fields = line.split(":")
            if len(fields) >= 4:
                members[fields[0]] = [m for m in fields[3].split(",") if m]
        return members
