"""Config errors name the file, the key path and the line; defaults come from the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.catalogue import load_catalogue
from auditor.config import load_config, parse_config
from auditor.errors import ConfigError
from auditor.starter import starter_config


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "dpp-auditor.yaml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version: 1\ntargets: [local]\ncolour: red\n", ":3: colour: unknown key"),
        (
            "version: 1\nparams:\n  access_review_max_days: 90\n  bogus: 2\n",
            ":4: params.bogus: unknown parameter",
        ),
        (
            "version: 1\ntargets:\n  - local\n  - {address: local, colour: red}\n",
            ":4: targets[1].colour: unknown key",
        ),
        ("version: 1\ntargets: [local\n", ": invalid YAML"),
        ("version: 1\nwaivers_file: missing.yaml\n", ":2: waivers_file: file not found"),
        ("version: 1\nengine: spark\n", ":2: engine: Value error, engine must be"),
        ("version: 1\norganisation: a\norganisation: b\n", ":3: duplicate key 'organisation'"),
        ("version: 7\n", ":1: version: Value error, unsupported config version 7"),
        ("- just\n- a list\n", ":1: the config must be a mapping"),
    ],
)
def test_errors_name_file_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_params_default_to_catalogue_and_can_be_overridden(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "version: 1\nparams:\n  access_review_max_days: 30\n"))
    defaults = load_catalogue().parameters
    assert config.params["access_review_max_days"] == 30
    assert config.params["leaver_revoke_hours"] == defaults["leaver_revoke_hours"]


def test_relative_file_paths_resolve_next_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text("waivers: []\n")
    config = load_config(_write(tmp_path, "version: 1\nwaivers_file: w.yaml\n"))
    assert config.core.waivers_file == str(tmp_path / "w.yaml")


def test_starter_config_validates() -> None:
    config = parse_config(starter_config())
    assert config.core.targets == ["local"]
