"""Keys made on first use (the PII HMAC key, the access fingerprint key) survive concurrent first
runs: every creator ends up with the same complete key, never an EEXIST or an empty file."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

from auditor.fsutil import create_once
from auditor.pii.fingerprint import load_or_create_key


def _make_key(state: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    os.environ["DPP_AUDITOR_STATE"] = state
    try:
        out.put(load_or_create_key())
    except Exception as exc:  # reported to the parent, which fails the test
        out.put(repr(exc))


def test_concurrent_first_runs_share_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_make_key, args=(str(tmp_path / "state"), out)) for _ in range(12)]
    for p in procs:
        p.start()
    keys = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(isinstance(k, bytes) for k in keys), keys
    assert len(set(keys)) == 1 and len(keys[0]) >= 32
    key_file = tmp_path / "state" / "hmac.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["hmac.key"]  # no private copies left


def test_create_once_keeps_the_first_writer(tmp_path: Path) -> None:
    target = tmp_path / "d" / "k"
    assert create_once(target, b"first") is True
    assert create_once(target, b"second") is False
    assert target.read_bytes() == b"first" and stat.S_IMODE(target.stat().st_mode) == 0o600
