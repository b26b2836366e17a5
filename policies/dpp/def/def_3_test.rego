package dpp.def.def_3

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
			},
			"inventory.assets": {
				"inventory": {
					"assets": [
						{
							"amazon_scope": true,
							"asset_id": "srv-orders-01",
							"assignee_history": [],
							"classification": "amazon_information",
							"controls_profile": "amazon_env",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"orders-01.example.internal",
								"localhost"
							],
							"ip_addresses": [
								"127.0.0.1"
							],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"media_type": "ssd",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"local"
							],
							"type": "server"
						},
						{
							"amazon_scope": true,
							"asset_id": "db-orders",
							"assignee_history": [],
							"classification": "amazon_information",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "srv-orders-01",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"orders-db"
							],
							"type": "data_store"
						},
						{
							"amazon_scope": false,
							"asset_id": "web-shop",
							"assignee_history": [],
							"classification": "internal",
							"controls_profile": "amazon_equivalent",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"shop.example.com"
							],
							"ip_addresses": [],
							"ir_scope": true,
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"owner_person_id": "P003",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "server"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-07",
							"assigned_person_id": "P002",
							"assignee_history": [],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"owner_person_id": "P002",
							"ownership": "company",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "endpoint"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-03",
							"assignee_history": [
								{
									"from": "2024-01-10T00:00:00Z",
									"person_id": "P004",
									"to": "2026-05-01T00:00:00Z"
								},
								{
									"from": "2026-05-04T00:00:00Z",
									"person_id": "P003"
								}
							],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"held_amazon_data": true,
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"media_type": "ssd",
							"owner_person_id": "P003",
							"ownership": "company",
							"sanitisation": [
								{
									"date": "2026-05-02T00:00:00Z",
									"nist_category": "purge",
									"performed_by": "P002",
									"technique": "cryptographic erase (LUKS keyslots destroyed, cryptsetup erase)",
									"verified_by": "P001"
								}
							],
							"sources": [],
							"status": "reassigned",
							"status_changed_at": "2026-05-04T00:00:00Z",
							"targets": [],
							"type": "endpoint"
						}
					],
					"data_stores": [
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": true,
							"database": "orders-db",
							"id": "orders-db.orders",
							"kind": "db_table",
							"sources": [
								"sp_api"
							],
							"tables": [
								"orders"
							]
						},
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": false,
							"database": "orders-db",
							"id": "orders-db.api_log",
							"kind": "api_log",
							"sources": [
								"sp_api"
							],
							"tables": [
								"api_log"
							]
						},
						{
							"asset_id": "srv-orders-01",
							"classification": "amazon_information",
							"contains_pii": true,
							"encryption": {
								"algorithm": "restic",
								"enabled": true,
								"key_ref": "vault:backup-key"
							},
							"id": "orders-backups",
							"kind": "backup_set",
							"sources": [
								"sp_api"
							]
						}
					],
					"file": "/work/main/examples/governance/inventory.yaml",
					"meta": {
						"document_ref": "records/inventory-2026-10.md",
						"last_full_inventory_date": "2026-10-10T00:00:00Z",
						"performed_by": "P002"
					}
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
			},
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			}
		}
	}
}

test_bad_category_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
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
								"category": "oops",
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
			},
			"inventory.assets": {
				"inventory": {
					"assets": [
						{
							"amazon_scope": true,
							"asset_id": "srv-orders-01",
							"assignee_history": [],
							"classification": "amazon_information",
							"controls_profile": "amazon_env",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"orders-01.example.internal",
								"localhost"
							],
							"ip_addresses": [
								"127.0.0.1"
							],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"media_type": "ssd",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"local"
							],
							"type": "server"
						},
						{
							"amazon_scope": true,
							"asset_id": "db-orders",
							"assignee_history": [],
							"classification": "amazon_information",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "srv-orders-01",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"orders-db"
							],
							"type": "data_store"
						},
						{
							"amazon_scope": false,
							"asset_id": "web-shop",
							"assignee_history": [],
							"classification": "internal",
							"controls_profile": "amazon_equivalent",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"shop.example.com"
							],
							"ip_addresses": [],
							"ir_scope": true,
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"owner_person_id": "P003",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "server"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-07",
							"assigned_person_id": "P002",
							"assignee_history": [],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"owner_person_id": "P002",
							"ownership": "company",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "endpoint"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-03",
							"assignee_history": [
								{
									"from": "2024-01-10T00:00:00Z",
									"person_id": "P004",
									"to": "2026-05-01T00:00:00Z"
								},
								{
									"from": "2026-05-04T00:00:00Z",
									"person_id": "P003"
								}
							],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"held_amazon_data": true,
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"media_type": "ssd",
							"owner_person_id": "P003",
							"ownership": "company",
							"sanitisation": [
								{
									"date": "2026-05-02T00:00:00Z",
									"nist_category": "purge",
									"performed_by": "P002",
									"technique": "cryptographic erase (LUKS keyslots destroyed, cryptsetup erase)",
									"verified_by": "P001"
								}
							],
							"sources": [],
							"status": "reassigned",
							"status_changed_at": "2026-05-04T00:00:00Z",
							"targets": [],
							"type": "endpoint"
						}
					],
					"data_stores": [
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": true,
							"database": "orders-db",
							"id": "orders-db.orders",
							"kind": "db_table",
							"sources": [
								"sp_api"
							],
							"tables": [
								"orders"
							]
						},
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": false,
							"database": "orders-db",
							"id": "orders-db.api_log",
							"kind": "api_log",
							"sources": [
								"sp_api"
							],
							"tables": [
								"api_log"
							]
						},
						{
							"asset_id": "srv-orders-01",
							"classification": "amazon_information",
							"contains_pii": true,
							"encryption": {
								"algorithm": "restic",
								"enabled": true,
								"key_ref": "vault:backup-key"
							},
							"id": "orders-backups",
							"kind": "backup_set",
							"sources": [
								"sp_api"
							]
						}
					],
					"file": "/work/main/examples/governance/inventory.yaml",
					"meta": {
						"document_ref": "records/inventory-2026-10.md",
						"last_full_inventory_date": "2026-10-10T00:00:00Z",
						"performed_by": "P002"
					}
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
			},
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			}
		}
	}
	some f in findings
	f.check == "DEF-3.a"
	f.target == "documents"
}

