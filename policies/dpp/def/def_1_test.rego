package dpp.def.def_1

import rego.v1

_all := [
	"cookie", "device_identifier", "digital_fingerprint", "email", "geo_location", "gift_message", "ip_address",
	"payment", "person_name", "phone", "postal_address", "purchase", "survey_response",
]

_input(categories, detected, fp, run_at) := {
	"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {},
	"evidence": {"logs.pii": {"h": {"detector": {"categories": categories, "canary_test": {
		"run_at": run_at, "categories_detected": detected, "false_positives": fp, "clean_lines": 20,
	}}}}},
}

test_complete_fresh_canary_passes if {
	count(deny) == 0 with input as _input(_all, _all, 0, "2026-11-27T09:59:00Z")
}

test_missing_category_fails_a_and_d if {
	checks := {f.check | some f in deny} with input as _input(
		array.slice(_all, 1, 13), array.slice(_all, 1, 13), 0, "2026-11-27T09:59:00Z")
	checks == {"DEF-1.a", "DEF-1.d"}
}

test_false_positive_ratio_fails if {
	some f in deny with input as _input(_all, _all, 1, "2026-11-27T09:59:00Z")
	f.details.locator == "canary-clean"
}

test_stale_canary_fails if {
	some f in deny with input as _input(_all, _all, 0, "2026-11-25T09:59:00Z")
	f.details.locator == "canary-run"
}

test_missing_canary_fails_closed if {
	checks := {f.details.locator | some f in deny} with input as {
		"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {},
		"evidence": {"logs.pii": {"h": {"detector": {"categories": _all}}}},
	}
	checks == {"canary", "canary-clean", "canary-run"}
}
