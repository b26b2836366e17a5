"""Single inputs of the error contract: the reader's refusals, parameter checks blamed on the
config line, register columns and rows, waiver dates and targets."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditor import inputs
from auditor.collect.access.collector import build_access_list
from auditor.collect.access.settings import AccessSettings
from auditor.collect.documents.collector import _checked
from auditor.config import parse_config
from auditor.errors import CollectorError, ConfigError, UsageError
from auditor.targets import load_ansible_inventory, parse_target_uri
from auditor.waivers import load_waivers

KEY = b"unit-test-key-0123456789"


def test_reader_refuses_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cfg.yaml"
    os.mkfifo(fifo)
    with pytest.raises(inputs.InputError, match=r"cfg\.yaml: cannot read config: a FIFO, not a regular file"):
        inputs.read_text(fifo, "config")


def test_reader_names_the_line_of_bad_bytes_and_long_lines(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_bytes(b"h\nok\ncaf\xe9\n")
    with pytest.raises(inputs.InputError, match=r"a\.csv:3: not UTF-8 \(byte 0xe9\)"):
        inputs.read_text(bad)
    bad.write_bytes(b"h\n" + b"x" * (inputs.MAX_LINE + 1) + b"\n")
    with pytest.raises(inputs.InputError, match=r"a\.csv:2: line longer than"):
        inputs.read_text(bad)


def test_reader_refuses_unknown_users_and_loops(tmp_path: Path) -> None:
    with pytest.raises(inputs.InputError, match="no such user 'nosuchuser-dpp'"):
        inputs.read_text("~nosuchuser-dpp/x.yaml")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(inputs.InputError, match="symlink loop"):
        inputs.read_text(tmp_path / "a")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ninety", "params.access_review_max_days: expected an integer (like 90), got a string 'ninety'"),
        ("-5", "params.access_review_max_days: must be 0 or more, got -5"),
        ("true", "expected an integer"),
        ("[1]", "got a list"),
    ],
)
def test_parameters_are_checked_and_blamed_on_the_config_line(value: str, message: str) -> None:
    text = f"version: 1\norganisation: x\nparams:\n  access_review_max_days: {value}\n"
    with pytest.raises(ConfigError) as exc:
        parse_config(text, Path("dpp.yaml"))
    assert str(exc.value) == f"dpp.yaml:4: {message}" or str(exc.value).startswith("dpp.yaml:4: ")
    assert message in str(exc.value)


def test_valid_parameter_overrides_still_load() -> None:
    config = parse_config(
        "version: 1\nparams:\n  access_review_max_days: 30\n"
        "  public_ports: [{proto: tcp, port: 8443, redirect_only: false}]\n",
        Path("dpp.yaml"),
    )
    assert config.params["access_review_max_days"] == 30


def test_deep_nesting_in_params_is_exit_2() -> None:
    text = "version: 1\nparams:\n  approved_services: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(ConfigError, match=r"dpp\.yaml:3: nested deeper than"):
        parse_config(text, Path("dpp.yaml"))


@pytest.mark.parametrize(
    ("name", "rows", "message"),
    [
        (
            "deletion_requests",
            [{"received_at": "2026-01-01T00:00:00Z"}],
            "r.csv:2: deletion_requests: missing required column request_id",
        ),
        ("findings", [{"finding_id": "F-1"}], "r.csv:2: findings: missing required column source"),
        ("control_register", [], "r.csv:1: the control_register register has no rows"),
    ],
)
def test_registers_missing_required_columns_are_errors(
    name: str, rows: list[dict[str, str]], message: str
) -> None:
    with pytest.raises(CollectorError) as exc:
        _checked(name, rows, "r.csv")
    assert str(exc.value) == message


def test_account_rows_with_extra_cells_or_impossible_dates_name_file_and_line(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "system,username,created\nokta,ann,2026-01-01\nokta,bob,2026-01-01,surplus\nokta,cy,2026-02-30\n"
    )
    doc = build_access_list(
        AccessSettings.model_validate({"accounts_files": [str(accounts)]}), KEY, re.compile("^admin$")
    )
    errors = {(e["file"], e["line"]): e["message"] for e in doc["import_errors"]}
    assert errors[("accounts.csv", 3)] == "4 cells, header has 3"
    assert errors[("accounts.csv", 4)].startswith("created: not a date: '2026-02-30'")
    assert len(doc["accounts"]) == 1


def test_waiver_with_an_impossible_expiry_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n  - id: W-1\n    clause: NET-1\n    reason: r\n    requested_by: a\n"
        "    approved_by: b\n    created: 2026-11-01\n    expires: 2027-02-30\n"
    )
    with pytest.raises(ConfigError, match=rf"{re.escape(str(path))}:8: .*'2027-02-30' is not a valid date"):
        load_waivers(path)


def test_duplicate_keys_in_waivers_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers: []\nwaivers: []\n")
    with pytest.raises(ConfigError, match=rf"{re.escape(str(path))}:2: duplicate key 'waivers'"):
        load_waivers(path)


def test_rootfs_target_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"rootfs:/nonexistent-dpp.*is not a directory"):
        parse_target_uri("rootfs:/nonexistent-dpp")
    assert parse_target_uri(f"rootfs:{tmp_path}").address == f"rootfs:{tmp_path}"


def test_ini_inventory_with_a_huge_line_is_refused_quickly(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts.ini"
    hosts.write_text("[web]\n" + "w" * (5 * 1024 * 1024) + "\n")
    with pytest.raises(UsageError, match=r"hosts\.ini:2: line longer than"):
        load_ansible_inventory(hosts)
    hosts.unlink()
