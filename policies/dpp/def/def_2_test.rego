package dpp.def.def_2

import rego.v1

_input(escalated_ok, findings, files) := {"evidence": {"logs.pii": {"h": {
	"detector": {"canary_test": {"escalation_detected": escalated_ok}}, "findings": findings, "files": files,
}}}}

_hit(conf, near, escalated) := {"path": "/var/log/a.log", "line": 3, "category": "purchase",
	"confidence": conf, "co_located_categories": near, "escalated": escalated}

test_escalated_pair_passes if {
	count(deny) == 0 with input as _input(true, [_hit("high", ["postal_address"], true)], [])
}

test_lone_low_quasi_identifier_passes if {
	count(deny) == 0 with input as _input(true, [_hit("low", [], false)], [])
}

test_unescalated_pair_fails if {
	some f in deny with input as _input(true, [_hit("low", ["email"], false)], [])
	f.check == "DEF-2.b"
}

test_canary_without_escalation_fails if {
	some f in deny with input as _input(false, [], [])
	f.details.locator == "canary-escalation"
}

test_files_with_open_findings_are_pii_containers if {
	files := [{"path": "/a", "kind": "log", "log_class": "web", "open_count": 2},
		{"path": "/b", "kind": "log", "log_class": "web", "open_count": 0}]
	pii_containers == {{"target": "h", "path": "/a", "kind": "log", "log_class": "web"}} with input as _input(true, [], files)
}
