"""Config section `databases`: a list of databases, one target each."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

Event = Literal["shipped", "cancelled", "open_since_purchase"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RetentionCheck(_Strict):
    """Rows whose `event_column` is older than threshold_days and that still hold PII."""

    name: str
    table: str
    schema_: str | None = Field(None, alias="schema")
    event: Event
    event_column: str
    pii_columns: list[str] = Field(min_length=1)
    threshold_days: int | None = None  # default: params.retention_days / open_order_warn_days
    open_when_null: list[str] = Field(default_factory=list)  # open orders: not shipped nor cancelled
    status_column: str | None = None
    status_values: list[str] = Field(default_factory=list)


class PurgeJob(_Strict):
    table: str
    schema_: str | None = Field(None, alias="schema")
    finished_column: str
    status_column: str | None = None
    success_values: list[str] = Field(default_factory=lambda: ["success", "ok", "succeeded"])
    rows_column: str | None = None


class PiiScan(_Strict):
    tables: list[str] | None = None  # None: every table of the scanned schemas
    exclude_tables: list[str] = Field(default_factory=list)
    sample_rows: int = Field(200, ge=1, le=100_000)


class ApiLogTable(_Strict):
    table: str
    schema_: str | None = Field(None, alias="schema")
    columns: list[str] | None = None  # None: every text column
    time_column: str | None = None
    days: int = 30
    max_rows: int = Field(100_000, ge=1)


class VerifiedColumn(_Strict):
    table: str
    schema_: str | None = Field(None, alias="schema")
    column: str
    category: str  # PII category the identifiers were fingerprinted as (email, phone, ...)


class DeletionVerification(_Strict):
    """DEL-3: rescan columns for the keyed fingerprints (identifiers_hmac) of deletion requests."""

    register_file: str
    columns: list[VerifiedColumn] = Field(min_length=1)
    max_rows: int = Field(1_000_000, ge=1)


class DatabaseChecks(_Strict):
    schemas: list[str] | None = None  # None: the default schema
    retention: list[RetentionCheck] = Field(default_factory=list)
    purge_job: PurgeJob | None = None
    redaction_tokens: list[str] = Field(default_factory=lambda: ["[REDACTED]", "REDACTED", "***"])
    pii_scan: PiiScan = Field(default_factory=lambda: PiiScan.model_validate({}))
    api_log_tables: list[ApiLogTable] = Field(default_factory=list)
    deletion_verification: DeletionVerification | None = None
    # purpose limitation (RET-2): where PII may live and who may read it
    order_mgmt_tables: list[str] = Field(default_factory=list)
    order_mgmt_schemas: list[str] = Field(default_factory=list)
    order_mgmt_db_users: list[str] = Field(default_factory=list)


class DatabaseSettings(_Strict):
    id: str
    url: str | None = None
    url_env: str | None = None
    secrets_file: str | None = None
    sqlite_file: str | None = None  # a local SQLite file (resolved relative to the config file)
    engine: Literal["postgresql", "mysql", "mariadb", "sqlite"] | None = None
    checks: DatabaseChecks = Field(default_factory=DatabaseChecks)

    @model_validator(mode="after")
    def _one_source(self) -> DatabaseSettings:
        sources = (self.url, self.url_env, self.secrets_file, self.sqlite_file)
        if sum(x is not None for x in sources) != 1:
            raise ValueError(
                f"database {self.id}: give exactly one of url, url_env, secrets_file, sqlite_file"
            )
        return self


class DatabasesSettings(RootModel[list[DatabaseSettings]]):
    pass
