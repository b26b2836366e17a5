# METADATA
# title: NET-2 every listening service is approved and reachable only from its approved sources
# custom:
#   clause: NET-2
#   severity: high
#   requires: [host.listening, host.firewall]
#   remediation: Stop or bind to loopback every service not listed in params.approved_services for the host, and narrow firewall allows for non-public ports to the service's allowed_src_cidrs.
package dpp.net.net_2

import rego.v1

_public := object.get(input.params, "public_ports", [{"proto": "tcp", "port": 443}, {"proto": "tcp", "port": 80, "redirect_only": true}])

_approved(t) := object.get(object.get(input.params, "approved_services", {}), t, [])

_is_public(proto, port) if {
	some p in _public
	p.proto == proto
	p.port == port
}

_service(t, proto, port) := s if {
	some s in _approved(t)
	s.proto == proto
	s.port == port
}

_proto_port(s) := [object.get(s, "proto", null), object.get(s, "port", null)]

_process(s) := s.process if s.process != null
else := "unknown process"

deny contains f if {
	some t, l in input.evidence["host.listening"]
	some s in l.listening_sockets
	not s.is_loopback
	[proto, port] := _proto_port(s) # an unread port or protocol is neither public nor approved
	not _is_public(proto, port)
	not _service(t, proto, port)
	f := {"clause": "NET-2", "check": "NET-2.a", "target": t,
		"msg": sprintf("%v/%v (%v) listens on %v but is not an approved service of this host (params.approved_services)", [port, proto, _process(s), object.get(s, "local_address", null)]),
		"details": {"locator": sprintf("listen:%v/%v", [port, proto]), "port": port, "proto": proto, "process": _process(s)}}
}

_proto_matches(rule_proto, _) if rule_proto == "any"

_proto_matches(rule_proto, proto) if rule_proto == proto

_allows_port(e, port) if e.any_port

_allows_port(e, port) if {
	not e.any_port
	e.dport <= port
	port <= e.dport_end
}

_within(cidr, allowed) if {
	some a in allowed
	_contains(a, cidr)
}

_contains(a, cidr) if a == cidr

_contains(a, cidr) if {
	a != cidr
	contains(cidr, "/")
	net.cidr_contains(a, cidr)
}

# Listeners on non-public ports whose firewall allows reach beyond the approved sources.
deny contains f if {
	some t, l in input.evidence["host.listening"]
	fw := input.evidence["host.firewall"][t]
	some s in l.listening_sockets
	not s.is_loopback
	[proto, port] := _proto_port(s)
	not _is_public(proto, port)
	svc := _service(t, proto, port) # none for an unread port (NET-2.a reports it)
	some e in fw.effective_allow
	e.action == "accept"
	e.iface != "lo"
	_proto_matches(e.proto, s.proto)
	_allows_port(e, s.port)
	some cidr in e.src_cidrs
	not _within(cidr, object.get(svc, "allowed_src_cidrs", []))
	f := {"clause": "NET-2", "check": "NET-2.b", "target": t,
		"msg": sprintf("%v/%s (%v) is allowed from %s by the %s ruleset (%s), outside its approved sources %v", [s.port, s.proto, _process(s), cidr, fw.backend, e.family, object.get(svc, "allowed_src_cidrs", [])]),
		"details": {"locator": sprintf("allow:%v/%s:%s", [s.port, s.proto, cidr]), "port": s.port, "source": cidr}}
}
