"""TEST HARNESS: a loopback HTTP server speaking the subset of OPA's REST API that
opa-python-client uses, evaluating with real OPA in-process (opa_bindings, PyPI
opa-golib-python-bindings).

It exists because no `opa` binary can be installed on the machines this project is built and
tested on; it is not part of the product and not a production OPA server. Supported:

- GET /health
- GET /v1/policies[/], GET|PUT|DELETE /v1/policies/{id}  (PUT compiles; failures answer 400
  with OPA's error shape: {code, message, errors: [{code, message, location: {file, row,
  col}}]}; see _State for where the harness is lazier than OPA)
- GET|PUT|DELETE /v1/data[/{path}], POST /v1/data[/{path}] with {"input": ...}
  (-> {"result": ...}, or {} when undefined; evaluation errors answer 500)
- POST /v1/query with {"query": ..., "input": ...}
"""

from __future__ import annotations

import copy
import json
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from opa_bindings import OpaEngine, OpaError, OpaUndefinedError

# "file:row: code: message", possibly followed by parser details ("\t<line>\n\t   ^").
_OPA_ERROR = re.compile(r"(?P<file>[^\s:][^:\n]*):(?P<row>\d+): (?P<code>rego_[a-z_]+): (?P<message>[^\n]*)")
_NAME_IN_MESSAGE = re.compile(r"(?:undefined function|undefined ref:?|unexpected) ([\w.\[\]\"]+)")


