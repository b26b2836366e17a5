# METADATA
# title: LOG-3 audit logs resist tampering (immutable rules, safe failure actions)
# custom:
#   clause: LOG-3
#   severity: high
#   requires: [host.auditd, host.logging]
#   remediation: End the audit rules with `-e 2` (99-finalize.rules), set disk_full_action and admin_space_left_action to single or halt in auditd.conf, and copy logs off the host over TLS in near real time.
package dpp.log.log_3

import rego.v1

_safe := {"halt", "single"}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	not a.installed
	f := {"clause": "LOG-3", "check": "LOG-3.a", "target": t, "msg": "auditd is not installed, so audit rules cannot be made immutable",
		"details": {"locator": "auditd:installed"}}
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	not a.immutable
	f := {"clause": "LOG-3", "check": "LOG-3.a", "target": t,
		"msg": sprintf("audit rules are not immutable (%v): no final `-e 2`", [_source(a)]),
		"details": {"locator": "auditd:immutable"}}
}

_source(a) := sprintf("auditctl -s enabled %v", [a.status.enabled]) if a.status != null
else := "rules.d files"

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	some key in ["disk_full_action", "admin_space_left_action"]
	value := object.get(object.get(a, "conf", {}), key, "unset")
	not lower(value) in _safe
	f := {"clause": "LOG-3", "check": "LOG-3.b", "target": t,
		"msg": sprintf("auditd.conf %s is %v (want single or halt, so auditing never silently stops)", [key, value]),
		"details": {"locator": sprintf("auditd.conf:%s", [key])}}
}

_off_host(l) if {
	some fwd in l.rsyslog.forwards
	fwd.tls
}

_off_host(l) if {
	l.journal_upload.enabled
	l.journal_upload.tls
}

_off_host(l) if {
	some a in l.agents
	a.running != false
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	not _off_host(l)
	f := {"clause": "LOG-3", "check": "LOG-3.c", "target": t,
		"msg": "no off-host copy of the logs over TLS (rsyslog TLS forward, https journal-upload or a shipping agent): a host admin can alter every copy",
		"details": {"locator": "off-host"}}
}
