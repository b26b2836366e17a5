# METADATA
# title: GEN-1 fail-closed completeness - every target has fresh evidence and every control has an active owner
# custom:
#   clause: GEN-1
#   severity: high
#   requires: [documents.records]
#   reads: [access.list]
#   remediation: Make every configured target collectable, and name an active owner for every clause in the control register.
package dpp.gen.gen_1

import rego.v1

persons := {p.person_id: p | some ev in input.evidence["access.list"]; some p in ev.persons}

deny contains f if {
	some tid, _ in input.targets
	count([c | some c, per_target in input.evidence; per_target[tid]]) == 0
	f := {"clause": "GEN-1", "check": "GEN-1.a", "target": tid,
		"msg": sprintf("target %v has no collected evidence in this run", [tid]),
		"details": {"locator": tid}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(object.get(ev.registers, "control_register", [])) == 0
	f := {"clause": "GEN-1", "check": "GEN-1.b", "target": target,
		"msg": "the control register (documents.registers.control_register) is missing or empty", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "control_register", [])
	not row.owner_person_id
	f := {"clause": "GEN-1", "check": "GEN-1.b", "target": target,
		"msg": sprintf("control register: clause %v has no owner", [row.clause_id]),
		"details": {"locator": sprintf("%v", [row.clause_id])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some row in object.get(ev.registers, "control_register", [])
	p := persons[row.owner_person_id]
	p.employment_status != "active"
	f := {"clause": "GEN-1", "check": "GEN-1.b", "target": target,
		"msg": sprintf("control register: the owner of clause %v is not active (%v)", [row.clause_id, p.employment_status]),
		"details": {"locator": sprintf("%v", [row.clause_id])}}
}
