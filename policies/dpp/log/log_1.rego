# METADATA
# title: LOG-1 logging covers access, authorisation attempts and configuration changes
# custom:
#   clause: LOG-1
#   severity: high
#   requires: [host.auditd, host.sshd, host.logging, host.webserver]
#   remediation: Install and enable auditd with watches (-p wa) on the identity, sudoers, sshd and firewall files and login records, and syscall rules for privileged execve, time changes and module loading (e.g. the auditd STIG example rules plus site rules); keep sshd LogLevel INFO or VERBOSE and access_log on for every nginx vhost.
package dpp.log.log_1

import rego.v1

# Each requirement is met by a write+attribute watch on any of its paths (or a parent dir).
_watch_requirements := [
	{"name": "passwd", "paths": ["/etc/passwd"]},
	{"name": "shadow", "paths": ["/etc/shadow"]},
	{"name": "group", "paths": ["/etc/group"]},
	{"name": "gshadow", "paths": ["/etc/gshadow"]},
	{"name": "opasswd", "paths": ["/etc/security/opasswd"]},
	{"name": "sudoers", "paths": ["/etc/sudoers"]},
	{"name": "sudoers.d", "paths": ["/etc/sudoers.d"]},
	{"name": "sshd_config", "paths": ["/etc/ssh/sshd_config"]},
	{"name": "firewall config", "paths": ["/etc/nftables.conf", "/etc/iptables", "/etc/ufw", "/etc/firewalld", "/etc/sysconfig/iptables", "/etc/sysconfig/nftables.conf"]},
	{"name": "lastlog", "paths": ["/var/log/lastlog"]},
	{"name": "faillock", "paths": ["/var/run/faillock", "/run/faillock"]},
]

_extra := [{"name": p, "paths": [p]} | some p in object.get(input.params, "app_config_paths", [])]

_syscall_requirements := [
	{"name": "privileged command execution (execve with euid=0 by auid>=1000)", "syscalls": {"execve"}, "fields": {"euid": [0, 0], "auid": [1000, _unset - 1]}},
	{"name": "time changes", "syscalls": {"adjtimex", "settimeofday", "clock_settime"}, "fields": {}},
	{"name": "kernel module loading", "syscalls": {"init_module", "finit_module"}, "fields": {}},
]

_covers(watch, p) if trim_suffix(watch, "/") == p

_covers(watch, p) if startswith(p, concat("", [trim_suffix(watch, "/"), "/"]))

_watched(rules, p) if {
	some r in rules
	r.kind == "watch"
	is_string(r.path)
	_covers(r.path, p)
	is_string(r.perms)
	contains(r.perms, "w")
	contains(r.perms, "a")
}

# Rules are compared by meaning: a rule covers a requirement when every event the requirement
# names matches it, i.e. each of the rule's field filters holds on the requirement's whole range
# (`-F euid=0` alone covers "euid=0 by auid>=1000"; `-F auid>=1000 -F auid!=unset` does too).
# A filter the requirement does not bound (success, exit, uid...) narrows the rule: not covered.
_unset := 4294967295

_syscall_met(rules, req) if {
	some r in rules
	r.kind == "syscall"
	not _never(r)
	some s in r.syscalls
	s in req.syscalls
	every x in r.fields {
		_holds_on(x, req.fields)
	}
}

_never(r) if {
	a := object.get(r, "action", null)
	is_string(a)
	startswith(a, "never")
}

_holds_on(x, _) if x.name in {"arch", "key"}

_holds_on(x, bounds) if {
	range := bounds[x.name]
	v := _audit_number(x.value)
	_within_filter(x.op, v, range[0], range[1])
}

_audit_number(v) := _unset if v in {"unset", "-1", "4294967295"}
else := to_number(v) if regex.match(`^[0-9]+$`, v)

_within_filter("=", v, lo, hi) if {
	lo == v
	hi == v
}

_within_filter("!=", v, lo, _) if v < lo

_within_filter("!=", v, _, hi) if v > hi

_within_filter(">=", v, lo, _) if lo >= v

_within_filter(">", v, lo, _) if lo > v

_within_filter("<=", v, _, hi) if hi <= v