class _State:
    """Policies and data, and a compiled engine rebuilt lazily after a change.

    Differences from a real OPA server, to keep the harness fast (opa_bindings recompiles
    every module for each new query): a PUT compiles the module alone and, only when that
    fails for a reason other than syntax, with every stored module (so undefined functions
    and parse errors answer 400 as in OPA); a conflict between modules that each compile
    alone shows at the next evaluation instead (500). Evaluation computes the top-level
    document of the path (one prepared query per root) and caches it per input; only when
    that fails is the path evaluated on its own (a new query: slow, but exact).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.policies: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self._engine: OpaEngine | None = None
        self._results: dict[tuple[str, str], Any] = {}

    def put_policy(self, policy_id: str, text: str) -> None:
        """Store a module; raise OpaError (OPA's compile errors) to refuse it."""
        policies = {**self.policies, policy_id: text}
        try:
            _compile({policy_id: text}, {}).close()
            engine = None
        except OpaError as alone:
            if "rego_parse_error" in alone.message:
                raise
            engine = _compile(policies, self.data)
        self._replace(policies, self.data, engine)

    def delete_policy(self, policy_id: str) -> None:
        self._replace({k: v for k, v in self.policies.items() if k != policy_id}, self.data, None)

    def put_data(self, data: dict[str, Any]) -> None:
        self._replace(self.policies, data, None)

    def evaluate(self, path: list[str], input_doc: Any) -> Any:
        """The value at data.<path>; raise OpaUndefinedError or OpaError."""
        if self._engine is None:
            self._engine = _compile(self.policies, self.data)
        root = path[0] if path else ""
        key = (root, json.dumps(input_doc, sort_keys=True))
        if key not in self._results:
            if len(self._results) > 16:
                self._results.clear()
            try:
                self._results[key] = self._engine.eval_document(root, input_doc)
            except OpaUndefinedError:
                self._results[key] = _UNDEFINED
            except OpaError:
                self._results[key] = _FAILED
        if self._results[key] is _FAILED:  # a rule under the root errs: this path on its own
            return self._engine.eval_document(".".join(path), input_doc)
        value = self._results[key]
        for part in path[1:]:
            if not isinstance(value, dict) or part not in value:
                value = _UNDEFINED
                break
            value = value[part]
        if value is _UNDEFINED:
            raise OpaUndefinedError("data." + ".".join(path))
        return value

    def query(self, query: str, input_doc: Any) -> list[Any]:
        if self._engine is None:
            self._engine = _compile(self.policies, self.data)
        return list(self._engine.eval_query(query, input_doc))

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()

    def _replace(self, policies: dict[str, str], data: dict[str, Any], engine: OpaEngine | None) -> None:
        if self._engine is not None:
            self._engine.close()
        self.policies, self.data, self._engine = policies, data, engine
        self._results.clear()


_UNDEFINED = object()
_FAILED = object()


def _compile(policies: dict[str, str], data: dict[str, Any]) -> OpaEngine:
    engine = OpaEngine()
    try:
        for policy_id in sorted(policies):
            engine.add_policy(policy_id, policies[policy_id])
        if data:
            engine.add_data(data)
        engine.eval_query("true")  # opa_bindings compiles lazily: force it now
    except OpaError:
        engine.close()
        raise
    return engine


def opa_errors(error: OpaError, sources: dict[str, str]) -> list[dict[str, Any]]:
    """OPA's REST error list from an opa_bindings error message (columns recovered)."""
    found = []
    text = error.message
    matches = list(_OPA_ERROR.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        details = text[match.end() : end]
        row = int(match["row"])
        col = _column(details, sources.get(match["file"], ""), row, match["message"])
        found.append(
            {
                "code": match["code"],
                "message": match["message"],
                "location": {"file": match["file"], "row": row, "col": col},
            }
        )
    if not found:
        found.append({"code": error.code, "message": text})
    return found


def _column(details: str, source: str, row: int, message: str) -> int:
    lines = details.strip("\n").split("\n")
    if len(lines) >= 2 and "^" in lines[-1]:
        return lines[-1].removeprefix("\t").index("^") + 1
    source_lines = source.splitlines()
    name = _NAME_IN_MESSAGE.search(message)
    if name and 0 < row <= len(source_lines):
        for candidate in (name[1], name[1].rsplit(".", 1)[-1]):
            col = source_lines[row - 1].find(candidate)
            if col >= 0:
                return col + 1
    return 1


class _Handler(BaseHTTPRequestHandler):
    server: OpaRestServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    # -- plumbing ----------------------------------------------------------------------

    def _send(self, status: int, body: Any = None) -> None:
        raw = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json(self) -> Any:
        raw = self._body()
        return json.loads(raw) if raw else None

    def _route(self) -> tuple[str, str]:
        path = urlsplit(self.path).path
        for prefix, kind in (("/v1/policies", "policies"), ("/v1/data", "data"), ("/v1/query", "query")):
            if path == prefix or path.startswith(prefix + "/"):
                return kind, unquote(path[len(prefix) :].strip("/"))
        return path, ""

    def _dispatch(self, method: str) -> None:
        kind, rest = self._route()
        handler = getattr(self, f"_{method}_{kind.strip('/').replace('/', '_')}", None)
        if handler is None:
            self._send(HTTPStatus.NOT_FOUND, {"code": "resource_not_found", "message": "unsupported path"})
            return
        try:
            handler(rest)
        except json.JSONDecodeError as exc:
            self._send(HTTPStatus.BAD_REQUEST, {"code": "invalid_parameter", "message": str(exc)})

    def do_GET(self) -> None:
        self._dispatch("get")

    def do_PUT(self) -> None:
        self._dispatch("put")

    def do_POST(self) -> None:
        self._dispatch("post")

    def do_DELETE(self) -> None:
        self._dispatch("delete")

    # -- endpoints ---------------------------------------------------------------------

    def _get_health(self, _: str) -> None:
        self._send(HTTPStatus.OK, {})

    def _get_policies(self, policy_id: str) -> None:
        state = self.server.state
        with state.lock:
            if not policy_id:
                listing = [{"id": i, "raw": t} for i, t in sorted(state.policies.items())]
                self._send(HTTPStatus.OK, {"result": listing})
            elif policy_id in state.policies:
                self._send(HTTPStatus.OK, {"result": {"id": policy_id, "raw": state.policies[policy_id]}})
            else:
                self._not_found(f"policy id {policy_id!r}")

    def _put_policies(self, policy_id: str) -> None:
        text = self._body().decode("utf-8")
        state = self.server.state
        with state.lock:
            try:
                state.put_policy(policy_id, text)
            except OpaError as exc:
                self._compile_failed(exc, {**state.policies, policy_id: text})
                return
        self._send(HTTPStatus.OK, {})

    def _delete_policies(self, policy_id: str) -> None:
        state = self.server.state
        with state.lock:
            if policy_id not in state.policies:
                self._not_found(f"policy id {policy_id!r}")
                return
            state.delete_policy(policy_id)
        self._send(HTTPStatus.OK, {})

    def _get_data(self, path: str) -> None:
        self._evaluate(path, None)

    def _post_data(self, path: str) -> None:
        body = self._json() or {}
        self._evaluate(path, body.get("input"))

    def _put_data(self, path: str) -> None:
        value = self._json()
        state = self.server.state
        with state.lock:
            state.put_data(_with_value(state.data, path, value))
        self._send(HTTPStatus.NO_CONTENT)

    def _delete_data(self, path: str) -> None:
        state = self.server.state
        with state.lock:
            state.put_data(_with_value(state.data, path, None, delete=True))
        self._send(HTTPStatus.NO_CONTENT)

    def _post_query(self, _: str) -> None:
        body = self._json() or {}
        state = self.server.state
        with state.lock:
            try:
                rows = state.query(body.get("query", ""), body.get("input"))
            except OpaError as exc:
                self._send(HTTPStatus.BAD_REQUEST, {"code": "invalid_parameter", "message": exc.message})
                return
        self._send(HTTPStatus.OK, {"result": rows} if rows else {})

    # -- helpers -----------------------------------------------------------------------

    def _evaluate(self, path: str, input_doc: Any) -> None:
        state = self.server.state
        with state.lock:
            try:
                value = state.evaluate([p for p in path.split("/") if p], input_doc)
            except OpaUndefinedError:
                self._send(HTTPStatus.OK, {})
                return
            except OpaError as exc:
                self._send(
                    HTTPStatus.INTERNAL_SERVER_ERROR, {"code": "internal_error", "message": exc.message}
                )
                return
        self._send(HTTPStatus.OK, {"result": value})

    def _compile_failed(self, exc: OpaError, sources: dict[str, str]) -> None:
        message = "error(s) occurred while compiling module(s)"
        errors = opa_errors(exc, sources)
        self._send(
            HTTPStatus.BAD_REQUEST, {"code": "invalid_parameter", "message": message, "errors": errors}
        )

    def _not_found(self, what: str) -> None:
        self._send(
            HTTPStatus.NOT_FOUND,
            {"code": "resource_not_found", "message": f"storage_not_found_error: {what}"},
        )


def _with_value(data: dict[str, Any], path: str, value: Any, *, delete: bool = False) -> dict[str, Any]:
    parts = [p for p in path.split("/") if p]
    if not parts:
        return {} if delete else dict(value or {})
    result = copy.deepcopy(data)
    node = result
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    if delete:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value
    return result


class OpaRestServer(ThreadingHTTPServer):
    """`with OpaRestServer() as server: OpaClient(port=server.port)` - stops on exit."""

    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), _Handler)
        self.state = _State()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OpaRestServer:
        self._thread = threading.Thread(target=self.serve_forever, name="opa-rest-harness", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.state.close()

    def __enter__(self) -> OpaRestServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    """Serve in the foreground: `python -m tests.harness.opa_rest_server [--port 8181]` (tests only)."""
    import argparse

    parser = argparse.ArgumentParser(description="TEST HARNESS: OPA REST subset over opa_bindings")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8181)
    args = parser.parse_args()
    server = OpaRestServer(args.host, args.port)
    print(f"test harness (not an OPA server) on http://{args.host}:{server.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.state.close()


if __name__ == "__main__":
    main()
