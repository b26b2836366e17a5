"""User policies keep their own packages: one that reuses a shipped package merges into it.

Rego merges every module of a package, so a user's `package dpp.net.net_1` adds rules to the
shipped clause and its tests (a `deny` conflicts, a helper of the same name redefines the
shipped one), and the shipped tests then fail for no visible reason. Refused at load instead.
"""

from __future__ import annotations

from pathlib import Path

from auditor.engine.metadata import package_of
from auditor.errors import PolicyError
from auditor.resources import policies_dir


def _line_of(text: str, package: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith("package") and package in line:
            return number
    return 1


def check_shipped_packages(modules: dict[str, str], sources: dict[str, Path]) -> None:
    """Raise `file:line: package P is a shipped package ...` for a user module declaring one."""
    shipped_root = policies_dir().resolve()
    shipped: dict[str, str] = {}
    user: list[tuple[str, str]] = []
    for key, text in sorted(modules.items()):
        package = package_of(text)
        if package is None:
            continue
        if sources[key].resolve().is_relative_to(shipped_root):
            shipped.setdefault(package, key)
        else:
            user.append((key, package))
    for key, package in user:
        if package in shipped:
            raise PolicyError(
                f"{key}:{_line_of(modules[key], package)}: package {package} is a shipped package "
                f"({shipped[package]}); give your policy a package of its own (e.g. custom.{package})"
            )
