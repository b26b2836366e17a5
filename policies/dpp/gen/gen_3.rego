# METADATA
# title: GEN-3 everyone holding an Amazon-data role has current training and a signed policy acknowledgement
# custom:
#   clause: GEN-3
#   severity: medium
#   requires: [access.list]
#   remediation: Train and collect a signed DPP acknowledgement every 12 months from everyone with an Amazon-data role.
package dpp.gen.gen_3

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

day_ns := 86400000000000

deny contains f if {
	some target, al in input.evidence["access.list"]
	amazon_roles := {r.role_id | some r in al.roles; r.grants_amazon_data == true}
	holders := {a.person_id | some a in al.accounts; a.status == "active"; a.person_id != null; some r in a.roles; r in amazon_roles}
	some p in al.persons
	p.person_id in holders
	some k in ["training_completed_at", "dpp_ack_at"]
	ts := object.get(p, k, null) # missing reads as never
	not recent(ts)
	f := {"clause": "GEN-3", "check": "GEN-3", "target": target,
		"msg": sprintf("person %v holds an Amazon-data role but %v is missing or older than 365 days", [p.person_id, k]),
		"details": {"locator": sprintf("%v %v", [p.person_id, k])}}
}

recent(ts) if {
	is_string(ts) # null never reaches the builtin
	now_ns - time.parse_rfc3339_ns(ts) <= 365 * day_ns
}
