# METADATA
# title: ACC-11 no Amazon data on removable devices (USB storage disabled, nothing removable mounted)
# custom:
#   clause: ACC-11
#   severity: high
#   requires: [host.kmod, host.blockdev]
#   remediation: In /etc/modprobe.d add `install usb-storage /bin/false`, `blacklist usb-storage` and the same for uas, unload them, unmount removable media, and deny udisks2 filesystem-mount to non-admins with a polkit rule.
package dpp.acc.acc_11

import rego.v1

_modules := object.get(input.params, "removable_storage_modules", ["usb_storage", "uas", "firewire_sbp2"])

_disabling := {"/bin/false", "/bin/true", "/usr/bin/false", "/usr/bin/true"}

_installed_off(k, m) if {
	some r in k.modprobe_rules
	r.module == m
	r.directive == "install"
	r.target in _disabling
}

_blacklisted(k, m) if {
	some r in k.modprobe_rules
	r.module == m
	r.directive == "blacklist"
}

_blacklisted(k, m) if m in k.cmdline_blacklist

# The kernel's own configuration says the driver does not exist in it (its bus is not built,
# it is not set, or it is a module of a kernel without module support): nothing can load it.
_cannot_load(k, m) if _kernel_driver(k, m) == "absent"

_kernel_driver(k, m) := d if {
	drivers := object.get(object.get(k, "kernel_config", {}), "storage_drivers", null)
	is_object(drivers)
	d := drivers[m]
}

# A kernel without module support cannot load it unless it is built in (known not to be).
_cannot_load(k, m) if {
	k.module_support == false
	is_array(k.builtin)
	not m in k.builtin
}

_missing(k, m) := "install /bin/false" if {
	not _installed_off(k, m)
	_blacklisted(k, m)
} else := "blacklist" if {
	_installed_off(k, m)
	not _blacklisted(k, m)
} else := "install /bin/false and blacklist" if {
	not _installed_off(k, m)
	not _blacklisted(k, m)
}

deny contains f if {
	some t, k in input.evidence["host.kmod"]
	some m in _modules
	not _cannot_load(k, m)
	what := _missing(k, m)
	f := {"clause": "ACC-11", "check": "ACC-11.a", "target": t,
		"msg": sprintf("kernel module %s lacks %s in modprobe.d (files: %v)", [m, what, concat(", ", k.modprobe_files)]),
		"details": {"locator": sprintf("modprobe:%s", [m]), "module": m, "missing": what}}
}

deny contains f if {
	some t, k in input.evidence["host.kmod"]
	some m in _modules
	m in _list(k.loaded)
	f := {"clause": "ACC-11", "check": "ACC-11.a", "target": t,
		"msg": sprintf("kernel module %s is loaded (/proc/modules)", [m]),
		"details": {"locator": sprintf("loaded:%s", [m]), "module": m}}
}

deny contains f if {
	some t, k in input.evidence["host.kmod"]
	some m in _modules
	_kernel_driver(k, m) == "builtin"
	not m in _list(object.get(k, "builtin", null)) # reported below from modules.builtin
	f := {"clause": "ACC-11", "check": "ACC-11.a", "target": t,
		"msg": sprintf("kernel driver %s is built into the kernel (=y in %v) and cannot be disabled by modprobe", [m, concat(", ", object.get(k.kernel_config, "sources", []))]),
		"details": {"locator": sprintf("builtin:%s", [m]), "module": m}}
}

deny contains f if {
	some t, k in input.evidence["host.kmod"]
	some m in _modules
	m in _list(k.builtin)
	f := {"clause": "ACC-11", "check": "ACC-11.a", "target": t,
		"msg": sprintf("kernel module %s is built into the kernel (modules.builtin) and cannot be disabled by modprobe", [m]),
		"details": {"locator": sprintf("builtin:%s", [m]), "module": m}}
}

_list(x) := x if is_array(x)
else := []

deny contains f if {
	some t, b in input.evidence["host.blockdev"]
	some dev in b.block_devices
	count(dev.mountpoints) > 0
	_removable(dev)
	f := {"clause": "ACC-11", "check": "ACC-11.b", "target": t,
		"msg": sprintf("removable device %s (transport %v) is mounted on %s", [dev.path, dev.tran, concat(", ", dev.mountpoints)]),
		"details": {"locator": sprintf("mounted:%s", [dev.name]), "device": dev.path, "tran": dev.tran}}
}

_removable(dev) if dev.removable
_removable(dev) if dev.tran == "usb"

_restricted := {"no", "auth_admin", "auth_admin_keep"}

# A .pkla section restricting the action (or every udisks2 mount action by wildcard).
_pkla_denies(u, action_id) if {
	some r in u.pkla_rules
	some a in r.actions
	_action_matches(a, action_id)
	r.result_active in _restricted
}

_action_matches(a, action_id) if a == action_id

_action_matches(a, action_id) if {
	endswith(a, "*")
	startswith(action_id, trim_suffix(a, "*"))
}

_open_actions(u) := {id |
	some a in u.actions
	a.allow_active == "yes"
	id := a.action_id # an action without an id cannot be named (nor matched)
	is_string(id)
	not _pkla_denies(u, id)
}

deny contains f if {
	some t, k in input.evidence["host.kmod"]
	u := k.udisks_polkit
	u.installed
	count(u.js_rules_files) == 0
	some action_id in _open_actions(u)
	f := {"clause": "ACC-11", "check": "ACC-11.c", "target": t,
		"msg": sprintf("udisks2 lets any active local user mount filesystems (%s allow_active=yes, no polkit override)", [action_id]),
		"details": {"locator": sprintf("polkit:%s", [action_id])}}
}

warn contains f if {
	some t, k in input.evidence["host.kmod"]
	u := k.udisks_polkit
	u.installed
	count(u.js_rules_files) > 0
	some action_id in _open_actions(u)
	f := {"clause": "ACC-11", "check": "ACC-11.c", "target": t,
		"msg": sprintf("udisks2 %s defaults to allow_active=yes; polkit JavaScript rules (%s) mention it and are not evaluated", [action_id, concat(", ", u.js_rules_files)]),
		"details": {"locator": sprintf("polkit:%s", [action_id])}}
}
