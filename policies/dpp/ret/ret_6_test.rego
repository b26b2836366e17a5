package dpp.ret.ret_6

import rego.v1

_file(spool, mtime) := {"path": "/srv/labels/l1.txt", "kind": "file", "open_count": 1, "complete": true,
	"in_label_spool": spool, "mtime": mtime, "skipped_reason": null,
	"open": {"postal_address": {"low": 0, "medium": 0, "high": 1}}}

_input(files, roots) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"label_spool_max_hours": 24},
	"evidence": {"logs.pii": {"h": {"files": files, "scope": {"file_roots": roots},
		"detector": {"canary_test": {"passed": true}}}}}}

test_pii_in_export_fails if {
	some f in deny with input as _input([_file(false, "2026-11-27T09:00:00Z")], ["/srv"])
	f.check == "RET-6.a"
}

test_fresh_label_in_spool_passes if {
	count(deny) == 0 with input as _input([_file(true, "2026-11-27T09:00:00Z")], ["/srv"])
}

test_label_older_than_limit_fails if {
	some f in deny with input as _input([_file(true, "2026-11-26T09:00:00Z")], ["/srv"])
	f.check == "RET-6.a"
}

test_logs_are_not_ret_6 if {
	log := object.union(_file(false, "2026-11-27T09:00:00Z"), {"kind": "log"})
	count(deny) == 0 with input as _input([log], ["/srv"])
}

test_no_file_roots_fails if {
	some f in deny with input as _input([], [])
	f.check == "RET-6.b"
}
