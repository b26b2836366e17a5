"""The `tls` section of dpp-auditor.yaml."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class TlsSettings(BaseModel):
    """Endpoints to scan and how; parameters (cipher lists, thresholds) live in `params`."""

    model_config = ConfigDict(extra="forbid")

    endpoints: list[str] = Field(default_factory=list, description="https://host[:port] URLs")
    ca_bundle_file: str | None = Field(None, description="PEM bundle of internal CAs, trusted too")
    timeout_s: float = Field(10.0, gt=0, le=300, description="per-connection network timeout")
    http_port: int = Field(80, ge=1, le=65535, description="plain HTTP port tested for TLS-4")
    requires_auth: list[str] = Field(default_factory=list, description="URLs that must refuse anonymous use")
    probe_paths: list[str] = Field(default_factory=list, description="extra NET-6 exposure paths")
    app_config_dir: list[str] = Field(
        default_factory=list, description="host directories scanned by code.transport (TLS-7)"
    )

    @field_validator("endpoints", "requires_auth")
    @classmethod
    def _https_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith("https://"):
                raise ValueError(f"{url!r} is not an https:// URL")
        return urls

    @field_validator("probe_paths")
    @classmethod
    def _absolute_paths(cls, paths: list[str]) -> list[str]:
        for path in paths:
            if not path.startswith("/"):
                raise ValueError(f"probe path {path!r} must start with /")
        return paths
