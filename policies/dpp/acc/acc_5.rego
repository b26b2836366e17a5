# METADATA
# title: ACC-5 access to Amazon information is logged (auditd read/write watches on Amazon data paths)
# custom:
#   clause: ACC-5
#   severity: high
#   requires: [host.auditd, host.dbtls, host.webserver]
#   remediation: Run auditd at boot and add `-w <path> -p rwa -k amazon-data` (or an equivalent -F dir= rule with perm=rwa) for every path in params.amazon_data_paths; turn on PostgreSQL log_connections and log_disconnections, or the MariaDB/MySQL audit plugin; keep access_log on for every Application vhost.
package dpp.acc.acc_5

import rego.v1

_paths := object.get(input.params, "amazon_data_paths", [])

_covers(watch, p) if trim_suffix(watch, "/") == trim_suffix(p, "/")

_covers(watch, p) if startswith(p, concat("", [trim_suffix(watch, "/"), "/"]))

_watched(rules, p) if {
	some r in rules
	r.kind == "watch"
	_covers(r.path, p)
	is_string(r.perms)
	contains(r.perms, "r")
	contains(r.perms, "w")
	is_string(r.key)
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	not _active(a)
	f := {"clause": "ACC-5", "check": "ACC-5.a", "target": t,
		"msg": sprintf("auditd is not active (installed %v, running %v, enabled at boot %v)", [a.installed, a.running, a.enabled]),
		"details": {"locator": "auditd:active"}}
}

_active(a) if {
	a.installed
	a.enabled
	a.running != false
}

deny contains f if {
	some t, _ in input.evidence["host.auditd"]
	count(_paths) == 0
	f := {"clause": "ACC-5", "check": "ACC-5.b", "target": t,
		"msg": "params.amazon_data_paths is empty: the paths holding Amazon data are unknown, so access logging cannot be shown",
		"details": {"locator": "amazon_data_paths"}}
}

deny contains f if {
	some t, a in input.evidence["host.auditd"]
	some p in _paths
	rules := object.get(a, "rules", []) # no rules read: nothing is shown watched
	not _watched(rules, p)
	f := {"clause": "ACC-5", "check": "ACC-5.b", "target": t,
		"msg": sprintf("no audit watch with read and write permissions and a key covers %s (%v rules)", [p, object.get(a, "rules_source", "unknown")]),
		"details": {"locator": sprintf("watch:%s", [p]), "path": p}}
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "postgresql"
	some key in ["log_connections", "log_disconnections"]
	db[key] != true
	f := {"clause": "ACC-5", "check": "ACC-5.c", "target": t,
		"msg": sprintf("PostgreSQL %s has %s off (postgresql.conf): database access is not logged", [db.instance, key]),
		"details": {"locator": sprintf("postgresql:%s:%s", [db.instance, key])}}
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "mysql"
	db.audit_plugin == null
	f := {"clause": "ACC-5", "check": "ACC-5.c", "target": t,
		"msg": sprintf("MySQL/MariaDB %s loads no audit plugin (server_audit or audit_log): connections are not logged", [db.instance]),
		"details": {"locator": sprintf("mysql:%s:audit", [db.instance])}}
}

_name(v) := concat(" ", v.server_names) if count(v.server_names) > 0
else := sprintf("%s:%v", [v.file, v.line])

deny contains f if {
	some t, w in input.evidence["host.webserver"]
	some v in w.nginx.vhosts
	not v.redirect_only
	v.access_log == ["off"]
	f := {"clause": "ACC-5", "check": "ACC-5.d", "target": t,
		"msg": sprintf("nginx vhost %s has access_log off (%s:%v): web access to Amazon information is not logged", [_name(v), v.file, v.line]),
		"details": {"locator": sprintf("nginx:%s", [_name(v)])}}
}
