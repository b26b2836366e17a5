# METADATA
# title: GEN-2 the hosting facility's physical safeguards are certified (ISO 27001 or SOC 2 Type II)
# custom:
#   clause: GEN-2
#   severity: medium
#   requires: [documents.records]
#   remediation: Keep the hosting provider's current ISO/IEC 27001 certificate or SOC 2 Type II report covering the facility (doc_type hosting_certification).
package dpp.gen.gen_2

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

certs(ev) := [d | some d in ev.documents; d.doc_type == "hosting_certification"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([d | some d in certs(ev); current(d)]) == 0
	f := {"clause": "GEN-2", "check": "GEN-2", "target": target,
		"msg": "no current hosting certification covering the facility (valid_until in the future, report period within 12 months)",
		"details": {}}
}

current(d) if {
	time.parse_rfc3339_ns(d.valid_until) > now_ns
	now_ns - time.parse_rfc3339_ns(d.report_period_end) <= 365 * day_ns
	d.scope_includes_facility == true
}
