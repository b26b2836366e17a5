package dpp.acc.acc_16

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
						"alerts": [
							{
								"account": "A-009",
								"alert_id": "AL-88",
								"fired_at": "2026-08-11T09:00:00Z",
								"refs_ok": {},
								"rule_id": "ssh-bruteforce",
								"suspicious": true
							}
						],
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
		"params": {
			"suspicious_suspend_hours": 1
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_alert_without_ticket_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"alerts": [
							{
								"account": "A-009",
								"alert_id": "AL-88",
								"fired_at": "2026-08-11T09:00:00Z",
								"refs_ok": {},
								"rule_id": "ssh-bruteforce",
								"suspicious": true
							},
							{
								"account": "A-1",
								"alert_id": "AL-99",
								"fired_at": "2026-11-01T00:00:00Z",
								"rule_id": "x",
								"suspicious": false
							}
						],
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
		"params": {
			"suspicious_suspend_hours": 1
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ACC-16.a"
	f.target == "documents"
}

test_suspended_late_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"alerts": [
							{
								"account": "A-009",
								"alert_id": "AL-88",
								"fired_at": "2026-08-11T09:00:00Z",
								"refs_ok": {},
								"rule_id": "ssh-bruteforce",
								"suspicious": true
							}
						],
						"security_tickets": [
							{
								"account": "A-009",
								"account_suspended_at": "2026-08-11T12:00:00Z",
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
		"params": {
			"suspicious_suspend_hours": 1
		},
		"targets": {
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "ACC-16.b"
	f.target == "documents"
}
