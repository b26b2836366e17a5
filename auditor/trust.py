"""Results are trusted only after their run's seal is checked, and only when they cover the
whole catalogue: a forged all-pass results.json, or `{"clauses": []}`, must not pass a gate.

A run without manifest.json was never sealed (e.g. `collect` + `evaluate`): it is used with a
note. A sealed run must verify for everything its results derive from (results, the policy
input, run metadata, evidence); reports added later (`report -f sarif`) do not matter here.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from auditor import inputs
from auditor.catalogue import load_catalogue
from auditor.errors import UsageError
from auditor.models import Results
from auditor.store.manifest import MANIFEST, verify

UNSEALED_MANIFEST = "manifest.unsealed.json"
RESULTS_INPUTS = ("results.json", "input.json", "run.json", "evidence/")
EVALUATION_INPUTS = ("run.json", "evidence/")
_MAX_RESULTS = 4 << 30


def read_results(path: Path) -> Results:
    """results.json through the one input reader, as a validated Results model."""
    data = inputs.read_bytes(path, "results file", max_bytes=_MAX_RESULTS)
    try:
        text = inputs.decode(data, str(path), max_line=len(data) + 1)
        return Results.model_validate_json(text)
    except ValueError as exc:
        first = str(exc).splitlines()[0]
        raise UsageError(f"{path}: not a dpp-auditor results file: {first}") from None


def check_coverage(results: Results, path: Path) -> None:
    """Every catalogue clause, and nothing else, has a status."""
    want = set(load_catalogue().ids)
    have = [c.id for c in results.clauses]
    missing = sorted(want - set(have))
    unknown = sorted(set(have) - want)
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise UsageError(
            f"{path}: results cover {len(want) - len(missing)} of {len(want)} catalogue clauses "
            f"(missing {shown}); not a complete run"
        )
    if unknown:
        raise UsageError(
            f"{path}: results name clauses the catalogue does not have: {', '.join(unknown[:5])}"
        )
    if len(have) != len(set(have)):
        raise UsageError(f"{path}: results list a clause twice")


def seal_problems(run_dir: Path, covering: tuple[str, ...] = RESULTS_INPUTS) -> list[str] | None:
    """None when the run was never sealed; else the verify problems that touch `covering`."""
    if not (run_dir / MANIFEST).exists():
        return None
    problems, _ = verify(run_dir)
    return special_entries(run_dir) + [p for p in problems if _matters(p, covering)]


def special_entries(run_dir: Path) -> list[str]:
    """Symlinks and non-regular files in a run: the manifest skips them, so they must not exist.

    A symlink to /etc in evidence/ would otherwise pass verify and be read as evidence."""
    out = []
    for folder, dirs, files in os.walk(run_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(run_dir).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                out.append(f"symlink: {rel} -> {os.readlink(path)}")
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                out.append(f"special file: {rel} ({inputs.kind_of(mode)})")
    return sorted(out)


def _matters(problem: str, covering: tuple[str, ...]) -> bool:
    kind, _, rel = problem.partition(": ")
    if kind in ("modified", "removed", "added", "permissions", "symlink", "special file"):
        return rel.startswith(covering)
    return True  # signature, chain, special files: the manifest itself is not to be trusted


def require_sealed_intact(run_dir: Path, covering: tuple[str, ...] = RESULTS_INPUTS) -> bool:
    """Raise UsageError naming the first tampered file; True when sealed, False when never sealed."""
    problems = seal_problems(run_dir, covering)
    if problems is None:
        return False
    if problems:
        kind, _, rel = problems[0].partition(": ")
        named = ("modified", "removed", "added", "permissions", "symlink", "special file")
        where = run_dir / rel.split(" ", 1)[0] if rel and kind in named else run_dir
        more = (
            f" (and {len(problems) - 1} more; see `dpp-auditor verify {run_dir}`)"
            if len(problems) > 1
            else ""
        )
        raise UsageError(f"{where}: the sealed run does not verify: {problems[0]}{more}")
    return True


def unseal(run_dir: Path) -> Path:
    """Set the manifest aside after re-evaluation changed what it sealed; returns its new path."""
    target = run_dir / UNSEALED_MANIFEST
    os.replace(run_dir / MANIFEST, target)
    return target


def manifest_digest(run_dir: Path, rel: str) -> str | None:
    try:
        doc = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
        return doc["files"].get(rel)
    except (OSError, ValueError, KeyError, AttributeError):
        return None
