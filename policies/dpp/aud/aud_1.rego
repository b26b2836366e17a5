# METADATA
# title: AUD-1 audit records are kept for the agreement period plus 12 months, without gaps
# custom:
#   clause: AUD-1
#   severity: high
#   requires: [store.runs]
#   remediation: Keep every run in the store until agreement end + 365 days, run on schedule, and put the store on WORM storage (retention_mode compliance).
package dpp.aud.aud_1

import rego.v1

min_days := object.get(input.params, "evidence_retention_after_agreement_days", 365)

deny contains f if {
	some target, st in input.evidence["store.runs"]
	st.retention_days < min_days
	f := {"clause": "AUD-1", "check": "AUD-1.a", "target": target,
		"msg": sprintf("the run store keeps runs %v days after the agreement ends; at least %v are required",
			[st.retention_days, min_days]),
		"details": {"locator": "retention_days"}}
}

deny contains f if {
	some target, st in input.evidence["store.runs"]
	some gap in st.gaps
	f := {"clause": "AUD-1", "check": "AUD-1.b", "target": target,
		"msg": sprintf("no run between %v and %v (%v days, more than twice the %v-day schedule)",
			[gap.from, gap.to, gap.days, st.schedule_interval_days]),
		"details": {"locator": sprintf("gap %v", [gap.from])}}
}

warn contains f if {
	some target, st in input.evidence["store.runs"]
	st.retention_mode != "compliance"
	f := {"clause": "AUD-1", "check": "AUD-1.c", "target": target,
		"msg": sprintf("the run store is not on WORM storage (retention_mode %v): retention is enforced by this tool only",
			[st.retention_mode]),
		"details": {"locator": "retention_mode"}}
}
