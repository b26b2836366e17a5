# METADATA
# title: DEL-3 all live instances are deleted within 90 days of the request
# custom:
#   clause: DEL-3
#   severity: high
#   requires: [documents.records]
#   remediation: Delete replicas, caches and logs within 90 days and record live_instances_deleted_at.
package dpp.del.del_3

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

limit_days := object.get(input.params, "live_deletion_days", 90)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.requested_action != "return"
	req.live_instances_deleted_at
	elapsed := time.parse_rfc3339_ns(req.live_instances_deleted_at) - time.parse_rfc3339_ns(req.received_at)
	elapsed > limit_days * day_ns
	f := {"clause": "DEL-3", "check": "DEL-3.a", "target": target,
		"msg": sprintf("live copies for deletion request %v were deleted more than %v days after receipt",
			[req.request_id, limit_days]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.requested_action != "return"
	not req.live_instances_deleted_at
	now_ns - time.parse_rfc3339_ns(req.received_at) > limit_days * day_ns
	f := {"clause": "DEL-3", "check": "DEL-3.b", "target": target,
		"msg": sprintf("deletion request %v: live copies still not deleted %v days after receipt",
			[req.request_id, limit_days]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}
