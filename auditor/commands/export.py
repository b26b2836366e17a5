"""`dpp-auditor export RUN_DIR`: one archive an auditor can check without trusting us.

The archive holds `<run id>/run/` (the sealed run directory as it is: reports, evidence,
results, manifest.json with its signature), `<run id>/SHA256SUMS` (the manifest's hashes in
`sha256sum -c` format, plus the manifest's own hash) and `<run id>/README.txt` saying how to
check it with `dpp-auditor verify` or with coreutils alone. Only a run that verifies is exported.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from auditor.errors import StoreError
from auditor.store.manifest import MANIFEST, sha256_file, verify

SUMS = "SHA256SUMS"
README = "README.txt"


def _readme(run_id: str, doc: dict[str, Any], manifest_sha: str, archive: str) -> str:
    sig = doc.get("signature") or {}
    signed = (
        f"manifest.json is signed with Ed25519, key id {sig.get('key_id')}. To require that key, run\n"
        f"  dpp-auditor verify {run_id}/run --public-key THE-ORGANISATION-PUBLIC-KEY.pem\n"
        "with the public key obtained from the audited organisation by another channel.\n"
        if sig
        else "manifest.json is NOT signed: the hashes prove the files are unchanged since sealing,\n"
        "not who sealed them. Compare the manifest hash below with the one the organisation\n"
        "recorded (its run index chains every run's manifest hash to the next).\n"
    )
    return f"""Evidence package for dpp-auditor run {run_id}

Contents
  run/              the run directory as sealed: report.pdf / report.html (the report),
                    results.json, input.json, run.json, evidence/ (one JSON file per
                    collector and target) and manifest.json (sha256 of every file)
  SHA256SUMS        the same hashes in sha256sum format, and the manifest's own hash
  README.txt        this file

Check with dpp-auditor
  tar -xzf {archive}
  dpp-auditor verify {run_id}/run
It prints "ok" when no file was modified, removed or added and the signature (if any) holds.

Check with coreutils only
  tar -xzf {archive}
  cd {run_id}/run && sha256sum -c ../SHA256SUMS
Every line must say OK. Files in run/ that SHA256SUMS does not list were added after sealing.

Signature
{signed}
manifest.json sha256: {manifest_sha}
sealed at: {doc.get("created_at", "unknown")}
previous run: {(doc.get("previous") or {}).get("run_id", "none (first run of the chain)")}
"""


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o644
    tar.addfile(info, io.BytesIO(data))


def _normalise(info: tarfile.TarInfo, mtime: int) -> tarfile.TarInfo:
    # No local user names or ids in the package; one time for every member.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mtime = mtime
    return info


def export_run(run_dir: Path, archive: Path) -> Path:
    """Write the evidence package of a sealed, intact run to `archive` (atomically)."""
    problems, _notes = verify(run_dir)
    if problems:
        raise StoreError(f"{run_dir}: does not verify, not exported: " + "; ".join(problems[:5]))
    doc = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    run_id = str(doc.get("run_id") or run_dir.name)
    manifest_sha = sha256_file(run_dir / MANIFEST)
    sums = "".join(f"{digest}  {rel}\n" for rel, digest in sorted(doc["files"].items()))
    sums += f"{manifest_sha}  {MANIFEST}\n"
    try:
        mtime = int(datetime.fromisoformat(str(doc["created_at"]).replace("Z", "+00:00")).timestamp())
    except (KeyError, ValueError):
        mtime = 0
    archive.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=archive.parent, prefix=f".{archive.name}.")
    try:
        with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
            for rel in [*sorted(doc["files"]), MANIFEST]:
                tar.add(run_dir / rel, f"{run_id}/run/{rel}", filter=lambda i: _normalise(i, mtime))
            _add_bytes(tar, f"{run_id}/{SUMS}", sums.encode(), mtime)
            _add_bytes(
                tar, f"{run_id}/{README}", _readme(run_id, doc, manifest_sha, archive.name).encode(), mtime
            )
        os.chmod(tmp, 0o600)  # the evidence is confidential: the owner decides whom to give it to
        os.replace(tmp, archive)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return archive


@click.command(
    "export",
    epilog="""\b
Examples:
  dpp-auditor export runs/latest
  dpp-auditor export runs/20261127T100000Z-3f2a1b -o /media/auditor/evidence.tar.gz
""",
)
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Archive to write (default: RUN_ID.tar.gz beside the run directory).",
)
def command(run_dir: Path, output: Path | None) -> None:
    """Package a sealed run (report, evidence, manifest and signature, README) as one .tar.gz.

    The run must verify first; the README tells the auditor how to check the package with
    `dpp-auditor verify` or with sha256sum alone.
    """
    resolved = run_dir.resolve()
    target = output or resolved.parent / f"{resolved.name}.tar.gz"
    try:
        path = export_run(resolved, target)
    except StoreError as exc:
        click.echo(f"dpp-auditor export: {exc}", err=True)
        sys.exit(1)
    click.echo(str(path))
