# METADATA
# title: GOV-6 a public privacy policy is reachable over HTTPS without login and states compliance
# custom:
#   clause: GOV-6
#   severity: medium
#   requires: [documents.records]
#   remediation: Publish the privacy policy over HTTPS without login, naming the company, data protection law (GDPR) and a contact, and update it yearly.
package dpp.gov.gov_6

import rego.v1

now_ns := time.parse_rfc3339_ns(input.meta.evaluated_at)

max_months := object.get(input.params, "document_review_max_months", 12)

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	object.get(ev, "privacy_policy", null) == null
	f := {"clause": "GOV-6", "check": "GOV-6.a", "target": target,
		"msg": "no privacy policy URL is configured (documents.privacy_policy_url)", "details": {}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	pp := ev.privacy_policy
	pp != null
	not reachable(pp)
	f := {"clause": "GOV-6", "check": "GOV-6.a", "target": target,
		"msg": sprintf("privacy policy %v is not reachable over HTTPS without login (status %v)",
			[object.get(pp, "url", "?"), object.get(pp, "http_status", "unknown")]),
		"details": {"locator": object.get(pp, "url", "privacy_policy"), "error": object.get(pp, "error", null)}}
}

reachable(pp) if {
	pp.http_status == 200
	pp.retrieved_over_https == true
	pp.auth_required == false
}

keyword_groups := [["The Entertainer"], ["data protection", "GDPR"], ["contact"]]

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	pp := ev.privacy_policy
	reachable(pp)
	some group in keyword_groups
	count([k | some k in group; k in pp.keywords_found]) == 0
	f := {"clause": "GOV-6", "check": "GOV-6.b", "target": target,
		"msg": sprintf("privacy policy %v does not mention %v", [pp.url, concat(" or ", group)]),
		"details": {"locator": sprintf("%v %v", [pp.url, group[0]])}}
}

deny contains f if {
	some target, ev in input.evidence["documents.records"]
	pp := ev.privacy_policy
	reachable(pp)
	not updated(pp)
	f := {"clause": "GOV-6", "check": "GOV-6.c", "target": target,
		"msg": sprintf("privacy policy %v shows no last-updated date within %v months", [pp.url, max_months]),
		"details": {"locator": pp.url}}
}

updated(pp) if {
	date := object.get(pp, "last_updated_date", null)
	is_string(date)
	not older_than_months(date, max_months)
}

older_than_months(ts, n) if {
	[ly, lm, ld] := time.date(time.parse_rfc3339_ns(ts))
	[ny, nm, nd] := time.date(now_ns)
	diff := ((ny * 12) + nm) - ((ly * 12) + lm)
	stale(diff, n, ld, nd)
}

stale(diff, n, _, _) if diff > n

stale(diff, n, ld, nd) if {
	diff == n
	ld < nd
}
