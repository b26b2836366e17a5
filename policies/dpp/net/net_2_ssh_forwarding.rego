# METADATA
# title: NET-2 SSH does not forward connections to services the firewall keeps loopback-only
# custom:
#   clause: NET-2
#   severity: medium
#   requires: [host.sshd]
#   remediation: In sshd_config set AllowTcpForwarding no, AllowAgentForwarding no and MaxSessions 10 or less (per Match block where forwarding is needed).
package dpp.net.net_2_ssh_forwarding

import rego.v1

_max_sessions := object.get(input.params, "ssh_max_sessions", 10)

_finding(t, s, key, msg) := {"clause": "NET-2", "check": "NET-2.ssh", "target": t,
	"msg": sprintf("sshd %v (from %v): %v", [key, object.get(s, "method", "unknown"), msg]),
	"details": {"locator": sprintf("sshd:%v", [key])}}

_eff(s) := e if {
	e := object.get(s, "effective", null)
	is_object(e)
} else := {}

# TCP forwarding lets any SSH user reach what listens on loopback only, past the firewall.
deny contains f if {
	some t, s in input.evidence["host.sshd"]
	object.get(s, "installed", true) != false
	v := lower(sprintf("%v", [object.get(_eff(s), "allowtcpforwarding", "unset")]))
	not v in {"no", "remote"}
	f := _finding(t, s, "allowtcpforwarding", sprintf("is %v (want no, or remote): local forwarding reaches loopback-only services", [v]))
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	object.get(s, "installed", true) != false
	v := lower(sprintf("%v", [object.get(_eff(s), "allowagentforwarding", "unset")]))
	v != "no"
	f := _finding(t, s, "allowagentforwarding", sprintf("is %v (want no): a forwarded agent lets the host use the user's keys elsewhere", [v]))
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	object.get(s, "installed", true) != false
	v := object.get(_eff(s), "maxsessions", null)
	not _at_most(v, _max_sessions)
	f := _finding(t, s, "maxsessions", sprintf("is %v (want <= %v)", [v, _max_sessions]))
}

_at_most(v, limit) if {
	is_number(v)
	v <= limit
}
