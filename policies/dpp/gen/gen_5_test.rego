package dpp.gen.gen_5

import rego.v1

_meta := {"evaluated_at": "2026-11-27T10:00:00Z"}

_pkg(pending, since) := {"os": {"id": "debian", "version_id": "12", "pretty_name": "Debian 12"},
	"os_eol_date": "2028-06-30T00:00:00Z", "manager": "dnf", "method_reason": null,
	"security_updates_pending": pending, "reboot_required": since != null,
	"reboot_required_since": since, "reboot_required_packages": []}

_in(p) := {"meta": _meta, "params": {}, "evidence": {"host.packages": {"h": p}}}

test_high_within_14_days_passes if {
	u := {"name": "curl", "candidate_version": "1", "severity": "high", "published_at": "2026-11-14T00:00:00Z"}
	count(deny) == 0 with input as _in(_pkg([u], null))
}

test_high_after_14_days_fails if {
	u := {"name": "curl", "candidate_version": "1", "severity": "high", "published_at": "2026-11-12T00:00:00Z"}
	{f.check | some f in deny} == {"GEN-5.a"} with input as _in(_pkg([u], null))
}

test_unknown_severity_gets_30_days if {
	u := {"name": "vim", "candidate_version": "1", "severity": null, "published_at": "2026-11-01T00:00:00Z"}
	count(deny) == 0 with input as _in(_pkg([u], null))
}

test_sla_parameter_is_used if {
	u := {"name": "vim", "candidate_version": "1", "severity": "low", "published_at": "2026-11-20T00:00:00Z"}
	i := object.union(_in(_pkg([u], null)), {"params": {"patch_sla_days": {"critical": 1, "high": 1, "other": 2}}})
	count(deny) == 1 with input as i
}

test_unknown_reboot_time_fails if {
	p := object.union(_pkg([], null), {"reboot_required": true})
	{f.check | some f in deny} == {"GEN-5.b"} with input as _in(p)
}

_apt(date) := object.union(_pkg([], null), {"manager": "apt", "apt_security_suites": ["bookworm-security"],
	"apt_security_lists_date": date})

test_apt_lists_within_sla_pass if {
	count(deny) == 0 with input as _in(_apt("2026-11-20T00:00:00Z"))
}

test_apt_lists_older_than_shortest_sla_fail if {
	{f.details.locator | some f in deny} == {"updates:stale-lists"} with input as _in(_apt("2026-11-01T00:00:00Z"))
}

test_apt_lists_date_missing_never_passes if {
	{f.details.locator | some f in deny} == {"updates:lists-date-unknown"} with input as _in(_apt(null))
}
