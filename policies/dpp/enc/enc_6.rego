# METADATA
# title: ENC-6 no private keys or Amazon credentials anywhere in source history
# custom:
#   clause: ENC-6
#   severity: critical
#   requires: [git.history]
#   remediation: Revoke and rotate every credential found, then purge it from all refs (git filter-repo) and force every clone to re-fetch.
package dpp.enc.enc_6

import rego.v1

deny contains f if {
	some repo, g in input.evidence["git.history"]
	some s in g.secret_findings
	f := {"clause": "ENC-6", "check": "ENC-6", "target": repo,
		"msg": sprintf("%s %s in %s:%v, added by commit %s (found in %v commit(s) of the history)", [s.rule_id, s.redacted, s.path, s.line, s.commit, s.occurrences]),
		"details": {"locator": sprintf("%s:%s", [s.path, s.fingerprint]), "rule_id": s.rule_id, "path": s.path, "commit": s.commit, "line": s.line, "fingerprint": s.fingerprint}}
}

deny contains f if {
	some repo, g in input.evidence["git.history"]
	g.secret_findings_dropped > 0
	f := {"clause": "ENC-6", "check": "ENC-6", "target": repo,
		"msg": sprintf("%v further secret findings were not listed (limit reached)", [g.secret_findings_dropped]),
		"details": {"locator": "dropped"}}
}
