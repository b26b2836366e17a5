# METADATA
# title: AUD-4 every audit finding has an owner and a due date, is remediated by it, and closure is verified
# custom:
#   clause: AUD-4
#   severity: high
#   requires: [documents.records]
#   remediation: Give every finding an owner and an agreed due date, close it before the date, and reference the passing run that verified the closure.
package dpp.aud.aud_4

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

defaults := object.get(input.params, "finding_default_due_days", {"critical": 7, "high": 30, "medium": 90, "low": 180})

due_ns(row) := time.parse_rfc3339_ns(row.agreed_due_date) if row.agreed_due_date
else := time.parse_rfc3339_ns(row.opened_at) + (defaults[lower(row.severity)] * day_ns)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "findings", [])
	not row.owner_person_id
	f := {"clause": "AUD-4", "check": "AUD-4.a", "target": target,
		"msg": sprintf("finding %v has no owner", [row.finding_id]),
		"details": {"locator": sprintf("%v owner", [row.finding_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "findings", [])
	row.status != "closed"
	now_ns > due_ns(row)
	f := {"clause": "AUD-4", "check": "AUD-4.b", "target": target,
		"msg": sprintf("finding %v is open past its due date", [row.finding_id]),
		"details": {"locator": sprintf("%v due", [row.finding_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "findings", [])
	row.status == "closed"
	not row.verification_snapshot_id
	f := {"clause": "AUD-4", "check": "AUD-4.c", "target": target,
		"msg": sprintf("finding %v was closed without a verifying run (verification_snapshot_id)", [row.finding_id]),
		"details": {"locator": sprintf("%v verification", [row.finding_id])}}
}
