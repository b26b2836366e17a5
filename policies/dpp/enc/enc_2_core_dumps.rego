# METADATA
# title: ENC-2 core dumps, which hold process memory and so PII, are not written unencrypted
# custom:
#   clause: ENC-2
#   severity: medium
#   requires: [host.hardening]
#   remediation: Set `* hard core 0` in /etc/security/limits.d, fs.suid_dumpable=0 in /etc/sysctl.d, and Storage=none in /etc/systemd/coredump.conf when systemd-coredump is the core handler.
package dpp.enc.enc_2_core_dumps

import rego.v1

_finding(t, key, msg) := {"clause": "ENC-2", "check": "ENC-2.core", "target": t, "msg": msg,
	"details": {"locator": sprintf("core:%v", [key])}}

_core(h) := c if {
	c := object.get(h, "coredump", null)
	is_object(c)
} else := {}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	c := _core(h)
	hard := object.get(c, "limits_hard_core", null)
	hard != "0"
	not _handler_discards(c)
	f := _finding(t, "limit", sprintf("core dumps are allowed (limits.conf hard core %v, core_pattern %v)", [_shown(hard), _shown(object.get(c, "core_pattern", null))]))
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	c := _core(h)
	v := object.get(c, "suid_dumpable", null)
	v != "0"
	f := _finding(t, "suid_dumpable", sprintf("fs.suid_dumpable is %v (want 0): setuid programs dump their privileged memory", [_shown(v)]))
}

deny contains f if {
	some t, h in input.evidence["host.hardening"]
	c := _core(h)
	object.get(c, "systemd_coredump", false) == true
	storage := lower(sprintf("%v", [object.get(c, "systemd_storage", "external")]))
	storage != "none"
	f := _finding(t, "systemd", sprintf("systemd-coredump stores dumps (Storage=%v; want none)", [storage]))
}

# A core_pattern piping to /bin/false (or true) discards every dump whatever the limits.
_handler_discards(c) if {
	p := object.get(c, "core_pattern", null)
	is_string(p)
	p in {"|/bin/false", "|/bin/true", "|/usr/bin/false", "|/usr/bin/true"}
}

_shown(v) := v if v != null
else := "unset"
