package dpp.scp.scp_1

import rego.v1

test_clean_input_passes if {
	count(deny) == 0 with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-27T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			},
			"host.sshd": {
				"local": {}
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
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			},
			"local": {
				"address": "local",
				"kind": "host"
			},
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
}

test_in_scope_asset_not_reached_fails if {
	findings := deny with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-27T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			},
			"host.sshd": {
				"local": {}
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
						},
						{
							"amazon_scope": true,
							"asset_id": "srv-orders-02",
							"assignee_history": [],
							"classification": "amazon_information",
							"controls_profile": "amazon_env",
							"endpoints": [],
							"hosting": "private_dedicated",
							"hostnames": [
								"orders-02"
							],
							"ip_addresses": [],
							"last_review_date": "2026-10-10T00:00:00Z",
							"location": "Example Dedicated Hosting, rack 12",
							"media_type": "ssd",
							"owner_person_id": "P002",
							"sanitisation": [],
							"sources": [],
							"status": "active",
							"targets": [],
							"type": "server"
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
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			},
			"local": {
				"address": "local",
				"kind": "host"
			},
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
	some f in findings
	f.check == "SCP-1.a"
	f.target == "inventory"
}

test_reached_out_of_scope_fails if {
	findings := deny with input as {
		"evidence": {
			"database.retention": {
				"orders-db": {
					"api_log_tables": [
						{
							"findings": [],
							"full_scan": true,
							"rows_in_window": 3,
							"rows_scanned": 3,
							"rows_total": 3,
							"schema": null,
							"table": "api_log",
							"window_days": 30
						}
					],
					"checked_at": "2026-11-27T09:59:00Z",
					"deletion_verification": [],
					"engine": "sqlite",
					"grants": [],
					"grants_supported": false,
					"purge_job": {
						"last_run_at": "2026-11-27T01:00:00Z",
						"last_success_at": "2026-11-27T01:00:00Z",
						"rows_purged": 3,
						"table": "purge_runs"
					},
					"purpose": {
						"order_mgmt_db_users": [],
						"order_mgmt_schemas": [],
						"order_mgmt_tables": [
							"orders"
						]
					},
					"retention_checks": [
						{
							"event": "shipped",
							"event_column": "shipped_at",
							"name": "orders_shipped",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "b69a5bc1cc9f0da82b3ba7a2359c852f1733dfc819446bab571ae1d102171d0a",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "cancelled",
							"event_column": "cancelled_at",
							"name": "orders_cancelled",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "eec9471b27e33a975782921eb6c32bcf2222315fa5d5eb4390521f15a76425f0",
							"schema": null,
							"table": "orders",
							"threshold_days": 30
						},
						{
							"event": "open_since_purchase",
							"event_column": "purchased_at",
							"name": "orders_open",
							"offending_rows": 0,
							"oldest_offending_age_days": null,
							"pii_columns": [
								"buyer_name",
								"buyer_email",
								"ship_address",
								"ship_postcode"
							],
							"query_sha256": "fa6b7595b3b33660b597bb387846b8d0aeef5e12c8be091fc1186d3b88bec813",
							"schema": null,
							"table": "orders",
							"threshold_days": 90
						}
					],
					"schema_scan": [
						{
							"column": "buyer_name",
							"name_match_category": "person_name",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "buyer_email",
							"name_match_category": "email",
							"sample_categories": [
								"email"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_address",
							"name_match_category": "postal_address",
							"sample_categories": [
								"postal_address"
							],
							"sample_pii_hits": 2,
							"schema": "main",
							"table": "orders"
						},
						{
							"column": "ship_postcode",
							"name_match_category": "postal_address",
							"sample_categories": [],
							"sample_pii_hits": 0,
							"schema": "main",
							"table": "orders"
						}
					],
					"tables_scanned": [
						{
							"rows_sampled": 5,
							"schema": "main",
							"table": "orders"
						},
						{
							"rows_sampled": 0,
							"schema": "main",
							"table": "purge_runs"
						}
					],
					"url_redacted": "sqlite:////work/main/examples/governance/demo.sqlite"
				}
			},
			"host.sshd": {
				"local": {}
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
							"amazon_scope": false,
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
			"inventory": {
				"address": "inventory",
				"kind": "inventory"
			},
			"local": {
				"address": "local",
				"kind": "host"
			},
			"orders-db": {
				"address": "database:orders-db",
				"kind": "database"
			}
		}
	}
	some f in findings
	f.check == "SCP-1.b"
	f.target == "orders-db"
}
