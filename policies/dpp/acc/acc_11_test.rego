package dpp.acc.acc_11

import rego.v1

_cis := [
	{"module": "usb_storage", "directive": "install", "target": "/bin/false"},
	{"module": "usb_storage", "directive": "blacklist", "target": null},
	{"module": "uas", "directive": "install", "target": "/bin/true"},
	{"module": "uas", "directive": "blacklist", "target": null},
	{"module": "firewire_sbp2", "directive": "install", "target": "/bin/false"},
	{"module": "firewire_sbp2", "directive": "blacklist", "target": null},
]

_kmod(rules, loaded) := {"modprobe_rules": rules, "modprobe_files": ["/etc/modprobe.d/cis.conf"], "loaded": loaded,
	"module_support": true, "builtin": [], "cmdline_blacklist": [],
	"udisks_polkit": {"installed": false, "actions": [], "pkla_rules": [], "js_rules_files": []}}

_in(k) := {"params": {}, "evidence": {"host.kmod": {"h": k}}}

test_cis_rules_pass if {
	count(deny) == 0 with input as _in(_kmod(_cis, []))
}

test_blacklist_alone_fails if {
	rules := [r | some r in _cis; r.directive == "blacklist"]
	{f.details.missing | some f in deny} == {"install /bin/false"} with input as _in(_kmod(rules, []))
}

test_loaded_module_fails_even_with_rules if {
	count(deny) == 1 with input as _in(_kmod(_cis, ["usb_storage"]))
}

test_cmdline_blacklist_counts if {
	k := object.union(_kmod([r | some r in _cis; r.directive == "install"], []), {"cmdline_blacklist": ["usb_storage", "uas", "firewire_sbp2"]})
	count(deny) == 0 with input as _in(k)
}

test_pkla_wildcard_restricts_mount if {
	u := {"installed": true, "js_rules_files": [],
		"actions": [{"action_id": "org.freedesktop.udisks2.filesystem-mount", "allow_active": "yes"}],
		"pkla_rules": [{"actions": ["org.freedesktop.udisks2.filesystem-mount*"], "result_active": "auth_admin"}]}
	count(deny) == 0 with input as _in(object.union(_kmod(_cis, []), {"udisks_polkit": u}))
}

# Issue #15 item 7: a kernel built without USB (and without module support) cannot load
# usb-storage or uas; this machine's /proc/config.gz says so. FireWire storage likewise.
_no_usb := {"sources": ["/proc/config.gz"], "symbols": {"MODULES": "n", "USB": "n", "FIREWIRE": "n"},
	"storage_drivers": {"usb_storage": "absent", "uas": "absent", "firewire_sbp2": "absent"}}

test_kernel_without_the_drivers_passes_without_modprobe_rules if {
	k := object.union(_kmod([], []), {"module_support": false, "builtin": null, "kernel_config": _no_usb})
	count(deny) == 0 with input as _in(k)
}

test_kernel_with_usb_storage_builtin_fails if {
	cfg := object.union(_no_usb, {"storage_drivers": {"usb_storage": "builtin", "uas": "absent", "firewire_sbp2": "absent"}})
	k := object.union(_kmod(_cis, []), {"kernel_config": cfg})
	{f.details.locator | some f in deny} == {"builtin:usb_storage"} with input as _in(k)
}

test_firewire_storage_needs_rules_too if {
	rules := [r | some r in _cis; r.module != "firewire_sbp2"]
	{f.details.locator | some f in deny} == {"modprobe:firewire_sbp2"} with input as _in(_kmod(rules, []))
}

test_unknown_kernel_config_does_not_excuse_missing_rules if {
	k := object.union(_kmod([], []), {"kernel_config": {"sources": [], "symbols": {}, "storage_drivers": null}})
	count(deny) == 3 with input as _in(k)
}
