"""A generated set of broken inputs for every reader of the CLI, and a runner that executes
each case in a forked child (the CLI is imported once; a fork costs milliseconds, a fresh
interpreter a second), under a time bound, recording exit code or signal and output.

A reader is (name, format, build): `build(workdir, path)` writes whatever else the command
needs and returns (argv, env); `path` is where the broken input sits. A class is (name,
applies-to formats, make): `make(path)` puts the broken input there and returns the text
that the error message must contain to count as located (the file's name, or the path typed).
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

YAML, CSV, JSON, INI, REGO, ENV, TARGET = "yaml", "csv", "json", "ini", "rego", "env", "target"
FILES = (YAML, CSV, JSON, INI, REGO, ENV)


@dataclass(frozen=True)
class Reader:
    name: str
    fmt: str
    file_name: str
    build: Callable[[Path, Path], tuple[list[str], dict[str, str]]]


@dataclass(frozen=True)
class BrokenClass:
    name: str
    formats: tuple[str, ...]
    make: Callable[[Path, str], str]  # (path, fmt) -> the text a located message must contain


@dataclass
class Outcome:
    reader: str
    cls: str
    rc: int | None  # None: killed after the time bound
    signal: int | None
    seconds: float
    output: str
    located: bool


# --- broken input classes -----------------------------------------------------------------


def _fifo(path: Path, fmt: str) -> str:
    os.mkfifo(path)
    return path.name


def _directory(path: Path, fmt: str) -> str:
    path.mkdir()
    return path.name


def _device(path: Path, fmt: str) -> str:
    path.symlink_to("/dev/zero")  # an endless character device
    return path.name


def _loop(path: Path, fmt: str) -> str:
    other = path.with_name(path.name + ".other")
    other.symlink_to(path.name)
    path.symlink_to(other.name)
    return path.name


def _missing(path: Path, fmt: str) -> str:
    return path.name


def _bad_utf8(path: Path, fmt: str) -> str:
    head = {CSV: b"system,username\n", YAML: b"version: 1\n", INI: b"[web]\n", REGO: b"package x\n"}
    path.write_bytes(head.get(fmt, b"") + b"caf\xe9 \xff\xfe\n")
    return path.name


def _long_line(path: Path, fmt: str) -> str:
    # Four times the reader's limit is enough to prove the refusal; the 5 MB INI line of the
    # issue has its own test. Big files under /tmp would slow every later scan of file roots.
    path.write_text("x" * (256 * 1024) + "\n")
    return path.name


def _duplicate_keys(path: Path, fmt: str) -> str:
    text = {
        YAML: "version: 1\nversion: 1\n",
        JSON: '{"schema": "dpp-auditor/results@1", "schema": "x", "clauses": []}',
    }[fmt]
    path.write_text(text)
    return path.name


def _deep(path: Path, fmt: str) -> str:
    path.write_text({YAML: "a: " + "[" * 50000, JSON: "[" * 50000, INI: "[" * 50000}.get(fmt, "[" * 50000))
    return path.name


def _garbage(path: Path, fmt: str) -> str:
    path.write_text(
        {
            YAML: "version: 1\n  : : {]\n",
            CSV: 'system,username\n"unterminated,\r\nx\0y\n',
            JSON: '{"clauses": []}',
            INI: "[web\nhost ansible_port=\n",
            REGO: "package x\n\nf(x) := y if { y := f(x) }\n",
            ENV: "",
        }[fmt]
    )
    return path.name


def _bad_values(path: Path, fmt: str) -> str:
    path.write_text(
        {
            YAML: "version: 1\nparams:\n  access_review_max_days: ninety\n",
            CSV: (
                "system,username,status,created\n"
                "okta,ann,active,2026-13-45\n"
                "okta,bob,active,2026-01-01,extra\n"
            ),
            JSON: "{}",
            INI: "[web]\nweb[09:01]\n",
            REGO: "package x\n\nimport rego.v1\n\ndeny contains f if {\n  f := \n}\n",
        }[fmt]
    )
    return path.name


def _tilde_user(path: Path, fmt: str) -> str:
    return "~nosuchuser"


def _long_path(path: Path, fmt: str) -> str:
    return "y" * 300


CLASSES = (
    BrokenClass("fifo", FILES, _fifo),
    BrokenClass("directory", FILES, _directory),
    BrokenClass("device", FILES, _device),
    BrokenClass("symlink_loop", FILES, _loop),
    BrokenClass("missing", FILES, _missing),
    BrokenClass("bad_utf8", (YAML, CSV, JSON, INI, REGO), _bad_utf8),
    BrokenClass("long_line", (YAML, CSV, JSON, INI, REGO), _long_line),
    BrokenClass("duplicate_keys", (YAML, JSON), _duplicate_keys),
    BrokenClass("deep_nesting", (YAML, JSON, INI), _deep),
    BrokenClass("garbage", FILES, _garbage),
    BrokenClass("bad_values", (YAML, CSV, JSON, INI, REGO), _bad_values),
    BrokenClass("tilde_user", (*FILES, TARGET), _tilde_user),
    BrokenClass("long_path", (*FILES, TARGET), _long_path),
)

# Classes whose input is a path string, not a file: the reader receives that string as path.
PATH_CLASSES = {"tilde_user": "~nosuchuser/x.{ext}", "long_path": "{long}/x.{ext}"}


def broken_path(work: Path, reader: Reader, cls: BrokenClass) -> tuple[Path, str]:
    """(path given to the reader, text a located message must contain)."""
    target = work / reader.file_name
    must = cls.make(target, reader.fmt)
    if cls.name == "tilde_user":
        return Path(f"~nosuchuser/{reader.file_name}"), must
    if cls.name == "long_path":
        return work / ("y" * 300) / reader.file_name, Path(reader.file_name).name
    return target, must


# --- running one case ---------------------------------------------------------------------


def run_cli(
    argv: list[str], cwd: Path, env: dict[str, str], bound_s: float
) -> tuple[int | None, int | None, str, float]:
    """(rc, signal, output, seconds) of `dpp-auditor argv` in a forked child."""
    from auditor import cli

    read_fd, write_fd = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child: never returns into pytest
        code = 4
        try:
            os.close(read_fd)
            os.dup2(write_fd, 1)
            os.dup2(write_fd, 2)
            # pytest's capture replaced sys.stdout/sys.stderr; talk to the pipe instead
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            os.chdir(cwd)
            os.environ.update(env)
            sys.argv = ["dpp-auditor", *argv]
            try:
                cli.main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = start + bound_s
    killed = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            os.kill(pid, signal.SIGKILL)
            killed = True
            break
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(read_fd)
    seconds = time.monotonic() - start
    output = b"".join(chunks).decode("utf-8", "replace")
    if killed:
        return None, None, output, seconds
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status), output, seconds
    return os.WEXITSTATUS(status), None, output, seconds
