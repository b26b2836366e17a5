# METADATA
# title: LOG-2 file-integrity monitoring (AIDE) watches logs and configuration for tampering
# custom:
#   clause: LOG-2
#   severity: medium
#   requires: [host.hardening]
#   remediation: Install aide, initialise its database (aideinit) and schedule the check (Debian's /etc/cron.daily/aide or dailyaidecheck.timer).
package dpp.log.log_2_integrity

import rego.v1

_aide(h) := a if {
	a := object.get(h, "aide", null)
	is_object(a)
} else := {}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	a := _aide(h)
	problems := _problems(a)
	count(problems) > 0
	f := {"clause": "LOG-2", "check": "LOG-2.integrity", "target": t,
		"msg": sprintf("no file-integrity monitoring detects tampering with logs and configuration: %v", [concat("; ", sort(problems))]),
		"details": {"locator": "aide", "problems": sort(problems)}}
}

_problems(a) := {p | object.get(a, "installed", false) != true; p := "AIDE is not installed"} | {p |
	object.get(a, "installed", false) == true
	not is_string(object.get(a, "database", null))
	p := "its database is not initialised (/var/lib/aide/aide.db)"
} | {p |
	object.get(a, "installed", false) == true
	count(object.get(a, "scheduled", [])) == 0
	p := "no scheduled check (cron.daily/aide or dailyaidecheck.timer)"
}
