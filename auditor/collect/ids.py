"""Collector ids: the one spelling of each collector's name, used wherever code names one.

The YAML spec (`collectors/<id>.yaml`), the implementation class's `id` and the Rego
METADATA `requires` must use these exact strings; `tests/collectors/test_ids.py` checks that
every spec has a constant here and every constant a spec, so a rename that misses a caller
fails a test instead of silently matching nothing (as `"inventory"` once did for discovery).
"""

from __future__ import annotations

from typing import Final

ACCESS_LIST: Final = "access.list"
CODE_TRANSPORT: Final = "code.transport"
DATABASE_RETENTION: Final = "database.retention"
DOCUMENTS_RECORDS: Final = "documents.records"
GIT_HISTORY: Final = "git.history"
HOST_ACCOUNTS: Final = "host.accounts"
HOST_AUDITD: Final = "host.auditd"
HOST_BLOCKDEV: Final = "host.blockdev"
HOST_DBTLS: Final = "host.dbtls"
HOST_FAIL2BAN: Final = "host.fail2ban"
HOST_FIREWALL: Final = "host.firewall"
HOST_HARDENING: Final = "host.hardening"
HOST_IPV6: Final = "host.ipv6"
HOST_KEYFILES: Final = "host.keyfiles"
HOST_KMOD: Final = "host.kmod"
HOST_LISTENING: Final = "host.listening"
HOST_LOGFILES: Final = "host.logfiles"
HOST_LOGGING: Final = "host.logging"
HOST_PACKAGES: Final = "host.packages"
HOST_PAM: Final = "host.pam"
HOST_SSHD: Final = "host.sshd"
HOST_WEBSERVER: Final = "host.webserver"
INVENTORY_ASSETS: Final = "inventory.assets"
LOGS_PII: Final = "logs.pii"
STORE_RUNS: Final = "store.runs"
TLS_ENDPOINT: Final = "tls.endpoint"

ALL: Final = frozenset(
    {
        ACCESS_LIST,
        CODE_TRANSPORT,
        DATABASE_RETENTION,
        DOCUMENTS_RECORDS,
        GIT_HISTORY,
        HOST_ACCOUNTS,
        HOST_AUDITD,
        HOST_BLOCKDEV,
        HOST_DBTLS,
        HOST_FAIL2BAN,
        HOST_FIREWALL,
        HOST_HARDENING,
        HOST_IPV6,
        HOST_KEYFILES,
        HOST_KMOD,
        HOST_LISTENING,
        HOST_LOGFILES,
        HOST_LOGGING,
        HOST_PACKAGES,
        HOST_PAM,
        HOST_SSHD,
        HOST_WEBSERVER,
        INVENTORY_ASSETS,
        LOGS_PII,
        STORE_RUNS,
        TLS_ENDPOINT,
    }
)
