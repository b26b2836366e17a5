# METADATA
# title: NET-1 host firewall is active, loaded at boot and denies inbound by default
# custom:
#   clause: NET-1
#   severity: critical
#   requires: [host.firewall]
#   remediation: Enable nftables (or ufw/firewalld) at boot with an input policy of drop, accepting only loopback, established traffic and the approved services.
package dpp.net.net_1

import rego.v1

_deny_policies := {"drop", "reject"}

_units := {
	"nftables": "nftables.service", "ufw": "ufw.service", "firewalld": "firewalld.service",
	"iptables": "netfilter-persistent.service or iptables.service",
}

_finding(t, check, msg, locator, details) := {
	"clause": "NET-1", "check": check, "target": t, "msg": msg,
	"details": object.union(details, {"locator": locator}),
}

deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	fw.backend == "none"
	f := _finding(t, "NET-1.a",
		"no host firewall is active: nft, iptables-save, ufw and firewalld show no input filtering (backend none)",
		"firewall", {"backend": "none"})
}

deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	fw.backend != "none"
	not fw.active
	f := _finding(t, "NET-1.a", sprintf("the %s firewall is not active (%s)", [fw.backend, _state(fw)]),
		"firewall:active", {"backend": fw.backend})
}

deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	fw.backend != "none"
	not fw.enabled_at_boot
	f := _finding(t, "NET-1.a",
		sprintf("the %s firewall is not enabled at boot (%s is not enabled)", [fw.backend, object.get(_units, fw.backend, fw.backend)]),
		"firewall:boot", {"backend": fw.backend})
}

# ufw decides the inbound default itself; its iptables chains are an implementation detail.
deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	fw.backend == "ufw"
	fw.ufw.status == "active"
	not fw.ufw.default_incoming in {"deny", "reject"}
	f := _finding(t, "NET-1.b",
		sprintf("ufw default incoming policy is %v in ufw status verbose (want deny or reject)", [fw.ufw.default_incoming]),
		"firewall:ufw:default", {"default_incoming": fw.ufw.default_incoming})
}

deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	not fw.backend in {"none", "ufw"}
	not fw.ipv4.input_policy in _deny_policies
	not fw.ipv4.has_final_drop
	f := _finding(t, "NET-1.b",
		sprintf("IPv4 inbound default is not deny in the %s ruleset: input policy %v and no final drop/reject rule", [fw.backend, _policy(fw.ipv4)]),
		"firewall:ipv4:input", {"backend": fw.backend, "input_policy": _policy(fw.ipv4)})
}

_policy(fam) := fam.input_policy if fam.input_policy != null
else := "none (no input chain)"

_state(fw) := sprintf("ufw status: %v", [fw.ufw.status]) if fw.backend == "ufw"
else := sprintf("firewalld state: %v", [fw.firewalld.state]) if fw.backend == "firewalld"
else := "no input hook chain loaded"
