# METADATA
# title: GEN-6 restores of in-scope databases are tested at least every 6 months
# custom:
#   clause: GEN-6
#   severity: medium
#   requires: [documents.records]
#   remediation: Test a restore at least every 6 months and record it (doc_type restore_test or the restore_tests register) with result success.
package dpp.gen.gen_6

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

tests(ev) := array.concat([d | some d in ev.documents; d.doc_type == "restore_test"],
	object.get(ev.registers, "restore_tests", []))

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count([t | some t in tests(ev); t.result == "success"; now_ns - time.parse_rfc3339_ns(t.performed_at) <= 183 * day_ns]) == 0
	f := {"clause": "GEN-6", "check": "GEN-6", "target": target,
		"msg": "no successful restore test in the last 6 months", "details": {}}
}
