# METADATA
# title: DEL-3 all live instances are deleted within 90 days of the request
# custom:
#   clause: DEL-3
#   severity: high
#   requires: [documents.records]
#   reads: [database.retention, logs.pii]
#   remediation: Delete replicas, caches and logs within 90 days and record live_instances_deleted_at.
package dpp.del.del_3

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

limit_days := object.get(input.params, "live_deletion_days", 90)

_rid(req) := object.get(req, "request_id", "<missing request_id>")

# Without its id a request cannot be matched with the database and log verification, so its
# live copies cannot be shown deleted: that is a finding, not silence.
deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some i, req in object.get(ev.registers, "deletion_requests", [])
	object.get(req, "requested_action", null) != "return"
	object.get(req, "request_id", null) in {null, ""}
	f := {"clause": "DEL-3", "check": "DEL-3.e", "target": target,
		"msg": sprintf("deletion request #%v has no request_id, so its deletion cannot be verified", [i + 1]),
		"details": {"locator": sprintf("row %v", [i + 1])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.requested_action != "return"
	req.live_instances_deleted_at
	elapsed := time.parse_rfc3339_ns(req.live_instances_deleted_at) - time.parse_rfc3339_ns(req.received_at)
	elapsed > limit_days * day_ns
	f := {"clause": "DEL-3", "check": "DEL-3.a", "target": target,
		"msg": sprintf("live copies for deletion request %v were deleted more than %v days after receipt",
			[_rid(req), limit_days]),
		"details": {"locator": sprintf("%v", [_rid(req)])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.requested_action != "return"
	not req.live_instances_deleted_at
	now_ns - time.parse_rfc3339_ns(req.received_at) > limit_days * day_ns
	f := {"clause": "DEL-3", "check": "DEL-3.b", "target": target,
		"msg": sprintf("deletion request %v: live copies still not deleted %v days after receipt",
			[_rid(req), limit_days]),
		"details": {"locator": sprintf("%v", [_rid(req)])}}
}

# the request's live copies should be gone: deletion recorded, or the 90 days are over
due(req) if req.live_instances_deleted_at

due(req) if now_ns - time.parse_rfc3339_ns(req.received_at) > limit_days * day_ns

identifiers(req) := {id | some id in req.identifiers_hmac} if is_array(req.identifiers_hmac)
else := {req.identifiers_hmac} if is_string(req.identifiers_hmac)
else := set()

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	due(req)
	some dbid, db in input.evidence["database.retention"]
	some v in object.get(db, "deletion_verification", [])
	v.request_id == sprintf("%v", [req.request_id])
	v.matches > 0
	f := {"clause": "DEL-3", "check": "DEL-3.c", "target": target,
		"msg": sprintf("deletion request %v: %v value(s) in database %v still match its identifiers",
			[_rid(req), v.matches, dbid]),
		"details": {"locator": sprintf("%v %v", [_rid(req), dbid]), "matches": v.matches}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	due(req)
	ids := identifiers(req)
	count(ids) > 0
	some host, scan in input.evidence["logs.pii"]
	hits := [h | some h in scan.findings; h.fingerprint in ids]
	count(hits) > 0
	f := {"clause": "DEL-3", "check": "DEL-3.d", "target": target,
		"msg": sprintf("deletion request %v: %v log finding(s) on %v still match its identifiers",
			[_rid(req), count(hits), host]),
		"details": {"locator": sprintf("%v %v", [_rid(req), host])}}
}
