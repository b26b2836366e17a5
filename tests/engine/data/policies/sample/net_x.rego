# METADATA
# title: SMP-1 sample - firewall default deny, sensitive ports not open to the world
# description: A small policy for the engine tests (not shipped).
# custom:
#   clause: SMP-1
#   severity: critical
#   requires: [host.firewall]
#   remediation: Drop by default; allow sensitive ports from the admin networks only.
package sample.net_x

import rego.v1

deny contains f if {
	some target, fw in input.evidence["host.firewall"]
	fw.backend == "none"
	f := {"clause": "SMP-1", "check": "SMP-1.a", "target": target, "msg": "no host firewall is active",
	      "details": {"backend": fw.backend}}
}

deny contains f if {
	some target, fw in input.evidence["host.firewall"]
	fw.backend != "none"
	fw.input_policy != "drop"
	f := {"clause": "SMP-1", "check": "SMP-1.b", "target": target,
	      "msg": sprintf("input policy is %v, not drop", [fw.input_policy]), "details": {}}
}

# A sensitive port reachable from outside the admin networks (CIDR arithmetic via polyfills).
deny contains f if {
	some target, fw in input.evidence["host.firewall"]
	some rule in fw.accept
	rule.port in input.params.sensitive_ports
	outside := [src | some src in rule.sources; not within_admin(src)]
	count(outside) > 0
	f := {"clause": "SMP-1", "check": "SMP-1.c", "target": target,
	      "msg": sprintf("port %v is open to %v", [rule.port, concat(", ", sort(net.cidr_merge(outside)))]),
	      "details": {"locator": sprintf("tcp/%v", [rule.port])}}
}

warn contains f if {
	some target, fw in input.evidence["host.firewall"]
	merged := net.cidr_merge(fw.admin_networks)
	count(merged) < count(fw.admin_networks)
	f := {"clause": "SMP-1", "check": "SMP-1.d", "target": target,
	      "msg": sprintf("admin networks overlap; they merge to %v", [concat(", ", sort(merged))]),
	      "details": {}}
}

within_admin(src) if {
	some pair in net.cidr_contains_matches(input.params.admin_networks, src)
	pair[0] >= 0
}
