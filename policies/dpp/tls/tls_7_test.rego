package dpp.tls.tls_7

import rego.v1

test_clean_scan_passes if {
	inp := {"evidence": {"code.transport": {"r": {"findings": [], "files_scanned": 3}}}}
	count(deny) == 0 with input as inp
	count(warn) == 0 with input as inp
}

test_nothing_scanned_warns if {
	count(warn) == 1 with input as {"evidence": {"code.transport": {"r": {"findings": [], "files_scanned": 0}}}}
	count(warn) == 1 with input as {"evidence": {"code.transport": {"r": {"findings": []}}}}
}

test_verify_disabled_fails if {
	hit := {"path": "a.py", "line": 3, "rule_id": "tls_verify_disabled", "excerpt": "verify=False"}
	some f in deny with input as {"evidence": {"code.transport": {"r": {"findings": [hit]}}}}
	f.details.line == 3
}
