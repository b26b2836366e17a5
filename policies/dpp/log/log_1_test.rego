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

test_execve_needs_both_fields if {
	req := _syscall_requirements[0]
	not _syscall_met([{"kind": "syscall", "syscalls": ["execve"], "fields": [{"name": "euid", "op": "=", "value": "0"}]}], req)
	_syscall_met([{"kind": "syscall", "syscalls": ["execve"], "fields": [
		{"name": "euid", "op": "=", "value": "0"},
		{"name": "auid", "op": ">=", "value": "1000"},
	]}], req)
}
