package dpp.log.log_4

import rego.v1

_exempt := [{"log_classes": ["security", "audit", "web"], "categories": ["ip_address", "digital_fingerprint"],
	"fields": ["client_ip", "src", "user_agent"]}]

_scan(files, partial, exemptions) := {"files": files, "partial": partial, "partial_reason": "byte_budget",
	"bytes_scanned": 100, "bytes_total": 100, "exemptions": exemptions,
	"detector": {"canary_test": {"passed": true}}}

_file(open) := {"path": "/var/log/app.log", "log_class": "application", "kind": "log", "open": open}

_input(scan, strict) := {"params": {"treat_order_id_as_pii": strict, "security_telemetry_exemptions": _exempt},
	"evidence": {"logs.pii": {"h": scan}}}

test_clean_passes if {
	count(deny) == 0 with input as _input(_scan([_file({})], false, _exempt), false)
}

test_medium_email_fails if {
	some f in deny with input as _input(_scan([_file({"email": {"low": 0, "medium": 2, "high": 0}})], false, []), false)
	f.check == "LOG-4.a"
	f.details.count == 2
}

test_low_postcode_is_information if {
	count(deny) == 0 with input as _input(
		_scan([_file({"postal_address": {"low": 3, "medium": 0, "high": 0}})], false, []), false)
}

test_bare_order_id_fails_only_when_strict if {
	scan := _scan([_file({"purchase": {"low": 1, "medium": 0, "high": 0}})], false, [])
	count(deny) == 0 with input as _input(scan, false)
	count(deny) == 1 with input as _input(scan, true)
}

test_partial_scan_fails if {
	some f in deny with input as _input(_scan([_file({})], true, []), false)
	f.check == "LOG-4.b"
}

test_low_coverage_fails if {
	scan := object.union(_scan([], false, []), {"bytes_scanned": 98, "bytes_total": 100})
	some f in deny with input as _input(scan, false)
	f.details.locator == "coverage"
}

test_exemption_for_application_emails_fails if {
	bad := [{"log_classes": ["application"], "categories": ["email"], "fields": ["client_ip"]}]
	some f in deny with input as _input(_scan([], false, bad), false)
	f.check == "LOG-4.d"
}

test_exemption_without_fields_fails if {
	bad := [{"log_classes": ["web"], "categories": ["ip_address"], "fields": []}]
	some f in deny with input as _input(_scan([], false, bad), false)
	f.check == "LOG-4.d"
}

test_failed_self_test_fails if {
	scan := object.union(_scan([], false, []), {"detector": {"canary_test": {"passed": false}}})
	some f in deny with input as _input(scan, false)
	f.check == "LOG-4.c"
}

test_missing_partial_flag_fails_closed if {
	scan := object.remove(_scan([_file({})], false, []), ["partial"])
	some f in deny with input as _input(scan, false)
	f.details.locator == "partial"
}
