"""The typed contract of each collector's evidence `data`, checked at write and before evaluation.

Three states are kept apart, because only one of them may ever lead to `pass`:

- *collected, none found*: an empty list (or object) in a field whose model allows it
  (`may_be_empty`), e.g. no sudo rule, no listening socket;
- *could not be determined*: a field typed `X | None` set to null, beside a `*_reason` string
  saying why (e.g. host.packages `method`/`method_reason`); rules treat null as unknown, never
  as the safe value;
- *not collected*: the whole envelope is not `collected` (error, timeout, not_applicable).

A required field that is absent, null where the model does not allow it, of another type, or
empty where the model says it never is, makes the envelope invalid: the run records a
`parse` error naming collector, target and field path, and only the clauses requiring that
collector become `error` (auditor.evaluate). `{}` is invalid for every collector.

Models allow extra fields (collectors may add detail) and are strict (no "false" for false,
no "22" for 22). Nested items are typed where a rule's verdict hangs on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin

from annotated_types import MinLen
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic.fields import FieldInfo

from auditor.collect import ids
from auditor.models import ErrorKind, Evidence, EvidenceError, EvidenceStatus

NonEmpty = MinLen(1)
Obj = dict[str, Any]
# An identifier or an enumerated value: "" is as unknown as null (a rule comparing it with
# "active" must not read "" as "not active, so nothing to check").
Name = Annotated[str, NonEmpty]


@dataclass(frozen=True)
class NullMeans:
    """Annotated marker: null in this field is a legitimate, known state (said here), not
    "could not be determined"; e.g. an account's person_id is null when it is linked to no
    person, which ACC-4 reports. Without the marker null is unknown and must never pass."""

    meaning: str


class CollectorData(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class _Item(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class AccessAccount(_Item):
    """One account as auditor.collect.access.accounts.new_account builds it (every key set)."""

    account_id: Name
    person_id: Annotated[Name | None, NullMeans("linked to no person; ACC-4 reports the account")]
    system: Name
    username: Name
    account_type: Name
    status: Name
    roles: list[str]
    direct_permissions: list[Any]
    created: str | None
    last_access_review_date: str | None
    review_outcome: str | None
    revoked_at: str | None
    revoked_at_inferred: bool
    last_login_at: str | None
    ssh_key_fingerprints: list[Any]
    business_justification: str | None
    approved_by: str | None
    approved_at: str | None
    revocation_method: str | None
    sealed: bool
    devices: list[Any]
    mfa_active: bool | None
    sources: list[Any]


class AccessPerson(_Item):
    """One person as auditor.collect.access.people builds it (every key set)."""

    person_id: Name
    employment_status: Name
    job_function: str | None
    hr_start_date: str | None
    hr_leave_datetime: str | None
    hr_leave_datetime_inferred: bool
    training_completed_at: str | None
    dpp_ack_at: str | None
    pii_handling_ack_at: str | None


class AccessRole(_Item):
    """One role of the role register (auditor.collect.access.registers)."""

    role_id: Name
    grants_amazon_data: bool
    grants_pii: bool
    privileged: bool
    ssh_login: bool
    production: bool
    break_glass: bool
    data_scopes: list[Any]
    allowed_job_functions: list[Any]


class AccessListData(CollectorData):
    accounts: list[AccessAccount]
    persons: list[AccessPerson]
    roles: list[AccessRole]
    import_errors: list[Obj] = []
    reviews: list[Obj] = []
    revocation_requests: list[Obj] = []
    role_matrix: list[Obj] = []
    sources: Obj = {}


class CodeTransportData(CollectorData):
    root: str
    files_scanned: int
    files_skipped: int
    findings: list[Obj]


class ApiLogTable(_Item):
    """auditor.collect.database.checks: the PII scan of one API-log table."""

    table: Name
    rows_in_window: int
    rows_scanned: int
    full_scan: bool
    findings: list[Obj]


class RetentionCheck(_Item):
    name: Name
    table: Name
    offending_rows: int
    query_sha256: Name


class SchemaColumn(_Item):
    table: Name
    column: Name
    name_match_category: Annotated[str | None, NullMeans("the column's name matches no PII category")]
    sample_pii_hits: int


class DatabaseRetentionData(CollectorData):
    engine: str
    url_redacted: str
    checked_at: str
    api_log_tables: list[ApiLogTable]
    deletion_verification: list[Obj]
    grants: list[Obj]
    grants_supported: bool
    purpose: Obj
    retention_checks: list[RetentionCheck]
    schema_scan: list[SchemaColumn]
    tables_scanned: list[Any]
    purge_job: Obj | None = None


class Document(_Item):
    path: Name


class DocumentsRecordsData(CollectorData):
    dir: str
    attestations: list[Obj]
    documents: list[Document]
    privacy_policy: Obj | None
    registers: dict[str, list[Obj]]
    registers_configured: list[str]

    @model_validator(mode="after")
    def _every_configured_register_read(self) -> DocumentsRecordsData:
        """The collector reads every configured register (an empty one is an empty list): a
        configured register that is absent was lost, not found empty."""
        missing = sorted(set(self.registers_configured) - set(self.registers))
        if missing:
            raise ValueError(f"registers: configured but absent: {', '.join(missing)}")
        return self


class GitHistoryData(CollectorData):
    commits_scanned: int
    identities: list[Obj]
    scan: Obj
    secret_findings: list[Obj]
    secret_findings_dropped: int
    signed_commits: int


class HostUser(_Item):
    """A passwd entry enriched by auditor.collect.host.accounts (shadow, keys, last login)."""

    name: Name
    uid: int
    gid: int
    login_shell: bool
    interactive: bool


class HostGroup(_Item):
    name: str
    gid: int
    members: list[str]


class Sudoers(_Item):
    installed: bool
    present: bool


class HostAccountsData(CollectorData):
    groups: list[HostGroup]
    users: list[HostUser]
    sudoers: Sudoers  # absent sudoers would hide ACC-4/ACC-10 sudo findings


class HostAuditdData(CollectorData):
    installed: bool
    enabled: bool
    running: bool | None
    immutable: bool
    conf: Obj | None
    config_rules: list[Any]
    files: list[Any]
    rules_source: str
    status: Obj | None


class PathMount(_Item):
    path: Name
    mountpoint: str | None  # None: the path does not exist
    device_chain: list[Any]


class HostBlockdevData(CollectorData):
    block_devices: list[Obj]
    dm_crypt: list[Obj]
    dm_crypt_reason: str | None
    luks: list[Obj]
    # Always /tmp and /var/tmp plus the configured PII paths: empty means it was not measured.
    path_mounts: Annotated[list[PathMount], NonEmpty]
    pii_paths: list[Any]
    swap: list[Obj]


class DbServerConfig(_Item):
    """One PostgreSQL cluster or MySQL/MariaDB server as auditor.collect.host.dbtls reads it."""

    engine: Name
    instance: Name
    port: int
    ssl_enabled: bool


class HostDbtlsData(CollectorData):
    db_config: list[DbServerConfig]


class HostFail2banData(CollectorData):
    installed: bool
    enabled_at_boot: bool
    running: bool | None
    active_jails: list[Any] | None
    files: list[Any]
    jails: list[Obj]


class HostFirewallData(CollectorData):
    method: str
    backend: str
    active: bool
    enabled_at_boot: bool
    boot_units: Obj
    effective_allow: list[Obj]
    ipv4: Obj
    ipv6: Obj
    ruleset_sha256: str
    ufw: Obj | None
    firewalld: Obj | None


class HostIpv6Data(CollectorData):
    method: str
    enabled: bool
    kernel_disabled: bool
    ip_addresses: list[Any] | None
    sysctl: Obj


class HostKeyfilesData(CollectorData):
    files: list[Obj]
    configured_missing: list[Any]
    truncated: bool
    acl_reason: str | None


class HostHardeningData(CollectorData):
    method: str
    # null: no login.defs on the host (every rule that needs it then fails or errors)
    login_defs: Obj | None
    pwquality: Obj
    umask: Obj
    sysctl: Obj
    coredump: Obj
    aide: Obj
    time_sync: Obj


class HostKmodData(CollectorData):
    # null: not measurable on a mounted image (no running kernel to ask)
    module_support: bool | None
    builtin: list[Any] | None
    cmdline_blacklist: list[Any]
    loaded: list[Any] | None
    modprobe_files: list[Any]
    modprobe_rules: list[Obj]
    udisks_polkit: Obj


class ListeningSocket(_Item):
    proto: Name
    local_address: str
    port: int
    is_loopback: bool  # null is not loopback: a socket of unknown exposure is judged exposed


class HostListeningData(CollectorData):
    method: str
    listening_sockets: list[ListeningSocket]


class HostLogfilesData(CollectorData):
    method: str | None  # null when /var/log does not exist (present: false)
    present: bool
    truncated: bool
    log_dirs: list[Obj]
    log_files: list[Obj]


class HostLoggingData(CollectorData):
    agents: list[Obj]
    journal_upload: Obj
    journald: Obj
    logrotate: Obj
    rsyslog: Obj


class HostPackagesData(CollectorData):
    os: Obj
    os_eol_date: str | None
    manager: str | None
    method: str | None
    method_reason: str | None
    reboot_required: bool
    reboot_required_packages: list[Any]
    reboot_required_since: str | None
    security_updates_pending: list[Any] | None  # null: could not be determined (method_reason)
    upgrades_pending: int | None


class HostPamData(CollectorData):
    installed: bool
    faillock_conf: Obj | None  # null: the file does not exist
    files: list[Any]
    lockout: Obj
    login_defs: Obj | None
    stacks: Obj


class SshdMatchBlock(_Item):
    """A Match block of sshd_config with the settings in force inside it (parsers.sshd)."""

    criteria: Name
    file: str
    line: int
    settings: Obj
    effective: Obj


class HostSshdData(CollectorData):
    installed: bool
    method: str | None
    effective: Obj
    match_blocks: list[SshdMatchBlock]


class HostWebserverData(CollectorData):
    nginx: Obj


class InventoryAsset(_Item):
    """An inventory row after auditor.collect.inventory normalised it (ids, lists, scope)."""

    asset_id: Name | int
    status: Name  # defaulted to "active"; null is damage, never "retired"
    amazon_scope: bool
    endpoints: list[Obj]


class DataStore(_Item):
    id: Name  # ENC-3 names the store it judges


class InventoryAssetsData(CollectorData):
    file: str
    assets: list[InventoryAsset]
    data_stores: list[DataStore]


class LogFile(_Item):
    """One scanned file as auditor.collect.logs.report._file writes it."""

    path: Name
    log_class: Name
    open: dict[str, dict[str, int]]  # category -> confidence -> open hits
    open_count: int
    complete: bool
    in_label_spool: bool


class LogFinding(_Item):
    path: str
    line: int
    category: str
    confidence: str
    exempt: bool


class LogsPiiData(CollectorData):
    findings: list[LogFinding]
    files: list[LogFile] = []  # absent only in fixtures that exercise findings alone


class VerifiedRun(_Item):
    """auditor.store.retention.integrity of one held run."""

    run_id: Name
    sealed: bool
    signed: bool
    problems: list[str]
    evidence_pii: dict[str, int]  # category -> unredacted values found in that run's evidence


class StoreRunsData(CollectorData):
    dir: str
    runs: list[Obj]
    runs_held: int
    verified: list[VerifiedRun]
    gaps: list[Obj]
    deletion_allowed: bool
    retention_days: int
    retention_mode: str
    schedule_interval_days: int
    signing_key_pinned: bool
    newest_run_at: str | None
    oldest_run_at: str | None
    agreement_start: str | None
    agreement_end: str | None
    min_retention_until: str | None


class HttpsRoot(_Item):
    status: int | None  # None: the GET failed (error says why)
    error: str | None
    hsts: Obj
    directory_listing: bool


class ExposureProbe(_Item):
    path: Name
    kind: Name
    status: int | None
    error: str | None


class PlainHttpPath(_Item):
    path: Name
    status: int | None  # None: the request failed (error says why)


class PlainHttp(_Item):
    port: int
    reachable: bool
    error: str | None
    paths_tested: list[PlainHttpPath]


class TlsEndpointData(CollectorData):
    url: str
    host: str
    ip: str
    port: int
    sni: str
    source: str
    host_target: str | None
    tls_handshake_ok: bool
    protocols: dict[str, bool] | None  # version -> accepted
    ciphers: Obj | None
    kex: Obj | None
    certificate: Obj | None
    http: HttpsRoot | None
    plain_http: PlainHttp | None
    plaintext_probe: Obj | None
    unauth_probe: list[ExposureProbe]
    in_scope: bool = True  # False only for a discovered socket that does not speak TLS

    @model_validator(mode="after")
    def _probed_when_tls(self) -> TlsEndpointData:
        """After a handshake the collector always probes HTTPS, and plain HTTP unless the
        endpoint was discovered on a socket: null there is damage, not "not probed"."""
        if self.tls_handshake_ok:
            if self.http is None:
                raise ValueError("http: null although the TLS handshake succeeded")
            if self.source != "socket" and self.plain_http is None:
                raise ValueError("plain_http: null although the TLS handshake succeeded")
            if self.protocols is None or self.certificate is None:
                raise ValueError("protocols/certificate: null although the TLS handshake succeeded")
        elif self.source == "socket" and self.plaintext_probe is not None and self.in_scope is not False:
            # The collector marks a discovered socket that does not speak TLS out of scope for
            # TLS-1..4 and NET-6; without the mark those clauses would judge a non-endpoint.
            raise ValueError("in_scope: must be false for a discovered socket that does not speak TLS")
        return self


MODELS: dict[str, type[CollectorData]] = {
    ids.ACCESS_LIST: AccessListData,
    ids.CODE_TRANSPORT: CodeTransportData,
    ids.DATABASE_RETENTION: DatabaseRetentionData,
    ids.DOCUMENTS_RECORDS: DocumentsRecordsData,
    ids.GIT_HISTORY: GitHistoryData,
    ids.HOST_ACCOUNTS: HostAccountsData,
    ids.HOST_AUDITD: HostAuditdData,
    ids.HOST_BLOCKDEV: HostBlockdevData,
    ids.HOST_DBTLS: HostDbtlsData,
    ids.HOST_FAIL2BAN: HostFail2banData,
    ids.HOST_FIREWALL: HostFirewallData,
    ids.HOST_HARDENING: HostHardeningData,
    ids.HOST_IPV6: HostIpv6Data,
    ids.HOST_KEYFILES: HostKeyfilesData,
    ids.HOST_KMOD: HostKmodData,
    ids.HOST_LISTENING: HostListeningData,
    ids.HOST_LOGFILES: HostLogfilesData,
    ids.HOST_LOGGING: HostLoggingData,
    ids.HOST_PACKAGES: HostPackagesData,
    ids.HOST_PAM: HostPamData,
    ids.HOST_SSHD: HostSshdData,
    ids.HOST_WEBSERVER: HostWebserverData,
    ids.INVENTORY_ASSETS: InventoryAssetsData,
    ids.LOGS_PII: LogsPiiData,
    ids.STORE_RUNS: StoreRunsData,
    ids.TLS_ENDPOINT: TlsEndpointData,
}


def data_problem(collector: str, data: Any) -> str | None:
    """None when `data` fits the collector's model, else "field.path: what is wrong"."""
    model = MODELS.get(collector)
    if model is None:
        return None  # a collector from another version: the rules' `requires` decide
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '<data>'}: {err['msg']}" for err in exc.errors()
        ]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return problems[0] + more
    return None


