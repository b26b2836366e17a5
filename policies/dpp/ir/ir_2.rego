# METADATA
# title: IR-2 every incident is classified by impact x urgency and the right staff are informed in time
# custom:
#   clause: IR-2
#   severity: medium
#   requires: [documents.records]
#   remediation: Record impact, urgency and priority per the plan's matrix, and inform staff within the SLA of the priority (P1 1 h, P2 4 h, P3 24 h, P4 72 h).
package dpp.ir.ir_2

import rego.v1

hour_ns := 3600000000000

sla := object.get(input.params, "inform_sla_hours", {"P1": 1, "P2": 4, "P3": 24, "P4": 72})

# the configured matrix, else the one in the incident response plan's severity table
matrix := m if {
	m := object.get(input.params, "priority_matrix", {})
	count(m) > 0
} else := plans[0].severity_matrix if {
	plans := [p |
		some ev in input.evidence["documents.records"]
		some p in ev.documents
		p.doc_type == "incident_response_plan"
		p.severity_matrix
	]
	count(plans) > 0
} else := {}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	some k in ["impact", "urgency", "priority"]
	not inc[k]
	f := {"clause": "IR-2", "check": "IR-2.a", "target": target,
		"msg": sprintf("incident %v has no %v", [inc.incident_id, k]),
		"details": {"locator": sprintf("%v %v", [inc.incident_id, k])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	expected := matrix[lower(inc.impact)][lower(inc.urgency)]
	expected != inc.priority
	f := {"clause": "IR-2", "check": "IR-2.a", "target": target,
		"msg": sprintf("incident %v has priority %v but the matrix gives %v for impact %v / urgency %v",
			[inc.incident_id, inc.priority, expected, inc.impact, inc.urgency]),
		"details": {"locator": sprintf("%v priority", [inc.incident_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	limit := sla[inc.priority]
	not informed_in_time(inc, limit)
	f := {"clause": "IR-2", "check": "IR-2.b", "target": target,
		"msg": sprintf("incident %v (%v): no staff informed within %v hours of opening",
			[inc.incident_id, inc.priority, limit]),
		"details": {"locator": sprintf("%v staff", [inc.incident_id])}}
}

informed_in_time(inc, limit) if {
	some s in object.get(inc, "staff_informed", [])
	time.parse_rfc3339_ns(s.at) - time.parse_rfc3339_ns(inc.opened_at) <= limit * hour_ns
}
