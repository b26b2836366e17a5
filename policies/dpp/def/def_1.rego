# METADATA
# title: DEF-1 the PII detector covers all 13 categories and passed its canary self-test this run
# custom:
#   clause: DEF-1
#   severity: high
#   requires: [logs.pii]
#   remediation: Run a dpp-auditor release whose detectors cover every DEF-1 category and whose built-in canary self-test passes; a failing self-test means the scan cannot be trusted.
package dpp.def.def_1

import rego.v1

required := {
	"person_name", "postal_address", "email", "phone", "gift_message", "survey_response", "payment",
	"purchase", "cookie", "digital_fingerprint", "ip_address", "geo_location", "device_identifier",
}

day_ns := ((24 * 60) * 60) * 1000000000

# False positives allowed per 10 000 clean canary lines (0.0005).
max_fp_per_10000 := object.get(input.params, "canary_max_false_positives_per_10000", 5)

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	missing := required - {c | some c in scan.detector.categories}
	count(missing) > 0
	f := {"clause": "DEF-1", "check": "DEF-1.a", "target": target,
		"msg": sprintf("the detector ruleset lacks %v of the 13 PII categories: %v", [count(missing), sort(missing)]),
		"details": {"locator": "ruleset", "missing": sort(missing)}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	missing := required - {c | some c in scan.detector.canary_test.categories_detected}
	count(missing) > 0
	f := {"clause": "DEF-1", "check": "DEF-1.d", "target": target,
		"msg": sprintf("the canary self-test did not detect %v: %v", [count(missing), sort(missing)]),
		"details": {"locator": "canary", "missing": sort(missing)}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	canary := object.get(object.get(scan, "detector", {}), "canary_test", {})
	not _fp_ok(canary)
	f := {"clause": "DEF-1", "check": "DEF-1.d", "target": target,
		"msg": sprintf("the canary self-test found %v false positives in %v clean lines",
			[object.get(canary, "false_positives", "?"), object.get(canary, "clean_lines", "?")]),
		"details": {"locator": "canary-clean"}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	# Bound first: `not _fresh(scan.detector...)` is undefined on OPA when the field is missing.
	run_at := object.get(object.get(object.get(scan, "detector", {}), "canary_test", {}), "run_at", null)
	not _fresh(run_at)
	f := {"clause": "DEF-1", "check": "DEF-1.d", "target": target,
		"msg": "the canary self-test did not run within this run (older than 24 h or missing)",
		"details": {"locator": "canary-run"}}
}

_fp_ok(canary) if {
	canary.clean_lines > 0
	canary.false_positives * 10000 <= max_fp_per_10000 * canary.clean_lines
}

_fresh(run_at) if {
	is_string(run_at)
	now := time.parse_rfc3339_ns(input.meta.evaluated_at)
	ran := time.parse_rfc3339_ns(run_at)
	ran >= now - day_ns
	ran <= now + day_ns
}
