"""Config section models by top-level key; each value is "module:Class" (a pydantic model)."""

SECTION_MODELS: dict[str, str] = {
    "waivers": "auditor.waivers:WaiversSettings",
    "signing": "auditor.store.manifest:SigningSettings",
    "history": "auditor.store.history:HistorySettings",
    "notify": "auditor.schedule:NotifySettings",
    "logs": "auditor.pii.settings:LogsSettings",
    "databases": "auditor.collect.database.settings:DatabasesSettings",
    "inventory": "auditor.collect.inventory.settings:InventorySettings",
    "documents": "auditor.collect.documents.settings:DocumentsSettings",
    "store": "auditor.store.retention:StoreSettings",
    "access": "auditor.collect.access.settings:AccessSettings",
    "repos": "auditor.collect.git.settings:ReposSettings",
    "tls": "auditor.collect.tls.settings:TlsSettings",
    "ssh": "auditor.collect.transports.ssh_settings:SshSettings",
}
