"""Run integrity: manifest.json lists the sha256 of every file of a run directory.

Each manifest names the previous run's manifest hash (a chain: rewriting an old run breaks
every later link) and may carry an Ed25519 signature over its canonical form. The signing
key is configured (`signing.key_file`); `signing.public_key_file` pins the key verify trusts,
because a signature by a key that nobody pinned proves integrity, not origin.
"""

from __future__ import annotations

import base64
import hashlib
import json
import stat
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict

from auditor.errors import ConfigError, StoreError
from auditor.fsutil import atomic_write_bytes, canonical_json

MANIFEST = "manifest.json"
MANIFEST_SCHEMA = "dpp-auditor/manifest@1"
CHUNK = 1 << 20


class SigningSettings(BaseModel):
    """Config section `signing:`."""

    model_config = ConfigDict(extra="forbid")

    key_file: str | None = (
        None  # Ed25519 private key (PEM, PKCS#8), e.g. `openssl genpkey -algorithm ed25519`
    )
    public_key_file: str | None = None  # the public key `verify` requires (PEM)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def run_files(run_dir: Path) -> list[str]:
    """Every regular file under run_dir except the manifest and in-flight temp files."""
    out = []
    for p in run_dir.rglob("*"):
        rel = p.relative_to(run_dir).as_posix()
        if rel == MANIFEST or p.name.startswith(".") or p.is_symlink() or not p.is_file():
            continue
        out.append(rel)
    return sorted(out)


def _signed_bytes(doc: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in doc.items() if k != "signature"}).encode("utf-8")


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ConfigError(f"{path}: cannot load the signing key: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"{path}: the signing key must be Ed25519")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot load the public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError(f"{path}: the public key must be Ed25519")
    return key


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def previous_run(run_dir: Path) -> Path | None:
    """The newest sibling run (run ids sort by time) older than run_dir that has a manifest."""
    me = run_dir.resolve()
    older = [
        p
        for p in me.parent.iterdir()
        if p.is_dir() and not p.is_symlink() and p.name < me.name and (p / MANIFEST).is_file()
    ]
    return max(older, key=lambda p: p.name) if older else None


def write_manifest(
    run_dir: Path, *, run_id: str, created_at: str, key_file: Path | None = None, previous: Path | None = None
) -> Path:
    """Seal run_dir; call after every other file of the run is written. Returns the path."""
    if (run_dir / MANIFEST).exists():
        raise StoreError(f"{run_dir}: already sealed ({MANIFEST} exists)")
    prev = previous if previous is not None else previous_run(run_dir)
    doc: dict[str, Any] = {
        "schema": MANIFEST_SCHEMA,
        "run_id": run_id,
        "created_at": created_at,
        "algorithm": "sha256",
        "files": {rel: sha256_file(run_dir / rel) for rel in run_files(run_dir)},
        "previous": None
        if prev is None
        else {"run_id": prev.name, "manifest_sha256": sha256_file(prev / MANIFEST)},
    }
    if key_file is not None:
        key = load_private_key(key_file)
        doc["signature"] = {
            "algorithm": "ed25519",
            "key_id": key_id(key.public_key()),
            "public_key": base64.b64encode(_raw(key.public_key())).decode(),
            "value": base64.b64encode(key.sign(_signed_bytes(doc))).decode(),
        }
    path = run_dir / MANIFEST
    atomic_write_bytes(path, canonical_json(doc).encode("utf-8"), mode=0o600)
    return path


def _read(run_dir: Path) -> dict[str, Any]:
    path = run_dir / MANIFEST
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{run_dir}: no {MANIFEST}; the run was never sealed") from None
    except ValueError as exc:
        raise StoreError(f"{path}: corrupt manifest: {exc}") from None
    if (
        not isinstance(doc, dict)
        or doc.get("schema") != MANIFEST_SCHEMA
        or not isinstance(doc.get("files"), dict)
    ):
        raise StoreError(f"{path}: not a dpp-auditor manifest")
    return doc


def _file_problems(run_dir: Path, listed: dict[str, str]) -> list[str]:
    problems = []
    present = set(run_files(run_dir))
    for rel, digest in sorted(listed.items()):
        if rel not in present:
            problems.append(f"removed: {rel}")
        elif sha256_file(run_dir / rel) != digest:
            problems.append(f"modified: {rel}")
    problems += [f"added: {rel}" for rel in sorted(present - set(listed))]
    for rel in sorted(present):
        if rel.startswith("evidence/") and stat.S_IMODE((run_dir / rel).stat().st_mode) & 0o077:
            problems.append(f"permissions: {rel} is readable by group or others")
    return problems


def _signature_problems(doc: dict[str, Any], trusted: Ed25519PublicKey | None) -> list[str]:
    sig = doc.get("signature")
    if sig is None:
        return ["signature: missing, but a public key is pinned"] if trusted is not None else []
    try:
        raw = base64.b64decode(sig["public_key"], validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw)
        public.verify(base64.b64decode(sig["value"], validate=True), _signed_bytes(doc))
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return ["signature: invalid (the manifest was changed after signing, or the signature is corrupt)"]
    if trusted is not None and _raw(trusted) != raw:
        return [f"signature: made by key {key_id(public)}, not by the pinned key {key_id(trusted)}"]
    return []


def _chain_problems(run_dir: Path, doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(problems, notes): a predecessor that exists must match; a pruned one is only noted."""
    prev = doc.get("previous")
    if prev is None:
        return [], ["chain: first run of the chain"]
    prev_dir = run_dir.resolve().parent / str(prev.get("run_id", ""))
    if not (prev_dir / MANIFEST).is_file():
        return [], [
            f"chain: previous run {prev.get('run_id')} is not in the store (pruned?); link not checked"
        ]
    if sha256_file(prev_dir / MANIFEST) != prev.get("manifest_sha256"):
        return [
            f"chain: broken: the manifest of previous run {prev.get('run_id')} changed after this run"
        ], []
    return [], [f"chain: linked to {prev.get('run_id')}"]


def verify(run_dir: Path, *, public_key: Path | None = None) -> tuple[list[str], list[str]]:
    """(problems, notes) for run_dir; no problems means the run is intact."""
    doc = _read(run_dir)
    trusted = load_public_key(public_key) if public_key else None
    problems = _file_problems(run_dir, doc["files"])
    problems += _signature_problems(doc, trusted)
    chain_problems, notes = _chain_problems(run_dir, doc)
    sig = doc.get("signature")
    notes.append(
        f"signature: valid, key {sig.get('key_id')}" + ("" if trusted else " (not pinned)")
        if sig and not any(p.startswith("signature") for p in problems)
        else "signature: none"
        if not sig
        else "signature: see problems"
    )
    return problems + chain_problems, notes
