package dpp.log.log_5_time_sync

import rego.v1

_in(ts) := {"params": {}, "evidence": {"host.hardening": {"h": {"time_sync": ts}}}}

test_timesyncd_passes if {
	count(deny) == 0 with input as _in({"method": "ps -e -o comm=", "running": ["systemd-timesyncd"]})
}

test_nothing_running_fails if {
	count(deny) == 1 with input as _in({"method": "ps -e -o comm=", "running": []})
}

test_unknown_never_passes if {
	count(deny) == 1 with input as _in({"method": "ps -e -o comm=", "running": null})
	count(deny) == 1 with input as _in(null)
}
