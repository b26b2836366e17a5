# METADATA
# title: IR-3 security tickets are resolved with a resolution or escalated to incident response management
# custom:
#   clause: IR-3
#   severity: medium
#   requires: [documents.records]
#   remediation: Close tickets only with a documented resolution or an escalation; escalate P1/P2 and Amazon-data tickets to IRM with an incident id.
package dpp.ir.ir_3

import rego.v1

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some t in object.get(ev.registers, "security_tickets", [])
	t.status == "closed"
	not t.resolution
	not t.escalated_to_irm_at
	f := {"clause": "IR-3", "check": "IR-3.a", "target": target,
		"msg": sprintf("security ticket %v was closed without a resolution or an escalation", [t.ticket_id]),
		"details": {"locator": sprintf("%v", [t.ticket_id])}}
}

must_escalate(t) if t.priority in {"P1", "P2"}

must_escalate(t) if t.amazon_information_involved == true

# unknown is not "no Amazon information"
must_escalate(t) if not is_boolean(object.get(t, "amazon_information_involved", null))

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some t in object.get(ev.registers, "security_tickets", [])
	must_escalate(t)
	not escalated(t)
	f := {"clause": "IR-3", "check": "IR-3.b", "target": target,
		"msg": sprintf("security ticket %v (P1/P2 or Amazon data) was not escalated to IRM with an incident id",
			[t.ticket_id]),
		"details": {"locator": sprintf("%v", [t.ticket_id])}}
}

escalated(t) if {
	t.escalated_to_irm_at
	t.incident_id
}
