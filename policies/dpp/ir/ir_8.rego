# METADATA
# title: IR-8 no regulator or customer is notified on Amazon's behalf without Amazon's written request
# custom:
#   clause: IR-8
#   severity: medium
#   requires: [documents.records]
#   remediation: Notify regulators or customers on Amazon's behalf only on Amazon's prior written request, and record that request.
package dpp.ir.ir_8

import rego.v1

# A notification whose principal is unknown may have been made on Amazon's behalf.
_for_amazon(n) if n.on_behalf_of == "amazon"

_for_amazon(n) if not is_string(object.get(n, "on_behalf_of", null))

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	some n in object.get(inc, "external_notifications", [])
	_for_amazon(n)
	n.recipient_type in {"regulator", "customer"}
	not requested_before(n)
	f := {"clause": "IR-8", "check": "IR-8", "target": target,
		"msg": sprintf("incident %v: %v notified on Amazon's behalf without a prior written request from Amazon",
			[inc.incident_id, n.recipient_type]),
		"details": {"locator": sprintf("%v %v %v", [inc.incident_id, n.recipient_type, n.at])}}
}

requested_before(n) if {
	n.amazon_written_request_ref
	time.parse_rfc3339_ns(n.amazon_written_request_at) <= time.parse_rfc3339_ns(n.at)
}
