"""Damaged evidence never passes and never stops the run (auditor.bench.mutation, sampled).

The full run is `python -m auditor.bench.mutation` (also `make bench BENCH=mutation`); here a
fixed-seed sample keeps `make test` fast while still covering every `{}` mutation.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from auditor.bench.mutation import (
    ALLOWED_SILENT,
    FULL_SCAN,
    Harness,
    Mutation,
    all_mutations,
    load_cases,
    mutate,
    run_all,
    sample,
)
from auditor.collect import ids
from auditor.collect.datamodels import may_be_empty

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "policies"
SAMPLE, SEED = 1500, 13
# Clauses over the whole run: GEN-1.a fails a target with no collected evidence at all and
# SCP-1 reconciles every target reached; damage to any collector may (rightly) fail them.
WHOLE_RUN = {"GEN-1", "SCP-1"}


@pytest.fixture(scope="module")
def harness() -> Harness:
    return Harness(load_cases(FIXTURES))


def test_sampled_mutations_give_no_silent_pass_and_abort_nothing(harness: Harness) -> None:
    mutations = sample(all_mutations(list(harness.cases.values())), SAMPLE, SEED)
    tally = run_all(harness, mutations)
    assert sum(tally.mutations.values()) > 1000
    assert tally.mutations["collector_empty"] > 300  # every collector of every case
    assert tally.aborted_examples == []
    assert tally.silent_examples == []


def test_empty_data_errors_exactly_the_clauses_that_require_that_collector(harness: Harness) -> None:
    """`{}` for one collector: every clause requiring it is error, every other clause keeps
    its status (on the one-host scan that holds every collector's evidence)."""
    case = harness.cases[FULL_SCAN]
    assert {e.collector for e in case.evidence} == set(ids.ALL)
    before = harness.baseline(case)
    every = set(before)
    for ev in case.evidence:
        broken = [e.model_copy(update={"data": {}}) if e is ev else e for e in case.evidence]
        after = harness.statuses(replace(case, evidence=broken), every)
        needing = harness.clauses_requiring(ev.collector)
        # error, or fail when other evidence (or a rule that denies on the collector's absence)
        # fails it: fail beats error, the clause is decided against the company, never for it.
        assert {c: after[c] for c in needing if after[c] not in ("error", "fail")} == {}, ev.collector
        assert any(after[c] == "error" for c in needing), ev.collector
        # ALLOWED_SILENT: another change fixes those packages (LOG-2 reads host.auditd undeclared).
        others = set(after) - needing - WHOLE_RUN - ALLOWED_SILENT
        assert {c: after[c] for c in others} == {c: before[c] for c in others}, ev.collector
        assert [c for c in WHOLE_RUN if after[c] == "pass" and before[c] != "pass"] == []


def test_a_silent_pass_is_caught() -> None:
    """The check can fail: a rule that reads a field only for its message is silenced by
    deleting it; the harness's own classification is exercised on a hand-made outcome."""
    from auditor.bench.mutation import Outcome, Tally

    tally = Tally()
    m = Mutation("X/y", ids.HOST_LISTENING, "web1", "delete", ("listening_sockets", "*", "process"))
    tally.add(Outcome(m, silent=["TLS-5"]))
    tally.add(Outcome(m, silent=sorted(ALLOWED_SILENT)[:1]))
    assert tally.silent["delete"] == 1 and tally.allowed["delete"] == 1


def test_mutations_reach_every_element_and_respect_the_model() -> None:
    data = {"a": [{"b": 1}, {"b": 2, "c": "x"}], "d": True}
    assert mutate(data, "delete", ("a", "*", "b")) == {"a": [{}, {"c": "x"}], "d": True}
    assert mutate(data, "mistype", ("d",)) == {"a": data["a"], "d": "false"}
    assert mutate(data, "null", ("a", "*", "c")) == {"a": [{"b": 1}, {"b": 2, "c": None}], "d": True}
    assert mutate(data, "empty", ("d",)) is None  # a boolean has no empty value
    assert may_be_empty(ids.HOST_ACCOUNTS, ("users",))  # no user found is a finding for rules
    assert not may_be_empty(ids.HOST_BLOCKDEV, ("path_mounts",))  # always /tmp and /var/tmp
