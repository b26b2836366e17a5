# METADATA
# title: IR-7 Amazon is e-mailed within 24 h of discovery of an Amazon-data incident; the IRP names the contact
# custom:
#   clause: IR-7
#   severity: critical
#   requires: [documents.records]
#   remediation: E-mail Amazon's security contact within 24 hours of discovering an actual or suspected incident, and name the contact in the IRP.
package dpp.ir.ir_7

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

hour_ns := 3600000000000

limit_h := object.get(input.params, "amazon_notify_hours", 24)

contact := object.get(input.params, "amazon_security_contact", "security@amazon.com")

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in ev.documents
	plan.doc_type == "incident_response_plan"
	not contact in plan.keywords_found
	f := {"clause": "IR-7", "check": "IR-7.b", "target": target,
		"msg": sprintf("incident response plan %v does not name Amazon's security contact %v", [plan.path, contact]),
		"details": {"locator": plan.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	_amazon(inc)
	not notified(inc)
	f := {"clause": "IR-7", "check": "IR-7.a", "target": target,
		"msg": sprintf("incident %v: Amazon was not e-mailed at %v within %v hours of discovery",
			[_id(inc), contact, limit_h]),
		"details": {"locator": sprintf("%v", [_id(inc)])}}
}

# Unknown (absent, null, "yes") is not "no Amazon information": the incident is judged as one.
_amazon(inc) if inc.amazon_information_involved == true

_amazon(inc) if not is_boolean(object.get(inc, "amazon_information_involved", null))

_id(inc) := object.get(inc, "incident_id", "<missing incident_id>")

notified(inc) if {
	time.parse_rfc3339_ns(inc.amazon_notified_at) - time.parse_rfc3339_ns(inc.discovered_at) <= limit_h * hour_ns
	inc.amazon_notification.channel == "email"
	lower(inc.amazon_notification.to) == lower(contact)
}

# not yet due
notified(inc) if {
	not inc.amazon_notified_at
	now_ns - time.parse_rfc3339_ns(inc.discovered_at) <= limit_h * hour_ns
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	_amazon(inc)
	not inc.discovered_at
	f := {"clause": "IR-7", "check": "IR-7.a", "target": target,
		"msg": sprintf("incident %v involves Amazon information but has no discovered_at", [_id(inc)]),
		"details": {"locator": sprintf("%v discovered_at", [_id(inc)])}}
}
