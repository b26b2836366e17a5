# METADATA
# title: NET-4 IPv6 is filtered as strictly as IPv4 (or off)
# custom:
#   clause: NET-4
#   severity: high
#   requires: [host.firewall, host.ipv6]
#   remediation: Give IPv6 a default-deny input policy too (nft `inet` table, ip6tables, ufw IPV6=yes), or disable IPv6 (net.ipv6.conf.all.disable_ipv6 = 1).
package dpp.net.net_4

import rego.v1

_reasons(t, v6) := (({sprintf("global address %s on %s", [a.address, a.interface]) |
	some a in _addresses(v6)
	a.scope == "global"
} | {sprintf("%v/%s listening on %s", [s.port, s.proto, s.local_address]) |
	some s in object.get(object.get(input.evidence, "host.listening", {}), t, {"listening_sockets": []}).listening_sockets
	object.get(s, "is_loopback", null) != true
	s.family in {"ipv6", "any"}
}) | {"IPv6 is enabled in the image's configuration" | v6.ip_addresses == null})

_addresses(v6) := v6.ip_addresses if is_array(v6.ip_addresses)
else := []

_default_deny(fw) if fw.ipv6.input_policy in {"drop", "reject"}

_default_deny(fw) if fw.ipv6.has_final_drop

deny contains f if {
	some t, v6 in input.evidence["host.ipv6"]
	v6.enabled
	fw := input.evidence["host.firewall"][t]
	not _default_deny(fw)
	reasons := _reasons(t, v6)
	count(reasons) > 0
	f := {"clause": "NET-4", "check": "NET-4", "target": t,
		"msg": sprintf("IPv6 inbound is not default-deny (%s ipv6 input policy %v, final drop %v) while IPv6 is in use: %s", [fw.backend, fw.ipv6.input_policy, fw.ipv6.has_final_drop, concat("; ", sort(reasons))]),
		"details": {"locator": "ipv6:input"}}
}
