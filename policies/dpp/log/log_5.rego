# METADATA
# title: LOG-5 logs are retained for at least 184 days
# custom:
#   clause: LOG-5
#   severity: high
#   requires: [host.logging, host.auditd]
#   remediation: Keep at least 184 days of every log (e.g. logrotate `daily` + `rotate 183`, or `weekly` + `rotate 26`, or `monthly` + `rotate 6`, no shorter maxage), journald persistent with MaxRetentionSec unset or >= 184 days, and auditd max_log_file_action = keep_logs (or ship to a central store that keeps 184 days).
package dpp.log.log_5

import rego.v1

_min_days := object.get(input.params, "log_retention_min_days", 184)

_day_s := 86400

deny contains f if {
	some t, l in input.evidence["host.logging"]
	some e in l.logrotate.entries
	is_number(e.retention_days)
	e.retention_days < _min_days
	f := {"clause": "LOG-5", "check": "LOG-5.a", "target": t,
		"msg": sprintf("logrotate keeps %s for %v days (%v, rotate %v; %s:%v), want >= %v", [concat(" ", e.paths), e.retention_days, e.frequency, e.rotate, e.file, e.line, _min_days]),
		"details": {"locator": sprintf("logrotate:%s", [e.paths[0]]), "retention_days": e.retention_days}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	some e in l.logrotate.entries
	is_number(e.maxage)
	e.maxage < _min_days
	f := {"clause": "LOG-5", "check": "LOG-5.a", "target": t,
		"msg": sprintf("logrotate maxage %v removes %s before %v days (%s:%v)", [e.maxage, concat(" ", e.paths), _min_days, e.file, e.line]),
		"details": {"locator": sprintf("logrotate-maxage:%s", [e.paths[0]]), "maxage": e.maxage}}
}

warn contains f if {
	some t, l in input.evidence["host.logging"]
	some e in l.logrotate.entries
	days := object.get(e, "retention_days", null) # missing: cannot be computed either
	not is_number(days)
	f := {"clause": "LOG-5", "check": "LOG-5.a", "target": t,
		"msg": sprintf("logrotate retention of %s cannot be computed (frequency %v, rotate %v, size %v; %s:%v)", [concat(" ", e.paths), e.frequency, e.rotate, e.size, e.file, e.line]),
		"details": {"locator": sprintf("logrotate:%s", [e.paths[0]])}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	j := l.journald
	j.max_retention_sec > 0
	j.max_retention_sec < _min_days * _day_s
	f := {"clause": "LOG-5", "check": "LOG-5.b", "target": t,
		"msg": sprintf("journald MaxRetentionSec=%v deletes entries after %v days (want 0 or >= %v)", [j.settings.MaxRetentionSec, j.max_retention_sec / _day_s, _min_days]),
		"details": {"locator": "journald:MaxRetentionSec"}}
}

# Retained logs need a daemon that writes them: configuration without a running daemon keeps nothing.
_runs(l, daemon) if _daemons(l)[daemon] == true

_daemons(l) := d if {
	d := object.get(l, "daemons", null)
	is_object(d)
} else := {}

_keeps_logs(l) if {
	_runs(l, "journald")
	l.journald.persistent
}

_keeps_logs(l) if {
	_runs(l, "rsyslog")
	l.rsyslog.installed
}

_keeps_logs(l) if _runs(l, "syslog_ng")

deny contains f if {
	some t, l in input.evidence["host.logging"]
	not _keeps_logs(l)
	d := _daemons(l)
	f := {"clause": "LOG-5", "check": "LOG-5.b", "target": t,
		"msg": sprintf("no log survives a reboot: journald storage is %v (running: %v), rsyslog installed: %v (running: %v), per %v", [object.get(l.journald, "storage", "unknown"), _state(d, "journald"), l.rsyslog.installed, _state(d, "rsyslog"), object.get(d, "method", "no daemon check")]),
		"details": {"locator": "journald:Storage"}}
}

_state(d, daemon) := "unknown" if object.get(d, daemon, null) == null
else := d[daemon]

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	action := lower(object.get(object.get(a, "conf", {}), "max_log_file_action", "rotate"))
	action != "keep_logs"
	f := {"clause": "LOG-5", "check": "LOG-5.c", "target": t,
		"msg": sprintf("auditd max_log_file_action is %v with num_logs %v x max_log_file %v MB: audit logs are deleted by size, not kept 184 days (want keep_logs)", [action, object.get(a.conf, "num_logs", "unset"), object.get(a.conf, "max_log_file", "unset")]),
		"details": {"locator": "auditd.conf:max_log_file_action"}}
}
