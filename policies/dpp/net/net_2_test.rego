package dpp.net.net_2

import rego.v1

_sock(port) := {"proto": "tcp", "family": "ipv4", "local_address": "0.0.0.0", "port": port, "is_loopback": false, "process": "p"}

_allow(port, cidr) := {"family": "ipv4", "proto": "tcp", "dport": port, "dport_end": port, "any_port": false, "src_cidrs": [cidr], "iface": null, "action": "accept"}

_in(socks, allows, approved) := {"params": {"approved_services": {"h": approved}}, "evidence": {
	"host.listening": {"h": {"listening_sockets": socks}},
	"host.firewall": {"h": {"backend": "nftables", "effective_allow": allows}},
}}

test_public_port_needs_no_approval if {
	count(deny) == 0 with input as _in([_sock(443)], [_allow(443, "0.0.0.0/0")], [])
}

test_unapproved_listener_fails if {
	{f.check | some f in deny} == {"NET-2.a"} with input as _in([_sock(8080)], [], [])
}

test_subnet_inside_approved_cidr_passes if {
	count(deny) == 0 with input as _in([_sock(5432)], [_allow(5432, "10.1.2.0/24")], [{"proto": "tcp", "port": 5432, "allowed_src_cidrs": ["10.0.0.0/8"]}])
}

test_wider_source_fails if {
	{f.check | some f in deny} == {"NET-2.b"} with input as _in([_sock(5432)], [_allow(5432, "0.0.0.0/0")], [{"proto": "tcp", "port": 5432, "allowed_src_cidrs": ["10.0.0.0/8"]}])
}
