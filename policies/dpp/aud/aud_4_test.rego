package dpp.aud.aud_4

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"findings": [
							{
								"agreed_due_date": "2026-09-30T00:00:00Z",
								"clause_id": "LOG-4",
								"closed_at": "2026-09-20T00:00:00Z",
								"finding_id": "F-2026-07",
								"opened_at": "2026-09-01T00:00:00Z",
								"owner_person_id": "P003",
								"refs_ok": {},
								"severity": "high",
								"source": "internal",
								"status": "closed",
								"verification_snapshot_id": "20260921T020000Z-1a2b3c"
							}
						]
					},
					"registers_configured": [
						"alerts",
						"changes",
						"control_register",
						"deletion_requests",
						"findings",
						"incidents",
						"review_records",
						"revocation_requests",
						"security_tickets",
						"shredding_certificates"
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {
			"finding_default_due_days": {
				"critical": 7,
				"high": 30,
				"low": 180,
				"medium": 90
			}
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_open_past_due_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"findings": [
							{
								"agreed_due_date": "2026-09-30T00:00:00Z",
								"clause_id": "LOG-4",
								"finding_id": "F-2026-07",
								"opened_at": "2026-09-01T00:00:00Z",
								"owner_person_id": "P003",
								"refs_ok": {},
								"severity": "high",
								"source": "internal",
								"status": "open",
								"verification_snapshot_id": "20260921T020000Z-1a2b3c"
							}
						]
					},
					"registers_configured": [
						"alerts",
						"changes",
						"control_register",
						"deletion_requests",
						"findings",
						"incidents",
						"review_records",
						"revocation_requests",
						"security_tickets",
						"shredding_certificates"
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {
			"finding_default_due_days": {
				"critical": 7,
				"high": 30,
				"low": 180,
				"medium": 90
			}
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "AUD-4.b"
	f.target == "documents"
}