test_similar_env_not_in_ir_scope_fails if {
	findings := deny with input as {
		"evidence": {
			"documents.records": {
				"documents": {
					"attestations": [],
					"documents": [],
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
			},
			"inventory.assets": {
				"inventory": {
					"assets": [
						{
							"amazon_scope": true,
							"asset_id": "srv-orders-01",
							"assignee_history": [],
							"classification": "amazon_information",
							"controls_profile": "amazon_env",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"orders-01.example.internal",
								"localhost"
							],
							"ip_addresses": [
								"127.0.0.1"
							],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"media_type": "ssd",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"local"
							],
							"type": "server"
						},
						{
							"amazon_scope": true,
							"asset_id": "db-orders",
							"assignee_history": [],
							"classification": "amazon_information",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "srv-orders-01",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [
								"orders-db"
							],
							"type": "data_store"
						},
						{
							"amazon_scope": false,
							"asset_id": "web-shop",
							"assignee_history": [],
							"classification": "internal",
							"controls_profile": "amazon_equivalent",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"shop.example.com"
							],
							"ip_addresses": [],
							"ir_scope": false,
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"owner_person_id": "P003",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "server"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-07",
							"assigned_person_id": "P002",
							"assignee_history": [],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"owner_person_id": "P002",
							"ownership": "company",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "endpoint"
						},
						{
							"amazon_scope": false,
							"asset_id": "laptop-03",
							"assignee_history": [
								{
									"from": "2024-01-10T00:00:00Z",
									"person_id": "P004",
									"to": "2026-05-01T00:00:00Z"
								},
								{
									"from": "2026-05-04T00:00:00Z",
									"person_id": "P003"
								}
							],
							"classification": "internal",
							"download_controls": true,
							"endpoints": [],
							"held_amazon_data": true,
							"hostnames": [],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "office",
							"mdm_enrolled": true,
							"media_type": "ssd",
							"owner_person_id": "P003",
							"ownership": "company",
							"sanitisation": [
								{
									"date": "2026-05-02T00:00:00Z",
									"nist_category": "purge",
									"performed_by": "P002",
									"technique": "cryptographic erase (LUKS keyslots destroyed, cryptsetup erase)",
									"verified_by": "P001"
								}
							],
							"sources": [],
							"status": "reassigned",
							"status_changed_at": "2026-05-04T00:00:00Z",
							"targets": [],
							"type": "endpoint"
						}
					],
					"data_stores": [
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": true,
							"database": "orders-db",
							"id": "orders-db.orders",
							"kind": "db_table",
							"sources": [
								"sp_api"
							],
							"tables": [
								"orders"
							]
						},
						{
							"asset_id": "db-orders",
							"classification": "amazon_information",
							"contains_pii": false,
							"database": "orders-db",
							"id": "orders-db.api_log",
							"kind": "api_log",
							"sources": [
								"sp_api"
							],
							"tables": [
								"api_log"
							]
						},
						{
							"asset_id": "srv-orders-01",
							"classification": "amazon_information",
							"contains_pii": true,
							"encryption": {
								"algorithm": "restic",
								"enabled": true,
								"key_ref": "vault:backup-key"
							},
							"id": "orders-backups",
							"kind": "backup_set",
							"sources": [
								"sp_api"
							]
						}
					],
					"file": "/work/main/examples/governance/inventory.yaml",
					"meta": {
						"document_ref": "records/inventory-2026-10.md",
						"last_full_inventory_date": "2026-10-10T00:00:00Z",
						"performed_by": "P002"
					}
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
			},
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			}
		}
	}
	some f in findings
	f.check == "DEF-3.c"
	f.target == "inventory"
}
