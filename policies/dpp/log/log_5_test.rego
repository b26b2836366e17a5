package dpp.log.log_5

import rego.v1

_l(entries) := {"host.logging": {"h": {"logrotate": {"entries": entries}, "journald": {"persistent": true, "max_retention_sec": 0}, "rsyslog": {"installed": true}, "daemons": {"method": "ps -e -o comm=", "journald": true, "rsyslog": true}}}}

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

# Issue #15 item 6: Storage=auto plus /var/log/journal keeps nothing when journald does not run.
_cfg_only(daemons) := {"host.logging": {"h": {"logrotate": {"entries": []}, "journald": {"persistent": true, "storage": "auto", "max_retention_sec": 0},
	"rsyslog": {"installed": false}, "daemons": daemons}}}

test_persistent_journald_config_without_journald_fails if {
	{f.check | some f in deny} == {"LOG-5.b"} with input as {"params": {}, "evidence": _cfg_only({"method": "ps -e -o comm=", "journald": false, "rsyslog": false})}
}

test_daemon_state_unknown_never_passes if {
	{f.check | some f in deny} == {"LOG-5.b"} with input as {"params": {}, "evidence": _cfg_only({"method": "ps -e -o comm=", "journald": null, "rsyslog": null})}
	{f.check | some f in deny} == {"LOG-5.b"} with input as {"params": {}, "evidence": _cfg_only(null)}
}

test_running_persistent_journald_passes if {
	count(deny) == 0 with input as {"params": {}, "evidence": _cfg_only({"method": "ps -e -o comm=", "journald": true, "rsyslog": false})}
}
