# METADATA
# title: DEF-2 combined quasi-identifiers are treated as PII (taint and combination rules)
# custom:
#   clause: DEF-2
#   severity: high
#   requires: [logs.pii]
#   remediation: Use a dpp-auditor release whose combination rule passes the canary self-test; PII containers this rule finds fail LOG-4, LOG-7 or RET-6.
package dpp.def.def_2

import rego.v1

# DEF-2.a: every file (or journal class) holding a medium/high finding after exemptions is a PII container.
pii_containers contains {"target": target, "path": file.path, "kind": file.kind, "log_class": file.log_class} if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.open_count > 0
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	not scan.detector.canary_test.escalation_detected
	f := {"clause": "DEF-2", "check": "DEF-2.b", "target": target,
		"msg": "the canary self-test did not show quasi-identifiers escalating together",
		"details": {"locator": "canary-escalation"}}
}

# A quasi-identifier left at low confidence although other PII sits in its window.
deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some hit in scan.findings
	hit.confidence == "low"
	count(hit.co_located_categories) > 0
	not hit.escalated
	f := {"clause": "DEF-2", "check": "DEF-2.b", "target": target,
		"msg": sprintf("%v:%v: %v next to %v was not escalated", [hit.path, hit.line, hit.category,
			concat(",", hit.co_located_categories)]),
		"details": {"locator": sprintf("%v %v", [hit.path, hit.category])}}
}
