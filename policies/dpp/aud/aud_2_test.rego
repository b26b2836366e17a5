package dpp.aud.aud_2

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"accepted_at": "2025-03-01T00:00:00Z",
							"accepted_by": "P001",
							"artefacts_found": [],
							"doc_type": "amazon_aup_acceptance",
							"keywords_found": [],
							"path": "documents/amazon-aup-acceptance.md",
							"sections_found": [],
							"sha256": "7c7aebd8adf2147bf47473418bc69eeb058cf36c5d72f4182046710882de4a8a",
							"title": "amazon_aup_acceptance"
						},
						{
							"accepted_at": "2025-03-01T00:00:00Z",
							"accepted_by": "P001",
							"artefacts_found": [],
							"doc_type": "amazon_developer_agreement",
							"keywords_found": [],
							"path": "documents/amazon-developer-agreement.md",
							"sections_found": [],
							"sha256": "13ca68a2bc4fb22dea85127cf1069c14d84ed2dd3652a12ddedef61d94711c4c",
							"title": "amazon_developer_agreement"
						},
						{
							"artefacts_found": [],
							"doc_type": "evidence_export_test",
							"keywords_found": [],
							"path": "documents/evidence-export-test.md",
							"performed_at": "2026-10-02T00:00:00Z",
							"result": "success",
							"sections_found": [],
							"sha256": "1e2f6fb3d435caaf39acd19efdcf5d99426303824ee6f33942147b6a7945529f",
							"title": "Evidence export test"
						}
					],
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
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
}

test_no_export_test_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [
						{
							"accepted_at": "2025-03-01T00:00:00Z",
							"accepted_by": "P001",
							"artefacts_found": [],
							"doc_type": "amazon_aup_acceptance",
							"keywords_found": [],
							"path": "documents/amazon-aup-acceptance.md",
							"sections_found": [],
							"sha256": "7c7aebd8adf2147bf47473418bc69eeb058cf36c5d72f4182046710882de4a8a",
							"title": "amazon_aup_acceptance"
						},
						{
							"accepted_at": "2025-03-01T00:00:00Z",
							"accepted_by": "P001",
							"artefacts_found": [],
							"doc_type": "amazon_developer_agreement",
							"keywords_found": [],
							"path": "documents/amazon-developer-agreement.md",
							"sections_found": [],
							"sha256": "13ca68a2bc4fb22dea85127cf1069c14d84ed2dd3652a12ddedef61d94711c4c",
							"title": "amazon_developer_agreement"
						}
					],
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
			"documents": {
				"address": "documents",
				"kind": "documents"
			}
		}
	}
	some f in findings
	f.check == "AUD-2.c"
	f.target == "documents"
}
