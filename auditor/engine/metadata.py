"""Rego `# METADATA` blocks, parsed by the application (engines need not support rego.metadata).

A block is a run of comment lines starting with `# METADATA`, holding YAML, directly above a
`package` declaration or a rule (blank lines in between are not allowed). Only what the auditor
uses is interpreted: title, description, scope and `custom` (clause, severity, requires,
remediation); other OPA annotation keys are accepted and kept in `raw`.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from auditor.errors import PolicyError
from auditor.models import Severity

_OPA_KEYS = frozenset(
    {
        "scope",
        "title",
        "description",
        "related_resources",
        "authors",
        "organizations",
        "schemas",
        "entrypoint",
        "custom",
    }
)
_PACKAGE_SCOPES = frozenset({"package", "subpackages"})
_RULE_SCOPES = frozenset({"rule", "document"})
_PACKAGE = re.compile(
    r"^\s*package\s+(?P<path>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(#.*)?$"
)
_RULE_HEAD = re.compile(r"^(?:default\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_]*)")
_STATEMENT_KEYWORDS = frozenset({"import", "package"})


@dataclass
class Metadata:
    """One METADATA block. `line` is the line of its `# METADATA` comment (1-based)."""

    file: str
    line: int
    scope: str
    target: str  # "package" or the rule's name
    title: str | None = None
    description: str | None = None
    clause: str | None = None
    severity: str | None = None
    requires: list[str] = field(default_factory=list)
    # Collectors the rules also read when present (a cross-check) without making the clause
    # apply to their targets: their missing or damaged evidence is still an error.
    reads: list[str] = field(default_factory=list)
    remediation: str | None = None
    custom: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class ModuleMetadata:
    file: str
    package: str
    package_line: int
    package_metadata: Metadata | None
    rules: list[Metadata] = field(default_factory=list)

    @property
    def blocks(self) -> list[Metadata]:
        head = [self.package_metadata] if self.package_metadata else []
        return head + self.rules


def parse_module(file: str, text: str) -> ModuleMetadata:
    """Parse the package declaration and every METADATA block of one Rego module."""
    lines = text.splitlines()
    package: tuple[str, int] | None = None
    package_meta: Metadata | None = None
    rules: list[Metadata] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if package is None:
            match = _PACKAGE.match(lines[i])
            if match:
                package = (match["path"], i + 1)
        if _is_metadata_start(stripped):
            start = i
            j = i + 1
            while j < len(lines) and lines[j].lstrip().startswith("#"):
                j += 1
            meta = _parse_block(file, start + 1, lines[start + 1 : j], lines[j] if j < len(lines) else None)
            if meta.target == "package":
                if package_meta is not None:
                    raise PolicyError(f"{file}:{start + 1}: a second METADATA block for the package")
                package_meta = meta
            else:
                rules.append(meta)
            i = j
            continue
        i += 1
    if package is None:
        raise PolicyError(f"{file}:1: no package declaration")
    return ModuleMetadata(file, package[0], package[1], package_meta, rules)


def package_of(text: str) -> str | None:
    """The package a module declares (None when there is no plain `package a.b` line)."""
    for line in text.splitlines():
        match = _PACKAGE.match(line)
        if match:
            return match["path"]
    return None


def _is_metadata_start(stripped: str) -> bool:
    return stripped.startswith("#") and stripped[1:].strip() == "METADATA"


def _parse_block(file: str, line: int, comment_lines: list[str], following: str | None) -> Metadata:
    target = _target(file, line, following)
    body = textwrap.dedent("\n".join(_uncomment(c) for c in comment_lines))
    try:
        raw = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = line + 1 + mark.line if mark is not None else line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PolicyError(f"{file}:{where}: invalid METADATA YAML: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise PolicyError(f"{file}:{line}: METADATA must be a YAML mapping")
    return _metadata(file, line, comment_lines, raw, target)


def _uncomment(line: str) -> str:
    stripped = line.lstrip()
    return stripped[1:] if stripped.startswith("#") else stripped


def _target(file: str, line: int, following: str | None) -> str:
    if following is None or not following.strip():
        raise PolicyError(f"{file}:{line}: METADATA must be directly followed by a package or a rule")
    if _PACKAGE.match(following):
        return "package"
    head = _RULE_HEAD.match(following.strip())
    if head is None or head["name"] in _STATEMENT_KEYWORDS:
        raise PolicyError(f"{file}:{line}: METADATA must be directly followed by a package or a rule")
    return head["name"]


def _metadata(file: str, line: int, comment_lines: list[str], raw: dict[str, Any], target: str) -> Metadata:
    def fail(key: str, text: str) -> PolicyError:
        return PolicyError(f"{file}:{_key_line(line, comment_lines, key)}: METADATA {text}")

    for key in raw:
        if key not in _OPA_KEYS:
            raise fail(str(key), f"has unknown key {key!r}")
    default_scope = "package" if target == "package" else "rule"
    scope = raw.get("scope", default_scope)
    allowed = _PACKAGE_SCOPES if target == "package" else _RULE_SCOPES
    if scope not in allowed:
        raise fail("scope", f"scope {scope!r} is not allowed here (expected one of {sorted(allowed)})")
    for key in ("title", "description"):
        if key in raw and not isinstance(raw[key], str):
            raise fail(key, f"{key} must be a string")
    custom = raw.get("custom", {}) or {}
    if not isinstance(custom, dict):
        raise fail("custom", "custom must be a mapping")
    meta = Metadata(
        file=file,
        line=line,
        scope=str(scope),
        target=target,
        title=raw.get("title"),
        description=raw.get("description"),
        custom=custom,
        raw=raw,
    )
    for key in ("clause", "remediation"):
        if key in custom and not isinstance(custom[key], str):
            raise fail(key, f"custom.{key} must be a string")
    meta.clause = custom.get("clause")
    meta.remediation = custom.get("remediation")
    if "severity" in custom:
        values = [s.value for s in Severity]
        if custom["severity"] not in values:
            raise fail("severity", f"custom.severity must be one of {values}, not {custom['severity']!r}")
        meta.severity = custom["severity"]
    for key in ("requires", "reads"):
        value = custom.get(key, [])
        if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
            raise fail(key, f"custom.{key} must be a list of collector ids")
    meta.requires = list(custom.get("requires", []))
    meta.reads = list(custom.get("reads", []))
    return meta


def _key_line(line: int, comment_lines: list[str], key: str) -> int:
    """The file line of the first comment line mentioning `key:` (else the METADATA line)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    for offset, comment in enumerate(comment_lines, start=1):
        if pattern.match(_uncomment(comment)):
            return line + offset
    return line