_within_filter("<", v, _, hi) if hi < v

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	not a.installed
	f := {"clause": "LOG-1", "check": "LOG-1.a", "target": t, "msg": "auditd is not installed (no auditd.conf, no auditd binary)",
		"details": {"locator": "auditd:installed"}}
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	some state in ["running", "enabled"]
	a[state] == false
	f := {"clause": "LOG-1", "check": "LOG-1.a", "target": t, "msg": sprintf("auditd is installed but not %s", [state]),
		"details": {"locator": sprintf("auditd:%s", [state])}}
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	some req in array.concat(_watch_requirements, _extra)
	rules := object.get(a, "rules", []) # no rules read: nothing is shown watched
	paths := req.paths
	not _any_watched(rules, paths)
	f := {"clause": "LOG-1", "check": "LOG-1.b", "target": t,
		"msg": sprintf("no audit watch with -p wa covers %s (%s) in the %v rules", [req.name, concat(" or ", paths), object.get(a, "rules_source", "unknown")]),
		"details": {"locator": sprintf("watch:%s", [req.name])}}
}

_any_watched(rules, paths) if {
	some p in paths
	_watched(rules, p)
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	a.installed
	some req in _syscall_requirements
	rules := object.get(a, "rules", []) # no rules read: nothing is shown recorded
	not _syscall_met(rules, req)
	f := {"clause": "LOG-1", "check": "LOG-1.c", "target": t,
		"msg": sprintf("no audit syscall rule records %s (%v rules)", [req.name, object.get(a, "rules_source", "unknown")]),
		"details": {"locator": sprintf("syscall:%s", [concat(",", sort([s | some s in req.syscalls]))])}}
}

deny contains f if {
	some t, s in input.evidence["host.sshd"]
	s.installed
	level := object.get(object.get(s, "effective", {}), "loglevel", null) # unread: not shown logging
	not _logs_auth(level)
	f := {"clause": "LOG-1", "check": "LOG-1.d", "target": t,
		"msg": sprintf("sshd LogLevel is %v in %v: authentication attempts are not logged (want INFO or VERBOSE)", [level, object.get(s, "method", "unknown")]),
		"details": {"locator": "sshd:loglevel"}}
}

_logs_auth(level) if {
	is_string(level)
	upper(level) in {"INFO", "VERBOSE", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3"}
}

# A configuration keeps nothing unless its daemon runs (ps on a running host, the boot
# configuration on an image): an unknown daemon state never counts as running.
_runs(l, daemon) if _daemons(l)[daemon] == true

_daemons(l) := d if {
	d := object.get(l, "daemons", null)
	is_object(d)
} else := {}

_auth_persisted(l) if {
	_runs(l, "rsyslog")
	some a in l.rsyslog.file_actions
	some fac in a.facilities
	fac in {"auth", "authpriv"}
}

_auth_persisted(l) if {
	_runs(l, "journald")
	l.journald.persistent
}

_daemon_state(l) := sprintf("%v (%v)", [_running_names(l), object.get(_daemons(l), "method", "not read")])

_running_names(l) := concat(", ", names) if {
	names := [d | some d in ["journald", "rsyslog", "syslog_ng"]; _runs(l, d)]
	count(names) > 0
} else := "no log daemon runs"

deny contains f if {
	some t, l in input.evidence["host.logging"]
	not _auth_persisted(l)
	f := {"clause": "LOG-1", "check": "LOG-1.e", "target": t,
		"msg": sprintf("authorisation attempts are not persisted: no running rsyslog writes an auth/authpriv file and no running journald stores persistently (journald storage %v; daemons: %v)", [object.get(l.journald, "storage", "unknown"), _daemon_state(l)]),
		"details": {"locator": "auth-log", "daemons": object.get(l, "daemons", null)}}
}

_name(v) := concat(" ", v.server_names) if count(v.server_names) > 0
else := sprintf("%s:%v", [v.file, v.line])

deny contains f if {
	some t, w in input.evidence["host.webserver"]
	some v in w.nginx.vhosts
	not v.redirect_only
	v.access_log == ["off"]
	f := {"clause": "LOG-1", "check": "LOG-1.f", "target": t,
		"msg": sprintf("nginx vhost %s does not log access (access_log off, %s:%v)", [_name(v), v.file, v.line]),
		"details": {"locator": sprintf("nginx:%s", [_name(v)])}}
}
