# METADATA
# title: TLS-6 databases enforce TLS for every non-local connection
# custom:
#   clause: TLS-6
#   severity: high
#   requires: [host.dbtls]
#   remediation: Bind databases to loopback, or enable and require TLS (PostgreSQL ssl = on, ssl_min_protocol_version = 'TLSv1.2', only hostssl lines for remote addresses in pg_hba.conf; MySQL/MariaDB require_secure_transport = ON and tls_version = TLSv1.2,TLSv1.3).
package dpp.tls.tls_6

import rego.v1

_good_versions := {"TLSv1.2", "TLSv1.3"}

_finding(t, db, key, msg) := {"clause": "TLS-6", "check": "TLS-6", "target": t,
	"msg": sprintf("%s %s (listening on %s): %s", [db.engine, db.instance, concat(",", db.bind_addresses), msg]),
	"details": {"locator": sprintf("%s:%s:%s", [db.engine, db.instance, key])}}

_remote(db) if not db.loopback_only

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "postgresql"
	_remote(db)
	not db.ssl_enabled
	f := _finding(t, db, "ssl", "ssl is off in postgresql.conf")
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "postgresql"
	_remote(db)
	db.ssl_enabled
	not db.ssl_min_protocol_version in _good_versions
	f := _finding(t, db, "ssl_min_protocol_version", sprintf("ssl_min_protocol_version is %v (want TLSv1.2 or TLSv1.3)", [db.ssl_min_protocol_version]))
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "postgresql"
	_remote(db)
	some h in db.hba
	h.type in {"host", "hostnossl"}
	not h.loopback
	h.method != "reject"
	f := _finding(t, db, sprintf("hba:%v", [h.line]), sprintf("pg_hba.conf line %v `%s %s %s %s %s` accepts non-TLS connections from a non-loopback address (want hostssl)", [h.line, h.type, h.database, h.user, h.address, h.method]))
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "mysql"
	_remote(db)
	db.require_secure_transport != true
	f := _finding(t, db, "require_secure_transport", "require_secure_transport is not ON")
}

deny contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "mysql"
	_remote(db)
	is_array(db.tls_versions)
	some v in db.tls_versions
	not v in _good_versions
	f := _finding(t, db, sprintf("tls_version:%s", [v]), sprintf("tls_version allows %s (want TLSv1.2,TLSv1.3 only)", [v]))
}

warn contains f if {
	some t, ev in input.evidence["host.dbtls"]
	some db in ev.db_config
	db.engine == "mysql"
	_remote(db)
	db.tls_versions == null
	f := _finding(t, db, "tls_version", "tls_version is unset: the server default decides (TLSv1.2,TLSv1.3 on MariaDB >= 10.6 and MySQL 8)")
}
