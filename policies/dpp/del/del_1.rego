# METADATA
# title: DEL-1 Amazon deletion/return requests are completed within 72 hours of receipt
# custom:
#   clause: DEL-1
#   severity: critical
#   requires: [documents.records]
#   remediation: Complete deletion or return within 72 hours of Amazon's request and record completed_at and, for returns, return_delivery_ref.
package dpp.del.del_1

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

hour_ns := 3600000000000

limit_h := object.get(input.params, "deletion_hours", 72)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	not "deletion_requests" in object.get(ev, "registers_configured", [])
	f := {"clause": "DEL-1", "check": "DEL-1.a", "target": target,
		"msg": "no deletion/return request register is configured (documents.registers.deletion_requests)",
		"details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.completed_at
	hours := (time.parse_rfc3339_ns(req.completed_at) - time.parse_rfc3339_ns(req.received_at)) / hour_ns
	hours > limit_h
	f := {"clause": "DEL-1", "check": "DEL-1.a", "target": target,
		"msg": sprintf("deletion request %v was completed %v hours after receipt (limit %v)",
			[req.request_id, floor(hours), limit_h]),
		"details": {"locator": sprintf("%v", [req.request_id]), "hours": floor(hours)}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	not req.completed_at
	hours := (now_ns - time.parse_rfc3339_ns(req.received_at)) / hour_ns
	hours > limit_h
	f := {"clause": "DEL-1", "check": "DEL-1.b", "target": target,
		"msg": sprintf("deletion request %v is still open %v hours after receipt (limit %v)",
			[req.request_id, floor(hours), limit_h]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.requested_action in {"return", "both"}
	req.completed_at
	not req.return_delivery_ref
	f := {"clause": "DEL-1", "check": "DEL-1.c", "target": target,
		"msg": sprintf("return request %v has no return_delivery_ref", [req.request_id]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	not req.received_at
	f := {"clause": "DEL-1", "check": "DEL-1.a", "target": target,
		"msg": sprintf("deletion request %v has no received_at: the 72-hour limit cannot be checked",
			[object.get(req, "request_id", "?")]),
		"details": {"locator": sprintf("%v received_at", [object.get(req, "request_id", "?")])}}
}
