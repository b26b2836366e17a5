"""What each verdict rests on: evidence files, the values seen, the documents used.

Each evidence file is parsed once. Only the fields a clause's criterion or evidence line names
(back-quoted in the catalogue) are kept, as short summaries, so a 500-host run stays small in
memory. Strings are shown only when they look like configuration tokens (no spaces, no `@`) and
the key is not a person or address field: the report must never print PII.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.catalogue import Catalogue, Clause
from auditor.render.base import EvidenceEntry

_BACKTICKED = re.compile(r"`([^`]+)`")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_.:/+=-]{1,48}$")
_DOC_TYPE = re.compile(r'doc_type="([a-z_]+)"')
_REGISTER = re.compile(r"registers\.([a-z_]+)")
# Keys whose values name or locate people; never shown even when they look like tokens.
PII_KEYS = frozenset(
    {
        "name",
        "email",
        "e_mail",
        "address",
        "user",
        "users",
        "username",
        "login",
        "person_id",
        "account_id",
        "owner",
        "phone",
        "buyer_name",
        "buyer_email",
        "ship_address",
        "ship_postcode",
        "to",
        "gecos",
        "identities",
        "excerpt",
        "value",
    }
)
MAX_VALUES = 3  # distinct values shown per field and file
MAX_FIELDS = 8  # fields shown per clause and file
MAX_DEPTH = 6


def clause_fields(clause: Clause) -> tuple[str, ...]:
    """Field names the clause's criterion and evidence lines quote, in order of first mention."""
    names: list[str] = []
    for text in (clause.criterion, *clause.evidence):
        for token in _BACKTICKED.findall(text):
            for ident in _IDENT.findall(token):
                if ident not in names and len(ident) > 2:
                    names.append(ident)
    return tuple(names)


