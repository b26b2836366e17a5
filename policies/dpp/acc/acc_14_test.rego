package dpp.acc.acc_14

import rego.v1

_good := {"faillock": true, "preauth_before_unix": true, "authfail_after_unix": true, "account_faillock": true,
	"pam_unix": true, "tally2": null,
	"effective": {"deny": 5, "fail_interval": 900, "unlock_time": 0, "even_deny_root": true, "root_unlock_time": 60}}

_in(l) := {"params": {}, "evidence": {"host.pam": {"h": {"lockout": {"sshd": l}}}}}

test_cis_values_pass if {
	count(deny) == 0 with input as _in(_good)
}

test_pam_defaults_fail_unlock_time if {
	l := object.union(_good, {"effective": {"deny": 3, "fail_interval": 900, "unlock_time": 600}})
	{f.details.locator | some f in deny} == {"pam:sshd:unlock_time"} with input as _in(l)
}

test_deny_zero_and_short_interval_fail_together if {
	l := object.union(_good, {"effective": {"deny": 0, "fail_interval": 60, "unlock_time": 900}})
	count(deny) == 2 with input as _in(l)
}

test_authfail_missing_fails if {
	l := object.union(_good, {"authfail_after_unix": false})
	{f.details.locator | some f in deny} == {"pam:sshd:authfail_after_unix"} with input as _in(l)
}

test_tally2_values if {
	l := {"faillock": false, "tally2": {"deny": 10, "unlock_time": 0}}
	count(deny) == 2 with input as _in(l)
}

test_sshd_checks if {
	s := {"installed": true, "method": "sshd -T", "effective": {"usepam": "no", "maxauthtries": 6}}
	count(deny) == 2 with input as {"params": {}, "evidence": {"host.sshd": {"h": s}}}
}
