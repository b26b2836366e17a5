"""Synthetic policy inputs for the engine benchmark and the engine contract test.

Evidence shapes belong to the collectors, so they are not invented here: each synthetic host
takes, per collector, the data of a randomly chosen fixture input (tests/fixtures/policies/**/
input.json). Targets of kind `host` are renamed per synthetic host; other targets (endpoints,
the singleton kinds) keep their ids.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVALUATED_AT = "2026-11-27T10:00:00Z"


@dataclass
class EvidencePool:
    """Per collector, the (target kind, target, data) triples seen in fixture inputs."""

    entries: dict[str, list[tuple[str, dict[str, Any], Any]]] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entries)


def fixture_inputs(roots: Iterable[Path]) -> list[Path]:
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("input.json"))


def evidence_pool(paths: Iterable[Path]) -> EvidencePool:
    entries: dict[str, list[tuple[str, dict[str, Any], Any]]] = defaultdict(list)
    params: dict[str, Any] = {}
    for path in paths:
        doc = json.loads(path.read_text())
        targets = doc.get("targets") or {}
        for key, value in (doc.get("params") or {}).items():
            params.setdefault(key, value)
        for collector, by_target in (doc.get("evidence") or {}).items():
            if not isinstance(by_target, dict):
                continue
            for target_id, data in by_target.items():
                target = targets.get(target_id) or {"kind": "host", "address": "local"}
                entries[collector].append((target_id, target, data))
    return EvidencePool(dict(entries), params)


def synthetic_inputs(
    count: int, pool: EvidencePool, params: dict[str, Any], *, seed: int = 1
) -> Iterator[dict[str, Any]]:
    """`count` one-host input documents; deterministic for a seed."""
    rng = random.Random(seed)
    collectors = sorted(pool.entries)
    for i in range(count):
        host = f"host-{i:05d}"
        evidence: dict[str, dict[str, Any]] = {}
        targets: dict[str, Any] = {}
        for collector in collectors:
            target_id, target, data = rng.choice(pool.entries[collector])
            if target.get("kind", "host") == "host":
                target_id, target = host, {**target, "address": f"ssh://{host}"}
            evidence.setdefault(collector, {})[target_id] = data
            targets[target_id] = target
        yield {
            "meta": {"run_id": f"synthetic-{seed}", "evaluated_at": EVALUATED_AT, "profile": "default"},
            "params": {**pool.params, **params},
            "evidence": evidence,
            "targets": targets,
        }
