"""Config section `documents`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

REGISTER_NAMES = (
    "deletion_requests",
    "incidents",
    "changes",
    "control_register",
    "review_records",
    "restore_tests",
    "shredding_certificates",
    "revocation_requests",
    "security_tickets",
    "alerts",
    "findings",
)


class DocumentsSettings(BaseModel):
    """Where the policy documents, registers and attestations live.

    Register paths are relative to `dir` unless absolute.
    """

    model_config = ConfigDict(extra="forbid")

    dir: str
    registers: dict[str, str] = Field(default_factory=dict)
    attestations_file: str | None = None
    privacy_policy_url: str | None = None
    privacy_policy_ca_file: str | None = None
    privacy_policy_keywords: list[str] = Field(
        default_factory=lambda: ["The Entertainer", "data protection", "GDPR", "contact"]
    )
    keywords: list[str] = Field(default_factory=list)