def _field(collector: str, path: tuple[str | int, ...]) -> FieldInfo | None:
    """The model field at a data path (`*` or an index steps into a list's items)."""
    model: Any = MODELS.get(collector)
    info: FieldInfo | None = None
    for part in path:
        if info is not None:
            model = _item_model(info.annotation)
        if part == "*" or isinstance(part, int):
            if info is None:
                return None
            continue  # the list's item model was taken above
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        info = model.model_fields.get(part)
        if info is None:
            return None
    return info


def _item_model(annotation: Any) -> Any:
    """The BaseModel a list-of-models (or an optional model) annotation holds, else None."""
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        if get_origin(arg) is list:
            inner = get_args(arg)[0] if get_args(arg) else None
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def may_be_empty(collector: str, path: tuple[str | int, ...]) -> bool:
    """Whether an empty list or object at `path` is "collected, none found" for the model.

    Only fields the model types answer; a path it does not describe is never presumed empty.
    """
    info = _field(collector, path)
    if info is None and len(path) > 1:
        parent = _field(collector, path[:-1])  # a key of a dict[str, list[...]] (registers)
        values = get_args(parent.annotation) if parent is not None else ()
        return get_origin(parent.annotation if parent else None) is dict and get_origin(values[-1]) is list
    if info is None or not _is_collection(info.annotation):
        return False
    return not any(isinstance(m, MinLen) and m.min_length > 0 for m in info.metadata)


def may_be_null(collector: str, path: tuple[str | int, ...]) -> bool:
    """Whether null at `path` is a known state the model documents (NullMeans)."""
    info = _field(collector, path)
    return info is not None and any(isinstance(m, NullMeans) for m in info.metadata)


def _is_collection(annotation: Any) -> bool:
    if get_origin(annotation) in (list, dict):
        return True
    return any(_is_collection(arg) for arg in get_args(annotation) if arg is not type(None))


def validated(evidence: Evidence) -> Evidence:
    """`evidence` itself, or for collected data that breaks its model an `error` envelope
    (kind parse) that keeps the data for the reader and names the field path."""
    if evidence.status != EvidenceStatus.collected:
        return evidence
    problem = data_problem(evidence.collector, evidence.data)
    if problem is None:
        return evidence
    error = EvidenceError(
        kind=ErrorKind.parse,
        message=f"{evidence.collector} evidence for {evidence.target.id} breaks its data model: {problem}",
        hint="the collector or the evidence file is damaged; re-run the collection",
    )
    return evidence.model_copy(update={"status": EvidenceStatus.error, "error": error})
