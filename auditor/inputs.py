"""The one reader of user-supplied input files: config, inventory, CSV and YAML registers,
attestations, waivers, results, policies and paths from the environment.

Every refusal is an InputError (exit 2) whose message starts with `file` or `file:line`:
a FIFO or device would block or never end, a symlink loop or an over-long path would surface
as an OSError with no name, undecodable bytes and over-long lines (a 5 MB INI line) would
hang or mislead parsers, and a duplicate YAML key silently drops one of its values.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import UsageError

PATH_MAX = 4096
NAME_MAX = 255
MAX_LINE = 64 * 1024  # no hand-written config, CSV or register line comes near this
MAX_BYTES = 64 * 1024 * 1024
MAX_YAML_DEPTH = 64


class InputError(UsageError):
    """An input file cannot be read as what it should be; the message names file[:line]."""


def kind_of(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def expand(path: str | Path) -> Path:
    """`~` and `~user` expanded; an unknown user is an InputError, not a literal `~x` path."""
    text = str(path)
    if text.startswith("~"):
        expanded = os.path.expanduser(text)
        if expanded.startswith("~"):
            user = text[1:].split("/", 1)[0]
            raise InputError(f"{text}: no such user {user!r} for ~ expansion")
        return Path(expanded)
    return Path(text)


def _short(text: str) -> str:
    """Head and tail of a long path: the tail names the file the user meant."""
    return text if len(text) <= 160 else f"{text[:70]}...{text[-70:]}"


def check_path(path: str | Path) -> Path:
    """Length limits checked before the kernel sees the path (ENAMETOOLONG names nothing)."""
    p = expand(path)
    text = str(p)
    if "\0" in text:
        raise InputError(f"{text[:80]!r}: a path cannot contain NUL")
    if len(text.encode()) > PATH_MAX:
        raise InputError(f"{_short(text)}: path longer than {PATH_MAX} bytes")
    long = next((part for part in p.parts if len(part.encode()) > NAME_MAX), None)
    if long is not None:
        raise InputError(f"{_short(text)}: a path component is longer than {NAME_MAX} bytes")
    return p


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "a parent is not a directory"
    return exc.strerror or type(exc).__name__


def regular_file(path: str | Path, what: str = "file") -> Path:
    """The path, if it is (or links to) a regular file; else InputError naming it."""
    p = check_path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{p}: {what} not found") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read {what}: {_os_reason(exc)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{p}: cannot read {what}: {kind_of(st.st_mode)}, not a regular file")
    return p


def read_bytes(path: str | Path, what: str = "file", max_bytes: int = MAX_BYTES) -> bytes:
    """Bytes of a regular file. O_NONBLOCK: a FIFO swapped in after the check cannot block."""
    p = regular_file(path, what)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"{p}: cannot read {what}: {_os_reason(exc)}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{p}: cannot read {what}: {kind_of(st.st_mode)}, not a regular file")
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{p}: cannot read {what}: {_os_reason(exc)}") from None
    if len(data) > max_bytes:
        raise InputError(f"{p}: {what} larger than {max_bytes} bytes")
    return data


def decode(data: bytes, name: str, *, max_line: int = MAX_LINE) -> str:
    """UTF-8 (BOM allowed) with every line at most max_line bytes; errors name the line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x})") from None
    start = 0
    number = 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > max_line:
            raise InputError(f"{name}:{number}: line longer than {max_line} bytes")
        start, number = end + 1, number + 1
    return text


def read_text(path: str | Path, what: str = "file", *, max_line: int = MAX_LINE) -> str:
    p = check_path(path)
    return decode(read_bytes(p, what), str(p), max_line=max_line)


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping names one key twice; YAML would keep the last value without a word."""


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and absurd nesting (RecursionError otherwise)."""


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            duplicate = key in seen
            seen.add(key)
        except TypeError:  # an unhashable key: the constructor below reports it
            continue
        if duplicate:
            raise DuplicateKeyError(None, None, f"duplicate key {key!r}", key_node.start_mark)
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
    """`2027-02-30` matches YAML's date pattern but is no date: a located error, not ValueError."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({exc})", node.start_mark
        ) from None


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _depth_error(node: yaml.Node | None, name: str) -> None:
    """Nesting deeper than MAX_YAML_DEPTH is refused before the recursive constructor runs."""
    stack: list[tuple[yaml.Node, int]] = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:
            raise InputError(
                f"{name}:{current.start_mark.line + 1}: nested deeper than {MAX_YAML_DEPTH} levels"
            )
        if isinstance(current, yaml.MappingNode):
            stack.extend((v, depth + 1) for _, v in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((v, depth + 1) for v in current.value)


def _deep_line(text: str) -> int:
    """Line where flow brackets first nest too deep (the parser itself recursed past its limit)."""
    depth, line = 0, 1
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch in "[{":
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return line
        elif ch in "]}":
            depth -= 1
    return 1


def yaml_error(exc: yaml.YAMLError, name: str) -> InputError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{name}:{mark.line + 1}" if mark else f"{name}:1"
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if isinstance(exc, DuplicateKeyError):
        return InputError(f"{where}: {problem}")
    return InputError(f"{where}: invalid YAML: {problem}")


def parse_yaml(text: str, name: str) -> tuple[yaml.Node | None, Any]:
    """(node tree for line numbers, data) of one YAML document, strictly."""
    try:
        root = yaml.compose(text, Loader=StrictLoader)
        _depth_error(root, name)
        data = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, name) from None
    except RecursionError:
        raise InputError(f"{name}:{_deep_line(text)}: nested deeper than {MAX_YAML_DEPTH} levels") from None
    return root, data


def load_yaml(path: str | Path, what: str = "file") -> Any:
    p = check_path(path)
    return parse_yaml(read_text(p, what), str(p))[1]


def writable_parent(path: Path, what: str) -> Path:
    """An output file's folder must exist already: nothing is created outside the given paths."""
    p = check_path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise InputError(f"{p}: {what} is a directory; give a file name")
    if not parent.is_dir():
        raise InputError(f"{p}: {what}: folder {parent} does not exist")
    return p
