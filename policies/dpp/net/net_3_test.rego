package dpp.net.net_3

import rego.v1

_allow(port, src) := {"family": "ipv4", "proto": "tcp", "dport": port, "dport_end": port, "any_port": false,
	"src_cidrs": [src], "iface": null, "action": "accept"}

_input(allows, sockets, params) := {"params": params, "evidence": {
	"host.firewall": {"h": {"backend": "nftables", "ipv4": {"input_policy": "drop", "has_final_drop": true},
		"ipv6": {"input_policy": "drop", "has_final_drop": true}, "effective_allow": allows}},
	"host.listening": {"h": {"listening_sockets": sockets}},
}}

test_world_open_database_fails if {
	count(deny) == 1 with input as _input([_allow(5432, "0.0.0.0/0")], [], {})
}

test_slash_24_passes if {
	count(deny) == 0 with input as _input([_allow(22, "192.0.2.0/24")], [], {})
}

test_approved_wide_cidr_passes if {
	count(deny) == 0 with input as _input([_allow(22, "10.0.0.0/8")], [], {"approved_admin_cidrs": ["10.0.0.0/8"]})
}

test_public_web_port_passes if {
	count(deny) == 0 with input as _input([_allow(443, "0.0.0.0/0")], [], {})
}
