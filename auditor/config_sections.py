"""Config section models by top-level key; each value is "module:Class" (a pydantic model)."""

SECTION_MODELS: dict[str, str] = {
    "access": "auditor.collect.access.settings:AccessSettings",
    "repos": "auditor.collect.git.settings:ReposSettings",
    "tls": "auditor.collect.tls.settings:TlsSettings",
    "ssh": "auditor.collect.transports.ssh_settings:SshSettings",
}
