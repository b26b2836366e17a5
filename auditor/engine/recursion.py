"""A static call-graph check for recursive Rego rules, run before any engine sees a policy.

OPA rejects recursion at compile time (`rego_recursion_error`); regorus recurses until the
process overflows its stack and dies with SIGSEGV, taking the run with it. So the application
rejects it first, with the file and line of a rule on the cycle.

The scan is lexical, not a Rego parser: strings and comments are blanked, each top-level
statement is one rule (its head name is the first identifier at brace depth 0), and a rule
refers to another rule of its package by a bare name that is not a local variable of that
rule, to `data.<package>.<rule>`, or through an import alias. That over-approximates
references only where a local shadows a rule name without `:=`, `some` or `every` (rare in
Rego v1); the shipped policies are checked by a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from auditor.errors import PolicyError

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REF = re.compile(r"(?<![\w.])([A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)")
_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_IMPORT = re.compile(r"^import\s+(data(?:\.\w+)+)(?:\s+as\s+(\w+))?", re.MULTILINE)
_SOME = re.compile(r"\b(?:some|every)\s+([\w\s,]+?)(?:\bin\b|$|\n|;|\})")
_ASSIGNED = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*:=")
_KEYWORDS = frozenset(
    {
        "if",
        "contains",
        "some",
        "every",
        "in",
        "not",
        "with",
        "as",
        "else",
        "default",
        "true",
        "false",
        "null",
        "input",
        "data",
        "import",
        "package",
        "future",
        "rego",
    }
)

Node = tuple[str, str]  # (package path, rule name)


@dataclass
class _Rule:
    package: str
    name: str
    file: str
    line: int
    text: str  # the rule without its head name, strings and comments blanked


@dataclass
class _Module:
    file: str
    package: str
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> data path (without data.)
    rules: list[_Rule] = field(default_factory=list)


def _blank(text: str) -> str:
    """Strings and comments replaced by spaces (newlines kept), so offsets and lines hold."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
        elif c == '"':
            out[i] = " "
            i += 1
            while i < n and text[i] != '"' and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n:
                    out[i] = " "
                    i += 1
                out[i] = " "
                i += 1
            if i < n and text[i] == '"':
                out[i] = " "
                i += 1
        elif c == "`":
            out[i] = " "
            i += 1
            while i < n and text[i] != "`":
                if text[i] != "\n":
                    out[i] = " "
                i += 1
            if i < n:
                out[i] = " "
                i += 1
        else:
            i += 1
    return "".join(out)


def _statements(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line, text) of each top-level statement: a line at depth 0 starting a name."""
    depth = 0
    chunks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if depth == 0 and stripped and _IDENT.match(stripped) and not stripped.startswith("else"):
            chunks.append((number, []))
        if chunks:
            chunks[-1][1].append(line)
        for ch in line:
            if ch in "{[(":
                depth += 1
            elif ch in "}])":
                depth = max(0, depth - 1)
    for number, body in chunks:
        yield number, "\n".join(body)


def _module(file: str, text: str) -> _Module | None:
    clean = _blank(text)
    package = _PACKAGE.search(clean)
    if package is None:
        return None  # the metadata parser reports a missing package
    module = _Module(file, package.group(1))
    for m in _IMPORT.finditer(clean):
        path = m.group(1).removeprefix("data.")
        module.aliases[m.group(2) or path.rsplit(".", 1)[-1]] = path
    for line, stmt in _statements(clean):
        words = stmt.split()
        first = words[0] if words else ""
        if first in ("package", "import"):
            continue
        head = stmt.lstrip()
        if first == "default":
            head = head[len("default") :].lstrip()
        name = _IDENT.match(head)
        if name is None:
            continue
        module.rules.append(_Rule(module.package, name.group(0), file, line, head[name.end() :]))
    return module


def _locals(rule: _Rule) -> set[str]:
    """Names a rule binds itself: function arguments, `some`/`every` variables, `x :=`."""
    names: set[str] = set()
    head_args = re.match(r"\s*\(([^)]*)\)", rule.text)
    if head_args:
        names.update(_IDENT.findall(head_args.group(1)))
    for m in _SOME.finditer(rule.text):
        names.update(_IDENT.findall(m.group(1)))
    names.update(_ASSIGNED.findall(rule.text))
    return names


def _edges(rule: _Rule, module: _Module, rules: dict[Node, _Rule]) -> set[Node]:
    bound = _locals(rule)
    out: set[Node] = set()
    packages = {pkg for pkg, _ in rules}
    for m in _REF.finditer(rule.text):
        parts = re.split(r"\s*\.\s*", m.group(1))
        head = parts[0]
        if head == "data":
            path = parts[1:]
        elif head in module.aliases and head not in bound:
            path = module.aliases[head].split(".") + parts[1:]
        elif head in bound or head in _KEYWORDS:
            continue
        else:
            if (rule.package, head) in rules:
                out.add((rule.package, head))
            continue
        # the longest package prefix whose next component names one of its rules
        for cut in range(len(path) - 1, 0, -1):
            pkg = ".".join(path[:cut])
            if pkg in packages and (pkg, path[cut]) in rules:
                out.add((pkg, path[cut]))
                break
    return out


def _cycle(graph: dict[Node, set[Node]]) -> list[Node] | None:
    """One cycle of the graph (first node repeated at the end), or None. Iterative DFS."""
    state: dict[Node, int] = {}  # 1 on the stack, 2 done
    for root in sorted(graph):
        if state.get(root):
            continue
        stack: list[tuple[Node, Iterator[Node]]] = [(root, iter(sorted(graph[root])))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                path = [n for n, _ in stack]
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return None


def check_recursion(modules: dict[str, str]) -> None:
    """Raise PolicyError `file:line: rego_recursion_error: ...` when a rule refers to itself."""
    parsed = [m for key, text in sorted(modules.items()) if (m := _module(key, text)) is not None]
    first: dict[Node, _Rule] = {}
    for module in parsed:
        for rule in module.rules:
            first.setdefault((rule.package, rule.name), rule)
    graph: dict[Node, set[Node]] = {node: set() for node in first}
    for module in parsed:
        for rule in module.rules:
            graph[(rule.package, rule.name)] |= _edges(rule, module, first)
    cycle = _cycle(graph)
    if cycle is None:
        return
    where = first[cycle[0]]
    chain = " -> ".join(f"data.{pkg}.{name}" for pkg, name in cycle)
    raise PolicyError(
        f"{where.file}:{where.line}: rego_recursion_error: rule data.{where.package}.{where.name} "
        f"is recursive: {chain}"
    )
