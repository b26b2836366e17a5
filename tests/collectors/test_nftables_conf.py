"""The nftables.conf reader against the real nft: each golden configuration is loaded by nft in
a network namespace of its own and listed as JSON; both views must give the same facts."""

from __future__ import annotations

import fnmatch
import json
import subprocess
from pathlib import Path

import pytest

from auditor.collect.parsers import nftables, nftables_conf

CASES = sorted((Path(__file__).resolve().parents[1] / "golden" / "nftables_conf").glob("*.json"))
FACTS = ("ipv4", "ipv6", "input_chains", "rule_count", "effective_allow")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_conf_reader_agrees_with_nft(path: Path, tmp_path: Path) -> None:
    conf = tmp_path / "nftables.conf"
    conf.write_text(json.loads(path.read_text())["output"])
    listed = subprocess.run(["unshare", "--net", "sh", "-c", f"nft -f '{conf}' && nft -j list ruleset"],
                            capture_output=True, text=True, check=True).stdout
    real = nftables.parse_ruleset(listed)
    mine = nftables_conf.parse(conf.read_text())
    assert {k: mine[k] for k in FACTS} == {k: real[k] for k in FACTS}


def test_flush_ruleset_discards_what_came_before() -> None:
    text = "table inet a { chain i { type filter hook input priority 0; policy accept; } }\nflush ruleset\n"
    assert nftables_conf.parse(text)["input_chains"] == []


def test_includes_expand_in_order_and_nest() -> None:
    files = {"/etc/nftables.d/a.nft": 'include "b.nft"\n', "/etc/b.nft": "table inet t {}\n"}
    text, read = nftables_conf.expand_includes(
        'include "/etc/nftables.d/*.nft"\n', lambda p: sorted(f for f in files if fnmatch.fnmatchcase(f, p)),
        files.get)
    assert read == ["/etc/nftables.d/a.nft", "/etc/b.nft"] and "table inet t" in text
