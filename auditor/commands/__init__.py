"""CLI command modules. Each module exposes a click command or group named `command`."""

COMMAND_MODULES: list[str] = [
    "auditor.commands.policy",
    "auditor.commands.waivers",
    "auditor.commands.gate",
    "auditor.commands.verify",
    "auditor.commands.seal",
    "auditor.commands.history",
    "auditor.commands.diff",
    "auditor.commands.schedule",
    "auditor.commands.notify",
    "auditor.commands.runs",
    "auditor.commands.deletion",
    "auditor.commands.logs",
    "auditor.commands.sudoers",
]
