package dpp.net.net_4

import rego.v1

_in(enabled, addrs, policy) := {"evidence": {
	"host.ipv6": {"h": {"enabled": enabled, "ip_addresses": addrs}},
	"host.firewall": {"h": {"backend": "nftables", "ipv6": {"input_policy": policy, "has_final_drop": false}}},
}}

test_disabled_ipv6_passes if {
	count(deny) == 0 with input as _in(false, [], "accept")
}

test_link_local_only_passes if {
	count(deny) == 0 with input as _in(true, [{"address": "fe80::1", "scope": "link", "interface": "eth0"}], "accept")
}

test_global_address_open_fails if {
	count(deny) == 1 with input as _in(true, [{"address": "2001:db8::1", "scope": "global", "interface": "eth0"}], "accept")
}

test_global_address_drop_passes if {
	count(deny) == 0 with input as _in(true, [{"address": "2001:db8::1", "scope": "global", "interface": "eth0"}], "drop")
}
