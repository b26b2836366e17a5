package dpp.enc.enc_2_core_dumps

import rego.v1

_in(c) := {"params": {}, "evidence": {"host.hardening": {"h": {"coredump": c}}}}

test_disabled_dumps_pass if {
	count(deny) == 0 with input as _in({"limits_hard_core": "0", "suid_dumpable": "0", "core_pattern": "core", "systemd_coredump": false})
}

test_debian_defaults_fail if {
	{f.details.locator | some f in deny} == {"core:limit"} with input as _in({"limits_hard_core": null, "suid_dumpable": "0", "core_pattern": "core", "systemd_coredump": false})
}

test_systemd_coredump_must_store_nothing if {
	c := {"limits_hard_core": "0", "suid_dumpable": "0", "core_pattern": "|/lib/systemd/systemd-coredump %P", "systemd_coredump": true, "systemd_storage": null}
	{f.details.locator | some f in deny} == {"core:systemd"} with input as _in(c)
}

test_unknown_never_passes if {
	count(deny) == 2 with input as _in(null)
}
