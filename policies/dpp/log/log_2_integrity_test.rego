package dpp.log.log_2_integrity

import rego.v1

_in(a) := {"params": {}, "evidence": {"host.hardening": {"h": {"aide": a}}}}

test_scheduled_aide_with_database_passes if {
	count(deny) == 0 with input as _in({"installed": true, "database": "/var/lib/aide/aide.db", "scheduled": ["/etc/cron.daily/aide"]})
}

test_no_aide_fails if {
	count(deny) == 1 with input as _in({"installed": false, "database": null, "scheduled": []})
}

test_uninitialised_aide_fails if {
	some f in deny with input as _in({"installed": true, "database": null, "scheduled": ["/etc/cron.daily/aide"]})
	f.details.problems == ["its database is not initialised (/var/lib/aide/aide.db)"]
}

test_unknown_never_passes if {
	count(deny) == 1 with input as _in(null)
}
