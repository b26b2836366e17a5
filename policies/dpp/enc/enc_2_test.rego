package dpp.enc.enc_2

import rego.v1

_tmp(fstype, chain) := {"swap": [], "luks": [], "dm_crypt": [], "path_mounts": [{"path": "/tmp", "mountpoint": "/tmp", "fstype": fstype,
	"source": "x", "device_chain": chain}]}

test_tmpfs_passes if {
	count(deny) == 0 with input as {"evidence": {"host.blockdev": {"h": _tmp("tmpfs", [])}}}
}

test_tmp_on_crypt_passes if {
	count(deny) == 0 with input as {"evidence": {"host.blockdev": {"h": _tmp("ext4", [{"name": "c", "type": "crypt"}])}}}
}

test_tmp_on_plain_disk_fails if {
	count(deny) == 1 with input as {"evidence": {"host.blockdev": {"h": _tmp("ext4", [{"name": "sda1", "type": "part"}])}}}
}

test_tmp_on_aes128_fails if {
	b := object.union(_tmp("ext4", [{"name": "c", "type": "crypt"}]), {"dm_crypt": [{"mapped_name": "c", "cipher": "aes-xts-plain64", "effective_bits": 128}]})
	count(deny) == 1 with input as {"evidence": {"host.blockdev": {"h": b}}}
}

# Issue #15 item 10: "/var/tmp is on null (null, mounted at null)" over SSH.
test_unknown_mount_reads_as_unknown_and_still_fails if {
	b := {"swap": [], "luks": [], "dm_crypt": [], "path_mounts": [{"path": "/var/tmp", "mountpoint": null,
		"fstype": null, "source": null, "device_chain": []}]}
	msgs := {f.msg | some f in deny} with input as {"evidence": {"host.blockdev": {"h": b}}}
	count(msgs) == 1
	some m in msgs
	not contains(m, "null")
	contains(m, "could not be determined")
}
