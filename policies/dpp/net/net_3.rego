# METADATA
# title: NET-3 management and data ports are never reachable from arbitrary addresses
# custom:
#   clause: NET-3
#   severity: critical
#   requires: [host.firewall, host.listening]
#   remediation: Restrict SSH, database, cache and admin ports to the approved admin CIDRs (or loopback), and keep a default-deny inbound policy.
package dpp.net.net_3

import rego.v1

_sensitive := object.get(input.params, "sensitive_ports", [
	22, 2222, 3306, 5432, 6379, 27017, 9200, 11211, 5672,
	15672, 2375, 2376, 5900, 3389, 8080, 9090, 9100, 10250,
])

_approved_cidrs := {c | some c in object.get(input.params, "approved_admin_cidrs", [])}

_min_prefix := {"ipv4": 24, "ipv6": 56}

# A source is arbitrary when it is wider than a /24 (IPv4) or /56 (IPv6), or not a CIDR at all.
_broad(cidr, family) if {
	parts := split(cidr, "/")
	count(parts) == 2
	to_number(parts[1]) < _min_prefix[family]
}

_broad(cidr, _) if not contains(cidr, "/")

_proto_matches(rule_proto, _) if rule_proto == "any"

_proto_matches(rule_proto, proto) if rule_proto == proto

deny contains f if {
	some t, fw in input.evidence["host.firewall"]
	some e in fw.effective_allow
	e.action == "accept"
	e.iface != "lo"
	not e.any_port
	some port in _sensitive
	e.dport <= port
	port <= e.dport_end
	some proto in ["tcp", "udp"]
	_proto_matches(e.proto, proto)
	some cidr in e.src_cidrs
	_broad(cidr, e.family)
	not cidr in _approved_cidrs
	f := {"clause": "NET-3", "check": "NET-3", "target": t,
		"msg": sprintf("port %v/%s is allowed from %s by the %s ruleset (effective_allow, %s)", [port, proto, cidr, fw.backend, e.family]),
		"details": {"locator": sprintf("allow:%s:%v/%s:%s", [e.family, port, proto, cidr]), "port": port, "proto": proto, "source": cidr}}
}

# Families whose inbound default lets everything in.
_open_family(fw, family) if {
	fam := fw[family]
	not fam.input_policy in {"drop", "reject"}
	not fam.has_final_drop
}

_open_family(fw, family) if {
	some e in fw.effective_allow
	e.family == family
	e.action == "accept"
	e.iface != "lo"
	e.any_port
	e.proto in {"any", "tcp", "udp"}
	some cidr in e.src_cidrs
	_broad(cidr, family)
	not cidr in _approved_cidrs
}

_socket_families(s) := {"ipv4", "ipv6"} if s.family == "any"
else := {"ipv4", "ipv6"} if s.local_address == "::"
else := {s.family}

deny contains f if {
	some t, listening in input.evidence["host.listening"]
	fw := input.evidence["host.firewall"][t]
	some s in listening.listening_sockets
	not s.is_loopback
	s.port in _sensitive
	some family in _socket_families(s)
	_open_family(fw, family)
	f := {"clause": "NET-3", "check": "NET-3", "target": t,
		"msg": sprintf("port %v/%s (%v) listens on %s and %s inbound is open to any address (firewall backend %s)", [s.port, s.proto, _process(s), s.local_address, family, fw.backend]),
		"details": {"locator": sprintf("listen:%s:%v/%s", [family, s.port, s.proto]), "port": s.port, "proto": s.proto, "process": _process(s)}}
}

_process(s) := s.process if s.process != null
else := "unknown process"
