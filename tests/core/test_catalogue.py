"""Naming invariants between the policy text, the catalogue, the Rego rules and the collectors."""

from __future__ import annotations

import re
from pathlib import Path

from auditor.catalogue import load_catalogue
from auditor.collect.specs import load_specs
from auditor.engine.policyset import load_policyset
from auditor.resources import collectors_dir, policies_dir

SPLIT = re.compile(r'(?<=[.!?])\s+(?=[A-Z"(])')


def _policy_sentences(text: str) -> list[str]:
    out: list[str] = []
    for para in (line.strip() for line in text.splitlines()):
        if para:
            out += SPLIT.split(para)
    return out


def test_catalogue_has_93_unique_clauses() -> None:
    ids = load_catalogue().ids
    assert len(ids) == 93
    assert len(set(ids)) == 93


def test_policy_hash_matches_catalogue_source() -> None:
    cat = load_catalogue()
    assert cat.policy_sha256 == "8a0a8002cead1e9e10d4614bdd15dee73dda1ebd4db6cca061fef08552c2db71"


def test_every_policy_sentence_is_covered_by_a_clause() -> None:
    """Each sentence is quoted by a clause, or is the heading of a catalogue section."""
    cat = load_catalogue()
    by_text = {text: sid for sid, text in cat.sentences.items()}
    quoted = {s.id for c in cat.clauses for s in c.sentences}
    headings = {s.lower() for s in cat.sections}
    uncovered = []
    for sentence in _policy_sentences(cat.policy_text):
        sid = by_text.get(sentence)
        assert sid is not None, f"policy sentence missing from catalogue: {sentence[:60]}"
        if sid not in quoted and sentence.lower() not in headings:
            uncovered.append(sid)
    assert uncovered == []


def test_quotes_are_verbatim_fragments_of_their_sentences() -> None:
    cat = load_catalogue()
    for clause in cat.clauses:
        for s in clause.sentences:
            assert s.quote in cat.sentences[s.id], (clause.id, s.id)


def test_every_rule_names_an_existing_clause_and_collectors() -> None:
    ids = set(load_catalogue().ids)
    specs = load_specs()
    policyset = load_policyset([policies_dir()])
    for pkg in policyset.packages:
        assert pkg.metadata.clause in ids, f"{pkg.file}: custom.clause {pkg.metadata.clause!r}"
        missing = [c for c in pkg.metadata.requires if c not in specs]
        assert missing == [], f"{pkg.file}: requires unknown collectors {missing}"
        assert pkg.path.startswith("dpp."), pkg.file


def test_collector_specs_match_file_names_and_load() -> None:
    specs = load_specs()
    for spec_id, spec in specs.items():
        assert spec.path.parent == collectors_dir()
        assert spec.path.stem == spec_id
        assert re.fullmatch(r"[a-z]+\.[a-z0-9_.]+", spec_id), spec_id
        cls = spec.load_class()
        assert cls.id == spec_id
        assert set(spec.target_kinds) <= set(cls.target_kinds)
        unknown = set(spec.clauses) - set(load_catalogue().ids)
        assert unknown == set(), f"{spec.path}: unknown clauses {unknown}"


def test_catalogue_collectors_and_rules_are_in_sync_with_policies() -> None:
    """clauses.yaml lists the rules and required collectors; `make catalogue` regenerates them."""
    import yaml

    from auditor.coverage import clause_coverage
    from auditor.resources import catalogue_path

    raw = {c["id"]: c for c in yaml.safe_load(catalogue_path().read_text())["clauses"]}
    for row in clause_coverage():
        assert raw[row["id"]]["rules"] == row["rules"], row["id"]
        assert raw[row["id"]]["collectors"] == row["collectors"], row["id"]


_REGO_PARAM = re.compile(
    r'input\.params\.(\w+)|object\.get\(input\.params,\s*"(\w+)"|input\.params\["(\w+)"\]')
_PY_PARAM = re.compile(r'\bparams(?:\.get\(|\[)"(\w+)"')


def test_every_parameter_a_rule_or_collector_reads_is_declared() -> None:
    """The config accepts only declared parameters: one read but not declared could never be set
    (params.pii_paths was such a case: ENC-1 asked for it, the config refused it)."""
    declared = set(load_catalogue().parameters)
    read: dict[str, str] = {}
    for path in sorted(policies_dir().rglob("*.rego")):
        if not path.name.endswith("_test.rego"):
            for m in _REGO_PARAM.finditer(path.read_text()):
                read.setdefault(next(g for g in m.groups() if g), path.name)
    collect = policies_dir().parent / "auditor" / "collect"
    if not collect.is_dir():  # an installed wheel: the sources sit beside this package
        import auditor.collect

        collect = Path(auditor.collect.__file__).parent
    for path in sorted(collect.rglob("*.py")):
        if path.name == "logging.py":  # rsyslog action parameters (port, protocol, ...), not ours
            continue
        for m in _PY_PARAM.finditer(path.read_text()):
            read.setdefault(m.group(1), path.name)
    missing = {name: where for name, where in read.items() if name not in declared}
    assert not missing, f"read but not declared in the catalogue's parameters: {missing}"

