# METADATA
# title: LOG-2 log files are protected by restrictive modes, owners and reader groups
# custom:
#   clause: LOG-2
#   severity: high
#   requires: [host.logfiles, host.logging, host.accounts]
#   remediation: chmod 0640 (no group write, nothing for others) and chown root or the service's own account with group adm/syslog/systemd-journal on every log file; keep /var/log/audit 0750 with 0600 files; set logrotate `create 0640` and rsyslog $FileCreateMode 0640; limit adm/systemd-journal membership to params.log_readers.
package dpp.log.log_2

import rego.v1

_owners := {"root", "syslog"} | {o | some o in object.get(input.params, "log_owners", [])} | {o | some o in object.get(input.params, "service_accounts", [])}

_groups := {"root", "adm", "syslog", "systemd-journal", "utmp"} | {g | some g in object.get(input.params, "log_groups", [])}

_readers := {"syslog"} | {r | some r in object.get(input.params, "log_readers", [])}

# Digits whose permission bits are a subset of the limit digit's.
_subsets := {"0": {"0"}, "2": {"0", "2"}, "4": {"0", "4"}, "5": {"0", "1", "4", "5"}, "6": {"0", "2", "4", "6"}, "7": {"0", "1", "2", "3", "4", "5", "6", "7"}}

# An unread (null) mode is not within any limit; builtins never see it.
_within(mode, limit) if {
	is_string(mode)
	count(mode) >= 3
	m := substring(mode, count(mode) - 3, 3)
	l := substring(limit, count(limit) - 3, 3)
	every i in [0, 1, 2] {
		substring(m, i, 1) in _subsets[substring(l, i, 1)]
	}
}

_base(path) := parts[count(parts) - 1] if parts := split(path, "/")

# [limit, allowed owners, allowed groups] per file.
_policy(f, t) := ["0664", {"root"}, {"utmp"}] if regex.match(`^(wtmp|lastlog)([.-][0-9]+)?(\.gz)?$`, _base(f.path))
else := ["0660", {"root"}, {"utmp"}] if regex.match(`^btmp([.-][0-9]+)?(\.gz)?$`, _base(f.path))
else := ["0640", {"root"}, {g}] if {
	startswith(f.path, "/var/log/audit/")
	g := _audit_group(t)
	g != "root"
} else := ["0600", {"root"}, {"root"}] if startswith(f.path, "/var/log/audit/")
else := ["0640", _owners | {a | some a in _service_owner(f, t)}, _groups]

# Debian's packaging conventions: a log a package creates for its own service account is
# owned by that account ("root or the service's own account"), never by a person. Either the
# package's logrotate stanza creates the file with exactly that owner and group (nginx:
# `create 0640 www-data adm`), or the package made the file's directory for that account
# (postgresql-common: /var/log/postgresql root:postgres). The account must be a system one.
_service_owner(f, t) := {o |
	some c in _conventions(f, t)
	o := c.account
}

_conventions(f, t) := {c |
	some c in _by_stanza(f, t)
} | {c |
	some c in _by_directory(f, t)
}

_packaged(t) := object.get(object.get(object.get(input.evidence, "host.logging", {}), t, {}), "packaged", {})

_by_stanza(f, t) := {{"account": f.owner, "package": _package(t, e.file), "by": sprintf("logrotate stanza %v", [e.file])} |
	some e in object.get(_packaged(t), "logrotate_stanzas", [])
	some pattern in e.paths
	glob.match(pattern, ["/"], _unrotated(f.path))
	e.create_owner == f.owner
	e.create_group == f.group
	_system_account(t, f.owner)
}

_by_directory(f, t) := {{"account": f.owner, "package": _package(t, d.path), "by": sprintf("directory %v %v:%v", [d.path, d.owner, d.group])} |
	lf := input.evidence["host.logfiles"][t]
	some d in lf.log_dirs
	d.path == _dir(f.path)
	d.group == f.owner
	_package(t, d.path) != "no package"
	_system_account(t, f.owner)
}

_package(t, path) := p if {
	p := object.get(object.get(_packaged(t), "owners", {}), path, null)
	is_string(p)
} else := "no package"

_dir(path) := concat("/", array.slice(parts, 0, count(parts) - 1)) if parts := split(path, "/")

