"""Collector specs: one YAML file per collector in collectors/, named <id>.yaml.

The spec is the declarative half (what is read and run, on which platforms);
`implementation` points at the Collector class. The clauses a collector serves are not written
here: they are derived from the rules' METADATA `requires`/`reads` (`served_clauses`). The
report's methodology section is generated from these specs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auditor.collect.base import Collector
from auditor.errors import ConfigError
from auditor.models import TargetKind
from auditor.resources import collectors_dir, policies_dir

_REQUIRED = ("id", "description", "implementation", "target_kinds", "timeout_s")


@dataclass(frozen=True)
class CollectorSpec:
    id: str
    description: str
    implementation: str
    target_kinds: tuple[TargetKind, ...]
    timeout_s: float
    clauses: tuple[str, ...]
    transports: tuple[str, ...]
    commands: tuple[str, ...]
    files: tuple[str, ...]
    sudo_commands: tuple[str, ...]
    platforms: tuple[str, ...]
    parser: str | None
    path: Path
    raw: dict[str, Any]

    def load_class(self) -> type[Collector]:
        module_name, _, attr = self.implementation.partition(":")
        cls = getattr(importlib.import_module(module_name), attr)
        if getattr(cls, "id", None) != self.id:
            raise ConfigError(f"{self.path}: implementation {self.implementation} has id {cls.id!r}")
        return cls


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(" ".join(v) if isinstance(v, list) else str(v) for v in value)
    return (str(value),)


def load_spec(path: Path) -> CollectorSpec:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: a collector spec must be a mapping")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise ConfigError(f"{path}: missing keys {', '.join(missing)}")
    if "clauses" in raw:
        raise ConfigError(
            f"{path}: `clauses` is derived from the rules' METADATA (requires/reads); remove the key"
        )
    return CollectorSpec(
        id=raw["id"],
        description=str(raw["description"]).strip(),
        implementation=raw["implementation"],
        target_kinds=tuple(TargetKind(k) for k in raw["target_kinds"]),
        timeout_s=float(raw["timeout_s"]),
        clauses=served_clauses().get(str(raw["id"]), ()),
        transports=_as_tuple(raw.get("transports")),
        commands=_as_tuple(raw.get("commands")),
        files=_as_tuple(raw.get("files")),
        sudo_commands=_as_tuple(raw.get("sudo_commands")),
        platforms=_as_tuple(raw.get("platforms")),
        parser=raw.get("parser"),
        path=path,
        raw=raw,
    )


@cache
def served_clauses() -> dict[str, tuple[str, ...]]:
    """{collector id: clauses whose rules require or read it}, from the shipped policies."""
    from auditor.engine.policyset import load_policyset  # late: the engines import collect

    served: dict[str, set[str]] = {}
    for pkg in load_policyset([policies_dir()]).packages:
        for meta in [pkg.metadata, *pkg.rule_metadata]:
            clause = meta.clause or pkg.metadata.clause
            for cid in [*meta.requires, *meta.reads]:
                if clause:
                    served.setdefault(cid, set()).add(clause)
    return {cid: tuple(sorted(clauses, key=_clause_key)) for cid, clauses in served.items()}


def _clause_key(clause: str) -> tuple[str, int]:
    area, _, number = clause.partition("-")
    return area, int(number) if number.isdigit() else 0


@cache
def load_specs(directory: Path | None = None) -> dict[str, CollectorSpec]:
    directory = directory or collectors_dir()
    specs: dict[str, CollectorSpec] = {}
    for path in sorted(directory.glob("*.yaml")):
        spec = load_spec(path)
        if spec.id != path.stem:
            raise ConfigError(f"{path}: id {spec.id!r} does not match the file name")
        specs[spec.id] = spec
    return specs


def collectors_for(kind: TargetKind) -> list[CollectorSpec]:
    return [s for s in load_specs().values() if kind in s.target_kinds]
