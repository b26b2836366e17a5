package dpp.ir.ir_4

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-15T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "incident_response_plan",
							"keywords_found": [
								"security@amazon.com"
							],
							"last_review_date": "2026-10-15T00:00:00Z",
							"path": "documents/incident-response-plan.md",
							"sections_found": [
								"amazon_notification",
								"communications",
								"definitions",
								"escalation",
								"evidence_retention",
								"review",
								"roles",
								"scope",
								"service_interruption",
								"severity_matrix"
							],
							"severity_matrix": {
								"high": {
									"high": "P1",
									"low": "P3",
									"medium": "P2"
								},
								"low": {
									"high": "P3",
									"low": "P4",
									"medium": "P4"
								},
								"medium": {
									"high": "P2",
									"low": "P4",
									"medium": "P3"
								}
							},
							"sha256": "4e3c6c155d1c8fc4d8f7fcb168d39ecc00c29ef14b520119dbc6d204bd206c1e",
							"title": "Incident Response Plan"
						}
					],
					"privacy_policy": null,
					"registers": {
						"incidents": [
							{
								"amazon_information_involved": true,
								"amazon_notification": {
									"channel": "email",
									"message_ref": "records/incidents/INC-2026-004-amazon-email.md",
									"to": "security@amazon.com"
								},
								"amazon_notified_at": "2026-08-11T16:00:00Z",
								"category": "unauthorised_access",
								"closed_at": "2026-08-20T17:00:00Z",
								"comms_plan_ref": "records/incidents/INC-2026-004-comms.md",
								"directors_notified_at": "2026-08-11T11:00:00Z",
								"discovered_at": "2026-08-11T09:00:00Z",
								"environment": "amazon_env",
								"escalated": true,
								"external_notifications": [],
								"impact": "medium",
								"incident_id": "INC-2026-004",
								"irt_convened_at": "2026-08-11T12:00:00Z",
								"linked_findings": [],
								"minutes_refs": [
									"records/minutes/INC-2026-004-2026-08-11.md"
								],
								"opened_at": "2026-08-11T09:10:00Z",
								"pii_involved": true,
								"priority": "P2",
								"refs_ok": {
									"comms_plan_ref": true,
									"minutes_refs": true,
									"remediation_plan_ref": true,
									"support_log_ref": true,
									"triage_ref": true
								},
								"remediation_plan_ref": "records/incidents/INC-2026-004-remediation.md",
								"roles": {
									"comms_lead": "P002",
									"incident_lead": "P001",
									"technical_lead": "P003"
								},
								"staff_informed": [
									{
										"at": "2026-08-11T09:40:00Z",
										"role": "incident_lead"
									}
								],
								"support_log_ref": "records/support/INC-2026-004.md",
								"triage_ref": "records/incidents/INC-2026-004-triage.md",
								"urgency": "high"
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

test_roles_missing_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"approved_at": "2026-10-15T00:00:00Z",
							"approved_by": "P001",
							"artefacts_found": [],
							"doc_type": "incident_response_plan",
							"keywords_found": [
								"security@amazon.com"
							],
							"last_review_date": "2026-10-15T00:00:00Z",
							"path": "documents/incident-response-plan.md",
							"sections_found": [
								"amazon_notification",
								"communications",
								"definitions",
								"escalation",
								"evidence_retention",
								"review",
								"roles",
								"scope",
								"service_interruption",
								"severity_matrix"
							],
							"severity_matrix": {
								"high": {
									"high": "P1",
									"low": "P3",
									"medium": "P2"
								},
								"low": {
									"high": "P3",
									"low": "P4",
									"medium": "P4"
								},
								"medium": {
									"high": "P2",
									"low": "P4",
									"medium": "P3"
								}
							},
							"sha256": "4e3c6c155d1c8fc4d8f7fcb168d39ecc00c29ef14b520119dbc6d204bd206c1e",
							"title": "Incident Response Plan"
						}
					],
					"privacy_policy": null,
					"registers": {
						"incidents": [
							{
								"amazon_information_involved": true,
								"amazon_notification": {
									"channel": "email",
									"message_ref": "records/incidents/INC-2026-004-amazon-email.md",
									"to": "security@amazon.com"
								},
								"amazon_notified_at": "2026-08-11T16:00:00Z",
								"category": "unauthorised_access",
								"closed_at": "2026-08-20T17:00:00Z",
								"comms_plan_ref": "records/incidents/INC-2026-004-comms.md",
								"directors_notified_at": "2026-08-11T11:00:00Z",
								"discovered_at": "2026-08-11T09:00:00Z",
								"environment": "amazon_env",
								"escalated": true,
								"external_notifications": [],
								"impact": "medium",
								"incident_id": "INC-2026-004",
								"irt_convened_at": "2026-08-11T12:00:00Z",
								"linked_findings": [],
								"minutes_refs": [
									"records/minutes/INC-2026-004-2026-08-11.md"
								],
								"opened_at": "2026-08-11T09:10:00Z",
								"pii_involved": true,
								"priority": "P2",
								"refs_ok": {
									"comms_plan_ref": true,
									"minutes_refs": true,
									"remediation_plan_ref": true,
									"support_log_ref": true,
									"triage_ref": true
								},
								"remediation_plan_ref": "records/incidents/INC-2026-004-remediation.md",
								"roles": {
									"incident_lead": "P001"
								},
								"staff_informed": [
									{
										"at": "2026-08-11T09:40:00Z",
										"role": "incident_lead"
									}
								],
								"support_log_ref": "records/support/INC-2026-004.md",
								"triage_ref": "records/incidents/INC-2026-004-triage.md",
								"urgency": "high"
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
	f.check == "IR-4.b"
	f.target == "documents"
}
