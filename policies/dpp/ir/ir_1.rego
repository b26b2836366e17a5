# METADATA
# title: IR-1 an approved incident response plan covers security incidents and service interruption
# custom:
#   clause: IR-1
#   severity: high
#   requires: [documents.records]
#   remediation: Keep an approved IRP (approved_by, approved_at in its front matter) with every required section.
package dpp.ir.ir_1

import rego.v1

required := {"scope", "definitions", "service_interruption", "severity_matrix", "roles", "escalation",
	"amazon_notification", "communications", "evidence_retention", "review"}

plans(ev) := [d | some d in ev.documents; d.doc_type == "incident_response_plan"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(plans(ev)) == 0
	f := {"clause": "IR-1", "check": "IR-1.a", "target": target,
		"msg": "no incident response plan (doc_type incident_response_plan) was found", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in plans(ev)
	not approved(plan)
	f := {"clause": "IR-1", "check": "IR-1.b", "target": target,
		"msg": sprintf("incident response plan %v is not approved (approved_by, approved_at)", [plan.path]),
		"details": {"locator": plan.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some plan in plans(ev)
	missing := required - {s | some s in plan.sections_found}
	count(missing) > 0
	f := {"clause": "IR-1", "check": "IR-1.c", "target": target,
		"msg": sprintf("incident response plan %v lacks sections: %v", [plan.path, concat(", ", sort(missing))]),
		"details": {"locator": plan.path, "missing": sort(missing)}}
}

approved(plan) if {
	plan.approved_by
	plan.approved_at
}
