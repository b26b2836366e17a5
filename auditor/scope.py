"""Which targets a run covers: config targets, -t URIs, an Ansible inventory, configured
endpoints, repositories and databases, and the singleton register targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.config import Config, TargetEntry
from auditor.errors import UsageError
from auditor.models import Target, TargetKind
from auditor.targets import load_ansible_inventory, parse_target_uri

SINGLETON_KINDS = (TargetKind.access, TargetKind.inventory, TargetKind.documents, TargetKind.store)


def _entry_target(entry: str | TargetEntry) -> Target:
    if isinstance(entry, str):
        return parse_target_uri(entry)
    target = parse_target_uri(entry.address)
    return target.model_copy(
        update={"id": entry.id or target.id, "options": {**target.options, **entry.options}}
    )


def _listed(section: Any) -> list[dict[str, Any]]:
    if isinstance(section, list):
        return [dict(item) for item in section]
    return []


def build_targets(config: Config, uris: list[str], inventory: Path | None) -> list[Target]:
    """Explicit -t/-i replace the config's own target list; other sections always apply."""
    settings = config.settings()
    targets: list[Target] = []
    if uris or inventory:
        targets += [parse_target_uri(u) for u in uris]
        if inventory:
            targets += load_ansible_inventory(inventory)
    else:
        targets += [_entry_target(e) for e in config.core.targets]
        if config.core.inventory_file:
            targets += load_ansible_inventory(Path(config.core.inventory_file))
    for url in (settings.get("tls") or {}).get("endpoints", []) or []:
        targets.append(parse_target_uri(url))
    for repo in _listed(settings.get("repos")):
        targets.append(
            Target(id=str(repo["id"]), kind=TargetKind.repo, address=str(repo.get("url") or repo.get("path")))
        )
    for db in _listed(settings.get("databases")):
        targets.append(Target(id=str(db["id"]), kind=TargetKind.database, address=f"database:{db['id']}"))
    targets += [Target(id=k.value, kind=k, address=k.value) for k in SINGLETON_KINDS]
    return dedupe(targets)


def dedupe(targets: list[Target]) -> list[Target]:
    seen: dict[str, Target] = {}
    for t in targets:
        prev = seen.get(t.id)
        if prev is not None and prev.address != t.address:
            raise UsageError(f"target id {t.id!r} names two addresses: {prev.address} and {t.address}")
        seen.setdefault(t.id, t)
    return list(seen.values())
