package dpp.acc.acc_8

import rego.v1

t_account(review, outcome) := {"account_id": "aws:bob", "person_id": "P-2", "system": "aws", "username": "bob",
	"status": "active", "last_access_review_date": review, "review_outcome": outcome}

t_review := {"system": "aws", "completed_at": "2026-10-15T16:00:00Z", "document_ref": "REV-1", "signed": true}

t_input(a, reviews, errors) := {"meta": {"evaluated_at": "2026-11-27T10:00:00Z"}, "params": {"access_review_max_days": 90},
	"evidence": {"access.list": {"access": {"accounts": [a], "reviews": reviews, "import_errors": errors}}}}

test_recent_review_passes if {
	count(deny) == 0 with input as t_input(t_account("2026-10-15T00:00:00Z", "keep"), [t_review], [])
}

test_never_reviewed_fails if {
	fs := deny with input as t_input(t_account(null, null), [t_review], [])
	some f in fs
	f.check == "ACC-8.a"
	contains(f.msg, "never been reviewed")
}

test_stale_review_fails if {
	fs := deny with input as t_input(t_account("2026-08-01T00:00:00Z", "keep"), [t_review], [])
	some f in fs
	contains(f.msg, "last reviewed 118 days ago")
}

test_missing_system_review_and_removal_fail if {
	fs := deny with input as t_input(t_account("2026-10-15T00:00:00Z", "remove"), [], [])
	{f.check | some f in fs} == {"ACC-8.b"}
	count(fs) == 2
}

test_import_error_fails if {
	fs := deny with input as t_input(t_account("2026-10-15T00:00:00Z", "keep"), [t_review], [{"file": "a.csv", "line": 3, "message": "bad"}])
	some f in fs
	f.details.locator == "a.csv:3"
}
