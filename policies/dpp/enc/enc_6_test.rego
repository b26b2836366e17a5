package dpp.enc.enc_6

import rego.v1

t_input(findings) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {},
	"evidence": {"git.history": {"shop": {"secret_findings": findings, "secret_findings_dropped": 0}}}}

test_clean_history_passes if {
	count(deny) == 0 with input as t_input([])
}

test_secret_in_history_fails if {
	fs := deny with input as t_input([{"rule_id": "aws_access_key", "redacted": "AKIA***EP", "path": "config/aws.env", "line": 1,
		"commit": "0123456789ab", "fingerprint": "hmac:5", "occurrences": 1}])
	some f in fs
	f.msg == "aws_access_key AKIA***EP in config/aws.env:1, added by commit 0123456789ab (found in 1 commit(s) of the history)"
}
