package dpp.log.log_7_logs

import rego.v1

_input(files) := {"evidence": {"logs.pii": {"h": {"files": files}}}}

_api(open, complete) := {"path": "/var/log/sp-api/api.log", "log_class": "api", "open": open,
	"complete": complete, "skipped_reason": null}

test_clean_api_log_passes if {
	count(deny) == 0 with input as _input([_api({}, true)])
}

test_buyer_name_in_api_log_fails if {
	some f in deny with input as _input([_api({"person_name": {"low": 0, "medium": 0, "high": 1}}, true)])
	f.check == "LOG-7.d"
}

test_pii_in_application_log_is_not_log_7 if {
	app := object.union(_api({"email": {"low": 0, "medium": 1, "high": 0}}, true), {"log_class": "application"})
	count(deny) == 0 with input as _input([app])
}

test_partly_scanned_api_log_fails if {
	some f in deny with input as _input([_api({}, false)])
	f.check == "LOG-7.e"
}
