package dpp.net.net_1

import rego.v1

_fw(backend, active, boot, policy, final) := {"host.firewall": {"h": {
	"backend": backend, "active": active, "enabled_at_boot": boot, "boot_units": {},
	"ipv4": {"input_policy": policy, "has_final_drop": final}, "ufw": null,
}}}

test_no_firewall_fails if {
	some f in deny with input as {"params": {}, "evidence": _fw("none", false, false, null, false)}
	f.check == "NET-1.a"
}

test_drop_policy_at_boot_passes if {
	count(deny) == 0 with input as {"params": {}, "evidence": _fw("nftables", true, true, "drop", false)}
}

test_final_drop_counts_as_default_deny if {
	count(deny) == 0 with input as {"params": {}, "evidence": _fw("iptables", true, true, "accept", true)}
}

test_accept_policy_fails_b if {
	checks := {f.check | some f in deny} with input as {"params": {}, "evidence": _fw("nftables", true, true, "accept", false)}
	checks == {"NET-1.b"}
}