def _show(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if value is None:
        return "null"
    if isinstance(value, list):
        return f"{len(value)} item{'' if len(value) == 1 else 's'}"
    if isinstance(value, dict):
        return f"{len(value)} field{'' if len(value) == 1 else 's'}"
    text = str(value)
    if key in PII_KEYS or "@" in text or not _SAFE_TEXT.match(text):
        return "(text)"
    return text


def _walk(data: Any, wanted: frozenset[str], depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if key in wanted:
                yield key, value
            if key not in PII_KEYS and isinstance(value, dict | list):
                yield from _walk(value, wanted, depth + 1)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, dict | list):
                yield from _walk(item, wanted, depth + 1)


@dataclass
class FieldSummary:
    values: list[str] = field(default_factory=list)
    seen: int = 0

    def add(self, text: str) -> None:
        self.seen += 1
        if text not in self.values and len(self.values) < MAX_VALUES:
            self.values.append(text)

    @property
    def text(self) -> str:
        joined = ", ".join(self.values)
        return f"{joined} ({self.seen} occurrences)" if self.seen > len(self.values) else joined


def top_level(data: Any) -> dict[str, FieldSummary]:
    """The file's own top-level facts (numbers, flags, list sizes, tokens), for a criterion whose
    field names the collector does not use."""
    out: dict[str, FieldSummary] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if key in PII_KEYS or isinstance(value, dict) or (isinstance(value, str) and "/" in value):
                continue  # a path may name a person's home directory
            out[key] = FieldSummary()
            out[key].add(_show(key, value))
            if len(out) >= MAX_FIELDS:
                break
    return out


def summarise(data: Any, wanted: frozenset[str]) -> dict[str, FieldSummary]:
    out: dict[str, FieldSummary] = {}
    for key, value in _walk(data, wanted):
        out.setdefault(key, FieldSummary()).add(_show(key, value))
    return out


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence file a verdict rests on, with the criterion's fields as seen in it."""

    path: str
    collector: str
    target: str
    status: str
    collected_at: str
    sha256: str
    seen: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DocumentRef:
    kind: str  # doc_type or register name
    path: str
    version: str
    approver: str
    reviewed: str
    sha256: str
    rows: int | None = None  # registers: number of records


@dataclass
class TraceIndex:
    """Per-file field summaries plus the documents and attestations documents.records found."""

    fields: dict[str, dict[str, FieldSummary]]  # evidence path -> field -> summary
    documents: dict[str, list[DocumentRef]]  # doc_type / register -> refs
    attestations: dict[str, dict[str, Any]]  # clause id -> attestation record
    identity: dict[str, dict[str, Any]]  # target id -> raw identity facts (hostname, os, addresses)
    finding_register: list[dict[str, Any]] = field(default_factory=list)  # registers.findings rows
    fallback: dict[str, dict[str, FieldSummary]] = field(default_factory=dict)  # path -> top-level facts

    def out_of_scope(self) -> list[tuple[str, str]]:
        """(target id, reason) for targets the collectors judged out of scope."""
        return sorted((t, str(f["out_of_scope"])) for t, f in self.identity.items() if f.get("out_of_scope"))


def _load(run_dir: Path | None, entry: EvidenceEntry) -> dict[str, Any]:
    if run_dir is None:
        return {}
    try:
        doc = json.loads((run_dir / entry.path).read_bytes())
    except (OSError, ValueError):
        return {}  # the evidence index already reported it; here it only shows no values
    return doc if isinstance(doc, dict) else {}


def _documents(data: dict[str, Any], provenance: dict[str, Any]) -> dict[str, list[DocumentRef]]:
    out: dict[str, list[DocumentRef]] = defaultdict(list)
    for d in data.get("documents") or []:
        out[str(d.get("doc_type", ""))].append(
            DocumentRef(
                kind=str(d.get("doc_type", "")),
                path=str(d.get("path", "")),
                version=str(d.get("version") or ""),
                approver=str(d.get("approved_by") or ""),
                reviewed=str(d.get("last_review_date") or d.get("approved_at") or ""),
                sha256=str(d.get("sha256") or ""),
            )
        )
    files = {str(f.get("path", "")): str(f.get("sha256") or "") for f in provenance.get("files") or []}
    for name, rows in (data.get("registers") or {}).items():
        stem = name.replace("_", "-")
        path = next((p for p in files if Path(p).stem in (name, stem)), "")
        out[name].append(
            DocumentRef(
                kind=f"register {name}",
                path=path,
                version="",
                approver="",
                reviewed="",
                sha256=files.get(path, ""),
                rows=len(rows) if isinstance(rows, list) else None,
            )
        )
    return dict(out)


def _identity(collector: str, data: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if collector == "host.accounts" and data.get("hostname"):
        facts["hostname"] = data["hostname"]
    if collector == "host.packages" and isinstance(data.get("os"), dict):
        facts["os"] = data["os"].get("pretty_name") or data["os"].get("id")
    if collector == "host.ipv6":
        facts["addresses"] = [
            f"{a.get('address')}/{a.get('prefix')}"
            for a in data.get("ip_addresses") or []
            if a.get("scope") != "host"
        ]
    if collector == "tls.endpoint" and data.get("in_scope") is False:
        probe = data.get("plaintext_probe") or {}
        error = probe.get("tls_error") or "no TLS handshake"
        facts["out_of_scope"] = f"not a TLS endpoint ({error})"
    if data.get("method") and isinstance(data["method"], str):
        facts.setdefault("methods", {})[collector] = data["method"]
    return facts


def build_trace_index(
    catalogue: Catalogue, evidence: list[EvidenceEntry], run_dir: Path | None
) -> TraceIndex:
    wanted = frozenset(f for c in catalogue.clauses for f in clause_fields(c))
    fields: dict[str, dict[str, FieldSummary]] = {}
    fallback: dict[str, dict[str, FieldSummary]] = {}
    documents: dict[str, list[DocumentRef]] = {}
    attestations: dict[str, dict[str, Any]] = {}
    register: list[dict[str, Any]] = []
    identity: dict[str, dict[str, Any]] = defaultdict(dict)
    for entry in evidence:
        doc = _load(run_dir, entry)
        data = doc.get("data") or {}
        fields[entry.path] = summarise(data, wanted)
        fallback[entry.path] = top_level(data)
        if entry.collector == "documents.records":
            documents = _documents(data, doc.get("provenance") or {})
            attestations = {str(a.get("clause")): a for a in data.get("attestations") or []}
            register = list((data.get("registers") or {}).get("findings") or [])
        facts = _identity(entry.collector, data)
        methods = facts.pop("methods", {})
        identity[entry.target].update(facts)
        identity[entry.target].setdefault("methods", {}).update(methods)
        transport = (doc.get("provenance") or {}).get("transport")
        if transport:
            identity[entry.target].setdefault("transports", set()).add(str(transport))
    return TraceIndex(fields, documents, attestations, dict(identity), register, fallback)


def clause_documents(clause: Clause, index: TraceIndex) -> list[DocumentRef]:
    """The controlled documents and registers the clause's evidence lines name."""
    names: list[str] = []
    for text in clause.evidence:
        for name in _DOC_TYPE.findall(text) + _REGISTER.findall(text):
            if name not in names:
                names.append(name)
    return [ref for name in names for ref in index.documents.get(name, [])]


def clause_evidence(
    clause: Clause,
    collectors: list[str],
    targets: list[str],
    evidence: list[EvidenceEntry],
    index: TraceIndex,
) -> list[EvidenceRef]:
    """Evidence files of the clause's collectors on its targets, with the criterion's fields."""
    wanted = clause_fields(clause)
    wanted_targets = set(targets)
    refs = []
    for e in evidence:
        if e.collector not in collectors or (wanted_targets and e.target not in wanted_targets):
            continue
        summaries = index.fields.get(e.path, {})
        seen = tuple((k, summaries[k].text) for k in wanted if k in summaries)[:MAX_FIELDS]
        if not seen:  # the criterion's names are not the collector's: show what the file says
            seen = tuple((k, v.text) for k, v in index.fallback.get(e.path, {}).items())
        refs.append(EvidenceRef(e.path, e.collector, e.target, e.status, e.collected_at, e.sha256, seen))
    return refs


def _locator_subject(locator: str) -> tuple[str, str]:
    kind, sep, rest = locator.partition(":")
    return (kind, rest) if sep else ("", locator)


def finding_evidence(
    locator: str,
    collectors: list[str],
    target: str,
    by_key: dict[tuple[str, str], EvidenceEntry],
    run_dir: Path | None,
) -> EvidenceEntry | None:
    """The evidence file a finding was decided from.

    A locator `sshd:permitrootlogin` or `root:sshd` names its collector (`host.sshd`); a locator
    `file:/etc/x` is looked up in the candidate files' text. The first required collector is the fallback.
    """
    candidates = [by_key[(c, target)] for c in collectors if (c, target) in by_key]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    kind, subject = _locator_subject(locator)
    parts = locator.split(":")
    for wanted in ([kind], parts):  # the locator's kind first (`sshd:x`), then any part (`root:sshd`)
        for e in candidates:
            if e.collector.rsplit(".", 1)[-1] in wanted:
                return e
    if subject and run_dir is not None:
        needle = json.dumps(subject)[1:-1]
        for e in candidates:
            if _mentions(str(run_dir / e.path), needle):
                return e
    return candidates[0]


@lru_cache(maxsize=256)
def _text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


@lru_cache(maxsize=8192)
def _mentions(path: str, needle: str) -> bool:
    return needle in _text(path)
