package dpp.aud.aud_1

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"store.runs": {
				"store": {
					"agreement_end": null,
					"agreement_start": null,
					"deletion_allowed": false,
					"dir": "/var/lib/dpp-auditor/runs",
					"gaps": [],
					"min_retention_until": null,
					"newest_run_at": "2026-11-20T10:00:00Z",
					"oldest_run_at": "2026-11-20T10:00:00Z",
					"retention_days": 365,
					"retention_mode": "compliance",
					"runs": [
						{
							"evaluated_at": "2026-11-20T10:00:00Z",
							"run_id": "20261120T100000Z-aaaaaa"
						}
					],
					"runs_held": 1,
					"schedule_interval_days": 7,
					"signing_key_pinned": true,
					"verified": [
						{
							"evidence_pii": {},
							"problems": [],
							"run_id": "20261120T100000Z-aaaaaa",
							"sealed": true,
							"signed": true
						}
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {
			"evidence_retention_after_agreement_days": 365,
			"retention_days": 30
		},
		"targets": {
			"store": {
				"address": "store",
				"kind": "store"
			}
		}
	}
}

test_gap_in_history_fails if {
	findings := deny with input as {
		"evidence": {
			"store.runs": {
				"store": {
					"agreement_end": null,
					"agreement_start": null,
					"deletion_allowed": false,
					"dir": "/var/lib/dpp-auditor/runs",
					"gaps": [
						{
							"days": 30,
							"from": "2026-09-01T00:00:00Z",
							"to": "2026-10-01T00:00:00Z"
						}
					],
					"min_retention_until": null,
					"newest_run_at": "2026-11-20T10:00:00Z",
					"oldest_run_at": "2026-11-20T10:00:00Z",
					"retention_days": 365,
					"retention_mode": "compliance",
					"runs": [
						{
							"evaluated_at": "2026-11-20T10:00:00Z",
							"run_id": "20261120T100000Z-aaaaaa"
						}
					],
					"runs_held": 1,
					"schedule_interval_days": 7,
					"signing_key_pinned": true,
					"verified": [
						{
							"evidence_pii": {},
							"problems": [],
							"run_id": "20261120T100000Z-aaaaaa",
							"sealed": true,
							"signed": true
						}
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {
			"evidence_retention_after_agreement_days": 365,
			"retention_days": 30
		},
		"targets": {
			"store": {
				"address": "store",
				"kind": "store"
			}
		}
	}
	some f in findings
	f.check == "AUD-1.b"
	f.target == "store"
}

test_not_worm_warns if {
	findings := warn with input as {
		"evidence": {
			"store.runs": {
				"store": {
					"agreement_end": null,
					"agreement_start": null,
					"deletion_allowed": false,
					"dir": "/var/lib/dpp-auditor/runs",
					"gaps": [],
					"min_retention_until": null,
					"newest_run_at": "2026-11-20T10:00:00Z",
					"oldest_run_at": "2026-11-20T10:00:00Z",
					"retention_days": 365,
					"retention_mode": "governance",
					"runs": [
						{
							"evaluated_at": "2026-11-20T10:00:00Z",
							"run_id": "20261120T100000Z-aaaaaa"
						}
					],
					"runs_held": 1,
					"schedule_interval_days": 7,
					"signing_key_pinned": true,
					"verified": [
						{
							"evidence_pii": {},
							"problems": [],
							"run_id": "20261120T100000Z-aaaaaa",
							"sealed": true,
							"signed": true
						}
					]
				}
			}
		},
		"meta": {
			"evaluated_at": "2026-11-27T10:00:00Z"
		},
		"params": {
			"evidence_retention_after_agreement_days": 365,
			"retention_days": 30
		},
		"targets": {
			"store": {
				"address": "store",
				"kind": "store"
			}
		}
	}
	some f in findings
	f.check == "AUD-1.c"
	f.target == "store"
}
