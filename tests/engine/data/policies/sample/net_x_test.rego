package sample.net_x

import rego.v1

params := {"sensitive_ports": [22], "admin_networks": ["10.0.0.0/8"]}

test_no_firewall_denied if {
	some f in deny with input as {"params": params, "evidence": {"host.firewall": {"h": {"backend": "none"}}}}
	f.check == "SMP-1.a"
}

test_ssh_from_admin_network_only_passes if {
	fw := {"backend": "nftables", "input_policy": "drop", "admin_networks": ["10.0.0.0/8"],
	       "accept": [{"port": 22, "sources": ["10.1.0.0/16"]}]}
	count(deny) == 0 with input as {"params": params, "evidence": {"host.firewall": {"h": fw}}}
}

test_ssh_from_anywhere_denied if {
	fw := {"backend": "nftables", "input_policy": "drop", "admin_networks": [],
	       "accept": [{"port": 22, "sources": ["0.0.0.0/1", "128.0.0.0/1"]}]}
	some f in deny with input as {"params": params, "evidence": {"host.firewall": {"h": fw}}}
	f.msg == "port 22 is open to 0.0.0.0/0"
}
