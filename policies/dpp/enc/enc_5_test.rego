package dpp.enc.enc_5

import rego.v1

_k(file) := {"host.keyfiles": {"h": {"files": [object.union({"purpose": "tls", "path": "/etc/ssl/private/k.pem", "owner": "root", "group": "ssl-cert",
	"effective_readers": ["root"], "in_web_root": false, "parent_dirs": [{"path": "/etc/ssl/private", "mode": "0710", "owner": "root", "group": "ssl-cert"}]}, file)], "configured_missing": [], "acl_reason": null}}}

test_0600_root_passes if {
	count(deny) == 0 with input as {"params": {}, "evidence": _k({"mode": "0600"})}
}

test_0640_with_service_group_passes if {
	count(deny) == 0 with input as {"params": {"service_accounts": ["postgres"]}, "evidence": _k({"mode": "0640", "effective_readers": ["postgres", "root"]})}
}

test_human_reader_fails if {
	count(deny) == 1 with input as {"params": {"service_accounts": ["postgres"]}, "evidence": _k({"mode": "0640", "effective_readers": ["alice", "root"]})}
}

test_world_readable_fails_mode_and_readers if {
	count(deny) == 2 with input as {"params": {}, "evidence": _k({"mode": "0644", "effective_readers": ["*", "root"]})}
}

test_sticky_tmp_is_not_writable_parent if {
	dirs := [{"path": "/tmp/keys", "mode": "0700", "owner": "root", "group": "root"}, {"path": "/tmp", "mode": "1777", "owner": "root", "group": "root"}]
	count(deny) == 0 with input as {"params": {}, "evidence": _k({"mode": "0600", "parent_dirs": dirs})}
}

# Issue #15 item 8: the snakeoil key (0640 root:ssl-cert) read by postgres, whom postgresql-common puts in ssl-cert.
_snakeoil(readers) := {"path": "/etc/ssl/private/ssl-cert-snakeoil.key", "purpose": "tls", "mode": "0640", "owner": "root",
	"group": "ssl-cert", "effective_readers": readers, "parent_dirs": [{"path": "/etc/ssl/private", "mode": "0710", "owner": "root", "group": "ssl-cert"}],
	"in_web_root": false}

_ssl_accounts(members) := {"users": [{"name": "postgres", "uid": 104, "interactive": false}, {"name": "alice", "uid": 1000, "interactive": true}],
	"groups": [{"name": "ssl-cert", "members": members}]}

_key_in(readers, members) := {"params": {}, "evidence": {"host.keyfiles": {"h": {"files": [_snakeoil(readers)], "configured_missing": [], "acl_reason": null}},
	"host.accounts": {"h": _ssl_accounts(members)}}}

test_ssl_cert_service_reader_is_the_debian_convention if {
	count(deny) == 0 with input as _key_in(["postgres", "root"], ["postgres"])
}

test_a_person_in_ssl_cert_still_fails if {
	count(deny) == 1 with input as _key_in(["alice", "postgres", "root"], ["alice", "postgres"])
}
