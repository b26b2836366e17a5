# METADATA
# title: LOG-7 API log files hold no PII (log side; the database side is log_7_database)
# custom:
#   clause: LOG-7
#   severity: critical
#   requires: [logs.pii]
#   remediation: Redact request and response bodies of SP-API calls (getOrderAddress, getOrderBuyerInfo) before they reach API logs, purge the PII already written and re-scan.
package dpp.log.log_7_logs

import rego.v1

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.log_class == "api"
	some category, counts in file.open
	n := counts.medium + counts.high
	n > 0
	f := {"clause": "LOG-7", "check": "LOG-7.d", "target": target,
		"msg": sprintf("API log %v: %v %v value(s)", [file.path, n, category]),
		"details": {"locator": sprintf("%v %v", [file.path, category]), "count": n}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.log_class == "api"
	not file.complete
	f := {"clause": "LOG-7", "check": "LOG-7.e", "target": target,
		"msg": sprintf("API log %v was only partly scanned (%v)", [file.path, file.skipped_reason]),
		"details": {"locator": file.path}}
}
