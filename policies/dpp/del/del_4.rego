# METADATA
# title: DEL-4 written certification of destruction is issued when Amazon asks
# custom:
#   clause: DEL-4
#   severity: medium
#   requires: [documents.records]
#   remediation: Issue the certificate within 30 days of Amazon's request, signed by a Director or the DPO, and file it under the documents folder.
package dpp.del.del_4

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

limit_days := object.get(input.params, "certification_days", 30)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.certification_requested_at
	not issued_in_time(req)
	f := {"clause": "DEL-4", "check": "DEL-4.a", "target": target,
		"msg": sprintf("deletion request %v: certification requested but not issued within %v days",
			[req.request_id, limit_days]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

issued_in_time(req) if {
	req.certificate_issued_at
	elapsed := time.parse_rfc3339_ns(req.certificate_issued_at) - time.parse_rfc3339_ns(req.certification_requested_at)
	elapsed <= limit_days * day_ns
}

# still within the allowed period: not yet a failure
issued_in_time(req) if {
	not req.certificate_issued_at
	now_ns - time.parse_rfc3339_ns(req.certification_requested_at) <= limit_days * day_ns
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some req in object.get(ev.registers, "deletion_requests", [])
	req.certificate_issued_at
	not certificate_ok(req)
	f := {"clause": "DEL-4", "check": "DEL-4.b", "target": target,
		"msg": sprintf("deletion request %v: certificate not signed (signed_by_person_id) or certificate_ref does not resolve",
			[req.request_id]),
		"details": {"locator": sprintf("%v", [req.request_id])}}
}

certificate_ok(req) if {
	req.signed_by_person_id
	req.refs_ok.certificate_ref == true
}
