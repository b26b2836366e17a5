# METADATA
# title: RET-6 no Amazon PII in other files (exports, tmp, homes, web roots, shares, label spool)
# custom:
#   clause: RET-6
#   severity: critical
#   requires: [logs.pii]
#   remediation: Delete or move the files into the approved database, keep despatch labels in the spool for less than label_spool_max_hours, and list every place files are written in logs.file_roots.
package dpp.ret.ret_6

import rego.v1

hour_ns := (60 * 60) * 1000000000

spool_max_ns := object.get(input.params, "label_spool_max_hours", 24) * hour_ns

_transient(file) if {
	file.in_label_spool
	time.parse_rfc3339_ns(file.mtime) >= time.parse_rfc3339_ns(input.meta.evaluated_at) - spool_max_ns
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.kind == "file"
	file.open_count > 0
	not _transient(file)
	some category, counts in file.open
	n := counts.medium + counts.high
	n > 0
	f := {"clause": "RET-6", "check": "RET-6.a", "target": target,
		"msg": sprintf("%v holds %v %v value(s)%v", [file.path, n, category, _spool_note(file)]),
		"details": {"locator": sprintf("%v %v", [file.path, category]), "count": n}}
}

# Damaged per-category counts must not hide a file the scan counted open values in.
deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.kind == "file"
	file.open_count > 0
	not _transient(file)
	count([c | some c, counts in object.get(file, "open", {}); object.get(counts, "medium", 0) + object.get(counts, "high", 0) > 0]) == 0
	f := {"clause": "RET-6", "check": "RET-6.a", "target": target,
		"msg": sprintf("%v holds %v open PII value(s) (categories not recorded)%v", [file.path, file.open_count, _spool_note(file)]),
		"details": {"locator": sprintf("%v open", [file.path]), "count": file.open_count}}
}

_spool_note(file) := " and is older than the label spool limit" if file.in_label_spool

_spool_note(file) := "" if not file.in_label_spool

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	some file in scan.files
	file.kind == "file"
	not file.complete
	f := {"clause": "RET-6", "check": "RET-6.b", "target": target,
		"msg": sprintf("%v was not fully scanned (%v)", [file.path, file.skipped_reason]),
		"details": {"locator": file.path}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	count(object.get(object.get(scan, "scope", {}), "file_roots", [])) == 0
	f := {"clause": "RET-6", "check": "RET-6.b", "target": target,
		"msg": "no file roots were scanned for PII outside logs (set logs.file_roots)",
		"details": {"locator": "file_roots"}}
}

deny contains f if {
	some target, scan in input.evidence["logs.pii"]
	not scan.detector.canary_test.passed
	f := {"clause": "RET-6", "check": "RET-6.c", "target": target,
		"msg": "the detector self-test failed, so the file scan result does not count",
		"details": {"locator": "canary"}}
}
