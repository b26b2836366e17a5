"""Clause coverage: which rules and collectors implement each catalogue clause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.catalogue import load_catalogue
from auditor.engine.policyset import load_policyset
from auditor.resources import policies_dir


def clause_coverage(extra_dirs: list[Path] | None = None) -> list[dict[str, Any]]:
    catalogue = load_catalogue()
    policyset = load_policyset([policies_dir(), *(extra_dirs or [])])
    rows = []
    for clause in catalogue.clauses:
        rules = sorted(p.path for p in policyset.packages if p.metadata.clause == clause.id)
        collectors = sorted(
            {c for p in policyset.packages if p.metadata.clause == clause.id for c in p.metadata.requires}
        )
        rows.append(
            {
                "id": clause.id,
                "section": clause.section,
                "severity": str(clause.severity),
                "automation": str(clause.automation),
                "rules": rules,
                "collectors": collectors,
            }
        )
    return rows


def format_coverage(rows: list[dict[str, Any]]) -> str:
    covered = sum(1 for r in rows if r["rules"])
    lines = [f"{'CLAUSE':<8} {'SEVERITY':<9} {'AUTOMATION':<10} {'RULES':>5}  COLLECTORS"]
    for r in rows:
        lines.append(
            f"{r['id']:<8} {r['severity']:<9} {r['automation']:<10} {len(r['rules']):>5}  "
            f"{', '.join(r['collectors']) or '-'}"
        )
    lines.append(f"{covered}/{len(rows)} clauses have at least one rule")
    return "\n".join(lines)


def sync_catalogue() -> int:
    """Rewrite the `rules:` and `collectors:` lines of clauses.yaml from the policies' METADATA.

    Text-level, so the file's comments and layout survive. Returns the number of lines changed.
    """
    from auditor.fsutil import atomic_write_text
    from auditor.resources import catalogue_path

    rows = {r["id"]: r for r in clause_coverage()}
    path = catalogue_path()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    current: str | None = None
    changed = 0
    for i, line in enumerate(lines):
        if line.startswith("- id: "):
            current = line.removeprefix("- id: ").strip()
        elif current in rows and line.startswith(("  rules:", "  collectors:")):
            key = line.split(":", 1)[0].strip()
            new = f"  {key}: [{', '.join(rows[current][key])}]\n"
            if new != line:
                lines[i], changed = new, changed + 1
    atomic_write_text(path, "".join(lines), mode=0o644)
    return changed


if __name__ == "__main__":
    print(f"clauses.yaml: {sync_catalogue()} lines updated")
