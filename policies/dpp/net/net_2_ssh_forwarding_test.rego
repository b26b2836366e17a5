package dpp.net.net_2_ssh_forwarding

import rego.v1

_in(eff) := {"params": {}, "evidence": {"host.sshd": {"h": {"installed": true, "method": "sshd -T", "effective": eff}}}}

test_no_forwarding_passes if {
	count(deny) == 0 with input as _in({"allowtcpforwarding": "no", "allowagentforwarding": "no", "maxsessions": 4})
}

test_openssh_defaults_fail if {
	{f.details.locator | some f in deny} == {"sshd:allowtcpforwarding", "sshd:allowagentforwarding"} with input as _in({"allowtcpforwarding": "yes", "allowagentforwarding": "yes", "maxsessions": 10})
}

test_unread_values_never_pass if {
	count(deny) == 3 with input as _in({})
}

test_sshd_not_installed_is_not_judged if {
	count(deny) == 0 with input as {"params": {}, "evidence": {"host.sshd": {"h": {"installed": false, "effective": null}}}}
}
