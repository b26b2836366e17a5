"""host.pam: the flattened PAM stacks of sshd, login and common-auth, how each locks accounts
out (pam_faillock with faillock.conf, or legacy pam_tally2), and login.defs."""

from __future__ import annotations

from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import file_entry, read_text
from auditor.collect.parsers import pam as parser
from auditor.models import TargetKind

PAM_DIR = "/etc/pam.d"
SERVICES = ("sshd", "login", "common-auth")
FAILLOCK_CONF = "/etc/security/faillock.conf"


class PamCollector(Collector):
    id: ClassVar[str] = "host.pam"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        names = t.list_dir(PAM_DIR)
        if names is None:
            return {
                "installed": False,
                "stacks": {},
                "lockout": {},
                "faillock_conf": None,
                "login_defs": None,
                "files": [],
            }
        files = self._needed(ctx, names)
        conf_text = read_text(ctx, FAILLOCK_CONF)
        faillock_conf = parser.parse_faillock_conf(conf_text) if conf_text is not None else None
        stacks = {s: parser.expand(s, files) for s in SERVICES if s in files}
        lockout = {}
        for service, stack in stacks.items():
            lockout[service] = parser.lockout(stack, self._conf_for(ctx, stack, faillock_conf))
        defs = read_text(ctx, "/etc/login.defs")
        return {
            "installed": True,
            "stacks": stacks,
            "lockout": lockout,
            "faillock_conf": faillock_conf,
            "login_defs": parser.parse_login_defs(defs) if defs is not None else None,
            "files": [e for e in (file_entry(t, f"{PAM_DIR}/{n}") for n in sorted(files)) if e],
        }

    @staticmethod
    def _needed(ctx: CollectContext, names: list[str]) -> dict[str, str]:
        """{name: text} of the service files and everything they include (only those are read)."""
        todo, texts = [s for s in SERVICES if s in names], {}
        while todo:
            name = todo.pop()
            if name in texts or name not in names:
                continue
            texts[name] = read_text(ctx, f"{PAM_DIR}/{name}") or ""
            todo += [e["include"] for e in parser.parse(texts[name], name)["lines"] if "include" in e]
        return texts

    @staticmethod
    def _conf_for(
        ctx: CollectContext, stack: list[dict[str, Any]], default: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        conf = next(
            (
                e["args"]["conf"]
                for e in stack
                if e["module"] == "pam_faillock.so" and isinstance(e["args"].get("conf"), str)
            ),
            None,
        )
        if conf is None:
            return default
        text = read_text(ctx, conf)
        return parser.parse_faillock_conf(text) if text is not None else None
