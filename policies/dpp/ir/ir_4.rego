# METADATA
# title: IR-4 the plan defines IR roles and every escalated incident records who held them
# custom:
#   clause: IR-4
#   severity: medium
#   requires: [documents.records]
#   remediation: Keep a roles section in the IRP and record roles.incident_lead and roles.comms_lead on escalated incidents.
package dpp.ir.ir_4

import rego.v1

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in ev.documents
	plan.doc_type == "incident_response_plan"
	not "roles" in object.get(plan, "sections_found", [])
	f := {"clause": "IR-4", "check": "IR-4.a", "target": target,
		"msg": sprintf("incident response plan %v has no roles section", [plan.path]),
		"details": {"locator": plan.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	inc.escalated == true
	some role in ["incident_lead", "comms_lead"]
	not inc.roles[role]
	f := {"clause": "IR-4", "check": "IR-4.b", "target": target,
		"msg": sprintf("escalated incident %v does not record its %v", [inc.incident_id, role]),
		"details": {"locator": sprintf("%v %v", [inc.incident_id, role])}}
}
