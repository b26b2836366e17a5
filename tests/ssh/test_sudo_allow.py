"""The one sudo allow-list matcher (transport and tests) and the sudoers snippet made from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.collect.transports.sudo_allow import allowed, allowed_by_any, spec_entries, sudoers_snippet


def test_wildcards_span_directories_but_not_arguments() -> None:
    keys = "cat */.ssh/authorized_keys"
    assert allowed(["cat", "/root/.ssh/authorized_keys"], keys)
    assert allowed(["cat", "/home/alice/.ssh/authorized_keys"], keys)
    assert not allowed(["cat", "/etc/shadow", "/x/.ssh/authorized_keys"], keys)
    assert not allowed(["cat", "/etc/shadow /x/.ssh/authorized_keys"], keys)  # one argument, a space
    assert not allowed(["cat", "/home/../etc/.ssh/authorized_keys"], keys)
    assert not allowed(["cat", "/etc/sudoers.d/../shadow"], "cat /etc/sudoers.d/*")
    assert allowed(["sshd", "-T", "-C", "user=root,host=h.example,addr=192.0.2.1"],
                   "sshd -T -C user=U,host=H,addr=A")
    assert not allowed(["sshd", "-T", "-C", "user=root,host=h,addr=a,x=y"], "sshd -T -C user=U,host=H,addr=A")


def test_rest_pattern_takes_one_or_more_plain_arguments() -> None:
    entry = ["getfacl", "-p", "--absolute-names", "..."]
    assert allowed(["getfacl", "-p", "--absolute-names", "/a", "/b/c"], entry)
    assert not allowed(["getfacl", "-p", "--absolute-names"], entry)
    assert not allowed(["getfacl", "-p", "--absolute-names", "a b"], entry)


def test_spec_entries_cover_the_collectors_real_commands() -> None:
    from auditor.collect.host.logfiles import FIND

    entries = spec_entries()
    assert allowed_by_any(FIND, entries)  # an exact argv with spaces and a newline in one argument
    assert allowed_by_any(["cat", "--", "/etc/postgresql/15/main/pg_hba.conf"], entries)
    assert not allowed_by_any(["find", "/var/log", "-exec", "sh", ";"], entries)
    assert not allowed_by_any(["cat", "--", "/root/secret"], entries)


@pytest.mark.skipif(shutil.which("visudo") is None, reason="sudo is not installed")
def test_sudoers_command_output_passes_visudo(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "auditor", "sudoers", "--user", "audit_bot"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == sudoers_snippet("audit_bot", spec_entries())
    path = tmp_path / "snippet"
    path.write_text(done.stdout)
    check = subprocess.run(["visudo", "-c", "-f", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "audit_bot ALL=(root) NOPASSWD:" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "auditor", "sudoers", "--user", "x;rm"],
                         capture_output=True, text=True)
    assert bad.returncode != 0
