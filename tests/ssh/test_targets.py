"""Target URIs, Ansible inventories (INI and YAML), the ssh config section and progress lines."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pydantic import ValidationError

from auditor.collect.progress import FleetProgress
from auditor.collect.transports.ssh_settings import SshSettings, runner_limits, ssh_settings
from auditor.config_sections import SECTION_MODELS
from auditor.errors import UsageError
from auditor.models import Evidence, Target, TargetKind
from auditor.targets import expand_host_pattern, load_ansible_inventory, parse_target_uri


@pytest.mark.parametrize(("uri", "ident", "kind", "address"), [
    ("local", "local", "host", "local"),
    ("ssh://root@db1.example.org", "db1.example.org", "host", "ssh://root@db1.example.org"),
    ("ssh://db1.example.org:22", "db1.example.org", "host", "ssh://db1.example.org:22"),
    ("ssh://ops@10.0.0.5:2222", "10.0.0.5:2222", "host", "ssh://ops@10.0.0.5:2222"),
    ("ssh://[::1]:2200", "[::1]:2200", "host", "ssh://[::1]:2200"),
    ("ssh://bastion-alias", "bastion-alias", "host", "ssh://bastion-alias"),
    ("https://shop.example.org", "https://shop.example.org:443", "endpoint", "https://shop.example.org:443"),
    ("https://shop.example.org:8443/", "https://shop.example.org:8443", "endpoint",
     "https://shop.example.org:8443"),
    ("rootfs:/usr", "rootfs:/usr", "host", "rootfs:/usr"),  # a rootfs target must exist (a directory)
])
def test_target_uris(uri: str, ident: str, kind: str, address: str) -> None:
    t = parse_target_uri(uri)
    assert (t.id, t.kind, t.address) == (ident, kind, address)


@pytest.mark.parametrize("uri", ["ftp://x", "db1", "ssh://", "ssh://h:99999", "https://h/path", "rootfs:",
                                 "ssh://h/x"])
def test_bad_target_uris_name_the_value(uri: str) -> None:
    with pytest.raises(UsageError, match=r"^target '"):
        parse_target_uri(uri)


INI = """\
# fleet
bastion.example.org ansible_user=jump

[web]
web[01:03].example.org
shop ansible_host=192.0.2.10 ansible_port=2222 ansible_ssh_private_key_file=~/.ssh/shop "ansible_user=deploy"

[web:vars]
ansible_user=www # trailing comment

[db]
db1 ansible_host=192.0.2.20

[prod:children]
web
db

[prod:vars]
ansible_user=ops
ansible_port=2200

[all:vars]
ansible_user=admin

[local]
control ansible_connection=local
"""


def test_ini_inventory(tmp_path: Path) -> None:
    path = tmp_path / "hosts"
    path.write_text(INI)
    targets = {t.id: t for t in load_ansible_inventory(path)}
    assert list(targets) == ["bastion.example.org", "web01.example.org", "web02.example.org",
                             "web03.example.org", "shop", "db1", "control"]
    assert targets["bastion.example.org"].address == "ssh://jump@bastion.example.org"
    # web vars beat prod vars (child group deeper), prod's port applies, host vars win
    assert targets["web02.example.org"].address == "ssh://www@web02.example.org:2200"
    assert targets["web02.example.org"].options["groups"] == ["prod", "web"]
    assert targets["shop"].address == "ssh://deploy@192.0.2.10:2222"
    assert targets["shop"].options["identity_file"] == str(Path("~/.ssh/shop").expanduser())
    assert targets["db1"].address == "ssh://ops@192.0.2.20:2200"
    assert targets["control"].address == "local"
    assert all(t.kind == TargetKind.host for t in targets.values())


YAML = """\
all:
  vars:
    ansible_user: admin
  hosts:
    bastion.example.org:
  children:
    web:
      hosts:
        web[1:2].example.org:
        shop:
          ansible_host: 192.0.2.10
          ansible_port: 2222
          ansible_ssh_private_key_file: /keys/shop
      vars:
        ansible_user: www
    db:
      hosts:
        db1: {ansible_host: 192.0.2.20}
    prod:
      children:
        web:
        db:
      vars:
        ansible_port: 2200
