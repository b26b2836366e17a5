package dpp.log.log_3

import rego.v1

_a(immutable, conf) := {"host.auditd": {"h": {"installed": true, "immutable": immutable, "status": null, "conf": conf}}}

test_immutable_and_halt_pass if {
	count(deny) == 0 with input as {"evidence": _a(true, {"disk_full_action": "halt", "admin_space_left_action": "SINGLE"})}
}

test_missing_conf_keys_fail if {
	count(deny) == 2 with input as {"evidence": _a(true, {})}
}
