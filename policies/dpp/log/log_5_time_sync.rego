# METADATA
# title: LOG-5 the clock is synchronised, so that log times can be used in an incident
# custom:
#   clause: LOG-5
#   severity: medium
#   requires: [host.hardening]
#   remediation: Run one time synchronisation daemon (systemd-timesyncd, chrony or ntpsec) against the organisation's time sources and enable it at boot.
package dpp.log.log_5_time_sync

import rego.v1

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	ts := _obj(object.get(h, "time_sync", null))
	running := object.get(ts, "running", null)
	not _some_daemon(running)
	f := {"clause": "LOG-5", "check": "LOG-5.time", "target": t,
		"msg": sprintf("no time synchronisation daemon runs (chrony, systemd-timesyncd, ntp; %v): log times cannot be correlated in an incident", [_how(ts, running)]),
		"details": {"locator": "time-sync"}}
}

_some_daemon(running) if {
	is_array(running)
	count(running) > 0
}

_how(ts, running) := sprintf("%v", [object.get(ts, "method", "not read")]) if is_array(running)
else := sprintf("%v, which could not tell", [object.get(ts, "method", "not read")])

_obj(x) := x if is_object(x)
else := {}
