package dpp.acc.acc_5

import rego.v1

_a(rules) := {"host.auditd": {"h": {"installed": true, "running": true, "enabled": true, "rules_source": "files", "rules": rules}}}

test_rwa_watch_with_key_passes if {
	r := {"kind": "watch", "path": "/srv/data/", "perms": "rwa", "key": "amazon"}
	count(deny) == 0 with input as {"params": {"amazon_data_paths": ["/srv/data/orders"]}, "evidence": _a([r])}
}

test_watch_without_key_fails if {
	r := {"kind": "watch", "path": "/srv/data", "perms": "rw", "key": null}
	count(deny) == 1 with input as {"params": {"amazon_data_paths": ["/srv/data"]}, "evidence": _a([r])}
}
