# METADATA
# title: GOV-1 an approved asset management policy covers inventory, asset lifecycle and data cleansing
# custom:
#   clause: GOV-1
#   severity: medium
#   requires: [documents.records]
#   remediation: Keep an approved asset management policy with sections on software and physical scope, adding, reassigning and removing assets, data cleansing, roles and the review cycle.
package dpp.gov.gov_1

import rego.v1

required := {"scope_software", "scope_physical", "add_process", "reassign_process", "removal_disposal",
	"data_cleansing", "roles", "review_cycle"}

policies(ev) := [d | some d in ev.documents; d.doc_type == "asset_management_policy"]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	count(policies(ev)) == 0
	f := {"clause": "GOV-1", "check": "GOV-1.a", "target": target,
		"msg": "no asset management policy (doc_type asset_management_policy) was found", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in policies(ev)
	not approved(doc)
	f := {"clause": "GOV-1", "check": "GOV-1.b", "target": target,
		"msg": sprintf("asset management policy %v is not approved (approved_by, approved_at)", [doc.path]),
		"details": {"locator": doc.path}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some doc in policies(ev)
	missing := required - {s | some s in doc.sections_found}
	count(missing) > 0
	f := {"clause": "GOV-1", "check": "GOV-1.c", "target": target,
		"msg": sprintf("asset management policy %v lacks sections: %v", [doc.path, concat(", ", sort(missing))]),
		"details": {"locator": doc.path, "missing": sort(missing)}}
}

approved(doc) if {
	doc.approved_by
	doc.approved_at
}
