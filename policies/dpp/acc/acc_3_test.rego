package dpp.acc.acc_3

import rego.v1

_input(users, groups) := {"evidence": {"host.accounts": {"h": {"users": users, "groups": groups}}}}

test_unique_passes if {
	count(deny) == 0 with input as _input(
		[{"name": "root", "uid": 0}, {"name": "alice", "uid": 1000}],
		[{"name": "root", "gid": 0}, {"name": "alice", "gid": 1000}])
}

test_second_uid0_fails_twice if {
	# the duplicate UID 0 and the non-root UID 0 account
	count(deny) == 2 with input as _input([{"name": "root", "uid": 0}, {"name": "toor", "uid": 0}], [])
}

test_duplicate_group_name_fails if {
	some f in deny with input as _input([], [{"name": "staff", "gid": 50}, {"name": "staff", "gid": 51}])
	f.msg == "group name staff appears 2 times in /etc/group (identities must be unique)"
}
