# METADATA
# title: ENC-5 key files are readable only by root and the owning service account
# custom:
#   clause: ENC-5
#   severity: critical
#   requires: [host.keyfiles, host.accounts]
#   remediation: chown root (or the service account) and chmod 0600/0400, or 0640/0440 with a group holding only service accounts; remove ACL entries for people; keep key directories 0750 or tighter and outside web roots; list the services in params.service_accounts.
package dpp.enc.enc_5

import rego.v1

_allowed := {"root"} | {s | some s in object.get(input.params, "service_accounts", [])}

_finding(t, file, key, msg) := {"clause": "ENC-5", "check": "ENC-5", "target": t,
	"msg": sprintf("%s key %s (%s %s:%s): %s", [file.purpose, file.path, file.mode, file.owner, file.group, msg]),
	"details": {"locator": sprintf("key:%s:%s", [file.path, key]), "path": file.path}}

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	extra := {r | some r in file.effective_readers; not r in _allowed; not _ssl_cert_reader(t, file, r)}
	count(extra) > 0
	f := _finding(t, file, "readers", sprintf("readable by %s (allowed: root and params.service_accounts)", [concat(", ", sort(extra))]))
}

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	not file.owner in _allowed
	f := _finding(t, file, "owner", sprintf("owned by %s, not root or a service account", [file.owner]))
}

# Debian's ssl-cert package convention: keys in /etc/ssl/private are root:ssl-cert 0640 and a
# service that needs one (postgresql-common adds postgres) joins ssl-cert. A system account
# reading through that group is the convention, not a leak; a person in ssl-cert still fails.
_ssl_cert_reader(t, file, r) if {
	file.group == "ssl-cert"
	some g in input.evidence["host.accounts"][t].groups
	g.name == "ssl-cert"
	r in g.members
	some u in input.evidence["host.accounts"][t].users
	u.name == r
	is_number(u.uid)
	u.uid > 0
	u.uid < 1000
	u.interactive == false
}

_digit(mode, i) := substring(mode, count(mode) - 3 + i, 1)

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	_bad_mode(file.mode)
	f := _finding(t, file, "mode", "mode allows group write or any access by others (want 0600/0400, or 0640/0440)")
}

_bad_mode(mode) if not _digit(mode, 1) in {"0", "4"}

_bad_mode(mode) if _digit(mode, 2) != "0"

_closed_to_others(mode) if {
	is_string(mode)
	_digit(mode, 2) == "0"
}

_sticky(mode) if {
	count(mode) == 4
	substring(mode, 0, 1) in {"1", "3", "5", "7"}
}

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	some d in file.parent_dirs
	mode := d.mode # a directory without a mode read shows no writable bits here
	is_string(mode)
	not _sticky(mode)
	some i in [1, 2]
	_digit(mode, i) in {"2", "3", "6", "7"}
	f := _finding(t, file, sprintf("parent:%s", [d.path]), sprintf("parent directory %s is %s %s:%s and writable by %s (the key can be replaced)", [d.path, d.mode, d.owner, d.group, ["", "its group", "everyone"][i]]))
}

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	d := file.parent_dirs[0]
	mode := object.get(d, "mode", null) # an unread mode is not shown tight
	not _closed_to_others(mode)
	f := _finding(t, file, "parent-mode", sprintf("its directory %s is %v (want 0750 or tighter)", [d.path, mode]))
}

deny contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some file in k.files
	file.in_web_root
	f := _finding(t, file, "web-root", "it sits under a web server root")
}

warn contains f if {
	some t, k in input.evidence["host.keyfiles"]
	some p in k.configured_missing
	f := {"clause": "ENC-5", "check": "ENC-5", "target": t, "msg": sprintf("configured key path %s does not exist", [p]),
		"details": {"locator": sprintf("missing:%s", [p])}}
}

warn contains f if {
	some t, k in input.evidence["host.keyfiles"]
	count(k.files) > 0
	k.acl_reason != null
	f := {"clause": "ENC-5", "check": "ENC-5", "target": t, "msg": sprintf("ACL entries were not checked: %s", [k.acl_reason]),
		"details": {"locator": "acl"}}
}

warn contains f if {
	some t, k in input.evidence["host.keyfiles"]
	count(k.files) == 0
	f := {"clause": "ENC-5", "check": "ENC-5", "target": t,
		"msg": "no key files found in the common locations or params.key_paths: list the host's keys to have them checked",
		"details": {"locator": "none"}}
}
