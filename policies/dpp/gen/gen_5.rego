# METADATA
# title: GEN-5 known vulnerabilities are patched in time and the OS is supported
# custom:
#   clause: GEN-5
#   severity: high
#   requires: [host.packages]
#   remediation: Install pending security updates within the patch SLA (unattended-upgrades or dnf-automatic), reboot when /run/reboot-required appears, and move off end-of-life OS releases.
package dpp.gen.gen_5

import rego.v1

_day := 86400000000000

_now := time.parse_rfc3339_ns(input.meta.evaluated_at)

_sla := object.get(input.params, "patch_sla_days", {"critical": 14, "high": 14, "other": 30})

_pending(p) := p.security_updates_pending if is_array(p.security_updates_pending)
else := []

_sla_days(severity) := _sla[severity] if severity in {"critical", "high"}
else := _sla.other

deny contains f if {
	some t, p in input.evidence["host.packages"]
	p.security_updates_pending == null
	f := {"clause": "GEN-5", "check": "GEN-5.a", "target": t,
		"msg": sprintf("pending security updates could not be listed (%v)", [p.method_reason]),
		"details": {"locator": "updates:unknown", "manager": p.manager}}
}

# Lists older than the shortest SLA cannot show an update published after them that is overdue now.
deny contains f if {
	some t, p in input.evidence["host.packages"]
	signed := object.get(p, "apt_security_lists_date", null)
	signed != null
	days := (_now - time.parse_rfc3339_ns(signed)) / _day
	limit := min({_sla_days("critical"), _sla_days("other")})
	days > limit
	f := {"clause": "GEN-5", "check": "GEN-5.a", "target": t,
		"msg": sprintf("apt's security package lists (%v) were signed %v days ago (limit %v): updates published since cannot be seen", [concat(", ", object.get(p, "apt_security_suites", [])), floor(days), limit]),
		"details": {"locator": "updates:stale-lists", "lists_date": signed, "days": floor(days), "limit_days": limit}}
}

deny contains f if {
	some t, p in input.evidence["host.packages"]
	p.manager == "apt"
	is_array(p.security_updates_pending) # a null list is its own finding above
	object.get(p, "apt_security_lists_date", null) == null
	f := {"clause": "GEN-5", "check": "GEN-5.a", "target": t,
		"msg": "the date of apt's security package lists is unknown: an empty upgrade list cannot show that security updates are installed",
		"details": {"locator": "updates:lists-date-unknown"}}
}

# apt gives no publication date: the SLA cannot be shown, so a pending update fails.
deny contains f if {
	some t, p in input.evidence["host.packages"]
	some u in _pending(p)
	u.published_at == null
	f := {"clause": "GEN-5", "check": "GEN-5.a", "target": t,
		"msg": sprintf("security update %s %s is pending and its publication date is unknown (%s)", [u.name, u.candidate_version, p.manager]),
		"details": {"locator": sprintf("update:%s", [u.name]), "package": u.name, "candidate_version": u.candidate_version}}
}

deny contains f if {
	some t, p in input.evidence["host.packages"]
	some u in _pending(p)
	u.published_at != null
	days := (_now - time.parse_rfc3339_ns(u.published_at)) / _day
	limit := _sla_days(u.severity)
	days > limit
	f := {"clause": "GEN-5", "check": "GEN-5.a", "target": t,
		"msg": sprintf("security update %s %s (%v, %v) is pending %v days after publication (limit %v)", [u.name, u.candidate_version, object.get(u, "advisory", null), _severity(u), floor(days), limit]),
		"details": {"locator": sprintf("update:%s", [u.name]), "package": u.name, "days": floor(days), "limit_days": limit}}
}

_severity(u) := u.severity if u.severity != null
else := "unknown severity"

deny contains f if {
	some t, p in input.evidence["host.packages"]
	p.reboot_required
	not _recent_reboot_flag(p)
	f := {"clause": "GEN-5", "check": "GEN-5.b", "target": t,
		"msg": sprintf("a reboot has been required since %v (limit %v days) for %v package(s)", [_since(p), _sla.critical, count(p.reboot_required_packages)]),
		"details": {"locator": "reboot-required", "since": p.reboot_required_since}}
}

_recent_reboot_flag(p) if {
	p.reboot_required_since != null
	(_now - time.parse_rfc3339_ns(p.reboot_required_since)) <= _sla.critical * _day
}

_since(p) := p.reboot_required_since if p.reboot_required_since != null
else := "an unknown time"

deny contains f if {
	some t, p in input.evidence["host.packages"]
	p.os_eol_date != null
	time.parse_rfc3339_ns(p.os_eol_date) <= _now
	f := {"clause": "GEN-5", "check": "GEN-5.c", "target": t,
		"msg": sprintf("%v reached end of security support on %v", [p.os.pretty_name, substring(p.os_eol_date, 0, 10)]),
		"details": {"locator": sprintf("os:%v:%v", [p.os.id, p.os.version_id]), "eol_date": p.os_eol_date}}
}

warn contains f if {
	some t, p in input.evidence["host.packages"]
	p.os_eol_date == null
	f := {"clause": "GEN-5", "check": "GEN-5.c", "target": t,
		"msg": sprintf("end of life of %v is not in the shipped table", [p.os.pretty_name]),
		"details": {"locator": sprintf("os:%v:%v", [p.os.id, p.os.version_id])}}
}
