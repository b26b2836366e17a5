"""dpp-auditor.yaml: strict validation with errors that name the file, key path and line.

Top-level keys are validated here; sections owned by collectors are validated by the
pydantic model registered for them in config_sections.SECTION_MODELS.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from auditor.catalogue import load_catalogue
from auditor.config_sections import SECTION_MODELS
from auditor.errors import ConfigError
from auditor.inputs import InputError, expand, parse_yaml, read_text, regular_file
from auditor.params import param_problem

CONFIG_VERSION = 1
_PATH_SUFFIXES = ("file", "files", "path", "dir", "paths", "dirs")


class TargetEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    address: str
    options: dict[str, Any] = Field(default_factory=dict)


class CoreConfig(BaseModel):
    """Keys owned by the core; collector sections are checked against their own models."""

    model_config = ConfigDict(extra="forbid")

    version: int = CONFIG_VERSION
    organisation: str = ""
    scope: str = ""
    profile: str = "default"
    targets: list[str | TargetEntry] = Field(default_factory=list)
    inventory_file: str | None = Field(default=None, description="Ansible inventory (INI or YAML)")
    params: dict[str, Any] = Field(default_factory=dict)
    waivers_file: str | None = None
    output_dir: str | None = None
    formats: list[str] | None = None
    engine: str = "embedded"
    opa_url: str | None = None
    collectors: dict[str, bool] = Field(default_factory=dict, description="enable/disable collectors by id")

    @field_validator("version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != CONFIG_VERSION:
            raise ValueError(f"unsupported config version {v} (this tool reads version {CONFIG_VERSION})")
        return v

    @field_validator("engine")
    @classmethod
    def _known_engine(cls, v: str) -> str:
        if v not in ("embedded", "opa"):
            raise ValueError("engine must be 'embedded' or 'opa'")
        return v


@dataclass
class Config:
    path: Path | None
    core: CoreConfig
    sections: dict[str, Any]
    params: dict[str, Any]
    raw: dict[str, Any] = field(default_factory=dict)

    def settings(self) -> dict[str, Any]:
        """The whole validated config as plain data, as collectors see it in ctx.settings."""
        out: dict[str, Any] = self.core.model_dump(mode="json")
        for key, value in self.sections.items():
            out[key] = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
        return out

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest node along loc that exists in the YAML tree."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == str(part):
                    nxt, line = v, k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def _where(path: Path | None, root: yaml.Node | None, loc: tuple[Any, ...]) -> str:
    line = _node_line(root, loc)
    name = str(path) if path else "<config>"
    return f"{name}:{line}" if line else name


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<root>"


def _raise_validation(
    path: Path | None, root: yaml.Node | None, prefix: tuple[Any, ...], exc: ValidationError
) -> None:
    errors = exc.errors()
    # In a str-or-mapping union the mapping branch's error is the informative one.
    err = next((e for e in errors if e["type"] != "string_type"), errors[0])
    loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and p in ("str", "TargetEntry")))
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    raise ConfigError(f"{_where(path, root, loc)}: {_dotted(loc)}: {msg}")


def _load_section_model(spec: str) -> type[BaseModel]:
    module_name, _, attr = spec.partition(":")
    model = getattr(importlib.import_module(module_name), attr)
    return model


def _resolve_paths(value: Any, key: str, base: Path) -> Any:
    """Relative paths under keys ending in file/files/path/dir are taken from the config's folder."""
    if isinstance(value, dict):
        return {k: _resolve_paths(v, str(k), base) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_paths(v, key, base) for v in value]
    if isinstance(value, str) and key.endswith(_PATH_SUFFIXES) and "://" not in value:
        try:
            p = expand(value)
        except InputError:
            return value  # ~nosuchuser: _check_files_exist names the key and line
        return str(p if p.is_absolute() else (base / p))
    return value


def _check_files_exist(data: Any, path: Path | None, root: yaml.Node | None, loc: tuple[Any, ...]) -> None:
    """Referenced files must exist: a typo must not turn into 'no evidence' at scan time."""
    if isinstance(data, dict):
        for k, v in data.items():
            if str(k).endswith(("file", "files")) and v:
                for i, item in enumerate(v if isinstance(v, list) else [v]):
                    if not isinstance(item, str):
                        continue
                    where = loc + (k, i) if isinstance(v, list) else loc + (k,)
                    if not os.path.lexists(item):
                        where_text = f"{_where(path, root, where)}: {_dotted(where)}"
                        raise ConfigError(f"{where_text}: file not found: {item}")
                    try:
                        regular_file(item)
                    except InputError as exc:
                        raise ConfigError(f"{_where(path, root, where)}: {_dotted(where)}: {exc}") from None
            else:
                _check_files_exist(v, path, root, loc + (k,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _check_files_exist(item, path, root, loc + (i,))


def parse_config(text: str, path: Path | None = None, *, check_files: bool = True) -> Config:
    name = str(path) if path else "<config>"
    try:
        root, raw = parse_yaml(text, name)
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}:1: the config must be a mapping of keys")

    base = path.parent if path else Path.cwd()
    resolved = _resolve_paths(raw, "", base)
    core_keys = set(CoreConfig.model_fields)
    core_raw = {k: v for k, v in resolved.items() if k in core_keys}
    sections: dict[str, Any] = {}
    for key, value in resolved.items():
        if key in core_keys:
            continue
        if key not in SECTION_MODELS:
            known = ", ".join(sorted(core_keys | set(SECTION_MODELS)))
            raise ConfigError(f"{_where(path, root, (key,))}: {key}: unknown key (known: {known})")
        model = _load_section_model(SECTION_MODELS[key])
        try:
            sections[key] = model.model_validate(value if value is not None else {})
        except ValidationError as exc:
            _raise_validation(path, root, (key,), exc)
    try:
        core = CoreConfig.model_validate(core_raw)
    except ValidationError as exc:
        _raise_validation(path, root, (), exc)
        raise  # unreachable; keeps type checkers calm

    if check_files:
        _check_files_exist(resolved, path, root, ())
    params = dict(load_catalogue().parameters)
    unknown = sorted(set(core.params) - set(params))
    if unknown:
        loc = ("params", unknown[0])
        raise ConfigError(f"{_where(path, root, loc)}: {_dotted(loc)}: unknown parameter")
    for key, value in core.params.items():
        problem = param_problem(value, params[key])
        if problem:
            loc = ("params", key)
            raise ConfigError(f"{_where(path, root, loc)}: {_dotted(loc)}: {problem}")
    params.update(core.params)
    return Config(path=path, core=core, sections=sections, params=params, raw=raw)


def load_config(path: Path) -> Config:
    try:
        text = read_text(path, "config file")
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    return parse_config(text, expand(path))


def default_config() -> Config:
    """Used when neither a config nor a target is given: audit this machine."""
    return parse_config("targets: [local]\n")
