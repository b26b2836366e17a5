# METADATA
# title: DEF-3 incidents are categorised per the Security Incident definition; similar environments are in IR scope
# custom:
#   clause: DEF-3
#   severity: high
#   requires: [documents.records, inventory.assets]
#   remediation: Record category, amazon_information_involved and environment for every incident, and put assets with controls_profile=amazon_equivalent in IR scope (ir_scope=true).
package dpp.def.def_3

import rego.v1

categories := {"unauthorised_access", "unauthorised_collection", "acquisition", "use", "transmission",
	"disclosure", "corruption", "loss", "environment_breach"}

environments := {"amazon_env", "similar_controls_env"}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	not "incidents" in object.get(ev, "registers_configured", [])
	f := {"clause": "DEF-3", "check": "DEF-3.a", "target": target,
		"msg": "no incident register is configured (documents.registers.incidents)", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	some inc in object.get(ev.registers, "incidents", [])
	problems := {p | some p in ["category", "amazon_information_involved", "environment"]; invalid(inc, p)}
	count(problems) > 0
	f := {"clause": "DEF-3", "check": "DEF-3.a", "target": target,
		"msg": sprintf("incident %v: missing or invalid %v", [inc.incident_id, concat(", ", sort(problems))]),
		"details": {"locator": sprintf("%v", [inc.incident_id])}}
}

deny contains f if {
	some target, inv in input.evidence["inventory.assets"]
	some a in inv.assets
	object.get(a, "controls_profile", "") == "amazon_equivalent"
	object.get(a, "ir_scope", false) != true
	f := {"clause": "DEF-3", "check": "DEF-3.c", "target": target,
		"msg": sprintf("asset %v has amazon-equivalent controls but is not in incident-response scope (ir_scope)",
			[a.asset_id]),
		"details": {"locator": sprintf("%v", [a.asset_id])}}
}

invalid(inc, "category") if not object.get(inc, "category", "") in categories

invalid(inc, "amazon_information_involved") if not is_boolean(object.get(inc, "amazon_information_involved", null))

invalid(inc, "environment") if not object.get(inc, "environment", "") in environments
