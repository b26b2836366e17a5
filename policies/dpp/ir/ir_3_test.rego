package dpp.ir.ir_3

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
						"security_tickets": [
							{
								"account": "A-009",
								"account_suspended_at": "2026-08-11T09:25:00Z",
								"amazon_information_involved": true,
								"category": "suspicious_login",
								"escalated_to_irm_at": "2026-08-11T09:30:00Z",
								"incident_id": "INC-2026-004",
								"investigation_closed_at": "2026-08-19T12:00:00Z",
								"opened_at": "2026-08-11T09:20:00Z",
								"outcome": "credential stuffing blocked",
								"priority": "P2",
								"reenabled_at": "2026-08-19T15:00:00Z",
								"refs_ok": {
									"trigger_ref": false
								},
								"resolution": "account suspended, password reset, no data accessed",
								"status": "closed",
								"ticket_id": "SEC-311",
								"trigger_ref": "AL-88"
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
		"params": {},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_closed_without_resolution_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"security_tickets": [
							{
								"account": "A-009",
								"account_suspended_at": "2026-08-11T09:25:00Z",
								"amazon_information_involved": false,
								"category": "suspicious_login",
								"incident_id": "INC-2026-004",
								"investigation_closed_at": "2026-08-19T12:00:00Z",
								"opened_at": "2026-08-11T09:20:00Z",
								"outcome": "credential stuffing blocked",
								"priority": "P4",
								"reenabled_at": "2026-08-19T15:00:00Z",
								"refs_ok": {
									"trigger_ref": false
								},
								"status": "closed",
								"ticket_id": "SEC-311",
								"trigger_ref": "AL-88"
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
		"params": {},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "IR-3.a"
	f.target == "documents"
}

test_not_escalated_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"security_tickets": [
							{
								"account": "A-009",
								"account_suspended_at": "2026-08-11T09:25:00Z",
								"amazon_information_involved": true,
								"category": "suspicious_login",
								"escalated_to_irm_at": "2026-08-11T09:30:00Z",
								"investigation_closed_at": "2026-08-19T12:00:00Z",
								"opened_at": "2026-08-11T09:20:00Z",
								"outcome": "credential stuffing blocked",
								"priority": "P2",
								"reenabled_at": "2026-08-19T15:00:00Z",
								"refs_ok": {
									"trigger_ref": false
								},
								"resolution": "account suspended, password reset, no data accessed",
								"status": "closed",
								"ticket_id": "SEC-311",
								"trigger_ref": "AL-88"
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
		"params": {},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "IR-3.b"
	f.target == "documents"
}
