# METADATA
# title: GOV-2 the inventory is complete and current, with active owners and reassignment history
# custom:
#   clause: GOV-2
#   severity: high
#   requires: [inventory.assets]
#   reads: [access.list]
#   remediation: Give every asset its required fields and an active owner, and record every reassignment in assignee_history.
package dpp.gov.gov_2

import rego.v1

required_fields := ["asset_id", "type", "owner_person_id", "location", "classification", "status",
	"last_review_date"]

persons := {p.person_id: p | some ev in input.evidence["access.list"]; some p in ev.persons}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	missing := [k | some k in required_fields; not has_value(a, k)]
	count(missing) > 0
	f := {"clause": "GOV-2", "check": "GOV-2.a", "target": target,
		"msg": sprintf("asset %v lacks %v", [a.asset_id, concat(", ", missing)]),
		"details": {"locator": sprintf("%v", [a.asset_id]), "missing": missing}}
}

has_value(a, k) if {
	v := a[k]
	v != null
	v != ""
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.status == "active"
	p := persons[a.owner_person_id]
	p.employment_status == "leaver"
	f := {"clause": "GOV-2", "check": "GOV-2.b", "target": target,
		"msg": sprintf("asset %v is owned by %v, who has left", [a.asset_id, a.owner_person_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	count(persons) > 0
	some a in inv.assets
	a.status == "active"
	a.owner_person_id
	not persons[a.owner_person_id]
	f := {"clause": "GOV-2", "check": "GOV-2.b", "target": target,
		"msg": sprintf("asset %v is owned by %v, who is not in the access list", [a.asset_id, a.owner_person_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	a.status == "reassigned"
	count(a.assignee_history) == 0
	f := {"clause": "GOV-2", "check": "GOV-2.c", "target": target,
		"msg": sprintf("asset %v was reassigned but has no assignee_history entry", [a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}