# access.log.1 and error.log.2.gz are rotations of what the stanza names.
_unrotated(path) := regex.replace(path, `\.[0-9]+(\.gz|\.xz|\.zst)?$`, "")

_system_account(t, name) if {
	some u in input.evidence["host.accounts"][t].users
	u.name == name
	is_number(u.uid)
	u.uid > 0
	u.uid < 1000
	u.interactive == false
}

_audit_group(t) := lower(input.evidence["host.auditd"][t].conf.log_group) if {
	input.evidence["host.auditd"][t].conf.log_group
} else := "root"

deny contains f if {
	some t, lf in input.evidence["host.logfiles"]
	some file in lf.log_files
	p := _policy(file, t)
	problems := _problems(file, p)
	count(problems) > 0
	f := {"clause": "LOG-2", "check": "LOG-2.a", "target": t,
		"msg": sprintf("%s is %v %v:%v (want <= %s, owner %s, group %s)%s", [file.path, _field(file, "mode"), _field(file, "owner"), _field(file, "group"), p[0], concat("/", sort(p[1])), concat("/", sort(p[2])), _convention_note(file, t)]),
		"details": {"locator": sprintf("file:%s", [file.path]), "problems": sort(problems), "conventions": [c | some c in _conventions(file, t)]}}
}

# A missing mode, owner or group is a problem (it cannot be shown allowed).
_problems(file, [limit, owners, groups]) := {x | not _within(_field(file, "mode"), limit); x := "mode"} | {x | not _field(file, "owner") in owners; x := "owner"} | {x | not _field(file, "group") in groups; x := "group"}

_field(file, key) := object.get(file, key, null)

warn contains f if {
	some t, lf in input.evidence["host.logfiles"]
	is_string(lf.partial_reason)
	f := {"clause": "LOG-2", "check": "LOG-2.a", "target": t,
		"msg": sprintf("only the log files the login user can see were checked: %s", [lf.partial_reason]),
		"details": {"locator": "partial"}}
}

deny contains f if {
	some t, lf in input.evidence["host.logfiles"]
	some d in lf.log_dirs
	d.path == "/var/log/audit"
	not _within(_field(d, "mode"), "0750")
	f := {"clause": "LOG-2", "check": "LOG-2.a", "target": t,
		"msg": sprintf("/var/log/audit is %v %v:%v (want <= 0750)", [_field(d, "mode"), _field(d, "owner"), _field(d, "group")]),
		"details": {"locator": "dir:/var/log/audit"}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	some e in l.logrotate.entries
	mode := object.get(e, "create_mode", null) # no create directive: the rotated file keeps its mode
	is_string(mode)
	not _within(mode, "0640")
	f := {"clause": "LOG-2", "check": "LOG-2.b", "target": t,
		"msg": sprintf("logrotate creates %s with mode %s (%s:%v), want <= 0640", [concat(" ", e.paths), e.create_mode, e.file, e.line]),
		"details": {"locator": sprintf("logrotate-create:%s", [e.paths[0]])}}
}

deny contains f if {
	some t, l in input.evidence["host.logging"]
	mode := l.rsyslog.file_create_mode
	is_string(mode)
	not _within(mode, "0640")
	f := {"clause": "LOG-2", "check": "LOG-2.b", "target": t,
		"msg": sprintf("rsyslog $FileCreateMode is %s (want <= 0640)", [mode]),
		"details": {"locator": "rsyslog:FileCreateMode"}}
}

deny contains f if {
	some t, a in input.evidence["host.accounts"]
	some g in a.groups
	g.name in {"adm", "systemd-journal", "syslog"}
	some m in g.members
	not m in _readers
	f := {"clause": "LOG-2", "check": "LOG-2.c", "target": t,
		"msg": sprintf("%s is a member of log-reader group %s but not in params.log_readers", [m, g.name]),
		"details": {"locator": sprintf("group:%s:%s", [g.name, m])}}
}

_convention_note(file, t) := sort(notes)[0] if {
	notes := [sprintf("; %v is its service account (package %v, %v)", [c.account, c.package, c.by]) | some c in _conventions(file, t)]
	count(notes) > 0
} else := ""
