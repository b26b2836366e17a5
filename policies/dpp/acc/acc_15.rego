# METADATA
# title: ACC-15 repeated SSH login attempts are rate-limited (fail2ban sshd jail)
# custom:
#   clause: ACC-15
#   severity: high
#   requires: [host.fail2ban, host.webserver]
#   remediation: Install fail2ban with the sshd jail enabled, maxretry <= 5, findtime >= 600 s and bantime >= 600 s (Debian's packaged defaults), running and enabled at boot; put `limit_req` on every nginx location that passes requests to the Application.
package dpp.acc.acc_15

import rego.v1

_maxretry := object.get(input.params, "fail2ban_maxretry_max", 5)

_findtime := object.get(input.params, "fail2ban_findtime_min_s", 600)

_bantime := object.get(input.params, "fail2ban_bantime_min_s", 600)

_sshd(fb) := [j | some j in fb.jails; j.name == "sshd"; j.enabled]

deny contains f if {
	some t, fb in input.evidence["host.fail2ban"]
	not fb.installed
	f := {"clause": "ACC-15", "check": "ACC-15.a", "target": t, "msg": "fail2ban is not installed: nothing bans repeated SSH login attempts",
		"details": {"locator": "fail2ban:installed"}}
}

deny contains f if {
	some t, fb in input.evidence["host.fail2ban"]
	fb.installed
	count(_sshd(fb)) == 0
	f := {"clause": "ACC-15", "check": "ACC-15.a", "target": t, "msg": sprintf("fail2ban has no enabled sshd jail (%s)", [concat(", ", fb.files)]),
		"details": {"locator": "fail2ban:sshd"}}
}

deny contains f if {
	some t, fb in input.evidence["host.fail2ban"]
	fb.installed
	some state in ["running", "enabled_at_boot"]
	fb[state] == false
	f := {"clause": "ACC-15", "check": "ACC-15.a", "target": t, "msg": sprintf("fail2ban is installed but not %s", [replace(state, "_", " ")]),
		"details": {"locator": sprintf("fail2ban:%s", [state])}}
}

deny contains f if {
	some t, fb in input.evidence["host.fail2ban"]
	is_array(fb.active_jails)
	count(_sshd(fb)) > 0
	not "sshd" in object.get(fb, "active_jails", [])
	f := {"clause": "ACC-15", "check": "ACC-15.a", "target": t, "msg": "the sshd jail is configured but not active in fail2ban-client status",
		"details": {"locator": "fail2ban:sshd-active"}}
}

# A missing setting cannot be shown within limits: it reads as null and is reported.
_bad(j) := (({sprintf("maxretry %v (want <= %v)", [v, _maxretry]) | v := object.get(j, "maxretry", null); not _le(v, _maxretry)} | {sprintf("findtime %v s (want >= %v)", [v, _findtime]) | v := object.get(j, "findtime", null); not _ge(v, _findtime)}) | {sprintf("bantime %v s (want >= %v or -1)", [v, _bantime]) | v := object.get(j, "bantime", null); not _ban_ok(v)})

_le(v, limit) if {
	is_number(v)
	v >= 1
	v <= limit
}

_ge(v, limit) if {
	is_number(v)
	v >= limit
}

_ban_ok(v) if _ge(v, _bantime)

_ban_ok(v) if {
	is_number(v) # null sorts below numbers in Rego
	v < 0
}

deny contains f if {
	some t, fb in input.evidence["host.fail2ban"]
	some j in _sshd(fb)
	some bad in _bad(j)
	f := {"clause": "ACC-15", "check": "ACC-15.b", "target": t, "msg": sprintf("fail2ban sshd jail has %s", [bad]),
		"details": {"locator": sprintf("fail2ban:sshd:%s", [split(bad, " ")[0]])}}
}

_name(v) := concat(" ", v.server_names) if count(v.server_names) > 0
else := sprintf("%s:%v", [v.file, v.line])

deny contains f if {
	some t, w in input.evidence["host.webserver"]
	some v in w.nginx.vhosts
	not v.redirect_only
	some loc in v.locations
	loc.dynamic
	count(loc.limit_req) == 0
	f := {"clause": "ACC-15", "check": "ACC-15.c", "target": t,
		"msg": sprintf("nginx %s location %s passes requests to the Application without limit_req (%s:%v)", [_name(v), loc.path, v.file, loc.line]),
		"details": {"locator": sprintf("nginx:%s:%s", [_name(v), loc.path])}}
}
