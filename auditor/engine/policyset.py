"""A policy directory tree: its modules, packages, METADATA and a stable hash; engine factory.

Module keys are `<root dir name>/<path inside it>` (e.g. `policies/dpp/net/net_1.rego`): the
same on every machine, so the hash is stable, and readable in file:line:col errors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from auditor.engine.base import PolicyEngine
from auditor.engine.metadata import Metadata, ModuleMetadata, parse_module
from auditor.engine.recursion import check_recursion
from auditor.engine.shipped import check_shipped_packages
from auditor.errors import PolicyError, UsageError
from auditor.inputs import read_text as read_input_text

ENGINE_NAMES = ("embedded", "opa")
TEST_SUFFIX = "_test.rego"


@dataclass
class PackageInfo:
    """One Rego package of the production modules.

    `metadata` is the package-scope METADATA block, else the first rule-scope block carrying a
    clause, else an empty record (clause None)."""

    path: str  # "dpp.net.net_1"
    file: str  # module key of the first module declaring it
    metadata: Metadata
    files: list[str] = field(default_factory=list)
    rule_metadata: list[Metadata] = field(default_factory=list)

    @property
    def data_path(self) -> str:
        return f"data.{self.path}"


@dataclass
class PolicySet:
    modules: dict[str, str]  # production modules {key: text}
    test_modules: dict[str, str]
    packages: list[PackageInfo]
    sha256: str
    sources: dict[str, Path] = field(default_factory=dict)  # key -> file on disk
    module_metadata: dict[str, ModuleMetadata] = field(default_factory=dict)

    @property
    def all_modules(self) -> dict[str, str]:
        return {**self.modules, **self.test_modules}

    def display_path(self, key: str) -> str:
        """Where a module key lives on disk, relative to the working directory when below it."""
        return _display(key, self.sources)

    def localize(self, message: str) -> str:
        """Rewrite a leading `key:line:col` of an engine error to the file on disk."""
        return _localize(message, self.sources)

    def package(self, path: str) -> PackageInfo:
        for info in self.packages:
            if info.path == path:
                return info
        raise KeyError(path)


def load_policyset(dirs: Iterable[Path]) -> PolicySet:
    """Read every `*.rego` under each directory (hidden directories skipped)."""
    modules: dict[str, str] = {}
    tests: dict[str, str] = {}
    sources: dict[str, Path] = {}
    for root in dirs:
        root = Path(root)
        if not root.is_dir():
            raise UsageError(f"{root}: policy directory does not exist")
        for path in sorted(root.rglob("*.rego")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts):
                continue
            key = f"{root.resolve().name}/{rel.as_posix()}"
            if key in sources:
                raise UsageError(f"{path}: module {key} is also provided by {sources[key]}")
            text = read_input_text(path, "policy")  # a FIFO named *.rego must not hang the load
            sources[key] = path
            (tests if path.name.endswith(TEST_SUFFIX) else modules)[key] = text
    try:
        metadata = {key: parse_module(key, text) for key, text in sorted(modules.items())}
        for key, text in sorted(tests.items()):
            parse_module(key, text)  # METADATA errors in tests are errors too
        check_recursion({**modules, **tests})  # regorus would overflow its stack on recursion
        check_shipped_packages({**modules, **tests}, sources)
    except PolicyError as exc:
        raise PolicyError(_localize(str(exc), sources)) from None
    return PolicySet(
        modules=modules,
        test_modules=tests,
        packages=_packages(metadata),
        sha256=policy_hash(modules),
        sources=sources,
        module_metadata=metadata,
    )


def _display(key: str, sources: dict[str, Path]) -> str:
    source = sources.get(key)
    if source is None:
        return key
    try:
        return source.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(source.resolve())


def _localize(message: str, sources: dict[str, Path]) -> str:
    key, sep, rest = message.partition(":")
    return _display(key, sources) + sep + rest if key in sources else message


def policy_hash(modules: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for key in sorted(modules):
        digest.update(key.encode())
        digest.update(b"\0")
        digest.update(modules[key].encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _packages(metadata: dict[str, ModuleMetadata]) -> list[PackageInfo]:
    by_path: dict[str, PackageInfo] = {}
    for key, module in metadata.items():
        info = by_path.get(module.package)
        if info is None:
            empty = Metadata(file=key, line=module.package_line, scope="package", target="package")
            info = by_path[module.package] = PackageInfo(module.package, key, empty)
        info.files.append(key)
        info.rule_metadata.extend(module.rules)
        if module.package_metadata is not None:
            if info.metadata.raw or info.metadata.clause:
                raise PolicyError(
                    f"{key}:{module.package_metadata.line}: package {module.package} already has "
                    f"METADATA in {info.metadata.file}:{info.metadata.line}"
                )
            info.metadata = module.package_metadata
    for info in by_path.values():
        if info.metadata.clause is None and not info.metadata.raw:
            for meta in info.rule_metadata:
                if meta.clause:
                    info.metadata = meta
                    break
    return [by_path[p] for p in sorted(by_path)]


def make_engine(name: str, *, opa_url: str | None = None, timeout_s: float = 10.0) -> PolicyEngine:
    """`embedded` (regorus, in-process) or `opa` (an OPA server at opa_url)."""
    if name == "embedded":
        from auditor.engine.regorus_engine import RegorusEngine

        return RegorusEngine()
    if name == "opa":
        from auditor.engine.opa_server import DEFAULT_OPA_URL, OpaServerEngine

        return OpaServerEngine(opa_url or DEFAULT_OPA_URL, timeout_s=timeout_s)
    raise UsageError(f"unknown engine {name!r} (expected one of {', '.join(ENGINE_NAMES)})")
