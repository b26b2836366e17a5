"""Data contracts shared by collectors, engines, renderers and the store.

Enum values are lower-case strings reused verbatim in JSON, the CLI and Rego.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EVIDENCE_SCHEMA = "dpp-auditor/evidence@1"
RESULTS_SCHEMA = "dpp-auditor/results@1"


class Severity(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.critical: 4, Severity.high: 3, Severity.medium: 2, Severity.low: 1}


class Automation(StrEnum):
    automated = "automated"
    partial = "partial"
    manual = "manual"


class TargetKind(StrEnum):
    host = "host"
    endpoint = "endpoint"
    database = "database"
    repo = "repo"
    logs = "logs"
    access = "access"
    inventory = "inventory"
    documents = "documents"
    store = "store"


class EvidenceStatus(StrEnum):
    collected = "collected"
    error = "error"
    timeout = "timeout"
    not_applicable = "not_applicable"


class ErrorKind(StrEnum):
    connectivity = "connectivity"
    auth = "auth"
    host_key = "host_key"
    permission = "permission"
    timeout = "timeout"
    parse = "parse"
    unsupported = "unsupported"
    bug = "bug"


class ClauseStatus(StrEnum):
    pass_ = "pass"
    fail = "fail"
    warn = "warn"
    error = "error"
    not_applicable = "not_applicable"
    manual = "manual"
    attested = "attested"
    waived = "waived"


def rfc3339(ts: datetime) -> str:
    """UTC, second precision, trailing Z: the only time format the policies see."""
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Target(_Model):
    """Something a collector looks at. `id` is stable across runs and keys evidence."""

    id: str
    kind: TargetKind
    address: str
    options: dict[str, Any] = Field(default_factory=dict)


class EvidenceError(_Model):
    kind: ErrorKind
    message: str
    hint: str | None = None


class FileProvenance(_Model):
    path: str
    sha256: str | None = None
    mode: str | None = None
    owner: str | None = None


class Provenance(_Model):
    commands: list[str] = Field(default_factory=list)
    files: list[FileProvenance] = Field(default_factory=list)
    transport: str | None = None


class Evidence(_Model):
    """One envelope per (collector, target) unit; written even when collection failed."""

    schema_: Literal["dpp-auditor/evidence@1"] = Field(default="dpp-auditor/evidence@1", alias="schema")
    collector: str
    target: Target
    status: EvidenceStatus
    error: EvidenceError | None = None
    reason: str | None = None
    collected_at: str
    duration_s: float
    provenance: Provenance = Field(default_factory=Provenance)
    data: dict[str, Any] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", use_enum_values=True, populate_by_name=True)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class Finding(_Model):
    """A rule's deny/warn output joined with catalogue and metadata by the application."""

    clause: str
    check: str
    target: str
    msg: str
    details: dict[str, Any] = Field(default_factory=dict)
    level: Literal["deny", "warn"] = "deny"
    severity: Severity
    rule: str
    fingerprint: str
    waived_by: str | None = None
    remediation: str | None = None


class ClauseResult(_Model):
    id: str
    section: str
    severity: Severity
    automation: Automation
    status: ClauseStatus
    reason: str | None = None
    rules: list[str] = Field(default_factory=list)
    collectors: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    errors: list[dict[str, Any]] = Field(default_factory=list)


class RunMeta(_Model):
    run_id: str
    evaluated_at: str
    profile: str = "default"
    organisation: str = ""
    tool_version: str
    engine: str
    catalogue_version: str
    policy_sha256: str
    policies_sha256: str
    input_sha256: str


class Results(_Model):
    schema_: Literal["dpp-auditor/results@1"] = Field(default="dpp-auditor/results@1", alias="schema")
    meta: RunMeta
    summary: dict[str, Any]
    targets: list[Target]
    clauses: list[ClauseResult]

    model_config = ConfigDict(extra="forbid", use_enum_values=True, populate_by_name=True)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
