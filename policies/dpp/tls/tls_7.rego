# METADATA
# title: TLS-7 code and deployed configuration use only https:// and keep certificate verification on
# custom:
#   clause: TLS-7
#   severity: high
#   requires: [code.transport]
#   remediation: Replace http:// endpoints with https:// and remove settings that disable certificate verification (verify=False, rejectUnauthorized false, InsecureSkipVerify, curl -k).
package dpp.tls.tls_7

import rego.v1

rules := {"plain_http_url": "plain http:// endpoint", "tls_verify_disabled": "certificate verification disabled"}

deny contains f if {
	some target, scan in input.evidence["code.transport"]
	some hit in scan.findings
	label := rules[hit.rule_id]
	path := object.get(hit, "path", "?")
	line := object.get(hit, "line", "?")
	excerpt := object.get(hit, "excerpt", "(excerpt missing)")
	f := {
		"clause": "TLS-7", "check": "TLS-7", "target": target,
		"msg": sprintf("%v:%v: %s: %v", [path, line, label, excerpt]),
		"details": {"locator": sprintf("%v:%s", [path, hit.rule_id]), "path": path, "line": line,
		            "rule_id": hit.rule_id, "seen": excerpt},
	}
}

# Nothing scanned proves nothing: a repository or config directory with no code file read is not
# evidence that code uses only https://.
warn contains f if {
	some target, scan in input.evidence["code.transport"]
	not object.get(scan, "files_scanned", 0) > 0
	f := {
		"clause": "TLS-7", "check": "TLS-7", "target": target,
		"msg": sprintf("no code file was scanned in %v (%v): TLS-7 is not shown for it",
			[object.get(scan, "root", "?"), object.get(scan, "source", "?")]),
		"details": {"locator": "files_scanned", "seen": object.get(scan, "files_scanned", null)},
	}
}
