"""Who and what was audited, what was not, and how to check the run: the report's audit facts.

Pure functions over the render context and the trace index; the template only lays them out.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from auditor.catalogue import Catalogue, Clause
from auditor.models import ClauseResult
from auditor.render.base import RenderContext
from auditor.render.trace import TraceIndex

PERFORMED_BY_ENV = "DPP_AUDITOR_PERFORMED_BY"
# The organisation that wrote the policy text; the audited organisation is the config's.
POLICY_AUTHOR = "The Entertainer"
NON_NORMATIVE = "Non-normative"  # how an interpretation marks page furniture (catalogue appendix)
_TERMINAL = re.compile(r"[.!?:;\"”)]\s*$")
_CONFIG_GAP = re.compile(r"\b(?:not|no\b.*\b(?:is|are)) configured\b", re.IGNORECASE)


def performed_by() -> str:
    """The person who ran the audit: $DPP_AUDITOR_PERFORMED_BY, else the operating-system user."""
    configured = os.environ.get(PERFORMED_BY_ENV, "").strip()
    if configured:
        return configured
    try:
        return f"{getpass.getuser()} (operating-system user; set {PERFORMED_BY_ENV} to name the auditor)"
    except (KeyError, OSError):
        return f"not recorded (set {PERFORMED_BY_ENV})"


@dataclass(frozen=True)
class PolicyText:
    requirements: tuple[str, ...]  # normative sentences the clause is scored on
    headings: tuple[str, ...]  # section headings quoted for context
    furniture: tuple[str, ...]  # web-page artefacts the clause reports on, not requirements


def furniture_ids(catalogue: Catalogue) -> frozenset[str]:
    ids: set[str] = set()
    for i in catalogue.interpretations:
        if str(i.get("interpretation", "")).startswith(NON_NORMATIVE):
            ids |= {s.strip() for s in str(i.get("sentences", "")).split(",")}
    return frozenset(ids)


def is_heading(sentence: str) -> bool:
    """A policy line without closing punctuation and of a title's length is a heading."""
    return not _TERMINAL.search(sentence) and len(sentence.split()) <= 12


def policy_text(catalogue: Catalogue, clause: Clause, furniture: frozenset[str]) -> PolicyText:
    req: list[str] = []
    heads: list[str] = []
    furn: list[str] = []
    for s in clause.sentences:
        if s.id in furniture:
            furn.append(s.quote)
        elif not s.fragment and is_heading(catalogue.sentences.get(s.id, s.quote)):
            heads.append(s.quote)
        else:
            req.append(s.quote)
    return PolicyText(tuple(req), tuple(heads), tuple(furn))


@dataclass(frozen=True)
class SystemRow:
    id: str
    kind: str
    address: str
    hostname: str
    os: str
    addresses: tuple[str, ...]
    first: str
    last: str
    transports: tuple[str, ...]
    methods: tuple[tuple[str, str], ...]
    evidence_files: int


def systems(ctx: RenderContext, index: TraceIndex) -> list[SystemRow]:
    rows = []
    for t in ctx.results.targets:
        facts = index.identity.get(t.id, {})
        times = sorted(e.collected_at for e in ctx.evidence if e.target == t.id and e.collected_at)
        rows.append(
            SystemRow(
                id=t.id,
                kind=str(t.kind),
                address=t.address,
                hostname=str(facts.get("hostname", "")),
                os=str(facts.get("os", "")),
                addresses=tuple(facts.get("addresses", ())),
                first=times[0] if times else "",
                last=times[-1] if times else "",
                transports=tuple(sorted(facts.get("transports", ()))),
                methods=tuple(sorted(facts.get("methods", {}).items())),
                evidence_files=len(times),
            )
        )
    return rows


@dataclass(frozen=True)
class Limitation:
    clause: str
    kind: str  # not_applicable, error, out_of_scope, configuration
    reason: str


def limitations(ctx: RenderContext, out_of_scope: list[tuple[str, str]]) -> list[Limitation]:
    """Every clause this run did not assess, and every configuration gap a finding names."""
    rows: list[Limitation] = []
    for c in ctx.results.clauses:
        if str(c.status) in ("not_applicable", "error"):
            rows.append(Limitation(c.id, str(c.status), _reason(c)))
        for f in c.findings:
            if _CONFIG_GAP.search(f.msg):
                rows.append(Limitation(c.id, "configuration", f"{f.target}: {f.msg}"))
    for target, reason in out_of_scope:
        rows.append(Limitation("(endpoint)", "out_of_scope", f"{target} was not assessed: {reason}"))
    return rows


def _reason(c: ClauseResult) -> str:
    details = "; ".join(
        f"{e.get('target', '')} {e.get('collector', '')}: {e.get('kind', '')} {e.get('message', '')}".strip()
        for e in c.errors
    )
    return " - ".join(p for p in (c.reason or "", details) if p) or "no reason recorded"


@dataclass(frozen=True)
class Seal:
    state: str  # "sealed", "signed", "pending"
    text: str
    key_id: str


def seal(run_dir: Path | None) -> Seal:
    manifest = run_dir / "manifest.json" if run_dir else None
    if manifest is None or not manifest.is_file():
        return Seal(
            "pending",
            "This report is rendered before the run is sealed: manifest.json, written next, lists the "
            "sha256 of every file of the run directory (this report included) and the previous run's "
            "manifest hash; it carries an Ed25519 signature only when signing.key_file is configured.",
            "",
        )
    try:
        doc = json.loads(manifest.read_bytes())
    except (OSError, ValueError):
        return Seal("damaged", "manifest.json is present but unreadable: the run cannot be verified.", "")
    sig = doc.get("signature") or {}
    if sig:
        return Seal("signed", "manifest.json is signed (Ed25519).", str(sig.get("key_id") or ""))
    return Seal("sealed", "manifest.json lists every file's sha256 but is not signed.", "")


def file_sha256(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()
