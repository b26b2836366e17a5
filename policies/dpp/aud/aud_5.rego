# METADATA
# title: AUD-5 held runs are sealed, intact, signed by the pinned key, and their evidence is PII-free
# custom:
#   clause: AUD-5
#   severity: high
#   requires: [store.runs]
#   remediation: Seal every run (manifest, signed with signing.key_file), pin signing.public_key_file, and fix any collector that wrote PII into evidence.
package dpp.aud.aud_5

import rego.v1

deny contains f if {
	some target, st in input.evidence["store.runs"]
	some run in st.verified
	not run.sealed
	f := {"clause": "AUD-5", "check": "AUD-5.a", "target": target,
		"msg": sprintf("run %v is not sealed (no manifest.json with file digests)", [run.run_id]),
		"details": {"locator": run.run_id}}
}

deny contains f if {
	some target, st in input.evidence["store.runs"]
	some run in st.verified
	count(run.problems) > 0
	f := {"clause": "AUD-5", "check": "AUD-5.b", "target": target,
		"msg": sprintf("run %v fails verification: %v", [run.run_id, concat("; ", run.problems)]),
		"details": {"locator": run.run_id, "problems": run.problems}}
}

warn contains f if {
	some target, st in input.evidence["store.runs"]
	not st.signing_key_pinned
	count(st.verified) > 0
	f := {"clause": "AUD-5", "check": "AUD-5.c", "target": target,
		"msg": "no signing public key is pinned (signing.public_key_file): signatures prove integrity, not origin",
		"details": {"locator": "signing.public_key_file"}}
}

deny contains f if {
	some target, st in input.evidence["store.runs"]
	some run in st.verified
	some category, n in run.evidence_pii
	n > 0
	f := {"clause": "AUD-5", "check": "AUD-5.d", "target": target,
		"msg": sprintf("run %v: its evidence holds %v unredacted %v value(s)", [run.run_id, n, category]),
		"details": {"locator": sprintf("%v %v", [run.run_id, category])}}
}
