# METADATA
# title: NET-6 public access is restricted to approved users
# custom:
#   clause: NET-6
#   severity: high
#   requires: [tls.endpoint]
#   remediation: Require authentication on admin and Application URLs (401/403 or a redirect to login), remove or block /phpmyadmin, /adminer.php, /server-status, /.git and /.env, and turn directory listings off.
package dpp.net.net_6

import rego.v1

refused := {401, 403}

to_login := {302, 303}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some probe in ep.unauth_probe
	probe.kind == "requires_auth"
	not protected(probe)
	f := finding(target, ep, "NET-6.a", sprintf("%s%s answers %v to an anonymous request (requires authentication)", [ep.url, probe.path, probe.status]), probe.path, probe.status)
}

protected(probe) if refused[probe.status]

protected(probe) if {
	to_login[probe.status]
	probe.login_redirect == true
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some probe in ep.unauth_probe
	probe.kind == "forbidden"
	is_number(probe.status)
	probe.status >= 200
	probe.status < 300
	f := finding(target, ep, "NET-6.b", sprintf("%s%s is served publicly (status %v, %v bytes)", [ep.url, probe.path, probe.status, probe.body_bytes]), probe.path, probe.status)
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	some probe in ep.unauth_probe
	probe.directory_listing == true
	f := finding(target, ep, "NET-6.b", sprintf("%s%s serves a directory listing", [ep.url, probe.path]), sprintf("listing:%s", [probe.path]), "directory listing")
}

deny contains f if {
	some target, ep in input.evidence["tls.endpoint"]
	ep.http.directory_listing == true
	f := finding(target, ep, "NET-6.b", sprintf("%s/ serves a directory listing", [ep.url]), "listing:/", "directory listing")
}

finding(target, ep, check, msg, locator, seen) := {
	"clause": "NET-6", "check": check, "target": target, "msg": msg,
	"details": {"locator": locator, "endpoint": ep.url, "seen": seen},
}
