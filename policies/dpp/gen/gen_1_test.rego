package dpp.gen.gen_1

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"control_register": [
							{
								"amazon_doc_refs": [
									"DPP Data Retention",
									"AUP 4"
								],
								"clause_id": "RET-3",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Request for Deletion or Return"
								],
								"clause_id": "DEL-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Incident Response Plan"
								],
								"clause_id": "IR-7",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP scope",
									"MDA 2"
								],
								"clause_id": "SCP-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Data Governance"
								],
								"clause_id": "GOV-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Records",
									"MDA audit"
								],
								"clause_id": "AUD-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
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
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_owner_left_fails if {
	findings := deny with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "leaver",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"control_register": [
							{
								"amazon_doc_refs": [
									"DPP Data Retention",
									"AUP 4"
								],
								"clause_id": "RET-3",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Request for Deletion or Return"
								],
								"clause_id": "DEL-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Incident Response Plan"
								],
								"clause_id": "IR-7",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP scope",
									"MDA 2"
								],
								"clause_id": "SCP-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Data Governance"
								],
								"clause_id": "GOV-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Records",
									"MDA audit"
								],
								"clause_id": "AUD-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
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
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "GEN-1.b"
	f.target == "documents"
}

test_owner_missing_fails if {
	findings := deny with input as {
		"evidence": {
			"access.list": {
				"access": {
					"accounts": [
						{
							"account_id": "A-001",
							"devices": [
								"laptop-07"
							],
							"person_id": "P002",
							"roles": [
								"order_ops"
							],
							"status": "active",
							"system": "ssh"
						}
					],
					"persons": [
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P001",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P002",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P003",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						},
						{
							"dpp_ack_at": "2026-03-01T00:00:00Z",
							"employment_status": "active",
							"person_id": "P004",
							"pii_handling_ack_at": "2026-03-01T00:00:00Z",
							"training_completed_at": "2026-03-01T00:00:00Z"
						}
					],
					"roles": [
						{
							"grants_amazon_data": true,
							"role_id": "order_ops"
						}
					]
				}
			},
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
					"privacy_policy": null,
					"registers": {
						"control_register": [
							{
								"amazon_doc_refs": [
									"DPP Data Retention",
									"AUP 4"
								],
								"clause_id": "RET-3",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Request for Deletion or Return"
								],
								"clause_id": "DEL-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Incident Response Plan"
								],
								"clause_id": "IR-7",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP scope",
									"MDA 2"
								],
								"clause_id": "SCP-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Data Governance"
								],
								"clause_id": "GOV-1",
								"owner_person_id": "P002",
								"refs_ok": {
									"amazon_doc_refs": false
								}
							},
							{
								"amazon_doc_refs": [
									"DPP Records",
									"MDA audit"
								],
								"clause_id": "AUD-1",
								"owner_person_id": "P001",
								"refs_ok": {
									"amazon_doc_refs": false
								}
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
			"access": {
				"address": "access",
				"kind": "access"
			},
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "GEN-1.b"
	f.target == "documents"
}
