# METADATA
# title: IR-5 incident documentation (support logs, meeting minutes) exists and is retained
# custom:
#   clause: IR-5
#   severity: medium
#   requires: [documents.records]
#   remediation: File the support log of every closed incident and the minutes of every escalated one under the documents folder, and reference them.
package dpp.ir.ir_5

import rego.v1

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	inc.closed_at
	not inc.refs_ok.support_log_ref
	f := {"clause": "IR-5", "check": "IR-5.a", "target": target,
		"msg": sprintf("closed incident %v: support_log_ref is missing or does not resolve", [inc.incident_id]),
		"details": {"locator": sprintf("%v support_log_ref", [inc.incident_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	inc.escalated == true
	not inc.refs_ok.minutes_refs
	f := {"clause": "IR-5", "check": "IR-5.b", "target": target,
		"msg": sprintf("escalated incident %v: no resolvable meeting minutes (minutes_refs)", [inc.incident_id]),
		"details": {"locator": sprintf("%v minutes_refs", [inc.incident_id])}}
}
