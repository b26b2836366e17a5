package dpp.log.log_2

import rego.v1

test_within if {
	_within("0640", "0640")
	_within("0600", "0640")
	_within("0440", "0640")
	not _within("0644", "0640")
	not _within("0660", "0640")
	_within("0664", "0664")
	_within("2750", "0750")
}

_lf(files) := {"host.logfiles": {"h": {"log_files": files, "log_dirs": []}}}

test_wtmp_exception if {
	count(deny) == 0 with input as {"params": {}, "evidence": _lf([{"path": "/var/log/wtmp", "mode": "0664", "owner": "root", "group": "utmp"}])}
}

test_world_readable_fails if {
	some f in deny with input as {"params": {}, "evidence": _lf([{"path": "/var/log/dpkg.log", "mode": "0644", "owner": "root", "group": "root"}])}
	f.details.problems == ["mode"]
}

test_audit_log_group if {
	ev := object.union(_lf([{"path": "/var/log/audit/audit.log", "mode": "0640", "owner": "root", "group": "adm"}]), {"host.auditd": {"h": {"conf": {"log_group": "adm"}}}})
	count(deny) == 0 with input as {"params": {}, "evidence": ev}
}

# Issue #15 item 8: Debian's own log ownership, as found on the lab's stock image.
_deb_accounts := {"users": [{"name": "www-data", "uid": 33, "interactive": false}, {"name": "postgres", "uid": 104, "interactive": false},
	{"name": "alice", "uid": 1000, "interactive": true}]}

_deb_logging := {"packaged": {"owners": {"/etc/logrotate.d/nginx": "nginx-common", "/var/log/postgresql": "postgresql-common"},
	"logrotate_stanzas": [{"paths": ["/var/log/nginx/*.log"], "create_mode": "0640", "create_owner": "www-data", "create_group": "adm", "file": "/etc/logrotate.d/nginx", "line": 1}]}}

_deb(files) := {"params": {}, "evidence": {"host.accounts": {"h": _deb_accounts}, "host.logging": {"h": _deb_logging},
	"host.logfiles": {"h": {"log_files": files, "log_dirs": [{"path": "/var/log/postgresql", "mode": "1775", "owner": "root", "group": "postgres"},
		{"path": "/var/log/nginx", "mode": "0755", "owner": "root", "group": "adm"}], "partial_reason": null}}}}

test_debian_service_owned_logs_pass if {
	files := [{"path": "/var/log/nginx/access.log", "mode": "0640", "owner": "www-data", "group": "adm"},
		{"path": "/var/log/nginx/error.log.2.gz", "mode": "0640", "owner": "www-data", "group": "adm"},
		{"path": "/var/log/postgresql/postgresql-15-main.log", "mode": "0640", "owner": "postgres", "group": "adm"}]
	count(deny) == 0 with input as _deb(files)
}

test_convention_needs_a_system_account_and_the_stanza_owner if {
	files := [{"path": "/var/log/nginx/access.log", "mode": "0640", "owner": "alice", "group": "adm"},
		{"path": "/var/log/postgresql/postgresql-15-main.log", "mode": "0640", "owner": "www-data", "group": "adm"}]
	count(deny) == 2 with input as _deb(files)
}

test_convention_names_account_and_package_when_the_mode_is_wrong if {
	files := [{"path": "/var/log/nginx/access.log", "mode": "0644", "owner": "www-data", "group": "adm"}]
	some f in deny with input as _deb(files)
	f.details.problems == ["mode"]
	contains(f.msg, "www-data is its service account (package nginx-common")
}