"""


def test_yaml_inventory(tmp_path: Path) -> None:
    path = tmp_path / "inventory.yml"
    path.write_text(YAML)
    targets = {t.id: t for t in load_ansible_inventory(path)}
    assert list(targets) == ["bastion.example.org", "web1.example.org", "web2.example.org", "shop", "db1"]
    assert targets["bastion.example.org"].address == "ssh://admin@bastion.example.org"
    assert targets["web1.example.org"].address == "ssh://www@web1.example.org:2200"
    assert targets["shop"].address == "ssh://www@192.0.2.10:2222"
    assert targets["shop"].options == {"groups": ["prod", "web"], "identity_file": "/keys/shop"}
    assert targets["db1"].address == "ssh://admin@192.0.2.20:2200"


@pytest.mark.parametrize(("name", "text", "where", "message"), [
    ("hosts", "[web]\nh1 ansible_port=abc\n", 2, "ansible_port must be a number"),
    ("hosts", "[web]\nh1 novalue\n", 2, "expected key=value"),
    ("hosts", "[web\nh1\n", 1, "malformed section header"),
    ("hosts", "[web:kids]\nh1\n", 1, "unknown section kind"),
    ("hosts", "[prod:children]\nweb\n", 2, "child group 'web'"),
    ("hosts", "[web]\nh1 ansible_port=70000\n", 2, "out of range"),
    ("hosts", "[web]\nh1 'unclosed\n", 2, "quotation"),
    ("inv.yml", "all:\n  hosts:\n    h1:\n      ansible_port: nope\n", 4, "ansible_port must be a number"),
    ("inv.yml", "all:\n  hostz:\n    h1:\n", 3, "unknown key 'hostz'"),
    ("inv.yml", "all:\n  hosts: [a, b]\n", 2, "must be a mapping"),
    ("inv.yml", "all:\n  hosts:\n    h1: {\n", 4, "invalid YAML"),
])
def test_inventory_errors_name_file_and_line(tmp_path: Path, name: str, text: str, where: int,
                                             message: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(UsageError) as info:
        load_ansible_inventory(path)
    assert str(info.value).startswith(f"{path}:{where}: ")
    assert message in str(info.value)


def test_inventory_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="absent: inventory not found"):
        load_ansible_inventory(tmp_path / "absent")


def test_host_ranges() -> None:
    assert expand_host_pattern("db-[a:c]", "x") == ["db-a", "db-b", "db-c"]
    assert expand_host_pattern("n[0:4:2]", "x") == ["n0", "n2", "n4"]
    assert expand_host_pattern("r[1:2]c[08:09]", "x") == ["r1c08", "r1c09", "r2c08", "r2c09"]
    with pytest.raises(UsageError, match="empty host range"):
        expand_host_pattern("n[5:1]", "f:1")


def test_ssh_settings_section() -> None:
    assert SECTION_MODELS["ssh"] == "auditor.collect.transports.ssh_settings:SshSettings"
    cfg = ssh_settings({"ssh": {"identity_file": "/k", "accept_new_host_keys": True}})
    assert cfg.identity_file == "/k" and cfg.accept_new_host_keys and not SshSettings().accept_new_host_keys
    assert runner_limits(SshSettings(max_hosts_in_parallel=10, per_host_units=3)) == (30, 3)
    with pytest.raises(ValidationError):
        SshSettings.model_validate({"identity": "/k"})
    with pytest.raises(ValidationError):
        SshSettings.model_validate({"connect_timeout_s": 0})


def _ev(target: str, status: str, kind: str | None = None) -> Evidence:
    return Evidence.model_validate({
        "collector": "host.sshd", "target": {"id": target, "kind": "host", "address": "local"},
        "status": status, "collected_at": "2026-11-27T00:00:00Z", "duration_s": 0.1,
        "error": {"kind": kind, "message": f"{target}: boom"} if kind else None})


def test_fleet_progress_counts_hosts() -> None:
    stream = io.StringIO()
    progress = FleetProgress(stream, min_interval_s=3600)
    hosts = [Target(id=h, kind=TargetKind.host, address="local") for h in ("a", "b", "c")]
    progress.expect([h for h in hosts for _ in range(2)])
    progress.unit_finished(_ev("a", "collected"), 1, 6)
    progress.unit_finished(_ev("b", "error", "connectivity"), 2, 6)
    progress.unit_finished(_ev("a", "collected"), 3, 6)
    assert progress.summary() == "hosts done 1/3, failed 1, remaining 1"
    progress.unit_finished(_ev("b", "error", "connectivity"), 4, 6)
    progress.unit_finished(_ev("c", "timeout", "timeout"), 5, 6)
    progress.unit_finished(_ev("c", "collected"), 6, 6)
    lines = stream.getvalue().splitlines()
    assert lines == ["host b failed: connectivity: b: boom", "hosts done 1/3, failed 1, remaining 1",
                     "host c failed: timeout: c: boom", "hosts done 1/3, failed 2, remaining 0"]
    assert progress.failed_hosts() == {"b": "connectivity: b: boom", "c": "timeout: c: boom"}
