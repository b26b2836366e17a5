"""The `logs` configuration section: what the logs.pii collector scans and how far it may go."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from auditor.pii.categories import CATEGORIES
from auditor.pii.context import LOG_CLASSES


class Exemption(BaseModel):
    """Findings of these categories in these fields of these log classes are shown but do not fail."""

    model_config = ConfigDict(extra="forbid")

    log_classes: list[str]
    categories: list[str]
    fields: list[str] = Field(default_factory=list)  # empty: any field

    @field_validator("log_classes")
    @classmethod
    def _classes(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if c not in LOG_CLASSES]
        if bad:
            raise ValueError(f"unknown log class {bad[0]!r} (one of {', '.join(LOG_CLASSES)})")
        return v

    @field_validator("categories")
    @classmethod
    def _categories(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if c not in CATEGORIES]
        if bad:
            raise ValueError(f"unknown PII category {bad[0]!r}")
        return v


class LogsSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roots: list[str] = Field(default_factory=lambda: ["/var/log"])
    globs: list[str] = Field(default_factory=lambda: ["*"])
    exclude: list[str] = Field(default_factory=lambda: ["*.journal", "*.journal~"])
    # RET-6 "other files": exports, tmp, homes, web roots, shares, label spool. Scanned only when
    # listed (e.g. [/tmp, /var/tmp, /var/www, /srv, /home]): a whole-disk walk is no default.
    file_roots: list[str] = Field(default_factory=list)
    # In file roots, leave out what packages installed (dpkg-owned files, virtualenvs,
    # site-packages, node_modules, VCS directories); the evidence counts them by reason.
    skip_installed: bool = True
    label_spool_dirs: list[str] = Field(default_factory=list)
    classes: dict[str, str] = Field(default_factory=dict)  # path glob -> log class
    # None: the catalogue parameter security_telemetry_exemptions applies.
    exemptions: list[Exemption] | None = None
    byte_budget: int = Field(default=16 * 1024**3, gt=0)
    time_budget_s: float = Field(default=600.0, gt=0)
    hmac_key_file: str | None = None
    journald: bool = True
    workers: int = Field(default=0, ge=0)  # 0: one per CPU
    max_findings: int = Field(default=2000, ge=0)  # detailed findings kept; counts stay exact
    remote_method: Literal["auto", "stream", "remote"] = "auto"

    @field_validator("classes")
    @classmethod
    def _class_values(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [c for c in v.values() if c not in LOG_CLASSES]
        if bad:
            raise ValueError(f"unknown log class {bad[0]!r} (one of {', '.join(LOG_CLASSES)})")
        return v
