# METADATA
# title: IR-6 PII breaches - directors notified and IR team convened within 24 h; plans recorded before closure
# custom:
#   clause: IR-6
#   severity: high
#   requires: [documents.records]
#   remediation: Notify the directors and convene the IR team within 24 hours of discovery, and record triage, remediation and communication plans before closing.
package dpp.ir.ir_6

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

hour_ns := 3600000000000

limit_h := object.get(input.params, "directors_notify_hours", 24)

sensitive(inc) if inc.pii_involved == true

sensitive(inc) if inc.amazon_information_involved == true

# unknown is not "no Amazon information"
sensitive(inc) if not is_boolean(object.get(inc, "amazon_information_involved", null))

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	sensitive(inc)
	some step in ["directors_notified_at", "irt_convened_at"]
	not in_time(inc, step)
	f := {"clause": "IR-6", "check": "IR-6.a", "target": target,
		"msg": sprintf("incident %v: %v not within %v hours of discovery", [inc.incident_id, step, limit_h]),
		"details": {"locator": sprintf("%v %v", [inc.incident_id, step])}}
}

in_time(inc, step) if {
	time.parse_rfc3339_ns(inc[step]) - time.parse_rfc3339_ns(inc.discovered_at) <= limit_h * hour_ns
}

in_time(inc, step) if {
	not inc[step]
	now_ns - time.parse_rfc3339_ns(inc.discovered_at) <= limit_h * hour_ns
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	sensitive(inc)
	inc.closed_at
	some ref in ["triage_ref", "remediation_plan_ref", "comms_plan_ref"]
	not inc[ref]
	f := {"clause": "IR-6", "check": "IR-6.b", "target": target,
		"msg": sprintf("incident %v was closed without %v", [inc.incident_id, ref]),
		"details": {"locator": sprintf("%v %v", [inc.incident_id, ref])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	sensitive(inc)
	not inc.discovered_at
	f := {"clause": "IR-6", "check": "IR-6.a", "target": target,
		"msg": sprintf("incident %v involves PII or Amazon information but has no discovered_at", [inc.incident_id]),
		"details": {"locator": sprintf("%v discovered_at", [inc.incident_id])}}
}
