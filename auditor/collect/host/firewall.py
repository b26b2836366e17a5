"""host.firewall: which host firewall filters inbound traffic, its default, and what it allows.

On a running host the live rulesets are read (nft JSON, iptables-save, ufw, firewalld);
on a mounted image the boot configuration is read instead (method says which). A host
with no firewall gives `backend: "none"`: that is the finding, not a collection error.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, ClassVar

from auditor.collect.base import CollectContext, Collector
from auditor.collect.host.common import expand_glob, read_text, run_text
from auditor.collect.parsers import iptables, nftables, nftables_conf, ufw
from auditor.errors import CollectorError
from auditor.models import ErrorKind, TargetKind

UNITS = {"nftables": ("nftables.service",), "ufw": ("ufw.service",), "firewalld": ("firewalld.service",),
         "iptables": ("netfilter-persistent.service", "iptables.service", "ip6tables.service")}
NFT_CONFS = ("/etc/nftables.conf", "/etc/sysconfig/nftables.conf")
_COMPAT_TABLES = ("filter", "nat", "mangle", "raw", "security")
_SERVICES = {"ssh": (22, "tcp"), "http": (80, "tcp"), "https": (443, "tcp"), "mysql": (3306, "tcp"),
             "postgresql": (5432, "tcp"), "cockpit": (9090, "tcp"), "redis": (6379, "tcp"),
             "dhcpv6-client": (546, "udp")}


def _empty_family() -> dict[str, Any]:
    return {"input_policy": None, "has_final_drop": False}


def _combine(*views: dict[str, Any] | None) -> dict[str, Any]:
    """Packets must pass every table: one drop policy anywhere makes the default deny."""
    present = [v for v in views if v and v.get("input_policy") is not None]
    policies = {v["input_policy"] for v in present}
    policy = next((p for p in ("drop", "reject") if p in policies), "accept" if present else None)
    return {"input_policy": policy, "has_final_drop": any(v.get("has_final_drop") for v in present)}


class FirewallCollector(Collector):
    id: ClassVar[str] = "host.firewall"
    target_kinds: ClassVar[frozenset[TargetKind]] = frozenset({TargetKind.host})

    def collect(self, ctx: CollectContext) -> dict[str, Any]:
        t = ctx.require_transport()
        return self._runtime(ctx) if t.can_run_commands() else self._image(ctx)

    # --- a running host -------------------------------------------------------------------

    def _runtime(self, ctx: CollectContext) -> dict[str, Any]:
        self.notes: list[str] = []
        ipt4 = self._save(ctx, "iptables-save", "ipv4")
        ipt6 = self._save(ctx, "ip6tables-save", "ipv6")
        skip = frozenset((fam, name) for fam, view in (("ip", ipt4), ("ip6", ipt6))
                         if view and view["backend_variant"] == "nf_tables" and view["rule_count"]
                         for name in _COMPAT_TABLES)
        nft = self._nft(ctx, skip)
        ufw_state = self._ufw(ctx)
        fwd = self._firewalld(ctx)
        backend = self._backend(nft, ipt4, ipt6, ufw_state, fwd)
        # Only the backend in force: each systemctl call is a round trip over SSH.
        boot = {backend: self._unit_enabled(ctx, UNITS[backend])} if backend in UNITS else {}
        enabled = bool(boot.get(backend))
        if backend == "ufw" and ufw_state is not None:
            enabled = enabled and ufw_state.get("enabled_in_conf") is not False
        allows = [*(nft or {}).get("effective_allow", []), *(ipt4 or {}).get("effective_allow", []),
                  *(ipt6 or {}).get("effective_allow", []), *(fwd or {}).get("effective_allow", [])]
        ipv4 = _combine((nft or {}).get("ipv4"), ipt4, self._fwd_family(fwd))
        ipv6 = _combine((nft or {}).get("ipv6"), ipt6, self._fwd_family(fwd))
        return {
            "method": "runtime", "backend": backend,
            "active": backend != "none" and (backend != "ufw" or (ufw_state or {}).get("status") == "active"),
            "enabled_at_boot": enabled, "boot_units": boot,
            "ipv4": ipv4, "ipv6": ipv6, "effective_allow": _dedupe(allows),
            "nftables": self._nft_summary(nft), "iptables": self._ipt_summary(ipt4),
            "ip6tables": self._ipt_summary(ipt6), "ufw": ufw_state, "firewalld": fwd,
            "ruleset_sha256": self._sha(nft, ipt4, ipt6, ufw_state, fwd), "notes": self.notes,
        }

    def _save(self, ctx: CollectContext, command: str, family: str) -> dict[str, Any] | None:
        res = run_text(ctx, [command], sudo=True)
        if res is None:
            return None
        code, out, err = res
        if code != 0 and ("ermission" in err or "must be root" in err):
            raise CollectorError(ErrorKind.permission, f"{command} exited {code}: {err.strip()[:200]}",
                                 hint="run as root")
        if code != 0:  # e.g. no ip_tables support in the kernel: nothing is filtered through it
            self.notes.append(f"{command} exited {code}: {err.strip()[:200]}")
            return None
        view = iptables.parse_save(out, family)
        view["_sha"] = hashlib.sha256(re.sub(r"(?m)^#.*$|\[\d+:\d+\]", "", out).encode()).hexdigest()
        return view

    def _nft(self, ctx: CollectContext, skip: frozenset[tuple[str, str]]) -> dict[str, Any] | None:
        res = run_text(ctx, ["nft", "-j", "list", "ruleset"], sudo=True)
        if res is None:
            return None
        code, out, err = res
        if code != 0:
            raise CollectorError(ErrorKind.permission if "ermission" in err or "not permitted" in err
                                 else ErrorKind.parse, f"nft exited {code}: {err.strip()[:200]}",
                                 hint="run as root")
        return nftables.parse_ruleset(out, skip)

    def _ufw(self, ctx: CollectContext) -> dict[str, Any] | None:
        conf = read_text(ctx, "/etc/ufw/ufw.conf")
        res = run_text(ctx, ["ufw", "status", "verbose"], sudo=True)
        if res is None and conf is None:
            return None
        state: dict[str, Any] = ufw.parse_status(res[1]) if res else {"status": None}
        settings = ufw.parse_shell_vars(conf or "")
        defaults = ufw.parse_shell_vars(read_text(ctx, "/etc/default/ufw") or "")
        state["enabled_in_conf"] = settings.get("ENABLED", "").lower() == "yes" if conf else None
        state["ipv6"] = defaults.get("IPV6", "").lower() == "yes" if defaults else None
        return state

    def _firewalld(self, ctx: CollectContext) -> dict[str, Any] | None:
        res = run_text(ctx, ["firewall-cmd", "--state"], sudo=True)
        if res is None:
            return None
        state = res[1].strip() or res[2].strip()
        out: dict[str, Any] = {"state": state, "default_zone": None, "target": None, "effective_allow": []}
        if state != "running":
            return out
        zone = (run_text(ctx, ["firewall-cmd", "--get-default-zone"], sudo=True) or (0, "", ""))[1].strip()
        target = run_text(ctx, ["firewall-cmd", "--permanent", f"--zone={zone}", "--get-target"], sudo=True)
        ports = run_text(ctx, ["firewall-cmd", f"--zone={zone}", "--list-ports"], sudo=True)
        services = run_text(ctx, ["firewall-cmd", f"--zone={zone}", "--list-services"], sudo=True)
        out["default_zone"] = zone
        out["target"] = target[1].strip() if target else None
        allowed = [p.split("/") for p in (ports[1].split() if ports else [])]
        allowed += [[str(_SERVICES[s][0]), _SERVICES[s][1]] for s in (services[1].split() if services else [])
                    if s in _SERVICES]
        out["effective_allow"] = [
            {"family": fam, "proto": proto, "dport": int(port.split("-")[0]),
             "dport_end": int(port.split("-")[-1]), "any_port": False, "src_cidrs": [nftables.ANY[fam]],
             "iface": None, "action": "accept"}
            for port, proto in allowed for fam in ("ipv4", "ipv6")]
        return out

    @staticmethod
    def _fwd_family(fwd: dict[str, Any] | None) -> dict[str, Any] | None:
        if not fwd or fwd.get("state") != "running":
            return None
        return {"input_policy": ufw.firewalld_input_policy(fwd.get("target")), "has_final_drop": False}

    @staticmethod
    def _backend(nft: dict[str, Any] | None, ipt4: dict[str, Any] | None, ipt6: dict[str, Any] | None,
                 ufw_state: dict[str, Any] | None, fwd: dict[str, Any] | None) -> str:
        if fwd and fwd.get("state") == "running":
            return "firewalld"
        if ufw_state and ufw_state.get("status") == "active":
            return "ufw"
        for view in (ipt4, ipt6):
            if view and (view["rule_count"] or view["input_policy"] not in (None, "accept")):
                return "iptables"
        if nft and nft.get("input_chains"):
            return "nftables"
        return "none"

    def _unit_enabled(self, ctx: CollectContext, units: tuple[str, ...]) -> bool:
        for unit in units:
            res = run_text(ctx, ["systemctl", "is-enabled", unit])
            if res is None:
                return self._unit_linked(ctx, unit)
            if res[1].strip() in ("enabled", "enabled-runtime", "static", "alias"):
                return True
        return False

    # --- a mounted image ------------------------------------------------------------------

    def _unit_linked(self, ctx: CollectContext, unit: str) -> bool:
        t = ctx.require_transport()
        for base in ("/etc/systemd/system",):
            for wants in t.list_dir(base) or []:
                if wants.endswith(".wants") and unit in (t.list_dir(f"{base}/{wants}") or []):
                    return True
        return False

    def _image(self, ctx: CollectContext) -> dict[str, Any]:
        boot = {name: any(self._unit_linked(ctx, u) for u in units) for name, units in UNITS.items()}
        views: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        conf = self._nft_conf(ctx)
        nft = nftables_conf.parse(conf) if conf is not None else None
        if nft is not None:
            views["nftables"] = (nft["ipv4"], nft["ipv6"])
        rules4 = read_text(ctx, "/etc/iptables/rules.v4") or read_text(ctx, "/etc/sysconfig/iptables")
        rules6 = read_text(ctx, "/etc/iptables/rules.v6") or read_text(ctx, "/etc/sysconfig/ip6tables")
        if rules4 is not None or rules6 is not None:
            views["iptables"] = (iptables.parse_save(rules4 or "", "ipv4"),
                                 iptables.parse_save(rules6 or "", "ipv6"))
        ufw_conf = read_text(ctx, "/etc/ufw/ufw.conf")
        ufw_state = None
        if ufw_conf is not None:
            enabled = ufw.parse_shell_vars(ufw_conf).get("ENABLED", "").lower() == "yes"
            defaults = ufw.parse_shell_vars(read_text(ctx, "/etc/default/ufw") or "")
            policy = defaults.get("DEFAULT_INPUT_POLICY", "DROP").lower()
            ufw_state = {"status": "active" if enabled and boot["ufw"] else "inactive",
                         "default_incoming": "deny" if policy == "drop" else policy,
                         "enabled_in_conf": enabled, "ipv6": defaults.get("IPV6", "").lower() == "yes"}
            fam = {"input_policy": policy, "has_final_drop": False}
            views["ufw"] = (fam, fam if ufw_state["ipv6"] else _empty_family())
        order = ("firewalld", "ufw", "iptables", "nftables")
        enabled_backends = [b for b in order if b in views and boot.get(b)]
        backend = enabled_backends[0] if enabled_backends else next((b for b in order if b in views), "none")
        v4, v6 = views.get(backend, (_empty_family(), _empty_family()))
        # Every backend's allows count: a packet accepted by any loaded ruleset may get in.
        allows = _dedupe([*views.get("iptables", ({}, {}))[0].get("effective_allow", []),
                          *views.get("iptables", ({}, {}))[1].get("effective_allow", []),
                          *(nft or {}).get("effective_allow", [])])
        text = json.dumps([conf, rules4, rules6, ufw_conf], sort_keys=True)
        return {
            "method": "boot configuration", "backend": backend, "active": bool(boot.get(backend)),
            "enabled_at_boot": bool(boot.get(backend)), "boot_units": boot,
            "ipv4": _family_facts(v4), "ipv6": _family_facts(v6),
            "effective_allow": allows, "ufw": ufw_state, "firewalld": None,
            "nftables": self._nft_summary(nft), "config_files": self.config_files,
            "iptables": None, "ip6tables": None,
            "ruleset_sha256": hashlib.sha256(text.encode()).hexdigest(),
        }

    def _nft_conf(self, ctx: CollectContext) -> str | None:
        """The boot ruleset's text with its includes resolved as `nft -f` resolves them."""
        t = ctx.require_transport()
        self.config_files: list[str] = []
        for path in NFT_CONFS:
            text = read_text(ctx, path)
            if text is None:
                continue
            try:
                expanded, files = nftables_conf.expand_includes(
                    text, lambda pattern: expand_glob(t, pattern), lambda f: read_text(ctx, f))
            except ValueError as exc:
                raise CollectorError(ErrorKind.parse, f"{path}: {exc}",
                                     hint="nft -c -f would refuse this file: fix the include") from exc
            self.config_files = [path, *files]
            self._names_resolve(ctx, path, expanded)
            return expanded
        return None

    @staticmethod
    def _names_resolve(ctx: CollectContext, path: str, text: str) -> None:
        """nft looks protocol and service names up in the image's /etc/protocols and
        /etc/services and loads nothing when one is missing (a minimal image without netbase):
        that file would leave the host unfiltered at boot, so it cannot be read as a ruleset."""
        used = nftables_conf.names_used(text)
        for kind, table in (("protocols", "/etc/protocols"), ("services", "/etc/services")):
            if not used[kind]:
                continue
            known = nftables_conf.names_in_table(read_text(ctx, table) or "")
            unknown = [n for n in used[kind] if n not in known]
            if unknown:
                raise CollectorError(ErrorKind.parse,
                                     f"nft -f {path} would fail: {', '.join(unknown)} not in {table} "
                                     "of the image, so no ruleset loads at boot",
                                     hint="install netbase (it ships /etc/protocols and /etc/services)")

    # --- summaries ------------------------------------------------------------------------

    @staticmethod
    def _nft_summary(nft: dict[str, Any] | None) -> dict[str, Any] | None:
        if nft is None:
            return None
        return {k: nft[k] for k in ("tables", "input_chains", "rule_count", "ipv4", "ipv6")}

    @staticmethod
    def _ipt_summary(view: dict[str, Any] | None) -> dict[str, Any] | None:
        if view is None:
            return None
        return {k: v for k, v in view.items() if k not in ("effective_allow", "_sha")}

    @staticmethod
    def _sha(*views: dict[str, Any] | None) -> str:
        parts = [(v or {}).get("ruleset_sha256") or (v or {}).get("_sha") or json.dumps(v, sort_keys=True)
                 for v in views]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _family_facts(view: dict[str, Any]) -> dict[str, Any]:
    return {"input_policy": view.get("input_policy"), "has_final_drop": view.get("has_final_drop", False)}


def _dedupe(allows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for a in allows:
        key = json.dumps(a, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
