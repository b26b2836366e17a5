"""The clause catalogue shipped in policies/amazon_dpp/clauses.yaml."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auditor.models import Automation, Severity
from auditor.resources import catalogue_path


@dataclass(frozen=True)
class Sentence:
    id: str
    quote: str
    fragment: bool


@dataclass(frozen=True)
class Check:
    id: str | None
    text: str


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    severity: Severity
    automation: Automation
    sentences: tuple[Sentence, ...]
    checks: tuple[Check, ...]
    evidence: tuple[str, ...]
    criterion: str


@dataclass(frozen=True)
class Catalogue:
    id: str
    title: str
    version: str
    policy_text: str
    policy_sha256: str
    parameters: dict[str, Any]
    sentences: dict[str, str]
    interpretations: tuple[dict[str, Any], ...]
    clauses: tuple[Clause, ...]
    sections: tuple[str, ...] = field(default=())

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.clauses]


def _clause(raw: dict[str, Any]) -> Clause:
    return Clause(
        id=raw["id"],
        section=raw["section"],
        severity=Severity(raw["severity"]),
        automation=Automation(raw["automation"]),
        sentences=tuple(Sentence(s["id"], s["quote"], bool(s["fragment"])) for s in raw["sentences"]),
        checks=tuple(Check(c.get("id"), c["text"]) for c in raw["checks"]),
        evidence=tuple(raw.get("evidence", [])),
        criterion=raw.get("criterion", ""),
    )


@cache
def load_catalogue(path: Path | None = None) -> Catalogue:
    path = path or catalogue_path()
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = raw["catalogue"]
    policy_text = (path.parent / meta["policy_file"]).read_text(encoding="utf-8")
    clauses = tuple(_clause(c) for c in raw["clauses"])
    sections: list[str] = []
    for c in clauses:
        if c.section not in sections:
            sections.append(c.section)
    return Catalogue(
        id=meta["id"],
        title=meta["title"],
        version=meta["version"],
        policy_text=policy_text,
        policy_sha256=hashlib.sha256(policy_text.encode()).hexdigest(),
        parameters=dict(raw["parameters"]),
        sentences={s["id"]: s["text"] for s in raw["sentences"]},
        interpretations=tuple(raw.get("interpretations", [])),
        clauses=clauses,
        sections=tuple(sections),
    )
