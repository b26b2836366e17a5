package dpp.acc.acc_15

import rego.v1

_fb(jail) := {"host.fail2ban": {"h": {"installed": true, "running": true, "enabled_at_boot": true, "active_jails": ["sshd"], "files": [], "jails": [jail]}}}

test_debian_defaults_pass if {
	count(deny) == 0 with input as {"params": {}, "evidence": _fb({"name": "sshd", "enabled": true, "maxretry": 5, "findtime": 600, "bantime": 600})}
}

test_permanent_ban_passes if {
	count(deny) == 0 with input as {"params": {}, "evidence": _fb({"name": "sshd", "enabled": true, "maxretry": 3, "findtime": 3600, "bantime": -1})}
}

test_loose_jail_fails_three_ways if {
	count(deny) == 3 with input as {"params": {}, "evidence": _fb({"name": "sshd", "enabled": true, "maxretry": 10, "findtime": 60, "bantime": 60})}
}
