package dpp.log.log_1

import rego.v1

test_directory_watch_covers_files if {
	_watched([{"kind": "watch", "path": "/etc/sudoers.d/", "perms": "wa"}], "/etc/sudoers.d/90-admins")
}

test_read_only_watch_does_not_count if {
	not _watched([{"kind": "watch", "path": "/etc/passwd", "perms": "r"}], "/etc/passwd")
}

test_prefix_is_not_a_parent if {
	not _watched([{"kind": "watch", "path": "/etc/pass", "perms": "wa"}], "/etc/passwd")
}

_execve(fields) := [{"kind": "syscall", "action": "always,exit", "syscalls": ["execve"], "fields": fields}]

_f(name, op, value) := {"name": name, "op": op, "value": value}

# Issue #15 item 5: `-F euid=0` alone records every root command, a superset of the requirement.
test_execve_by_meaning if {
	req := _syscall_requirements[0]
	_syscall_met(_execve([_f("arch", "=", "b64"), _f("euid", "=", "0")]), req)
	_syscall_met(_execve([_f("euid", "=", "0"), _f("auid", ">=", "1000")]), req)
	_syscall_met(_execve([_f("euid", "=", "0"), _f("auid", ">=", "500"), _f("auid", "!=", "unset")]), req)
	_syscall_met(_execve([_f("auid", "!=", "4294967295")]), req)
	_syscall_met(_execve([]), req)
}

test_execve_narrower_rules_do_not_cover if {
	req := _syscall_requirements[0]
	not _syscall_met(_execve([_f("euid", "=", "1000")]), req)
	not _syscall_met(_execve([_f("euid", "=", "0"), _f("auid", ">=", "2000")]), req)
	not _syscall_met(_execve([_f("euid", "=", "0"), _f("success", "=", "1")]), req)
	not _syscall_met(_execve([_f("auid", "=", "unset")]), req)
	not _syscall_met([{"kind": "syscall", "action": "never,exit", "syscalls": ["execve"], "fields": []}], req)
}

# Issue #15 item 6: an auth file rule or a persistent journal keeps nothing without its daemon.
_auth_cfg(daemons) := {"rsyslog": {"file_actions": [{"facilities": ["auth", "authpriv"], "path": "/var/log/auth.log"}]},
	"journald": {"persistent": true, "storage": "auto"}, "daemons": daemons}

test_auth_persisted_needs_a_running_daemon if {
	not _auth_persisted(_auth_cfg({"method": "ps -e -o comm=", "journald": false, "rsyslog": false}))
	not _auth_persisted(_auth_cfg({"method": "ps -e -o comm=", "journald": null, "rsyslog": null}))
	not _auth_persisted(_auth_cfg(null))
	_auth_persisted(_auth_cfg({"method": "ps -e -o comm=", "journald": false, "rsyslog": true}))
	_auth_persisted(_auth_cfg({"method": "boot configuration", "journald": true, "rsyslog": false}))
}
