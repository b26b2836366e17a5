# METADATA
# title: LOG-4 no PII in any log (files, rotated and compressed sets, journald)
# custom:
#   clause: LOG-4
#   severity: critical
#   requires: [logs.pii]
#   remediation: Stop logging the field (or log a redacted or hashed form), purge the PII from the files and their rotations, and re-scan; a partial scan must be completed within the budgets before LOG-4 can pass.
package dpp.log.log_4

import rego.v1

strict_orders := object.get(input.params, "treat_order_id_as_pii", false)

# Medium/high values after exemptions; bare order ids too when treat_order_id_as_pii is set.
_open(counts, category) := n if {
	category != "purchase"
	n := counts.medium + counts.high
}

_open(counts, "purchase") := counts.medium + counts.high if not strict_orders

_open(counts, "purchase") := (counts.low + counts.medium) + counts.high if strict_orders

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.kind == "log"
	some category, counts in file.open
	n := _open(counts, category)
	n > 0
	f := {"clause": "LOG-4", "check": "LOG-4.a", "target": target,
		"msg": sprintf("%v (%v log): %v %v value(s) after exemptions", [file.path, file.log_class, n, category]),
		"details": {"locator": sprintf("%v %v", [file.path, category]), "count": n}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	object.get(scan, "partial", true) != false # a missing flag counts as partial
	f := {"clause": "LOG-4", "check": "LOG-4.b", "target": target,
		"msg": sprintf("the log scan is partial (%v): a partial scan is never clean",
			[object.get(scan, "partial_reason", "no partial flag")]),
		"details": {"locator": "partial"}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	scan.bytes_total > 0
	scan.bytes_scanned * 100 < scan.bytes_total * 99
	f := {"clause": "LOG-4", "check": "LOG-4.b", "target": target,
		"msg": sprintf("only %v of %v log bytes were scanned (99 %% required)", [scan.bytes_scanned, scan.bytes_total]),
		"details": {"locator": "coverage"}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	not scan.detector.canary_test.passed
	f := {"clause": "LOG-4", "check": "LOG-4.c", "target": target,
		"msg": "the detector self-test failed, so the scan result does not count",
		"details": {"locator": "canary"}}
}

# Exemptions only for source IP / user agent fields of security, audit and web logs (parameter).
deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some e in scan.exemptions
	not _allowed(e)
	f := {"clause": "LOG-4", "check": "LOG-4.d", "target": target,
		"msg": sprintf("exemption %v/%v/%v goes beyond security_telemetry_exemptions",
			[concat(",", e.log_classes), concat(",", e.categories), concat(",", e.fields)]),
		"details": {"locator": sprintf("exemption %v %v", [concat(",", e.log_classes), concat(",", e.categories)])}}
}

_allowed(e) if {
	some a in object.get(input.params, "security_telemetry_exemptions", [])
	count({c | some c in e.log_classes} - {c | some c in a.log_classes}) == 0
	count({c | some c in e.categories} - {c | some c in a.categories}) == 0
	count(e.fields) > 0
	count({x | some x in e.fields} - {x | some x in a.fields}) == 0
}
