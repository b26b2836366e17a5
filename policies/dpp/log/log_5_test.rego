package dpp.log.log_5

import rego.v1

_l(entries) := {"host.logging": {"h": {"logrotate": {"entries": entries}, "journald": {"persistent": true, "max_retention_sec": 0}, "rsyslog": {"installed": true}}}}

test_weekly_26_passes if {
	e := {"paths": ["/var/log/auth.log"], "frequency": "weekly", "rotate": 26, "retention_days": 189, "maxage": null, "file": "f", "line": 1}
	count(deny) == 0 with input as {"params": {}, "evidence": _l([e])}
}

test_weekly_4_fails if {
	e := {"paths": ["/var/log/auth.log"], "frequency": "weekly", "rotate": 4, "retention_days": 35, "maxage": null, "file": "f", "line": 1}
	count(deny) == 1 with input as {"params": {}, "evidence": _l([e])}
}

test_size_only_warns if {
	e := {"paths": ["/var/log/app.log"], "frequency": null, "rotate": 10, "size": "100M", "retention_days": null, "maxage": null, "file": "f", "line": 1}
	count(warn) == 1 with input as {"params": {}, "evidence": _l([e])}
}
