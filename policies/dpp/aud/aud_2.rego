# METADATA
# title: AUD-2 records demonstrate compliance with the AUP, the DPP and the developer agreement
# custom:
#   clause: AUD-2
#   severity: medium
#   requires: [documents.records]
#   remediation: Map every control to Amazon document sections, keep the AUP and developer agreement acceptance records, and test an evidence export yearly.
package dpp.aud.aud_2

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "control_register", [])
	count(object.get(row, "amazon_doc_refs", [])) == 0
	f := {"clause": "AUD-2", "check": "AUD-2.a", "target": target,
		"msg": sprintf("control register: clause %v is not mapped to an Amazon document section", [row.clause_id]),
		"details": {"locator": sprintf("%v", [row.clause_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some kind in ["amazon_aup_acceptance", "amazon_developer_agreement"]
	count([d | some d in ev.documents; d.doc_type == kind]) == 0
	f := {"clause": "AUD-2", "check": "AUD-2.b", "target": target,
		"msg": sprintf("no %v record was found", [kind]),
		"details": {"locator": kind}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in ev.documents; d.doc_type == "evidence_export_test"; d.result == "success";
		now_ns - time.parse_rfc3339_ns(d.performed_at) <= 365 * day_ns]) == 0
	f := {"clause": "AUD-2", "check": "AUD-2.c", "target": target,
		"msg": "no successful evidence export test in the last 12 months", "details": {}}
}
