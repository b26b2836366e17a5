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
